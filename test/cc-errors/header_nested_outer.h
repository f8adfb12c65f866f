/* the outer header includes the one with the mistake */
#define OUTER 1
#include "header_nested_inner.h"
