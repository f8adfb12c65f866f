// The booted kernel: the tree's own entry code, syscalls, printk, processes and fault reports,
// running on kwb's machine. Each expectation is what Linux 4.4 prints or returns.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { boot, buildCached, buildInitramfs, formatDmesg, readSavedLog, runOnKernel, syslogText, workspaceKernel, type RunResult } from '../../src/kernel/machine/index.js';
import { kwb, ROOT } from '../helpers/kwb.js';
import { buildWorkspace, PROGRAMS, type Workspace } from './fixture.js';

let ws: Workspace;
beforeAll(() => {
  ws = buildWorkspace();
}, 120_000);

async function run(prog: string, args: string[] = [], o: { console?: boolean; input?: string; maxInsns?: number } = {}): Promise<RunResult & { out: string }> {
  let out = '';
  const r = await runOnKernel({
    dir: ws.dir,
    prog: prog.includes('/') ? prog : join(PROGRAMS, prog),
    args,
    console: o.console,
    input: o.input === undefined ? undefined : new TextEncoder().encode(o.input),
    maxInsns: o.maxInsns,
    write: (b) => {
      out += Buffer.from(b).toString('utf8');
    },
  });
  return { ...r, out };
}

async function bootExec(cmds: string, append = ''): Promise<{ out: string; log: string }> {
  let out = '';
  const r = boot({
    kernel: workspaceKernel(ws.dir),
    initrd: await buildInitramfs(
      await Promise.all(
        ['levels', 'syscalls', 'spin'].map(async (n) => ({ name: n, mode: 0o100755, data: await buildCached([join(PROGRAMS, n + '.c')], n) })),
      ),
    ),
    cmdline: `console=ttyS0 ${append} rdinit=/init -- -c "${cmds}"`,
    console: (b) => {
      out += Buffer.from(b).toString('utf8');
    },
  });
  expect(r.reason).toBe('poweroff');
  return { out, log: syslogText(r.log) };
}

const TS = '\\[ *\\d+\\.\\d{6}\\]';

describe('the lesson: syscall(326) on the booted kernel', () => {
  it('prints ret: 0 and logs the greeting after the banner', async () => {
    writeFileSync(join(ws.dir, 'syscall.c'), '#define _GNU_SOURCE\n#include <unistd.h>\n#include <sys/syscall.h>\n#include <stdio.h>\nint main(void)\n{\n\tint ret = syscall(326);\n\tprintf("ret: %d\\n", ret);\n\treturn 0;\n}\n');
    const r = await run(join(ws.dir, 'syscall.c'));
    expect(r.out).toBe('ret: 0\n');
    expect(r.status).toBe(0);
    const log = formatDmesg(readSavedLog(ws.dir)!);
    expect(log).toMatch(new RegExp(`^${TS} Linux version 4\\.4\\.79 \\(root@kwb\\) \\(gcc version [^)]*\\)+ #\\d+ SMP `, 'm'));
    expect(log).toMatch(new RegExp(`^${TS} greetings from syscall nsys\\.$`, 'm'));
    expect(log).toMatch(new RegExp(`^${TS} Command line: loglevel=0 console=ttyS0 rdinit=/init -- -x /syscall$`, 'm'));
    const d = kwb(['dmesg', '-x'], { cwd: ws.dir });
    expect(d.status).toBe(0);
    expect(d.stdout).toMatch(new RegExp(`^kern  :info  : ${TS} greetings from syscall nsys\\.$`, 'm'));
    expect(d.stdout).toMatch(new RegExp(`^kern  :notice: ${TS} Linux version 4\\.4\\.79`, 'm'));
  });

  it('the seed int $0x80 with eax = 59 reaches oldolduname; a stack buffer gets -EFAULT', async () => {
    const r = await run('int80_59.c');
    expect(r.out).toBe('0 Linux 4.4.79\n-14\n');
  });

  it('int80.c from the acceptance corpus: uname through the i386 table', async () => {
    const r = await run(join(ROOT, 'test', 'c', 'acc_int80.c')); // a copy of ../shared/acceptance/c/int80.c
    expect(r.out).toBe('uname: 0 Linux x86_64\noldolduname: 0 Linux\nstack: -14\n');
  });
});

describe('system calls', () => {
  it('each syscall returns what Linux returns', async () => {
    const r = await run('syscalls.c', ['one', 'two words'], { input: 'a line\n' });
    expect(r.out).toBe(
      [
        'argv: 3 one two words',
        'pid: 2 ppid: 1',
        'uname: 0 Linux 4.4.79 x86_64',
        'uname(kernel address): -1 14',
        'uname(unmapped): -1 14',
        'brk: 1',
        'write(unmapped): -1 14',
        'fork/wait4: 1 1 40',
        'fork/wait4: 1 1 41',
        'kill: 0 1 9',
        'kill(no such pid): -1 3',
        'wait4 woken: 1 3',
        'wait4(no children): -1 10',
        'read: 7 a line',
        "exec'd echo",
        'execve: 0 -1 2',
        'nr beyond the table: -1 38',
        '',
      ].join('\n'),
    );
    expect(r.status).toBe(5);
  });

  it('nanosleep sleeps for the requested guest time (rdtsc counts 1 GHz); a bad timespec is EINVAL', async () => {
    const r = await run('sleep.c');
    expect(r.out).toBe('nanosleep: 0 slept>=25ms: 1 slept<30ms: 1\ninvalid: -1\n');
  });

  it('olduname (i386 109) fills struct old_utsname; NULL is -EFAULT', async () => {
    const r = await run('olduname.c');
    expect(r.out).toBe('0 Linux 4.4.79 x86_64\n-14\n');
  });

  it('signal handlers: rt_sigaction, delivery on the way to user mode, rt_sigreturn; SIG_IGN', async () => {
    const r = await run('handler.c');
    expect(r.out).toBe('kill: 0 handler saw 10\nSIGCHLD handled 1 time(s), status 1\nignored\ncaught signal 11\n');
    expect(r.status).toBe(42);
  });

  it('rt_sigprocmask blocks a signal (pending in rt_sigpending); unblocking delivers it', async () => {
    const r = await run('sigmask.c');
    expect(r.out).toBe('block: 0\nwhile blocked: handled 0, pending 1\nafter unblocking: handled 1\n');
  });

  it('alarm: SIGALRM to a handler, then the default action (Alarm clock, 142)', async () => {
    const r = await run('alarm.c');
    expect(r.out).toBe('alarm: 0\nagain: 1\nrang: 14\n');
    expect(r.status).toBe(142);
    expect(r.message).toBe('Alarm clock');
  });

  it('pause sleeps until a signal (SIGTERM terminates)', async () => {
    const r = await run('pause.c');
    expect(r.out).toBe('pause ended by signal 15\n');
  });

  it('SIGKILL wakes a process asleep on a wait queue and kills it', async () => {
    const r = await run('killwait.c');
    expect(r.out).toBe('signaled 1 signal 9\n');
  });

  it('vfork (clone with CLONE_VFORK) and execve', async () => {
    const r = await run('vfork.c');
    expect(r.out).toBe('Linux\nvfork child 3 exited 0\n');
  });

  it('a syscall blocked on a wait queue is woken by another process filling the buffer', async () => {
    const r = await run('waitbuf.c');
    expect(r.out).toBe('child filled: 0\nwoken: 0 hello from the child\n');
  });
});

describe('printk and the console', () => {
  it('levels: a message without one gets level 4; dmesg -r shows them, -l filters', async () => {
    await run('levels.c');
    const raw = kwb(['dmesg', '-r'], { cwd: ws.dir }).stdout;
    expect(raw).toMatch(new RegExp(`^<3>${TS} level 3 message$`, 'm'));
    expect(raw).toMatch(new RegExp(`^<4>${TS} message without a level$`, 'm'));
    expect(raw).toMatch(new RegExp(`^<6>${TS} level 6 message$`, 'm'));
    expect(raw).toMatch(new RegExp(`^<7>${TS} level 7 message$`, 'm'));
    const errs = kwb(['dmesg', '-l', 'err,warn'], { cwd: ws.dir }).stdout;
    expect(errs.trimEnd().split('\n').map((l) => l.replace(/^\[[^\]]*\] /, ''))).toEqual(['level 3 message', 'message without a level']);
  });

  it('the console shows levels below console_loglevel: all but debug by default, < 4 with quiet', async () => {
    const normal = await bootExec('/levels');
    expect(normal.out).toMatch(/ level 3 message\n/);
    expect(normal.out).toMatch(/ message without a level\n/);
    expect(normal.out).toMatch(/ level 6 message\n/);
    expect(normal.out).not.toMatch(/level 7/);
    expect(normal.out).toMatch(/Linux version 4\.4\.79/);
    const quiet = await bootExec('/levels', 'quiet');
    expect(quiet.out).toMatch(/ level 3 message\n/);
    expect(quiet.out).not.toMatch(/without a level|level 6|Linux version/);
    const lv = await bootExec('/levels', 'loglevel=7');
    expect(lv.out).toMatch(/level 6 message/);
    expect(lv.out).not.toMatch(/level 7/);
  });

  it('the guest dmesg (syslog(2)) prints what kwb dmesg prints', async () => {
    const { out, log } = await bootExec('dmesg -x; dmesg -l err', 'loglevel=1');
    const lines = out.split('\n');
    expect(lines).toContain('kern  :notice: ' + log.split('\n')[0]!.replace(/^<5>/, ''));
    expect(out).toMatch(/^kern  :info  : \[ *\d+\.\d{6}\] console \[ttyS0\] enabled$/m);
  });

  it('two boots give byte-identical logs and console output', async () => {
    const a = await bootExec('uname -a; /syscalls x y');
    const b = await bootExec('uname -a; /syscalls x y');
    expect(a.log).toBe(b.log);
    expect(a.out).toBe(b.out);
  });
});

describe('kwb boot and kwb dmesg', () => {
  it('kwb boot --exec runs the commands on the console and powers off; kwb dmesg reads that boot', () => {
    const r = kwb(['boot', '--append', 'quiet', '--exec', 'uname -sr; echo from the shell'], { cwd: ws.dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Linux 4.4.79\nfrom the shell\n');
    expect(r.stdout).toMatch(new RegExp(`^${TS} reboot: Power down$`, 'm'));
    const d = kwb(['dmesg'], { cwd: ws.dir });
    expect(d.stdout).toMatch(new RegExp(`^${TS} Kernel command line: console=ttyS0 quiet rdinit=/init -- -c "uname -sr; echo from the shell"$`, 'm'));
  });

  it('usage errors exit 2, a missing kernel exits 1, with plain messages', () => {
    expect(kwb(['boot', '--bogus']).status).toBe(2);
    const r = kwb(['boot', '-C', '/nonexistent', '--exec', 'true']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("kwb boot: /nonexistent/arch/x86/boot/bzImage: No such file or directory; build the kernel with 'kwb make' first\n");
    expect(kwb(['dmesg', '-l', 'loud'], { cwd: ws.dir }).status).toBe(2);
  });
});

describe('the shell (/init)', () => {
  it('the timer preempts a process that never yields: a background spinner does not stop the shell', async () => {
    const { out } = await bootExec('/spin & uname -r; echo after');
    expect(out).toMatch(/^\[\d+\]\n4\.4\.79\nafter\n/m);
  });

  it('runs programs with arguments, ; separators, $? and background jobs', async () => {
    const { out } = await bootExec("echo one two; cat /nonexistent; echo status $?; uname -r; ls /bin; echo 'quoted  words'");
    expect(out).toContain('one two\ncat: /nonexistent: No such file or directory\nstatus 1\n4.4.79\ncat\ndmesg\necho\nls\nuname\nquoted  words\n');
  });
});

describe('faults, as Linux reports them', () => {
  it('a user segfault: SIGSEGV, status 139, the segfault line in dmesg', async () => {
    const r = await run('segv.c');
    expect(r.out).toBe('before\n');
    expect(r.status).toBe(139);
    expect(r.message).toBe('Segmentation fault');
    const log = formatDmesg(r.log);
    expect(log).toMatch(new RegExp(`^${TS} segv\\[2\\]: segfault at 0 ip 0000000000[0-9a-f]{6} sp 00007fff[0-9a-f]{8} error 6 in segv\\[400000\\+[0-9a-f]+\\]$`, 'm'));
  });

  it('an invalid opcode in user mode: SIGILL, status 132, the traps: line', async () => {
    const r = await run('ud.c');
    expect(r.out).toBe('about to execute ud2\n');
    expect(r.status).toBe(132);
    expect(r.message).toBe('Illegal instruction');
    expect(formatDmesg(r.log)).toMatch(new RegExp(`^${TS} traps: ud\\[2\\] trap invalid opcode ip:40[0-9a-f]{4} sp:7fff[0-9a-f]{8} error:0 in ud\\[400000\\+[0-9a-f]+\\]$`, 'm'));
  });

  it('a kernel NULL dereference in a syscall: the Oops report; the task dies, the machine goes on', async () => {
    const r = await run('oops.c', [], { console: true });
    expect(r.status).toBe(137);
    expect(r.message).toBe('Killed\nkwb run: the kernel oopsed in a system call and killed the program; see kwb dmesg');
    const log = formatDmesg(r.log).replace(/^\[ *\d+\.\d{6}\] /gm, '');
    expect(log).toContain('BUG: unable to handle kernel NULL pointer dereference at 0000000000000004\n');
    expect(log).toMatch(/^IP: \[<ffffffff8[0-9a-f]{7}>\] (sys|SyS|SYSC)_kwb_oops\+0x[0-9a-f]+\/0x[0-9a-f]+$/m);
    expect(log).toContain('Oops: 0002 [#1] SMP\nModules linked in:\n');
    expect(log).toMatch(/^IP: .*\nPGD 0 \n/m);
    expect(log).toMatch(/^ RSP <ffff88[0-9a-f]{10}>\nCR2: 0000000000000004\n---\[ end trace [0-9a-f]{16} \]---$/m);
    expect(log).toMatch(/^CPU: 0 PID: 2 Comm: oops Not tainted 4\.4\.79 #1$/m);
    expect(log).toMatch(/^RAX: [0-9a-f]{16} RBX: [0-9a-f]{16} RCX: [0-9a-f]{16}$/m);
    expect(log).toMatch(/^Call Trace:\n( \[<ffffffff8[0-9a-f]{7}>\] \w+\+0x[0-9a-f]+\/0x[0-9a-f]+\n)* \[<ffffffff8[0-9a-f]{7}>\] entry_SYSCALL_64\+0x[0-9a-f]+\/0x[0-9a-f]+$/m);
    expect(log).toContain('reboot: Power down'); // the machine kept running and init powered it off
    expect(r.out).toMatch(/BUG: unable to handle kernel NULL pointer dereference/); // KERN_ALERT reaches a quiet console
  });

  it('a guest stuck in a loop: the watchdog stops it with a soft-lockup message and status 124', async () => {
    const r = await run('spin.c', [], { maxInsns: 10_000_000 });
    expect(r.status).toBe(124);
    expect(formatDmesg(r.log)).toMatch(/NMI watchdog: BUG: soft lockup - CPU#0 stuck for \d+s! \[spin:2\]/);
  });
});

describe('panic', () => {
  it('no init: "Kernel panic - not syncing: No working init found." and the CPU stops', async () => {
    let out = '';
    const r = boot({
      kernel: workspaceKernel(ws.dir),
      initrd: await buildInitramfs(),
      cmdline: 'console=ttyS0 rdinit=/sbin/nothing',
      console: (b) => {
        out += Buffer.from(b).toString('utf8');
      },
    });
    expect(r.reason).toBe('halted');
    const log = formatDmesg(r.log);
    expect(log).toMatch(new RegExp(`^${TS} Failed to execute /sbin/nothing \\(error -2\\)$`, 'm'));
    expect(log).toMatch(new RegExp(`^${TS} Kernel panic - not syncing: No working init found\\.  Try passing init= option to kernel\\. See Linux Documentation/init\\.txt for guidance\\.$`, 'm'));
    expect(out).toContain('Kernel panic - not syncing: No working init found.');
  });
});

describe('the initramfs', () => {
  it('is a cpio newc archive cpio -t lists', async () => {
    const { host } = await import('../helpers/kwb.js');
    const img = await buildInitramfs();
    const r = host('cpio', ['-t', '--quiet'], { input: Buffer.from(img) });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(['bin', 'init', 'bin/dmesg', 'bin/uname', 'bin/cat', 'bin/echo', 'bin/ls']);
  });
});
