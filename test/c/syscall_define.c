/* The SYSCALL_DEFINEn machinery of include/linux/syscalls.h (4.4), trimmed to what the macros need. */
#include <stdio.h>
#define asmlinkage __attribute__((regparm(0)))
#define __MAP0(m,...)
#define __MAP1(m,t,a) m(t,a)
#define __MAP2(m,t,a,...) m(t,a), __MAP1(m,__VA_ARGS__)
#define __MAP3(m,t,a,...) m(t,a), __MAP2(m,__VA_ARGS__)
#define __MAP(n,...) __MAP##n(__VA_ARGS__)
#define __SC_DECL(t, a) t a
#define __SC_LONG(t, a) long a
#define __SC_CAST(t, a) (t) a
#define SYSCALL_DEFINE0(sname) asmlinkage long sys_##sname(void)
#define SYSCALL_DEFINE1(name, ...) SYSCALL_DEFINEx(1, _##name, __VA_ARGS__)
#define SYSCALL_DEFINE3(name, ...) SYSCALL_DEFINEx(3, _##name, __VA_ARGS__)
#define SYSCALL_DEFINEx(x, sname, ...) __SYSCALL_DEFINEx(x, sname, __VA_ARGS__)
#define __SYSCALL_DEFINEx(x, name, ...) \
	asmlinkage long sys##name(__MAP(x,__SC_DECL,__VA_ARGS__)) __attribute__((alias("SyS" #name))); \
	static inline long SYSC##name(__MAP(x,__SC_DECL,__VA_ARGS__)); \
	asmlinkage long SyS##name(__MAP(x,__SC_LONG,__VA_ARGS__)); \
	asmlinkage long SyS##name(__MAP(x,__SC_LONG,__VA_ARGS__)) \
	{ \
		long ret = SYSC##name(__MAP(x,__SC_CAST,__VA_ARGS__)); \
		return ret; \
	} \
	static inline long SYSC##name(__MAP(x,__SC_DECL,__VA_ARGS__))
SYSCALL_DEFINE0(nsys)
{
	printf("Hello from nsys\n");
	return 0;
}
SYSCALL_DEFINE1(twice, int, x)
{
	return 2L * x;
}
SYSCALL_DEFINE3(sum3, int, a, unsigned char, b, const char *, s)
{
	return a + b + s[0];
}
typedef long (*sys_call_ptr_t)(long, long, long);
const sys_call_ptr_t table[] = { (sys_call_ptr_t)sys_nsys, (sys_call_ptr_t)sys_twice, (sys_call_ptr_t)sys_sum3 };
int main(void)
{
	printf("%ld %ld %ld\n", sys_nsys(), sys_twice(21), sys_sum3(1, 258, "A"));
	printf("%ld %ld\n", table[1](5, 0, 0), table[2](1, 2, (long)"B"));
	return 0;
}
