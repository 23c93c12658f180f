/**
 * Completion (core/features/completion.ts) at many cursor positions, in YAML and JSON, in
 * whole and in half-typed documents. Each case writes the document with `|` at the cursor; an
 * accepted item is applied (snippet tab stops at their defaults) and the result compared with
 * the expected text, so the replace range is checked to the character. A sweep over every
 * offset of several documents checks that completion never throws and that every range stays
 * on the cursor's line and contains it.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/core/analyze';
import { CompletionItem, completion, completionDocs, snippetToPlain } from '../../server/src/core/features/completion';

const root = path.resolve(__dirname, '../../..');

interface Case {
  text: string;
  offset: number;
  items: CompletionItem[];
}

function complete(src: string, fileName = 't.yaml', trigger?: string): Case {
  const offset = src.indexOf('|');
  assert.ok(offset >= 0, 'the case marks the cursor with |');
  const text = src.slice(0, offset) + src.slice(offset + 1);
  const a = analyze(text, { fileName });
  return { text, offset, items: completion(a, offset, trigger ? { trigger } : {}).items };
}

const labels = (c: Case) => c.items.map((i) => i.label);
const sorted = (c: Case) => [...c.items].sort((x, y) => (x.sortText ?? x.label).localeCompare(y.sortText ?? y.label)).map((i) => i.label);

function item(c: Case, label: string): CompletionItem {
  const i = c.items.find((x) => x.label === label);
  assert.ok(i, `no item ${label} among ${labels(c).slice(0, 30).join(', ')}`);
  return i;
}

/** The document after accepting `label` (tab stops at their defaults). */
function accept(c: Case, label: string): string {
  const i = item(c, label);
  const insert = i.snippet ? snippetToPlain(i.insertText) : i.insertText;
  return c.text.slice(0, i.start) + insert + c.text.slice(i.end);
}

function rangeText(c: Case, label: string): string {
  const i = item(c, label);
  return c.text.slice(i.start, i.end);
}

/** Every item's range is on the cursor's line and contains the cursor. */
function checkRanges(c: Case, where: string): void {
  const cursorLine = lineStartOf(c.text, c.offset);
  const lineOf = (o: number) => (o >= cursorLine[0] && o <= cursorLine[1] ? cursorLine[0] : -1);
  for (const i of c.items) {
    assert.ok(i.start <= c.offset && c.offset <= i.end, `${where}: ${i.label} range [${i.start},${i.end}) does not contain the cursor ${c.offset}`);
    assert.strictEqual(lineOf(i.start), lineOf(i.end), `${where}: ${i.label} range spans lines`);
    assert.strictEqual(lineOf(i.start), lineOf(c.offset), `${where}: ${i.label} range is not on the cursor's line`);
  }
}

/** [start, end] of the line holding `offset` (end before the line break). */
function lineStartOf(text: string, offset: number): [number, number] {
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n') s--;
  let e = offset;
  while (e < text.length && text[e] !== '\n' && text[e] !== '\r') e++;
  return [s, e];
}

const BUCKET = `Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
`;

describe('completion: YAML keys', () => {
  it('offers the template sections at the top level, without the ones present', () => {
    const c = complete('AWSTemplateFormatVersion: "2010-09-09"\nRes|\n');
    assert.ok(labels(c).includes('Resources'));
    assert.ok(!labels(c).includes('AWSTemplateFormatVersion'));
    assert.ok(!labels(c).includes('Globals'), 'Globals only in SAM templates');
    assert.strictEqual(accept(c, 'Resources'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  \n');
    assert.strictEqual(rangeText(c, 'Resources'), 'Res');
  });

  it('offers the sections in an empty template file, and nothing in other YAML files', () => {
    assert.ok(labels(complete('Res|')).includes('Resources'));
    assert.deepStrictEqual(labels(complete('apiVersion: v1\nkind: Pod\nspec:\n  contai|\n')), []);
  });

  it('offers resource attributes, Type first, and opens the type list after Type', () => {
    const c = complete('Resources:\n  Bucket:\n    Typ|\n');
    assert.deepStrictEqual(sorted(c).slice(0, 2), ['Type', 'Properties']);
    const type = item(c, 'Type');
    assert.strictEqual(type.retrigger, true);
    assert.strictEqual(accept(c, 'Type'), 'Resources:\n  Bucket:\n    Type: \n');
  });

  it('puts DeletionPolicy and UpdateReplacePolicy right after Properties on a resource that holds data, data-keeping value first', () => {
    const c = complete('Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    |\n');
    assert.deepStrictEqual(sorted(c).slice(0, 3), ['Properties', 'DeletionPolicy', 'UpdateReplacePolicy']);
    assert.ok(!labels(c).includes('Type'));
    assert.strictEqual(accept(c, 'DeletionPolicy'), 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    DeletionPolicy: Snapshot\n');
  });

  it('offers the properties of the resource type under Properties, required first, with value skeletons', () => {
    const c = complete('Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      |\n');
    const order = sorted(c);
    assert.deepStrictEqual(order.slice(0, 2).sort(), ['Code', 'Role']);
    assert.ok(order.indexOf('Runtime') > 1);
    assert.match(item(c, 'Role').description!, /^required/);
    assert.strictEqual(accept(c, 'Timeout'), 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Timeout: \n');
    // A nested type: its required properties, one level down, at the key's column + 2.
    const out = accept(c, 'DeadLetterConfig');
    assert.strictEqual(out, 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      DeadLetterConfig:\n        \n');
    assert.match(item(c, 'Code').documentation!, /docs\.aws\.amazon\.com\/AWSCloudFormation\/latest\/TemplateReference\/aws-resource-lambda-function\.html#cfn-lambda-function-code/);
  });

  it('completes a half-typed key below Properties (the reader takes it for a value) and after existing keys', () => {
    const c = complete(`${BUCKET}      Versio|\n`);
    assert.strictEqual(rangeText(c, 'VersioningConfiguration'), 'Versio');
    assert.strictEqual(accept(c, 'VersioningConfiguration'), `${BUCKET}      VersioningConfiguration:\n        Status: Enabled\n`);
    const d = complete(`${BUCKET}      BucketName: data\n      Ver|\n  Other:\n    Type: AWS::SQS::Queue\n`);
    assert.ok(!labels(d).includes('BucketName'), 'present keys are not offered');
    assert.strictEqual(accept(d, 'VersioningConfiguration'), `${BUCKET}      BucketName: data\n      VersioningConfiguration:\n        Status: Enabled\n  Other:\n    Type: AWS::SQS::Queue\n`);
  });

  it('completes keys of nested property types and of list items', () => {
    assert.deepStrictEqual(labels(complete(`${BUCKET}      VersioningConfiguration:\n        |\n`)), ['Status']);
    const tags = complete(`${BUCKET}      Tags:\n        - Ke|\n`);
    assert.deepStrictEqual(labels(tags).sort(), ['Key', 'Value']);
    assert.strictEqual(accept(tags, 'Key'), `${BUCKET}      Tags:\n        - Key: \n`);
    const second = complete(`${BUCKET}      Tags:\n        - Key: a\n          |\n`);
    assert.deepStrictEqual(labels(second), ['Value']);
    const lifecycle = complete(`${BUCKET}      LifecycleConfiguration:\n        Rules:\n          - Status: Enabled\n            |\n`);
    assert.ok(labels(lifecycle).includes('ExpirationInDays'));
    assert.ok(!labels(lifecycle).includes('Status'));
  });

  it('inserts a list of objects with its required keys, lined up under the dash', () => {
    const c = complete('Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      |\n');
    assert.strictEqual(accept(c, 'Tags'), 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags:\n        - Key: \n          Value: \n');
  });

  it('keeps the indentation unit of the document (4 spaces)', () => {
    const c = complete('Resources:\n    Bucket:\n        Type: AWS::S3::Bucket\n        Properties:\n            |\n');
    assert.strictEqual(accept(c, 'VersioningConfiguration'), 'Resources:\n    Bucket:\n        Type: AWS::S3::Bucket\n        Properties:\n            VersioningConfiguration:\n                Status: Enabled\n');
  });

  it('writes flow style inside a flow mapping, and keeps CRLF documents working', () => {
    const c = complete('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {VisibilityTimeout: 60, |}\n');
    assert.strictEqual(accept(c, 'Tags'), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {VisibilityTimeout: 60, Tags: [{Key: , Value: }]}\n');
    const crlf = complete('Resources:\r\n  Bucket:\r\n    Type: AWS::S3::Bucket\r\n    Properties:\r\n      Versio|\r\n  Q:\r\n    Type: AWS::SQS::Queue\r\n');
    assert.strictEqual(rangeText(crlf, 'VersioningConfiguration'), 'Versio');
  });

  it('completes the name only when a colon follows already', () => {
    const c = complete(`${BUCKET}      Versioning|: {}\n`);
    assert.strictEqual(accept(c, 'VersioningConfiguration'), `${BUCKET}      VersioningConfiguration: {}\n`);
  });

  it('offers SAM properties and the properties of a SAM event by its Type', () => {
    const sam = 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n';
    const top = complete(`${sam}      |\n`);
    for (const p of ['CodeUri', 'Events', 'Runtime', 'LoggingConfig']) assert.ok(labels(top).includes(p), p);
    const ev = complete(`${sam}      Events:\n        Orders:\n          Type: SQS\n          Properties:\n            |\n`);
    for (const p of ['Queue', 'BatchSize', 'FunctionResponseTypes', 'ScalingConfig']) assert.ok(labels(ev).includes(p), p);
    assert.match(item(ev, 'Queue').description!, /^required/);
  });

  it('offers parameter and output attributes, and an export name', () => {
    assert.ok(labels(complete('Parameters:\n  Env:\n    |\n')).includes('AllowedValues'));
    assert.deepStrictEqual(labels(complete('Resources: {}\nOutputs:\n  Url:\n    Value: x\n    |\n')).sort(), ['Condition', 'Description', 'Export']);
    assert.deepStrictEqual(labels(complete('Resources: {}\nOutputs:\n  Url:\n    Export:\n      |\n')), ['Name']);
  });

  it('stays quiet in comments, and on keys nobody describes', () => {
    assert.deepStrictEqual(labels(complete(`${BUCKET}      # Versio|\n`)), []);
    assert.deepStrictEqual(labels(complete('Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata:\n      |\n')), []);
    assert.deepStrictEqual(labels(complete('Resources:\n  Bucket:\n    Type: Custom::Thing\n    Properties:\n      |\n')), []);
  });
});

describe('completion: YAML values', () => {
  it('offers every resource type, grouped by service, types already used first', () => {
    const c = complete('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  Bucket:\n    Type: AWS::S3::Buc|\n');
    assert.ok(c.items.length > 1000);
    assert.strictEqual(sorted(c)[0], 'AWS::SQS::Queue');
    assert.strictEqual(item(c, 'AWS::S3::Bucket').description, 'AWS::S3');
    assert.strictEqual(rangeText(c, 'AWS::S3::Bucket'), 'AWS::S3::Buc');
    assert.strictEqual(accept(c, 'AWS::S3::Bucket'), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  Bucket:\n    Type: AWS::S3::Bucket\n');
    // Documentation on request (decoding 1800 types up front is slow).
    const docs = completionDocs(item(c, 'AWS::S3::Bucket').docs!);
    assert.match(docs!, /aws-resource-s3-bucket\.html/);
  });

  it('completes a type typed up to `::` (the reader sees a key there) and in quotes', () => {
    const c = complete('Resources:\n  Bucket:\n    Type: AWS::S3::|\n    Properties: {}\n');
    assert.strictEqual(accept(c, 'AWS::S3::Bucket'), 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: {}\n');
    const q = complete('Resources:\n  Bucket:\n    Type: "AWS::S3::|"\n');
    assert.strictEqual(accept(q, 'AWS::S3::Bucket'), 'Resources:\n  Bucket:\n    Type: "AWS::S3::Bucket"\n');
    const e = complete('Resources:\n  Bucket:\n    Type: |\n');
    assert.strictEqual(accept(e, 'AWS::SQS::Queue'), 'Resources:\n  Bucket:\n    Type: AWS::SQS::Queue\n');
  });

  it('offers enum values and booleans from the schema, and the short-form functions when asked', () => {
    const c = complete(`${BUCKET}      VersioningConfiguration:\n        Status: |\n`);
    assert.deepStrictEqual(labels(c).slice(0, 2), ['Enabled', 'Suspended']);
    assert.ok(labels(c).includes('!Ref'), 'functions on an explicit request');
    assert.ok(!labels(complete(`${BUCKET}      VersioningConfiguration:\n        Status: |\n`, 't.yaml', ' ')).includes('!Ref'), 'not when a space triggered');
    assert.deepStrictEqual(labels(complete(`${BUCKET}      VersioningConfiguration:\n        Status: Sus|\n`)), ['Enabled', 'Suspended']);
    assert.deepStrictEqual(labels(complete(`${BUCKET}      ObjectLockEnabled: t|\n`)), ['true', 'false']);
    // A colon just typed: the value comes with its space.
    const colon = complete(`${BUCKET}      VersioningConfiguration:\n        Status:|\n`, 't.yaml', ':');
    assert.strictEqual(accept(colon, 'Enabled'), `${BUCKET}      VersioningConfiguration:\n        Status: Enabled\n`);
    const arch = complete('Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      PackageType: |\n');
    assert.deepStrictEqual(labels(arch).slice(0, 2), ['Image', 'Zip']);
    const tag = complete(`${BUCKET}      BucketName: !Su|\n`);
    assert.strictEqual(accept(tag, '!Sub'), `${BUCKET}      BucketName: !Sub \n`);
  });

  it('offers DeletionPolicy values the type allows, condition names, DependsOn targets', () => {
    const text = 'Conditions:\n  IsProd: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n  Bucket:\n    Type: AWS::S3::Bucket\n';
    assert.deepStrictEqual(labels(complete(`${text}    DeletionPolicy: |\n`)).sort(), ['Delete', 'Retain', 'RetainExceptOnCreate']);
    assert.deepStrictEqual(labels(complete(`${text}    Condition: |\n`)), ['IsProd']);
    assert.deepStrictEqual(labels(complete(`${text}    DependsOn: |\n`)), ['Q']);
    assert.deepStrictEqual(labels(complete(`${text}    DependsOn:\n      - |\n`)), ['Q']);
    assert.deepStrictEqual(labels(complete(`${text}    DependsOn: [Q, |]\n`)), [], 'listed and self are left out');
  });

  it('offers parameter types, the format version and transforms', () => {
    assert.ok(labels(complete('Parameters:\n  Vpc:\n    Type: AWS::EC2::V|\n')).includes('AWS::EC2::VPC::Id'));
    const v = complete('AWSTemplateFormatVersion: |\nResources: {}\n');
    assert.strictEqual(accept(v, '2010-09-09'), "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n");
    assert.ok(labels(complete('Transform: |\nResources: {}\n')).includes('AWS::Serverless-2016-10-31'));
  });
});

describe('completion: intrinsic functions (YAML)', () => {
  const T = `Parameters:
  Env:
    Type: String
    AllowedValues: [dev, prod]
Mappings:
  RegionMap:
    us-east-1:
      Ami: ami-1
    eu-west-1:
      Ami: ami-2
      Zone: z
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
`;

  it('Ref: parameters, resources (not itself), pseudo parameters', () => {
    const c = complete(`${T}      BucketName: !Ref |\n`);
    assert.deepStrictEqual(sorted(c).slice(0, 3), ['Env', 'Queue', 'Topic']);
    assert.ok(labels(c).includes('AWS::Region') && labels(c).includes('AWS::NoValue'));
    assert.ok(!labels(c).includes('Bucket'));
    assert.strictEqual(accept(c, 'Queue'), `${T}      BucketName: !Ref Queue\n`);
    const long = complete(`${T}      BucketName:\n        Ref: Q|\n`);
    assert.strictEqual(accept(long, 'Queue'), `${T}      BucketName:\n        Ref: Queue\n`);
    const flow = complete(`${T}      BucketName: {Ref: |}\n`);
    assert.strictEqual(accept(flow, 'Env'), `${T}      BucketName: {Ref: Env}\n`);
  });

  it('Ref inside Conditions: parameters and pseudo parameters only', () => {
    const c = complete('Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref |, prod]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n');
    assert.ok(labels(c).includes('Env'));
    assert.ok(!labels(c).includes('Q'));
  });

  it('GetAtt: resources with attributes, then the attributes of that type (dotted and list forms)', () => {
    const c = complete(`${T}      BucketName: !GetAtt |\n`);
    assert.deepStrictEqual(labels(c).sort(), ['Queue', 'Topic']);
    assert.strictEqual(item(c, 'Queue').retrigger, true);
    assert.strictEqual(accept(c, 'Queue'), `${T}      BucketName: !GetAtt Queue.\n`);
    const attrs = complete(`${T}      BucketName: !GetAtt Queue.|\n`);
    assert.deepStrictEqual(labels(attrs).sort(), ['Arn', 'QueueName', 'QueueUrl']);
    assert.strictEqual(accept(attrs, 'Arn'), `${T}      BucketName: !GetAtt Queue.Arn\n`);
    const replace = complete(`${T}      BucketName: !GetAtt Queue.Qu|eueName\n`);
    assert.strictEqual(accept(replace, 'QueueUrl'), `${T}      BucketName: !GetAtt Queue.QueueUrl\n`);
    const list = complete(`${T}      BucketName: !GetAtt [Topic, |]\n`);
    assert.ok(labels(list).includes('TopicArn'));
    const first = complete(`${T}      BucketName: !GetAtt [Q|, Arn]\n`);
    assert.strictEqual(accept(first, 'Queue'), `${T}      BucketName: !GetAtt [Queue, Arn]\n`);
  });

  it('Sub: ${ variables, ${Resource. attributes, the list form variables; not in ${! escapes', () => {
    const c = complete(`${T}      BucketName: !Sub "\${|}-data"\n`);
    assert.ok(labels(c).includes('Env') && labels(c).includes('AWS::StackName') && labels(c).includes('Queue'));
    assert.ok(!labels(c).includes('AWS::NoValue'));
    assert.strictEqual(accept(c, 'AWS::StackName'), `${T}      BucketName: !Sub "\${AWS::StackName}-data"\n`);
    const partial = complete(`${T}      BucketName: !Sub "x-\${En|}"\n`);
    assert.strictEqual(accept(partial, 'Env'), `${T}      BucketName: !Sub "x-\${Env}"\n`);
    const attr = complete(`${T}      BucketName: !Sub "\${Queue.|}"\n`);
    assert.strictEqual(accept(attr, 'QueueName'), `${T}      BucketName: !Sub "\${Queue.QueueName}"\n`);
    const list = complete(`${T}      BucketName: !Sub ["\${|}", {Suffix: x}]\n`);
    assert.strictEqual(sorted(list)[0], 'Suffix');
    assert.deepStrictEqual(labels(complete(`${T}      BucketName: !Sub "\${!|}"\n`)), []);
    assert.deepStrictEqual(labels(complete(`${T}      BucketName: !Sub "plain |text"\n`)), []);
  });

  it('If and Condition: condition names; FindInMap: mappings, then their keys; Equals: allowed values', () => {
    assert.deepStrictEqual(labels(complete(`${T}      BucketName: !If [|, a, b]\n`)), ['IsProd']);
    assert.deepStrictEqual(labels(complete(`${T}      BucketName: !FindInMap [|]\n`)), ['RegionMap']);
    assert.deepStrictEqual(labels(complete(`${T}      BucketName: !FindInMap [RegionMap, |]\n`)), ['us-east-1', 'eu-west-1']);
    assert.deepStrictEqual(labels(complete(`${T}      BucketName: !FindInMap [RegionMap, eu-west-1, |]\n`)), ['Ami', 'Zone']);
    assert.deepStrictEqual(labels(complete('Parameters:\n  Env:\n    Type: String\n    AllowedValues: [dev, prod]\nConditions:\n  IsProd: !Equals [!Ref Env, |]\nResources: {}\n')), ['dev', 'prod']);
    assert.deepStrictEqual(labels(complete('Conditions:\n  A: !Equals [a, b]\n  B: !Not [!Condition |]\nResources: {}\n')), ['A']);
  });

  it('offers the tag names while a tag is typed', () => {
    const c = complete(`${T}      BucketName: !Ge|\n`);
    assert.ok(labels(c).includes('!GetAtt') && labels(c).includes('!GetAZs'));
  });
});

describe('completion: JSON', () => {
  const J = (inner: string) => `{\n  "Resources": {\n    "Bucket": {\n      "Type": "AWS::S3::Bucket",\n      "Properties": {\n${inner}\n      }\n    }\n  }\n}\n`;

  it('replaces only the content of the string being typed (a type)', () => {
    const src = '{"Resources": {"Bucket": {"Type": "AWS::S3::|", "Properties": {}}}}';
    const c = complete(src, 't.json');
    assert.strictEqual(rangeText(c, 'AWS::S3::Bucket'), 'AWS::S3::');
    assert.strictEqual(accept(c, 'AWS::S3::Bucket'), '{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {}}}}');
    const mid = complete('{"Resources": {"Bucket": {"Type": "AWS::S3::Buc|ket", "Properties": {}}}}', 't.json');
    assert.strictEqual(accept(mid, 'AWS::S3::Bucket'), '{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {}}}}');
  });

  it('writes a quoted value where no string is started, and closes an unclosed one', () => {
    const c = complete('{"Resources": {"Bucket": {"Type": |, "Properties": {}}}}', 't.json');
    assert.strictEqual(accept(c, 'AWS::S3::Bucket'), '{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {}}}}');
    const open = complete('{"Resources": {"Bucket": {"Type": "AWS::S3::Bu|', 't.json');
    assert.strictEqual(accept(open, 'AWS::S3::Bucket'), '{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket"');
  });

  it('completes a property key in its string, adding `": value` and keeping what follows', () => {
    const c = complete(J('        "Versio|"'), 't.json');
    assert.strictEqual(rangeText(c, 'VersioningConfiguration'), 'Versio"');
    assert.strictEqual(accept(c, 'VersioningConfiguration'), J('        "VersioningConfiguration": {\n          "Status": "Enabled"\n        }'));
    const named = complete(J('        "BucketName": "x",\n        "Versio|"\n        "Tags": []'), 't.json');
    assert.strictEqual(accept(named, 'VersioningConfiguration'), J('        "BucketName": "x",\n        "VersioningConfiguration": {\n          "Status": "Enabled"\n        },\n        "Tags": []'));
    assert.ok(!labels(named).includes('BucketName'));
  });

  it('completes a key in an empty object, after a comma, and in an unclosed string', () => {
    const empty = complete(J('        |'), 't.json');
    assert.strictEqual(accept(empty, 'BucketName'), J('        "BucketName": ""'));
    const after = complete('{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "x", |}}}}', 't.json');
    assert.strictEqual(accept(after, 'ObjectLockEnabled'), '{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "x", "ObjectLockEnabled": true}}}}');
    const open = complete('{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"Versio|}}}}', 't.json');
    assert.strictEqual(accept(open, 'VersioningConfiguration'), '{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"VersioningConfiguration": {\n  "Status": "Enabled"\n}}}}}');
  });

  it('completes only the name when a colon follows', () => {
    const c = complete(J('        "Versio|": {}'), 't.json');
    assert.strictEqual(accept(c, 'VersioningConfiguration'), J('        "VersioningConfiguration": {}'));
  });

  it('completes sections, resource attributes, enum values, Ref and GetAtt in JSON', () => {
    const s = complete('{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "|"\n}', 't.json');
    assert.strictEqual(accept(s, 'Resources'), '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    \n  }\n}');
    const attrs = complete('{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "|"}}}', 't.json');
    assert.ok(labels(attrs).includes('DeletionPolicy'));
    assert.strictEqual(accept(attrs, 'DeletionPolicy'), '{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain"}}}');
    const en = complete(J('        "VersioningConfiguration": {"Status": "|"}'), 't.json');
    assert.strictEqual(accept(en, 'Suspended'), J('        "VersioningConfiguration": {"Status": "Suspended"}'));
    const bool = complete(J('        "ObjectLockEnabled": |'), 't.json');
    assert.strictEqual(accept(bool, 'false'), J('        "ObjectLockEnabled": false'));
    const ref = complete('{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}, "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Ref": "|"}}}}}', 't.json');
    assert.strictEqual(accept(ref, 'Q'), '{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}, "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Ref": "Q"}}}}}');
    const att = complete('{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}, "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::GetAtt": ["Q", "|"]}}}}}', 't.json');
    assert.deepStrictEqual(labels(att).sort(), ['Arn', 'QueueName', 'QueueUrl']);
    const sub = complete('{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}, "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::Sub": "${Q.|}"}}}}}', 't.json');
    assert.strictEqual(accept(sub, 'QueueName'), '{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}, "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::Sub": "${Q.QueueName}"}}}}}');
  });

  it('offers intrinsic functions for an empty value and as the key of a value written as an object', () => {
    const v = complete(J('        "BucketName": |'), 't.json');
    assert.strictEqual(accept(v, 'Ref'), J('        "BucketName": {"Ref": ""}'));
    const k = complete(J('        "BucketName": {"|"}'), 't.json');
    assert.strictEqual(accept(k, 'Fn::Sub'), J('        "BucketName": {"Fn::Sub": ""}'));
  });
});

describe('completion: robustness', () => {
  const docs: [string, string][] = [
    [fs.readFileSync(path.join(root, 'examples/orders-serverless.yaml'), 'utf8'), 'a.yaml'],
    [fs.readFileSync(path.join(root, 'examples/web-app-single-az.yaml'), 'utf8'), 'b.yaml'],
    [fs.readFileSync(path.join(root, 'examples/broken-references.json'), 'utf8'), 'c.json'],
  ];

  it('never throws, and every range is on the cursor line and contains the cursor, at every offset', function () {
    this.timeout(120000);
    let total = 0;
    for (const [text, fileName] of docs) {
      const a = analyze(text, { fileName });
      for (let o = 0; o <= text.length; o++) {
        const items = completion(a, o).items;
        total += items.length;
        checkRanges({ text, offset: o, items }, `${fileName}@${o}`);
      }
    }
    assert.ok(total > 0);
  });

  it('never throws on half-typed documents: every prefix of a template, in YAML and JSON', function () {
    this.timeout(120000);
    const yaml = fs.readFileSync(path.join(root, 'examples/orders-serverless.yaml'), 'utf8').slice(0, 1200);
    const json = fs.readFileSync(path.join(root, 'examples/broken-references.json'), 'utf8').slice(0, 1200);
    for (const [full, fileName] of [
      [yaml, 'p.yaml'],
      [json, 'p.json'],
    ]) {
      for (let n = 0; n <= full.length; n += 7) {
        const text = full.slice(0, n);
        const items = completion(analyze(text, { fileName }), n).items;
        checkRanges({ text, offset: n, items }, `${fileName} prefix ${n}`);
      }
    }
  });

  it('converts snippets to plain text for clients without snippet support', () => {
    assert.strictEqual(snippetToPlain('A: ${1|x,y|} ${2:def} $3 \\$x \\} ${4:a\\}b}'), 'A: x def  $x } a}b');
  });
});
