int main(void)
{
	printf("hi\n");
	char *p = malloc(4);
	free(p);
	return strlen("x");
}
