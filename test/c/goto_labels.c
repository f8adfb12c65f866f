#include <stdio.h>
int main(void)
{
	int i = 0;
again:
	i++;
	if (i < 5)
		goto again;
	printf("%d\n", i);
	{
		int j;
		for (j = 0; j < 10; j++)
			if (j == 7)
				goto out;
	out:
		printf("out %d\n", j);
	}
	goto end;
	printf("skipped\n");
end:
	return i;
}
