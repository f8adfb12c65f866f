int f(foo x)
{
	return 0;
}
