#define __ASM_FORM(x) " " #x " "
#define _ASM_PTR .quad
