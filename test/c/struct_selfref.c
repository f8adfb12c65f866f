#include <stdio.h>
#include <stdlib.h>
struct node;
typedef struct node node_t;
struct node { int v; node_t *left, *right; };
static node_t *insert(node_t *t, int v)
{
	if (!t) {
		t = calloc(1, sizeof *t);
		t->v = v;
		return t;
	}
	if (v < t->v)
		t->left = insert(t->left, v);
	else
		t->right = insert(t->right, v);
	return t;
}
static void walk(node_t *t)
{
	if (!t)
		return;
	walk(t->left);
	printf("%d ", t->v);
	walk(t->right);
}
int main(void)
{
	node_t *root = 0;
	int vals[] = { 50, 30, 70, 20, 40, 60, 80, 35 };
	for (unsigned i = 0; i < sizeof vals / sizeof *vals; i++)
		root = insert(root, vals[i]);
	walk(root);
	printf("\n");
	return 0;
}
