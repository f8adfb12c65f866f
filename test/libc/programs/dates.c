/* gmtime/localtime, mktime/timegm normalisation, asctime/ctime and strftime, in UTC. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <time.h>

static void show(time_t t)
{
	struct tm g, l, *p;
	char buf[256];
	size_t n;

	p = gmtime_r(&t, &g);
	localtime_r(&t, &l);
	printf("%ld: %d-%d-%d %d:%d:%d wday %d yday %d dst %d off %ld %s/%s\n", (long)t, g.tm_year, g.tm_mon, g.tm_mday, g.tm_hour,
	       g.tm_min, g.tm_sec, g.tm_wday, g.tm_yday, g.tm_isdst, g.tm_gmtoff, p->tm_zone, l.tm_zone);
	n = strftime(buf, sizeof buf, "%a %A %b %B %c|%C %d %D %e %F %H %I %j %k %l %m %M %p %P %r %R %s %S %T %u %U %w %W %x %X %y %Y %z %Z %%|%h%n%t.", &l);
	printf("  %d [%s]\n", (int)n, buf);
	printf("  %s", asctime(&g));
	printf("  %s", ctime(&t));
	printf("  mktime %ld timegm %ld\n", (long)mktime(&l), (long)timegm(&g));
}

int main(void)
{
	time_t samples[] = { 0, 1, 59, 86399, 86400, 951782400, 951868800, 978307199, 1234567890, 1700000000,
		2147483647, 2147483648L, 4102444800L, 253402300799L, -1, -86401, -2208988800L, 68169600, 1709164800 };
	struct tm tm;
	char small[8];
	unsigned i;
	time_t t;

	for (i = 0; i < sizeof samples / sizeof samples[0]; i++)
		show(samples[i]);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = 124;
	tm.tm_mon = 13;
	tm.tm_mday = 0;
	tm.tm_hour = 25;
	tm.tm_min = -1;
	tm.tm_sec = 61;
	t = mktime(&tm);
	printf("normalised %ld -> %d-%d-%d %d:%d:%d wday %d yday %d\n", (long)t, tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour,
	       tm.tm_min, tm.tm_sec, tm.tm_wday, tm.tm_yday);
	tm.tm_mon = -25;
	t = timegm(&tm);
	printf("negative month %ld -> %d-%d-%d\n", (long)t, tm.tm_year, tm.tm_mon, tm.tm_mday);
	printf("small %d\n", (int)strftime(small, sizeof small, "%Y-%m-%d", &tm));
	printf("fits %d [%s]\n", (int)strftime(small, sizeof small, "%H:%M", &tm), small);
	printf("empty %d\n", (int)strftime(small, sizeof small, "", &tm));
	printf("clock %d\n", clock() >= 0);
	return 0;
}
