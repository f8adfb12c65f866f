struct s { int a; };
int f(struct s v)
{
	if (v)
		return 1;
	return 0;
}
