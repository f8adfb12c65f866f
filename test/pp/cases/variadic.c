/* Variadic macros: __VA_ARGS__, named `args...`, GNU comma swallowing with ## . */
#define LOG(fmt, ...) printf(fmt, __VA_ARGS__)
#define LOGZ(fmt, ...) printf(fmt, ##__VA_ARGS__)
#define NAMED(fmt, args...) printf(fmt, ## args)
#define ONLY(...) f(0, ##__VA_ARGS__)
#define ALL(...) g(__VA_ARGS__)
#define COUNT(...) COUNT_(__VA_ARGS__, 5, 4, 3, 2, 1, 0)
#define COUNT_(a, b, c, d, e, n, ...) n
LOG("a", 1) LOG("b", 1, 2)
LOGZ("c") LOGZ("d", 1) LOGZ("e", 1, 2)
NAMED("f") NAMED("g", 1) NAMED("h", 1, 2)
ONLY() ONLY(1) ONLY(1, 2)
ALL() ALL(a) ALL(a, (b, c), d)
COUNT(a) COUNT(a, b) COUNT(a, b, c, d, e)
#define debug(...) fprintf(stderr, __VA_ARGS__)
#define showlist(...) puts(#__VA_ARGS__)
#define report(test, ...) ((test)?puts(#test):\
printf(__VA_ARGS__))
debug("Flag");
debug("X = %d\n", x);
showlist(The first, second, and third items.);
report(x>y, "x is %d but y is %d", x, y);
#define OPT(a, ...) f(a __VA_OPT__(,) __VA_ARGS__)
OPT(1) OPT(1, 2) OPT(1,)
#define OPTP(x, ...) g(x __VA_OPT__(- x ## __VA_ARGS__ -))
OPTP(1) OPTP(1, 2)
#define OPTS(...) __VA_OPT__(#__VA_ARGS__)
OPTS() OPTS(a b)
#define EMPTY_ARG
OPT(1, EMPTY_ARG)
LOGZ("present but empty",) NAMED("named, empty",) ONLY() ONLY( ) ALL(,)
