int f(void)
{
	int x
	return 0;
}
