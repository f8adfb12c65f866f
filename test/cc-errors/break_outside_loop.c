int f(void)
{
	break;
	return 0;
}
