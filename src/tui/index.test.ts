import { describe, expect, it, vi } from 'vitest';
import { PassThrough } from 'node:stream';
import { startTui } from './index.js';

describe('startTui', () => {
  it('refuses plainly (no raw-mode error) when stdin or stdout is not a terminal', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const notTty = new PassThrough() as unknown as NodeJS.ReadStream & NodeJS.WriteStream;
    const code = await startTui({ stdin: notTty, stdout: notTty });
    expect(code).toBe(2);
    expect(err.mock.calls.map((c) => String(c[0])).join('')).toContain('the workbench needs a terminal');
    err.mockRestore();
  });
});
