/* sys/types.h — POSIX types with the widths x86-64 Linux uses. */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#ifndef __kwb_size_t_defined
#define __kwb_size_t_defined
typedef unsigned long size_t;
#endif
typedef long ssize_t;
typedef long off_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int mode_t;
typedef unsigned long dev_t;
typedef unsigned long ino_t;
typedef unsigned long nlink_t;
typedef long blksize_t;
typedef long blkcnt_t;
typedef long time_t;
typedef long suseconds_t;
typedef int clockid_t;
typedef int key_t;
typedef unsigned int id_t;

#endif
