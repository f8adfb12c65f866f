/* The # operator. */
#define S(x) #x
#define XS(x) S(x)
#define V 42
S(a  +   b) S(  leading and trailing  ) S() S("str\n" 'c' '\'' "\\")
S(V) XS(V) XS(S(V))
S(a
  b
  c)
S(/* comment */ x /* another */ y)
S(L"wide" u8"x")
S(@ $ \ `)
S((,)) S([x])
#define NAMED(...) #__VA_ARGS__
NAMED(a, b,c ,  d) NAMED()
