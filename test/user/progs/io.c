#include "rt.h"
/* stdin to stdout through read(2) and writev(2); then reads at EOF, from a bad fd, into a bad buffer. */
struct iovec { const void *base; size_t len; };
int main(int argc, char **argv, char **envp)
{
	static char buf[100000];
	long total = 0, n;
	while ((n = sys3(0, 0, buf + total, sizeof buf - total)) > 0)
		total += n;
	struct iovec iov[3] = { { "<<", 2 }, { buf, (size_t)total }, { ">>\n", 3 } };
	puts_("writev: "); nl();
	long w = sys3(20, 1, iov, 3);
	puts_("wrote "); putd(w); puts_(" of "); putd(total + 5); nl();
	puts_("read at EOF: "); putd(sys3(0, 0, buf, 10)); nl();
	puts_("read bad fd: "); putd(sys3(0, 42, buf, 10)); nl();
	puts_("read bad buffer: "); putd(sys3(0, 0, 16, 10)); nl();
	struct iovec bad[1] = { { (void *)16, 4 } };
	puts_("writev bad buffer: "); putd(sys3(20, 1, bad, 1)); nl();
	return 0;
}
