/**
 * Fixes against expected files: each template in test/fixtures/fixes is fixed (a rule's fix,
 * or FixBuilder operations directly), the result re-parsed (no syntax error) and re-analyzed
 * (the finding is gone, nothing new appears), and the text compared with
 * `<name>.expected.<ext>` byte for byte — YAML block style, YAML flow style and JSON.
 * `UPDATE_FIXTURES=1` writes the expected files (review them before committing).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, Analysis } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/fix/apply';
import { FixBuilder } from '../../server/src/core/fix/builder';
import type { Template } from '../../server/src/core/parse/template';
import { isMap, isScalar, scalarString } from '../../server/src/core/parse/node';
import type { Finding } from '../../server/src/core/types';

const DIR = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'fixes');

interface RuleCase {
  file: string;
  rule: string;
  /** Title of the fix to apply (default: the preferred one). */
  fix?: string | RegExp;
  /** Which finding of the rule (default: the first). */
  finding?: number;
}

interface BuilderCase {
  file: string;
  name: string;
  build(b: FixBuilder, t: Template): void;
  /** Checks on the fixed analysis. */
  check(after: Analysis, before: Analysis): void;
}

const RULE_CASES: RuleCase[] = [
  // Set a property in an existing Properties map.
  { file: 'rds-multi-az.block.yaml', rule: 'rds-multi-az' },
  { file: 'rds-multi-az.flow.yaml', rule: 'rds-multi-az' },
  { file: 'rds-multi-az.json', rule: 'rds-multi-az' },
  // Set a nested property where Properties is absent (created, with the maps on the way).
  { file: 'ecs-no-properties.block.yaml', rule: 'ecs-service-fragile', fix: /circuit breaker/ },
  { file: 'ecs-no-properties.flow.yaml', rule: 'ecs-service-fragile', fix: /circuit breaker/ },
  { file: 'ecs-no-properties.json', rule: 'ecs-service-fragile', fix: /circuit breaker/ },
  { file: 'ecs-no-properties.block.yaml', rule: 'ecs-service-fragile', fix: /DesiredCount/ },
  // Insert a whole resource whose logical ID clashes with nothing (WebRecoveryAlarm is taken).
  { file: 'ec2-recovery-alarm.block.yaml', rule: 'ec2-no-auto-recovery' },
  { file: 'ec2-recovery-alarm.flow.yaml', rule: 'ec2-no-auto-recovery' },
  { file: 'ec2-recovery-alarm.json', rule: 'ec2-no-auto-recovery' },
  // Remove entries: one item of a block list (with its comment), a whole flow list, JSON items.
  { file: 'redundant-depends-on.block.yaml', rule: 'graph-redundant-depends-on' },
  { file: 'redundant-depends-on.block.yaml', rule: 'graph-redundant-depends-on', finding: 2 },
  { file: 'redundant-depends-on.json', rule: 'graph-redundant-depends-on' },
  { file: 'redundant-depends-on.json', rule: 'graph-redundant-depends-on', finding: 2 },
  // Append to a list.
  { file: 'asg-subnets.block.yaml', rule: 'asg-single-az' },
  { file: 'asg-subnets.json', rule: 'asg-single-az' },
];

const resourceAttr = (a: Analysis, id: string, key: string): string | undefined => {
  const r = a.template.resources.get(id);
  return isMap(r?.value) ? scalarString(r!.value.pairs.find((p) => p.key.value === key)?.value) : undefined;
};

const BUILDER_CASES: BuilderCase[] = ['rename-and-policy.block.yaml', 'rename-and-policy.flow.yaml', 'rename-and-policy.json'].map((file) => ({
  file,
  name: 'rename a resource (key and every reference) and a condition; add DeletionPolicy and UpdateReplacePolicy',
  build(b, t) {
    const q = t.resources.get('OldQueue')!;
    b.renameEntity('Resources', 'OldQueue', 'OrdersQueue');
    b.renameEntity('Conditions', 'IsProd', 'IsProduction');
    b.setIn(q, ['DeletionPolicy'], 'Retain');
    b.setIn(q, ['UpdateReplacePolicy'], 'Retain');
  },
  check(after, before) {
    const t = after.template;
    assert.ok(!t.resources.has('OldQueue') && t.resources.has('OrdersQueue'));
    assert.ok(!t.conditions.has('IsProd') && t.conditions.has('IsProduction'));
    assert.strictEqual(resourceAttr(after, 'OrdersQueue', 'DeletionPolicy'), 'Retain');
    assert.strictEqual(resourceAttr(after, 'OrdersQueue', 'UpdateReplacePolicy'), 'Retain');
    const targets = (a: Analysis) => a.template.references.map((r) => `${r.kind}:${r.target}${r.attribute ? '.' + r.attribute : ''}`);
    const renamed = targets(before).map((x) => x.replace(/:OldQueue\b/, ':OrdersQueue').replace(/:IsProd$/, ':IsProduction'));
    assert.deepStrictEqual(targets(after), renamed, 'every reference follows the rename');
    assert.ok(!t.text.includes('OldQueue') && !/IsProd\b/.test(t.text));
  },
}));

function expectedPath(file: string, tag: string): string {
  const ext = path.extname(file);
  return path.join(DIR, `${file.slice(0, -ext.length)}${tag}.expected${ext}`);
}

function compare(file: string, tag: string, fixed: string): void {
  const expected = expectedPath(file, tag);
  if (process.env.UPDATE_FIXTURES === '1') fs.writeFileSync(expected, fixed);
  assert.ok(fs.existsSync(expected), `missing ${expected} (run with UPDATE_FIXTURES=1 and review it)`);
  assert.strictEqual(fixed, fs.readFileSync(expected, 'utf8'), `fixed text differs from ${path.basename(expected)}`);
}

function key(f: Finding): string {
  return `${f.rule}|${f.resource}|${f.message}`;
}

/** Rule and resource: a finding that combines several problems keeps this key while its message shrinks. */
function where(f: Finding): string {
  return `${f.rule}|${f.resource}`;
}

function reanalyze(file: string, fixed: string): Analysis {
  const after = analyze(fixed, { fileName: file });
  assert.deepStrictEqual(after.template.issues, [], `the fixed text parses cleanly:\n${fixed}`);
  if (file.endsWith('.json')) JSON.parse(fixed);
  return after;
}

describe('fixes against expected files (test/fixtures/fixes)', () => {
  for (const c of RULE_CASES) {
    const tag = `.${c.rule}${c.fix ? '.' + String(c.fix).replace(/[^a-z]+/gi, '-').replace(/^-|-$/g, '').toLowerCase() : ''}${c.finding ? `.${c.finding}` : ''}`;
    it(`${c.file}: ${c.rule}${c.fix ? ` (${c.fix})` : ''}${c.finding ? ` finding ${c.finding + 1}` : ''}`, () => {
      const text = fs.readFileSync(path.join(DIR, c.file), 'utf8');
      const before = analyze(text, { fileName: c.file });
      assert.deepStrictEqual(before.template.issues, [], 'the fixture parses cleanly');
      const mine = before.findings.filter((f) => f.rule === c.rule);
      const finding = mine[c.finding ?? 0];
      assert.ok(finding, `a ${c.rule} finding (got ${mine.length})`);
      const fix = c.fix === undefined ? (finding.fixes.find((x) => x.preferred) ?? finding.fixes[0]) : finding.fixes.find((x) => (typeof c.fix === 'string' ? x.title === c.fix : c.fix!.test(x.title)));
      assert.ok(fix, `a fix among ${JSON.stringify(finding.fixes.map((x) => x.title))}`);
      const fixed = applyEdits(text, fix!.edits);
      const after = reanalyze(c.file, fixed);
      const old = new Set(before.findings.map(where));
      assert.deepStrictEqual(after.findings.filter((f) => !old.has(where(f))).map(key), [], `the fix adds no finding:\n${fixed}`);
      assert.ok(after.findings.length <= before.findings.length, `no more findings than before:\n${fixed}`);
      assert.ok(!after.findings.some((f) => key(f) === key(finding)), `the finding is gone:\n${fixed}`);
      compare(c.file, tag, fixed);
    });
  }

  for (const c of BUILDER_CASES) {
    it(`${c.file}: FixBuilder — ${c.name}`, () => {
      const text = fs.readFileSync(path.join(DIR, c.file), 'utf8');
      const before = analyze(text, { fileName: c.file });
      assert.deepStrictEqual(before.template.issues, []);
      const b = new FixBuilder(before.template);
      c.build(b, before.template);
      const edits = b.build();
      assert.ok(edits, 'the builder can make every change');
      const fixed = applyEdits(text, edits!);
      const after = reanalyze(c.file, fixed);
      assert.deepStrictEqual(after.findings.map((f) => f.rule), before.findings.map((f) => f.rule), 'the same findings as before');
      c.check(after, before);
      compare(c.file, '.builder', fixed);
    });
  }

  it('every expected file belongs to a case', () => {
    const used = new Set<string>();
    for (const c of RULE_CASES) used.add(path.basename(expectedPath(c.file, `.${c.rule}${c.fix ? '.' + String(c.fix).replace(/[^a-z]+/gi, '-').replace(/^-|-$/g, '').toLowerCase() : ''}${c.finding ? `.${c.finding}` : ''}`)));
    for (const c of BUILDER_CASES) used.add(path.basename(expectedPath(c.file, '.builder')));
    const stray = fs.readdirSync(DIR).filter((f) => f.includes('.expected.') && !used.has(f));
    assert.deepStrictEqual(stray, []);
  });
});

describe('FixBuilder: what it refuses', () => {
  const yaml = (text: string) => analyze(text, { fileName: 't.yaml' }).template;
  it('does not edit through a YAML alias or inside an anchored node (other places would change)', () => {
    const t = yaml('Resources:\n  A: &q\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: 1\n  B: *q\n');
    assert.strictEqual(new FixBuilder(t).setProperty(t.resources.get('A')!, ['VisibilityTimeout'], 30).build(), null);
    assert.strictEqual(new FixBuilder(t).setProperty(t.resources.get('B')!, ['VisibilityTimeout'], 30).build(), null);
  });
  it('does not write a map where an intrinsic stands', () => {
    const t = yaml('Conditions:\n  C: !Equals [a, b]\nResources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties: !If [C, {DelaySeconds: 1}, !Ref AWS::NoValue]\n');
    assert.strictEqual(new FixBuilder(t).setProperty(t.resources.get('A')!, ['VisibilityTimeout'], 30).build(), null);
  });
  it('refuses edits that overlap, and a rename written in a form it cannot edit', () => {
    const t = yaml('Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: 1\n');
    const a = t.resources.get('A')!;
    const b = new FixBuilder(t).setProperty(a, ['DelaySeconds'], 2);
    b.remove(a.properties!.pairs[0]);
    assert.strictEqual(b.build(), null);
    const folded = yaml('Resources:\n  A:\n    Type: AWS::SQS::Queue\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName:\n        Ref: >-\n          A\n');
    assert.strictEqual(new FixBuilder(folded).renameEntity('Resources', 'A', 'Queue').build(), null);
  });
  it('orders insertions that land at one offset: the inner map first', () => {
    const t = yaml('Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: 1\n');
    const b = new FixBuilder(t);
    b.setProperty(t.resources.get('A')!, ['VisibilityTimeout'], 30);
    b.addResource('Topic', { Type: 'AWS::SNS::Topic' });
    const out = applyEdits(t.text, b.build()!);
    assert.strictEqual(out, 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: 1\n      VisibilityTimeout: 30\n  Topic:\n    Type: AWS::SNS::Topic\n');
  });
  it('keeps the quoting of a scalar it rewrites', () => {
    const t = yaml('Resources:\n  G:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      MinSize: "1"\n      MaxSize: \'1\'\n      DesiredCapacity: 1\n');
    const p = t.resources.get('G')!.properties!;
    const b = new FixBuilder(t);
    for (const pair of p.pairs) b.replaceScalarText(pair.value, '2');
    assert.strictEqual(applyEdits(t.text, b.build()!), t.text.replace('"1"', '"2"').replace("'1'", "'2'").replace('Capacity: 1', 'Capacity: 2'));
    assert.ok(isScalar(p.pairs[0].value));
  });
});
