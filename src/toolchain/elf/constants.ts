// ELF64 numbers used across the toolchain and the machine (values from the System V gABI and
// the x86-64 psABI). Only what an x86-64 static toolchain needs.

export const ELFMAG = [0x7f, 0x45, 0x4c, 0x46] as const; // "\x7fELF"
export const ELFCLASS64 = 2;
export const ELFDATA2LSB = 1;
export const EV_CURRENT = 1;
export const ELFOSABI_SYSV = 0;
export const EM_X86_64 = 62;

export const ET_REL = 1;
export const ET_EXEC = 2;
export const ET_DYN = 3;

export const EHDR_SIZE = 64;
export const PHDR_SIZE = 56;
export const SHDR_SIZE = 64;
export const SYM_SIZE = 24;
export const RELA_SIZE = 24;

// Section header types and flags
export const SHT_NULL = 0;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_RELA = 4;
export const SHT_NOBITS = 8;
export const SHT_NOTE = 7;
export const SHT_GROUP = 17;

export const SHF_WRITE = 0x1;
export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;
export const SHF_MERGE = 0x10;
export const SHF_STRINGS = 0x20;
export const SHF_INFO_LINK = 0x40;
export const SHF_GROUP = 0x200;

export const SHN_UNDEF = 0;
export const SHN_ABS = 0xfff1;
export const SHN_COMMON = 0xfff2;

// Symbols
export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STB_WEAK = 2;

export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_SECTION = 3;
export const STT_FILE = 4;

export const STV_DEFAULT = 0;
export const STV_HIDDEN = 2;

// Program headers
export const PT_NULL = 0;
export const PT_LOAD = 1;
export const PT_NOTE = 4;
export const PT_GNU_STACK = 0x6474e551;

export const PF_X = 0x1;
export const PF_W = 0x2;
export const PF_R = 0x4;

// x86-64 relocation types (psABI table 4.9)
export const R_X86_64_NONE = 0;
export const R_X86_64_64 = 1;
export const R_X86_64_PC32 = 2;
export const R_X86_64_PLT32 = 4;
export const R_X86_64_32 = 10;
export const R_X86_64_32S = 11;
export const R_X86_64_16 = 12;
export const R_X86_64_PC16 = 13;
export const R_X86_64_8 = 14;
export const R_X86_64_PC8 = 15;
export const R_X86_64_PC64 = 24;

export const RELOC_NAMES: Record<number, string> = {
  [R_X86_64_NONE]: 'R_X86_64_NONE',
  [R_X86_64_64]: 'R_X86_64_64',
  [R_X86_64_PC32]: 'R_X86_64_PC32',
  [R_X86_64_PLT32]: 'R_X86_64_PLT32',
  [R_X86_64_32]: 'R_X86_64_32',
  [R_X86_64_32S]: 'R_X86_64_32S',
  [R_X86_64_16]: 'R_X86_64_16',
  [R_X86_64_PC16]: 'R_X86_64_PC16',
  [R_X86_64_8]: 'R_X86_64_8',
  [R_X86_64_PC8]: 'R_X86_64_PC8',
  [R_X86_64_PC64]: 'R_X86_64_PC64',
};
