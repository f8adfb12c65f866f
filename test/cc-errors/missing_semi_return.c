int printk(const char *fmt, ...);

int sys_nsys(void)
{
	printk("Hello world\n")

	return 0;
}
