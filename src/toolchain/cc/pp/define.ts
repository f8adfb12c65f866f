// #define lines into macro definitions (C11 6.10.3), with gcc's diagnostics for malformed ones.

import type { Macro } from './macro.js';
import type { Token } from './token.js';

export interface DefineReporter {
  error(at: Token, message: string, after?: boolean): void;
  warn(at: Token, message: string): void;
}

export const VA_ARGS_WARNING = '__VA_ARGS__ can only appear in the expansion of a C99 variadic macro';

// define-line: identifier replacement-list | identifier '(' [params] ')' replacement-list
// (the '(' of a function-like macro touches the name; with a space it starts an object's body)
/** The macro a #define line defines (its tokens after `define`), or null after reporting why not. */
export function parseDefine(dname: Token, rest: Token[], r: DefineReporter, asm: boolean): Macro | null {
  if (rest.length === 0) {
    r.error(dname, 'no macro name given in #define directive', true);
    return null;
  }
  const name = rest[0];
  if (!checkMacroName(name, r)) return null;
  if (name.text === '__VA_ARGS__') r.warn(name, VA_ARGS_WARNING);
  if (rest.length > 1 && rest[1].kind === 'punct' && rest[1].text === '(' && !rest[1].space) return functionMacro(name, rest, r, asm);
  return objectMacro(name, rest.slice(1), r);
}

export function checkMacroName(name: Token, r: DefineReporter): boolean {
  if (name.kind !== 'ident') {
    r.error(name, 'macro names must be identifiers');
    return false;
  }
  if (name.text === 'defined') {
    r.error(name, '"defined" cannot be used as a macro name');
    return false;
  }
  return true;
}

function objectMacro(name: Token, body: Token[], r: DefineReporter): Macro | null {
  if (!checkPaste(body, name, r)) return null;
  for (const t of body) if (t.kind === 'ident' && t.text === '__VA_ARGS__') r.warn(t, VA_ARGS_WARNING);
  return { kind: 'object', name: name.text, body, def: defLoc(name) };
}

// params: [identifier {',' identifier}] [',' '...' | '...'] | identifier '...' (GNU named variadic)
function functionMacro(name: Token, rest: Token[], r: DefineReporter, asm: boolean): Macro | null {
  const params: string[] = [];
  let variadic = false;
  let i = 2;
  for (;;) {
    const t = rest[i];
    if (t === undefined) {
      r.error(rest[i - 1], 'expected parameter name before end of line', true);
      return null;
    }
    if (t.kind === 'punct' && t.text === ')' && params.length === 0) {
      i++;
      break;
    }
    if (t.kind === 'punct' && t.text === '...') {
      variadic = true;
      params.push('__VA_ARGS__');
      i++;
    } else if (t.kind === 'ident') {
      if (params.includes(t.text)) {
        r.error(t, `duplicate macro parameter "${t.text}"`);
        return null;
      }
      if (t.text === '__VA_ARGS__') {
        r.error(t, '__VA_ARGS__ can not be used as a parameter name');
        return null;
      }
      params.push(t.text);
      i++;
      const d = rest[i];
      if (d && d.kind === 'punct' && d.text === '...') {
        variadic = true;
        i++;
      }
    } else {
      r.error(t, `expected parameter name, found "${t.text}"`);
      return null;
    }
    const sep = rest[i];
    if (sep && sep.kind === 'punct' && sep.text === ')') {
      i++;
      break;
    }
    if (variadic) {
      if (sep) r.error(sep, `expected ')' after "...", found "${sep.text}"`);
      else r.error(rest[i - 1], 'expected \')\' after "..."', true);
      return null;
    }
    if (!sep || sep.kind !== 'punct' || sep.text !== ',') {
      if (sep) r.error(sep, `expected ',' or ')', found "${sep.text}"`);
      else r.error(rest[i - 1], "expected ')' before end of line", true);
      return null;
    }
    i++;
  }
  const close = rest[i - 1]; // gcc locates errors in the body at the parameter list's ')'
  const body = rest.slice(i);
  const paramIndex = new Int16Array(body.length);
  for (let k = 0; k < body.length; k++) {
    const t = body[k];
    paramIndex[k] = t.kind === 'ident' ? params.indexOf(t.text) : -1;
  }
  for (let k = 0; k < body.length; k++) {
    const t = body[k];
    if (t.kind === 'punct' && t.text === '#' && !asm && (k + 1 >= body.length || paramIndex[k + 1] < 0)) {
      r.error(close, "'#' is not followed by a macro parameter");
      return null;
    }
  }
  if (!checkPaste(body, close, r)) return null;
  for (let k = 0; k < body.length; k++) {
    if (paramIndex[k] < 0 && body[k].kind === 'ident' && body[k].text === '__VA_ARGS__') r.warn(body[k], VA_ARGS_WARNING);
  }
  return { kind: 'function', name: name.text, params, variadic, body, paramIndex, def: defLoc(name) };
}

function checkPaste(body: Token[], at: Token, r: DefineReporter): boolean {
  if (body.length === 0) return true;
  for (const t of [body[0], body[body.length - 1]]) {
    if (t.kind === 'punct' && t.text === '##') {
      r.error(at, "'##' cannot appear at either end of a macro expansion");
      return false;
    }
  }
  return true;
}

/** Where notes say the macro was defined (a <built-in> or <command-line> one has no line). */
function defLoc(name: Token): Token | null {
  return name;
}
