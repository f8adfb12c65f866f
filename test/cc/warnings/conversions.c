void v(void) { return 1; }
int f(int *p);
int g(void) { long l = 5; int r = f(l); char *s = 3; int q = s; return r + q; }
int h(void) { const char *c = "x"; char *d = c; return *d; }
struct s { int a; };
int k(struct s *p) { int *ip = p; return *ip; }
int m(void) { int a[3]; return a; }
