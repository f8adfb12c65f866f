int f(void)
{
	struct { int a; } s = 3;
	return 0;
}
