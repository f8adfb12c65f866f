// Applying a lab's overlay (its starting files, or its reference solution) to a workspace.
// Every write goes through resolveInside, so a symbolic link planted in the workspace cannot
// redirect it outside; every file is replaced atomically.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { KwbError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic.js';
import { resolveInside } from './safety.js';
import type { Overlay } from './types.js';

/** Writes the overlay's files, then applies its patches in order. Throws KwbError (exit 2) when a patch does not apply. */
export function applyOverlay(root: string, overlay: Overlay, what: string): void {
  for (const f of overlay.files) writeFileAtomic(resolveInside(root, f.path), f.content);
  for (const p of overlay.patches) {
    const abs = resolveInside(root, p.path);
    if (p.kind === 'delete') {
      rmSync(abs, { force: true });
      continue;
    }
    if (!existsSync(abs)) {
      if (p.kind === 'append') {
        writeFileAtomic(abs, p.text);
        continue;
      }
      throw new KwbError(`lab: ${what}: cannot patch ${p.path}: No such file`, 2);
    }
    const text = readFileSync(abs, 'utf8');
    if (p.kind === 'append') {
      writeFileAtomic(abs, text + (text === '' || text.endsWith('\n') ? '' : '\n') + p.text);
      continue;
    }
    const at = text.indexOf(p.find);
    if (at < 0) throw new KwbError(`lab: ${what}: the text to replace in ${p.path} is not there:\n${p.find}`, 2);
    if (text.indexOf(p.find, at + 1) >= 0) throw new KwbError(`lab: ${what}: the text to replace occurs more than once in ${p.path}:\n${p.find}`, 2);
    writeFileAtomic(abs, text.slice(0, at) + p.replace + text.slice(at + p.find.length));
  }
}
