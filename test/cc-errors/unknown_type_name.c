int f(void)
{
	foo b;
	return 0;
}
