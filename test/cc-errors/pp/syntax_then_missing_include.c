int f(void)
{
	return 1
}
#include "missing.h"
int g(void) { return 2; }
