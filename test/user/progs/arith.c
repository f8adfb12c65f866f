#include "rt.h"
/* Integer C semantics at -O0: every width, signedness, division, shifts, conversions. */
static unsigned long seed = 88172645463325252UL;
static unsigned long next(void) { seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17; return seed; }
int main(int argc, char **argv, char **envp)
{
	unsigned long h = 1469598103934665603UL;
	for (int i = 0; i < 3000; i++) {
		unsigned long a = next(), b = next();
		long sa = (long)a, sb = (long)b >> (b & 31);
		int ia = (int)a, ib = (int)(b >> 40) | 1;
		unsigned ua = (unsigned)a, ub = (unsigned)(b >> 20) | 1;
		short s = (short)a; signed char c = (signed char)b; unsigned char uc = (unsigned char)(a >> 8);
		unsigned long r = a + b;
		r ^= a * b; r ^= a - b; r ^= sa / (sb | 1); r ^= sa % (sb | 1); r ^= a / (b | 1); r ^= a % (b | 1);
		r ^= (unsigned long)(ia / ib) + (unsigned long)(ia % ib); r ^= ua / ub + ua % ub; r ^= (unsigned long)(ia * ib);
		r ^= a << (b & 63); r ^= a >> (b & 63); r ^= (unsigned long)(sa >> (b & 63)); r ^= (unsigned long)(ia << (b & 31));
		r ^= (unsigned long)(ia >> (b & 31)); r ^= ua >> (b & 31); r ^= (unsigned long)s * c + uc;
		r ^= (a < b) + 2 * (sa < sb) + 4 * (ia <= ib) + 8 * (ua > ub) + 16 * (s == c) + 32 * (uc >= 128);
		r ^= (unsigned long)(long)(int)(a >> 3) ^ (unsigned long)(unsigned)(b << 5);
		r ^= ~a & (b | 0x5555) ^ -b;
		h = (h ^ r) * 1099511628211UL;
		if (i % 500 == 0) { putx(h); nl(); }
	}
	putx(h); nl();
	long big = 0x7fffffffffffffffL; big += argc; putd(big); nl();
	int imin = -2147483647 - 1; putd(imin / -2); puts_(" "); putd(-7 / 2); puts_(" "); putd(-7 % 2); nl();
	return (int)(h & 0x7f);
}
