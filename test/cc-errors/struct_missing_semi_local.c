int f(void)
{
	struct t { int a; } int x;
	return 0;
}
