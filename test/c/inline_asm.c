#include <stdio.h>
static long add_asm(long a, long b)
{
	long r;
	asm("movq %1, %0\n\taddq %2, %0" : "=&r"(r) : "r"(a), "r"(b));
	return r;
}
static int plus_one(int x)
{
	__asm__ __volatile__("addl $1, %0" : "+r"(x));
	return x;
}
static unsigned long via_fixed(unsigned long v)
{
	unsigned long out;
	asm volatile("movq %%rdi, %%rax\n\tshlq $3, %%rax" : "=a"(out) : "D"(v) : "cc");
	return out;
}
static int matching(int v)
{
	int r;
	asm("imull $3, %0, %0" : "=r"(r) : "0"(v));
	return r;
}
static long use_rbx(long v)
{
	long r;
	asm("movq %1, %%rbx\n\tleaq 1(%%rbx), %0" : "=r"(r) : "r"(v) : "rbx");
	return r;
}
static int mem_op(int *p)
{
	int r;
	asm("movl %1, %0" : "=r"(r) : "m"(*p));
	asm("movl $77, %0" : "=m"(*p));
	return r;
}
static int imm_op(void)
{
	int r;
	asm("movl %1, %0" : "=r"(r) : "i"(123));
	return r;
}
static int named(int a, int b)
{
	int r;
	asm("movl %[x], %[out]\n\tsubl %[y], %[out]" : [out] "=&r"(r) : [x] "r"(a), [y] "r"(b));
	return r;
}
static unsigned char low_byte(unsigned v)
{
	unsigned char r;
	asm("movb %b1, %0" : "=q"(r) : "q"(v));
	return r;
}
int main(void)
{
	int m = 5;
	printf("%ld %d %lu %d %ld\n", add_asm(40, 2), plus_one(9), via_fixed(5), matching(7), use_rbx(99));
	int before = mem_op(&m);
	printf("%d %d %d %d %d\n", before, m, imm_op(), named(10, 3), low_byte(0x1234));
	asm volatile("" ::: "memory");
	return 0;
}
