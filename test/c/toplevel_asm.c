#include <stdio.h>
long sys_ni_syscall(void) { return -38; }
asm(".weak sys_x\n\t.set sys_x,sys_ni_syscall");
long sys_x(void);
asm(".globl answer_fn\n"
    "answer_fn:\n"
    "\tmovl $42, %eax\n"
    "\tret");
int answer_fn(void);
int main(void)
{
	printf("%ld %d\n", sys_x(), answer_fn());
	return 0;
}
