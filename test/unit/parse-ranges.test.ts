/**
 * Exact source ranges of intrinsic functions, YAML and JSON alike.
 *
 * Every case states the text each range must cover (`slice(keyNode) === '!GetAtt'`,
 * `slice(arg) === 'A.Arn'`), never an offset, so a failure prints what was covered instead.
 */
import * as assert from 'assert';
import { parseTemplate, Template } from '../../server/src/core/parse/template';
import { asIntrinsic, Intrinsic } from '../../server/src/core/parse/intrinsics';
import { Node, getPath, isMap, isSeq, walk } from '../../server/src/core/parse/node';
import { analyze } from '../../server/src/core/analyze';

const HEAD_YAML = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n';

/** A YAML template whose resource A has the property `X` written as `valueText` (may span lines). */
function yamlWith(valueText: string): string {
  return `${HEAD_YAML}      X: ${valueText}\n      Tail: end\n`;
}

/** The same in JSON, pretty-printed over several lines. */
function jsonWith(valueText: string): string {
  return `{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "A": {\n      "Type": "AWS::S3::Bucket",\n      "Properties": {\n        "X": ${valueText},\n        "Tail": "end"\n      }\n    }\n  }\n}\n`;
}

function slicer(t: Template): (n: { start: number; end: number }) => string {
  return (n) => t.text.slice(n.start, n.end);
}

/** Parses and returns the intrinsic written as property X of resource A (the template must read cleanly). */
function intrinsicAtX(text: string, fileName: string): { t: Template; x: Node; intr: Intrinsic; slice: (n: { start: number; end: number }) => string } {
  const t = parseTemplate(text, { fileName });
  assert.deepStrictEqual(
    t.issues.map((i) => `${i.code}: ${i.message}`),
    [],
    `the case must parse cleanly:\n${text}`,
  );
  const x = getPath(t.root, ['Resources', 'A', 'Properties', 'X']);
  assert.ok(x, `property X not found in:\n${text}`);
  const intr = asIntrinsic(x, true);
  assert.ok(intr, `X is not an intrinsic in:\n${text}`);
  // The sibling after X is intact (the intrinsic did not swallow it).
  const tail = getPath(t.root, ['Resources', 'A', 'Properties', 'Tail']);
  assert.ok(tail && tail.kind === 'scalar' && tail.value === 'end', 'the next property is intact');
  return { t, x, intr, slice: slicer(t) };
}

interface TagCase {
  tag: string;
  fn: string;
  /** Argument as written in YAML (flow or plain). */
  yaml: string;
  /** Argument as written in JSON. */
  json: string;
}

/** Every short-form tag of the requirement, with a typical argument. */
const TAGS: TagCase[] = [
  { tag: '!Ref', fn: 'Ref', yaml: 'A', json: '"A"' },
  { tag: '!GetAtt', fn: 'Fn::GetAtt', yaml: 'A.Arn', json: '"A.Arn"' },
  { tag: '!GetAtt', fn: 'Fn::GetAtt', yaml: '[A, Arn]', json: '["A", "Arn"]' },
  { tag: '!Sub', fn: 'Fn::Sub', yaml: "'${A}-suffix'", json: '"${A}-suffix"' },
  { tag: '!Sub', fn: 'Fn::Sub', yaml: "['${Name}-${A}', {Name: x}]", json: '["${Name}-${A}", {"Name": "x"}]' },
  { tag: '!Join', fn: 'Fn::Join', yaml: "['-', [a, b]]", json: '["-", ["a", "b"]]' },
  { tag: '!Select', fn: 'Fn::Select', yaml: '[0, [a, b]]', json: '[0, ["a", "b"]]' },
  { tag: '!Split', fn: 'Fn::Split', yaml: "[',', 'a,b']", json: '[",", "a,b"]' },
  { tag: '!If', fn: 'Fn::If', yaml: '[C, yes, no]', json: '["C", "yes", "no"]' },
  { tag: '!Equals', fn: 'Fn::Equals', yaml: '[a, b]', json: '["a", "b"]' },
  { tag: '!And', fn: 'Fn::And', yaml: '[{Condition: C}, {Condition: D}]', json: '[{"Condition": "C"}, {"Condition": "D"}]' },
  { tag: '!Or', fn: 'Fn::Or', yaml: '[{Condition: C}, {Condition: D}]', json: '[{"Condition": "C"}, {"Condition": "D"}]' },
  { tag: '!Not', fn: 'Fn::Not', yaml: '[{Condition: C}]', json: '[{"Condition": "C"}]' },
  { tag: '!FindInMap', fn: 'Fn::FindInMap', yaml: '[Map, Key, Value]', json: '["Map", "Key", "Value"]' },
  { tag: '!Base64', fn: 'Fn::Base64', yaml: "'#!/bin/sh'", json: '"#!/bin/sh"' },
  { tag: '!Cidr', fn: 'Fn::Cidr', yaml: "['10.0.0.0/16', 6, 8]", json: '["10.0.0.0/16", 6, 8]' },
  { tag: '!GetAZs', fn: 'Fn::GetAZs', yaml: "''", json: '""' },
  { tag: '!ImportValue', fn: 'Fn::ImportValue', yaml: 'shared-vpc-id', json: '"shared-vpc-id"' },
  { tag: '!Condition', fn: 'Condition', yaml: 'C', json: '"C"' },
  { tag: '!Transform', fn: 'Fn::Transform', yaml: "{Name: 'AWS::Include', Parameters: {Location: 's3://b/k'}}", json: '{"Name": "AWS::Include", "Parameters": {"Location": "s3://b/k"}}' },
  { tag: '!ToJsonString', fn: 'Fn::ToJsonString', yaml: '{a: 1, b: [x]}', json: '{"a": 1, "b": ["x"]}' },
  { tag: '!Length', fn: 'Fn::Length', yaml: '[a, b, c]', json: '["a", "b", "c"]' },
];

describe('parse ranges: every intrinsic, every form', () => {
  it('covers every short-form tag the requirement lists', () => {
    const required = '!Ref !GetAtt !Sub !Join !Select !Split !If !Equals !And !Or !Not !FindInMap !Base64 !Cidr !GetAZs !ImportValue !Condition !Transform !ToJsonString !Length'.split(' ');
    assert.deepStrictEqual([...new Set(TAGS.map((c) => c.tag))].sort(), required.sort());
  });

  for (const c of TAGS) {
    const label = `${c.tag} ${c.yaml}`;

    it(`YAML short form: ${label}`, () => {
      const { intr, x, slice } = intrinsicAtX(yamlWith(`${c.tag} ${c.yaml}`), 't.yaml');
      assert.strictEqual(intr.fn, c.fn);
      assert.strictEqual(slice(intr.keyNode), c.tag);
      assert.strictEqual(slice(intr.arg), c.yaml);
      assert.strictEqual(slice(x), `${c.tag} ${c.yaml}`);
      assert.ok(isMap(x) && x.shortForm === true, 'normalized to a one-pair map marked shortForm');
      assert.strictEqual(intr.node.pairs[0].key.value, c.fn);
    });

    it(`YAML long form, block: ${label}`, () => {
      const { intr, x, slice } = intrinsicAtX(yamlWith(`\n        ${c.fn}: ${c.yaml}`), 't.yaml');
      assert.strictEqual(intr.fn, c.fn);
      assert.strictEqual(slice(intr.keyNode), c.fn);
      assert.strictEqual(slice(intr.arg), c.yaml);
      assert.strictEqual(x.start, intr.keyNode.start, 'the block map starts at its key');
      assert.ok(isMap(x) && !x.shortForm && !x.flow);
      const pair = intr.node.pairs[0];
      assert.strictEqual(slice(pair), `${c.fn}: ${c.yaml}`);
    });

    it(`YAML long form, flow: ${label}`, () => {
      const { intr, x, slice } = intrinsicAtX(yamlWith(`{${c.fn}: ${c.yaml}}`), 't.yaml');
      assert.strictEqual(intr.fn, c.fn);
      assert.strictEqual(slice(intr.keyNode), c.fn);
      assert.strictEqual(slice(intr.arg), c.yaml);
      assert.strictEqual(slice(x), `{${c.fn}: ${c.yaml}}`);
      assert.ok(isMap(x) && x.flow && !x.shortForm);
    });

    it(`JSON: ${c.fn} ${c.json}`, () => {
      const { intr, x, slice } = intrinsicAtX(jsonWith(`{"${c.fn}": ${c.json}}`), 't.json');
      assert.strictEqual(intr.fn, c.fn);
      assert.strictEqual(slice(intr.keyNode), `"${c.fn}"`);
      assert.strictEqual(slice(intr.arg), c.json);
      assert.strictEqual(slice(x), `{"${c.fn}": ${c.json}}`);
    });
  }
});

/** All intrinsics under X, in source order. */
function intrinsicsUnder(x: Node): Intrinsic[] {
  const out: Intrinsic[] = [];
  walk(x, (n) => {
    const i = asIntrinsic(n, true);
    if (i) out.push(i);
  });
  return out.sort((a, b) => a.node.start - b.node.start);
}

describe('parse ranges: the hard cases', () => {
  it('block scalar: !Sub | keeps the tag range and the whole literal as the argument', () => {
    const { intr, slice, t } = intrinsicAtX(yamlWith('!Sub |\n        echo ${A}\n        echo ${AWS::Region}'), 't.yaml');
    assert.strictEqual(slice(intr.keyNode), '!Sub');
    // A block scalar's range runs from its header through its last line (line break included).
    assert.strictEqual(slice(intr.arg), '|\n        echo ${A}\n        echo ${AWS::Region}\n');
    assert.strictEqual(intr.arg.kind === 'scalar' && intr.arg.value, 'echo ${A}\necho ${AWS::Region}\n');
    // The variables inside are located on their own lines.
    const names = t.references.filter((r) => r.kind === 'Sub').map((r) => [slice(r), t.lines.positionAt(r.start).line + 1]);
    assert.deepStrictEqual(names, [
      ['A', 7],
      ['AWS::Region', 8],
    ]);
  });

  it('folded block scalar with strip chomping: !Sub >-', () => {
    const { intr, slice } = intrinsicAtX(yamlWith('!Sub >-\n        arn:${AWS::Partition}:s3:::${A}/*'), 't.yaml');
    assert.strictEqual(slice(intr.keyNode), '!Sub');
    assert.strictEqual(slice(intr.arg).trimEnd(), '>-\n        arn:${AWS::Partition}:s3:::${A}/*');
    assert.strictEqual(intr.arg.kind === 'scalar' && intr.arg.value, 'arn:${AWS::Partition}:s3:::${A}/*');
  });

  it('quoted scalars: the range includes the quotes, the value does not', () => {
    for (const [written, value] of [
      ["'A'", 'A'],
      ['"A"', 'A'],
      ["'it''s'", "it's"],
      ['"tab\\there"', 'tab\there'],
    ]) {
      const { intr, slice } = intrinsicAtX(yamlWith(`!Ref ${written}`), 't.yaml');
      assert.strictEqual(slice(intr.arg), written);
      assert.strictEqual(intr.arg.kind === 'scalar' && intr.arg.value, value);
      assert.strictEqual(intr.arg.kind === 'scalar' && intr.arg.style, written.startsWith("'") ? 'single' : 'double');
    }
  });

  it('nested tags: !If [C, !Ref A, !Ref AWS::NoValue]', () => {
    const { x, slice } = intrinsicAtX(yamlWith('!If [C, !Ref A, !Ref AWS::NoValue]'), 't.yaml');
    const all = intrinsicsUnder(x).map((i) => [i.fn, slice(i.keyNode), slice(i.arg), slice(i.node)]);
    assert.deepStrictEqual(all, [
      ['Fn::If', '!If', '[C, !Ref A, !Ref AWS::NoValue]', '!If [C, !Ref A, !Ref AWS::NoValue]'],
      ['Ref', '!Ref', 'A', '!Ref A'],
      ['Ref', '!Ref', 'AWS::NoValue', '!Ref AWS::NoValue'],
    ]);
    // The nested intrinsics are items of the If's argument sequence, with correct parents.
    const ifArg = asIntrinsic(x)!.arg;
    assert.ok(isSeq(ifArg));
    assert.strictEqual(ifArg.items.length, 3);
    assert.strictEqual(ifArg.items[1].parent, ifArg);
  });

  it("nested tags: !Select [0, !GetAZs '']", () => {
    const { x, slice } = intrinsicAtX(yamlWith("!Select [0, !GetAZs '']"), 't.yaml');
    assert.deepStrictEqual(
      intrinsicsUnder(x).map((i) => [slice(i.keyNode), slice(i.arg)]),
      [
        ['!Select', "[0, !GetAZs '']"],
        ['!GetAZs', "''"],
      ],
    );
  });

  it('deeply nested mixed short and long forms', () => {
    const { x, slice } = intrinsicAtX(yamlWith("!Join ['', [!Sub '${A}', {Fn::GetAtt: [A, Arn]}, !Select [1, !Split [',', !ImportValue shared]]]]"), 't.yaml');
    assert.deepStrictEqual(
      intrinsicsUnder(x).map((i) => [slice(i.keyNode), slice(i.arg)]),
      [
        ['!Join', "['', [!Sub '${A}', {Fn::GetAtt: [A, Arn]}, !Select [1, !Split [',', !ImportValue shared]]]]"],
        ['!Sub', "'${A}'"],
        ['Fn::GetAtt', '[A, Arn]'],
        ['!Select', "[1, !Split [',', !ImportValue shared]]"],
        ['!Split', "[',', !ImportValue shared]"],
        ['!ImportValue', 'shared'],
      ],
    );
  });

  it('a tag on a block sequence that starts on the next line', () => {
    const { intr, x, slice } = intrinsicAtX(yamlWith('!GetAtt\n        - A\n        - Arn'), 't.yaml');
    assert.strictEqual(slice(intr.keyNode), '!GetAtt');
    assert.ok(isSeq(intr.arg) && !intr.arg.flow);
    assert.deepStrictEqual(intr.arg.items.map(slice), ['A', 'Arn']);
    assert.ok(slice(intr.arg).startsWith('- A\n        - Arn'));
    assert.strictEqual(x.start, intr.keyNode.start);
  });

  it('!Sub list form on the next line, with a nested !GetAtt in its variable map', () => {
    const { x, intr, slice } = intrinsicAtX(yamlWith("!Sub\n        - '${Host}:${A}'\n        - Host: !GetAtt A.DomainName"), 't.yaml');
    assert.strictEqual(slice(intr.keyNode), '!Sub');
    assert.ok(isSeq(intr.arg));
    assert.strictEqual(slice(intr.arg.items[0]), "'${Host}:${A}'");
    assert.deepStrictEqual(
      intrinsicsUnder(x).map((i) => [slice(i.keyNode), slice(i.arg)]).slice(1),
      [['!GetAtt', 'A.DomainName']],
    );
  });

  it('a comment between the tag and its value', () => {
    const { intr, slice } = intrinsicAtX(yamlWith('!Ref # the bucket\n        A'), 't.yaml');
    assert.strictEqual(slice(intr.keyNode), '!Ref');
    assert.strictEqual(slice(intr.arg), 'A');
    assert.strictEqual(slice(intr.node), '!Ref # the bucket\n        A');
  });

  it('a comment between the tag and a block sequence', () => {
    const { intr, slice } = intrinsicAtX(yamlWith('!Join # joined\n        - ","\n        - [a, b]'), 't.yaml');
    assert.strictEqual(slice(intr.keyNode), '!Join');
    assert.ok(isSeq(intr.arg));
    assert.deepStrictEqual(intr.arg.items.map(slice), ['","', '[a, b]']);
  });

  it('the same tag twice on a line: each key covers its own tag', () => {
    const { x, slice, t } = intrinsicAtX(yamlWith('!If [C, !Ref A, !Ref A]'), 't.yaml');
    const refs = intrinsicsUnder(x).filter((i) => i.fn === 'Ref');
    assert.strictEqual(refs.length, 2);
    assert.notStrictEqual(refs[0].keyNode.start, refs[1].keyNode.start);
    for (const r of refs) assert.strictEqual(slice(r.keyNode), '!Ref');
    const line = t.lines.positionAt(refs[0].keyNode.start).line;
    assert.deepStrictEqual(
      refs.map((r) => t.lines.positionAt(r.keyNode.start)),
      [
        { line, character: 17 },
        { line, character: 25 },
      ],
    );
  });

  it('CRLF line endings: ranges and line/column positions', () => {
    const text = yamlWith('!Sub\n        - "${Name}.${A}"\n        - Name: !Ref A').replace(/\n/g, '\r\n');
    const { x, intr, slice, t } = intrinsicAtX(text, 't.yaml');
    assert.strictEqual(slice(intr.keyNode), '!Sub');
    const refs = intrinsicsUnder(x).map((i) => [slice(i.keyNode), slice(i.arg)]);
    assert.deepStrictEqual(refs, [
      ['!Sub', slice(intr.arg)],
      ['!Ref', 'A'],
    ]);
    assert.ok(!slice(intr.arg).startsWith('\r') && slice(intr.arg).startsWith('- "${Name}.${A}"\r\n'));
    const a = t.references.find((r) => r.kind === 'Sub' && r.target === 'A')!;
    assert.strictEqual(slice(a), 'A');
    // Line 7 (1-based) is `        - "${Name}.${A}"`: the A is at column 22 (1-based).
    assert.deepStrictEqual(t.lines.positionAt(a.start), { line: 6, character: 21 });
  });

  it('a byte-order mark: offsets stay true, YAML and JSON', () => {
    const y = intrinsicAtX('\uFEFF' + yamlWith('!GetAtt A.Arn'), 't.yaml');
    assert.strictEqual(y.slice(y.intr.keyNode), '!GetAtt');
    assert.strictEqual(y.slice(y.intr.arg), 'A.Arn');
    assert.strictEqual(y.t.text.charCodeAt(0), 0xfeff, 'the model keeps the text as given');
    assert.strictEqual(y.t.kind, 'cloudformation');
    const j = intrinsicAtX('\uFEFF' + jsonWith('{"Fn::GetAtt": ["A", "Arn"]}'), 'no-extension');
    assert.strictEqual(j.t.format, 'json', 'JSON is sniffed past the BOM');
    assert.strictEqual(j.slice(j.intr.keyNode), '"Fn::GetAtt"');
    assert.strictEqual(j.slice(j.intr.arg), '["A", "Arn"]');
  });

  it('emoji and other astral characters before a name: UTF-16 offsets and columns', () => {
    const text = yamlWith('!Sub "😀🚀 ${A} 𝒳 ${AWS::Region}"');
    const { slice, t } = intrinsicAtX(text, 't.yaml');
    const subs = t.references.filter((r) => r.kind === 'Sub');
    assert.deepStrictEqual(subs.map(slice), ['A', 'AWS::Region']);
    // `      X: !Sub "😀🚀 ${A} 𝒳 ${AWS::Region}"`: the emoji start at unit 15 and take 2 units each.
    assert.deepStrictEqual(t.lines.positionAt(subs[0].start), { line: 5, character: 22 });
    assert.deepStrictEqual(t.lines.positionAt(subs[1].start), { line: 5, character: 30 });

    const j = intrinsicAtX(jsonWith('{"Fn::Sub": "🚀${A}"}'), 't.json');
    const ja = j.t.references.find((r) => r.target === 'A')!;
    assert.strictEqual(j.slice(ja), 'A');
    // `        "X": {"Fn::Sub": "🚀${A}"},`
    assert.deepStrictEqual(j.t.lines.positionAt(ja.start), { line: 6, character: 30 });
  });

  it('an astral character in a key before the tag', () => {
    const text = `${HEAD_YAML}      🚀Name: !Ref A\n      X: !Ref A\n      Tail: end\n`;
    const t = parseTemplate(text, { fileName: 't.yaml' });
    assert.deepStrictEqual(t.issues, []);
    const refs = t.references.filter((r) => r.kind === 'Ref');
    assert.deepStrictEqual(refs.map((r) => t.text.slice(r.start, r.end)), ['A', 'A']);
    // `      🚀Name: !Ref A`: the rocket is 2 UTF-16 units.
    assert.deepStrictEqual(t.lines.positionAt(refs[0].start), { line: 5, character: 19 });
  });

  it('every key and value of a JSON template has an exact range', () => {
    const t = parseTemplate(jsonWith('{"Fn::Join": ["", ["a", {"Ref": "A"}]]}'), { fileName: 't.json' });
    assert.deepStrictEqual(t.issues, []);
    let count = 0;
    walk(t.root!, (n) => {
      const s = t.text.slice(n.start, n.end);
      if (n.kind === 'map') {
        assert.ok(s.startsWith('{') && s.endsWith('}'), s);
        for (const p of n.pairs) {
          assert.strictEqual(t.text.slice(p.key.start, p.key.end), JSON.stringify(p.key.value));
          count++;
        }
      } else if (n.kind === 'seq') assert.ok(s.startsWith('[') && s.endsWith(']'), s);
      else assert.deepStrictEqual(JSON.parse(s), n.value);
    });
    assert.strictEqual(count, 9);
  });

  it('every scalar key and value of a YAML template has an exact range', () => {
    const t = parseTemplate(yamlWith("!Join ['', [a, !Ref A, 'q', \"d\"]]"), { fileName: 't.yaml' });
    const seen: string[] = [];
    walk(t.root!, (n) => {
      if (n.kind === 'map') for (const p of n.pairs) seen.push(t.text.slice(p.key.start, p.key.end));
      if (n.kind === 'scalar') seen.push(t.text.slice(n.start, n.end));
    });
    // Short-form keys cover their tag text; every other key and scalar covers exactly what is written.
    assert.deepStrictEqual(
      seen.slice().sort(),
      ['AWSTemplateFormatVersion', '"2010-09-09"', 'Resources', 'A', 'Type', 'AWS::S3::Bucket', 'Properties', 'X', '!Join', "''", 'a', '!Ref', 'A', "'q'", '"d"', 'Tail', 'end'].sort(),
    );
  });
});

describe('parse ranges: Fn::ForEach', () => {
  const FOREACH = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::LanguageExtensions
Parameters:
  Names:
    Type: CommaDelimitedList
Resources:
  Fn::ForEach::Topics:
    - TopicName
    - !Ref Names
    - Topic\${TopicName}:
        Type: AWS::SNS::Topic
        Properties:
          TopicName: !Ref TopicName
          DisplayName: !Sub '\${TopicName}-\${AWS::Region}'
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Select [0, !Ref Names]
Outputs:
  Fn::ForEach::TopicArns:
    - TopicName
    - !Ref Names
    - Arn\${TopicName}:
        Value: !GetAtt [!Sub 'Topic\${TopicName}', TopicArn]
`;

  it('keeps Fn::ForEach intact: not a resource, the loop seq with identifier, collection and body', () => {
    const t = parseTemplate(FOREACH, { fileName: 't.yaml' });
    assert.deepStrictEqual(t.issues, []);
    assert.strictEqual(t.kind, 'cloudformation');
    assert.deepStrictEqual([...t.resources.keys()], ['Queue']);
    assert.deepStrictEqual([...t.outputs.keys()], []);
    assert.deepStrictEqual(
      t.forEach.map((p) => t.text.slice(p.key.start, p.key.end)),
      ['Fn::ForEach::Topics', 'Fn::ForEach::TopicArns'],
    );
    const loop = t.forEach[0].value;
    assert.ok(isSeq(loop) && loop.items.length === 3);
    assert.strictEqual(t.text.slice(loop.items[0].start, loop.items[0].end), 'TopicName');
    assert.strictEqual(t.text.slice(loop.items[1].start, loop.items[1].end), '!Ref Names');
    const body = loop.items[2];
    assert.ok(isMap(body));
    assert.strictEqual(t.text.slice(body.pairs[0].key.start, body.pairs[0].key.end), 'Topic${TopicName}');
  });

  it('loop identifiers inside the body are not unknown references; real ones still count', () => {
    const a = analyze(FOREACH, { fileName: 't.yaml', only: ['reference-unknown-target', 'syntax-error'] });
    assert.deepStrictEqual(a.findings, []);
    // The body is inside the loop (its identifier in scope); the collection is not.
    const inLoop = a.template.references.filter((r) => r.inForEach).map((r) => `${r.kind}:${r.target}:${r.loopIdentifiers?.join(',')}`);
    assert.deepStrictEqual(inLoop, ['Ref:TopicName:TopicName', 'Sub:TopicName:TopicName', 'Sub:AWS::Region:TopicName', 'Sub:TopicName:TopicName']);
    const outside = a.template.references.filter((r) => !r.inForEach).map((r) => `${r.kind}:${r.target}`);
    assert.deepStrictEqual(outside, ['Ref:Names', 'Ref:Names', 'Ref:Names']);
    // The same template with a typo outside the loop: exactly that one is reported.
    const typo = FOREACH.replace('QueueName: !Select [0, !Ref Names]', 'QueueName: !Select [0, !Ref Nmaes]');
    const b = analyze(typo, { fileName: 't.yaml', only: ['reference-unknown-target'] });
    assert.deepStrictEqual(
      b.findings.map((f) => b.template.text.slice(f.start, f.end)),
      ['Nmaes'],
    );
  });

  it('Fn::ForEach in JSON with nested ForEach', () => {
    const text = JSON.stringify(
      {
        AWSTemplateFormatVersion: '2010-09-09',
        Transform: 'AWS::LanguageExtensions',
        Resources: {
          'Fn::ForEach::Outer': ['Env', ['prod', 'dev'], { 'Fn::ForEach::Inner': ['Idx', ['1', '2'], { 'Q${Env}${Idx}': { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': '${Env}-${Idx}' } } } }] }],
        },
      },
      null,
      2,
    );
    const a = analyze(text, { fileName: 't.json', only: ['reference-unknown-target', 'syntax-error'] });
    assert.strictEqual(a.kind, 'cloudformation');
    assert.deepStrictEqual(a.findings, []);
    assert.strictEqual(a.template.forEach.length, 1);
    assert.deepStrictEqual(
      a.template.references.map((r) => [r.target, a.template.text.slice(r.start, r.end), r.inForEach]),
      [
        ['Env', 'Env', true],
        ['Idx', 'Idx', true],
      ],
    );
  });

  it('a template whose only resources are in a ForEach loop is still detected', () => {
    const text = 'Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Q:\n    - N\n    - [a, b]\n    - Queue${N}:\n        Type: AWS::SQS::Queue\n';
    assert.strictEqual(parseTemplate(text, { fileName: 't.yaml' }).kind, 'cloudformation');
  });

  it('Fn::ForEach inside resource properties and in Conditions: identifiers in scope', () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::LanguageExtensions
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      Fn::ForEach::Props:
        - Name
        - [DisplayName, TopicName]
        - \${Name}: !Ref Name
Conditions:
  Fn::ForEach::Envs:
    - Env
    - [prod, dev]
    - Is\${Env}: !Equals [!Ref Env, !Ref Missing]
`;
    const a = analyze(text, { fileName: 't.yaml', only: ['reference-unknown-target'] });
    // Only the genuinely unknown name is reported; the loop identifiers Name and Env are not.
    assert.deepStrictEqual(
      a.findings.map((f) => a.template.text.slice(f.start, f.end)),
      ['Missing'],
      'inside a loop body, names other than the loop identifiers are checked',
    );
    assert.deepStrictEqual(
      a.template.references.map((r) => [r.target, r.inForEach]),
      [
        ['Name', true],
        ['Env', true],
        ['Missing', true],
      ],
    );
  });

  it('references to resources a ForEach loop creates are known', () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Topics:
    - Name
    - [Orders, order-events]
    - Topic\${Name}:
        Type: AWS::SNS::Topic
      Queue&{Name}:
        Type: AWS::SQS::Queue
  Sub:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref TopicOrders
      Endpoint: !GetAtt Queueorderevents.Arn
      Other: !Ref TopicPayments
`;
    const a = analyze(text, { fileName: 't.yaml', only: ['reference-unknown-target'] });
    assert.deepStrictEqual(
      a.findings.map((f) => a.template.text.slice(f.start, f.end)),
      ['TopicPayments'],
    );
  });
});
