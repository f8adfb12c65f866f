// `kwb ld` and `kwb ar` as processes: exit statuses, plain error lines, never a stack trace.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { host, kwb } from '../helpers/kwb.js';
import { build, gnuErrors, gnuLink, run, tmp } from './oracle.js';
import { SYS } from './programs.js';

describe('kwb ld / kwb ar', () => {
  const dir = tmp('ldcli');
  build(dir, {
    'sys.c': SYS,
    'main.c': 'void put(const char*); void quit(long); void _start(void){ put("ok\\n"); quit(0); }\n',
    'bad.c': 'extern int nope; int f(void){ return nope; }\n',
  });

  it('links and writes an executable that runs', () => {
    const r = kwb(['ld', '-o', 'prog', 'main.o', 'sys.o'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(run(join(dir, 'prog')).stdout).toBe('ok\n');
  });

  it('an undefined reference: exit 1 and exactly GNU ld\'s lines', () => {
    const r = kwb(['ld', '-o', 'x', 'main.o', 'sys.o', 'bad.o'], { cwd: dir });
    const g = gnuLink(dir, [join(dir, 'main.o'), join(dir, 'sys.o'), join(dir, 'bad.o')], 'x');
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd()).toBe(gnuErrors(g.stderr));
  });

  it('unreadable and malformed inputs: exit 2 with a plain message', () => {
    writeFileSync(join(dir, 'text.o'), 'this is not an object file\n');
    const obj = readFileSync(join(dir, 'main.o'));
    writeFileSync(join(dir, 'trunc.o'), obj.subarray(0, 200));
    writeFileSync(join(dir, 'bad.a'), '!<arch>\nmember.o/       0           0     0     644     99999     `\nxx');
    const cases: [string[], RegExp][] = [
      [['ld', 'missing.o'], /^ld: cannot find missing\.o: No such file or directory\n$/],
      [['ld', 'text.o'], /^ld: text\.o: file format not recognized\n$/],
      [['ld', 'trunc.o'], /^ld: trunc\.o: file truncated\n$/],
      [['ld', 'main.o', 'bad.a'], /^ld: bad\.a: malformed archive/],
      [['ld', '--frobnicate', 'main.o'], /^ld: unrecognized option '--frobnicate'/],
      [['ar', 't', 'text.o'], /^ar: text\.o: file format not recognized\n$/],
    ];
    for (const [args, msg] of cases) {
      const r = kwb(args, { cwd: dir });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/\bat \S+:\d+:\d+/); // no stack trace
    }
  });

  it('ar rcs then ar t; GNU ld links against our archive', () => {
    expect(kwb(['ar', 'rcs', 'libs.a', 'sys.o', 'bad.o'], { cwd: dir }).status).toBe(0);
    expect(kwb(['ar', 't', 'libs.a'], { cwd: dir }).stdout).toBe('sys.o\nbad.o\n');
    expect(host('ar', ['t', join(dir, 'libs.a')]).stdout).toBe('sys.o\nbad.o\n');
    const g = gnuLink(dir, [join(dir, 'main.o'), join(dir, 'libs.a')], 'viaGnu');
    expect(g.status, g.stderr).toBe(0);
    expect(run(g.path).stdout).toBe('ok\n');
    const r = kwb(['ld', '-o', 'viaOurs', 'main.o', 'libs.a'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(run(join(dir, 'viaOurs')).stdout).toBe('ok\n');
  });
});
