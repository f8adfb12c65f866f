/* setjmp.h — non-local jumps; jmp_buf has glibc's size (200 bytes) and leading layout. */
#ifndef _SETJMP_H
#define _SETJMP_H

struct __jmp_buf_tag {
	long __jmpbuf[8]; /* rbx rbp r12 r13 r14 r15 rsp rip */
	int __mask_was_saved;
	unsigned long __saved_mask[16];
};

typedef struct __jmp_buf_tag jmp_buf[1];
typedef struct __jmp_buf_tag sigjmp_buf[1];

int setjmp(jmp_buf env);
int _setjmp(jmp_buf env);
int sigsetjmp(sigjmp_buf env, int savemask);
void longjmp(jmp_buf env, int val);
void _longjmp(jmp_buf env, int val);
void siglongjmp(sigjmp_buf env, int val);

#endif
