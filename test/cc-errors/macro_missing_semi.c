#define KERN_INFO "\001" "6"
int printk(const char *, ...);
int f(void)
{
	printk(KERN_INFO "hello\n")
	return 0;
}
