int f(void)
{
	int x = 3 int y;
	return x;
}
