// LEB128, the variable-length integers of DWARF (.uleb128/.sleb128, CFI) and WebAssembly:
// 7 bits per byte, low group first, the top bit set on every byte but the last.

/** Appends v (a negative v taken as its 64-bit two's complement) in unsigned LEB128. */
export function uleb128(out: number[], v: bigint): void {
  if (v < 0n) v = BigInt.asUintN(64, v);
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) b |= 0x80;
    out.push(b);
  } while (v !== 0n);
}

/** Appends v in signed LEB128: groups until the rest is all sign bits and the last byte's bit 6 agrees. */
export function sleb128(out: number[], v: bigint): void {
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) {
      out.push(b);
      return;
    }
    out.push(b | 0x80);
  }
}
