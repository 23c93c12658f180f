/**
 * The snippets (snippets/yaml.json, snippets/json.json, generated from snippets/src/*.yaml by
 * scripts/gen-snippets.mjs): each one, expanded with its tab stops at their default values (and
 * with every other choice of a choice tab stop), inserted into a template next to the snippets it
 * builds on, is analyzed and must produce no finding at all, in YAML and in JSON: a snippet
 * never teaches a weakness. The two forms must say the same thing.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { analyze } from '../../server/src/core/analyze';
import { parseTemplate } from '../../server/src/core/parse/template';
import { AREAS } from '../../server/src/core/types';
import { toData } from './rules/tester';

const root = path.resolve(__dirname, '../../..');

interface SnippetEntry {
  prefix: string;
  description: string;
  body: string[];
}

interface Source {
  prefix: string;
  name: string;
  needs: string[];
}

function readJson<T>(rel: string): T {
  return JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8')) as T;
}

/** The source files' metadata (prefix, name, needs), read with the project's YAML reader. */
function sources(): Source[] {
  const dir = path.join(root, 'snippets/src');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const data = toData(parseTemplate(fs.readFileSync(path.join(dir, f), 'utf8'), { format: 'yaml' }).root) as Record<string, unknown>;
      return { prefix: String(data.prefix), name: String(data.name), needs: (data.needs as string[] | undefined) ?? [] };
    });
}

type Piece = string | { n: number; default?: Piece[]; choices?: string[] };

/** Parses VS Code snippet syntax (tab stops, placeholders, choices, escapes; no variables). */
export function parseSnippet(text: string): Piece[] {
  let i = 0;
  const parse = (inPlaceholder: boolean): Piece[] => {
    const out: Piece[] = [];
    let lit = '';
    const flush = () => {
      if (lit) out.push(lit);
      lit = '';
    };
    while (i < text.length) {
      const c = text[i];
      if (c === '\\' && i + 1 < text.length && '$}\\'.includes(text[i + 1])) {
        lit += text[i + 1];
        i += 2;
        continue;
      }
      if (c === '}' && inPlaceholder) return flush(), out;
      if (c === '$') {
        const simple = /^\$(\d+)/.exec(text.slice(i));
        if (simple) {
          flush();
          out.push({ n: Number(simple[1]) });
          i += simple[0].length;
          continue;
        }
        const open = /^\$\{(\d+)([:|}])/.exec(text.slice(i));
        if (open) {
          flush();
          const n = Number(open[1]);
          i += open[0].length;
          if (open[2] === '}') out.push({ n });
          else if (open[2] === ':') {
            const def = parse(true);
            assert.strictEqual(text[i], '}', `unclosed placeholder \${${n}:…`);
            i++;
            out.push({ n, default: def });
          } else {
            const end = text.indexOf('|}', i);
            assert.ok(end > 0, `unclosed choice \${${n}|…`);
            const raw = text.slice(i, end);
            out.push({ n, choices: raw.split(/(?<!\\),/).map((s) => s.replace(/\\([\\$},|])/g, '$1')) });
            i = end + 2;
          }
          continue;
        }
        assert.fail(`unescaped $ at ${JSON.stringify(text.slice(i, i + 20))} (write \\$ for a literal dollar)`);
      }
      lit += c;
      i++;
    }
    assert.ok(!inPlaceholder, 'unclosed placeholder');
    flush();
    return out;
  };
  return parse(false);
}

/** The text VS Code inserts when every tab stop keeps its default (or `pick`'s choice). */
export function expandSnippet(body: string, pick: Map<number, string> = new Map()): { text: string; stops: Set<number> } {
  const pieces = parseSnippet(body);
  const values = new Map<number, string>();
  const stops = new Set<number>();
  const render = (ps: Piece[]): string => ps.map((p) => (typeof p === 'string' ? p : valueOf(p))).join('');
  const collect = (ps: Piece[]): void => {
    for (const p of ps) {
      if (typeof p === 'string') continue;
      stops.add(p.n);
      if (p.default) collect(p.default);
      if (!values.has(p.n)) {
        if (p.choices) values.set(p.n, pick.get(p.n) ?? p.choices[0]);
        else if (p.default) values.set(p.n, render(p.default));
      }
    }
  };
  const valueOf = (p: Exclude<Piece, string>): string => values.get(p.n) ?? '';
  collect(pieces);
  return { text: render(pieces), stops };
}

function choicesOf(body: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const visit = (ps: Piece[]) => {
    for (const p of ps) if (typeof p !== 'string') {
      if (p.choices) out.set(p.n, p.choices);
      if (p.default) visit(p.default);
    }
  };
  visit(parseSnippet(body));
  return out;
}

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');

/** Inserted the way VS Code does under `Resources:`: later lines get the first line's indentation; tabs = 2 spaces. */
function yamlTemplate(parts: string[], sam: boolean): string {
  return ["AWSTemplateFormatVersion: '2010-09-09'", ...(sam ? ['Transform: AWS::Serverless-2016-10-31'] : []), 'Resources:', ...parts.map((p) => indent(p, '  '))].join('\n') + '\n';
}

function jsonTemplate(parts: string[], sam: boolean): string {
  const members = parts.map((p) => indent(p.replace(/\t/g, '  '), '    ')).join(',\n');
  return `{\n  "AWSTemplateFormatVersion": "2010-09-09",\n${sam ? '  "Transform": "AWS::Serverless-2016-10-31",\n' : ''}  "Resources": {\n${members}\n  }\n}\n`;
}

function describeFindings(text: string, findings: { rule: string; area: string; message: string; start: number }[]): string {
  return findings.map((f) => `${f.rule} (${f.area}) line ${text.slice(0, f.start).split('\n').length}: ${f.message}`).join('\n');
}

describe('snippets', () => {
  const yaml = readJson<Record<string, SnippetEntry>>('snippets/yaml.json');
  const json = readJson<Record<string, SnippetEntry>>('snippets/json.json');
  const src = sources();
  const byPrefix = new Map(src.map((s) => [s.prefix, s]));
  const yamlByPrefix = new Map(Object.values(yaml).map((s) => [s.prefix, s]));
  const jsonByPrefix = new Map(Object.values(json).map((s) => [s.prefix, s]));

  it('the generated files are up to date with snippets/src', () => {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/gen-snippets.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr || r.stdout);
  });

  it('package.json contributes them for the yaml and json languages', () => {
    const pkg = readJson<{ contributes: { snippets: { language: string; path: string }[] } }>('package.json');
    assert.deepStrictEqual(
      pkg.contributes.snippets.map((s) => [s.language, s.path]).sort(),
      [
        ['json', './snippets/json.json'],
        ['yaml', './snippets/yaml.json'],
      ],
    );
  });

  it('covers every pattern the authoring issue lists, once per source, in both languages', () => {
    const expected = [
      'cfn-rds-multi-az',
      'cfn-aurora-cluster',
      'cfn-elasticache-redis',
      'cfn-vpc-2az',
      'cfn-vpc-3az',
      'cfn-alb-asg',
      'cfn-ec2-auto-recovery',
      'cfn-sqs-dlq',
      'sam-function-sqs',
      'cfn-lambda-on-failure',
      'cfn-stepfunctions-retry-catch',
      'cfn-eventbridge-rule-dlq',
      'cfn-dynamodb-global-table',
      'cfn-s3-replication',
      'cfn-route53-failover',
      'cfn-backup-plan',
      'cfn-asg-scheduled-predictive-scaling',
    ];
    for (const p of expected) assert.ok(byPrefix.has(p), `no snippet ${p}`);
    assert.deepStrictEqual([...yamlByPrefix.keys()].sort(), src.map((s) => s.prefix).sort());
    assert.deepStrictEqual([...jsonByPrefix.keys()].sort(), src.map((s) => s.prefix).sort());
    for (const s of src) {
      assert.match(s.prefix, /^(cfn|sam)-[a-z0-9-]+$/);
      assert.ok(yaml[s.name] && json[s.name], `${s.prefix}: titled "${s.name}" in both files`);
      assert.ok(yaml[s.name].description.length > 40, `${s.prefix}: a real description`);
    }
  });

  it('expands VS Code snippet syntax as the editor does (test of the test)', () => {
    const e = expandSnippet('${1:Db}X: \\${AWS::Region} $1 ${2|a,b|} ${3:x\\}y} \\\\ $0');
    assert.strictEqual(e.text, 'DbX: ${AWS::Region} Db a x}y \\ ');
    assert.deepStrictEqual([...e.stops].sort(), [0, 1, 2, 3]);
    assert.strictEqual(expandSnippet('${2|a,b|}', new Map([[2, 'b']])).text, 'b');
    assert.throws(() => parseSnippet('a $ b'), /unescaped \$/);
  });

  /** Snippet texts of a prefix and everything it needs, dependencies first, each once. */
  const closure = (prefix: string, seen = new Set<string>()): string[] => {
    if (seen.has(prefix)) return [];
    seen.add(prefix);
    const s = byPrefix.get(prefix);
    assert.ok(s, `unknown snippet ${prefix}`);
    return [...s.needs.flatMap((n) => closure(n, seen)), prefix];
  };

  for (const s of src) {
    describe(s.prefix, () => {
      const sam = s.prefix.startsWith('sam-');
      const ownYaml = yamlByPrefix.get(s.prefix)!;
      const ownJson = jsonByPrefix.get(s.prefix)!;

      it('has tab stops, the same in YAML and JSON', () => {
        const y = expandSnippet(ownYaml.body.join('\n'));
        const j = expandSnippet(ownJson.body.join('\n'));
        assert.ok(y.stops.size >= 1, 'at least one tab stop');
        assert.deepStrictEqual([...j.stops].sort(), [...y.stops].sort());
        assert.ok(!ownYaml.body.some((l) => l.includes('\t')), 'YAML bodies are indented with spaces');
      });

      const choices = choicesOf(ownYaml.body.join('\n'));
      const variants: [string, Map<number, string>][] = [['defaults', new Map()]];
      for (const [n, list] of choices) for (const c of list.slice(1)) variants.push([`choice ${n} = ${c}`, new Map([[n, c]])]);

      for (const [label, pick] of variants) {
        it(`expanded (${label}) into a template with ${s.needs.length ? s.needs.join(', ') : 'nothing else'}: no finding in ${AREAS.join(', ')}, YAML and JSON alike`, () => {
          const chain = closure(s.prefix);
          const texts = (file: Map<string, SnippetEntry>) => chain.map((p) => expandSnippet(file.get(p)!.body.join('\n'), p === s.prefix ? pick : new Map()).text);
          const yamlText = yamlTemplate(texts(yamlByPrefix), sam);
          const jsonText = jsonTemplate(texts(jsonByPrefix), sam);
          for (const [text, fileName] of [
            [yamlText, 'snippet.yaml'],
            [jsonText, 'snippet.json'],
          ]) {
            const a = analyze(text, { fileName });
            assert.strictEqual(a.kind, sam ? 'sam' : 'cloudformation');
            assert.deepStrictEqual(a.template.issues, [], `${fileName} parses cleanly:\n${text}`);
            assert.strictEqual(a.findings.length, 0, `${fileName}:\n${describeFindings(text, a.findings)}\n\n${text}`);
          }
          // The JSON form is the YAML form (GetAtt in list form).
          const norm = (v: unknown): unknown => {
            if (Array.isArray(v)) return v.map(norm);
            if (v && typeof v === 'object') {
              const o: Record<string, unknown> = {};
              for (const [k, x] of Object.entries(v)) o[k] = k === 'Fn::GetAtt' && typeof x === 'string' ? [x.slice(0, x.indexOf('.')), x.slice(x.indexOf('.') + 1)] : norm(x);
              return o;
            }
            return v;
          };
          assert.deepStrictEqual(norm(toData(parseTemplate(jsonText, { format: 'json' }).root)), norm(toData(parseTemplate(yamlText, { format: 'yaml' }).root)));
        });
      }
    });
  }
});
