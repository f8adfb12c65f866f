int f(void)
{
	return 1;
}
#if 2 / 0
#endif
int g(void)
{
	return u;
}
