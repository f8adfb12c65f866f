/*
 * time.c — calendar time in UTC: broken-down time, mktime, asctime/ctime and strftime in the
 * "C" locale. kwb has no time zones, so local time is UTC (as glibc's with TZ=UTC).
 */
#include <time.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>

static const char *const days[7] = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };
static const char *const months[12] = { "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December" };

static int leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days from 1970-01-01 to y-m-d (m 1..12), counting in 400-year eras from March 1. */
static long days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct tm *gmtime_r(const time_t *t, struct tm *tm)
{
	long secs = *t, days, rem, era, doe, yoe, y, doy, mp, d, m;

	days = secs / 86400;
	rem = secs % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	tm->tm_hour = (int)(rem / 3600);
	tm->tm_min = (int)(rem / 60 % 60);
	tm->tm_sec = (int)(rem % 60);
	tm->tm_wday = (int)((days % 7 + 11) % 7); /* 1970-01-01 was a Thursday */

	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	if (y - 1900 > 2147483647L || y - 1900 < -2147483647L - 1) {
		errno = EOVERFLOW;
		return NULL;
	}
	tm->tm_year = (int)(y - 1900);
	tm->tm_mon = (int)(m - 1);
	tm->tm_mday = (int)d;
	tm->tm_yday = (int)(days_from_civil(y, m, d) - days_from_civil(y, 1, 1));
	tm->tm_isdst = 0;
	tm->tm_gmtoff = 0;
	tm->tm_zone = "GMT";
	return tm;
}

struct tm *gmtime(const time_t *t)
{
	static struct tm tm;

	return gmtime_r(t, &tm);
}

struct tm *localtime_r(const time_t *t, struct tm *tm)
{
	if (!gmtime_r(t, tm))
		return NULL;
	tm->tm_zone = "UTC";
	return tm;
}

struct tm *localtime(const time_t *t)
{
	static struct tm tm;

	return localtime_r(t, &tm);
}

/* Normalises every field (a 13th month, a 0th day, -1 seconds...) and fills in wday and yday. */
time_t timegm(struct tm *tm)
{
	long mon = tm->tm_mon, year = (long)tm->tm_year + 1900, days;
	time_t t;

	year += mon / 12;
	mon %= 12;
	if (mon < 0) {
		mon += 12;
		year--;
	}
	days = days_from_civil(year, mon + 1, 1) + tm->tm_mday - 1;
	t = days * 86400 + (long)tm->tm_hour * 3600 + (long)tm->tm_min * 60 + tm->tm_sec;
	if (!gmtime_r(&t, tm))
		return -1;
	return t;
}

time_t mktime(struct tm *tm)
{
	time_t t = timegm(tm);

	tm->tm_zone = "UTC";
	return t;
}

char *asctime_r(const struct tm *tm, char *buf)
{
	sprintf(buf, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n", tm->tm_wday >= 0 && tm->tm_wday < 7 ? days[tm->tm_wday] : "???",
		tm->tm_mon >= 0 && tm->tm_mon < 12 ? months[tm->tm_mon] : "???", tm->tm_mday, tm->tm_hour, tm->tm_min,
		tm->tm_sec, tm->tm_year + 1900);
	return buf;
}

char *asctime(const struct tm *tm)
{
	static char buf[64];

	return asctime_r(tm, buf);
}

char *ctime_r(const time_t *t, char *buf)
{
	struct tm tm;

	return localtime_r(t, &tm) ? asctime_r(&tm, buf) : NULL;
}

char *ctime(const time_t *t)
{
	static char buf[64];

	return ctime_r(t, buf);
}

/* CPU time used, in microseconds (CLOCKS_PER_SEC is 1000000). */
clock_t clock(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) < 0)
		return -1;
	return ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* strftime's output, bounded; full is set once something did not fit. */
struct sbuf {
	char *s;
	size_t max, len;
	int full;
};

static void add(struct sbuf *b, const char *s)
{
	for (; *s; s++) {
		if (b->len + 1 >= b->max) {
			b->full = 1;
			return;
		}
		b->s[b->len++] = *s;
	}
}

static void num(struct sbuf *b, long v, int width, char padc)
{
	char tmp[32];

	if (padc == '0')
		snprintf(tmp, sizeof tmp, "%0*ld", width, v);
	else
		snprintf(tmp, sizeof tmp, "%*ld", width, v);
	add(b, tmp);
}

/* The first three letters of a day or month name. */
static void abbr(struct sbuf *b, const char *name)
{
	char three[4];

	memcpy(three, name, 3);
	three[3] = 0;
	add(b, three);
}

static const char *day_name(const struct tm *tm)
{
	return tm->tm_wday >= 0 && tm->tm_wday < 7 ? days[tm->tm_wday] : "?";
}

static const char *month_name(const struct tm *tm)
{
	return tm->tm_mon >= 0 && tm->tm_mon < 12 ? months[tm->tm_mon] : "?";
}

static void format(struct sbuf *b, const char *fmt, const struct tm *tm)
{
	char one[2];
	int hour12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
	long year = (long)tm->tm_year + 1900;

	for (; *fmt && !b->full; fmt++) {
		if (*fmt != '%' || !fmt[1]) {
			one[0] = *fmt;
			one[1] = 0;
			add(b, one);
			continue;
		}
		switch (*++fmt) {
		case 'a': abbr(b, day_name(tm)); break;
		case 'A': add(b, day_name(tm)); break;
		case 'b': case 'h': abbr(b, month_name(tm)); break;
		case 'B': add(b, month_name(tm)); break;
		case 'c': format(b, "%a %b %e %H:%M:%S %Y", tm); break;
		case 'C': num(b, year / 100, 2, '0'); break;
		case 'd': num(b, tm->tm_mday, 2, '0'); break;
		case 'D': case 'x': format(b, "%m/%d/%y", tm); break;
		case 'e': num(b, tm->tm_mday, 2, ' '); break;
		case 'F': format(b, "%Y-%m-%d", tm); break;
		case 'H': num(b, tm->tm_hour, 2, '0'); break;
		case 'I': num(b, hour12, 2, '0'); break;
		case 'j': num(b, tm->tm_yday + 1, 3, '0'); break;
		case 'k': num(b, tm->tm_hour, 2, ' '); break;
		case 'l': num(b, hour12, 2, ' '); break;
		case 'm': num(b, tm->tm_mon + 1, 2, '0'); break;
		case 'M': num(b, tm->tm_min, 2, '0'); break;
		case 'n': add(b, "\n"); break;
		case 'p': add(b, tm->tm_hour < 12 ? "AM" : "PM"); break;
		case 'P': add(b, tm->tm_hour < 12 ? "am" : "pm"); break;
		case 'r': format(b, "%I:%M:%S %p", tm); break;
		case 'R': format(b, "%H:%M", tm); break;
		case 's': {
			struct tm copy = *tm;
			num(b, (long)timegm(&copy), 1, '0');
			break;
		}
		case 'S': num(b, tm->tm_sec, 2, '0'); break;
		case 't': add(b, "\t"); break;
		case 'T': case 'X': format(b, "%H:%M:%S", tm); break;
		case 'u': num(b, tm->tm_wday == 0 ? 7 : tm->tm_wday, 1, '0'); break;
		case 'U': num(b, (tm->tm_yday + 7 - tm->tm_wday) / 7, 2, '0'); break;
		case 'w': num(b, tm->tm_wday, 1, '0'); break;
		case 'W': num(b, (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7, 2, '0'); break;
		case 'y': num(b, (year % 100 + 100) % 100, 2, '0'); break;
		case 'Y': num(b, year, 1, '0'); break;
		case 'z': add(b, "+0000"); break;
		case 'Z': add(b, tm->tm_zone ? tm->tm_zone : ""); break;
		case '%': add(b, "%"); break;
		default:
			/* Not supported here (%G %g %V, E and O modifiers): shown as written. */
			one[0] = '%';
			one[1] = 0;
			add(b, one);
			one[0] = *fmt;
			add(b, one);
			break;
		}
	}
}

/* The length written (without the NUL), or 0 if it did not fit in max bytes. */
size_t strftime(char *s, size_t max, const char *fmt, const struct tm *tm)
{
	struct sbuf b;

	b.s = s;
	b.max = max;
	b.len = 0;
	b.full = 0;
	format(&b, fmt, tm);
	if (b.full || max == 0)
		return 0;
	s[b.len] = 0;
	return b.len;
}
