int f(int x)
{
	do { x--; } while (x;
	return x;
}
