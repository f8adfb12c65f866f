int f(void)
{
	int a;
	int a;
	return 0;
}
