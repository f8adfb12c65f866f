/*
 * uname [-asnrvmpio]: system information from uname(2), in coreutils' order
 * (-a: kernel name, node name, release, version, machine, operating system).
 */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
	struct utsname u;
	int s = 0, n = 0, r = 0, v = 0, m = 0, o = 0, i, first = 1;

	for (i = 1; i < argc; i++) {
		const char *p = argv[i];

		if (strcmp(p, "--all") == 0) { s = n = r = v = m = o = 1; continue; }
		if (strcmp(p, "--kernel-name") == 0) { s = 1; continue; }
		if (strcmp(p, "--nodename") == 0) { n = 1; continue; }
		if (strcmp(p, "--kernel-release") == 0) { r = 1; continue; }
		if (strcmp(p, "--kernel-version") == 0) { v = 1; continue; }
		if (strcmp(p, "--machine") == 0) { m = 1; continue; }
		if (strcmp(p, "--operating-system") == 0) { o = 1; continue; }
		if (p[0] != '-' || !p[1]) {
			fprintf(stderr, "uname: extra operand '%s'\n", p);
			return 1;
		}
		for (p++; *p; p++) {
			switch (*p) {
			case 'a': s = n = r = v = m = o = 1; break;
			case 's': s = 1; break;
			case 'n': n = 1; break;
			case 'r': r = 1; break;
			case 'v': v = 1; break;
			case 'm': case 'p': case 'i': m = 1; break;
			case 'o': o = 1; break;
			default:
				fprintf(stderr, "uname: invalid option -- '%c'\n", *p);
				return 1;
			}
		}
	}
	if (!(s | n | r | v | m | o))
		s = 1;
	if (uname(&u) != 0) {
		perror("uname");
		return 1;
	}
#define FIELD(flag, text) if (flag) { printf("%s%s", first ? "" : " ", text); first = 0; }
	FIELD(s, u.sysname);
	FIELD(n, u.nodename);
	FIELD(r, u.release);
	FIELD(v, u.version);
	FIELD(m, u.machine);
	FIELD(o, "GNU/Linux");
	printf("\n");
	return 0;
}
