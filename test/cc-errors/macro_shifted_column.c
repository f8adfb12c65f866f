#define KERN_INFO "\001" "6"
int printk(const char *, ...);
int f(void)
{
	printk(KERN_INFO "hello %d\n", 1, undefined_var);
	return 0;
}
