import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { Steps } from './Steps.js';
import { report } from './testing.js';

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
