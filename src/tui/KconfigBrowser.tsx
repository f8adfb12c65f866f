// The Kconfig browser, in menuconfig's manner: menus you enter and leave, [*]/<M>/( ) entries,
// Space/y/n/m to change them, Enter to edit a value, `/` to search, `?` for help, `s` to save.
// A symbol's help and the search results scroll (↑↓ PgUp/PgDn g/G) when longer than the box.
import { eachKey } from './keysplit.js';
import { Box, Text, useInput } from 'ink';
import { useMemo, useReducer } from 'react';
import { useLive } from './live.js';
import type { MenuNode, SymbolDef } from '../kbuild/kconfig/parse.js';
import { KconfigModel, type Entry } from './kconfig/model.js';
import { PaneHeader } from './PaneHeader.js';
import { reflow } from './OutputPanes.js';
import { scrollCmdOf, slice, useScroll } from './scroll.js';
import { color } from './theme.js';

export interface KconfigBrowserProps {
  dir: string;
  width: number;
  height: number;
  active: boolean;
  onClose(): void;
  onHelp(): void;
  /** For tests: a model already loaded. */
  model?: KconfigModel;
}

type Mode = { kind: 'browse' } | { kind: 'edit'; sym: SymbolDef; text: string } | { kind: 'search'; text: string } | { kind: 'results'; text: string; syms: SymbolDef[] } | { kind: 'help'; lines: string[] };

/**
 * A symbol's help at a width: the prose reflowed into paragraphs (Kconfig wraps it for 80
 * columns), the facts after it (`Symbol:`, `Type  :`, `Defined at`) line by line as they are.
 */
export function helpPage(lines: string[], width: number): string[] {
  const facts = lines.findIndex((l) => l.startsWith('Symbol: '));
  const prose = facts < 0 ? lines : lines.slice(0, facts);
  return [...reflow(prose.join('\n'), width), ...(facts < 0 ? [] : ['', ...lines.slice(facts)])];
}

export function KconfigBrowser(p: KconfigBrowserProps) {
  const loaded = useMemo((): KconfigModel | string => {
    if (p.model) return p.model;
    try {
      return KconfigModel.load(p.dir);
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }, [p.dir, p.model]);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const pathL = useLive<{ title: string; nodes: MenuNode[]; sel: number }[]>([]);
  const selL = useLive(0);
  const modeL = useLive<Mode>({ kind: 'browse' });
  const msgL = useLive<string | null>(null);
  const setPath = pathL.set;
  const setSel = selL.set;
  const setMode = modeL.set;
  const setMsg = msgL.set;
  const model = typeof loaded === 'string' ? null : loaded;
  const mode = modeL.v;
  const path = pathL.v;
  const sel = selL.v;
  const msg = msgL.v;
  const nodes = path.length ? path[path.length - 1]!.nodes : (model?.kc.root ?? []);
  const entries: Entry[] = model ? model.entries(nodes) : [];
  const rows = Math.max(3, p.height - 5);
  // Help and search results: pages of text in the box (inside the border, under the title).
  const inner = p.width - 2;
  const page: string[] | null =
    !model || (mode.kind !== 'help' && mode.kind !== 'results')
      ? null
      : mode.kind === 'help'
        ? helpPage(mode.lines, inner)
        : [
            `Search results for "${mode.text}" (${mode.syms.length}):`,
            ...mode.syms.map((s) => `  CONFIG_${s.name} [=${model.cfg.get(s.name).value}] ${s.where.file}:${s.where.line} ${s.prompts[0]?.text ?? ''}`),
          ];
  const pv = useScroll({ total: page?.length ?? 0, rows: Math.max(1, p.height - 4), active: p.active && page !== null, reset: mode });

  useInput(
    eachKey((input, key) => {
      const mode = modeL.v;
      const path = pathL.v;
      const sel = selL.v;
      const nodes = path.length ? path[path.length - 1]!.nodes : (model?.kc.root ?? []);
      const entries: Entry[] = model ? model.entries(nodes) : [];
      if (!model) {
        if (key.escape || input === 'q') p.onClose();
        return;
      }
      if (mode.kind === 'help' || mode.kind === 'results') {
        // The scrolling keys move the page; any other key goes back to the menu.
        if (!scrollCmdOf(input, key)) setMode({ kind: 'browse' });
        return;
      }
      if (mode.kind === 'edit' || mode.kind === 'search') {
        if (key.escape) return setMode({ kind: 'browse' });
        if (key.return) {
          if (mode.kind === 'edit') {
            const err = model.setValue(mode.sym, mode.text);
            setMsg(err);
            setMode({ kind: 'browse' });
          } else setMode({ kind: 'results', text: mode.text, syms: model.search(mode.text) });
          return;
        }
        if (key.backspace || key.delete) return setMode({ ...mode, text: mode.text.slice(0, -1) });
        if (input && !key.ctrl) setMode({ ...mode, text: mode.text + input });
        return;
      }
      const e = entries[sel];
      if (key.upArrow) return setSel((s) => Math.max(0, s - 1));
      if (key.downArrow) return setSel((s) => Math.min(entries.length - 1, s + 1));
      if (key.escape || input === 'q') {
        if (path.length) {
          setSel(path[path.length - 1]!.sel);
          setPath(path.slice(0, -1));
        } else p.onClose();
        return;
      }
      if (input === '/') return setMode({ kind: 'search', text: '' });
      if (input === 's') {
        try {
          setMsg(`wrote ${model.save()}`);
        } catch (err) {
          setMsg(`could not save .config: ${err instanceof Error ? err.message : String(err)}`);
        }
        return;
      }
      if (!e) return;
      if (input === '?') {
        if (e.sym) setMode({ kind: 'help', lines: model.help(e.sym) });
        else p.onHelp();
        return;
      }
      if (key.return && (e.kind === 'menu' || e.kind === 'choice')) {
        const n = e.node as MenuNode & { children: MenuNode[] };
        setPath([...path, { title: e.label.trim().replace(/\s+--->$/, ''), nodes: n.children, sel }]);
        setSel(0);
        return;
      }
      if (e.sym && (e.kind === 'bool' || e.kind === 'tristate')) {
        if (input === ' ' || key.return) model.toggle(e.sym);
        else if (input === 'y' || input === 'n' || input === 'm') {
          if (!model.set(e.sym, input) && model.cfg.get(e.sym.name).value !== input) setMsg(`${e.sym.name} cannot be ${input}: its dependencies or selects decide`);
        }
        setMsg((m) => m);
        redraw();
        return;
      }
      if (e.sym && e.kind === 'value' && key.return) setMode({ kind: 'edit', sym: e.sym, text: model.cfg.get(e.sym.name).value });
    }),
    { isActive: p.active },
  );

  if (!model)
    return (
      <Box flexDirection="column" width={p.width} height={p.height} overflow="hidden">
        <Text color={color('red')} wrap="truncate">
          The Kconfig browser cannot read this workspace's Kconfig <Text dimColor>(q closes)</Text>:
        </Text>
        <Text wrap="wrap">{loaded as string}</Text>
      </Box>
    );

  const topRow = Math.max(0, Math.min(sel - Math.floor(rows / 2), entries.length - rows));
  const title = [model.kc.mainmenu, ...path.map((x) => x.title)].join(' → ');
  let body;
  if (page)
    body = page.slice(pv.top, pv.top + pv.rows).map((l, i) => (
      <Text key={pv.top + i} wrap="truncate" bold={mode.kind === 'results' && pv.top + i === 0}>
        {slice(l, 0, inner) || ' '}
      </Text>
    ));
  else
    body = entries.slice(topRow, topRow + rows).map((e, k) => (
      <Text key={k} wrap="truncate" inverse={topRow + k === sel} dimColor={e.kind === 'comment'}>
        {'  '.repeat(e.depth)}
        {e.label}
      </Text>
    ));
  const foot =
    mode.kind === 'edit'
      ? `${mode.sym.name} (${mode.sym.type}): ${mode.text}▏ Enter set · Esc cancel`
      : mode.kind === 'search'
        ? `Search symbol: ${mode.text}▏ Enter search · Esc cancel`
        : mode.kind === 'browse'
          ? (msg ?? `${model.changed ? '[modified] ' : ''}from ${model.from || 'defaults'} · Space/y/n/m · Enter · / search · ? help · s save · Esc back`)
          : pv.above || pv.below
            ? '↑↓ PgUp/PgDn g/G scroll · any other key returns'
            : 'any key returns';
  return (
    <Box flexDirection="column" width={p.width} height={p.height} borderStyle="single" borderColor={color('blue')}>
      <PaneHeader view={page ? pv : undefined} width={inner} color={color('cyan')}>
        {title}
      </PaneHeader>
      {body}
      <Box flexGrow={1} />
      <Text wrap="truncate" inverse>
        {foot}
      </Text>
    </Box>
  );
}
