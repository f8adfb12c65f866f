int foo(void) { return 1; }
EXPORT_SYMBOL(foo);
