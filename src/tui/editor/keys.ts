// Editor key bindings: what a key does to a Buffer. Keys that are not editing (save, search,
// build...) come back as a command for the workbench to carry out.
import type { Key } from 'ink';
import type { Buffer } from './buffer.js';

export type EditorCommand = 'save' | 'search' | 'find-next' | 'find-prev' | 'external' | 'leave' | 'build' | 'run' | null;

/** Applies one key to the buffer; returns a command the caller handles, or null if done. */
export function editorKey(b: Buffer, input: string, key: Key, pageRows = 10): EditorCommand {
  if (key.ctrl) {
    switch (input) {
      case 's':
        return 'save';
      case 'z':
        b.undo();
        return null;
      case 'y':
        b.redo();
        return null;
      case 'f':
        return 'search';
      case 'n':
        return 'find-next';
      case 'p':
        return 'find-prev';
      case 'e':
        return 'external';
      case 'b':
        return 'build';
      case 'r':
        return 'run';
      case 'k':
        b.killLine();
        return null;
      case 'd':
        b.deleteForward();
        return null;
      case 'a':
        b.home();
        return null;
    }
    return null;
  }
  if (key.escape) return 'leave';
  if (key.upArrow) b.up();
  else if (key.downArrow) b.down();
  else if (key.leftArrow) b.left();
  else if (key.rightArrow) b.right();
  else if (key.pageUp) b.up(pageRows);
  else if (key.pageDown) b.down(pageRows);
  else if (key.home) b.home();
  else if (key.end) b.end();
  else if (key.return) b.newline();
  // Terminals send DEL (0x7f) for the Backspace key; Ink reports it as `delete`.
  else if (key.backspace || key.delete) b.backspace();
  else if (key.tab) b.insert('\t');
  else if (input && !key.meta) b.insert(input);
  return null;
}
