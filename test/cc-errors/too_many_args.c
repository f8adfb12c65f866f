int f(int a);
int g(void)
{
	return f(1, 2);
}
