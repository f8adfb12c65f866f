/* start.c — from the kernel's initial stack to main and back out through exit. */
#include <stdlib.h>
#include <unistd.h>
#include "internal.h"

char **environ;
char *program_invocation_name;
char *program_invocation_short_name;
char *__kwb_progname = "";

int main(int argc, char **argv, char **envp);

/* sp points at argc; argv follows it, then envp after argv's NULL terminator. */
void __libc_start_main(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char *p;

	environ = envp;
	if (argc > 0 && argv[0]) {
		program_invocation_name = argv[0];
		program_invocation_short_name = argv[0];
		for (p = argv[0]; *p; p++)
			if (*p == '/')
				program_invocation_short_name = p + 1;
		__kwb_progname = program_invocation_short_name;
	}
	exit(main(argc, argv, envp));
}
