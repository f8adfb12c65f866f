import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { BuildPane, DmesgPane, GradePane, ProgressBar, RunPane, StepPane, reflow } from './OutputPanes.js';
import { emptyLog, feed } from './buildlog.js';
import { report } from './testing.js';

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
