import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { Steps } from './Steps.js';
import { fits, report } from './testing.js';

describe('Steps pane', () => {
  it('shows each step green or red and the checks of the current step', () => {
    const f = render(<Steps report={report([true, false])} checking={false} width={40} height={8} />).lastFrame()!;
    expect(f).toContain('✓ 1. Table entry');
    expect(f).toContain('✗ 2. The call');
    expect(f).toContain('✗    sys_nsys defined');
    expect(f).toContain('3/10 points');
  });

  it('says when the lab is complete, and when it has not been checked', () => {
    expect(render(<Steps report={report([true, true], true)} checking={false} width={40} height={8} />).lastFrame()).toContain('10/10 points — lab complete!');
    expect(render(<Steps report={null} checking width={40} height={8} />).lastFrame()).toContain('checking the lab…');
  });
});

describe('Steps pane in a small box', () => {
  const many = () => {
    const r = report([true, false]);
    // Six steps; the fifth is current and has three checks.
    r.steps = Array.from({ length: 6 }, (_, i) => ({
      index: i,
      title: `Step title ${i + 1}`,
      instructions: '',
      files: [],
      checks: i === 4 ? [0, 1, 2].map((k) => ({ id: `c${k}`, description: `check ${k + 1} of step 5`, passed: false, points: 1 })) : [],
      passed: i < 4,
    }));
    r.currentStep = 4;
    return r;
  };

  it("keeps the current step's checks and the points line in view", () => {
    const f = render(<Steps report={many()} checking={false} width={30} height={6} />).lastFrame()!;
    expect(f).toContain('5. Step title 5');
    expect(f).toContain('check 3 of step 5');
    expect(f).toContain('3/10 points');
    expect(f).not.toContain('1. Step title 1');
    expect(f).toMatch(/Steps +↑4 ↓1/);
    expect(fits(f, 30, 6)).toBe(true);
  });
});
