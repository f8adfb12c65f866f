import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { LabPicker } from './LabPicker.js';
import { KEY, LAB, eventually, fits, tick } from './testing.js';
import type { LabSummary } from './core.js';

describe('Lab picker', () => {
  it('offers to continue the last lab, then the labs; Enter opens the selection', async () => {
    const started: string[] = [];
    const cont: string[] = [];
    const { lastFrame, stdin } = render(
      <LabPicker labs={{ ok: true, value: [LAB] }} last={{ dir: '/ws/nsys', lab: 'nsys' }} onContinue={(d) => cont.push(d)} onStart={(l: LabSummary) => started.push(l.id)} active width={80} />,
    );
    expect(lastFrame()).toContain('› Continue nsys in /ws/nsys');
    expect(lastFrame()).toContain('nsys  Add the nsys system call  (10 points)');
    stdin.write(KEY.down);
    await tick();
    expect(lastFrame()).toContain('› nsys  Add the nsys system call');
    stdin.write(KEY.enter);
    await tick();
    expect(started).toEqual(['nsys']);
    stdin.write(KEY.up);
    await tick();
    stdin.write(KEY.enter);
    await tick();
    expect(cont).toEqual(['/ws/nsys']);
  });

  it('says why there are no labs when the labs module is missing', () => {
    const f = render(<LabPicker labs={{ ok: false, why: 'the labs module is not available yet' }} last={null} onContinue={() => {}} onStart={() => {}} active width={80} />).lastFrame()!;
    expect(f).toContain('No labs can be offered: the labs module is not available yet');
  });

  it('scrolls a list longer than the screen, keeping the selection in view', async () => {
    const labs = Array.from({ length: 15 }, (_, i) => ({ ...LAB, id: `lab${String(i + 1).padStart(2, '0')}`, title: `Lab number ${i + 1}` }));
    const started: string[] = [];
    const { lastFrame, stdin } = render(<LabPicker labs={{ ok: true, value: labs }} last={{ dir: '/ws/nsys', lab: 'nsys' }} onContinue={() => {}} onStart={(l) => started.push(l.id)} active width={80} height={24} />);
    let f = lastFrame()!;
    expect(fits(f, 80, 24)).toBe(true);
    expect(f).toContain('› Continue nsys');
    expect(f).toContain('↓ 6 more');
    expect(f).not.toContain('lab15');
    stdin.write(KEY.end);
    await eventually(() => expect(lastFrame()).toContain('› lab15  Lab number 15'));
    f = lastFrame()!;
    expect(f).toContain('↑ 6 more');
    expect(f).not.toContain('Continue');
    expect(fits(f, 80, 24)).toBe(true);
    for (let i = 0; i < 3; i++) stdin.write(KEY.up);
    await eventually(() => expect(lastFrame()).toContain('› lab12'));
    stdin.write(KEY.pageUp);
    await eventually(() => expect(lastFrame()).toContain('› lab02'));
    expect(lastFrame()).toContain('↓ 6 more');
    stdin.write(KEY.enter);
    await tick();
    expect(started).toEqual(['lab02']);
    // a smaller terminal shows fewer labs, still around the selection
    const small = render(<LabPicker labs={{ ok: true, value: labs }} last={null} onContinue={() => {}} onStart={() => {}} active width={60} height={12} />);
    small.stdin.write('G');
    await eventually(() => expect(small.lastFrame()).toContain('› lab15'));
    expect(fits(small.lastFrame(), 60, 12)).toBe(true);
  });
});
