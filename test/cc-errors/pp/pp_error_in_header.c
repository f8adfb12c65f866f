#include "pp_error_in_header.h"
int g(void)
{
	return h();
}
