/*
 *  linux/init/main.c
 *
 *  Copyright (C) 1991, 1992  Linus Torvalds
 *
 *  GK 2/5/95  -  Changed to support mounting root fs via NFS
 *  Added initrd & change_root: Werner Almesberger & Hans Lermen, Feb '96
 *  Moan early if gcc is old, avoiding bogus kernels - Paul Gortmaker, May '96
 *  Simplified starting of init:  Michael A. Griffith <grif@acm.org>
 */

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/linkage.h>
#include <linux/printk.h>
#include <linux/start_kernel.h>
#include <asm/processor.h>

/* Untouched command line saved by arch-specific code. */
char __initdata boot_command_line[2048];

#include <linux/console.h>
#include <linux/sched.h>
#include <asm/traps.h>

#define MAX_INIT_ARGS CONFIG_INIT_ENV_ARG_LIMIT
#define MAX_INIT_ENVS CONFIG_INIT_ENV_ARG_LIMIT

extern void setup_arch(char **cmdline_p);
extern void parse_early_param(void);
extern void parse_init_args(char *cmdline, const char **argv, int max_argv,
			    const char **envp, int max_envp, char **rdinit);
extern void cpu_startup_entry(int state);
extern void panic(const char *fmt, unsigned long arg);	/* kernel/exit.c */
extern int kernel_execve(const char *filename, const char *const argv[],
			 const char *const envp[]);

static char *ramdisk_execute_command = "/init";
static const char *argv_init[MAX_INIT_ARGS+2] = { "init", NULL, };
const char *envp_init[MAX_INIT_ENVS+2] = { "HOME=/", "TERM=linux", NULL, };

static int run_init_process(const char *init_filename)
{
	argv_init[0] = init_filename;
	return kernel_execve(init_filename, argv_init, envp_init);
}

static int kernel_init(void *unused)
{
	int ret;

	ret = run_init_process(ramdisk_execute_command);
	if (!ret)
		return 0;
	pr_err("Failed to execute %s (error %d)\n", ramdisk_execute_command, ret);
	panic("No working init found.  Try passing init= option to kernel. See Linux Documentation/init.txt for guidance.", 0);
	return 0;
}

/*
 * The rest of the boot: start init (pid 1) and turn the boot CPU into the
 * idle task (4.4 also starts kthreadd here).
 */
static noinline void rest_init(void)
{
	kernel_thread(kernel_init, NULL, 0);
	cpu_startup_entry(0);
}

asmlinkage __visible void __init start_kernel(void)
{
	char *command_line;

	pr_notice("%s", linux_banner);
	setup_arch(&command_line);
	pr_notice("Kernel command line: %s\n", boot_command_line);
	parse_early_param();
	parse_init_args(command_line, argv_init, MAX_INIT_ARGS, envp_init,
			MAX_INIT_ENVS, &ramdisk_execute_command);
	trap_init();
	console_init();

	/* Do the rest non-__init'ed, we're now alive */
	rest_init();
}
