// End to end: the real `kwb` in a real pseudo-terminal (tmux, 80x24), driven through lab 1 the way
// a new student would: open the lab from the picker, edit the three files in the built-in editor,
// build, run, read `ret: 0` and the greeting in the dmesg pane, and see the lab complete.
//
// tmux is required (CI: apt-get install tmux); without it this test fails saying so.
// KWB_TUI_CMD overrides the command (development before `kwb` opened the workbench).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';

const SOCKET = `kwb-e2e-${process.pid}`;
const SESSION = 'kwb';
let home = '';

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}
const screen = () => tmux('capture-pane', '-p', '-t', SESSION);
const keys = (...ks: string[]) => tmux('send-keys', '-t', SESSION, ...ks);
// tmux reads an argument's trailing ';' as a command separator unless it is escaped.
const text = (s: string) => tmux('send-keys', '-t', SESSION, '-l', s.endsWith(';') ? s.slice(0, -1) + '\\;' : s);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the screen shows `what`; fails with the screen as it was. */
async function until(what: string | RegExp, ms = 20_000): Promise<string> {
  const end = Date.now() + ms;
  let s = '';
  while (Date.now() < end) {
    s = screen();
    if (typeof what === 'string' ? s.includes(what) : what.test(s)) return s;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${String(what)}; the screen was:\n${s}`);
}

/** Esc alone: a key right after it would read as Alt+key (ESC-prefixed), as on any terminal. */
async function esc() {
  keys('Escape');
  await sleep(200);
}

/** Types lines into the editor, each followed by Enter (the editor carries indentation over). */
async function typeLines(lines: string[]) {
  for (const l of lines) {
    if (l) text(l);
    keys('Enter');
    await sleep(40);
  }
}

/** A fresh user (no saved state, workspaces under a temporary home) running `kwb` at 80x24. */
function startKwb(extraEnv = '') {
  spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  if (home) rmSync(home, { recursive: true, force: true });
  home = mkdtempSync(join(tmpdir(), 'kwb-tui-e2e-'));
  const cmd = process.env.KWB_TUI_CMD ?? `node ${join(packageRoot(), 'bin', 'kwb.mjs')}`;
  // CI=true as CI services set it: the workbench must still draw every frame (Ink alone would not).
  const env = `HOME=${home} XDG_STATE_HOME=${home}/state KWB_WORKSPACES=${home}/labs TERM=xterm-256color CI=true ${extraEnv}`;
  tmux('new-session', '-d', '-s', SESSION, '-x', '80', '-y', '24', `cd ${home} && env ${env} ${cmd}; echo "[kwb exited $?]"; sleep 600`);
}

/** Resizes the terminal, as a student dragging the window's corner. */
const resize = (w: number, h: number) => tmux('resize-window', '-t', SESSION, '-x', String(w), '-y', String(h));

/** The screen fits the terminal: no line longer than its width, the workbench's lines once each. */
function clean(s: string, w: number): void {
  for (const l of s.split('\n')) expect([...l].length, `a line wider than ${w}: ${l}`).toBeLessThanOrEqual(w);
  expect(s.match(/^kwb · /gm) ?? [], `the title twice (a garbled redraw):\n${s}`).toHaveLength(1);
  expect(s.match(/1:Step {2}2:Build/g) ?? [], `the tab bar twice (a garbled redraw):\n${s}`).toHaveLength(1);
}

/** Whether the pane is on the alternate screen (tmux tracks the terminal's mode). */
const alternate = () => tmux('display-message', '-p', '-t', SESSION, '#{alternate_on}').trim() === '1';

beforeAll(() => {
  const which = spawnSync('tmux', ['-V']);
  if (which.error || which.status !== 0) throw new Error('the TUI end-to-end test requires tmux (apt-get install tmux); it is not installed');
});

afterAll(() => {
  spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('kwb workbench, lab 1 as a new student', () => {
  it('opens lab 1, edits the files, builds, runs, and completes the lab', async () => {
    startKwb();
    const ws = () => join(home, 'labs', 'hello-syscall');
    await until('hello-syscall  Hello syscall', 15_000);
    keys('Enter');
    await until('kwb · Hello syscall');
    await until(/0\/13 points/, 60_000);
    expect(screen()).toContain('★ ');

    // Step 1: the table. The step's file is first in the list.
    keys('Enter');
    await until('syscall_64.tbl  1:1');
    keys('C-f');
    text('mlock2');
    keys('Enter');
    await sleep(100);
    keys('End', 'Enter');
    text('326\t64\tnsys\t\t\tsys_nsys');
    keys('C-s');
    await until('saved arch/x86/entry/syscalls/syscall_64.tbl');
    await until(/✓ 1\. Give the syscall/, 60_000);

    // Step 2: newsys/nsys.c and newsys/Makefile, new files.
    await esc();
    keys('PPage');
    await sleep(100);
    keys('Enter');
    await until('newsys/nsys.c is a new file');
    await typeLines(['#include <linux/kernel.h>', '#include <linux/syscalls.h>', '', 'SYSCALL_DEFINE0(nsys)', '{', '\tprintk(KERN_INFO "greetings from syscall nsys.\\n");', 'return 0;']);
    keys('BSpace');
    text('}');
    keys('C-s');
    await until('saved newsys/nsys.c');
    await esc();
    keys('Down', 'Enter');
    await until('newsys/Makefile is a new file');
    text('obj-y := nsys.o');
    keys('C-s');
    await until('saved newsys/Makefile');
    await until(/✓ 2\. Write the syscall/, 60_000);
    expect(readFileSync(join(ws(), 'newsys/nsys.c'), 'utf8')).toBe(
      '#include <linux/kernel.h>\n#include <linux/syscalls.h>\n\nSYSCALL_DEFINE0(nsys)\n{\n\tprintk(KERN_INFO "greetings from syscall nsys.\\n");\n\treturn 0;\n}',
    );

    // Step 3: core-y in the top-level Makefile.
    await esc();
    keys('PPage');
    await sleep(100);
    keys('Enter');
    await until('Makefile  1:1');
    keys('C-f');
    text('crypto/ block/');
    keys('Enter');
    await sleep(100);
    keys('End');
    text(' newsys/');
    keys('C-s');
    await until('saved Makefile');

    // Build, with the progress bar; then run and read the result.
    await esc();
    keys('b');
    await until('Building…', 10_000);
    await until('Build succeeded', 240_000);
    keys('r');
    // The dmesg pane's line, with its level: the lab check's own boot may show the bare greeting first.
    const dmesg = await until(/info +\[ *\d+\.\d{6}\] greetings from syscall nsys\./, 120_000);
    expect(dmesg).toMatch(/info +\[ *\d+\.\d{6}\] greetings from syscall nsys\./);
    keys('3');
    await until('ret: 0');
    await until('exited with status 0');
    // 13/13 shows only once every check passes (at 80 columns the steps pane cuts "— lab complete!").
    await until(/✓ 13\/13 points/, 240_000);

    // Quit: nothing unsaved, so no question; the terminal is given back.
    keys('q');
    await until('[kwb exited 0]', 10_000);
    expect(alternate()).toBe(false);
  }, 600_000);

  it('gives the terminal to $EDITOR and back, asks before quitting unsaved work, restores the screen', async () => {
    // The "editor" appends a line to the file it is given, as a student's vi session would.
    startKwb(`EDITOR='sh -c "echo /\\* from the editor \\*/ >> \\$1" sh'`);
    await until('hello-syscall  Hello syscall', 15_000);
    keys('Enter');
    await until(/\d+\/13 points/, 60_000);
    expect(alternate()).toBe(true);
    keys('Enter');
    await until('syscall_64.tbl  1:1');
    keys('C-e');
    await until('back from $EDITOR');
    keys('C-f');
    text('from the editor');
    keys('Enter');
    await until('/* from the editor */');
    expect(readFileSync(join(home, 'labs/hello-syscall/arch/x86/entry/syscalls/syscall_64.tbl'), 'utf8')).toMatch(/\/\* from the editor \*\/\n$/);
    // An unsaved change: quitting asks first; Esc keeps working, d discards and quits.
    text('x');
    await esc();
    keys('q');
    await until('1 file has unsaved changes');
    keys('d');
    await until('[kwb exited 0]', 10_000);
    expect(alternate()).toBe(false);
  }, 300_000);

  it('scrolls what does not fit: the lab picker, the grade view and the help; survives resizes', async () => {
    startKwb();
    await until('hello-syscall  Hello syscall', 15_000);
    // A small terminal: the picker shows the labs that fit and scrolls to the others.
    resize(60, 14);
    await until(/↓ \d+ more/);
    keys('G');
    await until('› read-an-oops');
    expect(screen()).toMatch(/↑ \d+ more/);
    resize(80, 24);
    keys('g');
    await until('› hello-syscall');
    keys('Enter');
    await until(/0\/13 points/, 60_000);
    // The grade view of lab 1 is longer than the pane: 5 shows it, G scrolls to its end.
    keys('5');
    await until(/Hello syscall: 0\/13 points +↓ \d+ more/);
    keys('G');
    const end = await until(/Hello syscall: 0\/13 points +↑ \d+ more/);
    expect(end).toContain('Final');
    clean(end, 80);
    // The help at 60x20 is one column and scrolls.
    resize(60, 20);
    await sleep(300);
    clean(screen(), 60);
    keys('?');
    await until(/kwb workbench — keys +↓ \d+ more/);
    keys('G');
    await until('? s q         help, save, close');
    await esc();
    resize(120, 40);
    await sleep(300);
    clean(screen(), 120);
    resize(80, 24);
    await sleep(300);
    clean(screen(), 80);
    keys('q');
    await until('[kwb exited 0]', 10_000);
  }, 300_000);
});
