// kwb tbl check [FILE...] [--arch x86_64|i386] [--tree DIR] [--against 4.4|6.19] [--json] [--format 4.4|6.x]
// Thin: arguments → src/kbuild/systbl → diagnostics on stderr (or the JSON report on stdout).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { renderDiagnostic } from '../diag.js';
import { EXIT, UsageError } from '../errors.js';
import { parseArgs, type KwbCommand } from './command.js';
import { treeBuildFacts } from '../kbuild/systbl/tree-kbuild.js';
import {
  archFromFileName,
  checkTables,
  checkTree,
  jsonReport,
  summaryLine,
  TABLE_32,
  TABLE_64,
  type Arch,
  type TableFormat,
  type TableInput,
  type TablesResult,
  type UpstreamVersion,
} from '../kbuild/systbl/index.js';

const SYNOPSIS = 'tbl check [FILE...] [--arch x86_64|i386] [--tree DIR] [--against 4.4|6.19] [--json] [--format 4.4|6.x]';

function readable(file: string): string {
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`kwb tbl check: ${file}: is a directory (use --tree ${file} for a kernel tree)`);
    return readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'No such file or directory' : code === 'EACCES' ? 'Permission denied' : String((e as Error).message);
    throw new UsageError(`kwb tbl check: ${file}: ${why}`);
  }
}

const command: KwbCommand = {
  name: 'tbl',
  synopsis: SYNOPSIS,
  describe: 'check syscall tables against the rules (and, with --tree, against the sources)',
  async run(argv) {
    const first = argv[0];
    if (first === undefined) throw new UsageError(`kwb tbl: say what to do: kwb ${SYNOPSIS}`);
    if (first !== 'check' && !first.startsWith('-')) throw new UsageError(`kwb tbl: unknown subcommand '${first}'; the one there is: kwb ${SYNOPSIS}`);
    const args = await parseArgs('tbl', argv, (y) =>
      y
        .usage(`kwb ${SYNOPSIS}`)
        .command('check [files..]', 'check syscall tables')
        .option('arch', { type: 'string', choices: ['x86_64', 'i386'] as const, describe: 'the table\'s architecture (default: from the file name)' })
        .option('tree', { type: 'string', describe: 'a kernel tree: check its tables and that the sources define their entry points' })
        .option('against', { type: 'string', choices: ['4.4', '6.19'] as const, describe: 'compare numbers and names with upstream Linux' })
        .option('json', { type: 'boolean', default: false, describe: 'print a machine-readable report on stdout' })
        .option('format', { type: 'string', choices: ['4.4', '6.x'] as const, describe: 'table format (default: detected)' })
        .demandCommand(1, 'say what to do: kwb tbl check FILE...'),
    );
    const sub = String(args._[0]);
    if (sub !== 'check') throw new UsageError(`kwb tbl: unknown subcommand '${sub}'\nTry 'kwb tbl --help'.`);
    const files = ((args as { files?: (string | number)[] }).files ?? []).map(String);
    const arch = args.arch as Arch | undefined;
    const format = args.format as TableFormat | undefined;
    const against = args.against as UpstreamVersion | undefined;
    if (files.length === 0 && args.tree === undefined) {
      throw new UsageError("kwb tbl check: no table given; name FILEs (e.g. arch/x86/entry/syscalls/syscall_64.tbl) or a tree with --tree DIR");
    }

    let result: TablesResult;
    if (files.length > 0) {
      const inputs: TableInput[] = files.map((file) => {
        const a = arch ?? archFromFileName(file);
        if (!a) throw new UsageError(`kwb tbl check: cannot tell the architecture of ${file} from its name; add --arch x86_64 or --arch i386`);
        return { file, text: readable(file), arch: a, format };
      });
      result = checkTables(inputs, { against });
      if (args.tree !== undefined) {
        const tree = await treeResult(args.tree, { against, format });
        result = { tables: [...result.tables, ...tree.tables], diagnostics: [...result.diagnostics, ...tree.diagnostics] };
      }
    } else {
      result = await treeResult(args.tree!, { against, format });
    }

    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const status = errors > 0 ? EXIT.failed : EXIT.ok;
    if (args.json) {
      process.stdout.write(JSON.stringify(jsonReport(result.tables, result.diagnostics, status), null, 2) + '\n');
    } else if (result.diagnostics.length > 0) {
      const text = result.diagnostics.map(renderDiagnostic).join('\n');
      const summary = summaryLine(result.diagnostics);
      process.stderr.write(text + '\n' + (summary ? summary + '\n' : ''));
    }
    return status;
  },
};

async function treeResult(dir: string, opts: { against?: UpstreamVersion; format?: TableFormat }): Promise<TablesResult> {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    /* reported below */
  }
  if (!isDir) throw new UsageError(`kwb tbl check: --tree ${dir}: not a directory`);
  if (!existsSync(join(dir, TABLE_64)) && !existsSync(join(dir, TABLE_32))) {
    throw new UsageError(`kwb tbl check: ${dir} has no arch/x86/entry/syscalls/syscall_64.tbl or syscall_32.tbl; is it a kwb workspace?`);
  }
  const facts = await treeBuildFacts(dir, dir);
  const result = checkTree(dir, { ...opts, displayDir: dir, builtSources: facts.builtSources, config: facts.config });
  result.diagnostics.push(...facts.notes);
  return result;
}

export default command;
