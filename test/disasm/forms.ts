// Instruction forms for the disassembler's oracle test: the integer subset of docs/isa.md, what
// gcc -O0 emits for integer code, and the system instructions the kernel's own code uses.
const R64 = ['%rax', '%rcx', '%rdx', '%rbx', '%rsp', '%rbp', '%rsi', '%rdi', '%r8', '%r9', '%r10', '%r11', '%r12', '%r13', '%r14', '%r15'];
const R32 = ['%eax', '%ecx', '%edx', '%ebx', '%esp', '%ebp', '%esi', '%edi', '%r8d', '%r9d', '%r10d', '%r11d', '%r12d', '%r13d', '%r14d', '%r15d'];
const R16 = ['%ax', '%cx', '%dx', '%bx', '%sp', '%bp', '%si', '%di', '%r8w', '%r9w', '%r10w', '%r11w', '%r12w', '%r13w', '%r14w', '%r15w'];
const R8 = ['%al', '%cl', '%dl', '%bl', '%spl', '%bpl', '%sil', '%dil', '%r8b', '%r9b', '%r10b', '%r11b', '%r12b', '%r13b', '%r14b', '%r15b', '%ah', '%bh'];
const MEM = ['(%rax)', '-0x8(%rbp)', '0x10(%rsp)', '(%r12)', '(%r13)', '0x7fffffff(%rdi)', '-0x80000000(%r11)', '(%rax,%rcx,8)', '0x10(,%rcx,4)',
  '-0x18(%rbp,%r9,2)', '(%r8,%r12,1)', 'x(%rip)', 'x+0x20(%rip)', '0x1234', '%fs:0x28', '%gs:(%rax)'];
const CC = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];

export function instructionForms(): string[] {
  const out: string[] = [];
  const sizes: [string, string[]][] = [['q', R64], ['l', R32], ['w', R16], ['b', R8]];
  for (const op of ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp', 'mov', 'test']) {
    for (const [sfx, regs] of sizes) {
      out.push(`${op}${sfx} ${regs[1]},${regs[9]}`, `${op}${sfx} ${regs[0]},${regs[3]}`);
      for (const m of MEM.slice(0, 12)) out.push(`${op}${sfx} ${regs[2]},${m}`);
      out.push(`${op}${sfx} $0x7f,${regs[0]}`, `${op}${sfx} $-1,${regs[10]}`, `${op}${sfx} $0x12,-0x8(%rbp)`);
      if (op !== 'test' && op !== 'mov') out.push(`${op}${sfx} -0x8(%rbp),${regs[5]}`, `${op}${sfx} $-0x80,(%rax)`);
      if (sfx !== 'b') out.push(`${op}${sfx} $0x1234,${regs[6]}`, `${op}${sfx} $0x1234,(%rdi)`);
    }
  }
  out.push('movabs $0x123456789abcdef0,%rax', 'movabs $0x8000000000000000,%r11', 'mov $0xffffffff,%eax', 'mov $-1,%rax');
  for (const m of ['movsbl', 'movsbq', 'movzbl', 'movzbq', 'movsbw', 'movzbw']) out.push(`${m} %al,%${m.endsWith('l') ? 'eax' : m.endsWith('q') ? 'r9' : 'ax'}`, `${m} (%rdi),%${m.endsWith('l') ? 'ecx' : m.endsWith('q') ? 'rcx' : 'cx'}`);
  for (const m of ['movswl', 'movswq', 'movzwl', 'movzwq']) out.push(`${m} %ax,%${m.endsWith('l') ? 'eax' : 'rax'}`, `${m} -0x2(%rbp),%${m.endsWith('l') ? 'r10d' : 'r10'}`);
  out.push('movslq %eax,%rax', 'movslq -0x14(%rbp),%rdx', 'movslq %r9d,%r12');
  out.push('lea 0x10(%rip),%rax', 'lea x(%rip),%rdi', 'lea -0x20(%rbp),%rax', 'lea (%rax,%rbx,2),%rcx', 'lea 0x0(,%rax,8),%rdx', 'lea 0x1(%rax),%eax');
  for (const r of R64) out.push(`push ${r}`, `pop ${r}`);
  out.push('push (%rax)', 'push 0x8(%rbp)', 'pop (%rax)', 'push $1', 'push $-1', 'push $0x1000', 'pushq $0x7f');
  for (const [sfx, regs] of sizes.slice(0, 2)) {
    for (const op of ['imul', 'neg', 'not', 'mul', 'div', 'idiv', 'inc', 'dec']) out.push(`${op}${sfx} ${regs[1]}`, `${op}${sfx} ${regs[13]}`, `${op}${sfx} -0x8(%rbp)`);
    out.push(`imul${sfx} ${regs[1]},${regs[0]}`, `imul${sfx} -0x8(%rbp),${regs[2]}`, `imul${sfx} $10,${regs[0]},${regs[0]}`, `imul${sfx} $1000,${regs[3]},${regs[11]}`);
    for (const op of ['shl', 'shr', 'sar', 'rol', 'ror']) out.push(`${op}${sfx} %cl,${regs[0]}`, `${op}${sfx} $3,${regs[8]}`, `${op}${sfx} ${regs[2]}`, `${op}${sfx} (%rax)`, `${op}${sfx} $5,-0x8(%rbp)`);
  }
  out.push('shlb %al', 'sarb $2,%cl', 'shrw %cl,%dx', 'negb %al', 'notw (%rax)', 'incb (%rdi)', 'decw %ax');
  out.push('cqto', 'cltd', 'cltq', 'cwtl', 'cbtw', 'cwtd');
  for (const c of CC) out.push(`set${c} %al`, `set${c} (%rax)`, `cmov${c} %rcx,%rax`, `cmov${c} -0x8(%rbp),%edx`, `j${c} .+2`, `j${c} .+0x1000`);
  out.push('call .+0x100', 'call *%r11', 'call *%rax', 'call *0x8(%rax)', 'call *x(%rip)', 'jmp .+2', 'jmp .-0x100', 'jmp *%rax', 'jmp *(%rax,%rcx,8)', 'jmp *x(,%rax,8)');
  out.push('ret', 'ret $8', 'leave', 'enter $16,$0', 'nop', 'pause', 'hlt', 'cli', 'sti', 'clc', 'stc', 'cld', 'std', 'cmc', 'int3', 'int $0x80', 'int $3', 'iretq', 'iret', 'lret');
  out.push('syscall', 'sysretq', 'sysretl', 'sysenter', 'swapgs', 'rdmsr', 'wrmsr', 'rdtsc', 'rdtscp', 'cpuid', 'ud2', 'clts', 'wbinvd', 'invd', 'lfence', 'mfence', 'sfence');
  out.push('pushfq', 'popfq', 'pushfw', 'sahf', 'lahf');
  out.push('in (%dx),%al', 'in (%dx),%ax', 'in (%dx),%eax', 'out %al,(%dx)', 'out %ax,(%dx)', 'out %eax,(%dx)', 'inb $0x60,%al', 'in $0x70,%eax', 'out %al,$0x80', 'outl %eax,$0x80');
  for (let i of [0, 2, 3, 4]) out.push(`mov %cr${i},%rax`, `mov %rdx,%cr${i}`);
  out.push('mov %cr8,%rax', 'mov %cr3,%r12', 'mov %db6,%rax', 'mov %rax,%db7');
  out.push('lidt (%rax)', 'lgdt 0x8(%rax)', 'sidt (%rsp)', 'sgdt x(%rip)', 'ltr %ax', 'lldt %dx', 'str %eax', 'invlpg (%rax)', 'mov %es,%eax', 'mov %ax,%ds', 'mov %ds,(%rax)', 'mov (%rax),%ss');
  out.push('nopw 0x0(%rax,%rax,1)', 'nopl 0x0(%rax)', 'nopl (%rax)', 'nopl 0x0(%rax,%rax,1)', 'xchg %ax,%ax', 'nopw %cs:0x0(%rax,%rax,1)');
  out.push('rep movsb', 'rep movsq', 'rep stosb', 'rep stosq', 'movsb', 'movsl', 'stosl', 'lodsb', 'lodsq', 'scasb', 'repnz scasb', 'repz cmpsb', 'cmpsq');
  out.push('xchg %rax,%rcx', 'xchg %eax,%r8d', 'xchg %rcx,(%rax)', 'xchg %al,%bl', 'xadd %eax,(%rax)', 'lock xadd %rax,(%rdx)', 'lock incl (%rax)', 'lock cmpxchg %ecx,(%rdx)', 'cmpxchg %rcx,(%rdx)', 'lock orl $0x0,(%rsp)');
  out.push('bt %rax,%rcx', 'bts $3,%eax', 'btr %ecx,(%rax)', 'btc $5,(%rax)', 'bsf %rax,%rcx', 'bsr %eax,%edx', 'tzcnt %eax,%ecx', 'lzcnt (%rax),%rdx', 'popcnt %r9,%rax', 'bswap %eax', 'bswap %r12', 'shld $4,%rax,%rdx', 'shrd %cl,%eax,%edx');
  out.push('movabs 0x1122334455667788,%al', 'movabs %rax,0x1122334455667788', 'mov %fs:0x28,%rax', 'mov %gs:0x10,%rdx', 'loop .+0x10', 'jrcxz .+0x10');
  return out;
}
