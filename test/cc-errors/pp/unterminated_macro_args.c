#define ADD(a, b) ((a) + (b))
int f(void)
{
	return ADD(1, 2;
}
int g(void)
{
	return z;
}
