int y;
_Static_assert(y, "m");
