#include
int f(void)
{
	return q;
}
