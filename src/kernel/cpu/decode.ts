// x86-64 decoder: prefixes, REX, opcode, ModRM/SIB/displacement, immediates → an Insn.
// Covers the forms in docs/isa.md, the integer instructions gcc -O0 emits, and the system
// instructions the kernel needs. Anything else decodes to Op.UD so executing it raises #UD
// with the bytes (an invalid opcode is the guest's problem, never an emulator crash).
import { Op, SEG_FS, SEG_GS, SEG_NONE, type Insn } from './insn.js';

/** Thrown when the instruction runs past the bytes the fetcher could supply (an unmapped page). */
export class FetchShort extends Error {
  constructor(readonly offset: number) {
    super('instruction fetch ran past mapped memory');
  }
}

export const MAX_INSN_LEN = 15;

function blank(addr: number): Insn {
  return {
    addr,
    next: addr,
    len: 0,
    op: Op.UD,
    size: 4,
    sub: 0,
    reg: 0,
    rm: -1,
    base: -1,
    index: -1,
    scale: 1,
    disp: 0,
    ripRel: false,
    addr32: false,
    seg: SEG_NONE,
    immLo: 0,
    immHi: 0,
    imm2: 0,
    cl: false,
    rep: 0,
    lock: false,
    tgt: NaN,
    nextLo: 0,
    nextHi: 0,
    bytes: new Uint8Array(0),
    hits: 0,
    seen: NaN,
    block: null,
    blockPc: 0,
  };
}

/**
 * Decodes one instruction from buf[0..avail) located at `addr`.
 * Throws FetchShort if the instruction needs a byte at or beyond `avail`.
 */
export function decode(buf: Uint8Array, avail: number, addr: number): Insn {
  const d = blank(addr);
  let p = 0;
  const byte = (): number => {
    if (p >= avail) throw new FetchShort(p);
    if (p >= MAX_INSN_LEN) throw new TooLong();
    return buf[p++]!;
  };
  const imm8 = (): number => (byte() << 24) >> 24;
  const imm16 = (): number => {
    const v = byte() | (byte() << 8);
    return (v << 16) >> 16;
  };
  const imm32 = (): number => byte() | (byte() << 8) | (byte() << 16) | (byte() << 24);

  try {
    let opsize16 = false;
    let rex = 0;
    let b: number;
    // Legacy prefixes, then at most one REX immediately before the opcode.
    for (;;) {
      b = byte();
      if (b === 0x66) opsize16 = true;
      else if (b === 0x67) d.addr32 = true;
      else if (b === 0xf3) d.rep = 1;
      else if (b === 0xf2) d.rep = 2;
      else if (b === 0xf0) d.lock = true;
      else if (b === 0x64) d.seg = SEG_FS;
      else if (b === 0x65) d.seg = SEG_GS;
      else if (b === 0x2e || b === 0x3e || b === 0x26 || b === 0x36) {
        /* null segment overrides in 64-bit mode */
      } else break;
      rex = 0;
    }
    if ((b & 0xf0) === 0x40) {
      rex = b;
      b = byte();
    }
    const rexW = (rex & 8) !== 0;
    const rexR = (rex & 4) << 1; // 8 if set
    const rexX = (rex & 2) << 2;
    const rexB = (rex & 1) << 3;
    const vsize = rexW ? 8 : opsize16 ? 2 : 4;
    // 8-bit register numbering: without REX, 4..7 are ah, ch, dh, bh (16..19 in our convention).
    const r8 = (n: number): number => (rex === 0 && n >= 4 && n < 8 ? n + 12 : n);

    let modrmRead = false;
    let mod = 0;
    let regField = 0;
    const modrm = (size8: boolean): void => {
      const m = byte();
      modrmRead = true;
      mod = m >> 6;
      regField = (m >> 3) & 7;
      d.reg = size8 ? r8(regField | rexR) : regField | rexR;
      const rmf = m & 7;
      if (mod === 3) {
        d.rm = size8 ? r8(rmf | rexB) : rmf | rexB;
        return;
      }
      d.rm = -1;
      if (rmf === 4) {
        const sib = byte();
        const ss = sib >> 6;
        const idx = ((sib >> 3) & 7) | rexX;
        const base = sib & 7;
        d.scale = 1 << ss;
        d.index = idx === 4 ? -1 : idx;
        if (base === 5 && mod === 0) {
          d.base = -1;
          d.disp = imm32();
        } else d.base = base | rexB;
      } else if (rmf === 5 && mod === 0) {
        d.ripRel = true;
        d.disp = imm32();
      } else d.base = rmf | rexB;
      if (mod === 1) d.disp = imm8();
      else if (mod === 2) d.disp = imm32();
    };
    const immSized = (size: number): void => {
      if (size === 1) d.immLo = imm8();
      else if (size === 2) d.immLo = imm16();
      else d.immLo = imm32();
      d.immHi = d.immLo >> 31;
    };
    const setImm8 = (): void => {
      d.immLo = imm8();
      d.immHi = d.immLo >> 31;
    };

    d.size = vsize;
    if (b !== 0x0f) {
      decodeOne(b);
    } else {
      decodeTwo(byte());
    }

    function decodeOne(op: number): void {
      if (op < 0x40 && (op & 7) < 6) {
        // The eight classic ALU operations: 00-05 add, 08 or, 10 adc, 18 sbb, 20 and, 28 sub, 30 xor, 38 cmp.
        d.sub = op >> 3;
        const form = op & 7;
        const byteOp = (form & 1) === 0;
        d.size = byteOp ? 1 : vsize;
        if (form < 4) {
          modrm(byteOp);
          d.op = form < 2 ? Op.ALU_EG : Op.ALU_GE;
        } else {
          d.op = Op.ALU_EI;
          d.rm = 0;
          immSized(byteOp ? 1 : Math.min(d.size, 4));
        }
        return;
      }
      if (op >= 0x50 && op <= 0x57) {
        d.op = Op.PUSH_R;
        d.reg = (op & 7) | rexB;
        d.size = opsize16 ? 2 : 8;
        return;
      }
      if (op >= 0x58 && op <= 0x5f) {
        d.op = Op.POP_R;
        d.reg = (op & 7) | rexB;
        d.size = opsize16 ? 2 : 8;
        return;
      }
      if (op >= 0x70 && op <= 0x7f) {
        d.op = Op.JCC;
        d.sub = op & 15;
        setImm8();
        return;
      }
      if (op >= 0x91 && op <= 0x97) {
        d.op = Op.XCHG;
        d.reg = 0;
        d.rm = (op & 7) | rexB;
        return;
      }
      if (op >= 0xb0 && op <= 0xb7) {
        d.op = Op.MOV_EI;
        d.size = 1;
        d.rm = r8((op & 7) | rexB);
        d.immLo = byte();
        return;
      }
      if (op >= 0xb8 && op <= 0xbf) {
        d.op = Op.MOV_EI;
        d.rm = (op & 7) | rexB;
        if (vsize === 8) {
          d.immLo = imm32();
          d.immHi = imm32();
        } else immSized(vsize);
        return;
      }
      switch (op) {
        case 0x63:
          d.op = Op.MOVSX;
          d.sub = 4;
          modrm(false);
          return;
        case 0x68:
          d.op = Op.PUSH_I;
          d.size = opsize16 ? 2 : 8;
          immSized(opsize16 ? 2 : 4);
          return;
        case 0x6a:
          d.op = Op.PUSH_I;
          d.size = opsize16 ? 2 : 8;
          setImm8();
          return;
        case 0x69:
          d.op = Op.IMUL3;
          modrm(false);
          immSized(Math.min(vsize, 4));
          return;
        case 0x6b:
          d.op = Op.IMUL3;
          modrm(false);
          setImm8();
          return;
        case 0x80:
        case 0x81:
        case 0x83:
          d.size = op === 0x80 ? 1 : vsize;
          modrm(op === 0x80);
          d.op = Op.ALU_EI;
          d.sub = regField;
          if (op === 0x81) immSized(Math.min(d.size, 4));
          else setImm8();
          return;
        case 0x84:
        case 0x85:
          d.size = op === 0x84 ? 1 : vsize;
          modrm(op === 0x84);
          d.op = Op.TEST_EG;
          return;
        case 0x86:
        case 0x87:
          d.size = op === 0x86 ? 1 : vsize;
          modrm(op === 0x86);
          d.op = Op.XCHG;
          return;
        case 0x88:
        case 0x89:
          d.size = op === 0x88 ? 1 : vsize;
          modrm(op === 0x88);
          d.op = Op.MOV_EG;
          return;
        case 0x8a:
        case 0x8b:
          d.size = op === 0x8a ? 1 : vsize;
          modrm(op === 0x8a);
          d.op = Op.MOV_GE;
          return;
        case 0x8c:
        case 0x8e:
          modrm(false);
          if (d.rm < 0) d.size = 2;
          d.reg = regField;
          d.op = regField > 5 || (op === 0x8e && regField === 1) ? Op.UD : op === 0x8c ? Op.MOV_FROM_SREG : Op.MOV_TO_SREG;
          return;
        case 0x8d:
          modrm(false);
          d.op = d.rm >= 0 ? Op.UD : Op.LEA;
          return;
        case 0x8f:
          modrm(false);
          d.size = opsize16 ? 2 : 8;
          d.op = regField === 0 ? Op.POP_E : Op.UD;
          return;
        case 0x90:
          if (rexB) {
            d.op = Op.XCHG;
            d.reg = 0;
            d.rm = 8;
          } else d.op = d.rep === 1 ? Op.PAUSE : Op.NOP;
          return;
        case 0x98:
          d.op = Op.CBW;
          return;
        case 0x99:
          d.op = Op.CWD;
          return;
        case 0x9c:
          d.op = Op.PUSHF;
          d.size = opsize16 ? 2 : 8;
          return;
        case 0x9d:
          d.op = Op.POPF;
          d.size = opsize16 ? 2 : 8;
          return;
        case 0x9e:
          d.op = Op.SAHF;
          return;
        case 0x9f:
          d.op = Op.LAHF;
          return;
        case 0xa4:
        case 0xa5:
          d.op = Op.MOVS;
          d.size = op === 0xa4 ? 1 : vsize;
          return;
        case 0xa6:
        case 0xa7:
          d.op = Op.CMPS;
          d.size = op === 0xa6 ? 1 : vsize;
          return;
        case 0xa8:
        case 0xa9:
          d.op = Op.TEST_EI;
          d.size = op === 0xa8 ? 1 : vsize;
          d.rm = 0;
          immSized(Math.min(d.size, 4));
          return;
        case 0xaa:
        case 0xab:
          d.op = Op.STOS;
          d.size = op === 0xaa ? 1 : vsize;
          return;
        case 0xac:
        case 0xad:
          d.op = Op.LODS;
          d.size = op === 0xac ? 1 : vsize;
          return;
        case 0xae:
        case 0xaf:
          d.op = Op.SCAS;
          d.size = op === 0xae ? 1 : vsize;
          return;
        case 0xc0:
        case 0xc1:
        case 0xd0:
        case 0xd1:
        case 0xd2:
        case 0xd3: {
          const byteOp = (op & 1) === 0;
          d.size = byteOp ? 1 : vsize;
          modrm(byteOp);
          d.op = Op.SHIFT;
          d.sub = regField;
          if (op <= 0xc1) d.immLo = byte();
          else if (op <= 0xd1) d.immLo = 1;
          else d.cl = true;
          return;
        }
        case 0xc2:
          d.op = Op.RET;
          d.immLo = imm16() & 0xffff;
          return;
        case 0xc3:
          d.op = Op.RET;
          return;
        case 0xc6:
        case 0xc7:
          d.size = op === 0xc6 ? 1 : vsize;
          modrm(op === 0xc6);
          if (regField !== 0) return;
          d.op = Op.MOV_EI;
          immSized(Math.min(d.size, 4));
          return;
        case 0xc8:
          d.op = Op.ENTER;
          d.immLo = imm16() & 0xffff;
          d.imm2 = byte();
          return;
        case 0xc9:
          d.op = Op.LEAVE;
          return;
        case 0xcc:
          d.op = Op.INT3;
          return;
        case 0xcd:
          d.op = Op.INT;
          d.immLo = byte();
          return;
        case 0xcf:
          d.op = Op.IRET;
          return;
        case 0xe4:
        case 0xe5:
        case 0xec:
        case 0xed:
          d.op = Op.IN;
          d.size = op & 1 ? (opsize16 ? 2 : 4) : 1;
          if (op < 0xe8) d.immLo = byte();
          else d.cl = true;
          return;
        case 0xe6:
        case 0xe7:
        case 0xee:
        case 0xef:
          d.op = Op.OUT;
          d.size = op & 1 ? (opsize16 ? 2 : 4) : 1;
          if (op < 0xe8) d.immLo = byte();
          else d.cl = true;
          return;
        case 0xe8:
          d.op = Op.CALL;
          d.immLo = imm32();
          return;
        case 0xe9:
          d.op = Op.JMP;
          d.immLo = imm32();
          return;
        case 0xeb:
          d.op = Op.JMP;
          d.immLo = imm8();
          return;
        case 0xf4:
          d.op = Op.HLT;
          return;
        case 0xf5:
          d.op = Op.CMC;
          return;
        case 0xf6:
        case 0xf7: {
          d.size = op === 0xf6 ? 1 : vsize;
          modrm(op === 0xf6);
          const ops = [Op.TEST_EI, Op.TEST_EI, Op.NOT, Op.NEG, Op.MUL1, Op.IMUL1, Op.DIV, Op.IDIV];
          d.op = ops[regField]!;
          if (regField < 2) immSized(Math.min(d.size, 4));
          return;
        }
        case 0xf8:
          d.op = Op.CLC;
          return;
        case 0xf9:
          d.op = Op.STC;
          return;
        case 0xfa:
          d.op = Op.CLI;
          return;
        case 0xfb:
          d.op = Op.STI;
          return;
        case 0xfc:
          d.op = Op.CLD;
          return;
        case 0xfd:
          d.op = Op.STD;
          return;
        case 0xfe:
          d.size = 1;
          modrm(true);
          d.op = regField === 0 ? Op.INC : regField === 1 ? Op.DEC : Op.UD;
          return;
        case 0xff:
          modrm(false);
          switch (regField) {
            case 0:
              d.op = Op.INC;
              return;
            case 1:
              d.op = Op.DEC;
              return;
            case 2:
              d.op = Op.CALL_E;
              d.size = 8;
              return;
            case 4:
              d.op = Op.JMP_E;
              d.size = 8;
              return;
            case 6:
              d.op = Op.PUSH_E;
              d.size = opsize16 ? 2 : 8;
              return;
          }
          d.op = Op.UD;
          return;
      }
      d.op = Op.UD;
    }

    function decodeTwo(op: number): void {
      if (op >= 0x40 && op <= 0x4f) {
        modrm(false);
        d.op = Op.CMOVCC;
        d.sub = op & 15;
        return;
      }
      if (op >= 0x80 && op <= 0x8f) {
        d.op = Op.JCC;
        d.sub = op & 15;
        d.immLo = imm32();
        d.immHi = d.immLo >> 31;
        return;
      }
      if (op >= 0x90 && op <= 0x9f) {
        d.size = 1;
        modrm(true);
        d.op = Op.SETCC;
        d.sub = op & 15;
        return;
      }
      if (op >= 0xc8 && op <= 0xcf) {
        d.op = Op.BSWAP;
        d.rm = (op & 7) | rexB;
        return;
      }
      switch (op) {
        case 0x00:
          modrm(false);
          d.op = regField === 3 ? Op.LTR : Op.UD;
          d.size = 2;
          return;
        case 0x01: {
          const m = byte();
          if (m >> 6 === 3) {
            if (m === 0xf8) d.op = Op.SWAPGS;
            else if (m === 0xd0) d.op = Op.UD;
            else d.op = Op.UD;
            return;
          }
          p--;
          modrm(false);
          d.op = regField === 3 ? Op.LIDT : regField === 2 ? Op.LGDT : regField === 1 ? Op.SIDT : regField === 7 ? Op.INVLPG : Op.UD;
          return;
        }
        case 0x05:
          d.op = Op.SYSCALL;
          return;
        case 0x07:
          d.op = Op.SYSRET;
          return;
        case 0x0b:
          d.op = Op.UD;
          return;
        case 0x0d:
        case 0x18:
        case 0x19:
        case 0x1a:
        case 0x1b:
        case 0x1c:
        case 0x1d:
        case 0x1f:
          // Hint NOPs and prefetches (0F 1F /0 is the multi-byte NOP).
          modrm(false);
          d.op = Op.NOP;
          return;
        case 0x1e:
          // F3 0F 1E FA endbr64 (and the other hint encodings here) execute as NOP.
          modrm(false);
          d.op = Op.NOP;
          return;
        case 0x20:
        case 0x21:
        case 0x22:
        case 0x23: {
          modrm(false);
          if (d.rm < 0) return;
          d.size = 8;
          d.op = op === 0x20 ? Op.MOV_R_CR : op === 0x21 ? Op.MOV_R_DR : op === 0x22 ? Op.MOV_CR_R : Op.MOV_DR_R;
          return;
        }
        case 0x30:
          d.op = Op.WRMSR;
          return;
        case 0x31:
          d.op = Op.RDTSC;
          return;
        case 0x32:
          d.op = Op.RDMSR;
          return;
        case 0xa2:
          d.op = Op.CPUID;
          return;
        case 0xa3:
        case 0xab:
        case 0xb3:
        case 0xbb:
          modrm(false);
          d.op = Op.BT_G;
          d.sub = op === 0xa3 ? 0 : op === 0xab ? 1 : op === 0xb3 ? 2 : 3;
          return;
        case 0xa4:
        case 0xa5:
        case 0xac:
        case 0xad:
          modrm(false);
          d.op = Op.SHD;
          d.sub = op < 0xa8 ? 0 : 1;
          if ((op & 1) === 0) d.immLo = byte();
          else d.cl = true;
          return;
        case 0xaf:
          modrm(false);
          d.op = Op.IMUL2;
          return;
        case 0xb0:
        case 0xb1:
          d.size = op === 0xb0 ? 1 : vsize;
          modrm(op === 0xb0);
          d.op = Op.CMPXCHG;
          return;
        case 0xb6:
        case 0xb7:
          modrm(op === 0xb6);
          d.op = Op.MOVZX;
          d.sub = op === 0xb6 ? 1 : 2;
          // The destination is never an 8-bit register; undo the ah..bh mapping for reg.
          d.reg = regField | rexR;
          return;
        case 0xbe:
        case 0xbf:
          modrm(op === 0xbe);
          d.op = Op.MOVSX;
          d.sub = op === 0xbe ? 1 : 2;
          d.reg = regField | rexR;
          return;
        case 0xba:
          modrm(false);
          if (regField < 4) return;
          d.op = Op.BT_I;
          d.sub = regField - 4;
          d.immLo = byte();
          return;
        case 0xbc:
          modrm(false);
          d.op = d.rep === 1 ? Op.UD : Op.BSF; // tzcnt (F3) is not supported
          return;
        case 0xbd:
          modrm(false);
          d.op = d.rep === 1 ? Op.UD : Op.BSR;
          return;
        case 0xc0:
        case 0xc1:
          d.size = op === 0xc0 ? 1 : vsize;
          modrm(op === 0xc0);
          d.op = Op.XADD;
          return;
      }
      d.op = Op.UD;
    }
    void modrmRead;
  } catch (e) {
    if (e instanceof TooLong) {
      d.op = Op.UD;
      p = MAX_INSN_LEN;
    } else throw e;
  }
  d.len = p;
  d.next = addr + p;
  d.bytes = buf.slice(0, p);
  return d;
}

class TooLong extends Error {}
