/* strings.h — case-insensitive comparison (BSD names kept by POSIX). */
#ifndef _STRINGS_H
#define _STRINGS_H

#ifndef __kwb_size_t_defined
#define __kwb_size_t_defined
typedef unsigned long size_t;
#endif

int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);

#endif
