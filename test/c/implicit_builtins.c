/* No #include at all: gcc (and kwb) still call malloc, strlen and printf with their real
 * prototypes, so the pointer from malloc keeps all 64 bits. */
int main(void)
{
	char *p = malloc(64);
	strcpy(p, "implicit");
	printf("%s %d\n", p, (int)strlen(p));
	memset(p, 'x', 3);
	puts(p);
	free(p);
	return abs(-4);
}
