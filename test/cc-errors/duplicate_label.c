int f(void)
{
l:
	;
l:
	return 0;
}
