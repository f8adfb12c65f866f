// Loading the kernel: arch/x86/boot/bzImage through its boot-protocol header (the protected-mode
// part starts after (setup_sects + 1) * 512 bytes; this tree's is vmlinux itself, see
// src/kbuild/image.ts), or a vmlinux ELF directly.
import { ElfFormatError, readElf, type ElfFile } from '../../toolchain/elf/read.js';
import { PT_LOAD, STT_FUNC, STT_NOTYPE } from '../../toolchain/elf/constants.js';

export class KernelImageError extends Error {}

export interface KernelImage {
  elf: ElfFile;
  /** The kernel version string the boot header points at ("4.4.79 (root@kwb) #1 SMP ..."), if any. */
  version: string | null;
  entry: number;
  symbols: Map<string, number>;
  /** Function symbols sorted by address, for kallsyms. */
  functions: { addr: number; size: number; name: string }[];
}

function isBzImage(b: Uint8Array): boolean {
  return b.length > 0x210 && b[0x1fe] === 0x55 && b[0x1ff] === 0xaa && b[0x202] === 0x48 && b[0x203] === 0x64 && b[0x204] === 0x72 && b[0x205] === 0x53;
}

export function loadKernelImage(bytes: Uint8Array): KernelImage {
  let elfBytes = bytes;
  let version: string | null = null;
  if (isBzImage(bytes)) {
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const setupSects = bytes[0x1f1] || 4;
    const start = (setupSects + 1) * 512;
    const payloadOffset = dv.getUint32(0x248, true);
    const payloadLength = dv.getUint32(0x24c, true);
    const kv = dv.getUint16(0x20e, true);
    if (kv) {
      let end = 0x200 + kv;
      while (end < bytes.length && bytes[end] !== 0) end++;
      version = new TextDecoder('latin1').decode(bytes.subarray(0x200 + kv, end));
    }
    elfBytes = bytes.subarray(start + payloadOffset, start + payloadOffset + (payloadLength || bytes.length));
    if (!(elfBytes[0] === 0x7f && elfBytes[1] === 0x45)) {
      throw new KernelImageError('the bzImage payload is not an uncompressed ELF vmlinux (compressed kernels are not supported)');
    }
  } else if (!(bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46)) {
    throw new KernelImageError('not a kernel image (neither a bzImage with a boot-protocol header nor an ELF vmlinux)');
  }
  let elf: ElfFile;
  try {
    elf = readElf(new Uint8Array(elfBytes));
  } catch (e) {
    if (e instanceof ElfFormatError) throw new KernelImageError(`the kernel is not a valid ELF file: ${e.message}`);
    throw e;
  }
  if (!elf.segments.some((s) => s.type === PT_LOAD)) throw new KernelImageError('the kernel has no loadable segments');
  const symbols = new Map<string, number>();
  const functions: { addr: number; size: number; name: string }[] = [];
  for (const s of elf.symbols) {
    if (!s.name || s.shndx === 0) continue;
    const addr = Number(BigInt.asIntN(64, s.value));
    if (!symbols.has(s.name) || s.bind !== 0) symbols.set(s.name, addr);
    if ((s.type === STT_FUNC || s.type === STT_NOTYPE) && addr < 0) {
      const sec = elf.sections[s.shndx];
      if (sec && (Number(sec.flags) & 4) !== 0) functions.push({ addr, size: Number(s.size), name: s.name });
    }
  }
  functions.sort((a, b) => a.addr - b.addr || b.size - a.size);
  // Symbols without a size (assembly labels) extend to the next symbol.
  for (let i = 0; i < functions.length; i++) {
    const f = functions[i]!;
    if (f.size === 0) {
      let j = i + 1;
      while (j < functions.length && functions[j]!.addr === f.addr) j++;
      f.size = j < functions.length ? functions[j]!.addr - f.addr : 16;
    }
  }
  const entry = Number(BigInt.asIntN(64, elf.header.entry));
  return { elf, version, entry: symbols.get('startup_64') ?? entry, symbols, functions };
}

/** The function containing addr: [name, offset, size], as kallsyms_lookup finds it. */
export function lookupSymbol(img: KernelImage, addr: number): { name: string; offset: number; size: number } | null {
  const fs = img.functions;
  let lo = 0;
  let hi = fs.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (fs[mid]!.addr <= addr) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Among symbols at or below addr, prefer one that contains it (a global over a local label).
  for (let i = best; i >= 0 && i > best - 8; i--) {
    const f = fs[i]!;
    if (addr >= f.addr && addr < f.addr + f.size && !f.name.startsWith('.')) return { name: f.name, offset: addr - f.addr, size: f.size };
  }
  return null;
}
