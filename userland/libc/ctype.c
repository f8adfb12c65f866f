/*
 * ctype.c — character classes of the "C" locale. A true answer is the class's bit in glibc's
 * table (isalpha('a') is 1024 there), so a program that prints the result sees the same number.
 * EOF and bytes above 127 are in no class.
 */
#include <ctype.h>

#define UPPER 0x100
#define LOWER 0x200
#define ALPHA 0x400
#define DIGIT 0x800
#define XDIGIT 0x1000
#define SPACE 0x2000
#define PRINT 0x4000
#define GRAPH 0x8000
#define BLANK 0x1
#define CNTRL 0x2
#define PUNCT 0x4
#define ALNUM 0x8

static int classes(int c)
{
	int m = 0;

	if (c < 0 || c > 127)
		return 0;
	if (c >= 'A' && c <= 'Z')
		m |= UPPER | ALPHA | ALNUM;
	if (c >= 'a' && c <= 'z')
		m |= LOWER | ALPHA | ALNUM;
	if (c >= '0' && c <= '9')
		m |= DIGIT | XDIGIT | ALNUM;
	if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
		m |= XDIGIT;
	if (c == ' ' || (c >= '\t' && c <= '\r'))
		m |= SPACE;
	if (c == ' ' || c == '\t')
		m |= BLANK;
	if (c < 32 || c == 127)
		m |= CNTRL;
	if (c >= 32 && c < 127)
		m |= PRINT;
	if (c > 32 && c < 127) {
		m |= GRAPH;
		if (!(m & ALNUM))
			m |= PUNCT;
	}
	return m;
}

int isupper(int c) { return classes(c) & UPPER; }
int islower(int c) { return classes(c) & LOWER; }
int isalpha(int c) { return classes(c) & ALPHA; }
int isdigit(int c) { return classes(c) & DIGIT; }
int isxdigit(int c) { return classes(c) & XDIGIT; }
int isspace(int c) { return classes(c) & SPACE; }
int isprint(int c) { return classes(c) & PRINT; }
int isgraph(int c) { return classes(c) & GRAPH; }
int isblank(int c) { return classes(c) & BLANK; }
int iscntrl(int c) { return classes(c) & CNTRL; }
int ispunct(int c) { return classes(c) & PUNCT; }
int isalnum(int c) { return classes(c) & ALNUM; }
int isascii(int c) { return (c & ~0x7f) == 0; }
int tolower(int c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }
int toupper(int c) { return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c; }
