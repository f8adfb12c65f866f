// The driver's functions for the rest of kwb (kbuild, `kwb run x.c`): in-process, no CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { host } from '../helpers/kwb.js';
import { buildProgram, compileObject, formatBuildFailure, preprocessFile } from '../../src/toolchain/driver.js';
import { DiagnosticError } from '../../src/diag.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kwb-driver-api-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('driver API', () => {
  it('buildProgram compiles and links relative to cwd, with defines and include dirs', () => {
    writeFileSync(join(dir, 'hello.c'), '#include <stdio.h>\nint main(void) { printf("%s %d\\n", WHO, N); return 3; }\n');
    const r = buildProgram({ sources: ['hello.c'], output: 'hello', cwd: dir, defines: [['WHO', '"kwb"'], ['N']] });
    expect(r.diagnostics).toEqual([]);
    expect(statSync(join(dir, 'hello')).mode & 0o777).toBe(0o755);
    const run = host(join(dir, 'hello'), []);
    expect(run.stdout).toBe('kwb 1\n');
    expect(run.status).toBe(3);
  });

  it('compileObject returns an ELF relocatable object that GNU readelf accepts', () => {
    writeFileSync(join(dir, 'obj.c'), 'int answer(void) { return 42; }\n');
    const r = compileObject(join(dir, 'obj.c'));
    writeFileSync(join(dir, 'obj.o'), r.object);
    const re = host('readelf', ['-h', '-s', join(dir, 'obj.o')]);
    expect(re.stderr).toBe('');
    expect(re.stdout).toMatch(/REL \(Relocatable file\)/);
    expect(re.stdout).toMatch(/GLOBAL\s+DEFAULT\s+\d+ answer/);
  });

  it('preprocessFile gives -E text; kernel: true predefines __KERNEL__', () => {
    writeFileSync(join(dir, 'k.c'), '#ifdef __KERNEL__\nkernel\n#else\nuser\n#endif\n');
    expect(preprocessFile(join(dir, 'k.c')).text).toMatch(/^user$/m);
    expect(preprocessFile(join(dir, 'k.c'), { kernel: true }).text).toMatch(/^kernel$/m);
  });

  it('failures are thrown; formatBuildFailure words them as gcc would', () => {
    writeFileSync(join(dir, 'broken.c'), 'int main(void) { return }\n');
    let thrown: unknown;
    try {
      buildProgram({ sources: ['broken.c'], output: 'broken', cwd: dir });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DiagnosticError);
    expect(formatBuildFailure(thrown)).toMatch(/^broken\.c: In function 'main':\nbroken\.c:1:/);
    writeFileSync(join(dir, 'undef.c'), 'int nowhere(void);\nint main(void) { return nowhere(); }\n');
    try {
      buildProgram({ sources: ['undef.c'], output: 'undef', cwd: dir });
      expect.unreachable();
    } catch (e) {
      expect(formatBuildFailure(e)).toMatch(/undefined reference to `nowhere'\ncollect2: error: ld returned 1 exit status\n$/);
    }
    expect(formatBuildFailure(new Error('a bug'))).toBeUndefined();
  });
});
