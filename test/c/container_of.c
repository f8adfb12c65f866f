#include <stdio.h>
#include <stddef.h>
#define container_of(ptr, type, member) ({ \
	const typeof(((type *)0)->member) *__mptr = (ptr); \
	(type *)((char *)__mptr - offsetof(type, member)); })
struct list_head { struct list_head *next, *prev; };
struct task { int pid; const char *comm; struct list_head tasks; };
static void list_add(struct list_head *new, struct list_head *head)
{
	new->next = head->next;
	new->prev = head;
	head->next->prev = new;
	head->next = new;
}
int main(void)
{
	struct list_head head = { &head, &head };
	struct task t[3] = { { 1, "init", { 0, 0 } }, { 2, "kthreadd", { 0, 0 } }, { 42, "nsys", { 0, 0 } } };
	for (int i = 0; i < 3; i++)
		list_add(&t[i].tasks, &head);
	for (struct list_head *p = head.next; p != &head; p = p->next) {
		struct task *tk = container_of(p, struct task, tasks);
		printf("%d %s\n", tk->pid, tk->comm);
	}
	return 0;
}
