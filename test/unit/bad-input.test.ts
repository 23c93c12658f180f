/**
 * Bad input never throws: every problem is a diagnostic at the right line and column, and
 * what did parse is still in the model.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, Analysis } from '../../server/src/core/analyze';
import { parseTemplate, Template } from '../../server/src/core/parse/template';
import { ALIAS_EXPANSION_BUDGET, MAX_DEPTH } from '../../server/src/core/parse/yaml';
import { rng } from './rng';

const repoRoot = path.resolve(__dirname, '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');

type Diag = [code: string, line: number, column: number, text: string];

/** Reader problems as [code, 1-based line, 1-based column, covered text]. */
function diags(t: Template): Diag[] {
  return t.issues.map((i) => {
    const p = t.lines.positionAt(i.start);
    return [i.code, p.line + 1, p.character + 1, t.text.slice(i.start, i.end)];
  });
}

/** Analysis that must not throw, with every finding (and fix edit) inside the document. */
function safeAnalyze(text: string, fileName: string): Analysis {
  let a: Analysis;
  try {
    a = analyze(text, { fileName });
  } catch (e) {
    assert.fail(`analyze threw on ${fileName} (${text.length} chars): ${(e as Error).stack}`);
  }
  for (const f of a.findings) {
    assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `finding ${f.rule} [${f.start}, ${f.end}) outside a ${text.length}-char document`);
    for (const fix of f.fixes) for (const e of fix.edits) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `fix edit of ${f.rule} out of range`);
  }
  for (const i of a.template.issues) assert.ok(i.start >= 0 && i.start <= i.end && i.end <= text.length, `issue ${i.code} out of range`);
  if (a.kind === 'none') assert.deepStrictEqual(a.findings, []);
  return a;
}

const H = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n';

describe('bad input: duplicate keys', () => {
  it('YAML: every repeated key is reported at its own line and column; the last value wins', () => {
    const text = `${H}  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: first\n      DelaySeconds: 5\n      QueueName: second\n  Queue:\n    Type: AWS::SNS::Topic\n`;
    const t = parseTemplate(text, { fileName: 't.yaml' });
    assert.deepStrictEqual(diags(t), [
      ['yaml-DUPLICATE_KEY', 8, 7, 'QueueName'],
      ['yaml-DUPLICATE_KEY', 9, 3, 'Queue'],
    ]);
    assert.strictEqual(t.resources.get('Queue')?.type, 'AWS::SNS::Topic');
    const a = analyze(text, { fileName: 't.yaml', only: ['syntax-error'] });
    assert.deepStrictEqual(
      a.findings.map((f) => [f.rule, f.severity, f.message]),
      [
        ['syntax-error', 'error', 'Map keys must be unique'],
        ['syntax-error', 'error', 'Map keys must be unique'],
      ],
    );
  });

  it('JSON: every repeated key is reported on the key (quotes included); the last value wins', () => {
    const text = '{\n  "Resources": {\n    "Queue": {"Type": "AWS::SQS::Queue", "Type": "AWS::SNS::Topic"},\n    "Queue": {"Type": "AWS::S3::Bucket"}\n  }\n}\n';
    const t = parseTemplate(text, { fileName: 't.json' });
    assert.deepStrictEqual(diags(t), [
      ['duplicate-key', 3, 42, '"Type"'],
      ['duplicate-key', 4, 5, '"Queue"'],
    ]);
    assert.strictEqual(t.resources.get('Queue')?.type, 'AWS::S3::Bucket');
    assert.match(t.issues[1].message, /^Duplicate key "Queue"/);
  });

  it("cfn-lint's duplicate fixtures (YAML, and JSON indented with tabs)", function () {
    if (!fs.existsSync(corpus)) this.skip();
    const y = parseTemplate(fs.readFileSync(path.join(corpus, 'cfnlint-bad/duplicate.yaml'), 'utf8'), { fileName: 'duplicate.yaml' });
    assert.deepStrictEqual(diags(y), [
      ['yaml-DUPLICATE_KEY', 9, 3, 'mySnsTopic'],
      ['yaml-DUPLICATE_KEY', 13, 3, 'mySnsTopic'],
    ]);
    const j = parseTemplate(fs.readFileSync(path.join(corpus, 'cfnlint-bad/duplicate.json'), 'utf8'), { fileName: 'duplicate.json' });
    // Columns count UTF-16 units: each tab is one.
    assert.deepStrictEqual(diags(j), [
      ['duplicate-key', 17, 3, '"MySNSTopic"'],
      ['duplicate-key', 23, 3, '"MySNSTopic"'],
    ]);
  });
});

describe('bad input: YAML reader errors at the right place', () => {
  it('tabs used as indentation', () => {
    const t = parseTemplate(`${H}  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n\t  QueueName: x\n`, { fileName: 't.yaml' });
    assert.deepStrictEqual(diags(t), [['yaml-TAB_AS_INDENT', 6, 1, '\t  ']]);
    assert.strictEqual(t.resources.get('Queue')?.type, 'AWS::SQS::Queue');
  });

  it('a template indented with tabs and no version line is still a template (so the tabs are reported)', () => {
    const a = analyze('Resources:\n\tQueue:\n\t\tType: AWS::SQS::Queue\n', { fileName: 't.yaml', only: ['syntax-error'] });
    assert.strictEqual(a.kind, 'cloudformation');
    assert.deepStrictEqual(
      a.findings.map((f) => [a.lines.positionAt(f.start).line + 1, a.lines.positionAt(f.start).character + 1, f.message]),
      [
        [2, 1, 'Tabs are not allowed as indentation'],
        [3, 1, 'Tabs are not allowed as indentation'],
      ],
    );
  });

  it('a missing colon on the first line: still a template, the error on line 1', () => {
    const a = analyze('AWSTemplateFormatVersion "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n', { fileName: 't.yaml', only: ['syntax-error'] });
    assert.strictEqual(a.kind, 'cloudformation');
    assert.deepStrictEqual(
      a.findings.map((f) => a.lines.positionAt(f.start)),
      [{ line: 0, character: 0 }],
    );
  });

  for (const q of ["'", '"']) {
    it(`unterminated ${q === "'" ? 'single' : 'double'}-quoted string: reported on the line of the opening quote, not at the end`, () => {
      const text = `${H}  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: ${q}orders\n      DelaySeconds: 5\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: x\n`;
      const t = parseTemplate(text, { fileName: 't.yaml' });
      assert.deepStrictEqual(diags(t), [['yaml-MISSING_CHAR', 6, 18, `${q}orders`]]);
      assert.match(t.issues[0].message, /Missing closing/);
      // What came before the string is in the model.
      assert.strictEqual(t.resources.get('Queue')?.type, 'AWS::SQS::Queue');
    });
  }

  it('unterminated quote inside a flow collection: the first diagnostic is at the opening quote', () => {
    const t = parseTemplate(`${H}  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: [{Key: 'a, Value: b}]\n  Topic:\n    Type: AWS::SNS::Topic\n`, { fileName: 't.yaml' });
    assert.deepStrictEqual(diags(t)[0], ['yaml-MISSING_CHAR', 6, 20, "'a, Value: b}]"]);
  });

  it('a quoted string over several lines that does close is not an error (CloudFormation accepts it)', () => {
    const t = parseTemplate(`${H}  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: "orders\n  and more"\n      DelaySeconds: 5\n`, { fileName: 't.yaml' });
    assert.deepStrictEqual(diags(t), []);
    const q = t.resources.get('Queue')!.properties!.pairs[0].value;
    assert.strictEqual(q.kind === 'scalar' && q.value, 'orders and more');
  });

  it('unknown tags: on the tag itself, the value is kept', () => {
    const text = `${H}  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Reff Name\n      DelaySeconds: !GetAttr [A, B]\n      Tags: !!binary aGVsbG8=\n`;
    const t = parseTemplate(text, { fileName: 't.yaml' });
    assert.deepStrictEqual(diags(t), [
      ['unknown-tag', 6, 18, '!Reff'],
      ['unknown-tag', 7, 21, '!GetAttr'],
    ]);
    assert.match(t.issues[0].message, /^Unknown tag !Reff/);
    const props = t.resources.get('Queue')!.properties!;
    assert.deepStrictEqual(
      props.pairs.map((p) => [p.key.value, p.value.kind]),
      [
        ['QueueName', 'scalar'],
        ['DelaySeconds', 'seq'],
        ['Tags', 'scalar'],
      ],
    );
  });

  it('an intrinsic tag on a mapping key is an error (cfn-lint: unhashable key)', () => {
    const t = parseTemplate(`${H}  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      Subnets: [ !ImportValue Fn::Sub: "\${Net}-a" ]\n`, { fileName: 't.yaml' });
    assert.deepStrictEqual(diags(t), [['complex-key', 6, 18, '!ImportValue']]);
  });

  it('an alias without an anchor', () => {
    const t = parseTemplate(`${H}  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: *name\n`, { fileName: 't.yaml' });
    assert.deepStrictEqual(diags(t), [['yaml-BAD_ALIAS', 6, 18, '*name']]);
  });

  it('a second YAML document is reported at its marker; the first is analyzed', () => {
    const t = parseTemplate(`${H}  Queue:\n    Type: AWS::SQS::Queue\n---\nResources:\n  Other:\n    Type: AWS::SNS::Topic\n`, { fileName: 't.yaml' });
    assert.deepStrictEqual(diags(t), [['yaml-MULTIPLE_DOCUMENTS', 5, 1, '---']]);
    assert.deepStrictEqual([...t.resources.keys()], ['Queue']);
  });

  it('a template that is not a mapping', () => {
    const t = parseTemplate('"AWSTemplateFormatVersion: 2010-09-09 Resources: Type: AWS::SQS::Queue"\n', { fileName: 't.yaml' });
    assert.strictEqual(t.kind, 'cloudformation');
    assert.deepStrictEqual(
      diags(t).map(([c, l, col]) => [c, l, col]),
      [['root-not-map', 1, 1]],
    );
  });
});

describe('bad input: invalid JSON', () => {
  const cases: [string, string, Diag[]][] = [
    ['trailing comma', '{\n  "Resources": {\n    "Q": {"Type": "AWS::SQS::Queue"},\n  }\n}\n', [
      ['json-PropertyNameExpected', 4, 3, '}'],
      ['json-ValueExpected', 4, 3, '}'],
    ]],
    ['comments', '{\n  /* note */\n  "Resources": {\n    "Q": {"Type": "AWS::SQS::Queue"} // q\n  }\n}\n', [
      ['json-InvalidCommentToken', 2, 3, '/* note */'],
      ['json-InvalidCommentToken', 4, 38, '// q'],
    ]],
    ['missing closing brace', '{\n  "Resources": {\n    "Q": {"Type": "AWS::SQS::Queue"}\n', [['json-CloseBraceExpected', 4, 1, '']]],
    ['missing comma', '{\n  "AWSTemplateFormatVersion": "2010-09-09"\n  "Resources": {"Q": {"Type": "AWS::SQS::Queue"}}\n}\n', [['json-CommaExpected', 3, 3, '"Resources"']]],
    ['unterminated string, reported once per problem', '{\n  "Resources": {\n    "Q": {"Type": "AWS::SQS::Queue\n  }\n}\n', [
      ['json-UnexpectedEndOfString', 3, 19, '"AWS::SQS::Queue'],
      ['json-CloseBraceExpected', 6, 1, ''],
    ]],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      const t = parseTemplate(text, { fileName: 't.json' });
      assert.deepStrictEqual(diags(t), expected);
      assert.strictEqual(t.kind, 'cloudformation');
      assert.strictEqual(t.resources.get('Q')?.type, 'AWS::SQS::Queue', 'what parsed is in the model');
    });
  }

  it("cfn-lint's json_parse.json (a missing colon): reported where the colon is missing", function () {
    if (!fs.existsSync(corpus)) this.skip();
    const t = parseTemplate(fs.readFileSync(path.join(corpus, 'cfnlint-bad/json_parse.json'), 'utf8'), { fileName: 'json_parse.json' });
    // Line 5 is `\t\t"Stack" {`: the colon is missing before the brace.
    assert.deepStrictEqual(diags(t)[0], ['json-ColonExpected', 5, 11, '{']);
    assert.strictEqual(t.kind, 'cloudformation');
    // What came before the error is in the model.
    assert.strictEqual(t.sections.get('Description')?.value.kind, 'scalar');
  });
});

describe('bad input: half-typed templates keep everything that parsed', function () {
  this.timeout(20000);
  const FILES = [
    'awslabs-cfn-templates/aws/services/RDS/RDS_MySQL_With_Read_Replica.yaml',
    'ecs-refarch/infrastructure/vpc.yaml',
    'sam/translator-input/sns_sqs.yaml',
    'awslabs-cfn-templates/aws/services/SQS/SQSFIFOQueue.json',
    'awslabs-cfn-templates/aws/services/ElasticLoadBalancing/NetworkLoadBalancerWithEIPs.json',
  ];
  before(function () {
    if (!fs.existsSync(corpus)) this.skip();
  });

  for (const rel of FILES) {
    it(`${rel}: cut at 41 points`, () => {
      const text = fs.readFileSync(path.join(corpus, rel), 'utf8');
      const full = parseTemplate(text, { fileName: rel });
      assert.deepStrictEqual(full.issues, []);
      const resources = [...full.resources.values()];
      assert.ok(resources.length >= 2);
      let cuts = 0;
      let withKeptResources = 0;
      // 40 evenly spread cuts, then the whole text but its last character.
      for (let i = 1; i <= 41; i++) {
        const cut = i <= 40 ? Math.floor((text.length * i) / 41) : text.trimEnd().length - 1;
        const part = text.slice(0, cut);
        const a = safeAnalyze(part, rel);
        const t = a.template;
        cuts++;
        // Every resource whose text ends before the cut is in the model, with its type.
        const complete = resources.filter((r) => r.pair.end <= cut && r.typeNode && r.typeNode.end <= cut);
        for (const r of complete) {
          assert.ok(t.resources.has(r.id), `${rel} cut at ${cut}: ${r.id} lost`);
          assert.strictEqual(t.resources.get(r.id)!.type, r.type, `${rel} cut at ${cut}: type of ${r.id}`);
        }
        if (complete.length) withKeptResources++;
        // Once a resource is complete the cut document is a template again.
        if (complete.length) assert.notStrictEqual(t.kind, 'none', `${rel} cut at ${cut}`);
      }
      assert.strictEqual(cuts, 41);
      assert.ok(withKeptResources >= 2, `${withKeptResources} cuts kept resources`);
    });
  }

  it('a resource being typed (no Type yet) does not hide the others', () => {
    const text = `${H}  Queue:\n    Type: AWS::SQS::Queue\n  Topic:\n    Ty`;
    const t = parseTemplate(text, { fileName: 't.yaml' });
    assert.deepStrictEqual([...t.resources.keys()], ['Queue', 'Topic']);
    assert.strictEqual(t.resources.get('Topic')!.type, undefined);
  });

  it('a half-typed intrinsic: the reference typed so far is reported, not a crash', () => {
    const a = analyze(`${H}  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !GetAtt [Que`, { fileName: 't.yaml', only: ['syntax-error', 'reference-unknown-target'] });
    assert.deepStrictEqual(
      a.findings.map((f) => [f.rule, a.template.text.slice(f.start, f.end)]).filter(([r]) => r === 'reference-unknown-target'),
      [['reference-unknown-target', 'Que']],
    );
    assert.ok(a.findings.some((f) => f.rule === 'syntax-error'));
  });
});

describe('bad input: resource exhaustion is a diagnostic, not a hang', function () {
  this.timeout(20000);
  it('billion laughs: stops at the budget, reports yaml-ALIAS_BOMB at an alias, fast', () => {
    let text = 'AWSTemplateFormatVersion: "2010-09-09"\nMetadata:\n  a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
    let prev = 'a';
    for (const n of 'bcdefghi') {
      text += `  ${n}: &${n} [${Array(9).fill(`*${prev}`).join(', ')}]\n`;
      prev = n;
    }
    text += 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n';
    const t0 = Date.now();
    const a = safeAnalyze(text, 'bomb.yaml');
    const ms = Date.now() - t0;
    assert.ok(ms < 3000, `took ${ms} ms`);
    const bombs = a.template.issues.filter((i) => i.code === 'yaml-ALIAS_BOMB');
    assert.strictEqual(bombs.length, 1);
    const at = a.template.text.slice(bombs[0].start, bombs[0].end);
    assert.match(at, /^\*[a-i]$/, 'reported on an alias');
    assert.match(bombs[0].message, new RegExp(`more than ${ALIAS_EXPANSION_BUDGET} nodes`));
    // The document around the bomb is analyzed normally.
    assert.strictEqual(a.template.resources.get('Queue')?.type, 'AWS::SQS::Queue');
  });

  it('ordinary anchors and aliases are resolved', () => {
    const text = `${H}  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: &tags\n        - {Key: team, Value: orders}\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      Tags: *tags\n`;
    const t = parseTemplate(text, { fileName: 't.yaml' });
    assert.deepStrictEqual(t.issues, []);
    const tags = t.resources.get('Topic')!.properties!.pairs[0].value;
    assert.ok(tags.kind === 'seq' && tags.items.length === 1 && tags.items[0].kind === 'map');
  });

  const deepCases: [string, () => string, string][] = [
    ['YAML flow sequences', () => `${H}  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      X: ${'['.repeat(2000)}${']'.repeat(2000)}\n`, 'yaml'],
    ['YAML block mappings', () => {
      let s = `${H}  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n`;
      let ind = '      ';
      for (let i = 0; i < 2000; i++) {
        s += `${ind}k${i}:\n`;
        ind += ' ';
      }
      return `${s}${ind}v\n`;
    }, 'yaml'],
    ['YAML block sequences', () => {
      let s = `${H}  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      X:\n`;
      let ind = '        ';
      for (let i = 0; i < 2000; i++) {
        s += `${ind}-\n`;
        ind += '  ';
      }
      return `${s}${ind}v\n`;
    }, 'yaml'],
    ['JSON arrays', () => `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Properties": {"X": ${'['.repeat(2000)}${']'.repeat(2000)}}}}}`, 'json'],
    ['JSON objects', () => `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Properties": ${'{"a": '.repeat(2000)}1${'}'.repeat(2000)}}}}`, 'json'],
  ];
  for (const [name, make, format] of deepCases) {
    it(`2,000 levels of ${name}: one nesting diagnostic at level ${MAX_DEPTH + 1}, the rest analyzed`, () => {
      const text = make();
      const t0 = Date.now();
      const a = safeAnalyze(text, `deep.${format}`);
      assert.ok(Date.now() - t0 < 3000);
      const t = a.template;
      const deep = t.issues.filter((i) => i.code === 'nesting-too-deep');
      assert.strictEqual(deep.length, 1);
      // The model's depth: root 0, Resources 1, Queue 2, Properties 3, then the nested values.
      const nestedStart = text.indexOf(format === 'json' ? (name.includes('arrays') ? '[' : '{"a"') : name.includes('flow') ? '[' : name.includes('mappings') ? 'k0' : '-');
      assert.ok(deep[0].start > nestedStart, 'inside the nested value');
      // The reader's own stack exhaustion, if any, is one more diagnostic, not one per level.
      assert.ok(t.issues.length <= 2, `${t.issues.length} issues: ${t.issues.map((i) => i.code).join(', ')}`);
      assert.strictEqual(t.resources.get('Queue')?.type, 'AWS::SQS::Queue');
    });
  }

  it('the nesting diagnostic is at the first value deeper than the limit (flow YAML: exact column)', () => {
    const text = `${H}  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      X: ${'['.repeat(MAX_DEPTH + 10)}${']'.repeat(MAX_DEPTH + 10)}\n`;
    const t = parseTemplate(text, { fileName: 't.yaml' });
    assert.deepStrictEqual(t.issues.map((i) => i.code), ['nesting-too-deep']);
    // X's sequence is at depth 4 (root map 0, Resources 1, Queue 2, Properties 3): the first
    // bracket past depth MAX_DEPTH is the (MAX_DEPTH - 3)th; `      X: ` is 9 characters.
    const p = t.lines.positionAt(t.issues[0].start);
    assert.deepStrictEqual(p, { line: 5, character: 9 + (MAX_DEPTH - 3) });
  });
});

describe('bad input: garbage and emptiness', () => {
  it('binary garbage (seeded), read as latin1 and as UTF-8, as YAML and as JSON', function () {
    this.timeout(20000);
    const rand = rng(42);
    for (let round = 0; round < 20; round++) {
      const bytes = Buffer.alloc(200 + Math.floor(rand() * 3000));
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rand() * 256);
      for (const enc of ['latin1', 'utf8'] as const) {
        const text = bytes.toString(enc);
        safeAnalyze(text, 'garbage.yaml');
        safeAnalyze(text, 'garbage.json');
        safeAnalyze(`${H}  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      X: ${text}`, 'garbage-tail.yaml');
      }
    }
  });

  it('a real template mutated 160 times (seeded): never an exception, findings always in range', function () {
    if (!fs.existsSync(corpus)) this.skip();
    this.timeout(20000);
    const rand = rng(7);
    const nasty = ['"', "'", '{', '}', '[', ']', ':', '\t', '!', '!Ref ', '&a ', '*a', '\n', '#', '|', '>', '- ', ',', '${', '\\', '\uFEFF', '😀', '\r'];
    for (const rel of ['awslabs-cfn-templates/aws/services/RDS/RDS_MySQL_With_Read_Replica.yaml', 'awslabs-cfn-templates/aws/services/SQS/SQSFIFOQueue.json']) {
      const original = fs.readFileSync(path.join(corpus, rel), 'utf8');
      for (let i = 0; i < 80; i++) {
        let text = original;
        for (let m = 0; m < 1 + Math.floor(rand() * 4); m++) {
          const at = Math.floor(rand() * text.length);
          const del = Math.floor(rand() * 6);
          text = text.slice(0, at) + nasty[Math.floor(rand() * nasty.length)] + text.slice(at + del);
        }
        safeAnalyze(text, rel);
      }
    }
  });

  const EMPTY: [string, string][] = [
    ['', 't.yaml'],
    ['', 't.json'],
    ['   \n\n\t\n', 't.yaml'],
    [' \r\n ', 't.json'],
    ['\uFEFF', 't.yaml'],
    ['\uFEFF', 't.json'],
    ['# only a comment\n', 't.yaml'],
    ['---\n', 't.yaml'],
    ['---\n...\n', 't.yaml'],
    ['~\n', 't.yaml'],
    ['null', 't.json'],
    ['{}', 't.json'],
    ['{}\n', 't.yaml'],
    ['[]', 't.json'],
    ['42', 't.json'],
  ];
  for (const [text, fileName] of EMPTY) {
    it(`empty-ish document ${JSON.stringify(text)} (${fileName}): not a template, no findings`, () => {
      const a = safeAnalyze(text, fileName);
      assert.strictEqual(a.kind, 'none');
      assert.deepStrictEqual(a.findings, []);
    });
  }

  it('empty sections of a template are not errors for the reader', () => {
    const t = parseTemplate('AWSTemplateFormatVersion: "2010-09-09"\nParameters:\nResources:\nOutputs:\n', { fileName: 't.yaml' });
    assert.deepStrictEqual(t.issues, []);
    assert.strictEqual(t.kind, 'cloudformation');
    assert.strictEqual(t.resources.size, 0);
  });
});
