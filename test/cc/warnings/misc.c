int printf(const char *fmt, ...);
int main(void)
{
	int x = 10 / 0;
	char buf[3] = "toolong";
	int arr[2] = { 1, 2, 3 };
	int *p = 0;
	if (p == 5)
		return 1;
	undeclared_function(x);
	return printf("%d %d %d\n", x, buf[0], arr[0]);
}
