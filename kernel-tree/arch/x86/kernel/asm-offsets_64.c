#define __SYSCALL_64(nr, sym, compat) [nr] = 1,
#define __SYSCALL_COMMON(nr, sym, compat) [nr] = 1,
#ifdef CONFIG_X86_X32_ABI
# define __SYSCALL_X32(nr, sym, compat) [nr] = 1,
#else
# define __SYSCALL_X32(nr, sym, compat) /* nothing */
#endif
static char syscalls_64[] = {
#include <asm/syscalls_64.h>
};
#define __SYSCALL_I386(nr, sym, compat) [nr] = 1,
static char syscalls_ia32[] = {
#include <asm/syscalls_32.h>
};

/*
 * 4.4 writes DEFINE(__NR_syscall_max, sizeof(syscalls_64) - 1) and so on.
 * kwb's compiler does not yet accept a constant expression (only a number
 * or an enumerator) as an "i" operand of asm, so the values are named by
 * enumerators first; gcc makes the same header from either form.
 */
enum {
	syscalls_64_max = sizeof(syscalls_64) - 1,
	syscalls_64_nr = sizeof(syscalls_64),
	syscalls_ia32_max = sizeof(syscalls_ia32) - 1,
	syscalls_ia32_nr = sizeof(syscalls_ia32),
};

int main(void)
{
	BLANK();

	DEFINE(__NR_syscall_max, syscalls_64_max);
	DEFINE(NR_syscalls, syscalls_64_nr);

	DEFINE(__NR_syscall_compat_max, syscalls_ia32_max);
	DEFINE(IA32_NR_syscalls, syscalls_ia32_nr);

	return 0;
}
