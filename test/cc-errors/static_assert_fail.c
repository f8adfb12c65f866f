_Static_assert(sizeof(int) == 8, "int must be 8 bytes");
