import { describe, expect, it } from 'vitest';
import { kwb } from './helpers/kwb.js';

describe('kwb command line', () => {
  it('prints help and exits 0 without a command when not on a terminal', () => {
    const r = kwb([], { stdio: ['ignore', 'pipe', 'pipe'] });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: kwb <command>');
    expect(r.stdout).toContain('kwb cc');
  });

  it('refuses an unknown command with exit 2 and no stack trace', () => {
    const r = kwb(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("kwb: 'frobnicate' is not a kwb command. See 'kwb --help'.\n");
  });

  it('works from any directory', () => {
    const r = kwb(['--version'], { cwd: '/' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^kwb \(kernel-workbench\) \d+\.\d+\.\d+\n$/);
  });
});
