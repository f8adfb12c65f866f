#ifndef _LINUX_UTSNAME_H
#define _LINUX_UTSNAME_H


#include <linux/sched.h>
#include <uapi/linux/utsname.h>

enum uts_proc {
	UTS_PROC_OSTYPE,
	UTS_PROC_OSRELEASE,
	UTS_PROC_HOSTNAME,
	UTS_PROC_DOMAINNAME,
};

struct user_namespace;

struct uts_namespace {
	struct new_utsname name;
	struct user_namespace *user_ns;
	unsigned int proc_inum;
};
extern struct uts_namespace init_uts_ns;

/*
 * 4.4 finds the namespace through current->nsproxy->uts_ns; the workbench
 * has only the initial namespace.
 */
static inline struct new_utsname *utsname(void)
{
	return &init_uts_ns.name;
}

static inline struct new_utsname *init_utsname(void)
{
	return &init_uts_ns.name;
}

#endif /* _LINUX_UTSNAME_H */
