int f(void)
{
	goto nowhere;
	return 0;
}
