// Small freestanding programs: their own _start, exit through the syscall instruction.
export const SYS = `
long sys3(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return r;
}
void put(const char *s) { long n = 0; while (s[n]) n++; sys3(1, 1, (long)s, n); }
void putnum(long v) {
  char buf[24]; int i = 23; buf[i] = 0;
  int neg = v < 0; unsigned long u = neg ? -(unsigned long)v : (unsigned long)v;
  do { buf[--i] = '0' + u % 10; u /= 10; } while (u);
  if (neg) buf[--i] = '-';
  put(buf + i);
}
void quit(long code) { sys3(60, code, 0, 0); for (;;); }
`;

export const MAIN = `
void put(const char *s); void putnum(long v); void quit(long code);
extern int counter;
int counter_add(int);
extern const char *greeting(void);
int table[8] = {1, 2, 3, 4, 5, 6, 7, 8};
int zeroes[100];
int shared;                       /* COMMON with -fcommon */
static int hidden = 42;
const char *names[] = {"zero", "one", "two"};
__attribute__((weak)) int maybe(void) { return 7; }
extern int absent(void) __attribute__((weak));
__attribute__((section("kwb_list"))) const long item_a = 11;
extern const long __start_kwb_list[], __stop_kwb_list[];
extern char _end[], _edata[], __bss_start[], _etext[];
static int classify(int x) {
  switch (x) { case 0: return 10; case 1: return 20; case 2: return 30; case 3: return 40; case 4: return 50; default: return -1; }
}
int (*fp)(int) = counter_add;
void _start(void) {
  put(greeting()); put("\\n");
  long sum = 0;
  for (int i = 0; i < 8; i++) sum += table[i];
  putnum(sum); put(" ");
  putnum(classify(3) + classify(9)); put(" ");
  put(names[2]); put(" ");
  putnum(fp(5)); putnum(counter_add(1)); put(" ");
  putnum(hidden + zeroes[50] + shared); put(" ");
  putnum(maybe()); put(" ");
  putnum(absent ? 1 : 0); put(" ");
  long n = __stop_kwb_list - __start_kwb_list;
  putnum(n); put(" "); putnum(__start_kwb_list[0] + __start_kwb_list[n - 1]); put(" ");
  putnum(_edata <= __bss_start && __bss_start < _end && (char *)_etext < _edata); put("\\n");
  quit(sum - 30);
}
`;

export const LIB = `
int counter = 100;
int shared;
int counter_add(int x) { counter += x; return counter; }
const char *greeting(void) { return "hello from a linked program"; }
__attribute__((section("kwb_list"))) const long item_b = 22;
int maybe(void) { return 9; }
`;
