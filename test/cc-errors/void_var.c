int f(void)
{
	void v;
	return 0;
}
