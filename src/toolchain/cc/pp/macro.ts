// Macro definitions: what #define records, and the spelling helpers expansion needs (# and ##).

import { lex } from './lexer.js';
import type { SourceFile, Token } from './token.js';

export type BuiltinName =
  | '__FILE__'
  | '__LINE__'
  | '__COUNTER__'
  | '__INCLUDE_LEVEL__'
  | '__BASE_FILE__'
  | '__DATE__'
  | '__TIME__'
  | '__TIMESTAMP__'
  | '_Pragma'
  | '__has_include'
  | '__has_include_next';

export type Macro =
  | { kind: 'object'; name: string; body: Token[]; def: Token | null }
  | {
      kind: 'function';
      name: string;
      params: string[];
      /** The last parameter collects the variable arguments (`...` as __VA_ARGS__, or `name...`). */
      variadic: boolean;
      body: Token[];
      /** For each body token, the index of the parameter it names, or -1. */
      paramIndex: Int16Array;
      def: Token | null;
    }
  | { kind: 'builtin'; name: BuiltinName };

/** Two definitions are the same when their parameters, tokens and whitespace separation match (6.10.3p2). */
export function sameDefinition(a: Macro, b: Macro): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'builtin' || b.kind === 'builtin') return false;
  if (a.kind === 'function' && b.kind === 'function') {
    if (a.variadic !== b.variadic || a.params.join(',') !== b.params.join(',')) return false;
  }
  if (a.body.length !== b.body.length) return false;
  for (let i = 0; i < a.body.length; i++) {
    const x = a.body[i];
    const y = b.body[i];
    if (x.text !== y.text || (i > 0 && x.space !== y.space)) return false;
  }
  return true;
}

/** The string literal `#arg` makes: spellings joined by single spaces where there was whitespace. */
export function stringize(arg: readonly Token[]): string {
  let s = '"';
  for (let i = 0; i < arg.length; i++) {
    const t = arg[i];
    if (i > 0 && (t.space || t.bol)) s += ' ';
    if (t.kind === 'string' || t.kind === 'char') s += t.text.replace(/[\\"]/g, '\\$&');
    else s += t.text;
  }
  return s + '"';
}

const pasteFile: SourceFile = { name: '<paste>', text: '', raw: '', system: false };

/** Lexes `text` as a whole; returns the single token it forms, or null if it is not exactly one token. */
export function relexOne(text: string, asm: boolean): Token | null {
  const f: SourceFile = { ...pasteFile, text, raw: text };
  const { tokens, problems } = lex(f, [], asm);
  if (problems.length > 0 || tokens.length !== 2) return null;
  const t = tokens[0];
  if (t.space || t.warn || t.text.length !== text.length) return null;
  return t;
}
