// The macros gcc 4.9 predefines for x86_64-linux-gnu (C, -O0), as `#define` lines. Values are
// the LP64 facts (`gcc -dM -E - </dev/null` on an x86-64 Linux host lists the same set).

export interface PredefineOptions {
  kernel: boolean;
  assembler: boolean;
  freestanding: boolean;
  /** -std=: c89/gnu89 (= c90/gnu90), c99/gnu99, c11/gnu11 (the default), c17/gnu17 (= c18/gnu18). */
  std?: string;
}

export interface StdInfo {
  /** __STDC_VERSION__, or null where the standard has none (C89/C90). */
  version: string | null;
  /** ISO mode (c*) rather than GNU mode (gnu*): __STRICT_ANSI__, no `linux`/`unix`. */
  strict: boolean;
}

/** What a -std= value means for the predefined macros; null if we do not know the name. */
export function stdInfo(std: string | undefined): StdInfo | null {
  const m = /^(c|gnu)(89|90|99|11|17|18)$/.exec(std ?? 'gnu11');
  if (m === null) return null;
  const year = m[2];
  const version = year === '89' || year === '90' ? null : year === '99' ? '199901L' : year === '11' ? '201112L' : '201710L';
  return { version, strict: m[1] === 'c' };
}

const TYPES: [string, string][] = [
  ['SIZE', 'long unsigned int'],
  ['PTRDIFF', 'long int'],
  ['WCHAR', 'int'],
  ['WINT', 'unsigned int'],
  ['INTMAX', 'long int'],
  ['UINTMAX', 'long unsigned int'],
  ['CHAR16', 'short unsigned int'],
  ['CHAR32', 'unsigned int'],
  ['SIG_ATOMIC', 'int'],
  ['INT8', 'signed char'],
  ['INT16', 'short int'],
  ['INT32', 'int'],
  ['INT64', 'long int'],
  ['UINT8', 'unsigned char'],
  ['UINT16', 'short unsigned int'],
  ['UINT32', 'unsigned int'],
  ['UINT64', 'long unsigned int'],
  ['INT_LEAST8', 'signed char'],
  ['INT_LEAST16', 'short int'],
  ['INT_LEAST32', 'int'],
  ['INT_LEAST64', 'long int'],
  ['UINT_LEAST8', 'unsigned char'],
  ['UINT_LEAST16', 'short unsigned int'],
  ['UINT_LEAST32', 'unsigned int'],
  ['UINT_LEAST64', 'long unsigned int'],
  ['INT_FAST8', 'signed char'],
  ['INT_FAST16', 'long int'],
  ['INT_FAST32', 'long int'],
  ['INT_FAST64', 'long int'],
  ['UINT_FAST8', 'unsigned char'],
  ['UINT_FAST16', 'long unsigned int'],
  ['UINT_FAST32', 'long unsigned int'],
  ['UINT_FAST64', 'long unsigned int'],
  ['INTPTR', 'long int'],
  ['UINTPTR', 'long unsigned int'],
];

const I64_MAX = '0x7fffffffffffffffL';
const U64_MAX = '0xffffffffffffffffUL';

const FIXED: [string, string][] = [
  ['__STDC__', '1'],
  ['__GNUC__', '4'],
  ['__GNUC_MINOR__', '9'],
  ['__GNUC_PATCHLEVEL__', '2'],
  ['__VERSION__', '"4.9.2"'],
  ['__NO_INLINE__', '1'],
  ['__ATOMIC_RELAXED', '0'],
  ['__ATOMIC_SEQ_CST', '5'],
  ['__ATOMIC_ACQUIRE', '2'],
  ['__ATOMIC_RELEASE', '3'],
  ['__ATOMIC_ACQ_REL', '4'],
  ['__ATOMIC_CONSUME', '1'],
  ['__FINITE_MATH_ONLY__', '0'],
  ['_LP64', '1'],
  ['__LP64__', '1'],
  ['__CHAR_BIT__', '8'],
  ['__SIZEOF_INT__', '4'],
  ['__SIZEOF_LONG__', '8'],
  ['__SIZEOF_LONG_LONG__', '8'],
  ['__SIZEOF_SHORT__', '2'],
  ['__SIZEOF_FLOAT__', '4'],
  ['__SIZEOF_DOUBLE__', '8'],
  ['__SIZEOF_LONG_DOUBLE__', '16'],
  ['__SIZEOF_SIZE_T__', '8'],
  ['__SIZEOF_WCHAR_T__', '4'],
  ['__SIZEOF_WINT_T__', '4'],
  ['__SIZEOF_PTRDIFF_T__', '8'],
  ['__SIZEOF_POINTER__', '8'],
  ['__SIZEOF_INT128__', '16'],
  ['__BIGGEST_ALIGNMENT__', '16'],
  ['__SCHAR_MAX__', '0x7f'],
  ['__SHRT_MAX__', '0x7fff'],
  ['__INT_MAX__', '0x7fffffff'],
  ['__LONG_MAX__', I64_MAX],
  ['__LONG_LONG_MAX__', '0x7fffffffffffffffLL'],
  ['__WCHAR_MAX__', '0x7fffffff'],
  ['__WCHAR_MIN__', '(-__WCHAR_MAX__ - 1)'],
  ['__WINT_MAX__', '0xffffffffU'],
  ['__WINT_MIN__', '0U'],
  ['__PTRDIFF_MAX__', I64_MAX],
  ['__SIZE_MAX__', U64_MAX],
  ['__INTMAX_MAX__', I64_MAX],
  ['__UINTMAX_MAX__', U64_MAX],
  ['__SIG_ATOMIC_MAX__', '0x7fffffff'],
  ['__SIG_ATOMIC_MIN__', '(-__SIG_ATOMIC_MAX__ - 1)'],
  ['__INT8_MAX__', '0x7f'],
  ['__INT16_MAX__', '0x7fff'],
  ['__INT32_MAX__', '0x7fffffff'],
  ['__INT64_MAX__', I64_MAX],
  ['__UINT8_MAX__', '0xff'],
  ['__UINT16_MAX__', '0xffff'],
  ['__UINT32_MAX__', '0xffffffffU'],
  ['__UINT64_MAX__', U64_MAX],
  ['__INT_LEAST8_MAX__', '0x7f'],
  ['__INT_LEAST16_MAX__', '0x7fff'],
  ['__INT_LEAST32_MAX__', '0x7fffffff'],
  ['__INT_LEAST64_MAX__', I64_MAX],
  ['__UINT_LEAST8_MAX__', '0xff'],
  ['__UINT_LEAST16_MAX__', '0xffff'],
  ['__UINT_LEAST32_MAX__', '0xffffffffU'],
  ['__UINT_LEAST64_MAX__', U64_MAX],
  ['__INT_FAST8_MAX__', '0x7f'],
  ['__INT_FAST16_MAX__', I64_MAX],
  ['__INT_FAST32_MAX__', I64_MAX],
  ['__INT_FAST64_MAX__', I64_MAX],
  ['__UINT_FAST8_MAX__', '0xff'],
  ['__UINT_FAST16_MAX__', U64_MAX],
  ['__UINT_FAST32_MAX__', U64_MAX],
  ['__UINT_FAST64_MAX__', U64_MAX],
  ['__INTPTR_MAX__', I64_MAX],
  ['__UINTPTR_MAX__', U64_MAX],
  ['__INT8_C(c)', 'c'],
  ['__INT16_C(c)', 'c'],
  ['__INT32_C(c)', 'c'],
  ['__INT64_C(c)', 'c ## L'],
  ['__UINT8_C(c)', 'c'],
  ['__UINT16_C(c)', 'c'],
  ['__UINT32_C(c)', 'c ## U'],
  ['__UINT64_C(c)', 'c ## UL'],
  ['__INTMAX_C(c)', 'c ## L'],
  ['__UINTMAX_C(c)', 'c ## UL'],
  ['__ORDER_LITTLE_ENDIAN__', '1234'],
  ['__ORDER_BIG_ENDIAN__', '4321'],
  ['__ORDER_PDP_ENDIAN__', '3412'],
  ['__BYTE_ORDER__', '__ORDER_LITTLE_ENDIAN__'],
  ['__FLOAT_WORD_ORDER__', '__ORDER_LITTLE_ENDIAN__'],
  ['__REGISTER_PREFIX__', ''],
  ['__USER_LABEL_PREFIX__', ''],
  ['__x86_64__', '1'],
  ['__x86_64', '1'],
  ['__amd64__', '1'],
  ['__amd64', '1'],
  ['__k8', '1'],
  ['__k8__', '1'],
  ['__code_model_small__', '1'],
  ['__MMX__', '1'],
  ['__SSE__', '1'],
  ['__SSE2__', '1'],
  ['__FXSR__', '1'],
  ['__SSE_MATH__', '1'],
  ['__SSE2_MATH__', '1'],
  ['__linux__', '1'],
  ['__linux', '1'],
  ['__gnu_linux__', '1'],
  ['__unix__', '1'],
  ['__unix', '1'],
  ['__ELF__', '1'],
  ['__DECIMAL_BID_FORMAT__', '1'],
];

/** The `#define` lines of the predefined set, as one source text (the `<built-in>` file). */
export function predefinedSource(o: PredefineOptions): string {
  const lines: string[] = [];
  const std = stdInfo(o.std) ?? (stdInfo('gnu11') as StdInfo);
  for (const [n, v] of FIXED) lines.push(`#define ${n} ${v}`);
  if (std.version) lines.push(`#define __STDC_VERSION__ ${std.version}`);
  lines.push(std.version ? '#define __GNUC_STDC_INLINE__ 1' : '#define __GNUC_GNU_INLINE__ 1');
  if (std.strict) lines.push('#define __STRICT_ANSI__ 1');
  else lines.push('#define linux 1', '#define unix 1');
  for (const [n, t] of TYPES) lines.push(`#define __${n}_TYPE__ ${t}`);
  lines.push(`#define __STDC_HOSTED__ ${o.freestanding ? 0 : 1}`);
  if (o.assembler) lines.push('#define __ASSEMBLER__ 1');
  if (o.kernel) lines.push('#define __KERNEL__ 1');
  return lines.join('\n') + '\n';
}
