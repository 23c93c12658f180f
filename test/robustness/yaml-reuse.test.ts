/**
 * The partial YAML re-read (core/parse/yaml-reuse.ts) against a full read: after thousands
 * of seeded edits of generated and corpus templates, whenever the partial re-read answers,
 * its tree (every node, offset, value, style and tag; parent and pair links) and its issues
 * are those of reading the whole new text. Chains of edits (typing a word, deleting it)
 * re-read from re-read trees.
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import { cleanTreeText, parseYaml } from '../../server/src/core/parse/yaml';
import { reparseYaml } from '../../server/src/core/parse/yaml-reuse';
import { Node } from '../../server/src/core/parse/node';
import { analyze } from '../../server/src/core/analyze';
import { generateTemplate } from '../bench/generate';
import { corpusFiles } from '../bench/corpus';
import { checkLinks, plainTree as plain, rng } from './util';

const CHARS = ['x', 'A', '1', ' ', ' ', ':', '\n', '#', '"', "'", '-', '{', '[', '!', '&', '*', '\t', '|', '$'];

/** One random edit: [start, end, inserted]. */
function randomEdit(text: string, rand: () => number): [number, number, string] {
  const at = Math.floor(rand() * (text.length + 1));
  const r = rand();
  if (r < 0.35) return [at, at, CHARS[Math.floor(rand() * CHARS.length)]];
  if (r < 0.6) return [at, Math.min(text.length, at + 1), ''];
  if (r < 0.7) return [at, Math.min(text.length, at + 1 + Math.floor(rand() * 20)), ''];
  if (r < 0.8) {
    // Replace a word.
    let s = at;
    while (s > 0 && /\w/.test(text[s - 1])) s--;
    let e = at;
    while (e < text.length && /\w/.test(text[e])) e++;
    return [s, e, ['Renamed', 'true', '42', 'AWS::SQS::Queue', ''][Math.floor(rand() * 5)]];
  }
  if (r < 0.9) {
    // Insert a whole line at the indentation of the line below.
    const ls = text.lastIndexOf('\n', at - 1) + 1;
    const indent = /^ */.exec(text.slice(ls))![0];
    return [ls, ls, `${indent}${['Extra: 1', '- item', '# note', 'Key: !Ref Other', 'Nested:'][Math.floor(rand() * 5)]}\n`];
  }
  // Delete a whole line.
  const ls = text.lastIndexOf('\n', at - 1) + 1;
  const nl = text.indexOf('\n', at);
  return [ls, nl < 0 ? text.length : nl + 1, ''];
}

interface Counts {
  edits: number;
  reused: number;
  /** Partial re-reads whose entry had issues of its own (unknown tags…). */
  withIssues?: number;
}

/**
 * Re-reads `next` against `base` (the last clean tree, as parseTemplate passes it), compares
 * with a full read when the partial read answers, and returns the next base.
 */
function compare(base: Node | null, next: string, where: string, counts: Counts): Node | null {
  counts.edits++;
  const partial = reparseYaml(base, next);
  const full = parseYaml(next);
  const tree = partial ?? full;
  if (partial) {
    counts.reused++;
    if (partial.issues.length) counts.withIssues = (counts.withIssues ?? 0) + 1;
    assert.deepStrictEqual(partial.issues, full.issues, `${where}: issues`);
    assert.deepStrictEqual(plain(partial.root), plain(full.root), `${where}: tree`);
    checkLinks(partial.root!, null, undefined, where);
  }
  return tree.root && cleanTreeText(tree.root) !== undefined ? tree.root : base;
}

function templates(): [string, string][] {
  const list: [string, string][] = [
    ['generated 1k', generateTemplate({ lines: 1000, seed: 3 })],
    ['generated 600 (3 AZs)', generateTemplate({ lines: 600, seed: 11 })],
    // No corpus template has CRLF line ends: a generated one does.
    ['generated 600, CRLF', generateTemplate({ lines: 600, seed: 12 }).replace(/\n/g, '\r\n')],
  ];
  const corpus = corpusFiles().filter((f) => f.format === 'yaml' && f.lines >= 80 && f.lines <= 1500);
  // A spread of real templates (every 7th, so the set is stable and varied).
  corpus.filter((_, i) => i % 12 === 0).forEach((f) => list.push([f.rel, readFileSync(f.path, 'utf8')]));
  return list;
}

describe('partial YAML re-read (yaml-reuse) equals a full read', function () {
  const list = templates();
  const cases = Number(process.env.CFN_FUZZ_CASES ?? 0) > 0 ? Math.ceil(Number(process.env.CFN_FUZZ_CASES) / list.length) : 40;
  this.timeout(60_000 + cases * list.length * 30);

  it(`single random edits (${cases} per template, ${list.length} templates)`, () => {
    const counts: Counts = { edits: 0, reused: 0 };
    const rand = rng(2024);
    for (const [name, text] of list) {
      const base = parseYaml(text);
      if (base.issues.length) continue;
      for (let i = 0; i < cases; i++) {
        const [s, e, ins] = randomEdit(text, rand);
        compare(base.root, text.slice(0, s) + ins + text.slice(e), `${name}, edit ${i} [${s}, ${e}) -> ${JSON.stringify(ins)}`, counts);
      }
    }
    // The partial path must actually be taken for most edits (they land inside entries).
    assert.ok(counts.reused > counts.edits * 0.3, `re-read partially ${counts.reused} of ${counts.edits} times`);
    assert.ok((counts.withIssues ?? 0) > 0, 'some partial re-reads carry issues of their own');
    if (process.env.CFN_VERBOSE) console.log(`      ${counts.reused} of ${counts.edits} edits re-read partially (${counts.withIssues} with issues)`);
  });

  it('chains: typing a word into a value and deleting it, one keystroke at a time, from re-read trees', () => {
    const counts: Counts = { edits: 0, reused: 0 };
    const rand = rng(99);
    const WORDS = ['Staging', ' # note', ': x', '-1', "'q'", '!Sub ${A}'];
    for (const [t, [name, original]] of list.entries()) {
      if (parseYaml(original).issues.length) continue;
      for (let round = 0; round < 3; round++) {
        let text = original;
        let root: Node | null = parseYaml(text).root;
        // Somewhere inside a word (a value, a key, a type name).
        let at = Math.floor(rand() * text.length);
        while (at < text.length && !/\w/.test(text[at])) at++;
        const word = WORDS[(t * 3 + round) % WORDS.length];
        for (const c of word) {
          text = text.slice(0, at) + c + text.slice(at);
          at++;
          root = compare(root, text, `${name}: typing ${JSON.stringify(word)} at ${at}`, counts);
        }
        for (let k = 0; k < word.length; k++) {
          at--;
          text = text.slice(0, at) + text.slice(at + 1);
          root = compare(root, text, `${name}: deleting at ${at}`, counts);
        }
        assert.strictEqual(text, original);
      }
    }
    assert.ok(counts.reused > counts.edits * 0.5, `re-read partially ${counts.reused} of ${counts.edits} times`);
  });

  it('through analyze: a typo that makes an issue, then its correction, both re-read against the last clean tree, findings as fresh', () => {
    const text = generateTemplate({ lines: 600, seed: 2 });
    let previous = analyze(text, { fileName: 't.yaml' });
    const at = text.indexOf('!Ref Table1') + 3; // inside the tag: !Re|f
    const steps = [text.slice(0, at) + 'x' + text.slice(at), text];
    for (const [i, next] of steps.entries()) {
      const reused = analyze(next, { fileName: 't.yaml', previous });
      const fresh = analyze(next, { fileName: 't.yaml' });
      assert.deepStrictEqual(reused.findings, fresh.findings, `step ${i}`);
      assert.deepStrictEqual(reused.template.issues, fresh.template.issues, `step ${i}`);
      assert.deepStrictEqual(plain(reused.template.root), plain(fresh.template.root), `step ${i}`);
      previous = reused;
    }
    assert.ok(steps[0].includes('!Rexf Table1'));
    // The typo's tree has an issue (unknown tag): the correction is re-read against the clean tree before it.
    const typo = analyze(steps[0], { fileName: 't.yaml' });
    assert.deepStrictEqual(typo.template.issues.map((i) => i.code), ['unknown-tag']);
    assert.ok(reparseYaml(analyze(text, { fileName: 't.yaml' }).template.root, steps[0])?.issues.length === 1, 'the typo itself is re-read partially');
  });

  it('analysis through `previous` gives the findings of a fresh analysis', () => {
    const text = generateTemplate({ lines: 1000, seed: 5 });
    const first = analyze(text, { fileName: 't.yaml' });
    // Misspell one Ref target inside a resource: a finding appears, as in a fresh analysis.
    const at = text.indexOf('!Ref Table1');
    assert.ok(at > 0);
    const edited = text.slice(0, at) + '!Ref Tabel1' + text.slice(at + '!Ref Table1'.length);
    assert.ok(reparseYaml(first.template.root, edited), 'the edit is re-read partially');
    const reused = analyze(edited, { fileName: 't.yaml', previous: first });
    const fresh = analyze(edited, { fileName: 't.yaml' });
    assert.deepStrictEqual(reused.findings, fresh.findings);
    assert.deepStrictEqual(plain(reused.template.root), plain(fresh.template.root));
    assert.deepStrictEqual(
      reused.findings.filter((f) => f.rule === 'reference-unknown-target').map((f) => edited.slice(f.start, f.end)),
      ['Tabel1'],
    );
    assert.ok(!first.findings.some((f) => f.rule === 'reference-unknown-target'));
  });

  it('edits the long differential runs caught: equal to a full read (or not re-read)', () => {
    const base = 'Metadata:\n  A:\n    Value: x\n  B:\n    Value: y\nOutputs:\n  U:\n    Value: !Sub \'https://${Alb.DNSName}\'\n';
    const root = parseYaml(base).root;
    const cases = [
      // An empty value followed by a comment: the reader stretches its range over the next line's indentation.
      base.replace('Value: x', 'Value: #x'),
      base.replace('Value: x', 'Value: !Ref #x'),
      // The last entry of the text, its value turned from a map into a plain scalar: the enclosing maps end differently.
      base.replace('e: !Sub ', ''),
      // Deleting a key's name (an empty key is placed differently in a fragment).
      base.replace('  B:', '  :'),
    ];
    for (const next of cases) {
      const partial = reparseYaml(root, next);
      if (!partial) continue;
      const full = parseYaml(next);
      assert.deepStrictEqual(plain(partial.root), plain(full.root), JSON.stringify(next));
      assert.deepStrictEqual(partial.issues, full.issues, JSON.stringify(next));
    }
  });

  it('does not apply to a tree with anchors or issues, or an edit outside the entries', () => {
    const anchored = 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties: &p\n      DelaySeconds: 1\n  B:\n    Type: AWS::SQS::Queue\n    Properties: *p\n';
    const root = parseYaml(anchored).root;
    assert.strictEqual(reparseYaml(root, anchored.replace('DelaySeconds: 1', 'DelaySeconds: 2')), undefined);
    const broken = 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties: {\n';
    assert.strictEqual(reparseYaml(parseYaml(broken).root, broken + ' '), undefined);
    const clean = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: AWS::SQS::Queue\n  B:\n    Type: AWS::SNS::Topic\n';
    const croot = parseYaml(clean).root;
    // In the version line (not inside a section entry), and joining B's line to A's.
    assert.strictEqual(reparseYaml(croot, clean.replace('2010', '2011')), undefined);
    assert.strictEqual(reparseYaml(croot, clean.replace('Queue\n  B', 'Queue  B')), undefined);
    // Renaming A to B would repeat a key: a full read reports it.
    assert.strictEqual(reparseYaml(croot, clean.replace('  A:', '  B:')), undefined);
    // Deleting A's name leaves an empty key, which the reader places differently in a fragment (found by the differential run).
    assert.strictEqual(reparseYaml(croot, clean.replace('  A:', '  :')), undefined);
    // Inside A: re-read.
    assert.ok(reparseYaml(croot, clean.replace('SQS::Queue', 'SQS::Queues')));
  });
});
