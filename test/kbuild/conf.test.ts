// The configuration targets as a student runs them: defconfig, oldconfig on a terminal (asks
// about new symbols) and without one (takes the defaults, printing conf's questions),
// olddefconfig, savedefconfig (gives back the arch defconfig), and silentoldconfig before a build.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMake } from '../../src/kbuild/make.js';
import { realToolchain } from '../../src/kbuild/toolchain.js';
import { cleanup, freshWorkspace } from './build-helpers.js';

const made: string[] = [];
afterAll(() => made.forEach(cleanup));

async function run(root: string, targets: string[], answers?: string[]) {
  let out = '';
  let err = '';
  const asked: string[] = [];
  const status = await runMake(
    {
      root,
      commandLine: {},
      environment: {},
      interactive: answers !== undefined,
      ask: async (q) => {
        asked.push(q);
        return answers!.shift() ?? '';
      },
      toolchain: realToolchain,
      io: { out: (t) => void (out += t), err: (t) => void (err += t) },
    },
    targets,
  );
  return { status, out, err, asked };
}

const NEW_SYMBOL = '\nconfig NSYS_DEBUG\n\tbool "Debug output from the nsys syscall"\n\tdefault y\n\thelp\n\t  Say Y to print more from nsys.\n';

describe('configuration targets', () => {
  it('defconfig, then savedefconfig gives back the arch defconfig', async () => {
    const d = freshWorkspace();
    made.push(d);
    const r = await run(d, ['defconfig']);
    expect(r.status).toBe(0);
    expect(r.out).toBe("*** Default configuration is based on 'x86_64_defconfig'\n#\n# configuration written to .config\n#\n");
    expect(readFileSync(join(d, '.config'), 'utf8')).toMatch(/^#\n# Automatically generated file; DO NOT EDIT\.\n# Linux\/x86 4\.4\.79 Kernel Configuration\n#\n/);
    expect((await run(d, ['savedefconfig'])).status).toBe(0);
    expect(readFileSync(join(d, 'defconfig'), 'utf8')).toBe(readFileSync(join(d, 'arch/x86/configs/x86_64_defconfig'), 'utf8'));
  });

  it('oldconfig asks about a new symbol on a terminal, takes the default otherwise', async () => {
    const d = freshWorkspace();
    made.push(d);
    await run(d, ['defconfig']);
    appendFileSync(join(d, 'arch/x86/Kconfig.debug'), NEW_SYMBOL);
    const tty = await run(d, ['oldconfig'], ['n']);
    expect(tty.status).toBe(0);
    expect(tty.asked).toEqual(['Debug output from the nsys syscall (NSYS_DEBUG) [Y/n/?] (NEW) ']);
    expect(readFileSync(join(d, '.config'), 'utf8')).toContain('\n# CONFIG_NSYS_DEBUG is not set\n');

    const e = freshWorkspace();
    made.push(e);
    await run(e, ['defconfig']);
    appendFileSync(join(e, 'arch/x86/Kconfig.debug'), NEW_SYMBOL);
    const pipe = await run(e, ['oldconfig']);
    expect(pipe.out).toBe('Debug output from the nsys syscall (NSYS_DEBUG) [Y/n/?] (NEW) \n#\n# configuration written to .config\n#\n');
    expect(readFileSync(join(e, '.config'), 'utf8')).toContain('\nCONFIG_NSYS_DEBUG=y\n');
  });

  it('a build with an unanswered new symbol stops as silentoldconfig does without a terminal', async () => {
    const d = freshWorkspace();
    made.push(d);
    await run(d, ['defconfig']);
    appendFileSync(join(d, 'arch/x86/Kconfig.debug'), NEW_SYMBOL);
    const r = await run(d, []);
    expect(r.status).toBe(2);
    expect(r.out).toContain("Console input/output is redirected. Run 'make oldconfig' to update configuration.");
    const o = await run(d, ['olddefconfig']);
    expect(o.status).toBe(0);
    expect(readFileSync(join(d, '.config'), 'utf8')).toContain('\nCONFIG_NSYS_DEBUG=y\n');
  });
});
