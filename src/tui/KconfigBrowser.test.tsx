// The browser over the real tree's Kconfig (kernel-tree/), in a copy so .config can be written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { cpSync, mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kernelTreeDir } from '../paths.js';
import { KconfigBrowser, helpPage } from './KconfigBrowser.js';
import { KconfigModel } from './kconfig/model.js';
import { KEY, fits, tick } from './testing.js';
import type { MenuNode } from '../kbuild/kconfig/parse.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kwb-tui-kconfig-'));
  cpSync(kernelTreeDir(), dir, { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function keys(stdin: { write(s: string): void }, ...ks: string[]) {
  for (const k of ks) {
    stdin.write(k);
    await tick(40);
  }
  await tick();
}

function mount(onClose = () => {}) {
  return render(<KconfigBrowser dir={dir} width={80} height={24} active onClose={onClose} onHelp={() => {}} />);
}

describe('Kconfig browser', () => {
  it('shows the main menu with its submenus, from the defconfig before the first build', () => {
    const f = mount().lastFrame()!;
    expect(f).toContain('General setup  --->');
    expect(f).toContain('from arch/x86/configs/x86_64_defconfig');
  });

  it('enters a menu, toggles a bool, edits an int with its range, shows help, and saves .config', async () => {
    const { lastFrame, stdin } = mount();
    // walk down to General setup and enter it
    const top = KconfigModel.load(dir);
    const menuAt = top.entries(top.kc.root).findIndex((e) => e.kind === 'menu' && e.label.includes('General setup'));
    for (let i = 0; i < menuAt; i++) await keys(stdin, KEY.down);
    await keys(stdin, KEY.enter);
    expect(lastFrame()).toContain('General setup');
    expect(lastFrame()).toMatch(/\[[ *]\] System V IPC/);
    const before = /\[([ *])\] System V IPC/.exec(lastFrame()!)![1];
    const model = KconfigModel.load(dir);
    const entries = model.entries((model.kc.root.find((n) => n.kind === 'menu' && n.title === 'General setup') as unknown as { children: MenuNode[] }).children);
    const ipc = entries.findIndex((e) => e.sym?.name === 'SYSVIPC');
    const logbuf = entries.findIndex((e) => e.sym?.name === 'LOG_BUF_SHIFT');
    for (let i = 0; i < ipc; i++) await keys(stdin, KEY.down);
    await keys(stdin, ' ');
    const after = /\[([ *])\] System V IPC/.exec(lastFrame()!)![1];
    expect(after).not.toBe(before);
    // help for the symbol
    await keys(stdin, '?');
    expect(lastFrame()).toContain('Symbol: SYSVIPC');
    expect(lastFrame()).toContain('Defined at init/Kconfig:');
    await keys(stdin, 'x');
    // an int outside its range is refused; inside it is taken
    for (let i = ipc; i < logbuf; i++) await keys(stdin, KEY.down);
    await keys(stdin, KEY.enter, KEY.backspace, KEY.backspace, '9', '9', KEY.enter);
    expect(lastFrame()).toContain('99 is out of range 12..25');
    await keys(stdin, KEY.enter, KEY.backspace, KEY.backspace, '1', '4', KEY.enter);
    expect(lastFrame()).toContain('(14) Kernel log buffer size');
    await keys(stdin, 's');
    expect(lastFrame()).toContain(`wrote ${join(dir, '.config')}`);
    const cfg = readFileSync(join(dir, '.config'), 'utf8');
    expect(cfg).toContain('CONFIG_LOG_BUF_SHIFT=14');
    expect(cfg).toContain(after === '*' ? 'CONFIG_SYSVIPC=y' : '# CONFIG_SYSVIPC is not set');
  });

  it('searches symbols with /', async () => {
    const { lastFrame, stdin } = mount();
    await tick(100);
    await keys(stdin, '/');
    await tick(100);
    await keys(stdin, ...'log_buf', KEY.enter);
    expect(lastFrame()).toContain('Search results for "log_buf"');
    expect(lastFrame()).toMatch(/CONFIG_LOG_BUF_SHIFT \[=\d+\].*init\/Kconfig:\d+/);
  });

  it('search results longer than the box scroll; any other key returns to the menu', async () => {
    const { lastFrame, stdin } = render(<KconfigBrowser dir={dir} width={60} height={12} active onClose={() => {}} onHelp={() => {}} />);
    await tick(100);
    await keys(stdin, '/');
    await keys(stdin, ...'e', KEY.enter);
    let f = lastFrame()!;
    const n = Number(/Search results for "e" \((\d+)\)/.exec(f)![1]);
    expect(n).toBeGreaterThan(20);
    expect(fits(f, 60, 12)).toBe(true);
    expect(f).toContain(`↓ ${n + 1 - 8} more`);
    expect(f).toContain('↑↓ PgUp/PgDn g/G scroll · any other key returns');
    await keys(stdin, 'G');
    f = lastFrame()!;
    expect(f).toContain(`↑ ${n + 1 - 8} more`);
    expect(f).not.toContain('Search results for');
    expect(fits(f, 60, 12)).toBe(true);
    await keys(stdin, 'x');
    expect(lastFrame()).toContain('General setup  --->');
  });

  it("reflows a symbol's help to the box and keeps its facts as they are", () => {
    const page = helpPage(['Inter Process Communication is a suite of library functions and', 'system calls which let processes synchronize.', '', 'Symbol: SYSVIPC [=y]', 'Type  : bool', 'Defined at init/Kconfig:50'], 40);
    expect(page).toEqual(['Inter Process Communication is a suite', 'of library functions and system calls', 'which let processes synchronize.', '', 'Symbol: SYSVIPC [=y]', 'Type  : bool', 'Defined at init/Kconfig:50']);
  });

  it('Esc at the top closes the browser; a tree without Kconfig is reported, not thrown', async () => {
    let closed = 0;
    const { stdin } = mount(() => closed++);
    await keys(stdin, KEY.esc);
    expect(closed).toBe(1);
    const empty = mkdtempSync(join(tmpdir(), 'kwb-tui-empty-'));
    expect(existsSync(join(empty, 'Kconfig'))).toBe(false);
    const f = render(<KconfigBrowser dir={empty} width={80} height={24} active onClose={() => {}} onHelp={() => {}} />).lastFrame()!;
    expect(f).toContain("cannot read this workspace's Kconfig");
    rmSync(empty, { recursive: true, force: true });
  });
});
