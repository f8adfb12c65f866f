// `kwb cc`: gcc's command line for static x86-64 programs. The argv is parsed by the driver
// itself, gcc style (-DNAME=1, -Iinc, -O2 all as gcc spells them), not by yargs.
import { ccDriver } from '../kbuild/toolchain.js';
import type { KwbCommand } from './command.js';

const HELP = `Usage: kwb cc [options] FILE...
Compiles C (.c), assembly (.s) and preprocessed assembly (.S), and links static x86-64 Linux
programs with kwb's libc, as gcc -static -no-pie does.

  -E                 preprocess only; print the result
  -S                 compile only; write FILE.s
  -c                 compile and assemble; write FILE.o
  -o FILE            name the output (default a.out)
  -I DIR             search DIR for #include files
  -D NAME[=VALUE]    define a macro (VALUE defaults to 1)
  -U NAME            undefine a macro
  -x LANG            treat the following files as c, assembler, assembler-with-cpp or none
  -nostdlib          link without crt1.o and libc.a
  -nostdinc          do not search kwb's libc headers
  -L DIR, -lNAME     search DIR for libNAME.a
  -M, -MM            print make dependencies instead of compiling (-MM: without system headers)
  -MD, -MMD          write them to FILE.d while compiling; -MF FILE, -MT/-MQ TARGET, -MP as gcc
  -w, -Werror        no warnings; every warning an error
  -ffreestanding     __STDC_HOSTED__ is 0
Accepted and ignored: -O*, -g*, other -W*, -static, -no-pie, -pthread, -std=*, -fno-*, -m64,
-march=*, -mtune=*, -fPIC, -fstack-protector*. Not supported: -m32, -shared, -pie, -Wl,...
`;

const command: KwbCommand = {
  name: 'cc',
  synopsis: 'cc [-c|-S|-E] [-o OUT] [-I DIR] [-D N[=V]] FILE...',
  describe: 'gcc-compatible C compiler for static x86-64 Linux programs',
  async run(argv) {
    if (argv.includes('--help')) {
      process.stdout.write(HELP);
      return 0;
    }
    if (argv.includes('--version')) {
      process.stdout.write('kwb cc (kernel-workbench) 0.1.0\nA C compiler for static x86-64 Linux programs; not gcc, but speaks its command line.\n');
      return 0;
    }
    const runCc = await ccDriver();
    return runCc(argv);
  },
};

export default command;
