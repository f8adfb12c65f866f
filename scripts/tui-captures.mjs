// Regenerates docs/screens.md: text captures of the workbench's main screens, taken from the real
// `kwb` running in tmux at 80x24 (a fresh user, lab 1, in a temporary home).
//
//   node scripts/tui-captures.mjs            (needs tmux; KWB_TUI_CMD overrides the command)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (spawnSync('tmux', ['-V']).status !== 0) {
  process.stderr.write('tui-captures: tmux is required (apt-get install tmux)\n');
  process.exit(2);
}
const socket = `kwb-captures-${process.pid}`;
const tmux = (...a) => execFileSync('tmux', ['-L', socket, ...a], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'kwb').replace(/[ \t]+$/gm, '').replace(/\n+$/, '');
const keys = (...k) => tmux('send-keys', '-t', 'kwb', ...k);
const text = (s) => tmux('send-keys', '-t', 'kwb', '-l', s);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, ms = 60_000) {
  const end = Date.now() + ms;
  let s = '';
  while (Date.now() < end) {
    s = screen();
    if (typeof what === 'string' ? s.includes(what) : what.test(s)) return s;
    await sleep(150);
  }
  throw new Error(`timed out waiting for ${what}; the screen was:\n${s}`);
}

const home = mkdtempSync(join(tmpdir(), 'kwb-captures-'));
const cmd = process.env.KWB_TUI_CMD ?? `node ${join(root, 'bin', 'kwb.mjs')}`;
const env = `HOME=${home} XDG_STATE_HOME=${home}/state KWB_WORKSPACES=${home}/labs NO_COLOR=1 TERM=xterm-256color`;
const shots = [];
const shot = (title, what) => shots.push({ title, what, text: screen().replaceAll(home, '~') });
try {
  tmux('new-session', '-d', '-s', 'kwb', '-x', '80', '-y', '24', `cd ${home} && env ${env} ${cmd}; sleep 600`);
  await until('Hello syscall', 20_000);
  shot('Lab picker', 'What a new student sees first: the labs on offer (and "Continue" once one is started).');
  keys('Enter');
  await until(/\d+\/\d+ points/);
  keys('Enter');
  await until('syscall_64.tbl  1:1');
  keys('C-f');
  text('mlock2');
  keys('Enter');
  await sleep(300);
  keys('End', 'Enter');
  text('326\t64\tnsys\t\t\tsys_nsys');
  keys('C-s');
  await until(/✓ 1\. Give the syscall/);
  shot('Workbench', "Step 1 done: the new line in the syscall table is saved and re-checked. The lab's steps with each check's status, the workspace files (★ = the current step's), the editor with the tbl checker's marks in the gutter, and the output panes below.");
  keys('Escape');
  await sleep(300);
  keys('?');
  await until('kwb workbench — keys');
  shot('Help overlay (?)', 'Every key, at 80x24.');
  keys('Escape');
  await sleep(300);
  keys('b');
  await until('Building…');
  await sleep(200);
  shot('Building', 'The build streams its kbuild log under a progress bar over the objects; Ctrl-C cancels it.');
  await until(/Build (succeeded|failed)/, 300_000);
  shot('Build finished', 'The end of the kbuild log; errors become file:line jump targets (n/p, or Enter on the focused log). The title line says how much of the log is above.');
  keys('2');
  await sleep(200);
  keys('z');
  await sleep(300);
  shot('Build log, zoomed (2, z)', '2 focuses the build pane and z zooms it over the workbench. A focused pane scrolls: PgUp/PgDn, ↑↓, g/G (Home/End), and ←→ move long lines sideways; scrolled up, the log stays put while a build streams in, and G follows its tail again.');
  keys('z');
  await sleep(200);
  keys('5');
  await sleep(300);
  shot('Grade', 'Every check with its points and what is missing, word-wrapped; h reveals a hint one tier at a time, shown first.');
  keys('G');
  await sleep(300);
  shot('Grade, scrolled to the end (G)', 'The focused pane scrolls; its title line says how many lines are above and below.');
  keys('k');
  await until('General setup');
  shot('Kconfig browser', 'menuconfig-like: menus, [*]/<M>/( ) values, / search, ? help, s saves .config.');
  keys('Escape');
  await sleep(300);
  tmux('resize-window', '-t', 'kwb', '-x', '60', '-y', '20');
  await sleep(500);
  shot('A smaller terminal (60x20)', 'The workbench follows the terminal as it is resized; every pane keeps to its box and says what it hides.');
} finally {
  spawnSync('tmux', ['-L', socket, 'kill-server']);
  rmSync(home, { recursive: true, force: true });
}

let md = '# The workbench, screen by screen\n\n';
md += 'Text captures of `kwb` (the workbench) at 80x24 (the last at 60x20), taken from the real program in tmux by\n';
md += '`node scripts/tui-captures.mjs` (regenerate them after changing the UI). Colours are off (NO_COLOR).\n';
for (const s of shots) md += `\n## ${s.title}\n\n${s.what}\n\n\`\`\`text\n${s.text}\n\`\`\`\n`;
const out = join(root, 'docs', 'screens.md');
writeFileSync(out + '.tmp', md);
renameSync(out + '.tmp', out);
process.stdout.write(`wrote ${out} (${shots.length} screens)\n`);

// The README shows the two screens a newcomer meets first, between its markers; the rest link here.
const readme = join(root, 'README.md');
const START = '<!-- screens:start (written by scripts/tui-captures.mjs) -->';
const END = '<!-- screens:end -->';
const current = readFileSync(readme, 'utf8');
const a = current.indexOf(START);
const b = current.indexOf(END);
if (a < 0 || b < a) throw new Error('README.md lacks the screens markers');
let part = `${START}\n`;
for (const sh of shots.filter((x) => x.title === 'Lab picker' || x.title === 'Workbench')) {
  part += `\n**${sh.title}** — ${sh.what}\n\n\`\`\`text\n${sh.text}\n\`\`\`\n`;
}
part += `\nMore screens (help, build, scrolling, grade, Kconfig browser, a 60x20 terminal): [docs/screens.md](docs/screens.md).\n${END}`;
writeFileSync(readme + '.tmp', current.slice(0, a) + part + current.slice(b + END.length));
renameSync(readme + '.tmp', readme);
process.stdout.write(`updated ${readme}\n`);
