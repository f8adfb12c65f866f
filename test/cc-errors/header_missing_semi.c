#include "header_missing_semi.h"

int main(void)
{
	return twice(2);
}
