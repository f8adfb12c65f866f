import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { LabPicker } from './LabPicker.js';
import { KEY, LAB, tick } from './testing.js';
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
});
