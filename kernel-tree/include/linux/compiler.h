#ifndef __LINUX_COMPILER_H
#define __LINUX_COMPILER_H

#ifndef __ASSEMBLY__

#ifdef __CHECKER__
# define __user		__attribute__((noderef, address_space(1)))
# define __kernel	__attribute__((address_space(0)))
# define __safe		__attribute__((safe))
# define __force	__attribute__((force))
# define __nocast	__attribute__((nocast))
# define __iomem	__attribute__((noderef, address_space(2)))
#else
# define __user
# define __kernel
# define __safe
# define __force
# define __nocast
# define __iomem
#endif /* __CHECKER__ */

/*
 * What include/linux/compiler-gcc.h adds for gcc; the workbench's compiler
 * accepts the same attributes.
 */
#define barrier() __asm__ __volatile__("": : :"memory")

#define __used			__attribute__((__used__))
#define __must_check		__attribute__((warn_unused_result))
#define __visible		__attribute__((externally_visible))
#define __cold			__attribute__((__cold__))
#define __packed		__attribute__((packed))
#define __aligned(x)		__attribute__((aligned(x)))
#define __printf(a, b)		__attribute__((format(printf, a, b)))
#define __section(S)		__attribute__ ((__section__(#S)))
#define __always_inline		inline __attribute__((always_inline))
#define noinline		__attribute__((noinline))
#define __noreturn		__attribute__((noreturn))
#define __maybe_unused		__attribute__((unused))
#define __weak			__attribute__((weak))
#define notrace

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

/* Are two types/vars the same type (ignoring qualifiers)? */
#ifndef __same_type
# define __same_type(a, b) __builtin_types_compatible_p(typeof(a), typeof(b))
#endif

/*
 * Prevent the compiler from merging or refetching accesses.  The compiler
 * is also forbidden from reordering successive instances of ACCESS_ONCE(),
 * but only when the compiler is aware of some particular ordering.
 */
#define ACCESS_ONCE(x) (*(volatile typeof(x) *)&(x))

#endif /* __ASSEMBLY__ */

#endif /* __LINUX_COMPILER_H */
