#include "rt.h"
/* Bubble sort, insertion sort over structs, recursion, switch jump tables, function pointers. */
struct item { int key; char tag; long weight; };
static int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
static void bubble(int *v, int n) { for (int i = 0; i < n; i++) for (int j = 0; j + 1 < n - i; j++) if (v[j] > v[j + 1]) { int t = v[j]; v[j] = v[j + 1]; v[j + 1] = t; } }
static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static const char *name(int k)
{
	switch (k) {
	case 0: return "zero"; case 1: return "one"; case 2: return "two"; case 3: return "three";
	case 4: return "four"; case 5: return "five"; case 6: return "six"; default: return "many";
	}
}
int main(int argc, char **argv, char **envp)
{
	int v[300];
	unsigned s = 12345;
	for (int i = 0; i < 300; i++) { s = s * 1103515245 + 12345; v[i] = (int)(s >> 8) % 1000 - 500; }
	bubble(v, 300);
	long sum = 0;
	for (int i = 0; i < 300; i++) sum = sum * 31 + v[i];
	putd(v[0]); puts_(" "); putd(v[299]); puts_(" "); putd(sum); nl();
	struct item items[8], tmp;
	for (int i = 0; i < 8; i++) { items[i].key = (i * 37) % 11; items[i].tag = 'a' + i; items[i].weight = (long)i << 40; }
	for (int i = 1; i < 8; i++) { tmp = items[i]; int j = i - 1; while (j >= 0 && items[j].key > tmp.key) { items[j + 1] = items[j]; j--; } items[j + 1] = tmp; }
	for (int i = 0; i < 8; i++) { char t[2] = { items[i].tag, 0 }; puts_(t); }
	nl();
	int (*f)(const void *, const void *) = cmp_int;
	putd(f(&v[10], &v[20]) <= 0); nl();
	putd(fib(20)); nl();
	for (int k = 0; k < 9; k++) { puts_(name(k)); puts_(k < 8 ? "," : "\n"); }
	return 0;
}
