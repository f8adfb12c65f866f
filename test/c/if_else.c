#include <stdio.h>
static const char *classify(int n)
{
	if (n < 0)
		return "neg";
	else if (n == 0)
		return "zero";
	else if (n < 10) {
		if (n % 2)
			return "odd digit";
		else
			return "even digit";
	}
	return "big";
}
int main(void)
{
	int v[] = { -5, 0, 3, 4, 12 };
	for (int i = 0; i < 5; i++)
		printf("%s\n", classify(v[i]));
	return 0;
}
