int f(3)
{
	return 0;
}
