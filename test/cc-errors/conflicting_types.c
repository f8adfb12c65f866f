int f(int a);
long f(int a)
{
	return a;
}
