#if 1 +
#endif
#include <nosuchheader.h>
int f(void)
{
	return q;
}
