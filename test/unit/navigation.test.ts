/**
 * Navigation features of the core (core/features/*): definition from every reference kind,
 * references, highlights, rename (edits applied with applyEdits and the result re-analyzed:
 * every reference still resolves to the same entity, nothing else changed), refusals, the
 * outline, hover and reference lenses. YAML and JSON.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, Analysis } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/fix/apply';
import {
  Range,
  definition,
  definitionLinks,
  highlights,
  occurrences,
  navIndex,
  prepareRename,
  references,
  renameEdits,
  symbolAt,
} from '../../server/src/core/features/navigation';
import { documentSymbols, OutlineSymbol, resourceKind } from '../../server/src/core/features/symbols';
import { hover } from '../../server/src/core/features/hover';
import { referenceLenses } from '../../server/src/core/features/codelens';

const UNKNOWN = 'reference-unknown-target';

/** Offset of `inner` inside the `nth` occurrence of `needle` (positions stated from the text itself). */
function at(text: string, needle: string, inner = needle, nth = 0): number {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `no occurrence #${nth} of ${JSON.stringify(needle)}`);
  }
  const j = needle.indexOf(inner);
  assert.ok(j >= 0, `${inner} not in ${needle}`);
  return i + j;
}

/** The range of `inner` inside the `nth` occurrence of `needle`. */
function rangeOf(text: string, needle: string, inner = needle, nth = 0): Range {
  const s = at(text, needle, inner, nth);
  return { start: s, end: s + inner.length };
}

const show = (text: string, rs: Range[]) => rs.map((r) => `${text.slice(r.start, r.end)}@${r.start}`);

function check(text: string, fileName = 't.yaml'): Analysis {
  return analyze(text, { fileName });
}

/** [kind, target, attribute] of every reference, in order. */
function refShape(a: Analysis, rename?: [string, string]): (string | undefined)[][] {
  return a.template.references.map((r) => [r.kind, rename && r.target === rename[0] ? rename[1] : r.target, r.attribute]);
}

/**
 * Renames at `offset` and checks the outcome: every edit replaced exactly the old name, the
 * text is otherwise unchanged, the re-analyzed template has the same references with the
 * name replaced, and no reference became unknown. Returns the new text.
 */
function renameAndCheck(text: string, offset: number, newName: string, fileName = 't.yaml'): string {
  const a = check(text, fileName);
  const s = symbolAt(a, offset);
  assert.ok(s, 'a name at the offset');
  const oldName = s.target.name;
  const r = renameEdits(a, offset, newName);
  assert.ok(!('error' in r), `refused: ${'error' in r ? r.error : ''}`);
  for (const e of r.edits) {
    assert.strictEqual(e.newText.replace(/["']/g, '').startsWith(newName), true, `edit writes ${e.newText}`);
  }
  const out = applyEdits(text, r.edits);
  // Outside the edits nothing changed: undo each edit and get the original back.
  let undo = out;
  let shift = 0;
  const undone: { start: number; end: number; newText: string }[] = [];
  for (const e of r.edits) {
    undone.push({ start: e.start + shift, end: e.start + shift + e.newText.length, newText: text.slice(e.start, e.end) });
    shift += e.newText.length - (e.end - e.start);
  }
  undo = applyEdits(out, undone);
  assert.strictEqual(undo, text);
  const b = check(out, fileName);
  assert.deepStrictEqual(refShape(b), refShape(a, [oldName, newName]), 'same references, renamed');
  assert.strictEqual(b.findings.filter((f) => f.rule === UNKNOWN).length, a.findings.filter((f) => f.rule === UNKNOWN).length, `no reference broken:\n${out}`);
  return out;
}

const YAML = `AWSTemplateFormatVersion: "2010-09-09"
Metadata:
  AWS::CloudFormation::Interface:
    ParameterGroups:
      - Label: { default: Environment }
        Parameters: [Env]
    ParameterLabels:
      Env: { default: Environment name }
Parameters:
  Env:
    Type: String
    Description: Deployment environment
    Default: dev
    AllowedValues: [dev, prod]
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
Mappings:
  RegionMap:
    us-east-1:
      Ami: ami-1
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Condition: IsProd
  Table:
    Type: AWS::DynamoDB::Table
    DependsOn: [Queue, Topic]
    Properties:
      TableName: !Sub "\${Env}-\${Queue.QueueName}-\${AWS::Region}"
      Other: !GetAtt Queue.Arn
      Ami: !FindInMap [RegionMap, !Ref AWS::Region, Ami]
      X: !If [IsProd, !Ref Queue, !Ref AWS::NoValue]
  Topic:
    Type: AWS::SNS::Topic
    DependsOn: Queue
    Properties:
      TopicName: !Sub
        - "\${Name}-\${Env}"
        - Name: !GetAtt [Queue, QueueName]
Outputs:
  QueueArn:
    Value: !GetAtt [Queue, Arn]
    Condition: IsProd
  Shared:
    Value: !ImportValue shared-vpc
`;

describe('navigation: symbolAt', () => {
  const a = check(YAML);

  it('finds references, attributes and definition keys, also with the cursor right after the name', () => {
    const cases: [number, string, string, string][] = [
      [at(YAML, '!GetAtt Queue.Arn', 'Queue'), 'reference', 'Resources.Queue', 'Queue'],
      [at(YAML, '!GetAtt Queue.Arn', 'Arn'), 'attribute', 'Resources.Queue', 'Arn'],
      [at(YAML, '!GetAtt Queue.Arn', '.'), 'reference', 'Resources.Queue', 'Queue'],
      [at(YAML, '!GetAtt Queue.Arn', 'Arn') + 3, 'attribute', 'Resources.Queue', 'Arn'],
      [at(YAML, '${Queue.QueueName}', 'QueueName'), 'attribute', 'Resources.Queue', 'QueueName'],
      [at(YAML, '  Queue:', 'Queue'), 'definition', 'Resources.Queue', 'Queue'],
      [at(YAML, '  Queue:', 'Queue') + 5, 'definition', 'Resources.Queue', 'Queue'],
      [at(YAML, '${AWS::Region}', 'AWS::Region'), 'reference', 'AWS::Region', 'AWS::Region'],
      [at(YAML, '[RegionMap,', 'RegionMap'), 'reference', 'Mappings.RegionMap', 'RegionMap'],
      [at(YAML, 'Parameters: [Env]', 'Env'), 'reference', 'Parameters.Env', 'Env'],
    ];
    for (const [offset, role, key, name] of cases) {
      const s = symbolAt(a, offset);
      assert.ok(s, `nothing at ${offset}`);
      assert.deepStrictEqual([s.role, s.target.key, YAML.slice(s.start, s.end)], [role, key, name], `at ${offset}`);
    }
  });

  it('finds nothing on plain values, property names and types', () => {
    for (const o of [at(YAML, 'Type: AWS::SQS::Queue', 'SQS'), at(YAML, 'TableName'), at(YAML, 'Default: dev', 'dev'), 0]) {
      assert.strictEqual(symbolAt(a, o), undefined, `at ${o}: ${YAML.slice(o, o + 10)}`);
    }
  });

  it('does not count the local variables of the list form of Sub', () => {
    const s = symbolAt(a, at(YAML, '"${Name}-', 'Name'));
    assert.strictEqual(s, undefined);
  });
});

describe('navigation: definition', () => {
  const a = check(YAML);
  const def = (needle: string, inner?: string, nth = 0) => show(YAML, definition(a, at(YAML, needle, inner, nth)));
  const key = (name: string, nth = 0) => [`${name}@${at(YAML, `  ${name}:`, name, nth)}`];

  it('goes from every reference kind to the defining key', () => {
    assert.deepStrictEqual(def('!Ref Env', 'Env'), key('Env', 1));
    assert.deepStrictEqual(def('!GetAtt Queue.Arn', 'Queue'), key('Queue'));
    assert.deepStrictEqual(def('!GetAtt [Queue, Arn]', 'Queue'), key('Queue'));
    assert.deepStrictEqual(def('${Env}', 'Env'), key('Env', 1));
    assert.deepStrictEqual(def('${Queue.QueueName}', 'Queue'), key('Queue'));
    assert.deepStrictEqual(def('DependsOn: [Queue, Topic]', 'Queue'), key('Queue'));
    assert.deepStrictEqual(def('DependsOn: [Queue, Topic]', 'Topic'), key('Topic'));
    assert.deepStrictEqual(def('DependsOn: Queue', 'Queue'), key('Queue'));
    assert.deepStrictEqual(def('Condition: IsProd', 'IsProd'), key('IsProd'));
    assert.deepStrictEqual(def('!If [IsProd', 'IsProd'), key('IsProd'));
    assert.deepStrictEqual(def('!Condition IsProd', 'IsProd'), key('IsProd'));
    assert.deepStrictEqual(def('[RegionMap,', 'RegionMap'), key('RegionMap'));
    assert.deepStrictEqual(def('Condition: IsProd', 'IsProd', 1), key('IsProd'));
    assert.deepStrictEqual(def('ParameterLabels:\n      Env', 'Env'), key('Env', 1));
  });

  it('goes from an attribute to its resource, and from a key to itself', () => {
    assert.deepStrictEqual(def('!GetAtt Queue.Arn', 'Arn'), key('Queue'));
    assert.deepStrictEqual(def('  Queue:', 'Queue'), key('Queue'));
  });

  it('has no definition for pseudo parameters, undeclared names and imports of other stacks', () => {
    assert.deepStrictEqual(def('!Ref AWS::Region', 'AWS::Region'), []);
    assert.deepStrictEqual(def('!ImportValue shared-vpc', 'shared-vpc'), []);
    const b = check(YAML.replace('!Ref Queue,', '!Ref Queu,'));
    assert.deepStrictEqual(definition(b, at(b.template.text, '!Ref Queu,', 'Queu')), []);
  });

  it('links the name at the cursor to the whole definition', () => {
    const [l] = definitionLinks(a, at(YAML, '!GetAtt Queue.Arn', 'Queue'));
    assert.strictEqual(YAML.slice(l.origin.start, l.origin.end), 'Queue');
    assert.strictEqual(YAML.slice(l.name.start, l.name.end), 'Queue');
    assert.strictEqual(YAML.slice(l.full.start, l.full.end), 'Queue:\n    Type: AWS::SQS::Queue\n    Condition: IsProd');
  });

  it('goes to the output that exports an imported name', () => {
    const text = YAML.replace('Outputs:\n', 'Outputs:\n  Vpc:\n    Value: x\n    Export:\n      Name: shared-vpc\n');
    const b = check(text);
    assert.deepStrictEqual(show(text, definition(b, at(text, '!ImportValue shared-vpc', 'shared-vpc'))), [`shared-vpc@${at(text, 'Name: shared-vpc', 'shared-vpc')}`]);
  });
});

describe('navigation: references and highlights', () => {
  const a = check(YAML);

  it('lists every use of a resource, with or without its declaration', () => {
    const o = at(YAML, '!Ref Queue', 'Queue');
    const uses = references(a, o, false);
    assert.deepStrictEqual(
      uses.map((r) => YAML.slice(r.start, r.end)),
      ['Queue', 'Queue', 'Queue', 'Queue', 'Queue', 'Queue', 'Queue'],
    );
    assert.deepStrictEqual(uses.map((r) => r.start), [
      at(YAML, '[Queue, Topic]', 'Queue'),
      at(YAML, '${Queue.QueueName}', 'Queue'),
      at(YAML, '!GetAtt Queue.Arn', 'Queue'),
      at(YAML, '!Ref Queue', 'Queue'),
      at(YAML, 'DependsOn: Queue', 'Queue'),
      at(YAML, '!GetAtt [Queue, QueueName]', 'Queue'),
      at(YAML, '!GetAtt [Queue, Arn]', 'Queue'),
    ]);
    const withDecl = references(a, o, true);
    assert.deepStrictEqual(withDecl[0], rangeOf(YAML, '  Queue:', 'Queue'));
    assert.strictEqual(withDecl.length, uses.length + 1);
  });

  it('lists the uses of a parameter (Interface metadata included), a condition (from Conditions too) and a mapping', () => {
    assert.deepStrictEqual(show(YAML, references(a, at(YAML, '  Env:', 'Env', 1), false)), [
      `Env@${at(YAML, '[Env]', 'Env')}`,
      `Env@${at(YAML, '  Env: {', 'Env')}`,
      `Env@${at(YAML, '!Ref Env', 'Env')}`,
      `Env@${at(YAML, '${Env}', 'Env')}`,
      `Env@${at(YAML, '${Env}', 'Env', 1)}`,
    ]);
    assert.deepStrictEqual(show(YAML, references(a, at(YAML, '  IsProd:', 'IsProd'), false)), [
      `IsProd@${at(YAML, '!Condition IsProd', 'IsProd')}`,
      `IsProd@${at(YAML, 'Condition: IsProd', 'IsProd')}`,
      `IsProd@${at(YAML, '!If [IsProd', 'IsProd')}`,
      `IsProd@${at(YAML, 'Condition: IsProd', 'IsProd', 1)}`,
    ]);
    assert.deepStrictEqual(show(YAML, references(a, at(YAML, '  RegionMap:', 'RegionMap'), true)), [
      `RegionMap@${at(YAML, '  RegionMap:', 'RegionMap')}`,
      `RegionMap@${at(YAML, '[RegionMap', 'RegionMap')}`,
    ]);
  });

  it('on an attribute: every use of that attribute of that resource', () => {
    assert.deepStrictEqual(show(YAML, references(a, at(YAML, '!GetAtt Queue.Arn', 'Arn'), true)), [
      `Arn@${at(YAML, '!GetAtt Queue.Arn', 'Arn')}`,
      `Arn@${at(YAML, '[Queue, Arn]', 'Arn')}`,
    ]);
  });

  it('groups the uses of a pseudo parameter and of an undeclared name', () => {
    assert.deepStrictEqual(references(a, at(YAML, '${AWS::Region}', 'AWS'), false).length, 2);
    const text = YAML.replace('!Ref Queue,', '!Ref Queu,').replace('DependsOn: Queue', 'DependsOn: Queu');
    const b = check(text);
    assert.deepStrictEqual(show(text, references(b, at(text, '!Ref Queu,', 'Queu'), true)), [`Queu@${at(text, 'DependsOn: Queu', 'Queu')}`, `Queu@${at(text, '!Ref Queu,', 'Queu')}`].sort((x, y) => Number(x.split('@')[1]) - Number(y.split('@')[1])));
  });

  it('highlights the definition as a write and the uses as reads', () => {
    const hs = highlights(a, at(YAML, '!If [IsProd', 'IsProd'));
    assert.deepStrictEqual(
      hs.map((h) => [h.kind, h.start]),
      [
        ['write', at(YAML, '  IsProd:', 'IsProd')],
        ['read', at(YAML, '!Condition IsProd', 'IsProd')],
        ['read', at(YAML, 'Condition: IsProd', 'IsProd')],
        ['read', at(YAML, '!If [IsProd', 'IsProd')],
        ['read', at(YAML, 'Condition: IsProd', 'IsProd', 1)],
      ],
    );
    assert.deepStrictEqual(highlights(a, at(YAML, 'TableName')), []);
  });
});

describe('navigation: rename', () => {
  it('renames a resource everywhere: DependsOn list and string, Sub ${X} and ${X.Attr}, GetAtt dotted and list, Ref, If', () => {
    const out = renameAndCheck(YAML, at(YAML, '!Ref Queue', 'Queue'), 'Inbox');
    assert.match(out, /\n {2}Inbox:\n {4}Type: AWS::SQS::Queue/);
    assert.match(out, /DependsOn: \[Inbox, Topic\]/);
    assert.match(out, /DependsOn: Inbox\n/);
    assert.match(out, /"\$\{Env\}-\$\{Inbox\.QueueName\}-\$\{AWS::Region\}"/);
    assert.match(out, /!GetAtt Inbox\.Arn/);
    assert.match(out, /!GetAtt \[Inbox, QueueName\]/);
    assert.match(out, /!GetAtt \[Inbox, Arn\]/);
    assert.match(out, /!If \[IsProd, !Ref Inbox,/);
    // The output named QueueArn and the attribute QueueName keep their names.
    assert.match(out, /QueueArn:/);
    assert.ok(!/\bQueue\b/.test(out.replace(/AWS::SQS::Queue/, '')), out);
  });

  it('renames from the definition key, from a Sub variable and from a DependsOn entry alike', () => {
    const fromKey = renameEdits(check(YAML), at(YAML, '  Queue:', 'Queue'), 'Inbox');
    const fromSub = renameEdits(check(YAML), at(YAML, '${Queue.', 'Queue'), 'Inbox');
    const fromDep = renameEdits(check(YAML), at(YAML, 'DependsOn: Queue', 'Queue'), 'Inbox');
    assert.deepStrictEqual(fromSub, fromKey);
    assert.deepStrictEqual(fromDep, fromKey);
  });

  it('renames a parameter, including the console Interface metadata and Sub variables', () => {
    const out = renameAndCheck(YAML, at(YAML, '${Env}', 'Env'), 'Stage');
    assert.match(out, /Parameters: \[Stage\]/);
    assert.match(out, /ParameterLabels:\n {6}Stage: \{ default: Environment name \}/);
    assert.match(out, /!Equals \[!Ref Stage, prod\]/);
    assert.match(out, /"\$\{Stage\}-\$\{Queue\.QueueName\}/);
    assert.match(out, /"\$\{Name\}-\$\{Stage\}"/);
  });

  it('renames a condition: resource and output Condition, Fn::If, and !Condition inside Conditions', () => {
    const out = renameAndCheck(YAML, at(YAML, '  IsProd:', 'IsProd'), 'IsProduction');
    assert.strictEqual(out.match(/IsProduction/g)?.length, 5);
    assert.match(out, /!Not \[!Condition IsProduction\]/);
  });

  it('renames a mapping and its FindInMap uses, and an output', () => {
    const out = renameAndCheck(YAML, at(YAML, '[RegionMap', 'RegionMap'), 'AmiByRegion');
    assert.match(out, /\n {2}AmiByRegion:\n/);
    assert.match(out, /!FindInMap \[AmiByRegion, /);
    const out2 = renameAndCheck(YAML, at(YAML, '  QueueArn:', 'QueueArn'), 'InboxArn');
    assert.match(out2, /\n {2}InboxArn:\n/);
  });

  it('allows a name that only another namespace uses (a resource named like a condition or an output)', () => {
    const out = renameAndCheck(YAML, at(YAML, '  Topic:', 'Topic'), 'IsProd');
    assert.match(out, /DependsOn: \[Queue, IsProd\]/);
    renameAndCheck(YAML, at(YAML, '  Topic:', 'Topic'), 'QueueArn');
    renameAndCheck(YAML, at(YAML, '  IsProd:', 'IsProd'), 'Queue');
  });

  it('renames in JSON: keys, Ref, GetAtt string and list, Sub, DependsOn, Condition, Fn::If, FindInMap', () => {
    const json = JSON.stringify(
      {
        AWSTemplateFormatVersion: '2010-09-09',
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, Other: { 'Fn::Not': [{ Condition: 'IsProd' }] } },
        Mappings: { RegionMap: { 'us-east-1': { Ami: 'ami-1' } } },
        Resources: {
          Queue: { Type: 'AWS::SQS::Queue', Condition: 'IsProd' },
          Topic: {
            Type: 'AWS::SNS::Topic',
            DependsOn: ['Queue'],
            Properties: {
              TopicName: { 'Fn::Sub': '${Env}-${Queue.QueueName}' },
              DisplayName: { 'Fn::GetAtt': 'Queue.QueueName' },
              KmsMasterKeyId: { 'Fn::If': ['IsProd', { 'Fn::GetAtt': ['Queue', 'Arn'] }, { Ref: 'AWS::NoValue' }] },
              Other: { 'Fn::FindInMap': ['RegionMap', { Ref: 'AWS::Region' }, 'Ami'] },
            },
          },
        },
        Outputs: { Q: { Value: { Ref: 'Queue' }, Condition: 'IsProd' } },
      },
      null,
      2,
    );
    const out = renameAndCheck(json, at(json, '"Queue": {', 'Queue'), 'Inbox', 't.json');
    const o = JSON.parse(out);
    assert.ok(o.Resources.Inbox && !o.Resources.Queue);
    assert.deepStrictEqual(o.Resources.Topic.DependsOn, ['Inbox']);
    assert.strictEqual(o.Resources.Topic.Properties.TopicName['Fn::Sub'], '${Env}-${Inbox.QueueName}');
    assert.strictEqual(o.Resources.Topic.Properties.DisplayName['Fn::GetAtt'], 'Inbox.QueueName');
    assert.deepStrictEqual(o.Resources.Topic.Properties.KmsMasterKeyId['Fn::If'][1], { 'Fn::GetAtt': ['Inbox', 'Arn'] });
    assert.deepStrictEqual(o.Outputs.Q.Value, { Ref: 'Inbox' });
    const out2 = renameAndCheck(json, at(json, '"IsProd",', 'IsProd'), 'Prod', 't.json');
    const o2 = JSON.parse(out2);
    assert.deepStrictEqual(Object.keys(o2.Conditions), ['Prod', 'Other']);
    assert.deepStrictEqual(o2.Conditions.Other, { 'Fn::Not': [{ Condition: 'Prod' }] });
    assert.strictEqual(o2.Outputs.Q.Condition, 'Prod');
    const out3 = renameAndCheck(json, at(json, '"RegionMap",', 'RegionMap'), 'Amis', 't.json');
    assert.deepStrictEqual(Object.keys(JSON.parse(out3).Mappings), ['Amis']);
  });

  it('rewrites a JSON string written with escapes as a plain string', () => {
    const json = '{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}, "T": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "Buck\\u0065t"}}}}}';
    const out = renameAndCheck(json, at(json, '"Bucket"', 'Bucket'), 'Store', 't.json');
    assert.strictEqual(out, '{"Resources": {"Store": {"Type": "AWS::S3::Bucket"}, "T": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "Store"}}}}}');
  });

  it('renames quoted YAML names inside the quotes, and a reference repeated through a YAML alias once', () => {
    const text = `Resources:
  "Bucket":
    Type: AWS::S3::Bucket
  A:
    Type: AWS::SNS::Topic
    Properties:
      Tags: &tags
        - Key: b
          Value: !Ref 'Bucket'
  B:
    Type: AWS::SNS::Topic
    Properties:
      Tags: *tags
`;
    const out = renameAndCheck(text, at(text, "!Ref 'Bucket'", 'Bucket'), 'Store');
    assert.match(out, /\n {2}"Store":\n/);
    assert.match(out, /!Ref 'Store'\n/);
  });

  it('renames a SAM function with the IDs it generates and the connectors naming it', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
  Table:
    Type: AWS::DynamoDB::Table
  Conn:
    Type: AWS::Serverless::Connector
    Properties:
      Source:
        Id: OrdersFunction
      Destination:
        Id: Table
      Permissions: [Read]
Outputs:
  RoleArn:
    Value: !GetAtt OrdersFunctionRole.Arn
  Fn:
    Value: !Ref OrdersFunction
`;
    const a = check(text);
    assert.deepStrictEqual(show(text, definition(a, at(text, 'OrdersFunctionRole.Arn', 'OrdersFunctionRole'))), [`OrdersFunction@${at(text, '  OrdersFunction:', 'OrdersFunction')}`]);
    assert.deepStrictEqual(show(text, references(a, at(text, '  OrdersFunction:', 'OrdersFunction'), false)), [
      `OrdersFunction@${at(text, 'Id: OrdersFunction', 'OrdersFunction')}`,
      `OrdersFunction@${at(text, '!Ref OrdersFunction', 'OrdersFunction')}`,
    ]);
    const out = renameAndCheckGenerated(text, at(text, '  OrdersFunction:', 'OrdersFunction'), 'Checkout');
    assert.match(out, /\n {2}Checkout:\n/);
    assert.match(out, /Id: Checkout\n/);
    assert.match(out, /!GetAtt CheckoutRole\.Arn/);
    assert.match(out, /!Ref Checkout\n/);
    const refused = renameEdits(a, at(text, 'OrdersFunctionRole'), 'X');
    assert.ok('error' in refused && /generates from "OrdersFunction"/.test(refused.error), JSON.stringify(refused));
  });

  it('renames parameters read in Rules (Ref and Fn::ValueOf) and resources referenced from SAM Globals', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Vpc:
    Type: AWS::EC2::VPC::Id
  Env:
    Type: String
Rules:
  ProdVpc:
    RuleCondition: !Equals [!Ref Env, prod]
    Assertions:
      - Assert: !Equals [!ValueOf [Vpc, Tags], prod]
Globals:
  Function:
    Environment:
      Variables:
        TABLE: !Ref Table
Resources:
  Table:
    Type: AWS::DynamoDB::Table
`;
    const a = check(text);
    assert.deepStrictEqual(show(text, references(a, at(text, '  Vpc:', 'Vpc'), false)), [`Vpc@${at(text, '[Vpc, Tags]', 'Vpc')}`]);
    assert.deepStrictEqual(show(text, definition(a, at(text, '[Vpc, Tags]', 'Vpc'))), [`Vpc@${at(text, '  Vpc:', 'Vpc')}`]);
    const out = renameAndCheck(text, at(text, '[Vpc, Tags]', 'Vpc'), 'Network');
    assert.match(out, /!ValueOf \[Network, Tags\]/);
    const out2 = renameAndCheck(text, at(text, '!Ref Env', 'Env'), 'Stage');
    assert.match(out2, /RuleCondition: !Equals \[!Ref Stage, prod\]/);
    const out3 = renameAndCheck(text, at(text, '  Table:', 'Table'), 'Orders');
    assert.match(out3, /TABLE: !Ref Orders\n/);
  });

  it('marks the rename of a resource that holds data as a replacement, with its DeletionPolicy', () => {
    const text = `Resources:
  Db:
    Type: AWS::RDS::DBInstance
    DeletionPolicy: Snapshot
  Fn:
    Type: AWS::Lambda::Function
  Bucket:
    Type: AWS::S3::Bucket
`;
    const a = check(text);
    const db = renameEdits(a, at(text, 'Db'), 'Database');
    assert.ok(!('error' in db) && db.replacement);
    assert.strictEqual(db.replacement.type, 'AWS::RDS::DBInstance');
    assert.match(db.replacement.message, /replaces it: CloudFormation creates a new, empty resource and deletes the old one after a final snapshot/);
    const bucket = renameEdits(a, at(text, 'Bucket'), 'Store');
    assert.ok(!('error' in bucket) && /deletes the old one with its data/.test(bucket.replacement?.message ?? ''));
    const fn = renameEdits(a, at(text, '  Fn:', 'Fn'), 'Handler');
    assert.ok(!('error' in fn) && fn.replacement === undefined);
  });

  it('returns no edit for the same name', () => {
    assert.deepStrictEqual(renameEdits(check(YAML), at(YAML, '  Queue:', 'Queue'), 'Queue'), { edits: [] });
  });
});

/** As renameAndCheck, for renames that also rename generated IDs (references to them change target). */
function renameAndCheckGenerated(text: string, offset: number, newName: string): string {
  const a = check(text);
  const oldName = symbolAt(a, offset)!.target.name;
  const r = renameEdits(a, offset, newName);
  assert.ok(!('error' in r), 'error' in r ? r.error : '');
  const out = applyEdits(text, r.edits);
  const b = check(out);
  assert.deepStrictEqual(
    refShape(b),
    a.template.references.map((x) => [x.kind, x.target.startsWith(oldName) ? newName + x.target.slice(oldName.length) : x.target, x.attribute]),
  );
  assert.deepStrictEqual(b.findings.filter((f) => f.rule === UNKNOWN), []);
  return out;
}

describe('navigation: rename refusals', () => {
  const a = check(YAML);
  const refuse = (offset: number, newName: string, re: RegExp) => {
    const r = renameEdits(a, offset, newName);
    assert.ok('error' in r, `accepted ${newName}`);
    assert.match(r.error, re);
  };

  it('refuses names that are not alphanumeric, too long, or not strings in YAML', () => {
    const o = at(YAML, '  Queue:', 'Queue');
    for (const n of ['My-Queue', 'my queue', 'Queue_2', '', 'Quéue', '${X}']) refuse(o, n, /must be alphanumeric/);
    refuse(o, 'Q'.repeat(256), /255 characters/);
    refuse(o, 'True', /read by YAML as a boolean/);
    refuse(o, 'No', /boolean/);
    refuse(o, '123', /as a number/);
    refuse(o, '1e5', /as a number/);
    refuse(o, 'Null', /as a null/);
    // JSON has no such ambiguity.
    const json = '{"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}}}';
    const r = renameEdits(check(json, 't.json'), at(json, 'Queue'), 'True');
    assert.ok(!('error' in r));
  });

  it('refuses a resource or parameter name already taken in the Ref namespace, explaining why', () => {
    refuse(at(YAML, '  Queue:', 'Queue'), 'Env', /already the name of a parameter\. Parameters and resources share one namespace/);
    refuse(at(YAML, '  Queue:', 'Queue'), 'Table', /already the name of a resource/);
    refuse(at(YAML, '  Env:', 'Env', 1), 'Topic', /already the name of a resource/);
  });

  it('refuses a condition, mapping or output name already taken in its own namespace', () => {
    refuse(at(YAML, '  IsProd:', 'IsProd'), 'NotProd', /already the name of a condition\. \(Conditions have their own namespace/);
    const text = YAML.replace('Mappings:\n', 'Mappings:\n  Other:\n    a:\n      b: c\n');
    const b = check(text);
    const r = renameEdits(b, at(text, '  RegionMap:', 'RegionMap'), 'Other');
    assert.ok('error' in r && /already the name of a mapping/.test(r.error));
    refuse(at(YAML, '  QueueArn:', 'QueueArn'), 'Shared', /already the name of an output/);
  });

  it('refuses a name that undeclared references already use (it would capture them)', () => {
    const text = YAML.replace('!Ref Queue,', '!Ref Inbox,');
    const b = check(text);
    const r = renameEdits(b, at(text, '  Topic:', 'Topic'), 'Inbox');
    assert.ok('error' in r && /already referenced \(line \d+\) although nothing declares it/.test(r.error), JSON.stringify(r));
  });

  it('refuses pseudo parameters, attributes, imports and undeclared names', () => {
    refuse(at(YAML, '${AWS::Region}', 'AWS'), 'Here', /pseudo parameter/);
    refuse(at(YAML, '!GetAtt Queue.Arn', 'Arn'), 'Id', /attribute that AWS::SQS::Queue defines/);
    refuse(at(YAML, 'shared-vpc'), 'Other', /export name shared between stacks/);
    const text = YAML.replace('!Ref Queue,', '!Ref Queu,');
    const r = renameEdits(check(text), at(text, '!Ref Queu,', 'Queu'), 'Queue2');
    assert.ok('error' in r && /not declared in this template/.test(r.error));
  });

  it('prepareRename gives the range and the current name, or the reason, or nothing off a name', () => {
    const o = at(YAML, '${Queue.', 'Queue');
    assert.deepStrictEqual(prepareRename(a, o), { ...rangeOf(YAML, '${Queue.', 'Queue'), placeholder: 'Queue' });
    assert.deepStrictEqual(prepareRename(a, at(YAML, 'TableName')), undefined);
    const r = prepareRename(a, at(YAML, '${AWS::Region}', 'AWS'));
    assert.ok(r && 'error' in r && /pseudo parameter/.test(r.error));
  });
});

describe('navigation: Fn::ForEach', () => {
  const text = `Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Topics:
    - Name
    - [Orders, Payments]
    - Topic\${Name}:
        Type: AWS::SNS::Topic
        Properties:
          TopicName: !Sub "\${Name}-\${Suffix}"
  Suffix:
    Type: AWS::SSM::Parameter
Outputs:
  First:
    Value: !Ref TopicOrders
`;
  const a = check(text);

  it('goes from a loop variable to its identifier, and lists its uses in keys and Sub strings', () => {
    const id = at(text, '- Name', 'Name');
    assert.deepStrictEqual(definition(a, at(text, '"${Name}', 'Name')), [{ start: id, end: id + 4 }]);
    assert.deepStrictEqual(show(text, references(a, id, false)), [`Name@${at(text, 'Topic${Name}', 'Name')}`, `Name@${at(text, '"${Name}', 'Name')}`]);
    const r = renameEdits(a, id, 'Kind');
    assert.ok('error' in r && /loop identifier/.test(r.error));
  });

  it('goes from a generated logical ID to its loop; renames a resource used in the loop body', () => {
    assert.deepStrictEqual(show(text, definition(a, at(text, '!Ref TopicOrders', 'TopicOrders'))), [`Fn::ForEach::Topics@${at(text, 'Fn::ForEach::Topics')}`]);
    const out = renameAndCheck(text, at(text, '  Suffix:', 'Suffix'), 'Tail');
    assert.match(out, /"\$\{Name\}-\$\{Tail\}"/);
    const r = renameEdits(a, at(text, '  Suffix:', 'Suffix'), 'Name');
    assert.ok('error' in r && /loop identifier where "Suffix" is used/.test(r.error), JSON.stringify(r));
  });
});

describe('document symbols', () => {
  const a = check(YAML);
  const symbols = documentSymbols(a);
  const byName = (list: OutlineSymbol[] | undefined, n: string) => list?.find((s) => s.name === n);

  it('outlines sections with their entries, kinds and details', () => {
    assert.deepStrictEqual(
      symbols.map((s) => [s.name, s.kind]),
      [
        ['AWSTemplateFormatVersion', 'module'],
        ['Metadata', 'module'],
        ['Parameters', 'namespace'],
        ['Conditions', 'namespace'],
        ['Mappings', 'namespace'],
        ['Resources', 'namespace'],
        ['Outputs', 'namespace'],
      ],
    );
    const resources = byName(symbols, 'Resources')!;
    assert.deepStrictEqual(
      resources.children!.map((c) => [c.name, c.kind, c.detail]),
      [
        ['Queue', 'event', 'AWS::SQS::Queue'],
        ['Table', 'struct', 'AWS::DynamoDB::Table'],
        ['Topic', 'event', 'AWS::SNS::Topic'],
      ],
    );
    assert.deepStrictEqual(byName(symbols, 'Parameters')!.children!.map((c) => [c.name, c.kind, c.detail]), [['Env', 'variable', 'String']]);
    assert.deepStrictEqual(byName(symbols, 'Conditions')!.children!.map((c) => [c.name, c.kind]), [['IsProd', 'boolean'], ['NotProd', 'boolean']]);
    const map = byName(symbols, 'Mappings')!.children![0];
    assert.deepStrictEqual([map.name, map.kind, map.children!.map((c) => [c.name, c.kind])], ['RegionMap', 'enum', [['us-east-1', 'enumMember']]]);
    assert.strictEqual(byName(symbols, 'AWSTemplateFormatVersion')!.detail, '2010-09-09');
  });

  it('gives the whole entry as range and the key as selection range, nested in their parents', () => {
    const check = (s: OutlineSymbol, parent?: OutlineSymbol) => {
      assert.strictEqual(YAML.slice(s.selectionStart, s.selectionEnd).replace(/"/g, ''), s.name);
      assert.ok(s.start <= s.selectionStart && s.selectionEnd <= s.end, s.name);
      if (parent) assert.ok(parent.start <= s.start && s.end <= parent.end, `${s.name} in ${parent.name}`);
      for (const c of s.children ?? []) check(c, s);
    };
    for (const s of symbols) check(s);
    const queue = byName(byName(symbols, 'Resources')!.children, 'Queue')!;
    assert.strictEqual(YAML.slice(queue.start, queue.end), 'Queue:\n    Type: AWS::SQS::Queue\n    Condition: IsProd');
  });

  it('shows Fn::ForEach loops with the entries they write, and nothing for non-templates', () => {
    const text = 'Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Topics:\n    - Name\n    - [A, B]\n    - Topic${Name}:\n        Type: AWS::SNS::Topic\n';
    const res = documentSymbols(check(text)).find((s) => s.name === 'Resources')!;
    assert.deepStrictEqual(res.children!.map((c) => [c.name, c.kind, c.detail, c.children!.map((x) => [x.name, x.detail])]), [['Fn::ForEach::Topics', 'array', 'for each Name', [['Topic${Name}', 'AWS::SNS::Topic']]]]);
    assert.deepStrictEqual(documentSymbols(check('services:\n  web:\n    image: nginx\n')), []);
  });

  it('picks a kind by resource type family', () => {
    assert.deepStrictEqual(
      ['AWS::Lambda::Function', 'AWS::Serverless::Function', 'AWS::RDS::DBInstance', 'AWS::IAM::Role', 'AWS::EC2::Subnet', 'AWS::EC2::Instance', 'AWS::CloudFormation::Stack', 'Custom::Thing', 'AWS::CloudWatch::Alarm', undefined].map(resourceKind),
      ['function', 'function', 'struct', 'key', 'interface', 'class', 'module', 'class', 'class', 'object'],
    );
  });
});

describe('hover', () => {
  const a = check(YAML);

  it('describes a resource: type with a docs link, what it depends on and what uses it, with edge kinds', () => {
    const h = hover(a, at(YAML, '!Ref Queue', 'Queue'))!;
    assert.deepStrictEqual({ start: h.start, end: h.end }, rangeOf(YAML, '!Ref Queue', 'Queue'));
    const md = h.markdown;
    assert.match(md, /^\*\*Resource\*\* `Queue` — \[AWS::SQS::Queue\]\(https:\/\/docs\.aws\.amazon\.com\/AWSCloudFormation\/latest\/TemplateReference\/aws-resource-sqs-queue\.html\)/);
    assert.match(md, /Condition: `IsProd`/);
    assert.match(md, /\*\*Depends on\*\* \(1\)\n\n- `IsProd` \(condition\) — Condition/);
    assert.match(md, /\*\*Used by\*\* \(3\)/);
    assert.match(md, /- `Table` \(AWS::DynamoDB::Table\) — DependsOn, Sub QueueName, GetAtt Arn, Ref if IsProd/);
    assert.match(md, /- `Topic` \(AWS::SNS::Topic\) — DependsOn, GetAtt QueueName/);
    assert.match(md, /- `QueueArn` \(output\) — GetAtt Arn/);
  });

  it('describes a parameter and a condition', () => {
    const p = hover(a, at(YAML, '${Env}', 'Env'))!.markdown;
    assert.match(p, /^\*\*Parameter\*\* `Env` — `String`\n\nDeployment environment\n\nDefault: `dev` · Allowed: `dev`, `prod`/);
    assert.match(p, /\*\*Used by\*\* \(3\)\n\n- `IsProd` \(condition\) — Ref\n- `Table` \(AWS::DynamoDB::Table\) — Sub\n- `Topic` \(AWS::SNS::Topic\) — Sub/);
    const c = hover(a, at(YAML, '!If [IsProd', 'IsProd'))!.markdown;
    assert.match(c, /^\*\*Condition\*\* `IsProd`\n\n```yaml\n!Equals \[!Ref Env, prod\]\n```/);
    assert.match(c, /\*\*Depends on\*\* \(1\)\n\n- `Env` \(parameter\) — Ref/);
  });

  it('lists the findings on the resource', () => {
    const text = YAML.replace('!Ref Queue,', '!Ref Queu,');
    const b = check(text);
    const md = hover(b, at(text, '  Table:', 'Table'))!.markdown;
    assert.match(md, /\*\*Findings\*\* \(\d+\)\n\n(- .*\n)*- _error_ .*Queu.* `reference-unknown-target`/);
  });

  it('describes attributes, pseudo parameters, unused entities; nothing elsewhere', () => {
    assert.match(hover(a, at(YAML, '!GetAtt Queue.Arn', 'Arn'))!.markdown, /^\*\*Attribute\*\* `Arn` of `Queue` \(AWS::SQS::Queue\)\n\nReturns the Amazon Resource Name \(ARN\) of the queue\./);
    assert.match(hover(a, at(YAML, '${AWS::Region}', 'Region'))!.markdown, /^\*\*Pseudo parameter\*\* `AWS::Region`\n\nThe Region in which the stack is being created\./);
    assert.match(hover(a, at(YAML, '  NotProd:', 'NotProd'))!.markdown, /_Not used anywhere in this template\._/);
    // Property names and types are described by the schema hover (hover.test.ts); plain values get nothing.
    assert.match(hover(a, at(YAML, 'TableName'))!.markdown, /^\*\*TableName\*\* — `String`/);
    assert.match(hover(a, at(YAML, 'AWS::DynamoDB::Table'))!.markdown, /^\*\*AWS::DynamoDB::Table\*\* — resource type/);
    assert.strictEqual(hover(a, at(YAML, 'prod]') + 1), undefined);
    assert.strictEqual(hover(check('a: b\n'), 0), undefined);
  });
});

describe('reference lenses', () => {
  it('counts the references of every parameter, resource, condition and mapping, with their locations', () => {
    const a = check(YAML);
    const lenses = referenceLenses(a);
    assert.deepStrictEqual(
      lenses.map((l) => [l.section, l.name, l.title, l.locations.length]),
      [
        ['Parameters', 'Env', '5 references', 5],
        ['Conditions', 'IsProd', '4 references', 4],
        ['Conditions', 'NotProd', '0 references', 0],
        ['Mappings', 'RegionMap', '1 reference', 1],
        ['Resources', 'Queue', '7 references', 7],
        ['Resources', 'Table', '0 references', 0],
        ['Resources', 'Topic', '1 reference', 1],
      ],
    );
    const queue = lenses.find((l) => l.name === 'Queue')!;
    assert.deepStrictEqual({ start: queue.start, end: queue.end }, rangeOf(YAML, '  Queue:', 'Queue'));
    assert.deepStrictEqual(queue.locations, references(a, queue.start, false));
  });

  it('builds the index once per analysis', () => {
    const a = check(YAML);
    assert.strictEqual(navIndex(a), navIndex(a));
    assert.notStrictEqual(navIndex(check(YAML)), navIndex(a));
  });
});

describe('navigation: rename over the corpus', function () {
  this.timeout(120000);
  const corpus = path.resolve(__dirname, '../../../../shared/corpus');

  function walk(dir: string, out: string[] = []): string[] {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full, out);
      else if (/\.(ya?ml|json|template)$/i.test(e.name)) out.push(full);
    }
    return out;
  }

  it('renames the most referenced entity of every template without breaking or retargeting a reference', function () {
    if (!fs.existsSync(corpus)) this.skip();
    let renamed = 0;
    for (const file of walk(corpus)) {
      const text = fs.readFileSync(file, 'utf8');
      const a = analyze(text, { fileName: file });
      if (a.kind === 'none') continue;
      let best: { start: number; key: string; uses: number } | undefined;
      for (const s of navIndex(a).spots) {
        if (s.role !== 'definition' || !s.target.entity || (s.target.kind === 'resource' && /^AWS::Serverless::|::MODULE$/.test(a.template.resources.get(s.target.name)?.type ?? ''))) continue;
        const uses = occurrences(a, s.target).length;
        if (!best || uses > best.uses) best = { start: s.start, key: s.target.key, uses };
      }
      if (!best) continue;
      const r = renameEdits(a, best.start, 'Zz9Renamed');
      assert.ok(!('error' in r), `${file} ${best.key}: ${'error' in r ? r.error : ''}`);
      const mine = new Set(occurrences(a, symbolAt(a, best.start)!.target).map((x) => x.reference));
      const b = analyze(applyEdits(text, r.edits), { fileName: file });
      const shape = (x: Analysis, rename: boolean) => x.template.references.map((ref) => `${ref.kind}|${rename && mine.has(ref) ? 'Zz9Renamed' : ref.target}|${ref.attribute}`);
      assert.deepStrictEqual(shape(b, false), shape(a, true), `${file} ${best.key}`);
      assert.strictEqual(b.findings.filter((f) => f.rule === UNKNOWN).length, a.findings.filter((f) => f.rule === UNKNOWN).length, `${file} ${best.key}`);
      renamed++;
    }
    assert.ok(renamed > 100, `only ${renamed} templates renamed`);
  });
});
