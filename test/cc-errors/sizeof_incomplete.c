struct opaque;
int f(void)
{
	return sizeof(struct opaque);
}
