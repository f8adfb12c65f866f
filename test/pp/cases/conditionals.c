/* #ifdef/#ifndef/#elif/#else/#endif nesting; skipped groups may hold anything. */
#define A 1
#ifdef A
a_defined
#else
not_here
#endif
#ifndef A
not_here
#elif A == 1
elif_taken
#elif 1 / 0
not_evaluated
#else
not_here
#endif
#if 0
#if 1 / 0
#error not reached
#garbage directive
it's unterminated ' in a skipped group
#else
#endif
#elif 0
#else
else_taken
#endif
#if 1
# if 0
#  define B 2
# elif 1
#  define B 3
# endif
#endif
B
#
# /* null directive with a comment */
#if defined A && defined(A) && !defined(C)
# ifdef C
not_here
# endif
nested_ok
#endif
#ifdef A /* comment */
#endif /* trailing comment */
#if 0
#elif 0
#elif 1
third
#elif 1
not_here
#endif
