// The JSON Schema shipped for editors (exercises/lab.schema.json) agrees with the loader on
// real labs: every shipped lab is valid under it, and typical mistakes the loader rejects are
// rejected by the schema too. The validator below covers the draft-07 keywords the schema uses.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/kwb.js';

type Schema = Record<string, unknown>;
const root = JSON.parse(readFileSync(join(ROOT, 'exercises', 'lab.schema.json'), 'utf8')) as Schema;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Problems of `v` under schema `s` (empty when valid), with JSON-pointer-like paths. */
function validate(v: unknown, s: Schema, at = ''): string[] {
  if (typeof s.$ref === 'string') {
    const name = s.$ref.replace('#/definitions/', '');
    return validate(v, (root.definitions as Record<string, Schema>)[name]!, at);
  }
  const out: string[] = [];
  const t = typeOf(v);
  if (s.type && !(s.type === t || (s.type === 'number' && t === 'integer'))) return [`${at}: expected ${s.type}, got ${t}`];
  if ('const' in s && v !== s.const) out.push(`${at}: expected ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.includes(v)) out.push(`${at}: not one of ${s.enum.join(', ')}`);
  if (t === 'string') {
    const str = v as string;
    if (typeof s.minLength === 'number' && str.length < s.minLength) out.push(`${at}: too short`);
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(str)) out.push(`${at}: does not match ${s.pattern}`);
  }
  if (t === 'integer' || t === 'number') {
    if (typeof s.minimum === 'number' && (v as number) < s.minimum) out.push(`${at}: below ${s.minimum}`);
    if (typeof s.maximum === 'number' && (v as number) > s.maximum) out.push(`${at}: above ${s.maximum}`);
  }
  if (t === 'array') {
    const arr = v as unknown[];
    if (typeof s.minItems === 'number' && arr.length < s.minItems) out.push(`${at}: needs at least ${s.minItems} items`);
    if (s.items) arr.forEach((x, i) => out.push(...validate(x, s.items as Schema, `${at}/${i}`)));
  }
  if (t === 'object') {
    const obj = v as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const r of (s.required ?? []) as string[]) if (!(r in obj)) out.push(`${at}: missing ${r}`);
    for (const [k, x] of Object.entries(obj)) {
      if (props[k]) out.push(...validate(x, props[k]!, `${at}/${k}`));
      else if (s.additionalProperties === false) out.push(`${at}: unexpected ${k}`);
      else if (typeof s.additionalProperties === 'object') out.push(...validate(x, s.additionalProperties as Schema, `${at}/${k}`));
      if (s.propertyNames) out.push(...validate(k, s.propertyNames as Schema, `${at}/${k} (name)`));
    }
  }
  if (Array.isArray(s.oneOf)) {
    const ok = (s.oneOf as Schema[]).filter((x) => validate(v, x, at).length === 0).length;
    if (ok !== 1) out.push(`${at}: matches ${ok} of oneOf, not exactly 1`);
  }
  if (Array.isArray(s.anyOf) && !(s.anyOf as Schema[]).some((x) => validate(v, x, at).length === 0)) out.push(`${at}: matches none of anyOf`);
  if (s.not && validate(v, s.not as Schema, at).length === 0) out.push(`${at}: matches a 'not' schema`);
  return out;
}

const labs = readdirSync(join(ROOT, 'exercises')).filter((f) => f.endsWith('.yaml'));
const first = parse(readFileSync(join(ROOT, 'exercises', labs[0]!), 'utf8')) as Record<string, unknown>;

describe('lab.schema.json', () => {
  for (const f of labs) {
    it(`accepts exercises/${f}`, () => {
      expect(validate(parse(readFileSync(join(ROOT, 'exercises', f), 'utf8')), root)).toEqual([]);
    });
  }

  it('rejects what the loader rejects', () => {
    const bad = (mutate: (lab: Record<string, unknown>) => void): string[] => {
      const lab = structuredClone(first);
      mutate(lab);
      return validate(lab, root);
    };
    const step0 = (l: Record<string, unknown>) => (l.steps as Record<string, unknown>[])[0]!;
    const check0 = (l: Record<string, unknown>) => (step0(l).checks as Record<string, unknown>[])[0]!;
    expect(bad((l) => (l.id = 'Bad Id'))).not.toEqual([]);
    expect(bad((l) => (l.extra = 1))).toContain(': unexpected extra');
    expect(bad((l) => delete l.solution)).toContain(': missing solution');
    expect(bad((l) => (step0(l).chekcs = []))).not.toEqual([]);
    expect(bad((l) => (check0(l).build = 'ok'))).not.toEqual([]); // two kinds in one check
    expect(bad((l) => (check0(l).points = -1))).not.toEqual([]);
    expect(bad((l) => (l.start = { files: [{ path: '../x', content: '' }] }))).not.toEqual([]);
    expect(bad((l) => (l.start = { files: [{ path: '/etc/passwd', content: '' }] }))).not.toEqual([]);
    expect(bad((l) => (l.start = { files: [{ path: '.kwb/progress.json', content: '' }] }))).not.toEqual([]);
    expect(bad((l) => (l.start = { patches: [{ path: 'Makefile', find: 'a', append: 'b' }] }))).not.toEqual([]);
    expect(bad((l) => (step0(l).checks = [{ dmesg: { contains: 'x', matches: 'y' } }]))).not.toEqual([]);
    expect(bad((l) => (step0(l).checks = [{ build: { fails_with: 'x', fails_matching: 'y' } }]))).not.toEqual([]);
    expect(bad((l) => (step0(l).checks = [{ run: 'p.c', status: 300 }]))).not.toEqual([]);
    expect(bad((l) => (step0(l).hints = { 'Bad Reason': ['x'] }))).not.toEqual([]);
    // and a few valid variations stay valid
    expect(bad((l) => (step0(l).checks = [{ not: { any: [{ file: 'a' }, { symbol: 's', type: 'T' }] } }]))).toEqual([]);
    expect(bad((l) => (step0(l).checks = [{ run: 'p.c', args: ['x'], input: '', output_matches: 'y', status: 0 }]))).toEqual([]);
  });
});
