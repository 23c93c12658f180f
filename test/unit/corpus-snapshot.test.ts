/**
 * Findings per rule over ../shared/corpus, kept in test/snapshots/corpus-rule-counts.json
 * so every change to a rule's precision shows up in review. `UPDATE_SNAPSHOTS=1 npm test`
 * rewrites the snapshot; the diff is then reviewed like code.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/core/analyze';

const root = path.resolve(__dirname, '../../..');
const corpus = path.resolve(root, '../shared/corpus');
const snapshotFile = path.join(root, 'test/snapshots/corpus-rule-counts.json');
const EXT = /\.(ya?ml|json|template)$/i;

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (EXT.test(e.name) && !e.name.endsWith('.tsv')) out.push(full);
  }
  return out;
}

export interface CorpusCounts {
  templates: number;
  rules: Record<string, number>;
  /** Per rule, the templates (relative paths) with findings, sorted; kept short in the snapshot. */
  files: Record<string, Record<string, number>>;
}

export function corpusCounts(): CorpusCounts {
  const counts: CorpusCounts = { templates: 0, rules: {}, files: {} };
  for (const file of walk(corpus)) {
    const rel = path.relative(corpus, file).split(path.sep).join('/');
    const text = fs.readFileSync(file, 'utf8');
    const a = analyze(text, { fileName: file });
    if (a.kind === 'none') continue;
    counts.templates++;
    for (const f of a.findings) {
      counts.rules[f.rule] = (counts.rules[f.rule] ?? 0) + 1;
      const byFile = (counts.files[f.rule] ??= {});
      byFile[rel] = (byFile[rel] ?? 0) + 1;
    }
  }
  const sortObj = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  counts.rules = sortObj(counts.rules);
  counts.files = sortObj(Object.fromEntries(Object.entries(counts.files).map(([k, v]) => [k, sortObj(v)])));
  return counts;
}

describe('corpus snapshot: findings per rule', function () {
  this.timeout(120000);
  before(function () {
    if (!fs.existsSync(corpus)) this.skip();
  });

  it('matches test/snapshots/corpus-rule-counts.json (UPDATE_SNAPSHOTS=1 rewrites it)', () => {
    const got = corpusCounts();
    if (process.env.UPDATE_SNAPSHOTS === '1' || !fs.existsSync(snapshotFile)) {
      if (process.env.CI === 'true' && !fs.existsSync(snapshotFile)) assert.fail('snapshot missing in CI');
      fs.writeFileSync(snapshotFile, JSON.stringify(got, null, 2) + '\n');
      return;
    }
    const want = JSON.parse(fs.readFileSync(snapshotFile, 'utf8')) as CorpusCounts;
    assert.deepStrictEqual(got.rules, want.rules, 'findings per rule changed: review, then UPDATE_SNAPSHOTS=1 npm test');
    assert.deepStrictEqual(got.files, want.files, 'findings per template changed: review, then UPDATE_SNAPSHOTS=1 npm test');
    assert.strictEqual(got.templates, want.templates);
  });
});
