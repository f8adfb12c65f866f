int printf(const char *, ...);
int main(void)
{
	prinf("x\n");
	return 0;
}
