int f(void)
{
	char c = 'ab;
	return c;
}
