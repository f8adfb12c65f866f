/* Types and functions shared by the kwb-compiled and the gcc-compiled half of the ABI test. */
struct s4 { int a; };
struct s8 { int a, b; };
struct s12 { int a, b, c; };
struct s16 { long a, b; };
struct s3 { char c[3]; };
struct s24 { long a, b, c; };
struct s40 { char name[32]; long v; };

struct s4 g_s4(int a);
struct s8 g_s8(int a, int b);
struct s12 g_s12(int a);
struct s16 g_s16(long a);
struct s3 g_s3(char c);
struct s24 g_s24(long a);
struct s40 g_s40(const char *name, long v);
long g_take(struct s4 a, struct s8 b, struct s12 c, struct s16 d, struct s3 e, struct s24 f, struct s40 g);
long g_many(long a, long b, long c, long d, long e, struct s16 f, long g, struct s24 h, char i, short j);
long g_vsum(int n, ...);
signed char g_char(int v);
unsigned short g_ushort(int v);
_Bool g_bool(int v);
long g_callback(long (*cb)(struct s12, struct s24, long), long x);
long g_vformat(char *buf, unsigned long size, const char *fmt, ...);

/* Implemented on the kwb side, called from gcc code. */
struct s12 k_s12(int a, int b, int c);
struct s24 k_s24(long a);
long k_vsum(int n, ...);
long k_take(struct s3 a, struct s16 b, struct s40 c, long d);
