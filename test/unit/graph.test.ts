import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { analyze } from '../../server/src/core/analyze';
import { parseTemplate } from '../../server/src/core/parse/template';
import { Node } from '../../server/src/core/parse/node';
import { Graph, GraphEdge } from '../../server/src/core/graph/graph';
import { resourceCycles } from '../../server/src/core/graph/cycles';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');
const hasCorpus = fs.existsSync(CORPUS);

/** The format-neutral tree as plain JSON values (short forms become long forms). */
function toJs(n: Node | undefined): unknown {
  if (!n) return null;
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(toJs);
  const o: Record<string, unknown> = {};
  for (const p of n.pairs) {
    const k = String(p.key.value);
    // `!GetAtt A.B` -> `{"Fn::GetAtt": ["A", "B"]}` so JSON exercises the list form.
    if (k === 'Fn::GetAtt' && p.value.kind === 'scalar' && typeof p.value.value === 'string' && p.value.value.includes('.')) {
      const i = p.value.value.indexOf('.');
      o[k] = [p.value.value.slice(0, i), p.value.value.slice(i + 1)];
    } else o[k] = toJs(p.value);
  }
  return o;
}

export function yamlToJson(yaml: string): string {
  const t = parseTemplate(yaml, { fileName: 't.yaml' });
  assert.deepStrictEqual(t.issues, []);
  return JSON.stringify(toJs(t.root!), null, 2) + '\n';
}

function edgeList(g: Graph, text: string, filter: (e: GraphEdge) => boolean = () => true): string[] {
  return g.edges.filter(filter).map((e) => `${e.from} > ${e.to} ${e.kind}${e.label ? ` [${e.label}]` : ''} "${text.slice(e.start, e.end).replace(/^"|"$/g, '')}"`);
}

const INTRINSICS = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsProdToo:
    Fn::And:
      - Condition: IsProd
      - !Condition IsProd
Mappings:
  Sizes:
    dev: {size: small}
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Condition: IsProd
  Topic:
    Type: AWS::SNS::Topic
    DependsOn: Queue
    Properties:
      TopicName: !Ref Queue
      DisplayName: !GetAtt Queue.QueueName
  Subs:
    Type: AWS::SNS::Topic
    DependsOn: [Queue, Topic]
    Properties:
      TopicName: !Sub "\${Queue}-\${Topic.TopicName}-\${AWS::Region}-\${!Literal}"
      DisplayName: !Sub ["\${Local}-\${Env}", {Local: !GetAtt [Queue, Arn]}]
  Long:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: {Ref: Queue}
      DisplayName: {"Fn::GetAtt": [Topic, TopicName]}
      KmsMasterKeyId: !If [IsProd, !FindInMap [Sizes, !Ref Env, size], !Ref "AWS::NoValue"]
      Tags:
        - Key: k
          Value: !ImportValue SharedExport
Outputs:
  Out:
    Condition: IsProd
    Value: !Ref Queue
    Export:
      Name: SharedExport
`;

const EXPECTED_INTRINSIC_EDGES = [
  'Conditions.IsProd > Parameters.Env Ref "Env"',
  'Conditions.IsProdToo > Conditions.IsProd Condition "IsProd"',
  'Conditions.IsProdToo > Conditions.IsProd Condition "IsProd"',
  'Imports.SharedExport > Outputs.Out Export "SharedExport"',
  'Outputs.Out > Conditions.IsProd Condition "IsProd"',
  'Outputs.Out > Resources.Queue Ref "Queue"',
  'Resources.Long > AWS::NoValue Ref "AWS::NoValue"',
  'Resources.Long > Conditions.IsProd Condition "IsProd"',
  'Resources.Long > Imports.SharedExport ImportValue "SharedExport"',
  'Resources.Long > Mappings.Sizes FindInMap "Sizes"',
  'Resources.Long > Parameters.Env Ref "Env"',
  'Resources.Long > Resources.Queue Ref "Queue"',
  'Resources.Long > Resources.Topic GetAtt "Topic"',
  'Resources.Queue > Conditions.IsProd Condition "IsProd"',
  'Resources.Subs > AWS::Region Sub "AWS::Region"',
  'Resources.Subs > Parameters.Env Sub "Env"',
  'Resources.Subs > Resources.Queue DependsOn "Queue"',
  'Resources.Subs > Resources.Queue GetAtt "Queue"',
  'Resources.Subs > Resources.Queue Sub "Queue"',
  'Resources.Subs > Resources.Topic DependsOn "Topic"',
  'Resources.Subs > Resources.Topic Sub "Topic"',
  'Resources.Topic > Resources.Queue DependsOn "Queue"',
  'Resources.Topic > Resources.Queue GetAtt "Queue"',
  'Resources.Topic > Resources.Queue Ref "Queue"',
];

describe('graph: nodes and edges', () => {
  for (const format of ['yaml', 'json'] as const) {
    it(`has one edge per intrinsic form, with the name's range (${format})`, () => {
      const text = format === 'yaml' ? INTRINSICS : yamlToJson(INTRINSICS);
      const a = analyze(text, { fileName: `t.${format}` });
      const g = a.graph;
      const edges = edgeList(g, text);
      assert.deepStrictEqual(edges.sort(), EXPECTED_INTRINSIC_EDGES.slice().sort());
      // Node kinds.
      const kinds = Object.fromEntries([...g.nodes.values()].map((n) => [n.id, n.kind]));
      assert.deepStrictEqual(kinds, {
        'Parameters.Env': 'parameter',
        'Resources.Queue': 'resource',
        'Resources.Topic': 'resource',
        'Resources.Subs': 'resource',
        'Resources.Long': 'resource',
        'Conditions.IsProd': 'condition',
        'Conditions.IsProdToo': 'condition',
        'Mappings.Sizes': 'mapping',
        'Outputs.Out': 'output',
        'AWS::Region': 'pseudo',
        'AWS::NoValue': 'pseudo',
        'Imports.SharedExport': 'import',
      });
      // Keys ranges on nodes.
      const q = g.node('Queue')!;
      assert.strictEqual(text.slice(q.start, q.end).replace(/"/g, ''), 'Queue');
      assert.strictEqual(g.node('Queue')!.type, 'AWS::SQS::Queue');
      // Fn::If branches are recorded on the edges inside them.
      const inIf = g.dependencies('Long').filter((e) => e.under);
      assert.deepStrictEqual(
        inIf.map((e) => [e.to, e.under]),
        [
          ['Mappings.Sizes', [{ condition: 'IsProd', value: true }]],
          ['Parameters.Env', [{ condition: 'IsProd', value: true }]],
          ['AWS::NoValue', [{ condition: 'IsProd', value: false }]],
        ],
      );
      // The export links a same-template ImportValue to the output.
      assert.strictEqual(g.exportsByName.get('SharedExport'), 'Outputs.Out');
      assert.deepStrictEqual(
        [...g.reachable('Long', ['ImportValue', 'Export'])].sort(),
        ['Imports.SharedExport', 'Outputs.Out'],
      );
      // GetAtt attribute kept on the reference.
      const getatt = g.edgesBetween('Topic', 'Queue').find((e) => e.kind === 'GetAtt')!;
      assert.strictEqual(getatt.ref?.attribute, 'QueueName');
    });
  }

  it('links Sub-built export names and records references in DeletionPolicy', () => {
    const text = `Parameters:
  Policy:
    Type: String
    Default: Retain
Resources:
  Db:
    Type: AWS::SQS::Queue
    DeletionPolicy: !Ref Policy
    UpdateReplacePolicy: !If [Never, Retain, Delete]
  Reader:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !ImportValue
        Fn::Sub: "\${AWS::StackName}-Db"
Conditions:
  Never: !Equals [a, b]
Outputs:
  DbArn:
    Value: !GetAtt Db.Arn
    Export:
      Name: !Sub "\${AWS::StackName}-Db"
`;
    const a = analyze(text, { fileName: 't.yaml' });
    const g = a.graph;
    assert.deepStrictEqual(edgeList(g, text, (e) => e.from === 'Resources.Db'), ['Resources.Db > Parameters.Policy Ref "Policy"', 'Resources.Db > Conditions.Never Condition "Never"']);
    const imp = 'Imports.${AWS::StackName}-Db';
    assert.ok(g.edgesBetween('Reader', imp).length === 1);
    assert.deepStrictEqual(g.dependencies(imp).map((e) => [e.to, e.kind]), [['Outputs.DbArn', 'Export']]);
  });

  it('adds SAM implicit links with labels and the reference range', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    DeadLetterQueue:
      Type: SQS
      TargetArn: !GetAtt GlobalDlq.Arn
Resources:
  Orders: {Type: AWS::SQS::Queue}
  Dlq: {Type: AWS::SQS::Queue}
  GlobalDlq: {Type: AWS::SQS::Queue}
  OnFail: {Type: AWS::SQS::Queue}
  Stream: {Type: AWS::Kinesis::Stream, Properties: {ShardCount: 1}}
  Table: {Type: AWS::DynamoDB::Table}
  Topic: {Type: AWS::SNS::Topic}
  Bucket: {Type: AWS::S3::Bucket}
  Bus: {Type: AWS::Events::EventBus, Properties: {Name: bus}}
  Cluster: {Type: AWS::MSK::Cluster}
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Events:
        FromQueue: {Type: SQS, Properties: {Queue: !GetAtt Orders.Arn, BatchSize: 10}}
        FromStream:
          Type: Kinesis
          Properties:
            Stream: !GetAtt Stream.Arn
            StartingPosition: LATEST
            DestinationConfig: {OnFailure: {Destination: !GetAtt OnFail.Arn}}
        FromTable: {Type: DynamoDB, Properties: {Stream: !GetAtt Table.StreamArn, StartingPosition: LATEST}}
        FromTopic: {Type: SNS, Properties: {Topic: !Ref Topic}}
        FromBucket: {Type: S3, Properties: {Bucket: !Ref Bucket, Events: "s3:ObjectCreated:*"}}
        FromBus: {Type: EventBridgeRule, Properties: {EventBusName: !Ref Bus, Pattern: {source: [x]}}}
        FromMsk: {Type: MSK, Properties: {Stream: !GetAtt Cluster.Arn, Topics: [t], StartingPosition: LATEST}}
      Policies:
        - SQSPollerPolicy: {QueueName: !GetAtt Orders.QueueName}
        - DynamoDBCrudPolicy:
            TableName: !Ref Table
        - S3ReadPolicy: {BucketName: !Ref Bucket}
        - Statement: [{Effect: Allow, Action: "sns:Publish", Resource: !Ref Topic}]
        - AWSLambdaBasicExecutionRole
      DeadLetterQueue: {Type: SQS, TargetArn: !GetAtt Dlq.Arn}
      EventInvokeConfig:
        DestinationConfig:
          OnSuccess: {Type: SQS, Destination: !GetAtt Orders.Arn}
          OnFailure: {Type: SNS, Destination: !Ref Topic}
  Other:
    Type: AWS::Serverless::Function
    Properties: {Handler: index.handler}
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      Events:
        Nightly: {Type: EventBridgeRule, Properties: {EventBusName: !Ref Bus}}
      Policies:
        - LambdaInvokePolicy: {FunctionName: !Ref Worker}
  Conn:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Worker}
      Destination: {Id: Table}
      Permissions: [Read]
  Embedded:
    Type: AWS::Serverless::Function
    Connectors:
      ToQueue:
        Properties:
          Destination: {Id: Orders}
          Permissions: [Write]
    Properties: {Handler: index.handler, DeadLetterQueue: {Type: SNS, TargetArn: !Ref Topic}}
`;
    const a = analyze(text, { fileName: 't.yaml' });
    assert.deepStrictEqual(a.template.issues, []);
    const sam = edgeList(a.graph, text, (e) => e.kind === 'SAM');
    assert.deepStrictEqual(sam, [
      'Resources.Worker > Resources.Orders SAM [Events.FromQueue (SQS)] "Orders"',
      'Resources.Worker > Resources.Stream SAM [Events.FromStream (Kinesis)] "Stream"',
      'Resources.Worker > Resources.OnFail SAM [Events.FromStream (Kinesis)] "OnFail"',
      'Resources.Worker > Resources.Table SAM [Events.FromTable (DynamoDB)] "Table"',
      'Resources.Worker > Resources.Topic SAM [Events.FromTopic (SNS)] "Topic"',
      'Resources.Worker > Resources.Bucket SAM [Events.FromBucket (S3)] "Bucket"',
      'Resources.Worker > Resources.Bus SAM [Events.FromBus (EventBridgeRule)] "Bus"',
      'Resources.Worker > Resources.Cluster SAM [Events.FromMsk (MSK)] "Cluster"',
      'Resources.Worker > Resources.Orders SAM [Policies.SQSPollerPolicy] "Orders"',
      'Resources.Worker > Resources.Table SAM [Policies.DynamoDBCrudPolicy] "Table"',
      'Resources.Worker > Resources.Bucket SAM [Policies.S3ReadPolicy] "Bucket"',
      'Resources.Worker > Resources.Topic SAM [Policies[3]] "Topic"',
      'Resources.Worker > Resources.Dlq SAM [DeadLetterQueue (SQS)] "Dlq"',
      'Resources.Worker > Resources.Orders SAM [EventInvokeConfig.OnSuccess (SQS)] "Orders"',
      'Resources.Worker > Resources.Topic SAM [EventInvokeConfig.OnFailure (SNS)] "Topic"',
      'Resources.Other > Resources.GlobalDlq SAM [Globals.Function.DeadLetterQueue (SQS)] "GlobalDlq"',
      'Resources.Machine > Resources.Bus SAM [Events.Nightly (EventBridgeRule)] "Bus"',
      'Resources.Machine > Resources.Worker SAM [Policies.LambdaInvokePolicy] "Worker"',
      'Resources.Conn > Resources.Worker SAM [Source] "Worker"',
      'Resources.Conn > Resources.Table SAM [Destination] "Table"',
      'Resources.Embedded > Resources.Orders SAM [Connectors.ToQueue] "Orders"',
      'Resources.Embedded > Resources.Topic SAM [DeadLetterQueue (SNS)] "Topic"',
    ]);
    const g = a.graph;
    const q = g.samLinks('Worker', 'Events').find((e) => e.to === 'Resources.Orders')!;
    assert.deepStrictEqual(q.sam, { via: 'Events', name: 'FromQueue', type: 'SQS', property: 'Queue' });
    assert.deepStrictEqual(g.pathOf(q), ['Properties', 'Events', 'FromQueue', 'Properties', 'Queue']);
    // The plain GetAtt edge under Events belongs to the generated event source mapping; the policy's does not.
    const plain = g.edgesBetween('Worker', 'Orders').filter((e) => e.kind === 'GetAtt');
    assert.deepStrictEqual(
      plain.map((e) => [g.pathOf(e)[1], !!e.viaGenerated]),
      [
        ['Events', true],
        ['Policies', false],
        ['EventInvokeConfig', false],
      ],
    );
    // The Globals reference is a usage of GlobalDlq although Globals has no node.
    assert.strictEqual(g.usages('GlobalDlq').length, 1);
    assert.strictEqual(g.usages('GlobalDlq')[0].from, null);
  });

  it('answers path queries (referencesAt / referencesFrom) and neighbourhood queries', () => {
    const text = `Parameters:
  Name:
    Type: String
Conditions:
  On: !Equals [!Ref Name, x]
Rules:
  NameSet:
    Assertions:
      - Assert: !Not [!Equals [!Ref Name, ""]]
Resources:
  Queue: {Type: AWS::SQS::Queue}
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Handler: x, Role: arn, Code: {ZipFile: x}, Runtime: python3.12}
  Mapping1:
    Type: AWS::Lambda::EventSourceMapping
    Properties: {EventSourceArn: !GetAtt Queue.Arn, FunctionName: !Ref Fn}
  Mapping2:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !If [On, !GetAtt Queue.Arn, !Ref "AWS::NoValue"]
      FunctionName: !Ref Fn
  Policy:
    Type: AWS::SQS::QueuePolicy
    Properties: {Queues: [!Ref Queue], PolicyDocument: {}}
  Instance: {Type: AWS::EC2::Instance}
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Dimensions:
        - Name: InstanceId
          Value: !Ref Instance
      AlarmActions: [!Sub "arn:aws:automate:\${AWS::Region}:ec2:recover"]
  SubnetA: {Type: AWS::EC2::Subnet}
  SubnetB: {Type: AWS::EC2::Subnet}
  Asg:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      VPCZoneIdentifier: [!Ref SubnetA, !GetAtt SubnetB.SubnetId]
      MinSize: "1"
      MaxSize: "2"
`;
    const a = analyze(text, { fileName: 't.yaml' });
    const g = a.graph;
    const esm = g.referencesAt('Queue', ['Properties', 'EventSourceArn'], { fromType: 'AWS::Lambda::EventSourceMapping' });
    assert.deepStrictEqual(
      esm.map((r) => [r.source, r.path]),
      [
        ['Mapping1', ['Properties', 'EventSourceArn']],
        ['Mapping2', ['Properties', 'EventSourceArn', 'Fn::If', 1]],
      ],
    );
    assert.deepStrictEqual(
      g.referencesAt('Queue', ['Properties', 'EventSourceArn'], { unconditional: true }).map((r) => r.source),
      ['Mapping1'],
    );
    assert.deepStrictEqual(g.referencesAt('Queue', ['Properties', 'EventSourceArn'], { fromType: 'AWS::SQS::QueuePolicy' }), []);
    assert.deepStrictEqual(
      g.referencesAt('Instance', ['Properties', 'Dimensions', '*', 'Value'], { fromType: ['AWS::CloudWatch::Alarm'] }).map((r) => r.source),
      ['Alarm'],
    );
    assert.deepStrictEqual(
      g.referencesFrom('Asg', ['Properties', 'VPCZoneIdentifier'], { toType: 'AWS::EC2::Subnet' }).map((r) => [r.target, r.path]),
      [
        ['Resources.SubnetA', ['Properties', 'VPCZoneIdentifier', 0]],
        ['Resources.SubnetB', ['Properties', 'VPCZoneIdentifier', 1]],
      ],
    );
    assert.deepStrictEqual(g.resourcesReferencing('Queue').sort(), ['Mapping1', 'Mapping2', 'Policy']);
    assert.deepStrictEqual(
      g.edgesBetween('Mapping1', 'Queue').map((e) => e.kind),
      ['GetAtt'],
    );
    assert.deepStrictEqual(
      g.dependencies('Mapping2').map((e) => e.to),
      ['Conditions.On', 'Resources.Queue', 'AWS::NoValue', 'Resources.Fn'],
    );
    assert.deepStrictEqual(
      g.dependents('Fn').map((e) => e.from),
      ['Resources.Mapping1', 'Resources.Mapping2'],
    );
    assert.deepStrictEqual([...g.reachable('Mapping2')].sort(), ['AWS::NoValue', 'Conditions.On', 'Parameters.Name', 'Resources.Fn', 'Resources.Queue']);
    // Rules reference the parameter: a usage, not an edge (Rules have no node).
    assert.deepStrictEqual(
      g.usages('Parameters.Name').map((r) => r.from?.section),
      ['Conditions', 'Rules'],
    );
    assert.deepStrictEqual(g.dependents('Parameters.Name').map((e) => e.from), ['Conditions.On']);
  });
});

describe('graph: cycles', () => {
  it('finds one strongly connected component per loop, self-references included', () => {
    const text = `Resources:
  A: {Type: AWS::SNS::Topic, Properties: {TopicName: !GetAtt B.TopicName}}
  B: {Type: AWS::SNS::Topic, DependsOn: C}
  C: {Type: AWS::SNS::Topic, Properties: {TopicName: !Sub "\${A}"}}
  D: {Type: AWS::SNS::Topic, Properties: {TopicName: !Ref D}}
  E: {Type: AWS::SNS::Topic, Properties: {TopicName: !Ref A}}
`;
    const g = analyze(text, { fileName: 't.yaml' }).graph;
    const cycles = resourceCycles(g);
    assert.deepStrictEqual(
      cycles.map((c) => c.path.map((p) => p.slice(10))),
      [
        ['A', 'B', 'C', 'A'],
        ['D', 'D'],
      ],
    );
    assert.deepStrictEqual(
      cycles[0].hops.map((h) => h.map((e) => e.kind)),
      [['GetAtt'], ['DependsOn'], ['Sub']],
    );
  });

  it('walks every member of a component with several loops', () => {
    const text = `Resources:
  A: {Type: AWS::SNS::Topic, Properties: {TopicName: !Ref B, DisplayName: !Ref C}}
  B: {Type: AWS::SNS::Topic, Properties: {TopicName: !Ref A}}
  C: {Type: AWS::SNS::Topic, Properties: {TopicName: !Ref A}}
`;
    const [c] = resourceCycles(analyze(text, { fileName: 't.yaml' }).graph);
    assert.deepStrictEqual(c.members.map((m) => m.slice(10)), ['A', 'B', 'C']);
    assert.deepStrictEqual(c.path.map((m) => m.slice(10)), ['A', 'B', 'A', 'C', 'A']);
  });

  it('ignores SAM event references (they belong to generated resources)', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        paths:
          /x:
            get:
              x-amazon-apigateway-integration:
                uri: !Sub "arn:aws:apigateway:\${AWS::Region}:lambda:path/functions/\${Fn.Arn}/invocations"
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: x
      Events:
        Get: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /x, Method: get}}
`;
    assert.deepStrictEqual(resourceCycles(analyze(text, { fileName: 't.yaml' }).graph), []);
  });

  const fixtures: [string, string[][]][] = [
    [
      'cfnlint-bad/resources_circular_dependency.yaml',
      [
        ['mySecurityGroupVpc1', 'mySecurityGroupVpc2', 'mySecurityGroupVpc1'],
        ['mySecurityGroupVpc3', 'mySecurityGroupVpc3'],
        ['myRoleToWriteToS3', 'myKms', 'myInstanceProfile', 'myRoleToWriteToS3'],
      ],
    ],
    [
      'cfnlint-bad/resources_circular_dependency_2.yaml',
      [['Resource', 'Resource2', 'Resource3', 'Resource4', 'Resource5', 'Resource6', 'Resource7', 'Resource8', 'Resource9', 'Resource']],
    ],
    ['cfnlint-bad/resources_circular_dependency_dependson.yaml', [['Resource', 'Resource2', 'Resource']]],
    ['cfnlint-bad/functions_ref.yaml', [['mySecurityGroupVpc1', 'mySecurityGroupVpc2', 'mySecurityGroupVpc1']]],
    ['serverless-patterns/s3-s3-replication-sam/template.yaml', [['ReplicationRole', 'BucketSource', 'ReplicationRole']]],
  ];
  for (const [file, expected] of fixtures) {
    it(`finds the cycles of corpus ${file}`, function () {
      const p = path.join(CORPUS, file);
      if (!fs.existsSync(p)) this.skip();
      const g = analyze(fs.readFileSync(p, 'utf8'), { fileName: p }).graph;
      assert.deepStrictEqual(
        resourceCycles(g).map((c) => c.path.map((x) => x.slice(10))),
        expected,
      );
    });
  }

  it('finds no cycle in cfn-lint good templates', function () {
    const dir = path.join(CORPUS, 'cfnlint-good');
    if (!fs.existsSync(dir)) this.skip();
    const files: string[] = [];
    const walkDir = (d: string) => {
      for (const f of fs.readdirSync(d, { withFileTypes: true })) {
        if (f.isDirectory()) walkDir(path.join(d, f.name));
        else if (/\.(ya?ml|json|template)$/.test(f.name)) files.push(path.join(d, f.name));
      }
    };
    walkDir(dir);
    assert.ok(files.length > 10);
    for (const f of files) {
      const g = analyze(fs.readFileSync(f, 'utf8'), { fileName: f }).graph;
      assert.deepStrictEqual(resourceCycles(g), [], f);
    }
  });
});

// ---------------------------------------------------------------------------------------
// Differential test against cfn-lint's own graph (`cfn-lint --build-graph`).

const CROSS_CHECK = [
  'cfnlint-bad/resources_circular_dependency.yaml',
  'cfnlint-bad/resources_circular_dependency_2.yaml',
  'cfnlint-bad/functions_ref.yaml',
  'awslabs-cfn-templates/aws/services/AutoScaling/AutoScalingMultiAZWithNotifications.yaml',
  'awslabs-cfn-templates/aws/services/SQS/SQSFIFOQueue.json',
  'awslabs-cfn-templates/community/services/VPC/vpc_template.json',
  'cfnlint-snapshot/quickstart/nist_application.yaml',
  'cfnlint-snapshot/quickstart/openshift.yaml',
  'cfnlint-snapshot/quickstart/vpc.json',
  'ecs-refarch/infrastructure/vpc.yaml',
  'ecs-refarch/infrastructure/ecs-cluster.yaml',
  'quickstart/amazon-aurora-postgresql/aurora_postgres.template.yaml',
  'serverless-patterns/s3-s3-replication-sam/template.yaml',
  'serverless-patterns/apigw-sqs-lambda-ddb/template.yaml',
  'sam/translator-input/connector_sqs_to_function.yaml',
];

/**
 * Edges cfn-lint has that we do not, with the reason. cfn-lint's Ref search matches any
 * map with a `Ref` key; we model only well-formed intrinsics.
 */
const ALLOWED_MISSING: Record<string, string> = {};

function onPath(cmd: string): boolean {
  const r = spawnSync(process.platform === 'win32' ? 'where' : 'which', [cmd], { encoding: 'utf8' });
  return r.status === 0;
}

/** resource -> resource edges of each template, as cfn-lint sees them. */
function cfnLintEdges(dir: string, files: string[]): Map<string, Set<string>> | undefined {
  const out = new Map<string, Set<string>>();
  // Probe with one template: without pydot/pygraphviz cfn-lint writes empty .dot files.
  const probe = spawnSync('cfn-lint', ['--build-graph', '--format', 'json', '--', files[0]], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  if (probe.error) return undefined;
  const probeDot = path.join(dir, `${files[0]}.dot`);
  let complete = fs.existsSync(probeDot) && fs.readFileSync(probeDot, 'utf8').trim() !== '';
  if (complete) {
    const r = spawnSync('cfn-lint', ['--build-graph', '--format', 'json', '--', ...files.slice(1)], { cwd: dir, encoding: 'utf8', timeout: 240_000 });
    if (r.error) return undefined;
  }
  for (const f of complete ? files : []) {
    const dot = path.join(dir, `${f}.dot`);
    const text = fs.existsSync(dot) ? fs.readFileSync(dot, 'utf8') : '';
    if (!text.trim()) {
      complete = false;
      break;
    }
    const edges = new Set<string>();
    for (const line of text.split('\n')) {
      const m = /^\s*("?)([^"\s]+)\1\s*->\s*("?)([^"\s;[]+)\3/.exec(line);
      if (m) edges.add(`${m[2]}>${m[4]}`);
    }
    out.set(f, edges);
  }
  if (complete) return out;
  // Without pydot/pygraphviz, --build-graph writes empty files: read the same graph through cfn-lint's API.
  const script = `
import json, sys
from cfnlint.decode import decode
from cfnlint.template import Template
res = {}
for f in sys.argv[1:]:
    tpl, m = decode(f)
    if tpl is None:
        continue
    g = Template(f, tpl, ['us-east-1']).graph
    if g is None:
        continue
    nodes = {n for n, v in g.graph.nodes.items() if v.get('type') == 'Resource'}
    res[f] = sorted({a + '>' + b for a, b in g.graph.edges() if a in nodes and b in nodes})
print(json.dumps(res))
`;
  for (const py of ['python3', 'python']) {
    const p = spawnSync(py, ['-c', script, ...files], { cwd: dir, encoding: 'utf8', timeout: 240_000 });
    if (p.status !== 0 || !p.stdout.trim()) continue;
    const res = JSON.parse(p.stdout) as Record<string, string[]>;
    for (const [f, e] of Object.entries(res)) out.set(f, new Set(e));
    return out;
  }
  return undefined;
}

describe('graph: cross-check with cfn-lint --build-graph', function () {
  this.timeout(300_000);
  it('has every resource→resource edge cfn-lint finds', function () {
    if (!hasCorpus || !onPath('cfn-lint')) this.skip();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cfnr-graph-'));
    try {
      const files: string[] = [];
      for (const rel of CROSS_CHECK) {
        const src = path.join(CORPUS, rel);
        if (!fs.existsSync(src)) continue;
        const name = rel.replace(/[\\/]/g, '__');
        fs.copyFileSync(src, path.join(tmp, name));
        files.push(name);
      }
      assert.ok(files.length >= 10, 'corpus templates present');
      const theirs = cfnLintEdges(tmp, files);
      if (!theirs) this.skip();
      let compared = 0;
      let total = 0;
      const missing: string[] = [];
      for (const f of files) {
        const edges = theirs.get(f);
        if (!edges) continue;
        compared++;
        total += edges.size;
        const a = analyze(fs.readFileSync(path.join(tmp, f), 'utf8'), { fileName: f });
        const ours = new Set(a.graph.edges.filter((e) => e.from.startsWith('Resources.') && e.to.startsWith('Resources.')).map((e) => `${e.from.slice(10)}>${e.to.slice(10)}`));
        for (const e of edges) if (!ours.has(e) && !ALLOWED_MISSING[`${f}:${e}`]) missing.push(`${f}: ${e}`);
      }
      assert.ok(compared >= 10, `cfn-lint produced graphs for ${compared} templates`);
      assert.ok(total > 200, `cfn-lint found ${total} resource edges`);
      assert.deepStrictEqual(missing, []);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
