#include <stdio.h>
int grid[3][4] = { { 1, 2, 3, 4 }, { 5, 6, 7, 8 }, { 9, 10, 11, 12 } };
static int sum(int (*g)[4], int rows)
{
	int s = 0;
	for (int i = 0; i < rows; i++)
		for (int j = 0; j < 4; j++)
			s += g[i][j];
	return s;
}
int main(void)
{
	int cube[2][3][2];
	int n = 0;
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 3; j++)
			for (int k = 0; k < 2; k++)
				cube[i][j][k] = n++;
	printf("%d %d %d\n", cube[1][2][1], cube[0][1][0], sum(grid, 3));
	printf("%d %d %d\n", (int)sizeof grid, (int)sizeof grid[0], (int)sizeof cube[1]);
	printf("%d\n", *(*(grid + 2) + 1));
	printf("%d\n", (int)(&grid[2][0] - &grid[0][0]));
	return 0;
}
