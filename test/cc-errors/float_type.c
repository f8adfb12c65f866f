int f(void)
{
	double d = 1;
	return (int)d;
}
