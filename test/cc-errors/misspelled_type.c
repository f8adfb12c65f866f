int f(void)
{
	longg x = 1;
	return x;
}
