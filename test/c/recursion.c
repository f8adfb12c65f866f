#include <stdio.h>
static unsigned long fact(unsigned n) { return n <= 1 ? 1 : n * fact(n - 1); }
static int ack(int m, int n) { return m == 0 ? n + 1 : n == 0 ? ack(m - 1, 1) : ack(m - 1, ack(m, n - 1)); }
static int is_even(int n);
static int is_odd(int n) { return n == 0 ? 0 : is_even(n - 1); }
static int is_even(int n) { return n == 0 ? 1 : is_odd(n - 1); }
int main(void)
{
	printf("%lu %d %d %d\n", fact(20), ack(2, 3), is_even(10), is_odd(7));
	return 0;
}
