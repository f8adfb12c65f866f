/* The exit status comes from main's return value. */
int main(void) { return 42; }
