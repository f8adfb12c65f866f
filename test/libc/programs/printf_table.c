/* Every combination of flags, width, precision, length and conversion over edge values,
 * through snprintf; the output is compared line by line with glibc's. */
#include <stdio.h>
#include <string.h>

static const char *flagsets[] = { "", "-", "+", " ", "#", "0", "-+", "+0", " 0", "#0", "-#", "-0", "+ ", "#+0", "- #0+" };
static const char *widths[] = { "", "1", "6", "22", "*" };
static const char *precs[] = { "", ".", ".0", ".1", ".5", ".25", ".*" };
static const char *lens[] = { "", "hh", "h", "l", "ll", "z", "t", "j" };
static const char convs[] = "diuxXo";
static const long values[] = { 0, 1, -1, 7, -7, 42, 127, 128, -128, 255, 256, 32767, -32768, 65535, 65536,
	2147483647L, -2147483647L - 1, 4294967295L, 4294967296L, 1234567890123L, -1234567890123L,
	9223372036854775807L, -9223372036854775807L - 1 };

static int line(const char *fmt, int star1, int star2, int nstars, long v, int islong)
{
	char buf[128];
	int n;

	if (nstars == 2)
		n = islong ? snprintf(buf, sizeof buf, fmt, star1, star2, v) : snprintf(buf, sizeof buf, fmt, star1, star2, (int)v);
	else if (nstars == 1)
		n = islong ? snprintf(buf, sizeof buf, fmt, star1, v) : snprintf(buf, sizeof buf, fmt, star1, (int)v);
	else
		n = islong ? snprintf(buf, sizeof buf, fmt, v) : snprintf(buf, sizeof buf, fmt, (int)v);
	printf("%s|%ld|%d|[%s]\n", fmt, v, n, buf);
	return n;
}

int main(void)
{
	char fmt[32];
	unsigned f, w, p, l, c, v;
	int stars, islong;
	long total = 0;

	for (c = 0; convs[c]; c++)
		for (l = 0; l < sizeof lens / sizeof lens[0]; l++)
			for (f = 0; f < sizeof flagsets / sizeof flagsets[0]; f++)
				for (w = 0; w < sizeof widths / sizeof widths[0]; w++)
					for (p = 0; p < sizeof precs / sizeof precs[0]; p++) {
						snprintf(fmt, sizeof fmt, "%%%s%s%s%s%c", flagsets[f], widths[w], precs[p], lens[l], convs[c]);
						stars = (widths[w][0] == '*') + (precs[p][1] == '*');
						islong = lens[l][0] && lens[l][0] != 'h';
						for (v = 0; v < sizeof values / sizeof values[0]; v++) {
							if (stars == 2) {
								total += line(fmt, 9, 3, 2, values[v], islong);
								total += line(fmt, -9, -3, 2, values[v], islong);
							} else if (stars == 1) {
								total += line(fmt, widths[w][0] == '*' ? -12 : 12, 0, 1, values[v], islong);
								total += line(fmt, widths[w][0] == '*' ? 4 : -4, 0, 1, values[v], islong);
							} else {
								total += line(fmt, 0, 0, 0, values[v], islong);
							}
						}
					}
	printf("total %ld\n", total);
	return 0;
}
