int f(int x)
{
	int a[2];
	int y = a[1;
	return y;
}
