import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ruleTester, yamlToJson } from './rules/tester';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/fix/apply';
import { selectFixAll } from '../../server/src/core/fix/fix-all';
import type { Finding } from '../../server/src/core/types';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');

// ---------------------------------------------------------------------------------------
ruleTester('graph-circular-dependency', {
  valid: [
    {
      name: 'a chain is not a loop',
      yaml: `${head}Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt B.TopicName\n  B:\n    Type: AWS::SNS::Topic\n    DependsOn: C\n  C:\n    Type: AWS::SNS::Topic\n`,
    },
    {
      name: 'SAM function and API naming each other through Events',
      yaml: `Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n      DefinitionBody:\n        info:\n          title: !Sub "\${Fn.Arn}"\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n      Runtime: python3.12\n      InlineCode: x\n      Events:\n        Get:\n          Type: Api\n          Properties:\n            RestApiId: !Ref Api\n            Path: /\n            Method: get\n`,
    },
  ],
  invalid: [
    {
      name: 'two resources through GetAtt and Sub',
      yaml: `${head}Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt B.TopicName\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub "\${A}-b"\n`,
      errors: [
        { message: 'Circular dependency between 2 resources: A → B → A.', resource: 'A', text: 'A', line: 3, severity: 'error' },
        { message: 'Circular dependency between 2 resources: A → B → A.', resource: 'B', text: 'B', line: 7 },
      ],
    },
    {
      name: 'a security group naming itself',
      yaml: `${head}Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: self\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          SourceSecurityGroupId: !Ref Sg\n`,
      errors: [{ message: 'Sg depends on itself: Sg → Sg.', resource: 'Sg', text: 'Sg' }],
    },
    {
      name: 'three resources, one link a DependsOn',
      yaml: `${head}Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: C\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref A\n  C:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt B.TopicName\n  D:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref A\n`,
      errors: [
        { message: 'A → C → B → A', resource: 'A' },
        { message: 'A → C → B → A', resource: 'B' },
        { message: 'A → C → B → A', resource: 'C' },
      ],
    },
  ],
});

describe('graph-circular-dependency: related locations', () => {
  it('lists every reference of the loop', () => {
    const text = `${head}Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: B\n    Properties:\n      TopicName: !GetAtt B.TopicName\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub "\${A}-b"\n`;
    const f = analyze(text, { fileName: 't.yaml' }).findings.filter((x) => x.rule === 'graph-circular-dependency');
    assert.strictEqual(f.length, 2);
    assert.deepStrictEqual(
      f[0].related!.map((r) => [text.slice(r.start, r.end), r.message]),
      [
        ['B', 'A → B (DependsOn)'],
        ['B', 'A → B (GetAtt)'],
        ['A', 'B → A (Sub)'],
      ],
    );
  });
});

// ---------------------------------------------------------------------------------------
ruleTester('graph-unused-parameter', {
  valid: [
    {
      name: 'Ref, Sub (both forms) and an output',
      yaml: `${head}Parameters:\n  A:\n    Type: String\n  B:\n    Type: String\n  C:\n    Type: String\n  D:\n    Type: String\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref A\n      DisplayName: !Sub ["\${x}-\${B}", {x: !Ref C}]\nOutputs:\n  O:\n    Value: !Sub "\${D}"\n`,
    },
    {
      name: 'read only by Rules (it still constrains what callers pass, as in cfn-lint W2001)',
      yaml: `${head}Parameters:\n  Env:\n    Type: String\nRules:\n  ProdOnly:\n    Assertions:\n      - Assert: !Equals [!Ref Env, prod]\nResources:\n  T:\n    Type: AWS::SNS::Topic\n`,
    },
    {
      name: 'read by SAM Globals',
      yaml: `Transform: AWS::Serverless-2016-10-31\nParameters:\n  Timeout:\n    Type: Number\n    Default: 3\nGlobals:\n  Function:\n    Timeout: !Ref Timeout\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n      Runtime: python3.12\n      InlineCode: x\n`,
    },
    {
      name: 'read by a condition and by DeletionPolicy',
      yaml: `${head}Parameters:\n  Env:\n    Type: String\n  Policy:\n    Type: String\n    Default: Retain\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: IsProd\n    DeletionPolicy: !Ref Policy\n`,
    },
    {
      name: 'a macro may read anything',
      yaml: `${head}Transform: MyMacro\nParameters:\n  Unused:\n    Type: String\nResources:\n  T:\n    Type: AWS::SNS::Topic\n`,
    },
  ],
  invalid: [
    {
      name: 'one unused parameter between used ones',
      yaml: `${head}Parameters:\n  Used:\n    Type: String\n  Unused:\n    Type: String\n    Default: x # why\n  AlsoUsed:\n    Type: String\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Used\n      DisplayName: !Ref AlsoUsed\n`,
      errors: [{ message: 'Parameter Unused is never used: no Ref or ${…} in Sub reads it.', resource: 'Unused', text: 'Unused', line: 5, severity: 'warning' }],
      fixTitles: ['Remove unused parameter Unused'],
      output: `${head}Parameters:\n  Used:\n    Type: String\n  AlsoUsed:\n    Type: String\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Used\n      DisplayName: !Ref AlsoUsed\n`,
    },
    {
      name: 'the only parameter: the section goes too',
      yaml: `${head}Parameters:\n  Unused:\n    Type: String\nResources:\n  T:\n    Type: AWS::SNS::Topic\n`,
      errors: [{ message: 'Parameter Unused is never used', line: 3 }],
      output: `${head}Resources:\n  T:\n    Type: AWS::SNS::Topic\n`,
    },
    {
      name: 'listed in the console interface only: label and group entries go with it',
      yaml: `${head}Metadata:\n  AWS::CloudFormation::Interface:\n    ParameterGroups:\n      - Label: {default: Network}\n        Parameters: [Used, Unused]\n      - Label: {default: Other}\n        Parameters:\n          - Unused\n    ParameterLabels:\n      Unused: {default: Not wired}\n      Used: {default: Wired}\nParameters:\n  Used:\n    Type: String\n  Unused:\n    Type: String\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Used\n`,
      errors: [{ message: 'Parameter Unused is never used: no Ref or ${…} in Sub reads it (Metadata AWS::CloudFormation::Interface only lays it out in the console).', text: 'Unused', line: 16 }],
      output: `${head}Metadata:\n  AWS::CloudFormation::Interface:\n    ParameterGroups:\n      - Label: {default: Network}\n        Parameters: [Used]\n    ParameterLabels:\n      Used: {default: Wired}\nParameters:\n  Used:\n    Type: String\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Used\n`,
    },
    {
      name: 'unused in a SAM template (cfn-lint skips SAM)',
      yaml: `Transform: AWS::Serverless-2016-10-31\nParameters:\n  Stage:\n    Type: String\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n      Runtime: python3.12\n      InlineCode: x\n`,
      errors: [{ message: 'Parameter Stage is never used', resource: 'Stage' }],
      output: `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n      Runtime: python3.12\n      InlineCode: x\n`,
    },
  ],
});

// ---------------------------------------------------------------------------------------
ruleTester('graph-unused-condition', {
  valid: [
    {
      name: 'resource and output Condition, Fn::If, another condition, DeletionPolicy',
      yaml: `${head}Parameters:\n  Env:\n    Type: String\n    Default: dev\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n  IsDev: !Not [!Condition IsProd]\n  ForOutput: !Equals [!Ref Env, x]\n  ForIf: !Equals [!Ref Env, y]\n  Keep: !Equals [!Ref Env, z]\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Condition: IsDev\n    DeletionPolicy: !If [Keep, Retain, Delete]\n    Properties:\n      TopicName: !If [ForIf, a, b]\nOutputs:\n  O:\n    Condition: ForOutput\n    Value: x\n`,
    },
  ],
  invalid: [
    {
      name: 'one unused condition',
      yaml: `${head}Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n  IsTest: !Equals [!Ref Env, test]\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Condition: IsProd\n`,
      errors: [{ message: 'Condition IsTest is never used: no resource, output, Fn::If or other condition uses it.', resource: 'IsTest', text: 'IsTest', line: 7, severity: 'warning' }],
      fixTitles: ['Remove unused condition IsTest'],
      output: `${head}Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Condition: IsProd\n`,
    },
    {
      name: 'every condition unused: remove one, or the whole section',
      yaml: `${head}Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n  IsTest: !Equals [!Ref Env, test]\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Env\n`,
      errors: [{ message: 'Condition IsProd is never used' }, { message: 'Condition IsTest is never used' }],
      fixTitles: ['Remove unused condition IsProd', 'Remove the Conditions section (none of its 2 conditions is used)'],
      fix: 1,
      output: `${head}Parameters:\n  Env:\n    Type: String\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Env\n`,
    },
  ],
});

// ---------------------------------------------------------------------------------------
ruleTester('graph-unused-mapping', {
  valid: [
    {
      name: 'FindInMap reads it',
      yaml: `${head}Mappings:\n  Sizes:\n    dev: {size: small}\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !FindInMap [Sizes, dev, size]\n`,
    },
    {
      name: 'a computed map name may read any mapping',
      yaml: `${head}Parameters:\n  Which:\n    Type: String\nMappings:\n  A:\n    k: {v: 1}\n  B:\n    k: {v: 2}\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !FindInMap [!Ref Which, k, v]\n`,
    },
  ],
  invalid: [
    {
      name: 'the middle mapping is unused',
      yaml: `${head}Mappings:\n  A:\n    k: {v: 1}\n  B:\n    k:\n      v: 2\n  C:\n    k: {v: 3}\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !FindInMap [A, k, v]\n      DisplayName: !FindInMap [C, k, v]\n`,
      errors: [{ message: 'Mapping B is never used: no Fn::FindInMap reads it.', text: 'B', line: 5, severity: 'warning' }],
      output: `${head}Mappings:\n  A:\n    k: {v: 1}\n  C:\n    k: {v: 3}\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !FindInMap [A, k, v]\n      DisplayName: !FindInMap [C, k, v]\n`,
    },
    {
      name: 'the only mapping: the section goes too',
      yaml: `${head}Mappings:\n  RegionMap:\n    us-east-1:\n      ami: ami-1\nResources:\n  T:\n    Type: AWS::SNS::Topic\n`,
      errors: [{ message: 'Mapping RegionMap is never used' }],
      fixTitles: ['Remove unused mapping RegionMap'],
      output: `${head}Resources:\n  T:\n    Type: AWS::SNS::Topic\n`,
    },
  ],
});

// ---------------------------------------------------------------------------------------
const keyAndLog = `${head}Resources:\n  Key:\n    Type: AWS::KMS::Key\n  Log:\n    Type: AWS::Logs::LogGroup\n  Bucket:\n    Type: AWS::S3::Bucket\n`;

ruleTester('graph-redundant-depends-on', {
  valid: [
    {
      name: 'a DependsOn no reference implies (route after the gateway attachment)',
      yaml: `${head}Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n  Igw:\n    Type: AWS::EC2::InternetGateway\n  Attach:\n    Type: AWS::EC2::VPCGatewayAttachment\n    Properties:\n      VpcId: !Ref Vpc\n      InternetGatewayId: !Ref Igw\n  Rt:\n    Type: AWS::EC2::RouteTable\n    Properties:\n      VpcId: !Ref Vpc\n  Route:\n    Type: AWS::EC2::Route\n    DependsOn: Attach\n    Properties:\n      RouteTableId: !Ref Rt\n      DestinationCidrBlock: 0.0.0.0/0\n      GatewayId: !Ref Igw\n`,
    },
    {
      name: 'the reference sits in one Fn::If branch only',
      yaml: `${head}Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  Key:\n    Type: AWS::KMS::Key\n  Topic:\n    Type: AWS::SNS::Topic\n    DependsOn: Key\n    Properties:\n      KmsMasterKeyId: !If [IsProd, !Ref Key, !Ref "AWS::NoValue"]\n`,
    },
    {
      name: 'SAM: a reference in Events belongs to the generated event source mapping',
      yaml: `Transform: AWS::Serverless-2016-10-31\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Fn:\n    Type: AWS::Serverless::Function\n    DependsOn: Queue\n    Properties:\n      Handler: a.b\n      Runtime: python3.12\n      InlineCode: x\n      Events:\n        Q:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Queue.Arn\n`,
    },
  ],
  invalid: [
    {
      name: 'string form: the key goes',
      yaml: `${head}Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n  Policy:\n    Type: AWS::S3::BucketPolicy\n    DependsOn: Bucket\n    Properties:\n      Bucket: !Ref Bucket\n      PolicyDocument: {}\n`,
      errors: [{ message: 'DependsOn Bucket is redundant: the Ref at Properties.Bucket already makes Policy wait for Bucket.', resource: 'Policy', text: 'Bucket', line: 7, severity: 'info' }],
      fixTitles: ['Remove DependsOn'],
      output: `${head}Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n  Policy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref Bucket\n      PolicyDocument: {}\n`,
    },
    {
      name: 'block list: the item goes',
      yaml: `${keyAndLog}    DependsOn:\n      - Log\n      - Key\n    Properties:\n      BucketName: !Sub "\${Key}-b"\n`,
      errors: [{ message: 'DependsOn Key is redundant: the ${Key} in Sub at Properties.BucketName already makes Bucket wait for Key.', text: 'Key', line: 11 }],
      fixTitles: ['Remove Key from DependsOn'],
      output: `${keyAndLog}    DependsOn:\n      - Log\n    Properties:\n      BucketName: !Sub "\${Key}-b"\n`,
    },
    {
      name: 'flow list, first item',
      yaml: `${keyAndLog}    DependsOn: [Key, Log]\n    Properties:\n      BucketName: !GetAtt Key.KeyId\n`,
      errors: [{ message: 'DependsOn Key is redundant: the GetAtt at Properties.BucketName', text: 'Key' }],
      output: `${keyAndLog}    DependsOn: [Log]\n    Properties:\n      BucketName: !GetAtt Key.KeyId\n`,
    },
    {
      name: 'flow list, last item',
      yaml: `${keyAndLog}    DependsOn: [Log, Key]\n    Properties:\n      BucketName: !Ref Key\n`,
      errors: [{ message: 'DependsOn Key is redundant', text: 'Key' }],
      output: `${keyAndLog}    DependsOn: [Log]\n    Properties:\n      BucketName: !Ref Key\n`,
    },
    {
      name: 'one-item list: the key goes',
      yaml: `${keyAndLog}    DependsOn: [Key]\n    Properties:\n      BucketName: !Ref Key\n`,
      errors: [{ message: 'DependsOn Key is redundant', text: 'Key' }],
      fixTitles: ['Remove DependsOn'],
      output: `${keyAndLog}    Properties:\n      BucketName: !Ref Key\n`,
    },
    {
      name: 'every entry implied: each finding removes the key',
      yaml: `${keyAndLog}    DependsOn:\n      - Key\n      - Log\n    Properties:\n      BucketName: !Ref Key\n      Tags:\n        - Key: log\n          Value: !Ref Log\n`,
      errors: [
        { message: 'DependsOn Key is redundant', text: 'Key' },
        { message: 'DependsOn Log is redundant: the Ref at Properties.Tags[0].Value', text: 'Log' },
      ],
      fixTitles: ['Remove DependsOn (every entry is implied)'],
      output: `${keyAndLog}    Properties:\n      BucketName: !Ref Key\n      Tags:\n        - Key: log\n          Value: !Ref Log\n`,
    },
    {
      name: 'the same resource listed twice',
      yaml: `${keyAndLog}    DependsOn: [Log, Log]\n`,
      errors: [{ message: 'DependsOn lists Log more than once.', text: 'Log', line: 9 }],
      output: `${keyAndLog}    DependsOn: [Log]\n`,
    },
  ],
});

// ---------------------------------------------------------------------------------------
// Exact JSON text of the fixes (the tester compares JSON as data), and "fix all".

function fixOf(text: string, fileName: string, rule: string, i = 0, fix = 0): string {
  const a = analyze(text, { fileName });
  const f = a.findings.filter((x) => x.rule === rule)[i];
  assert.ok(f, `no ${rule} finding #${i}`);
  return applyEdits(text, f.fixes[fix].edits);
}

function fixAll(text: string, fileName: string): { text: string; findings: Finding[] } {
  let cur = text;
  for (let round = 0; round < 10; round++) {
    const a = analyze(cur, { fileName });
    const fixes = selectFixAll(a.findings.filter((f) => f.rule.startsWith('graph-')));
    if (!fixes.length) return { text: cur, findings: a.findings };
    cur = applyEdits(cur, fixes.flatMap((f) => f.edits));
    const b = analyze(cur, { fileName });
    assert.deepStrictEqual(b.template.issues, [], `round ${round} parses:\n${cur}`);
  }
  throw new Error('fix-all does not converge');
}

describe('graph rules: JSON fixes, exact text', () => {
  const params = `{
  "Parameters": {
    "A": {"Type": "String"},
    "B": {
      "Type": "String"
    },
    "C": {"Type": "String"}
  },
  "Resources": {
    "T": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "X"}}}
  }
}
`;
  const use = (...names: string[]) => params.replace('{"Ref": "X"}', `{"Fn::Join": ["", [${names.map((n) => `{"Ref": "${n}"}`).join(', ')}]]}`);

  it('removes the first, a middle and the last pair with the right comma', () => {
    assert.strictEqual(fixOf(use('B', 'C'), 't.json', 'graph-unused-parameter'), use('B', 'C').replace('    "A": {"Type": "String"},\n', ''));
    assert.strictEqual(fixOf(use('A', 'C'), 't.json', 'graph-unused-parameter'), use('A', 'C').replace('    "B": {\n      "Type": "String"\n    },\n', ''));
    assert.strictEqual(fixOf(use('A', 'B'), 't.json', 'graph-unused-parameter'), use('A', 'B').replace('},\n    "C": {"Type": "String"}\n', '}\n'));
  });

  it('removes the section with its comma when the last entry goes', () => {
    const text = `{
  "Resources": {"T": {"Type": "AWS::SNS::Topic"}},
  "Conditions": {
    "Never": {"Fn::Equals": ["a", "b"]}
  }
}
`;
    assert.strictEqual(fixOf(text, 't.json', 'graph-unused-condition'), `{
  "Resources": {"T": {"Type": "AWS::SNS::Topic"}}
}
`);
    const first = `{"Mappings": {"M": {"k": {"v": 1}}}, "Resources": {"T": {"Type": "AWS::SNS::Topic"}}}`;
    assert.strictEqual(fixOf(first, 't.json', 'graph-unused-mapping'), `{"Resources": {"T": {"Type": "AWS::SNS::Topic"}}}`);
  });

  it('removes DependsOn items and keys in JSON', () => {
    const base = (dep: string) => `{
  "Resources": {
    "Key": {"Type": "AWS::KMS::Key"},
    "Log": {"Type": "AWS::Logs::LogGroup"},
    "Bucket": {
      "Type": "AWS::S3::Bucket",
      ${dep}
      "Properties": {"BucketName": {"Ref": "Key"}}
    }
  }
}
`;
    assert.strictEqual(fixOf(base('"DependsOn": ["Key", "Log"],'), 't.json', 'graph-redundant-depends-on'), base('"DependsOn": ["Log"],'));
    assert.strictEqual(fixOf(base('"DependsOn": ["Log", "Key"],'), 't.json', 'graph-redundant-depends-on'), base('"DependsOn": ["Log"],'));
    assert.strictEqual(fixOf(base('"DependsOn": [\n        "Log",\n        "Key"\n      ],'), 't.json', 'graph-redundant-depends-on'), base('"DependsOn": [\n        "Log"\n      ],'));
    assert.strictEqual(fixOf(base('"DependsOn": "Key",'), 't.json', 'graph-redundant-depends-on'), base('').replace('\n      \n', '\n'));
  });

  it('fix-all removes several unused entries at once and keeps the text valid (YAML and JSON)', () => {
    const yaml = `${head}Parameters:\n  Env:\n    Type: String\nConditions:\n  C1: !Equals [!Ref Env, a]\n  C2: !Equals [!Ref Env, b]\n  C3: !Equals [!Ref Env, c]\n  C4: !Equals [!Ref Env, d]\nMappings:\n  M1:\n    k: {v: 1}\n  M2:\n    k: {v: 2}\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Condition: C2\n    DependsOn: [K, L]\n    Properties:\n      TopicName: !Ref K\n      DisplayName: !Ref L\n  K:\n    Type: AWS::SNS::Topic\n  L:\n    Type: AWS::SNS::Topic\n`;
    const expected = `${head}Parameters:\n  Env:\n    Type: String\nConditions:\n  C2: !Equals [!Ref Env, b]\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Condition: C2\n    Properties:\n      TopicName: !Ref K\n      DisplayName: !Ref L\n  K:\n    Type: AWS::SNS::Topic\n  L:\n    Type: AWS::SNS::Topic\n`;
    const y = fixAll(yaml, 't.yaml');
    assert.strictEqual(y.text, expected);
    assert.deepStrictEqual(y.findings.filter((f) => f.rule.startsWith('graph-')), []);
    const json = fixAll(yamlToJson(yaml), 't.json');
    JSON.parse(json.text);
    assert.deepStrictEqual(JSON.parse(json.text), JSON.parse(yamlToJson(expected)));
    assert.deepStrictEqual(json.findings.filter((f) => f.rule.startsWith('graph-')), []);
  });
});

describe('graph rules on the corpus', () => {
  it('reports the cfn-lint circular fixtures once per resource in each loop', function () {
    const p = path.join(CORPUS, 'cfnlint-bad/resources_circular_dependency.yaml');
    if (!fs.existsSync(p)) this.skip();
    const f = analyze(fs.readFileSync(p, 'utf8'), { fileName: p }).findings.filter((x) => x.rule === 'graph-circular-dependency');
    assert.deepStrictEqual(
      f.map((x) => [x.resource, x.message]),
      [
        ['mySecurityGroupVpc1', 'Circular dependency between 2 resources: mySecurityGroupVpc1 → mySecurityGroupVpc2 → mySecurityGroupVpc1.'],
        ['mySecurityGroupVpc2', 'Circular dependency between 2 resources: mySecurityGroupVpc1 → mySecurityGroupVpc2 → mySecurityGroupVpc1.'],
        ['mySecurityGroupVpc3', 'mySecurityGroupVpc3 depends on itself: mySecurityGroupVpc3 → mySecurityGroupVpc3.'],
        ['myRoleToWriteToS3', 'Circular dependency between 3 resources: myRoleToWriteToS3 → myKms → myInstanceProfile → myRoleToWriteToS3.'],
        ['myInstanceProfile', 'Circular dependency between 3 resources: myRoleToWriteToS3 → myKms → myInstanceProfile → myRoleToWriteToS3.'],
        ['myKms', 'Circular dependency between 3 resources: myRoleToWriteToS3 → myKms → myInstanceProfile → myRoleToWriteToS3.'],
      ],
    );
  });

  it("finds exactly cfn-lint's W3005 (dependency already enforced) in its snapshot results", function () {
    const index = path.join(CORPUS, 'cfnlint-results/RESULTS_INDEX.tsv');
    if (!fs.existsSync(index)) this.skip();
    const rows = fs
      .readFileSync(index, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'))
      .filter((r) => /W3005/.test(r[6] ?? ''))
      // One result file per template (strict and non-strict runs agree on W3005).
      .filter((r, i, all) => all.findIndex((o) => o[3] === r[3]) === i);
    assert.ok(rows.length >= 8, `${rows.length} snapshot templates with W3005 findings`);
    let compared = 0;
    for (const [result, , , local] of rows) {
      const template = path.join(CORPUS, local);
      if (!fs.existsSync(template)) continue;
      const theirs = (JSON.parse(fs.readFileSync(path.join(CORPUS, result), 'utf8')) as { Rule: { Id: string }; Message: string; Location: { Start: { LineNumber: number } } }[])
        .filter((x) => x.Rule.Id === 'W3005')
        .map((x) => `${x.Location.Start.LineNumber}:${/^'([^']+)'/.exec(x.Message)?.[1]}`);
      // cfn-lint reports a DependsOn entry once per reference that implies it; we report it once.
      const theirSet = [...new Set(theirs)].sort();
      const a = analyze(fs.readFileSync(template, 'utf8'), { fileName: template });
      const ours = a.findings
        .filter((x) => x.rule === 'graph-redundant-depends-on')
        .map((x) => `${a.lines.positionAt(x.start).line + 1}:${/^DependsOn (\S+) is redundant/.exec(x.message)?.[1]}`)
        .sort();
      assert.deepStrictEqual(ours, theirSet, local);
      compared += theirSet.length;
    }
    assert.ok(compared >= 80, `${compared} W3005 findings compared`);
  });
});
