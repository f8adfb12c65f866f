/* an error two headers deep */
int before;
#include "header_nested_outer.h"

int main(void)
{
	return origin.x;
}
