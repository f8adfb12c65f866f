/* a header with a missing semicolon in an inline function */
static inline int twice(int x)
{
	return x * 2
}
