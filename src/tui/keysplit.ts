// Ink hands a run of plain bytes that arrived together (a paste, tmux send-keys, a fast typist on
// a slow machine) to useInput as one string: "obj-y\r" is one event, not six keys and Enter.
// `eachKey` splits such runs back into single keys, so Enter, Tab, Backspace and Ctrl-letters
// inside them act as keys. Escape sequences (arrows...) Ink already delivers one by one.
import type { Key } from 'ink';

const NONE: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

export function keyOf(ch: string): [string, Key] {
  const c = ch.charCodeAt(0);
  if (ch === '\r' || ch === '\n') return ['', { ...NONE, return: true }];
  if (ch === '\t') return ['', { ...NONE, tab: true }];
  if (ch === '\x7f') return ['', { ...NONE, delete: true }];
  if (ch === '\b') return ['', { ...NONE, backspace: true }];
  if (c >= 1 && c <= 26) return [String.fromCharCode(c + 96), { ...NONE, ctrl: true }];
  return [ch, { ...NONE, shift: /[A-Z]/.test(ch) }];
}

export function eachKey(handler: (input: string, key: Key) => void): (input: string, key: Key) => void {
  return (input, key) => {
    if (input.length > 1 && !input.includes('\x1b') && /[\x00-\x1f\x7f]/.test(input)) {
      // Printable stretches stay together (one insert for a pasted line); control bytes split.
      for (const part of input.match(/[^\x00-\x1f\x7f]+|[\x00-\x1f\x7f]/g) ?? []) {
        if (part.length === 1) handler(...keyOf(part));
        else handler(part, { ...NONE });
      }
      return;
    }
    handler(input, key);
  };
}
