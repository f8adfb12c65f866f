int f(int x)
{
	int *p = &(x + 1);
	return *p;
}
