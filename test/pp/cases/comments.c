/* Comments, line splices and literals that look like comments. */
int a; // line comment
int b; /* block */ int c;
int d /* multi
line */ = 1;
const char *s = "/* not a comment */ // nor this";
char q = '"'; char r = '\'';
#define SPLIT 1 + \
  2 + \
  3
int e = SPLIT;
int f = 1 \
+ 2;
in\
t g;
"str\
ing"
#define X /* a comment in a definition */ 7 // and here
int h = X;
/* ** / * */ int i;
x = a //**/ b
;
#define LONG_MACRO(a, b) \
	do {                     \
		a = b;           \
	} while (0)
LONG_MACRO(x, y);
