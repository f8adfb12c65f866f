int f(void)
{
	int count = 0;
	return cout + 1;
}
