#error this configuration is not supported
int f(void)
{
	return x;
}
