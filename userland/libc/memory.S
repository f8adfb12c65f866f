/*
 * memory.S — memcpy and memset as single string instructions: `rep movsb` / `rep stosb` move
 * %rcx bytes in one instruction, which real CPUs run fast and kwb's emulator runs as one step
 * instead of a loop of dozens of instructions per byte.
 */
	.text

/* void *memcpy(void *dest, const void *src, size_t n) */
	.globl memcpy
	.type memcpy, @function
memcpy:
	movq %rdi, %rax
	movq %rdx, %rcx
	rep movsb
	ret
	.size memcpy, .-memcpy

/* void *memset(void *s, int c, size_t n) */
	.globl memset
	.type memset, @function
memset:
	movq %rdi, %r8
	movl %esi, %eax
	movq %rdx, %rcx
	rep stosb
	movq %r8, %rax
	ret
	.size memset, .-memset

	.section .note.GNU-stack,"",@progbits
