int f(void)
{
	undeclared_fn(2);
	return y;
}
