// The C library functions gcc knows as built-ins. Called without a declaration, gcc still uses
// their real prototype (so `p = malloc(n)` keeps all 64 bits of the pointer) and says which
// header declares them. kwb does the same, with the same warnings.

import { funcType, pointerTo, qualified, ty_char, ty_int, ty_long, ty_ulong, ty_void, type Type } from './types.js';

export interface LibBuiltin {
  header: string;
  type: Type;
}

const P = {
  int: ty_int,
  long: ty_long,
  size: ty_ulong,
  void: ty_void,
  vp: pointerTo(ty_void),
  cvp: pointerTo(qualified(ty_void, true, false)),
  cp: pointerTo(ty_char),
  ccp: pointerTo(qualified(ty_char, true, false)),
};

function fn(ret: Type, params: Type[], variadic = false): Type {
  const t = funcType(ret);
  t.params = params.map((ty) => ({ name: null, ty, tok: null }));
  t.variadic = variadic;
  return t;
}

const TABLE: Record<string, [string, Type]> = {
  printf: ['stdio.h', fn(P.int, [P.ccp], true)],
  sprintf: ['stdio.h', fn(P.int, [P.cp, P.ccp], true)],
  snprintf: ['stdio.h', fn(P.int, [P.cp, P.size, P.ccp], true)],
  puts: ['stdio.h', fn(P.int, [P.ccp])],
  putchar: ['stdio.h', fn(P.int, [P.int])],
  scanf: ['stdio.h', fn(P.int, [P.ccp], true)],
  sscanf: ['stdio.h', fn(P.int, [P.ccp, P.ccp], true)],
  malloc: ['stdlib.h', fn(P.vp, [P.size])],
  calloc: ['stdlib.h', fn(P.vp, [P.size, P.size])],
  realloc: ['stdlib.h', fn(P.vp, [P.vp, P.size])],
  free: ['stdlib.h', fn(P.void, [P.vp])],
  exit: ['stdlib.h', fn(P.void, [P.int])],
  abort: ['stdlib.h', fn(P.void, [])],
  abs: ['stdlib.h', fn(P.int, [P.int])],
  labs: ['stdlib.h', fn(P.long, [P.long])],
  strlen: ['string.h', fn(P.size, [P.ccp])],
  strcpy: ['string.h', fn(P.cp, [P.cp, P.ccp])],
  strncpy: ['string.h', fn(P.cp, [P.cp, P.ccp, P.size])],
  strcat: ['string.h', fn(P.cp, [P.cp, P.ccp])],
  strncat: ['string.h', fn(P.cp, [P.cp, P.ccp, P.size])],
  strcmp: ['string.h', fn(P.int, [P.ccp, P.ccp])],
  strncmp: ['string.h', fn(P.int, [P.ccp, P.ccp, P.size])],
  strchr: ['string.h', fn(P.cp, [P.ccp, P.int])],
  strrchr: ['string.h', fn(P.cp, [P.ccp, P.int])],
  strstr: ['string.h', fn(P.cp, [P.ccp, P.ccp])],
  strdup: ['string.h', fn(P.cp, [P.ccp])],
  memcpy: ['string.h', fn(P.vp, [P.vp, P.cvp, P.size])],
  memmove: ['string.h', fn(P.vp, [P.vp, P.cvp, P.size])],
  memset: ['string.h', fn(P.vp, [P.vp, P.int, P.size])],
  memcmp: ['string.h', fn(P.int, [P.cvp, P.cvp, P.size])],
  memchr: ['string.h', fn(P.vp, [P.cvp, P.int, P.size])],
  isalpha: ['ctype.h', fn(P.int, [P.int])],
  isdigit: ['ctype.h', fn(P.int, [P.int])],
  isspace: ['ctype.h', fn(P.int, [P.int])],
  isupper: ['ctype.h', fn(P.int, [P.int])],
  islower: ['ctype.h', fn(P.int, [P.int])],
  isalnum: ['ctype.h', fn(P.int, [P.int])],
  toupper: ['ctype.h', fn(P.int, [P.int])],
  tolower: ['ctype.h', fn(P.int, [P.int])],
};

export function libBuiltin(name: string): LibBuiltin | null {
  const e = TABLE[name];
  return e ? { header: e[0], type: e[1] } : null;
}

/** An implicit `int f()` matches the built-in only if it returns int and is not variadic. */
export function matchesImplicit(t: Type): boolean {
  return t.ret === ty_int && !t.variadic;
}
