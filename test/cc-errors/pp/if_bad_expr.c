#if 1 +
int a;
#endif
int f(void)
{
	return 1
}
