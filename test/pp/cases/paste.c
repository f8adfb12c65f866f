/* The ## operator, placemarkers, and pasting results that rescan. */
#define CAT(a, b) a ## b
#define XCAT(a, b) CAT(a, b)
#define CAT3(a, b, c) a ## b ## c
#define hash_hash # ## #
#define mkstr(a) # a
#define in_between(a) mkstr(a)
#define join(c, d) in_between(c hash_hash d)
CAT(x, y) CAT(x, ) CAT(, y) CAT(, ) CAT(1, 2) CAT(0x, 1f) CAT(1e, -2)
CAT(+, +) CAT(-, =) CAT(<, <=) CAT(L, "s") CAT(u8, "s")
#define xy 99
CAT(x, y) XCAT(x, y)
CAT3(a, b, c) CAT3(, b, ) CAT3(1, , 3)
char p[] = join(x, y);
#define t(x,y,z) x ## y ## z
int j[] = { t(1,2,3), t(,4,5), t(6,,7), t(8,9,),
t(10,,), t(,11,), t(,,12), t(,,) };
#define OBJ x ## y
OBJ
#define N(a) a ## 1 ## a
N(z) N()
#define MULTI(a, b) a ## b
MULTI(1 2 3, 4 5 6)
