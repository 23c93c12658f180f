import * as assert from 'assert';
import * as YAML from 'yaml';
import { analyze } from '../../server/src/core/analyze';
import { suppressEdits, SuppressScope } from '../../server/src/core/fix/suppress';
import type { TextEdit } from '../../server/src/core/types';

const RULE = 'reference-unknown-target';

function apply(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Suppresses RULE, checks the finding is gone, the text still parses and nothing new is reported. */
function suppress(text: string, scope: SuppressScope, fileName = 't.yaml'): string {
  const before = analyze(text, { fileName });
  assert.ok(before.findings.some((f) => f.rule === RULE), 'fixture must produce the finding');
  const edits = suppressEdits(before.template, RULE, scope);
  assert.ok(edits, 'an edit is offered');
  const out = apply(text, edits);
  const after = analyze(out, { fileName });
  const forScope = (f: { rule: string; resource: string | null }) => f.rule === RULE && (scope === 'template' || f.resource === scope.resource);
  assert.deepStrictEqual(after.findings.filter(forScope), [], `finding gone:\n${out}`);
  assert.deepStrictEqual(after.template.issues, [], `parses cleanly:\n${out}`);
  assert.deepStrictEqual(
    after.findings.map((f) => f.rule),
    before.findings.filter((f) => !forScope(f)).map((f) => f.rule),
    'nothing else changes',
  );
  if (fileName.endsWith('.json')) JSON.parse(out);
  else assert.deepStrictEqual(YAML.parseDocument(out, { logLevel: 'silent' }).errors, []);
  // Applying again is refused (the rule is already listed) or the finding is already gone.
  const again = suppressEdits(after.template, RULE, scope);
  if (again) {
    const twice = analyze(apply(out, again), { fileName });
    assert.deepStrictEqual(twice.template.issues, []);
  }
  return out;
}

const YAML_T = `AWSTemplateFormatVersion: "2010-09-09"
Description: demo
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Consumer:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Ref Buckt
`;

describe('suppressEdits (YAML)', () => {
  it('adds Metadata to a resource, after Type, in block style', () => {
    const out = suppress(YAML_T, { resource: 'Consumer' });
    assert.strictEqual(
      out,
      YAML_T.replace(
        '    Type: AWS::SNS::Topic\n',
        '    Type: AWS::SNS::Topic\n    Metadata:\n      cfn-resilience:\n        ignore:\n          - reference-unknown-target\n',
      ),
    );
  });

  it('appends after the last key when the resource has only Type', () => {
    const t = `Resources:\n  Consumer:\n    Type: AWS::SNS::Topic  # topic\n\n  Other:\n    Type: AWS::SNS::Topic\n    DependsOn: Missing\n`;
    const a = analyze(t, { fileName: 't.yaml' });
    const out = apply(t, suppressEdits(a.template, 'some-rule', { resource: 'Consumer' })!);
    assert.strictEqual(out, t.replace('# topic\n', '# topic\n    Metadata:\n      cfn-resilience:\n        ignore:\n          - some-rule\n'));
    assert.deepStrictEqual(analyze(out, { fileName: 't.yaml' }).template.issues, []);
    // The engine reads it back: DependsOn: Missing is reported on Other only, and can be ignored there.
    const out2 = suppress(t, { resource: 'Other' });
    assert.ok(out2.includes('    Type: AWS::SNS::Topic\n    Metadata:\n      cfn-resilience:\n        ignore:\n          - reference-unknown-target\n    DependsOn: Missing\n'), out2);
  });

  it('adds the template-level Metadata after the header keys', () => {
    const out = suppress(YAML_T, 'template');
    assert.ok(out.startsWith('AWSTemplateFormatVersion: "2010-09-09"\nDescription: demo\nMetadata:\n  cfn-resilience:\n    ignore:\n      - reference-unknown-target\nResources:\n'), out);
  });

  it('extends an existing template Metadata map', () => {
    const t = YAML_T.replace('Resources:', 'Metadata:\n  AWS::CloudFormation::Interface:\n    ParameterGroups: []\nResources:');
    const out = suppress(t, 'template');
    assert.ok(out.includes('Metadata:\n  cfn-resilience:\n    ignore:\n      - reference-unknown-target\n  AWS::CloudFormation::Interface:'), out);
  });

  it('appends to an existing block ignore list', () => {
    const t = YAML_T.replace('    Properties:', '    Metadata:\n      cfn-resilience:\n        ignore:\n        - some-other-rule\n    Properties:');
    const out = suppress(t, { resource: 'Consumer' });
    assert.ok(out.includes('        ignore:\n        - some-other-rule\n        - reference-unknown-target\n'), out);
  });

  it('appends to an existing flow ignore list and turns a scalar into a list', () => {
    const flow = YAML_T.replace('    Properties:', '    Metadata: {cfn-resilience: {ignore: [a-rule]}}\n    Properties:');
    assert.ok(suppress(flow, { resource: 'Consumer' }).includes('{ignore: [a-rule, reference-unknown-target]}'));
    const scalar = YAML_T.replace('    Properties:', '    Metadata:\n      cfn-resilience:\n        ignore: a-rule\n    Properties:');
    assert.ok(suppress(scalar, { resource: 'Consumer' }).includes('ignore: [a-rule, reference-unknown-target]'));
  });

  it('fills an empty Metadata or cfn-resilience key', () => {
    const empty = YAML_T.replace('    Properties:', '    Metadata:\n    Properties:');
    assert.ok(suppress(empty, { resource: 'Consumer' }).includes('    Metadata:\n      cfn-resilience:\n        ignore:\n          - reference-unknown-target\n    Properties:'));
    const emptyOurs = YAML_T.replace('    Properties:', '    Metadata:\n      cfn-resilience:   # ours\n    Properties:');
    assert.ok(suppress(emptyOurs, { resource: 'Consumer' }).includes('      cfn-resilience:   # ours\n        ignore:\n          - reference-unknown-target\n'));
    const tilde = YAML_T.replace('    Properties:', '    Metadata: ~\n    Properties:');
    assert.ok(suppress(tilde, { resource: 'Consumer' }).includes('    Metadata:\n      cfn-resilience:\n        ignore:\n          - reference-unknown-target\n    Properties:'));
  });

  it('keeps four-space indentation and CRLF line ends', () => {
    const four = YAML_T.replace(/^( +)/gm, (m) => m + m);
    const out = suppress(four, { resource: 'Consumer' });
    assert.ok(out.includes('        Type: AWS::SNS::Topic\n        Metadata:\n            cfn-resilience:\n                ignore:\n                    - reference-unknown-target\n'), out);
    const crlf = YAML_T.replace(/\n/g, '\r\n');
    const out2 = suppress(crlf, 'template');
    assert.ok(!/[^\r]\n/.test(out2), 'only CRLF');
  });

  it('writes flow text into a flow-style resource', () => {
    const t = `Resources:\n  Bucket: {Type: AWS::S3::Bucket}\n  Consumer: {Type: AWS::SNS::Topic, Properties: {TopicName: !Ref Buckt}}\n`;
    const out = suppress(t, { resource: 'Consumer' });
    assert.ok(out.includes('{Type: AWS::SNS::Topic, Metadata: {cfn-resilience: {ignore: [reference-unknown-target]}}, Properties:'), out);
  });

  it('keeps the comments that introduce the next key above it', () => {
    const t = YAML_T.replace('    Properties:', '    # the topic\n    Properties:');
    const out = suppress(t, { resource: 'Consumer' });
    assert.ok(out.includes('          - reference-unknown-target\n    # the topic\n    Properties:'), out);
  });

  it('refuses what it cannot edit safely', () => {
    const a = analyze(YAML_T, { fileName: 't.yaml' });
    assert.strictEqual(suppressEdits(a.template, RULE, { resource: 'Nope' }), null);
    const meta = analyze(YAML_T.replace('    Properties:', '    Metadata: just-a-string\n    Properties:'), { fileName: 't.yaml' });
    assert.strictEqual(suppressEdits(meta.template, RULE, { resource: 'Consumer' }), null);
    const listed = analyze(YAML_T.replace('    Properties:', `    Metadata: {cfn-resilience: {ignore: [${RULE}]}}\n    Properties:`), { fileName: 't.yaml' });
    assert.strictEqual(suppressEdits(listed.template, RULE, { resource: 'Consumer' }), null);
    const anchored = analyze('Resources:\n  A: &x\n    Type: AWS::SNS::Topic\n    DependsOn: Nope\n  B: *x\n', { fileName: 't.yaml' });
    assert.strictEqual(suppressEdits(anchored.template, RULE, { resource: 'A' }), null);
    assert.strictEqual(suppressEdits(anchored.template, RULE, { resource: 'B' }), null);
    const broken = analyze('- not\n- a map\n', { fileName: 't.yaml' });
    assert.strictEqual(suppressEdits(broken.template, RULE, 'template'), null);
  });
});

const JSON_T = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Bucket": {
      "Type": "AWS::S3::Bucket"
    },
    "Consumer": {
      "Type": "AWS::SNS::Topic",
      "Properties": {
        "TopicName": { "Ref": "Buckt" }
      }
    }
  }
}
`;

describe('suppressEdits (JSON)', () => {
  it('adds pretty Metadata to a resource', () => {
    const out = suppress(JSON_T, { resource: 'Consumer' }, 't.json');
    assert.ok(
      out.includes(
        '      "Type": "AWS::SNS::Topic",\n      "Metadata": {\n        "cfn-resilience": {\n          "ignore": ["reference-unknown-target"]\n        }\n      },\n      "Properties": {',
      ),
      out,
    );
  });

  it('adds Metadata after the only member of a resource and at the template level', () => {
    const t = JSON_T.replace('"Type": "AWS::SNS::Topic",\n      "Properties": {\n        "TopicName": { "Ref": "Buckt" }\n      }', '"Type": "AWS::SNS::Topic", "DependsOn": "Buckt"');
    suppress(t, { resource: 'Consumer' }, 't.json');
    const out = suppress(JSON_T, 'template', 't.json');
    assert.ok(out.startsWith('{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Metadata": {\n    "cfn-resilience": {\n      "ignore": ["reference-unknown-target"]\n    }\n  },\n  "Resources"'), out);
  });

  it('handles compact JSON and existing lists', () => {
    const compact = JSON.stringify(JSON.parse(JSON_T));
    const out = suppress(compact, { resource: 'Consumer' }, 't.json');
    assert.ok(out.includes('{"Type":"AWS::SNS::Topic","Metadata": {"cfn-resilience": {"ignore": ["reference-unknown-target"]}}, "Properties"'), out);
    const listed = JSON_T.replace('"Type": "AWS::SNS::Topic",', '"Type": "AWS::SNS::Topic",\n      "Metadata": {"cfn-resilience": {"ignore": ["x-rule"]}},');
    assert.ok(suppress(listed, { resource: 'Consumer' }, 't.json').includes('"ignore": ["x-rule", "reference-unknown-target"]'));
    const empty = JSON_T.replace('"Type": "AWS::SNS::Topic",', '"Type": "AWS::SNS::Topic",\n      "Metadata": {},');
    assert.ok(suppress(empty, { resource: 'Consumer' }, 't.json').includes('"Metadata": {"cfn-resilience": {"ignore": ["reference-unknown-target"]}},'));
  });
});
