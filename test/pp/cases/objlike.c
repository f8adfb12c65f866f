/* Object-like macros: nesting, self reference, redefinition with the same body, #undef. */
#define ONE 1
#define TWO (ONE + ONE)
#define FOUR TWO * TWO
#define SELF SELF + 1
#define A B
#define B A
#define EMPTY
#define SAME  x   y
#define SAME x y
int four = FOUR;
int self = SELF;
int ab = A + B;
int e = EMPTY 3 EMPTY;
-EMPTY- +EMPTY+ &EMPTY& x EMPTY y
SAME
#undef ONE
int one = ONE;
#define ONE 11
int eleven = ONE, two = TWO;
#define PLUS +
#define MINUS -
a PLUS+ b MINUS- c MINUS> d PLUS= e
#define DOT .
1 DOT 2 x DOT y 1.DOT
#define L_ L
L_"wide" L_'c'
