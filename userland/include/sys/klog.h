/* sys/klog.h — the kernel log buffer through syslog(2), which glibc calls klogctl. */
#ifndef _SYS_KLOG_H
#define _SYS_KLOG_H

/* Types of syslog(2) (include/linux/syslog.h). */
#define SYSLOG_ACTION_CLOSE 0
#define SYSLOG_ACTION_OPEN 1
#define SYSLOG_ACTION_READ 2
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_READ_CLEAR 4
#define SYSLOG_ACTION_CLEAR 5
#define SYSLOG_ACTION_CONSOLE_OFF 6
#define SYSLOG_ACTION_CONSOLE_ON 7
#define SYSLOG_ACTION_CONSOLE_LEVEL 8
#define SYSLOG_ACTION_SIZE_UNREAD 9
#define SYSLOG_ACTION_SIZE_BUFFER 10

int klogctl(int type, char *bufp, int len);

#endif
