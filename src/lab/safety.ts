// Paths in a lab name files inside the student's workspace and nothing else. A lab is data
// from an instructor we may not know, so a path is refused when it could reach outside:
// absolute, `..`, a backslash (a Windows separator in disguise), or the workbench's own .kwb/.
// At use time a path is also refused when a symbolic link on the way leads out of the workspace.
import { lstatSync, realpathSync } from 'node:fs';
import { join, relative, isAbsolute, sep } from 'node:path';
import { KwbError } from '../errors.js';
import type { WsPath } from './types.js';

/** Why a path written in a lab is not acceptable, or null when it is. */
export function pathProblem(p: string): string | null {
  if (p === '') return 'a path cannot be empty';
  if (p.includes('\0')) return 'a path cannot contain a NUL character';
  if (p.includes('\\')) return `'${p}': use '/' to separate directories, not '\\'`;
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return `'${p}' is an absolute path; lab paths are relative to the workspace`;
  if (p.startsWith('~')) return `'${p}' names a home directory; lab paths are relative to the workspace`;
  const parts = p.split('/');
  if (parts.includes('..')) return `'${p}' leaves the workspace ('..' is not allowed in lab paths)`;
  if (parts.slice(0, -1).includes('')) return `'${p}' has an empty path component`;
  const first = parts.find((x) => x !== '.');
  if (first === '.kwb') return `'${p}' is inside .kwb/, the workbench's own state`;
  if (first === undefined) return `'${p}' names the workspace itself, not a file in it`;
  return null;
}

/** The normal form of a safe path (no `./`, no trailing slash). */
export function normalizeWsPath(p: string): WsPath {
  return p.split('/').filter((x) => x !== '' && x !== '.').join('/') as WsPath;
}

/**
 * The absolute location of `p` inside workspace `root`, after checking that no existing component
 * on the way is a symbolic link that leads outside. Throws KwbError (exit 2) when one does.
 */
export function resolveInside(root: string, p: WsPath): string {
  const realRoot = realpathSync(root);
  const parts = p.split('/');
  let cur = realRoot;
  for (const part of parts) {
    cur = join(cur, part);
    let st;
    try {
      st = lstatSync(cur);
    } catch {
      return join(realRoot, ...parts); // the rest does not exist yet; nothing to follow
    }
    if (st.isSymbolicLink()) {
      let target: string;
      try {
        target = realpathSync(cur);
      } catch {
        throw new KwbError(`lab: '${p}' goes through a dangling symbolic link`, 2);
      }
      const rel = relative(realRoot, target);
      if (rel.startsWith('..' + sep) || rel === '..' || isAbsolute(rel)) {
        throw new KwbError(`lab: '${p}' goes through a symbolic link that leads out of the workspace`, 2);
      }
      cur = target;
    }
  }
  return cur;
}
