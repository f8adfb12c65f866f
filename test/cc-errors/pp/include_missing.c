#include "missing.h"
int f(void)
{
	return q;
}
