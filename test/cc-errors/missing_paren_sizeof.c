int f(int x)
{
	int y = sizeof(int;
	return y;
}
