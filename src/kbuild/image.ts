// arch/x86/boot/bzImage: a real-mode setup part carrying the Linux boot protocol header
// (Documentation/x86/boot.txt, protocol 2.13 as in 4.4), followed by the protected-mode part.
//
// Fields written (offsets in the file):
//   0x1f1 setup_sects   number of 512-byte setup sectors after the boot sector
//   0x1f4 syssize       protected-mode size in 16-byte paragraphs
//   0x1fe boot_flag     0xAA55
//   0x200 jump          a short jmp over the header
//   0x202 header        "HdrS"
//   0x206 version       0x020d
//   0x20e kernel_version  offset (from 0x200) of "4.4.79 (root@kwb) #1 SMP ..." in the setup part
//   0x211 loadflags     LOADED_HIGH
//   0x214 code32_start  0x100000
//   0x230 kernel_alignment, 0x234 relocatable_kernel, 0x235 min_alignment
//   0x236 xloadflags    XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G
//   0x248 payload_offset, 0x24c payload_length   where vmlinux is inside the protected-mode part
//   0x258 pref_address  LOAD_PHYSICAL_ADDR (0x1000000)
//   0x260 init_size
//
// Simplification (the one place it differs from Linux): the protected-mode part is vmlinux itself,
// uncompressed, with no decompressor in front of it; payload_offset is 0 and payload_length its
// size. A boot loader for this image (the workbench's machine) loads vmlinux's PT_LOAD segments at
// their physical addresses and enters startup_64 in 64-bit mode, as after decompression.
// Like arch/x86/boot/tools/build, the file ends with a CRC-32 of everything before it.

import * as zlib from 'node:zlib';

export interface ImageInfo {
  bytes: Uint8Array;
  setupBytes: number;
  setupPadded: number;
  systemKb: number;
  crc: number;
}

const SECTOR = 512;
const LOAD_PHYSICAL_ADDR = 0x1000000;
const START_OF_SETUP = 0x280;

/** `kernelVersion`: "4.4.79-nsys (root@kwb) #1 SMP <date>" as the boot header carries it. */
export function buildBzImage(vmlinux: Uint8Array, kernelVersion: string): ImageInfo {
  const versionText = new TextEncoder().encode(kernelVersion + '\0');
  const versionAt = 0x2c0; // after the header fields, inside the first setup sector
  const setupBytes = versionAt + versionText.length;
  let setupSects = Math.ceil((setupBytes - SECTOR) / SECTOR);
  if (setupSects < 4) setupSects = 4; // the boot protocol's minimum (0 means 4)
  const setupPadded = (setupSects + 1) * SECTOR;

  let sys = vmlinux.length;
  const sysPadded = Math.ceil((sys + 4) / 16) * 16; // room for the CRC, paragraph-aligned
  const total = setupPadded + sysPadded;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);

  // The boot sector: a legacy "use a boot loader" stub, as 4.4's header.S has.
  const msg = 'Use a boot loader.\r\n\nRemove disk and press any key to reboot...\r\n';
  out.set(new TextEncoder().encode(msg), 0x40);

  out[0x1f1] = setupSects;
  dv.setUint16(0x1f2, 1, true); // root_flags: mount root read-only
  dv.setUint32(0x1f4, sysPadded / 16, true);
  dv.setUint16(0x1fa, 0xffff, true); // vid_mode: NORMAL_VGA
  dv.setUint16(0x1fc, 0, true); // root_dev
  dv.setUint16(0x1fe, 0xaa55, true);
  // jmp short start_of_setup. There is no real-mode setup code: start_of_setup halts (hlt; jmp
  // back), since the image must be entered through the 64-bit boot protocol.
  out[0x200] = 0xeb;
  out[0x201] = START_OF_SETUP - 0x202;
  out.set([0xf4, 0xeb, 0xfd], START_OF_SETUP);
  out.set([0x48, 0x64, 0x72, 0x53], 0x202); // "HdrS"
  dv.setUint16(0x206, 0x020d, true);
  dv.setUint16(0x20e, versionAt - 0x200, true);
  out[0x210] = 0x00; // type_of_loader: filled in by the boot loader
  out[0x211] = 0x01; // loadflags: LOADED_HIGH
  dv.setUint32(0x214, 0x100000, true); // code32_start
  dv.setUint32(0x230, 0x200000, true); // kernel_alignment
  out[0x234] = 1; // relocatable_kernel
  out[0x235] = 21; // min_alignment (2 MiB)
  dv.setUint16(0x236, 0x0001 | 0x0002, true); // xloadflags
  dv.setUint32(0x238, 2048 - 1, true); // cmdline_size
  dv.setUint32(0x248, 0, true); // payload_offset
  dv.setUint32(0x24c, vmlinux.length, true); // payload_length
  dv.setBigUint64(0x258, BigInt(LOAD_PHYSICAL_ADDR), true); // pref_address
  dv.setUint32(0x260, Math.ceil(vmlinux.length / 4096) * 4096, true); // init_size
  out.set(versionText, versionAt);

  out.set(vmlinux, setupPadded);
  sys = sysPadded;
  const crc = crc32(out.subarray(0, total - 4));
  dv.setUint32(total - 4, crc, true);
  return { bytes: out, setupBytes, setupPadded, systemKb: Math.ceil(sys / 1024), crc };
}

let table: Uint32Array | undefined;
const zlibCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** The CRC arch/x86/boot/tools/build.c appends: CRC-32 (poly 0xedb88320), seed ~0, no final inversion. */
export function crc32(bytes: Uint8Array): number {
  // zlib's CRC-32 (Node >= 20.15) is the same polynomial with the final inversion, in native code:
  // the JavaScript loop below runs cold in a one-file rebuild, ~4 ms over a 100 kB image.
  if (zlibCrc32) return ~zlibCrc32(bytes) >>> 0;
  return crc32Slow(bytes);
}

/** The same CRC in JavaScript, for a Node without zlib.crc32. */
export function crc32Slow(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[i] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return crc >>> 0;
}
