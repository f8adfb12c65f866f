#include <stdio.h>
/* A kernel-style operations table: designated function pointers, a NULL slot, a static const array. */
struct file_operations {
	const char *name;
	long (*read)(char *buf, long n);
	long (*write)(const char *buf, long n);
	int (*release)(void);
};
static long null_read(char *buf, long n) { (void)buf; return 0 * n; }
static long null_write(const char *buf, long n) { (void)buf; return n; }
static const struct file_operations null_fops = {
	.name = "null",
	.read = null_read,
	.write = null_write,
};
static const struct file_operations *const registry[] = { &null_fops, 0 };
int main(void)
{
	for (const struct file_operations *const *p = registry; *p; p++) {
		const struct file_operations *f = *p;
		printf("%s %ld %ld %d\n", f->name, f->read(0, 5), f->write("x", 7), f->release == 0);
	}
	return 0;
}
