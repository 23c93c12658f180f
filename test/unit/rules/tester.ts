/**
 * The rule tester: a table of valid and invalid cases per rule, each written once in
 * YAML and run twice: as written, and converted to JSON. Every fix is applied, the result
 * re-analyzed (the finding is gone, nothing new appears) and compared with the expected
 * output (text for YAML, data for JSON).
 */
import * as assert from 'assert';
import { analyze } from '../../../server/src/core/analyze';
import { applyEdits } from '../../../server/src/core/fix/apply';
import { parseTemplate } from '../../../server/src/core/parse/template';
import { Node } from '../../../server/src/core/parse/node';
import { Finding } from '../../../server/src/core/types';
import { ALL_RULES } from '../../../server/src/core/rules/index.generated';
import { EngineOptions } from '../../../server/src/core/engine/engine';

export interface Expected {
  /** Substring or pattern of the message. */
  message: string | RegExp;
  resource?: string | null;
  severity?: Finding['severity'];
  /** The exact source text the finding covers (quotes stripped in JSON). */
  text?: string;
  /** 1-based line in the YAML form. */
  line?: number;
}

export interface ValidCase {
  name?: string;
  yaml: string;
  options?: EngineOptions['ruleOptions'];
  /** Skip the JSON form (e.g. the case is about YAML-only syntax). */
  yamlOnly?: boolean;
  /** Files next to the template, by relative path (what the host's `readFile` would return). */
  files?: Record<string, string>;
}

function readerOf(files: Record<string, string> | undefined): EngineOptions['readFile'] {
  if (!files) return undefined;
  return (p) => files[p.replace(/^\.\//, '')];
}

export interface InvalidCase extends ValidCase {
  errors: Expected[];
  /** Expected YAML after applying fix `fix` (default 0) of the first finding. */
  output?: string;
  fix?: number;
  /** Expected fix titles of the first finding. */
  fixTitles?: string[];
}

/** The plain data of a parsed tree, intrinsics in long form: what the JSON form is made of. */
export function toData(n: Node | null | undefined): unknown {
  if (!n) return null;
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(toData);
  const o: Record<string, unknown> = {};
  for (const p of n.pairs) o[String(p.key.value)] = toData(p.value);
  return o;
}

export function yamlToJson(yaml: string): string {
  const t = parseTemplate(yaml, { format: 'yaml' });
  assert.deepStrictEqual(t.issues.filter((i) => i.severity === 'error'), [], 'test YAML must parse cleanly');
  return JSON.stringify(toData(t.root), null, 2) + '\n';
}

/** `{"Fn::GetAtt": "A.B"}` as `{"Fn::GetAtt": ["A", "B"]}`: the two forms mean the same, and fixes write the list form in JSON. */
function sameGetAtt(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sameGetAtt);
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === 'Fn::GetAtt' && typeof o['Fn::GetAtt'] === 'string') {
    const s = o['Fn::GetAtt'] as string;
    const dot = s.indexOf('.');
    if (dot > 0) return { 'Fn::GetAtt': [s.slice(0, dot), s.slice(dot + 1)] };
  }
  return Object.fromEntries(keys.map((k) => [k, sameGetAtt(o[k])]));
}

function key(f: Finding): string {
  return `${f.rule}|${f.resource}|${f.message}`;
}

function checkExpected(f: Finding, e: Expected, text: string, json: boolean, lines: (o: number) => number, where: string): void {
  if (typeof e.message === 'string') assert.ok(f.message.includes(e.message), `${where}: message "${f.message}" should include "${e.message}"`);
  else assert.match(f.message, e.message, where);
  if (e.resource !== undefined) assert.strictEqual(f.resource, e.resource, `${where}: resource`);
  if (e.severity) assert.strictEqual(f.severity, e.severity, `${where}: severity`);
  if (e.text !== undefined) {
    let got = text.slice(f.start, f.end);
    if (json && /^".*"$/s.test(got)) got = got.slice(1, -1);
    assert.strictEqual(got, e.text, `${where}: finding range text`);
  }
  if (e.line !== undefined && !json) assert.strictEqual(lines(f.start), e.line, `${where}: line`);
}

export function ruleTester(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const rule = ALL_RULES.find((r) => r.meta.id === ruleId);
  describe(`rule ${ruleId}`, () => {
    it('is registered with complete metadata', () => {
      assert.ok(rule, `rule ${ruleId} is not in the generated index`);
      const m = rule!.meta;
      assert.strictEqual(m.id, ruleId);
      for (const k of ['summary', 'why', 'fix'] as const) assert.ok(m.docs[k].length > 40, `docs.${k} too short`);
      assert.ok(m.docs.references.length > 0, 'docs.references empty');
      assert.ok(m.title.length > 5);
    });
    if (!rule) return;
    const errorOnThrow: EngineOptions['onRuleError'] = (id, e) => {
      throw new Error(`rule ${id} threw: ${(e as Error)?.stack ?? e}`);
    };
    for (const form of ['yaml', 'json'] as const) {
      cases.valid.forEach((c, i) => {
        if (form === 'json' && c.yamlOnly) return;
        it(`valid ${form} #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
          const text = form === 'yaml' ? c.yaml : yamlToJson(c.yaml);
          const a = analyze(text, { format: form, ruleOptions: c.options, readFile: readerOf(c.files), onRuleError: errorOnThrow });
          const mine = a.findings.filter((f) => f.rule === ruleId);
          assert.deepStrictEqual(mine.map((f) => f.message), [], `${form}: expected no ${ruleId} findings`);
        });
      });
      cases.invalid.forEach((c, i) => {
        if (form === 'json' && c.yamlOnly) return;
        it(`invalid ${form} #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
          const text = form === 'yaml' ? c.yaml : yamlToJson(c.yaml);
          const a = analyze(text, { format: form, ruleOptions: c.options, readFile: readerOf(c.files), onRuleError: errorOnThrow });
          const mine = a.findings.filter((f) => f.rule === ruleId);
          assert.strictEqual(mine.length, c.errors.length, `${form}: expected ${c.errors.length} findings, got ${JSON.stringify(mine.map((f) => f.message))}`);
          c.errors.forEach((e, j) => checkExpected(mine[j], e, text, form === 'json', (o) => a.lines.positionAt(o).line + 1, `${form} finding ${j + 1}`));
          for (const f of mine) {
            assert.ok(f.start >= 0 && f.end <= text.length && f.start <= f.end, 'range inside the document');
            if (rule.meta.fixable === false) assert.strictEqual(f.fixes.length, 0, 'rule declares fixable: false but offers fixes');
          }
          if (c.fixTitles) assert.deepStrictEqual(mine[0].fixes.map((x) => x.title), c.fixTitles);
          if (c.output === undefined) return;
          const fix = mine[0].fixes[c.fix ?? 0];
          assert.ok(fix, `${form}: expected a fix #${c.fix ?? 0}`);
          const fixed = applyEdits(text, fix.edits);
          const after = analyze(fixed, { format: form, ruleOptions: c.options, readFile: readerOf(c.files), onRuleError: errorOnThrow });
          const syntax = after.findings.filter((f) => f.area === 'syntax');
          assert.deepStrictEqual(syntax.map((f) => f.message), [], `${form}: fixed text must parse:\n${fixed}`);
          const before = new Set(a.findings.map(key));
          const added = after.findings.filter((f) => !before.has(key(f)));
          assert.deepStrictEqual(added.map(key), [], `${form}: the fix must not add findings:\n${fixed}`);
          const count = (list: Finding[]) => list.filter((f) => key(f) === key(mine[0])).length;
          assert.ok(count(after.findings) < count(a.findings), `${form}: the finding must be gone after the fix:\n${fixed}`);
          if (form === 'yaml') assert.strictEqual(fixed, c.output, 'YAML output');
          else assert.deepStrictEqual(sameGetAtt(JSON.parse(fixed)), sameGetAtt(JSON.parse(yamlToJson(c.output))), 'JSON output (as data)');
        });
      });
    }
  });
}
