#include "sibling.h"
int inner = __INCLUDE_LEVEL__;
const char *inner_file = __FILE__;
