int f(void) { return 5 6; }
