import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { Workbench } from './Workbench.js';
import { FakeCore, KEY, eventually, fits, report, tick } from './testing.js';

function mount(core = new FakeCore(), extra: { onQuit?: () => void; onExternal?: (f: string) => void; width?: number; height?: number } = {}) {
  const external: string[] = [];
  const r = render(
    <Workbench
      core={core}
      dir="/ws/nsys"
      width={extra.width ?? 80}
      height={extra.height ?? 24}
      active
      onHelp={() => {}}
      onKconfig={() => {}}
      onQuit={extra.onQuit ?? (() => {})}
      onExternal={extra.onExternal ?? ((f) => external.push(f))}
      registerDirty={() => {}}
    />,
  );
  return { ...r, core, external };
}

/** Mounts, and lets the first check finish on step 2 (whose file, newsys/nsys.c, comes first). */
async function ready(m: ReturnType<typeof mount>) {
  await eventually(() => expect(m.core.grades).toHaveLength(1));
  m.core.grades[0]!.resolve(report([true, false]));
  await eventually(() => expect(m.lastFrame()).toContain('★ newsys/nsys.c'));
  await tick();
  return m;
}

/** The output pane has the focus (the tab bar says how to scroll) and its keys are live. */
async function outputFocused(m: { lastFrame(): string | undefined }) {
  await eventually(() => expect(m.lastFrame()).toContain('↑↓ PgUp/Dn g/G scroll'));
  await tick();
}

async function keys(stdin: { write(s: string): void }, ...ks: string[]) {
  for (const k of ks) {
    stdin.write(k);
    await tick(40);
  }
  await tick();
}

describe('Workbench', () => {
  it('fits 80x24, checks the lab on open and shows the step status when the grade arrives', async () => {
    const { lastFrame, core } = mount();
    await tick(150);
    expect(lastFrame()!.split('\n').length).toBeLessThanOrEqual(24);
    expect(lastFrame()).toContain('checking the lab…');
    expect(core.grades).toHaveLength(1);
    core.grades[0]!.resolve(report([true, false]));
    await tick();
    expect(lastFrame()).toContain('✓ 1. Table entry');
    expect(lastFrame()).toContain('★ newsys/nsys.c'); // step 2's file, highlighted
  });

  it('opens a file, edits it in the editor, autosaves, and saving writes it and re-checks', async () => {
    const { lastFrame, stdin, core } = await ready(mount());
    // the first entry of the list is the current step's file
    await keys(stdin, KEY.enter);
    expect(lastFrame()).toContain('#include <linux/kernel.h>');
    await keys(stdin, KEY.down, ...'int x;');
    expect(lastFrame()).toContain('newsys/nsys.c [+]');
    await tick(600);
    expect(core.autosaved.get('newsys/nsys.c')).toBe('#include <linux/kernel.h>\nint x;');
    await keys(stdin, KEY.ctrl('s'));
    expect(core.files.get('newsys/nsys.c')).toBe('#include <linux/kernel.h>\nint x;');
    expect(core.autosaved.has('newsys/nsys.c')).toBe(false);
    expect(lastFrame()).toContain('saved newsys/nsys.c');
    expect(core.grades).toHaveLength(2);
    // undo and redo
    await keys(stdin, KEY.ctrl('z'));
    expect(lastFrame()).not.toContain('int x;');
    await keys(stdin, KEY.ctrl('y'));
    expect(lastFrame()).toContain('int x;');
  });

  it('builds with a progress bar, lists errors and jumps to file:line', async () => {
    const { lastFrame, stdin, core } = mount();
    await tick(150);
    await keys(stdin, 'b');
    const build = core.jobs[0]!;
    expect(build.kind).toBe('build');
    build.job.out('  CC      init/main.o\n  CC      newsys/nsys.o\n');
    await tick();
    expect(lastFrame()).toMatch(/2\/4/);
    build.job.out("newsys/nsys.c:1:5: error: expected ';' before 'return'\n");
    build.job.finish(2);
    await tick();
    expect(lastFrame()).toContain('Build failed — 1 error');
    await keys(stdin, KEY.esc, 'n');
    expect(lastFrame()).toMatch(/E1 #include/);
    expect(lastFrame()).toContain("1:5: error: expected ';' before 'return'");
  });

  it('Ctrl-C cancels a running build without quitting; a second Ctrl-C quits', async () => {
    let quit = 0;
    const { lastFrame, stdin, core } = mount(new FakeCore(), { onQuit: () => quit++ });
    await tick(150);
    await keys(stdin, 'b');
    await keys(stdin, KEY.ctrl('c'));
    expect(core.jobs[0]!.job.cancelled).toBe(true);
    expect(quit).toBe(0);
    expect(lastFrame()).toContain('Build cancelled');
    await keys(stdin, KEY.ctrl('c'));
    expect(quit).toBe(1);
  });

  it("runs the lab's program, shows its output, then the dmesg pane", async () => {
    const { lastFrame, stdin, core } = mount();
    await tick(150);
    await keys(stdin, 'r');
    const run = core.jobs[0]!;
    expect(run.kind).toBe('run test_nsys.c');
    run.job.out('ret: 0\n');
    await tick();
    expect(lastFrame()).toContain('ret: 0');
    core.log = [{ level: 4, text: '[    0.200000] Hello from nsys' }];
    run.job.finish(0);
    await tick();
    expect(lastFrame()).toContain('warn  [    0.200000] Hello from nsys');
    await keys(stdin, '3');
    expect(lastFrame()).toContain('test_nsys.c exited with status 0');
  });

  it('reveals hints one tier at a time', async () => {
    const core = new FakeCore();
    core.hints = [
      { reason: 'x', tier: 1, tiers: 2, text: 'first tier' },
      { reason: 'x', tier: 2, tiers: 2, text: 'second tier' },
    ];
    const { lastFrame, stdin } = mount(core);
    await tick(150);
    await keys(stdin, 'h');
    expect(lastFrame()).toContain('Hint 1/2: first tier');
    expect(lastFrame()).not.toContain('second tier');
    await keys(stdin, 'h');
    expect(lastFrame()).toContain('Hint 2/2: second tier');
  });

  it('searches in the editor', async () => {
    const core = new FakeCore();
    core.files.set('newsys/nsys.c', 'a\nb\nSYSCALL_DEFINE0(nsys)\n');
    const { lastFrame, stdin } = await ready(mount(core));
    await keys(stdin, KEY.enter, KEY.ctrl('f'), ...'nsys', KEY.enter);
    expect(lastFrame()).toContain('newsys/nsys.c  3:17');
  });

  it('offers back the autosaved edits of a session that ended early', async () => {
    const core = new FakeCore();
    core.autosaved.set('newsys/nsys.c', 'recovered text');
    const { lastFrame, stdin } = await ready(mount(core));
    await keys(stdin, KEY.enter);
    expect(lastFrame()).toContain('Recover unsaved edits (autosave) of newsys/nsys.c? y/n');
    await keys(stdin, 'y');
    expect(lastFrame()).toContain('recovered text');
    expect(lastFrame()).toContain('★+newsys/nsys.c'); // unsaved: the file is marked modified
  });

  it('opens the file in $EDITOR (ctrl-E) and reloads what the editor wrote', async () => {
    const core = new FakeCore();
    const { lastFrame, stdin } = await ready(
      mount(core, {
        onExternal: (f) => {
          expect(f).toBe('/ws/nsys/newsys/nsys.c');
          core.files.set('newsys/nsys.c', 'written by vi');
        },
      }),
    );
    await keys(stdin, KEY.enter, KEY.ctrl('e'));
    expect(lastFrame()).toContain('written by vi');
    expect(lastFrame()).toContain('back from $EDITOR');
  });

  /** A cold build's log: a hundred step lines, then a compile error in newsys/nsys.c and make's line. */
  const coldBuild = (job: { out(t: string): void }) => {
    job.out(Array.from({ length: 100 }, (_, i) => `  CC      kernel/obj${String(i).padStart(3, '0')}.o\n`).join(''));
    job.out("newsys/nsys.c:1:5: error: expected ';' before 'return'\n");
    job.out('make: *** [Makefile:921: vmlinux] Error 1\n');
  };

  it('scrolls the build log of a cold build from the keyboard, and still jumps to the error', async () => {
    const { lastFrame, stdin, core } = await ready(mount());
    const see = (what: string | RegExp, not = false) => eventually(() => (not ? expect(lastFrame()).not.toMatch(what) : expect(lastFrame()).toMatch(what)));
    await keys(stdin, 'b');
    await eventually(() => expect(core.jobs).toHaveLength(1));
    coldBuild(core.jobs[0]!.job);
    await see('↑ 97 more'); // the tail, followed while it arrives
    core.jobs[0]!.job.finish(2);
    await see('Build failed — 1 error');
    expect(lastFrame()).toContain("newsys/nsys.c:1:5: error: expected ';' before 'return'");
    // 2 focuses the build pane: its keys scroll it.
    await keys(stdin, '2');
    await outputFocused({ lastFrame });
    await keys(stdin, KEY.pageUp, KEY.pageUp);
    await see('↑ 89 more · ↓ 8 more · G follows');
    expect(lastFrame()).toContain('CC      kernel/obj089.o');
    expect(lastFrame()).not.toContain('make: ***');
    expect(fits(lastFrame(), 80, 24)).toBe(true);
    await keys(stdin, 'g');
    await see('CC      kernel/obj000.o');
    // n jumps to file:line as before; the log shows the error's line again.
    await keys(stdin, 'n');
    await see(/E1 #include/);
    expect(lastFrame()).toContain("1:5: error: expected ';' before 'return'");
    await keys(stdin, KEY.esc);
    await tick(150); // Esc alone: a key right after it would be Alt+key
    await keys(stdin, '2');
    await outputFocused({ lastFrame });
    await keys(stdin, 'G');
    await see('make: ***');
    // Enter on the focused build pane opens the selected error too: the editor has the focus at 1:5.
    await keys(stdin, KEY.enter, 'Z');
    await see(/E1 #incZlude/);
  });

  it('z zooms the output pane over the workbench; Esc brings the workbench back', async () => {
    const { lastFrame, stdin, core } = await ready(mount());
    await keys(stdin, 'b');
    coldBuild(core.jobs[0]!.job);
    core.jobs[0]!.job.finish(2);
    await eventually(() => expect(lastFrame()).toContain('Build failed'));
    await keys(stdin, 'z');
    await eventually(() => expect(lastFrame()).not.toContain('Files'));
    let f = lastFrame()!;
    expect(fits(f, 80, 24)).toBe(true);
    expect(f).not.toContain('Files');
    expect(f).toContain('CC      kernel/obj083.o'); // 19 lines of log where 5 were
    expect(f).toContain('↑ 83 more');
    await keys(stdin, KEY.esc);
    f = lastFrame()!;
    expect(f).toContain('Files');
    expect(f).not.toContain('CC      kernel/obj083.o');
  });

  it('i from the zoomed output pane brings the editor back with the focus', async () => {
    const { lastFrame, stdin } = await ready(mount());
    await keys(stdin, KEY.enter, KEY.esc);
    await tick(150); // Esc alone: a key right after it would be Alt+key
    await keys(stdin, 'z');
    await eventually(() => expect(lastFrame()).not.toContain('#include <linux/kernel.h>'));
    await keys(stdin, 'i', ...'x');
    await eventually(() => expect(lastFrame()).toContain('x#include <linux/kernel.h>'));
  });

  it('takes command keys that arrive together (a fast typist, tmux) one by one', async () => {
    const { lastFrame, stdin } = await ready(mount());
    stdin.write('2z');
    await eventually(() => expect(lastFrame()).toContain('Not built yet'));
    expect(lastFrame()).not.toContain('Files');
  });

  it('Tab reaches the output pane, whose keys then scroll it (and not the file list)', async () => {
    const core = new FakeCore();
    for (let i = 0; i < 40; i++) core.files.set(`kernel/f${String(i).padStart(2, '0')}.c`, '');
    const { lastFrame, stdin } = await ready(mount(core));
    await keys(stdin, '4');
    await outputFocused({ lastFrame });
    await keys(stdin, KEY.esc);
    await tick(150); // Esc alone: a key right after it would be Alt+key
    await keys(stdin, KEY.down, KEY.down);
    await eventually(() => expect(lastFrame()).toMatch(/Files.*↓\d+/)); // the file list says what it hides
    await keys(stdin, KEY.tab);
    await outputFocused({ lastFrame });
    await keys(stdin, KEY.tab);
    await eventually(() => expect(lastFrame()).toContain('b build · r run'));
    // The file list's own G and g: its last file and its first.
    await keys(stdin, 'G');
    await eventually(() => expect(lastFrame()).toMatch(/Files.*↑\d+\n/));
    expect(lastFrame()).toContain('kernel/f39.c');
    await keys(stdin, 'g');
    await eventually(() => expect(lastFrame()).toMatch(/Files.*↓\d+\n★ newsys\/nsys\.c/));
  });

  for (const [w, h] of [
    [80, 24],
    [60, 20],
    [120, 40],
  ] as const)
    it(`never draws past ${w}x${h}: long file list, long log, long messages`, async () => {
      const core = new FakeCore();
      for (let i = 0; i < 200; i++) core.files.set(`drivers/some/deeply/nested/directory/with/a/long/name/file${i}.c`, '');
      const m = mount(core, { width: w, height: h });
      await eventually(() => expect(m.core.grades).toHaveLength(1));
      const rep = report([true, false]);
      rep.steps[1]!.checks[0]!.message = 'a failure message long enough to need several lines at any of these widths '.repeat(3) + "\nbuilt-in.o:(.rodata+0xa30): undefined reference to `sys_nsys'\nmake: *** Error 1";
      rep.steps[1]!.instructions = 'Instructions. '.repeat(80);
      m.core.grades[0]!.resolve(rep);
      await eventually(() => expect(m.lastFrame()).toContain('Step 2: The call'));
      expect(fits(m.lastFrame(), w, h)).toBe(true);
      await keys(m.stdin, 'b');
      await eventually(() => expect(m.core.jobs).toHaveLength(1));
      coldBuild(m.core.jobs[0]!.job);
      m.core.jobs[0]!.job.out(`${'x'.repeat(300)}\n`);
      m.core.jobs[0]!.job.finish(2);
      await eventually(() => expect(m.lastFrame()).toContain('Build failed'));
      // The output pane's title line, under the tab bar, for the pane each key shows.
      const header: Record<string, RegExp> = { '1': /^Step 2: The call/, '2': /^Build failed/, '5': /^(Add the nsys system call: \d+\/10 points|Checking the lab…)/ };
      let tab = '1';
      for (const k of ['1', '2', '5', 'G', 'z', '5', 'G', 'z', KEY.esc, KEY.pageDown]) {
        await keys(m.stdin, k);
        if (k === KEY.esc) await tick(150); // Esc alone: a key right after it would be Alt+key
        if (header[k]) tab = k;
        await eventually(() => {
          const f = m.lastFrame()!;
          expect(fits(f, w, h), `after ${JSON.stringify(k)}:\n${f}`).toBe(true);
          // Nothing spills over another pane's rows: the title and the tab bar are where they belong.
          const lines = f.split('\n');
          expect(lines[0], f).toMatch(/^kwb · /);
          expect(lines.filter((l) => l.includes('1:Step  2:Build')), f).toHaveLength(1);
          const bar = lines.findIndex((l) => l.includes('1:Step  2:Build'));
          expect(bar, f).toBe(f.includes('Files') ? h - Math.max(5, Math.floor((h - 2) * 0.4)) - 1 : 1);
          expect(lines[bar + 1], f).toMatch(header[tab]!);
        });
      }
    });
});
