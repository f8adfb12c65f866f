int printf(const char *, ...);

SYSCALL_DEFINE0(nsys)
{
	printf("hi\n");
	return 0;
}
