int f(void)
{
	return 1;
}
#if defined X
#endif junk
#error stop here
int g(void) { return y; }
