// The table of instruction forms the oracle test assembles: one line per form, covering every
// operand shape the assembler supports with edge registers, displacements, scales and immediates.
const Q = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const L = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d', 'r15d'];
const W = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di', 'r8w', 'r9w', 'r10w', 'r11w', 'r12w', 'r13w', 'r14w', 'r15w'];
const B = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil', 'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b', 'r14b', 'r15b'];
const HIGH = ['ah', 'ch', 'dh', 'bh'];
const REGS: Record<string, string[]> = { q: Q, l: L, w: W, b: B };
const SUFFIXES = ['b', 'w', 'l', 'q'] as const;

/** Memory operands: every base, index and scale, and the displacement edges. */
export const MEMS: string[] = [
  ...Q.map((r) => `(%${r})`),
  ...Q.map((r) => `8(%${r})`),
  ...['0', '1', '127', '128', '-128', '-129', '2147483647', '-2147483648', '0x7fffffff'].map((d) => `${d}(%rbp)`),
  ...['127', '128', '-129'].map((d) => `${d}(%rsp)`),
  ...['127', '128', '-129'].map((d) => `${d}(%r12)`),
  ...['0', '-129'].map((d) => `${d}(%r13)`),
  ...Q.filter((r) => r !== 'rsp').map((r) => `(%rax,%${r},1)`),
  ...[1, 2, 4, 8].map((s) => `(%rbx,%rcx,${s})`),
  ...[1, 2, 4, 8].map((s) => `16(%r13,%r14,${s})`),
  ...[1, 2, 4, 8].map((s) => `0x100(,%rdx,${s})`),
  '(%rsp,%rbp,2)', '(%rbp,%rsp,1)'.replace('%rsp', '%rax'), '-8(%rsp,%r12,8)',
  'sym', 'sym+4', '0x1000', 'sym(,%rax,8)', 'sym+8(%rbx)', 'sym(%rip)', 'sym+4(%rip)', 'sym-4(%rip)', 'loc(%rip)', 'gsym(%rip)',
  '%gs:0x10', '%gs:(%rax)', '%fs:-8(%rbp)', '%gs:sym(%rip)', '(%eax)', '4(%r8d)',
];

const IMMS = ['0', '1', '-1', '2', '127', '128', '-128', '-129', '255', '256', '32767', '-32768', '65535', '0x7fffffff', '-2147483648'];

export function instructionForms(): string[] {
  const f: string[] = [];
  const push = (...s: string[]) => f.push(...s);
  // ALU group, every form
  for (const op of ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp']) {
    for (const s of SUFFIXES) {
      const R = REGS[s]!;
      push(`${op}${s} %${R[1]}, %${R[2]}`);
      push(`${op}${s} %${R[0]}, %${R[15]}`);
      push(`${op}${s} %${R[9]}, (%rax)`);
      push(`${op}${s} 8(%rbp), %${R[12]}`);
      for (const imm of IMMS) {
        if (s === 'b' && !['0', '1', '-1', '2', '127', '-128', '255'].includes(imm)) continue;
        if (s === 'w' && ['0x7fffffff', '-2147483648'].includes(imm)) continue;
        push(`${op}${s} $${imm}, %${R[0]}`);
        push(`${op}${s} $${imm}, %${R[3]}`);
        push(`${op}${s} $${imm}, -8(%rbp)`);
      }
    }
    push(`${op}q $sym, %rax`);
    push(`${op}q $sym, %rbx`);
    push(`${op}l $sym, %ecx`);
    push(`${op}l $sym, %eax`);
    push(`${op} %eax, %ebx`);
    push(`${op} $1, %r9`);
  }
  push('andl $0xffffffff, %eax');
  push('addw $0xffff, %ax');
  for (const op of ['test']) {
    for (const s of SUFFIXES) {
      const R = REGS[s]!;
      push(`${op}${s} %${R[1]}, %${R[2]}`);
      push(`${op}${s} %${R[8]}, (%rax)`);
      push(`${op}${s} (%rax), %${R[8]}`);
      push(`${op}${s} $1, %${R[0]}`);
      push(`${op}${s} $1, %${R[5]}`);
      push(`${op}${s} $127, 8(%rbp)`);
    }
  }
  // mov, all forms
  for (const s of SUFFIXES) {
    const R = REGS[s]!;
    for (let i = 0; i < 16; i++) push(`mov${s} %${R[i]}, %${R[(i + 5) % 16]}`);
    for (const m of MEMS) {
      push(`mov${s} ${m}, %${R[i16(m)]}`);
      push(`mov${s} %${R[i16(m + 'x')]}, ${m}`);
    }
    for (const imm of IMMS) {
      if (s === 'b' && !['0', '1', '-1', '127', '-128', '255'].includes(imm)) continue;
      if (s === 'w' && ['0x7fffffff', '-2147483648'].includes(imm)) continue;
      push(`mov${s} $${imm}, %${R[0]}`);
      push(`mov${s} $${imm}, %${R[11]}`);
      push(`mov${s} $${imm}, 16(%rsp)`);
    }
  }
  push('movq $0xffffffff, %rax', 'movq $0x80000000, %r9', 'movq $-1, %rax', 'movq $0x123456789, %rcx');
  push('movq $sym, %rax', 'movl $sym, %eax', 'movq $sym+4, (%rax)', 'movl $sym, (%rax)', 'movw $sym, %ax', 'movb $sym, %al');
  push('movabsq $0x123456789abcdef0, %rax', 'movabsq $-1, %r15', 'movabsq $sym, %rdx', 'movabs $1, %rax');
  push('movabs sym, %al', 'movabs sym, %eax', 'movabs sym, %rax', 'movabs %rax, sym', 'movabs %eax, sym');
  push('mov %eax, %ebx', 'mov %r8, (%rdi)', 'mov (%rdi), %r8b');
  for (const h of HIGH) push(`movb %${h}, %al`, `movb %al, %${h}`, `movb $1, %${h}`, `movb %${h}, (%rax)`);
  push('movq %rax, %cr0', 'movq %cr2, %rax', 'movq %cr3, %r15', 'movq %r9, %cr4', 'mov %cr0, %rax', 'mov %rax, %cr3');
  for (let i = 0; i < 8; i++) push(`movq %db${i}, %rax`, `movq %rcx, %db${i}`);
  push('movw %ax, %ds', 'movw %ds, %ax', 'movl %eax, %es', 'mov %ss, %eax', 'mov %fs, %rax', 'movw %gs, (%rax)', 'mov %eax, %gs');
  // sign and zero extension
  for (const [mn, src, dst] of [
    ['movsbw', B, W], ['movsbl', B, L], ['movsbq', B, Q], ['movswl', W, L], ['movswq', W, Q], ['movslq', L, Q],
    ['movzbw', B, W], ['movzbl', B, L], ['movzbq', B, Q], ['movzwl', W, L], ['movzwq', W, Q],
  ] as const) {
    push(`${mn} %${src[0]}, %${dst[0]}`, `${mn} %${src[7]}, %${dst[9]}`, `${mn} %${src[12]}, %${dst[3]}`, `${mn} -1(%rbp), %${dst[2]}`, `${mn} sym(%rip), %${dst[14]}`);
  }
  push('movsbl %ah, %eax', 'movzbl %bh, %ecx');
  push('cbtw', 'cwtl', 'cltq', 'cwtd', 'cltd', 'cqto', 'cbw', 'cwde', 'cdqe', 'cwd', 'cdq', 'cqo');
  // lea
  for (const m of MEMS) if (!m.startsWith('%')) push(`leaq ${m}, %${Q[i16(m)]}`);
  push('leal 4(%rax), %eax', 'leaw (%rax), %ax', 'lea 8(%rsp), %rbp');
  // push/pop
  for (const r of Q) push(`pushq %${r}`, `popq %${r}`);
  for (const r of ['ax', 'r9w']) push(`pushw %${r}`, `popw %${r}`);
  push('push %rbx', 'pop %r12', 'pushq $1', 'pushq $-128', 'pushq $128', 'pushq $0x7fffffff', 'pushq $sym', 'push $5', 'pushw $1', 'pushw $300');
  push('pushq (%rax)', 'pushq 8(%rbp)', 'popq (%rax)', 'popq -8(%r12)', 'pushq sym(%rip)', 'push %fs', 'pop %gs', 'pushfq', 'popfq', 'pushf', 'popf', 'pushfw', 'popfw');
  // unary groups
  for (const op of ['inc', 'dec', 'neg', 'not', 'mul', 'div', 'idiv', 'imul']) {
    for (const s of SUFFIXES) {
      const R = REGS[s]!;
      push(`${op}${s} %${R[0]}`, `${op}${s} %${R[13]}`, `${op}${s} %${R[6]}`, `${op}${s} -4(%rbp)`);
    }
  }
  // imul forms
  for (const s of ['w', 'l', 'q'] as const) {
    const R = REGS[s]!;
    push(`imul${s} %${R[1]}, %${R[2]}`, `imul${s} 8(%rbp), %${R[10]}`, `imul${s} $3, %${R[0]}`, `imul${s} $1000, %${R[0]}, %${R[9]}`);
    push(`imul${s} $-128, (%rax), %${R[3]}`, `imul${s} $128, %${R[15]}, %${R[15]}`, `imul${s} $127, %${R[5]}`);
  }
  // shifts and rotates
  for (const op of ['rol', 'ror', 'rcl', 'rcr', 'shl', 'sal', 'shr', 'sar']) {
    for (const s of SUFFIXES) {
      const R = REGS[s]!;
      push(`${op}${s} %${R[0]}`, `${op}${s} $1, %${R[1]}`, `${op}${s} $2, %${R[9]}`, `${op}${s} %cl, %${R[14]}`, `${op}${s} $31, 4(%rsp)`, `${op}${s} %cl, (%rdi)`, `${op}${s} (%rbx)`);
    }
  }
  push('shldl $4, %eax, %ebx', 'shrdq %cl, %rax, %rbx', 'shldq %rdx, %rax');
  // condition codes
  const CC = ['o', 'no', 'b', 'c', 'nae', 'ae', 'nb', 'nc', 'e', 'z', 'ne', 'nz', 'be', 'na', 'a', 'nbe', 's', 'ns', 'p', 'pe', 'np', 'po', 'l', 'nge', 'ge', 'nl', 'le', 'ng', 'g', 'nle'];
  for (const cc of CC) {
    push(`set${cc} %al`, `set${cc} %r9b`, `set${cc} %sil`, `set${cc} (%rax)`, `set${cc} %ah`);
    push(`cmov${cc} %eax, %ebx`, `cmov${cc}q 8(%rbp), %r10`, `cmov${cc}w %ax, %r14w`);
    push(`j${cc} near`, `j${cc} far`, `j${cc} ext`);
  }
  // jumps and calls
  push('jmp 0x10', 'je 0x20', 'call 0x1000', 'jmp near', 'jmp far', 'jmp ext', 'jmp gsym', 'jmp loc', 'call ext', 'call loc', 'call gsym', 'call near', 'call ext+4', 'call ext@PLT');
  push('jmp *%rax', 'jmp *%r11', 'jmp *(%rax)', 'jmp *sym(,%rax,8)', 'jmp *8(%rbp)', 'call *%rax', 'call *%r11', 'call *(%rbx)', 'call *sym(%rip)', 'callq *%rax', 'jmpq *%rcx');
  push('ret', 'retq', 'ret $8', 'ret $0xffff', 'leave', 'leaveq', 'lret');
  // the rest
  push('nop', 'nopw (%rax)', 'nopl 0(%rax)', 'nopl 0(%rax,%rax,1)', 'nopw 0(%rax,%rax,1)', 'nopw %cs:0(%rax,%rax,1)');
  for (const s of SUFFIXES) {
    const R = REGS[s]!;
    push(`xchg${s} %${R[0]}, %${R[1]}`, `xchg${s} %${R[2]}, %${R[0]}`, `xchg${s} %${R[9]}, %${R[3]}`, `xchg${s} %${R[5]}, (%rax)`, `xchg${s} (%rax), %${R[5]}`);
  }
  push('xchg %eax, %eax', 'xchg %rax, %rax', 'xchg %ax, %ax', 'xchg %r8, %rax');
  push('bswap %eax', 'bswap %r9d', 'bswapq %rax', 'bswap %r15');
  for (const op of ['bt', 'bts', 'btr', 'btc']) {
    push(`${op}l %eax, %ebx`, `${op}q %r9, (%rax)`, `${op}w %ax, %cx`, `${op}l $5, %ecx`, `${op}q $63, 8(%rbp)`, `${op}w $3, (%rax)`);
  }
  push('bsfl %eax, %ebx', 'bsrq (%rax), %r9', 'bsf %ax, %dx');
  for (const s of SUFFIXES) {
    const R = REGS[s]!;
    push(`cmpxchg${s} %${R[1]}, (%rdi)`, `lock cmpxchg${s} %${R[10]}, 8(%rsi)`, `xadd${s} %${R[3]}, %${R[4]}`, `lock xadd${s} %${R[0]}, (%rax)`);
  }
  push('lock addl $1, (%rax)', 'lock incq 8(%rbx)', 'lock addw $1, (%rax)', 'lock orb $1, %gs:(%rax)', 'lock btsq $1, (%rdi)', 'lock decl (%rax)');
  push('rep movsb', 'rep stosb', 'rep movsq', 'rep stosq', 'rep movsl', 'rep stosw', 'movsb', 'movsw', 'movsl', 'movsq', 'stosb', 'stosl', 'lodsb', 'lodsq', 'scasb', 'cmpsb', 'repne scasb', 'repe cmpsb', 'rep; movsb');
  push('cld', 'std', 'clc', 'stc', 'cmc', 'hlt', 'int3', 'int $3', 'int $0x80', 'int $255', 'ud2', 'syscall', 'sysretq', 'sysretl', 'sysret', 'iretq', 'iret', 'iretl', 'swapgs', 'cli', 'sti');
  push('inb $0x60, %al', 'inw $0x60, %ax', 'inl $0x60, %eax', 'inb %dx, %al', 'inw %dx, %ax', 'inl %dx, %eax', 'in $0x71, %al', 'in %dx, %eax');
  push('outb %al, $0x80', 'outw %ax, $0x80', 'outl %eax, $0x80', 'outb %al, %dx', 'outw %ax, %dx', 'outl %eax, %dx', 'out %al, %dx', 'out %eax, $0xe9');
  push('rdmsr', 'wrmsr', 'rdtsc', 'rdtscp', 'rdpmc', 'cpuid', 'pause', 'mfence', 'lfence', 'sfence', 'clts', 'wbinvd', 'invd', 'lahf', 'sahf');
  push('lidt (%rax)', 'lgdt gdt_desc(%rip)', 'lidtq 8(%rbx)', 'sgdt (%rdi)', 'sidt (%rsi)', 'ltr %ax', 'lldt %ax', 'invlpg (%rax)', 'str %ax');
  return f;
}

function i16(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % 16;
}

/** Wraps forms into one source: each after its own label, with the targets the forms name. */
export function formsSource(forms: string[]): string {
  const lines = ['\t.text', '\t.globl gsym', 'gsym:', 'loc:', 'near:'];
  forms.forEach((f, i) => lines.push(`c${i}:`, `\t${f}`));
  lines.push(`c${forms.length}:`, '\t.skip 300', 'far:', '\tret', '\t.data', 'sym:', 'gdt_desc:', '\t.quad 0');
  return lines.join('\n') + '\n';
}
