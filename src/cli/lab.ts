// kwb lab list | show ID | start ID [DIR] | status | check [--json|--tap] | hint | reset |
//         validate FILE... | solve        [-C DIR]
//
// Thin: parse, call src/lab, print. Exit status: 0 the lab passes (or the command did its job),
// 1 not yet, 2 a bad lab or bad usage.
import { renderDiagnostics, DiagnosticError } from '../diag.js';
import { EXIT, UsageError } from '../errors.js';
import type { KwbCommand } from './command.js';
import type { CheckResult, GradeEvent, GradeReport } from '../lab/index.js';

const HELP = `Usage: kwb lab <command> [-C DIR]

  list                  the labs in this package
  show ID               a lab's summary, steps and checks
  start ID [DIR]        a new workspace for lab ID (default DIR: ./ID) with its starting files
  status                grade the workspace: points, each step, what to do next
  check [--json|--tap]  grade the workspace: every check with its result
  hint                  the next hint for the current failure (one tier at a time)
  reset                 back to the lab's starting files (yours are kept in .kwb/backup/)
  validate FILE...      lint a lab file and prove it: the start fails, the solution passes
  solve                 apply the reference solution (instructor mode; yours are backed up)

  -C DIR                the lab workspace (default: the current directory or a parent)

Exit status: 0 passed/done, 1 not yet, 2 a bad lab file or bad usage.
`;

interface Args {
  sub: string;
  positional: string[];
  dir: string;
  json: boolean;
  tap: boolean;
}

function parse(argv: string[]): Args | null {
  const a: Args = { sub: '', positional: [], dir: '.', json: false, tap: false };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === '-h' || x === '--help') return null;
    else if (x === '--json') a.json = true;
    else if (x === '--tap') a.tap = true;
    else if (x === '-C' || x === '--dir') {
      const d = argv[++i];
      if (d === undefined) throw new UsageError(`kwb lab: '${x}' needs a directory\nTry 'kwb lab --help'.`);
      a.dir = d;
    } else if (x.startsWith('-C') && x.length > 2) a.dir = x.slice(2);
    else if (x.startsWith('-') && x !== '-') throw new UsageError(`kwb lab: unknown option '${x}'\nTry 'kwb lab --help'.`);
    else if (!a.sub) a.sub = x;
    else a.positional.push(x);
  }
  if (!a.sub) return null;
  const arity: Record<string, [number, number]> = {
    list: [0, 0], show: [1, 1], start: [1, 2], status: [0, 0], check: [0, 0], hint: [0, 0], reset: [0, 0], validate: [1, 100], solve: [0, 0],
  };
  const r = arity[a.sub];
  if (!r) throw new UsageError(`kwb lab: '${a.sub}' is not a lab command (list, show, start, status, check, hint, reset, validate, solve)\nTry 'kwb lab --help'.`);
  if (a.positional.length < r[0] || a.positional.length > r[1]) {
    const what = { show: 'ID', start: 'ID [DIR]', validate: 'FILE...' }[a.sub as 'show'] ?? '';
    throw new UsageError(`kwb lab ${a.sub}: usage: kwb lab ${a.sub}${what ? ' ' + what : ''}${a.sub === 'check' ? ' [--json|--tap]' : ''}`);
  }
  if ((a.json || a.tap) && a.sub !== 'check') throw new UsageError(`kwb lab: --json and --tap go with 'kwb lab check'`);
  if (a.json && a.tap) throw new UsageError(`kwb lab check: choose one of --json and --tap`);
  return a;
}

const out = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : s + '\n');
const err = (s: string): void => void process.stderr.write(s.endsWith('\n') ? s : s + '\n');

function indent(text: string, by: string): string {
  return text.split('\n').map((l) => (l ? by + l : l)).join('\n');
}

/** Tells a person at a terminal what the slow parts are doing. */
function progress(): ((e: GradeEvent) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (e) => {
    if (e.type === 'build-start') err('  building the kernel...');
    else if (e.type === 'run-start') err(`  running ${[e.program, ...e.args].join(' ')} on it...`);
  };
}

function mark(c: CheckResult): string {
  return c.passed ? '[x]' : '[ ]';
}

function printCheck(c: CheckResult, where: string): void {
  out(`  ${mark(c)} ${where}${c.description}${c.points ? ` (${c.points} pt${c.points === 1 ? '' : 's'})` : ''}`);
  if (!c.passed && c.message) out(indent(c.message, '        '));
}

function printStatus(r: GradeReport): void {
  out(`${r.lab.title}: ${r.points.earned}/${r.points.total} points${r.complete ? ' — complete' : ''}`);
  for (const s of r.steps) {
    const done = s.checks.filter((c) => c.passed).length;
    out(`  ${s.passed ? '[x]' : '[ ]'} step ${s.index + 1}: ${s.title} (${done}/${s.checks.length} checks)`);
  }
  const fdone = r.final.filter((c) => c.passed).length;
  out(`  ${fdone === r.final.length ? '[x]' : '[ ]'} final checks (${fdone}/${r.final.length})`);
  if (r.complete) {
    out('\nEvery check passes. Well done.');
    return;
  }
  if (r.currentStep !== null) {
    const s = r.steps[r.currentStep]!;
    out(`\nNext: step ${s.index + 1}, ${s.title}\n`);
    out(indent(s.instructions.trimEnd(), '  '));
    out('');
    for (const c of s.checks) printCheck(c, '');
  } else {
    out('\nNext: the final checks');
    for (const c of r.final) printCheck(c, '');
  }
  out(`\n'kwb lab hint' gives a hint; 'kwb lab check' lists every check.`);
}

function printCheckReport(r: GradeReport): void {
  for (const s of r.steps) {
    out(`step ${s.index + 1}: ${s.title}`);
    for (const c of s.checks) printCheck(c, '');
  }
  out('final');
  for (const c of r.final) printCheck(c, '');
  out(`${r.points.earned}/${r.points.total} points${r.complete ? ', complete' : ''}`);
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

/** TAP version 13: one test point per check, failures with a YAML block (reason, message). */
function printTap(r: GradeReport): void {
  const all: [string, CheckResult][] = [...r.steps.flatMap((s) => s.checks.map((c): [string, CheckResult] => [`step ${s.index + 1}`, c])), ...r.final.map((c): [string, CheckResult] => ['final', c])];
  out('TAP version 13');
  out(`1..${all.length}`);
  all.forEach(([where, c], i) => {
    out(`${c.passed ? 'ok' : 'not ok'} ${i + 1} - ${where}: ${c.id}: ${c.description.replace(/#/g, '\\#')}`);
    if (!c.passed) {
      out('  ---');
      out(`  reason: ${c.reason ?? 'failed'}`);
      out(`  message: ${yamlString(c.message ?? '')}`);
      out(`  points: ${c.points}`);
      out('  ...');
    }
  });
  out(`# ${r.points.earned}/${r.points.total} points`);
}

async function run(a: Args): Promise<number> {
  const lab = await import('../lab/index.js');
  switch (a.sub) {
    case 'list': {
      const { labs, problems } = lab.scanLabs();
      labs.forEach((l, i) => {
        out(`${String(lab.labNumber(l.file) ?? i + 1).padStart(2)}  ${l.id.padEnd(24)} ${l.title} (${l.points} points)`);
        out(`    ${l.summary}`);
      });
      if (problems.length) err(renderDiagnostics(problems));
      return problems.length ? EXIT.usage : EXIT.ok;
    }
    case 'show': {
      const l = lab.loadLab(a.positional[0]!);
      out(`${l.title} (${l.id}, ${l.points} points, Linux ${l.kernel})\n${l.summary}\n`);
      l.steps.forEach((s, i) => {
        out(`Step ${i + 1}: ${s.title}\n`);
        out(indent(s.instructions.trimEnd(), '  '));
        if (s.files.length) out(`\n  Files: ${s.files.join(', ')}`);
        out('  Checks:');
        for (const c of s.checks) out(`    - ${c.description}${c.points ? ` (${c.points} pt${c.points === 1 ? '' : 's'})` : ''}`);
        out('');
      });
      out('Final checks:');
      for (const c of l.final) out(`    - ${c.description}`);
      out(`\nStart it with: kwb lab start ${l.id}`);
      return EXIT.ok;
    }
    case 'start': {
      const l = lab.loadLab(a.positional[0]!);
      const dir = a.positional[1] ?? l.id;
      await lab.startLab(l.file, dir);
      out(`Started '${l.title}' in ${dir}.`);
      const s = l.steps[0]!;
      out(`\nStep 1: ${s.title}\n`);
      out(indent(s.instructions.trimEnd(), '  '));
      out(`\ncd ${dir}, do the step, then 'kwb lab status' grades your work.`);
      return EXIT.ok;
    }
    case 'status':
    case 'check': {
      const r = await lab.gradeWorkspace(a.dir, { onEvent: a.json || a.tap ? undefined : progress() });
      if (a.json) out(JSON.stringify(r, null, 2));
      else if (a.tap) printTap(r);
      else if (a.sub === 'status') printStatus(r);
      else printCheckReport(r);
      return r.complete ? EXIT.ok : EXIT.failed;
    }
    case 'hint': {
      if (!lab.hasGrade(a.dir)) await lab.gradeWorkspace(a.dir, { onEvent: progress() });
      const h = lab.nextHint(a.dir);
      if (h) {
        out(`Hint ${h.tier}/${h.tiers} (${h.reason}):`);
        out(indent(h.text.trimEnd(), '  '));
        if (h.tier < h.tiers) out(`\n'kwb lab hint' again for the next one.`);
        return EXIT.ok;
      }
      const r = await lab.gradeWorkspace(a.dir);
      if (r.complete) {
        out('Every check passes; there is nothing to hint.');
        return EXIT.ok;
      }
      const again = lab.nextHint(a.dir);
      if (again) {
        out(`Hint ${again.tier}/${again.tiers} (${again.reason}):`);
        out(indent(again.text.trimEnd(), '  '));
        return EXIT.ok;
      }
      out("There is no hint for this failure; 'kwb lab status' says what the grader expects.");
      return EXIT.failed;
    }
    case 'reset': {
      const { backup } = lab.resetWorkspace(a.dir);
      out(backup ? `The workspace is back at the lab's start. Your files were saved in ${backup}/.` : "The workspace is back at the lab's start (nothing of yours had changed).");
      return EXIT.ok;
    }
    case 'solve': {
      await lab.solveWorkspace(a.dir);
      out("Applied the lab's reference solution (anything you had changed is in .kwb/backup/). 'kwb lab check' grades it.");
      return EXIT.ok;
    }
    case 'validate': {
      let bad = false;
      for (const f of a.positional) {
        const v = await lab.validateLab(f, { onEvent: progress() });
        if (v.ok) out(`${f}: ok (the start scores ${v.start!.points.earned}/${v.start!.points.total} and fails the final checks; the solution passes all ${v.solved!.points.total} points)`);
        else {
          bad = true;
          err(v.errors.join('\n'));
        }
      }
      return bad ? EXIT.usage : EXIT.ok;
    }
  }
  return EXIT.usage;
}

const command: KwbCommand = {
  name: 'lab',
  synopsis: 'lab list|show|start|status|check|hint|reset|validate|solve',
  describe: 'guided labs and their grading',
  async run(argv) {
    const a = parse(argv);
    if (!a) {
      process.stdout.write(HELP);
      return argv.length === 0 ? EXIT.usage : EXIT.ok;
    }
    try {
      return await run(a);
    } catch (e) {
      // A malformed lab is the instructor's input error: located messages, exit 2.
      if (e instanceof DiagnosticError) {
        err(renderDiagnostics(e.diagnostics));
        return EXIT.usage;
      }
      throw e;
    }
  },
};

export default command;
