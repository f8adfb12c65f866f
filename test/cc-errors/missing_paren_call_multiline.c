int g(int a, int b);
int f(int x)
{
	int y = g(1,
		2;
	return y;
}
