#inclde <stdio.h>
int main(void)
{
	int y = 2
	return y;
}
