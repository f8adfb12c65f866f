int f(void)
{
	3 = 4;
	return 0;
}
