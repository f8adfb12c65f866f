/* Function-like macros: argument collection, nesting, invocations spanning lines. */
#define F(x) [x]
#define G(x, y) <x|y>
#define H() h
#define ID(x) x
#define APPLY(f, x) f(x)
F(1) F((1, 2)) F({c}) F()
G(1, 2) G(, ) G((a, b), c) G(F(1), F(2))
H() H( )
F
(
   spanning
)
F /* comment */ (4)
int F = 3;
int z = F + G;
APPLY(F, 5) APPLY(ID, ID(6))
ID(F)(7)
#define CALL ID
CALL(8) CALL
(9)
#define f(a) a*g
#define g(a) f(a)
f(2)(9)
#define ff(x) x ff
ff(1)(2)(3)
#define NIL(xxx) xxx
#define G_0(arg) NIL(G_1)(arg)
#define G_1(arg) NIL(arg)
G_0(42)
#define AND &&
#define paren(x) (x)
paren(a AND b) paren(paren(paren(1)))
#define LIST(x) [x]
LIST(a
#ifdef LIST
b
#else
c
#endif
#define INSIDE 1
)
INSIDE
