#if 0
#else
#else
#endif
int f(void) { return z; }
