import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { BuildPane, DmesgPane, GradePane, ProgressBar, RunPane, StepPane, reflow } from './OutputPanes.js';
import { emptyLog, feed } from './buildlog.js';
import { KEY, fits, report, tick } from './testing.js';

describe('Build pane', () => {
  it('shows a progress bar over the objects and the log while building', () => {
    const log = feed(emptyLog(), '  CC      init/main.o\n  CC      kernel/printk.o\n');
    const f = render(<BuildPane log={log} total={4} state="running" selectedError={-1} width={60} height={6} />).lastFrame()!;
    expect(f).toContain('Building… CC kernel/printk.o');
    expect(f).toMatch(/\[#+\.+\]   2\/4/);
    expect(f).toContain('  CC      init/main.o');
  });

  it('lists the errors of a failed build as jump targets', () => {
    const log = feed(emptyLog(), "newsys/nsys.c:4:9: error: expected ';' before 'return'\nmake: *** [Makefile:921: vmlinux] Error 1\n");
    const f = render(<BuildPane log={log} total={4} state="failed" selectedError={0} width={70} height={8} />).lastFrame()!;
    expect(f).toContain('Build failed — 1 error (n/p jump to file:line)');
    expect(f).toContain("→ newsys/nsys.c:4:9: expected ';' before 'return'");
  });

  it('says plainly when nothing was built yet, and counts objects without a total', () => {
    expect(render(<BuildPane log={emptyLog()} total={null} state="idle" selectedError={-1} width={60} height={4} />).lastFrame()).toContain('Not built yet');
    expect(render(<ProgressBar done={3} total={null} width={40} />).lastFrame()).toContain('3 objects');
  });
});

describe('Run pane', () => {
  it('shows the program output and its exit status', () => {
    const f = render(<RunPane program="test_nsys.c" output={'ret: 0\n'} state="done" status={0} width={60} height={4} />).lastFrame()!;
    expect(f).toContain('test_nsys.c exited with status 0');
    expect(f).toContain('ret: 0');
  });

  it('says when the lab has no program to run', () => {
    expect(render(<RunPane program={null} output="" state="idle" status={null} width={90} height={4} />).lastFrame()).toContain('No program to run');
  });
});

describe('dmesg pane', () => {
  it('shows the log with each line labelled by level', () => {
    const lines = [
      { level: 5, text: '[    0.000000] Linux version 4.4.79-nsys' },
      { level: 4, text: '[    0.120000] Hello from nsys' },
      { level: 3, text: '[    0.130000] something failed' },
    ];
    const f = render(<DmesgPane lines={lines} width={70} height={5} />).lastFrame()!;
    expect(f).toContain('dmesg (3 lines, last boot)');
    expect(f).toContain('warn  [    0.120000] Hello from nsys');
    expect(f).toContain('err   [    0.130000] something failed');
  });

  it('says when there was no boot yet', () => {
    expect(render(<DmesgPane lines={null} width={70} height={3} />).lastFrame()).toContain('No kernel log yet');
  });
});

describe('Grade pane', () => {
  it('shows every check with its points, the failure message and a hint tier', () => {
    const hint = { reason: 'no-entry', tier: 1, tiers: 3, text: 'Look at the end of syscall_64.tbl.' };
    const f = render(<GradePane report={report([false, false])} state="done" note={null} hint={hint} width={80} height={10} />).lastFrame()!;
    expect(f).toContain('Add the nsys system call: 0/10 points');
    expect(f).toContain('✗  326 is nsys [0/3] — no entry 326');
    expect(f).toContain('Hint 1/3: Look at the end of syscall_64.tbl.');
  });

  it('celebrates a complete lab', () => {
    expect(render(<GradePane report={report([true, true], true)} state="done" note={null} hint={null} width={80} height={10} />).lastFrame()).toContain('10/10 points — lab complete!');
  });

  it('says when grading is not available', () => {
    const f = render(<GradePane report={null} state="unavailable" note="kwb: 'lab' is not implemented yet" hint={null} width={80} height={5} />).lastFrame()!;
    expect(f).toContain('Grading is not available');
    expect(f).toContain("'lab' is not implemented yet");
  });
});

describe('Step pane', () => {
  it("shows the current step's instructions", () => {
    const f = render(<StepPane report={report([true, false])} width={60} height={5} />).lastFrame()!;
    expect(f).toContain('Step 2: The call');
    expect(f).toContain('Create `newsys/nsys.c` with SYSCALL_DEFINE0(nsys).');
  });

  it('says when every step is done, and before the first check', () => {
    expect(render(<StepPane report={report([true, true], true)} width={60} height={5} />).lastFrame()).toContain('the lab is complete');
    expect(render(<StepPane report={null} width={60} height={5} />).lastFrame()).toContain('once the lab has been checked');
  });
});

describe('reflow', () => {
  it('joins and wraps paragraphs, keeps code blocks', () => {
    expect(reflow('one two\nthree four five\n\n    <number>  <abi>\nsix', 10)).toEqual(['one two', 'three four', 'five', '', '    <number>  <abi>', 'six']);
  });
});

const numbered = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `  CC      obj${String(from + i).padStart(3, '0')}.o\n`).join('');

/** The text of a frame without colours, as the student reads it. */
const plain = (f: string | undefined) => (f ?? '').replace(/\x1b\[[0-9;]*m/g, '');

describe('scrolling the build log', () => {
  const build = (log: ReturnType<typeof emptyLog>, focused = true, extra: { selectedError?: number; run?: number; state?: 'running' | 'failed' } = {}) => (
    <BuildPane log={log} total={100} state={extra.state ?? 'running'} selectedError={extra.selectedError ?? -1} width={80} height={8} focused={focused} run={extra.run ?? 1} />
  );

  it('follows the tail of a long log and says how much is above', () => {
    const f = plain(render(build(feed(emptyLog(), numbered(100)))).lastFrame());
    expect(f).toContain('obj099.o');
    expect(f).not.toContain('obj093.o');
    expect(f).toContain('↑ 94 more');
    expect(fits(f, 80, 8)).toBe(true);
  });

  it('PgUp/PgDn, arrows, g/G and Home/End move the window; scrolled up, it stays put as lines arrive', async () => {
    let log = feed(emptyLog(), numbered(100));
    const r = render(build(log));
    r.stdin.write(KEY.pageUp);
    await tick();
    let f = plain(r.lastFrame());
    expect(f).toContain('CC      obj089.o'); // one page (5 lines of 6) up
    expect(f).not.toContain('CC      obj099.o');
    expect(f).toContain('↑ 89 more · ↓ 5 more · G follows');
    log = feed(log, numbered(20, 100));
    r.rerender(build(log));
    await tick();
    f = plain(r.lastFrame());
    expect(f).toContain('CC      obj089.o'); // not dragged along while reading
    expect(f).toContain('↓ 25 more');
    r.stdin.write('G');
    await tick();
    f = plain(r.lastFrame());
    expect(f).toContain('CC      obj119.o'); // End/G follows again
    log = feed(log, numbered(1, 120));
    r.rerender(build(log));
    await tick();
    expect(plain(r.lastFrame())).toContain('CC      obj120.o');
    r.stdin.write('g');
    await tick();
    f = plain(r.lastFrame());
    expect(f).toContain('CC      obj000.o');
    expect(f).toContain('↓ 115 more');
    r.stdin.write(KEY.down);
    await tick();
    expect(plain(r.lastFrame())).not.toContain('CC      obj000.o');
    expect(plain(r.lastFrame())).toContain('↑ 1 more · ↓ 114 more');
    r.stdin.write(KEY.end);
    await tick();
    expect(plain(r.lastFrame())).toContain('CC      obj120.o');
    r.stdin.write(KEY.home);
    await tick();
    expect(plain(r.lastFrame())).toContain('CC      obj000.o');
    r.stdin.write(KEY.pageDown);
    await tick();
    expect(plain(r.lastFrame())).toContain('CC      obj005.o');
    expect(plain(r.lastFrame())).not.toContain('CC      obj004.o');
  });

  it('keeps still while the pane does not have the focus, and a new build follows its tail again', async () => {
    const log = feed(emptyLog(), numbered(100));
    const r = render(build(log, false));
    r.stdin.write('g');
    await tick();
    expect(plain(r.lastFrame())).toContain('obj099.o');
    r.rerender(build(log, true));
    r.stdin.write('g');
    await tick();
    expect(plain(r.lastFrame())).toContain('obj000.o');
    r.rerender(build(feed(emptyLog(), numbered(50)), true, { run: 2 }));
    await tick();
    expect(plain(r.lastFrame())).toContain('obj049.o');
  });

  it('brings the selected error into view, and scrolls long lines sideways with ←/→', async () => {
    const long = `newsys/nsys.c:4:9: error: ${'a very long message '.repeat(6)}END\n`;
    const log = feed(emptyLog(), numbered(10) + long + numbered(40, 10));
    const r = render(build(log, true, { state: 'failed', selectedError: 0 }));
    let f = plain(r.lastFrame());
    expect(f).toContain('Build failed — 1 error');
    expect(f).toMatch(/^newsys\/nsys\.c:4:9: error: a very long message .*…$/m); // the error's line of the log
    expect(f).toContain('→ newsys/nsys.c:4:9: a very long message');
    expect(f).not.toContain('END');
    for (let i = 0; i < 12; i++) r.stdin.write(KEY.right); // stops where the longest line ends
    await tick();
    f = plain(r.lastFrame());
    expect(f).toContain('END');
    expect(f).toMatch(/← \d+ cols/);
    expect(fits(f, 80, 8)).toBe(true);
    r.stdin.write(KEY.left);
    await tick();
    expect(plain(r.lastFrame())).not.toMatch(/END$/m);
  });

  it('lists many errors as a window around the selected one', () => {
    const errs = Array.from({ length: 5 }, (_, i) => `newsys/nsys.c:${i + 1}:1: error: problem ${i + 1}\n`).join('');
    const log = feed(emptyLog(), errs);
    const small = plain(render(<BuildPane log={log} total={4} state="failed" selectedError={3} width={70} height={8} />).lastFrame());
    expect(small).toContain('→ 4/5 newsys/nsys.c:4:1: problem 4');
    expect(small).not.toContain('→ 3/5');
    const tall = plain(render(<BuildPane log={log} total={4} state="failed" selectedError={4} width={70} height={14} />).lastFrame());
    expect(tall).toContain('→ 3/5');
    expect(tall).toContain('→ 5/5');
  });
});

describe('scrolling the other panes', () => {
  it('run output follows its tail and scrolls back', async () => {
    const out = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const r = render(<RunPane program="t.c" output={out} state="running" status={null} width={60} height={6} focused run={1} />);
    expect(plain(r.lastFrame())).toContain('line 29');
    expect(plain(r.lastFrame())).toContain('↑ 25 more');
    r.stdin.write(KEY.up);
    await tick();
    expect(plain(r.lastFrame())).toContain('line 24');
    expect(plain(r.lastFrame())).not.toContain('line 29');
    expect(plain(r.lastFrame())).toContain('↓ 1 more');
  });

  it('dmesg starts at the tail of each boot and scrolls to its first line', async () => {
    const boot = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ level: 6, text: `[    0.${String(i).padStart(6, '0')}] ${tag} ${i}` }));
    const r = render(<DmesgPane lines={boot(40, 'a')} width={70} height={6} focused />);
    expect(plain(r.lastFrame())).toContain('a 39');
    r.stdin.write('g');
    await tick();
    expect(plain(r.lastFrame())).toContain('a 0');
    expect(plain(r.lastFrame())).toContain('↓ 35 more');
    r.rerender(<DmesgPane lines={boot(40, 'a')} width={70} height={6} focused />);
    await tick();
    expect(plain(r.lastFrame())).toContain('a 0'); // the same log again (the check's boot): still reading
    r.rerender(<DmesgPane lines={boot(40, 'b')} width={70} height={6} focused />);
    await tick();
    expect(plain(r.lastFrame())).toContain('b 39');
  });

  it('the grade view wraps long messages instead of cutting them, and scrolls', async () => {
    const rep = report([false, false]);
    rep.steps[0]!.checks[0]!.message = 'There is no line for number 326 in arch/x86/entry/syscalls/syscall_64.tbl: add one after 325 with the abi 64 and the entry point sys_nsys';
    const r = render(<GradePane report={rep} state="done" note={null} hint={null} width={60} height={5} focused />);
    let f = plain(r.lastFrame());
    expect(fits(f, 60, 5)).toBe(true);
    expect(f).not.toContain('…');
    expect(f).toContain('↓');
    for (let i = 0; i < 6; i++) r.stdin.write(KEY.down);
    await tick();
    f = plain(r.lastFrame());
    expect(f).toContain('sys_nsys defined [0/7]'); // the last check, reached by scrolling
    const all = plain(render(<GradePane report={rep} state="done" note={null} hint={null} width={60} height={30} />).lastFrame());
    expect(all.replace(/\s+/g, ' ')).toContain('add one after 325 with the abi 64 and the entry point sys_nsys');
  });

  it("a check's message of several lines (a quoted link error) keeps to its rows under the title", async () => {
    const rep = report([false, false]);
    rep.steps[1]!.checks[0]!.message = "The kernel does not build:\narch/x86/built-in.o:(.rodata+0xa30): undefined reference to `sys_nsys'\nmake: *** [Makefile:189: vmlinux] Error 1";
    const r = render(<GradePane report={rep} state="done" note={null} hint={null} width={60} height={7} focused />);
    r.stdin.write('G');
    await tick();
    const f = plain(r.lastFrame());
    const lines = f.split('\n');
    expect(lines[0]).toMatch(/^Add the nsys system call: 0\/10 points +↑ \d+ more$/);
    expect(f).toContain('     make: *** [Makefile:189: vmlinux] Error 1');
    expect(f).toContain("     reference to `sys_nsys'");
    expect(fits(f, 60, 7)).toBe(true);
  });

  it("draws a program's control characters harmlessly (CRLF, escape sequences)", () => {
    const f = plain(render(<RunPane program="t.c" output={'ret: 0\r\n\x1b[2Jcleared\r\n'} state="done" status={0} width={60} height={4} />).lastFrame());
    expect(f).toContain('ret: 0\n^[[2Jcleared');
  });

  it('a hint is shown first and whole, however long', () => {
    const hint = { reason: 'x', tier: 2, tiers: 3, text: 'Open arch/x86/entry/syscalls/syscall_64.tbl, find the last common entry, and add 326 64 nsys sys_nsys below it.' };
    const f = plain(render(<GradePane report={report([false, false])} state="done" note={null} hint={hint} width={50} height={6} />).lastFrame());
    expect(f.split('\n')[1]).toContain('Hint 2/3: Open');
    expect(f.replace(/\s+/g, ' ')).toContain('add 326 64 nsys sys_nsys below it.');
    expect(fits(f, 50, 6)).toBe(true);
  });

  it("the step's long instructions scroll, and the next step starts at its top", async () => {
    const rep = report([true, false]);
    rep.steps[1]!.instructions = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} says something.`).join('\n\n');
    const r = render(<StepPane report={rep} width={60} height={6} focused />);
    expect(plain(r.lastFrame())).toContain('↓ 18 more');
    r.stdin.write(KEY.pageDown);
    r.stdin.write(KEY.pageDown);
    await tick();
    expect(plain(r.lastFrame())).toContain('Paragraph 4');
    expect(plain(r.lastFrame())).not.toContain('Paragraph 0');
    const next = report([true, true]);
    next.currentStep = 0;
    next.steps[0]!.instructions = 'First line of another step.';
    r.rerender(<StepPane report={next} width={60} height={6} focused />);
    await tick();
    expect(plain(r.lastFrame())).toContain('First line of another step.');
  });
});
