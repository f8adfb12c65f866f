#include <stdio.h>
#include <stdlib.h>
struct __attribute__((packed)) packed { char c; int i; short s; };
struct aligned { char c; } __attribute__((aligned(16)));
struct mem_aligned { char c; int x __attribute__((aligned(8))); };
static int counter __attribute__((used)) = 3;
int in_section __attribute__((section(".data.custom"))) = 5;
static void die(void) __attribute__((noreturn));
static void die(void) { exit(3); }
int weak_fn(void) __attribute__((weak));
int weak_fn(void) { return 11; }
int real_target(int x) { return x * 2; }
int alias_fn(int x) __attribute__((alias("real_target")));
__attribute__((unused)) static int unused_fn(void) { return 0; }
int __attribute__((regparm(0))) asmlinkage_like(int a) { return a + 1; }
int main(void)
{
	int unused_var __attribute__((unused));
	__attribute__((aligned(16))) char buf[4];
	printf("%d %d %d\n", (int)sizeof(struct packed), (int)sizeof(struct aligned), (int)__alignof__(struct aligned));
	printf("%d %d\n", (int)sizeof(struct mem_aligned), (int)__builtin_offsetof(struct mem_aligned, x));
	printf("%d %d %d %d %d\n", counter, in_section, weak_fn(), alias_fn(21), asmlinkage_like(1));
	printf("%d\n", (int)(((unsigned long)buf) % 16));
	die();
}
