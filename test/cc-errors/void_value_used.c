void g(void);
int f(void)
{
	int x = g();
	return x;
}
