int f(void)
{
	continue;
	return 0;
}
