import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { App } from './App.js';
import { FakeCore, KEY, eventually, report, tick } from './testing.js';

/** Waits until `check` passes, then a tick more: key handlers subscribe just after the frame is drawn. */
async function settled(check: () => void) {
  await eventually(check);
  await tick(60);
}

async function keys(stdin: { write(s: string): void }, ...ks: string[]) {
  for (const k of ks) {
    stdin.write(k);
    await tick(40);
  }
  await tick(60);
}

describe('App', () => {
  it('starts a lab from the picker and opens the workbench on its workspace', async () => {
    const core = new FakeCore();
    const { lastFrame, stdin } = render(<App core={core} external={() => {}} onExit={() => {}} />);
    await settled(() => expect(lastFrame()).toContain('› nsys  Add the nsys system call'));
    await keys(stdin, KEY.enter);
    expect(core.started).toEqual(['nsys@/ws/nsys']);
    await settled(() => expect(lastFrame()).toContain('kwb · Add the nsys system call · /ws/nsys'));
  });

  it('shows the help overlay over the workbench and keeps the workbench as it was', async () => {
    const core = new FakeCore();
    const { lastFrame, stdin } = render(<App core={core} external={() => {}} workspace="/ws/nsys" onExit={() => {}} />);
    await settled(() => expect(core.grades).toHaveLength(1));
    core.grades[0]!.resolve(report([true, false]));
    await settled(() => expect(lastFrame()).toContain('✓ 1. Table entry'));
    await keys(stdin, '?');
    await settled(() => expect(lastFrame()).toContain('kwb workbench — keys'));
    await keys(stdin, KEY.esc);
    await settled(() => expect(lastFrame()).not.toContain('kwb workbench — keys'));
    expect(lastFrame()).toContain('✓ 1. Table entry'); // the grade survived the overlay
  });

  it('? opens the help whichever component hears the key first (after a resize redraws them all)', async () => {
    const core = new FakeCore();
    const r = render(<App core={core} external={() => {}} workspace="/ws/nsys" onExit={() => {}} />);
    await settled(() => expect(core.grades).toHaveLength(1));
    core.grades[0]!.resolve(report([true, false]));
    await settled(() => expect(r.lastFrame()).toContain('✓ 1. Table entry'));
    // A resize redraws the app after the workbench: its key handler is now called last.
    (r.stdout as unknown as { emit(e: string): void }).emit('resize');
    await tick(100);
    await keys(r.stdin, '?');
    await settled(() => expect(r.lastFrame()).toContain('kwb workbench — keys'));
    await keys(r.stdin, KEY.esc);
    await settled(() => expect(r.lastFrame()).not.toContain('kwb workbench — keys'));
    await tick(150); // Esc alone: a key right after it would be Alt+key
    await keys(r.stdin, '?');
    await settled(() => expect(r.lastFrame()).toContain('kwb workbench — keys'));
  });

  it('asks before quitting with unsaved changes; s saves and quits', async () => {
    const core = new FakeCore();
    const codes: number[] = [];
    const { lastFrame, stdin } = render(<App core={core} external={() => {}} workspace="/ws/nsys" onExit={(c) => codes.push(c)} />);
    await settled(() => expect(core.grades).toHaveLength(1));
    core.grades[0]!.resolve(report([true, false]));
    await settled(() => expect(lastFrame()).toContain('✓ 1. Table entry'));
    await keys(stdin, KEY.enter);
    await settled(() => expect(lastFrame()).toContain('newsys/nsys.c  1:1'));
    await keys(stdin, 'x', KEY.esc);
    await tick(150); // Esc alone: a key right after it would be Alt+key
    await keys(stdin, 'q');
    await settled(() => expect(lastFrame()).toContain('1 file has unsaved changes'));
    expect(codes).toEqual([]);
    await keys(stdin, KEY.esc);
    await settled(() => expect(lastFrame()).not.toContain('unsaved changes.'));
    await tick(150);
    await keys(stdin, 'q', 's');
    expect(codes).toEqual([0]);
    expect(core.files.get('newsys/nsys.c')).toBe('x#include <linux/kernel.h>\n');
  });

  it('quits at once when nothing is unsaved, and says why when there are no labs', async () => {
    const core = new FakeCore();
    core.labs = 'the labs module is not available yet';
    const codes: number[] = [];
    const { lastFrame, stdin } = render(<App core={core} external={() => {}} onExit={(c) => codes.push(c)} />);
    await settled(() => expect(lastFrame()).toContain('No labs can be offered: the labs module is not available yet'));
    await keys(stdin, 'q');
    expect(codes).toEqual([0]);
  });
});

describe('App layout', () => {
  it('follows the terminal when it is resized', async () => {
    const core = new FakeCore();
    const r = render(<App core={core} external={() => {}} workspace="/ws/nsys" onExit={() => {}} />);
    await tick(200);
    const stdout = r.stdout as unknown as { emit(e: string): void };
    const size = (columns: number, rows: number) => {
      Object.defineProperty(r.stdout, 'columns', { value: columns, configurable: true });
      Object.defineProperty(r.stdout, 'rows', { value: rows, configurable: true });
    };
    const widest = () => Math.max(...r.lastFrame()!.split('\n').map((l) => l.length));
    size(80, 24);
    stdout.emit('resize');
    await eventually(() => expect(widest()).toBeLessThanOrEqual(80));
    expect(r.lastFrame()!.split('\n').length).toBeLessThanOrEqual(24);
    size(120, 40);
    stdout.emit('resize');
    await eventually(() => expect(r.lastFrame()!.split('\n').length).toBeGreaterThan(24));
    expect(widest()).toBeGreaterThan(80);
  });
});

describe('CrashBoundary', () => {
  it('hands a drawing crash to onCrash and draws no stack trace', async () => {
    const { CrashBoundary } = await import('./App.js');
    const crashes: unknown[] = [];
    const Boom = (): never => {
      throw new Error('boom');
    };
    const err = console.error;
    console.error = () => {};
    const r = render(
      <CrashBoundary onCrash={(e) => crashes.push(e)}>
        <Boom />
      </CrashBoundary>,
    );
    await tick(50);
    console.error = err;
    expect((crashes[0] as Error).message).toBe('boom');
    expect(r.lastFrame() ?? '').not.toContain('at ');
  });
});
