int f(void)
{
	return ();
}
