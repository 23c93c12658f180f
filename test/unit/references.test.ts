/**
 * References: every kind, with the exact range of the referenced name, YAML and JSON; unknown
 * targets reported by `reference-unknown-target` on that range, with did-you-mean fixes.
 */
import * as assert from 'assert';
import { analyze, Analysis } from '../../server/src/core/analyze';
import { parseTemplate, Template } from '../../server/src/core/parse/template';
import { PSEUDO_PARAMETERS } from '../../server/src/core/parse/intrinsics';
import type { Finding, TextEdit } from '../../server/src/core/types';

const RULE = 'reference-unknown-target';

function slice(t: { text: string }, r: { start: number; end: number }): string {
  return t.text.slice(r.start, r.end);
}

/** [kind, target, text of the name range, attribute, text of the attribute range] for every reference. */
function refTable(t: Template): (string | undefined)[][] {
  return t.references.map((r) => [
    r.kind,
    r.target,
    slice(t, r),
    r.attribute,
    r.attrStart !== undefined && r.attrEnd !== undefined ? t.text.slice(r.attrStart, r.attrEnd) : undefined,
  ]);
}

function check(text: string, fileName = 't.yaml'): Analysis {
  return analyze(text, { fileName, only: [RULE, 'syntax-error'] });
}

/** Findings of the rule as [name text, 1-based line, 1-based column, message]. */
function unknowns(a: Analysis): [string, number, number, string][] {
  return a.findings
    .filter((f) => f.rule === RULE)
    .map((f) => {
      const p = a.lines.positionAt(f.start);
      return [slice(a.template, f), p.line + 1, p.character + 1, f.message];
    });
}

/**
 * The 1-based column just after `before` on a 1-based line of `text`: expected positions are
 * stated as "the name right after `!Ref `", independently of the parser.
 */
function after(text: string, line: number, before: string): number {
  const lineText = text.split(/\r?\n/)[line - 1];
  const i = lineText.indexOf(before);
  assert.ok(i >= 0, `"${before}" not on line ${line}: ${lineText}`);
  return i + before.length + 1;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

const YAML_ALL = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
  Subnets:
    Type: List<AWS::EC2::Subnet::Id>
Mappings:
  RegionMap:
    us-east-1:
      Ami: ami-123
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsNotProd: !Not [{Condition: IsProd}]
  IsProdAndUs: !And
    - !Condition IsProd
    - !Equals [!Ref "AWS::Region", us-east-1]
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Condition: IsProd
    Properties:
      Engine: postgres
  Bucket:
    Type: AWS::S3::Bucket
    DependsOn: Db
    Properties:
      BucketName: !Sub '\${AWS::StackName}-\${Env}-\${!Literal}'
  Fn:
    Type: AWS::Lambda::Function
    DependsOn: [Db, Bucket]
    Properties:
      ImageConfig:
        Command: !If [IsProd, !Ref AWS::NoValue, [x]]
      Environment:
        Variables:
          HOST: !GetAtt Db.Endpoint.Address
          PORT: !GetAtt [Db, Endpoint.Port]
          ARN: !Sub
            - 'arn:\${Part}:s3:::\${Bucket}/\${Local.Key}'
            - Part: !Ref AWS::Partition
              Local.Key: k
          AMI: !FindInMap [RegionMap, !Ref "AWS::Region", Ami]
          VPC: !ImportValue shared-vpc
          URL: !Sub "https://\${Bucket.RegionalDomainName}/\${ Env }"
          SCRIPT: !Sub |
            #!/bin/sh
            echo \${Db.Endpoint.Address}
Outputs:
  DbHost:
    Condition: IsProd
    Value: !GetAtt Db.Endpoint.Address
`;

describe('references: every kind with exact name ranges', () => {
  it('YAML: Ref, GetAtt (both forms, nested attribute), Sub (string, list with locals, escapes, block), DependsOn, Conditions, If, FindInMap, ImportValue', () => {
    const t = parseTemplate(YAML_ALL, { fileName: 't.yaml' });
    assert.deepStrictEqual(t.issues, []);
    assert.deepStrictEqual(refTable(t), [
      ['Ref', 'Env', 'Env', undefined, undefined],
      ['Condition', 'IsProd', 'IsProd', undefined, undefined],
      ['Condition', 'IsProd', 'IsProd', undefined, undefined],
      ['Ref', 'AWS::Region', 'AWS::Region', undefined, undefined],
      ['Condition', 'IsProd', 'IsProd', undefined, undefined],
      ['DependsOn', 'Db', 'Db', undefined, undefined],
      ['Sub', 'AWS::StackName', 'AWS::StackName', undefined, undefined],
      ['Sub', 'Env', 'Env', undefined, undefined],
      ['DependsOn', 'Db', 'Db', undefined, undefined],
      ['DependsOn', 'Bucket', 'Bucket', undefined, undefined],
      ['If', 'IsProd', 'IsProd', undefined, undefined],
      ['Ref', 'AWS::NoValue', 'AWS::NoValue', undefined, undefined],
      ['GetAtt', 'Db', 'Db', 'Endpoint.Address', 'Endpoint.Address'],
      ['GetAtt', 'Db', 'Db', 'Endpoint.Port', 'Endpoint.Port'],
      // `${Part}` and `${Local.Key}` are the list form's own variables: not references.
      ['Sub', 'Bucket', 'Bucket', undefined, undefined],
      ['Ref', 'AWS::Partition', 'AWS::Partition', undefined, undefined],
      ['FindInMap', 'RegionMap', 'RegionMap', undefined, undefined],
      ['Ref', 'AWS::Region', 'AWS::Region', undefined, undefined],
      ['ImportValue', 'shared-vpc', 'shared-vpc', undefined, undefined],
      ['Sub', 'Bucket', 'Bucket', 'RegionalDomainName', 'RegionalDomainName'],
      ['Sub', 'Env', 'Env', undefined, undefined],
      ['Sub', 'Db', 'Db', 'Endpoint.Address', 'Endpoint.Address'],
      ['Condition', 'IsProd', 'IsProd', undefined, undefined],
      ['GetAtt', 'Db', 'Db', 'Endpoint.Address', 'Endpoint.Address'],
    ]);
    // `${!Literal}` is an escape, never a reference.
    assert.ok(!t.references.some((r) => r.target.includes('Literal')));
    // Nothing is unknown in this template.
    assert.deepStrictEqual(unknowns(check(YAML_ALL)), []);
  });

  it('YAML: line and column of names inside a multi-line block Sub', () => {
    const t = parseTemplate(YAML_ALL, { fileName: 't.yaml' });
    const inBlock = t.references.filter((r) => r.kind === 'Sub' && r.target === 'Db')[0];
    const p = t.lines.positionAt(inBlock.start);
    const lineText = YAML_ALL.split('\n')[p.line];
    assert.strictEqual(lineText, '            echo ${Db.Endpoint.Address}');
    assert.strictEqual(p.character, lineText.indexOf('${Db') + 2);
    assert.strictEqual(t.text.slice(inBlock.attrStart, inBlock.attrEnd), 'Endpoint.Address');
  });

  it('records where each reference comes from', () => {
    const t = parseTemplate(YAML_ALL, { fileName: 't.yaml' });
    const from = (kind: string, target: string) => t.references.filter((r) => r.kind === kind && r.target === target).map((r) => r.from && `${r.from.section}.${r.from.id}`);
    assert.deepStrictEqual(from('Ref', 'Env'), ['Conditions.IsProd']);
    assert.deepStrictEqual(from('DependsOn', 'Bucket'), ['Resources.Fn']);
    assert.deepStrictEqual(from('Condition', 'IsProd'), ['Conditions.IsNotProd', 'Conditions.IsProdAndUs', 'Resources.Db', 'Outputs.DbHost']);
  });

  const JSON_ALL = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": { "Env": { "Type": "String" } },
  "Mappings": { "RegionMap": { "us-east-1": { "Ami": "ami-123" } } },
  "Conditions": {
    "IsProd": { "Fn::Equals": [{ "Ref": "Env" }, "prod"] },
    "IsNotProd": { "Fn::Not": [{ "Condition": "IsProd" }] }
  },
  "Resources": {
    "Db": { "Type": "AWS::RDS::DBInstance", "Condition": "IsProd" },
    "Bucket": {
      "Type": "AWS::S3::Bucket",
      "DependsOn": "Db",
      "Properties": { "BucketName": { "Fn::Sub": "\\"\${Env}\\"-\${!Literal}-\${AWS::Region}" } }
    },
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "DependsOn": ["Db", "Bucket"],
      "Properties": {
        "A": { "Fn::GetAtt": ["Db", "Endpoint.Address"] },
        "B": { "Fn::GetAtt": "Db.Endpoint.Port" },
        "C": { "Fn::Sub": ["\${X}/\${Bucket.Arn}", { "X": { "Ref": "Bucket" } }] },
        "D": { "Fn::If": ["IsNotProd", { "Ref": "AWS::NoValue" }, "x"] },
        "E": { "Fn::FindInMap": ["RegionMap", { "Ref": "AWS::Region" }, "Ami"] }
      }
    }
  },
  "Outputs": { "O": { "Condition": "IsProd", "Value": { "Ref": "Bucket" } } }
}
`;

  it('JSON: the same kinds, name ranges without the quotes', () => {
    const t = parseTemplate(JSON_ALL, { fileName: 't.json' });
    assert.deepStrictEqual(t.issues, []);
    assert.deepStrictEqual(refTable(t), [
      ['Ref', 'Env', 'Env', undefined, undefined],
      ['Condition', 'IsProd', 'IsProd', undefined, undefined],
      ['Condition', 'IsProd', 'IsProd', undefined, undefined],
      ['DependsOn', 'Db', 'Db', undefined, undefined],
      ['Sub', 'Env', 'Env', undefined, undefined],
      ['Sub', 'AWS::Region', 'AWS::Region', undefined, undefined],
      ['DependsOn', 'Db', 'Db', undefined, undefined],
      ['DependsOn', 'Bucket', 'Bucket', undefined, undefined],
      ['GetAtt', 'Db', 'Db', 'Endpoint.Address', 'Endpoint.Address'],
      ['GetAtt', 'Db', 'Db', 'Endpoint.Port', 'Endpoint.Port'],
      ['Sub', 'Bucket', 'Bucket', 'Arn', 'Arn'],
      ['Ref', 'Bucket', 'Bucket', undefined, undefined],
      ['If', 'IsNotProd', 'IsNotProd', undefined, undefined],
      ['Ref', 'AWS::NoValue', 'AWS::NoValue', undefined, undefined],
      ['FindInMap', 'RegionMap', 'RegionMap', undefined, undefined],
      ['Ref', 'AWS::Region', 'AWS::Region', undefined, undefined],
      ['Condition', 'IsProd', 'IsProd', undefined, undefined],
      ['Ref', 'Bucket', 'Bucket', undefined, undefined],
    ]);
    assert.deepStrictEqual(unknowns(check(JSON_ALL, 't.json')), []);
  });

  it('a property named Condition (IAM policy) is not a condition reference', () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: '*'
            Condition:
              StringEquals: {aws:RequestedRegion: us-east-1}
          - Condition: NotACondition
`;
    const a = check(text);
    assert.deepStrictEqual(a.template.references, []);
    assert.deepStrictEqual(a.findings, []);
  });
});

describe('references: unknown targets are reported on the exact name', () => {
  const BROKEN = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Environment:
    Type: String
Mappings:
  RegionMap:
    us-east-1: {Ami: ami-1}
Conditions:
  IsProd: !Equals [!Ref Enviroment, prod]
  Both: !And [!Condition IsProd, {Condition: IsPrd}]
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Condition: IsProduction
  Bucket:
    Type: AWS::S3::Bucket
    DependsOn: [Databse, Bucket2]
    Properties:
      BucketName: !Sub '\${Enviroment}-\${Databse.Endpoint.Address}-\${!Ignored}'
      Tags:
        - Key: a
          Value: !GetAtt Databse.Arn
        - Key: b
          Value: !GetAtt [Bukcet, Arn]
        - Key: c
          Value: !If [IsProdd, a, b]
        - Key: d
          Value: !FindInMap [RegionMaps, !Ref AWS::Region, Ami]
        - Key: e
          Value: !Ref AWS::Regoin
Outputs:
  Out:
    Condition: NoSuchCondition
    Value: !Ref Bucket
`;

  it('YAML: each unknown name, with line, column and message', () => {
    const a = check(BROKEN);
    assert.deepStrictEqual(a.template.issues, []);
    const B = (line: number, before: string) => after(BROKEN, line, before);
    assert.deepStrictEqual(unknowns(a), [
      ['Enviroment', 9, B(9, '[!Ref '), 'Ref target "Enviroment" is not a parameter, resource or pseudo-parameter defined in this template. Did you mean Environment?'],
      ['IsPrd', 10, B(10, '{Condition: '), 'Condition target "IsPrd" is not a condition defined in this template. Did you mean IsProd?'],
      ['IsProduction', 14, B(14, 'Condition: '), 'Condition target "IsProduction" is not a condition defined in this template. Did you mean IsProd?'],
      ['Databse', 17, B(17, 'DependsOn: ['), 'DependsOn target "Databse" is not a resource defined in this template. Did you mean Database?'],
      ['Bucket2', 17, B(17, 'Databse, '), 'DependsOn target "Bucket2" is not a resource defined in this template. Did you mean Bucket?'],
      ['Enviroment', 19, B(19, "!Sub '${"), 'Sub variable target "Enviroment" is not a parameter, resource or pseudo-parameter defined in this template. Did you mean Environment?'],
      ['Databse', 19, B(19, '}-${'), 'Sub variable target "Databse" is not a resource defined in this template. Did you mean Database?'],
      ['Databse', 22, B(22, '!GetAtt '), 'GetAtt target "Databse" is not a resource defined in this template. Did you mean Database?'],
      ['Bukcet', 24, B(24, '!GetAtt ['), 'GetAtt target "Bukcet" is not a resource defined in this template. Did you mean Bucket?'],
      ['IsProdd', 26, B(26, '!If ['), 'Fn::If condition target "IsProdd" is not a condition defined in this template. Did you mean IsProd?'],
      ['RegionMaps', 28, B(28, '!FindInMap ['), 'FindInMap target "RegionMaps" is not a mapping defined in this template. Did you mean RegionMap?'],
      ['AWS::Regoin', 30, B(30, '!Ref '), 'Ref target "AWS::Regoin" is not a parameter, resource or pseudo-parameter defined in this template. Did you mean AWS::Region?'],
      ['NoSuchCondition', 33, B(33, 'Condition: '), 'Condition target "NoSuchCondition" is not a condition defined in this template.'],
    ]);
    // Each finding names the resource it is in (null outside Resources).
    assert.deepStrictEqual(
      a.findings.map((f) => f.resource),
      [null, null, 'Database', 'Bucket', 'Bucket', 'Bucket', 'Bucket', 'Bucket', 'Bucket', 'Bucket', 'Bucket', 'Bucket', null],
    );
    assert.ok(a.findings.every((f) => f.severity === 'error' && f.area === 'reference'));
  });

  it('JSON: unknown names reported inside the quotes', () => {
    const text = `{
  "Resources": {
    "Queue": { "Type": "AWS::SQS::Queue" },
    "Topic": {
      "Type": "AWS::SNS::Topic",
      "DependsOn": "Queu",
      "Properties": {
        "TopicName": { "Fn::Sub": ["\${Q}-\${Queue.QueueName}-\${Missing}", { "Q": { "Ref": "Queue" } }] },
        "DisplayName": { "Fn::GetAtt": ["Queue2", "Arn"] },
        "KmsMasterKeyId": { "Ref": "Key" }
      }
    }
  }
}`;
    const a = check(text, 't.json');
    assert.deepStrictEqual(
      unknowns(a).map(([s, l, c]) => [s, l, c]),
      [
        ['Queu', 6, after(text, 6, '"DependsOn": "')],
        ['Missing', 8, after(text, 8, 'QueueName}-${')],
        ['Queue2', 9, after(text, 9, '"Fn::GetAtt": ["')],
        ['Key', 10, after(text, 10, '{ "Ref": "')],
      ],
    );
  });

  it('did-you-mean fixes replace exactly the name and make the template clean', () => {
    const a = check(BROKEN);
    const withFix = a.findings.filter((f) => f.fixes.length > 0);
    assert.strictEqual(withFix.length, 12, 'every finding with a close name offers a fix');
    for (const f of withFix) {
      assert.strictEqual(f.fixes[0].edits.length, 1);
      const e = f.fixes[0].edits[0];
      assert.deepStrictEqual([e.start, e.end], [f.start, f.end], 'the edit replaces the name range');
      assert.strictEqual(f.fixes[0].preferred, f.fixes.length === 1);
    }
    // Apply the first fix of each finding: only the finding without a suggestion remains.
    const fixed = applyEdits(BROKEN, withFix.map((f) => f.fixes[0].edits[0]));
    assert.deepStrictEqual(
      unknowns(check(fixed)).map(([s]) => s),
      ['NoSuchCondition'],
    );
    assert.ok(fixed.includes('!GetAtt Database.Arn') && fixed.includes('DependsOn: [Database, Bucket]'));
  });

  it('several close names: several fixes, none preferred', () => {
    const text = 'Resources:\n  Queue1: {Type: AWS::SQS::Queue}\n  Queue2: {Type: AWS::SQS::Queue}\n  T:\n    Type: AWS::SNS::Topic\n    DependsOn: Queue3\n';
    const [f] = check(text).findings as Finding[];
    assert.deepStrictEqual(
      f.fixes.map((x) => [x.title, x.preferred]),
      [
        ['Change to Queue1', false],
        ['Change to Queue2', false],
      ],
    );
    assert.match(f.message, /Did you mean Queue1 or Queue2\?$/);
  });

  it('pseudo-parameters are known, in Ref and in Sub', () => {
    const refs = PSEUDO_PARAMETERS.map((p, i) => `      P${i}: !Ref ${p}\n      S${i}: !Sub '\${${p}}'\n`).join('');
    const text = `Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n${refs}`;
    const a = check(text);
    assert.strictEqual(a.template.references.length, PSEUDO_PARAMETERS.length * 2);
    assert.deepStrictEqual(a.findings, []);
    assert.deepStrictEqual(PSEUDO_PARAMETERS.slice().sort(), ['AWS::AccountId', 'AWS::NoValue', 'AWS::NotificationARNs', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);
    // But a pseudo-parameter is not a resource.
    const b = check('Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      X: !GetAtt AWS::Region.Name\n');
    assert.strictEqual(unknowns(b).length, 1);
  });

  it('GetAtt, Sub attribute and DependsOn naming a parameter: "needs a resource"', () => {
    const text = `Parameters:
  VpcId:
    Type: AWS::EC2::VPC::Id
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    DependsOn: VpcId
    Properties:
      GroupDescription: !GetAtt VpcId.CidrBlock
      VpcId: !Sub '\${VpcId.Id}'
      Tags: [{Key: v, Value: !Ref VpcId}]
`;
    assert.deepStrictEqual(unknowns(check(text)), [
      ['VpcId', 7, after(text, 7, 'DependsOn: '), 'DependsOn needs a resource, but VpcId is a parameter.'],
      ['VpcId', 9, after(text, 9, '!GetAtt '), 'GetAtt needs a resource, but VpcId is a parameter.'],
      ['VpcId', 10, after(text, 10, "!Sub '${"), 'Sub variable needs a resource, but VpcId is a parameter.'],
    ]);
  });

  it('Sub list form: local variables shadow, undefined ones are reported; ${!Literal} never is', () => {
    const text = `Resources:
  T:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Sub
        - '\${Name}-\${Nope}-\${!Nope}-\${T.TopicName}'
        - Name: x
`;
    assert.deepStrictEqual(
      unknowns(check(text)).map(([s, l, c]) => [s, l, c]),
      [['Nope', 6, after(text, 6, '${Name}-${')]],
    );
  });
});

describe('references: names SAM generates are known', () => {
  it('MyFunctionRole, ServerlessRestApi, QueueLogicalId, MyApiProdStage, event-source IDs', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  MyFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Events:
        Get:
          Type: Api
          Properties: {Path: /, Method: get}
        Every:
          Type: Schedule
          Properties:
            Schedule: rate(1 minute)
            DeadLetterConfig:
              Type: SQS
              QueueLogicalId: MyDlq
  MyApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
Outputs:
  Role: {Value: !GetAtt MyFunctionRole.Arn}
  Api: {Value: !Sub 'https://\${ServerlessRestApi}.execute-api.\${AWS::Region}.amazonaws.com/Prod'}
  Dlq: {Value: !GetAtt MyDlq.Arn}
  Stage: {Value: !Ref MyApiProdStage}
  Rule: {Value: !Ref MyFunctionEvery}
  Typo: {Value: !Ref MyFuncton}
`;
    const a = check(text);
    assert.strictEqual(a.kind, 'sam');
    assert.deepStrictEqual(
      unknowns(a).map(([s, l]) => [s, l]),
      [['MyFuncton', 29]],
    );
  });

  it('a SAM template without a Transform line is still SAM, and its generated names known', () => {
    const text = 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {Handler: a, Runtime: python3.12}\nOutputs:\n  R: {Value: !Ref FnRole}\n';
    const a = check(text);
    assert.strictEqual(a.kind, 'sam');
    assert.deepStrictEqual(a.findings, []);
  });

  it('but the same names without SAM resources are unknown', () => {
    const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\nOutputs:\n  R: {Value: !Ref FnRole}\n  A: {Value: !Ref ServerlessRestApi}\n';
    assert.deepStrictEqual(
      unknowns(check(text)).map(([s]) => s),
      ['FnRole', 'ServerlessRestApi'],
    );
  });
});

describe('references in DeletionPolicy and UpdateReplacePolicy', () => {
  const text = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Policy:
    Type: String
    Default: Retain
Conditions:
  IsProd: !Equals [!Ref "AWS::Region", us-east-1]
Mappings:
  Policies:
    prod: {db: Snapshot}
Resources:
  Db:
    Type: AWS::SQS::Queue
    DeletionPolicy: !Ref Policy
    UpdateReplacePolicy: !If [IsProd, !FindInMap [Policies, prod, db], !Ref Polcy]
`;
  it('are in the model, with their kinds and exact ranges, and reach the graph once', () => {
    const a = analyze(text, { fileName: 't.yaml' });
    const refs = a.template.references.filter((r) => r.from?.id === 'Db');
    assert.deepStrictEqual(
      refs.map((r) => [r.kind, r.target, text.slice(r.start, r.end)]),
      [
        ['Ref', 'Policy', 'Policy'],
        ['If', 'IsProd', 'IsProd'],
        ['FindInMap', 'Policies', 'Policies'],
        ['Ref', 'Polcy', 'Polcy'],
      ],
    );
    const edges = a.graph.dependencies('Db').map((e) => `${e.kind}:${e.to}`);
    assert.deepStrictEqual(edges.sort(), ['Condition:Conditions.IsProd', 'FindInMap:Mappings.Policies', 'Ref:Parameters.Policy'].sort());
    assert.deepStrictEqual(
      a.findings.filter((f) => f.rule === 'reference-unknown-target').map((f) => text.slice(f.start, f.end)),
      ['Polcy'],
    );
  });
});
