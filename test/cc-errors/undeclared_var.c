int f(int a)
{
	return x + a;
}
