/**
 * Synthetic CloudFormation/SAM templates for benchmarks and stress tests: a realistic mix
 * repeated until the requested size — per "stack unit" a VPC with public and private
 * subnets over two or three AZs, NAT gateways and routes; an RDS database with its subnet
 * group, parameters and secrets; an Auto Scaling group behind an Application Load Balancer
 * with a launch template, target group, listener, scaling policy and alarms; SAM functions
 * with API, SQS, SNS, schedule and DynamoDB stream events, a table, a queue with a DLQ; and
 * outputs with exports. Some units carry deliberate resilience findings (single-AZ
 * database, one-instance group, one NAT gateway) so that the rules have work to do.
 *
 * Deterministic: the same options give the same text. Valid CloudFormation by
 * construction (every Ref/GetAtt names something declared), so its findings are the
 * rules' own, not reader errors.
 *
 *   generateTemplate({ lines: 2000 })                 YAML (SAM transform), about 2,000 lines
 *   generateTemplate({ lines: 2000, format: 'json' })  the same model as JSON
 *   generateTemplate({ resources: 5000 })             at least that many resources
 */
import { rng } from '../unit/rng';

export interface GenerateOptions {
  /** Approximate number of lines wanted (the result is within one unit above it). */
  lines?: number;
  /** Minimum number of resources (used instead of `lines` when given). */
  resources?: number;
  format?: 'yaml' | 'json';
  /** Seed for the choices that vary between units (AZ count, findings, event mix). */
  seed?: number;
}

type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | Fn;

/** An intrinsic function: written `!Ref X` in YAML, `{"Ref": "X"}` in JSON. */
class Fn {
  constructor(
    readonly name: string,
    readonly arg: Value,
  ) {}
}

const ref = (x: string) => new Fn('Ref', x);
const getAtt = (x: string, a: string) => new Fn('Fn::GetAtt', [x, a]);
const sub = (s: string) => new Fn('Fn::Sub', s);
const select = (i: number, v: Value) => new Fn('Fn::Select', [String(i), v]);
const getAZs = () => new Fn('Fn::GetAZs', '');
const ifFn = (c: string, a: Value, b: Value) => new Fn('Fn::If', [c, a, b]);
const cidr = (block: Value, count: number, bits: number) => new Fn('Fn::Cidr', [block, count, bits]);
const findInMap = (m: string, a: Value, b: string) => new Fn('Fn::FindInMap', [m, a, b]);

const SHORT: Record<string, string> = {
  Ref: '!Ref',
  'Fn::GetAtt': '!GetAtt',
  'Fn::Sub': '!Sub',
  'Fn::Select': '!Select',
  'Fn::GetAZs': '!GetAZs',
  'Fn::If': '!If',
  'Fn::Cidr': '!Cidr',
  'Fn::FindInMap': '!FindInMap',
};


type Resources = Record<string, { [key: string]: Value }>;

interface Unit {
  resources: Resources;
  outputs: Record<string, { [key: string]: Value }>;
}

const tags = (name: Value, extra: Record<string, string> = {}): Value => [
  { Key: 'Name', Value: name },
  { Key: 'Environment', Value: ref('Environment') },
  ...Object.entries(extra).map(([Key, Value]) => ({ Key, Value })),
];

function vpcUnit(u: string, azs: number, natPerAz: boolean): Unit {
  const r: Resources = {};
  const outputs: Unit['outputs'] = {};
  r[`Vpc${u}`] = {
    Type: 'AWS::EC2::VPC',
    Properties: { CidrBlock: findInMap('CidrMap', ref('Environment'), 'Vpc'), EnableDnsHostnames: true, EnableDnsSupport: true, Tags: tags(sub(`\${AWS::StackName}-vpc-${u}`)) },
  };
  r[`Igw${u}`] = { Type: 'AWS::EC2::InternetGateway', Properties: { Tags: tags(sub(`\${AWS::StackName}-igw-${u}`)) } };
  r[`IgwAttach${u}`] = { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: ref(`Vpc${u}`), InternetGatewayId: ref(`Igw${u}`) } };
  r[`PublicRt${u}`] = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref(`Vpc${u}`), Tags: tags(sub(`\${AWS::StackName}-public-${u}`)) } };
  r[`PublicRoute${u}`] = {
    Type: 'AWS::EC2::Route',
    DependsOn: `IgwAttach${u}`,
    Properties: { RouteTableId: ref(`PublicRt${u}`), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref(`Igw${u}`) },
  };
  for (let z = 0; z < azs; z++) {
    const az = select(z, getAZs());
    r[`PublicSubnet${u}Az${z}`] = {
      Type: 'AWS::EC2::Subnet',
      Properties: {
        VpcId: ref(`Vpc${u}`),
        AvailabilityZone: az,
        CidrBlock: select(z, cidr(getAtt(`Vpc${u}`, 'CidrBlock'), 8, 8)),
        MapPublicIpOnLaunch: true,
        Tags: tags(sub(`\${AWS::StackName}-public-${u}-${z}`), { Tier: 'public' }),
      },
    };
    r[`PrivateSubnet${u}Az${z}`] = {
      Type: 'AWS::EC2::Subnet',
      Properties: {
        VpcId: ref(`Vpc${u}`),
        AvailabilityZone: az,
        CidrBlock: select(z + 4, cidr(getAtt(`Vpc${u}`, 'CidrBlock'), 8, 8)),
        MapPublicIpOnLaunch: false,
        Tags: tags(sub(`\${AWS::StackName}-private-${u}-${z}`), { Tier: 'private' }),
      },
    };
    r[`PublicAssoc${u}Az${z}`] = {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { SubnetId: ref(`PublicSubnet${u}Az${z}`), RouteTableId: ref(`PublicRt${u}`) },
    };
    const nat = natPerAz ? z : 0;
    if (natPerAz || z === 0) {
      r[`NatEip${u}Az${z}`] = { Type: 'AWS::EC2::EIP', DependsOn: `IgwAttach${u}`, Properties: { Domain: 'vpc' } };
      r[`Nat${u}Az${z}`] = {
        Type: 'AWS::EC2::NatGateway',
        Properties: { AllocationId: getAtt(`NatEip${u}Az${z}`, 'AllocationId'), SubnetId: ref(`PublicSubnet${u}Az${z}`), Tags: tags(sub(`\${AWS::StackName}-nat-${u}-${z}`)) },
      };
    }
    r[`PrivateRt${u}Az${z}`] = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref(`Vpc${u}`), Tags: tags(sub(`\${AWS::StackName}-private-${u}-${z}`)) } };
    r[`PrivateRoute${u}Az${z}`] = {
      Type: 'AWS::EC2::Route',
      Properties: { RouteTableId: ref(`PrivateRt${u}Az${z}`), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref(`Nat${u}Az${nat}`) },
    };
    r[`PrivateAssoc${u}Az${z}`] = {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { SubnetId: ref(`PrivateSubnet${u}Az${z}`), RouteTableId: ref(`PrivateRt${u}Az${z}`) },
    };
  }
  outputs[`VpcId${u}`] = { Description: `VPC of unit ${u}`, Value: ref(`Vpc${u}`), Export: { Name: sub(`\${AWS::StackName}-VpcId${u}`) } };
  return { resources: r, outputs };
}

function subnets(u: string, azs: number, tier: 'Public' | 'Private'): Value {
  return Array.from({ length: azs }, (_, z) => ref(`${tier}Subnet${u}Az${z}`));
}

function rdsUnit(u: string, azs: number, multiAz: boolean): Unit {
  const r: Resources = {};
  r[`DbSg${u}`] = {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: `Database access for unit ${u}`,
      VpcId: ref(`Vpc${u}`),
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: ref(`AppSg${u}`) }],
    },
  };
  r[`DbSubnets${u}`] = { Type: 'AWS::RDS::DBSubnetGroup', Properties: { DBSubnetGroupDescription: `Private subnets of unit ${u}`, SubnetIds: subnets(u, azs, 'Private') } };
  r[`DbSecret${u}`] = {
    Type: 'AWS::SecretsManager::Secret',
    Properties: { Description: `Master credentials, unit ${u}`, GenerateSecretString: { SecretStringTemplate: '{"username": "app"}', GenerateStringKey: 'password', PasswordLength: 32, ExcludeCharacters: '"@/\\' } },
  };
  r[`DbParams${u}`] = {
    Type: 'AWS::RDS::DBParameterGroup',
    Properties: { Description: `Parameters, unit ${u}`, Family: 'postgres16', Parameters: { log_min_duration_statement: '500', 'rds.force_ssl': '1' } },
  };
  r[`Db${u}`] = {
    Type: 'AWS::RDS::DBInstance',
    DeletionPolicy: 'Snapshot',
    UpdateReplacePolicy: 'Snapshot',
    Properties: {
      Engine: 'postgres',
      EngineVersion: '16.8',
      DBInstanceClass: ifFn('IsProduction', 'db.r6g.large', 'db.t4g.medium'),
      AllocatedStorage: '100',
      StorageType: 'gp3',
      StorageEncrypted: true,
      MultiAZ: multiAz ? true : ifFn('IsProduction', true, false),
      DBSubnetGroupName: ref(`DbSubnets${u}`),
      DBParameterGroupName: ref(`DbParams${u}`),
      VPCSecurityGroups: [ref(`DbSg${u}`)],
      MasterUsername: sub(`{{resolve:secretsmanager:\${DbSecret${u}}:SecretString:username}}`),
      MasterUserPassword: sub(`{{resolve:secretsmanager:\${DbSecret${u}}:SecretString:password}}`),
      BackupRetentionPeriod: 7,
      PreferredBackupWindow: '03:00-04:00',
      Tags: tags(sub(`\${AWS::StackName}-db-${u}`)),
    },
  };
  return {
    resources: r,
    outputs: { [`DbEndpoint${u}`]: { Value: getAtt(`Db${u}`, 'Endpoint.Address'), Export: { Name: sub(`\${AWS::StackName}-Db${u}`) } } },
  };
}

function asgUnit(u: string, azs: number, minSize: number): Unit {
  const r: Resources = {};
  r[`AlbSg${u}`] = {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: { GroupDescription: `Load balancer, unit ${u}`, VpcId: ref(`Vpc${u}`), SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] },
  };
  r[`AppSg${u}`] = {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: { GroupDescription: `Instances, unit ${u}`, VpcId: ref(`Vpc${u}`), SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: ref(`AlbSg${u}`) }] },
  };
  r[`Alb${u}`] = {
    Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    Properties: { Scheme: 'internet-facing', Subnets: subnets(u, azs, 'Public'), SecurityGroups: [ref(`AlbSg${u}`)], LoadBalancerAttributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '60' }] },
  };
  r[`Tg${u}`] = {
    Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    Properties: {
      VpcId: ref(`Vpc${u}`),
      Port: 8080,
      Protocol: 'HTTP',
      HealthCheckPath: '/health',
      HealthCheckIntervalSeconds: 15,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 3,
      TargetGroupAttributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }],
    },
  };
  r[`Listener${u}`] = {
    Type: 'AWS::ElasticLoadBalancingV2::Listener',
    Properties: { LoadBalancerArn: ref(`Alb${u}`), Port: 443, Protocol: 'HTTPS', Certificates: [{ CertificateArn: ref('CertificateArn') }], DefaultActions: [{ Type: 'forward', TargetGroupArn: ref(`Tg${u}`) }] },
  };
  r[`InstanceRole${u}`] = {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com'] }, Action: ['sts:AssumeRole'] }] },
      ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'],
    },
  };
  r[`InstanceProfile${u}`] = { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [ref(`InstanceRole${u}`)] } };
  r[`LaunchTemplate${u}`] = {
    Type: 'AWS::EC2::LaunchTemplate',
    Properties: {
      LaunchTemplateData: {
        ImageId: ref('AmiId'),
        InstanceType: ref('InstanceType'),
        IamInstanceProfile: { Arn: getAtt(`InstanceProfile${u}`, 'Arn') },
        SecurityGroupIds: [ref(`AppSg${u}`)],
        MetadataOptions: { HttpTokens: 'required' },
        UserData: new Fn('Fn::Base64', sub(`#!/bin/bash\nset -euo pipefail\n/opt/app/bin/start --port 8080 --db \${Db${u}.Endpoint.Address}\n`)),
      },
    },
  };
  r[`Asg${u}`] = {
    Type: 'AWS::AutoScaling::AutoScalingGroup',
    UpdatePolicy: { AutoScalingRollingUpdate: { MinInstancesInService: 1, MaxBatchSize: 1, PauseTime: 'PT5M', WaitOnResourceSignals: true } },
    Properties: {
      MinSize: String(minSize),
      MaxSize: '6',
      DesiredCapacity: String(Math.max(minSize, 2)),
      VPCZoneIdentifier: subnets(u, azs, 'Private'),
      LaunchTemplate: { LaunchTemplateId: ref(`LaunchTemplate${u}`), Version: getAtt(`LaunchTemplate${u}`, 'LatestVersionNumber') },
      TargetGroupARNs: [ref(`Tg${u}`)],
      HealthCheckType: 'ELB',
      HealthCheckGracePeriod: 300,
      Tags: [{ Key: 'Name', Value: sub(`\${AWS::StackName}-app-${u}`), PropagateAtLaunch: true }],
    },
  };
  r[`ScaleOut${u}`] = {
    Type: 'AWS::AutoScaling::ScalingPolicy',
    Properties: { AutoScalingGroupName: ref(`Asg${u}`), PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: 60 } },
  };
  r[`Alarm5xx${u}`] = {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: `5xx from the load balancer, unit ${u}`,
      Namespace: 'AWS/ApplicationELB',
      MetricName: 'HTTPCode_Target_5XX_Count',
      Dimensions: [{ Name: 'LoadBalancer', Value: getAtt(`Alb${u}`, 'LoadBalancerFullName') }],
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 5,
      Threshold: 10,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [ref(`AlertTopic${u}`)],
    },
  };
  return {
    resources: r,
    outputs: { [`Url${u}`]: { Value: sub(`https://\${Alb${u}.DNSName}`) } },
  };
}

function samUnit(u: string, azs: number, rand: () => number): Unit {
  const r: Resources = {};
  r[`AlertTopic${u}`] = { Type: 'AWS::SNS::Topic', Properties: { DisplayName: `Alerts ${u}` } };
  r[`Dlq${u}`] = { Type: 'AWS::SQS::Queue', Properties: { MessageRetentionPeriod: 1209600 } };
  r[`Queue${u}`] = {
    Type: 'AWS::SQS::Queue',
    Properties: { VisibilityTimeout: 180, RedrivePolicy: { deadLetterTargetArn: getAtt(`Dlq${u}`, 'Arn'), maxReceiveCount: 5 } },
  };
  r[`Table${u}`] = {
    Type: 'AWS::DynamoDB::Table',
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    },
  };
  const env = { Variables: { TABLE_NAME: ref(`Table${u}`), QUEUE_URL: ref(`Queue${u}`), STAGE: ref('Environment') } };
  const vpc = { SecurityGroupIds: [ref(`AppSg${u}`)], SubnetIds: subnets(u, azs, 'Private') };
  r[`ApiFunction${u}`] = {
    Type: 'AWS::Serverless::Function',
    Properties: {
      Handler: 'api.handler',
      CodeUri: `src/api-${u}/`,
      Description: `HTTP API of unit ${u}`,
      Environment: env,
      VpcConfig: vpc,
      Policies: [{ DynamoDBCrudPolicy: { TableName: ref(`Table${u}`) } }, { SQSSendMessagePolicy: { QueueName: getAtt(`Queue${u}`, 'QueueName') } }],
      Events: {
        GetItems: { Type: 'Api', Properties: { Path: `/u${u}/items`, Method: 'get' } },
        PutItem: { Type: 'Api', Properties: { Path: `/u${u}/items/{id}`, Method: 'put' } },
      },
    },
  };
  r[`Worker${u}`] = {
    Type: 'AWS::Serverless::Function',
    Properties: {
      Handler: 'worker.handler',
      CodeUri: `src/worker-${u}/`,
      Timeout: 30,
      ReservedConcurrentExecutions: 10,
      Environment: env,
      Policies: [{ DynamoDBCrudPolicy: { TableName: ref(`Table${u}`) } }],
      DeadLetterQueue: { Type: 'SQS', TargetArn: getAtt(`Dlq${u}`, 'Arn') },
      Events: {
        Jobs: { Type: 'SQS', Properties: { Queue: getAtt(`Queue${u}`, 'Arn'), BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] } },
        ...(rand() < 0.5 ? { Alerts: { Type: 'SNS', Properties: { Topic: ref(`AlertTopic${u}`) } } } : {}),
      },
    },
  };
  r[`StreamFunction${u}`] = {
    Type: 'AWS::Serverless::Function',
    Properties: {
      Handler: 'stream.handler',
      CodeUri: `src/stream-${u}/`,
      Events: {
        Changes: {
          Type: 'DynamoDB',
          Properties: {
            Stream: getAtt(`Table${u}`, 'StreamArn'),
            StartingPosition: 'TRIM_HORIZON',
            MaximumRetryAttempts: 3,
            BisectBatchOnFunctionError: true,
            DestinationConfig: { OnFailure: { Destination: getAtt(`Dlq${u}`, 'Arn') } },
          },
        },
        Nightly: { Type: 'Schedule', Properties: { Schedule: 'cron(0 3 * * ? *)', Enabled: true } },
      },
    },
  };
  return {
    resources: r,
    outputs: { [`QueueUrl${u}`]: { Value: ref(`Queue${u}`) }, [`TableName${u}`]: { Value: ref(`Table${u}`), Export: { Name: sub(`\${AWS::StackName}-Table${u}`) } } },
  };
}

function header(): { [key: string]: Value } {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'AWS::Serverless-2016-10-31',
    Description: 'Synthetic benchmark template: VPCs, databases, load-balanced Auto Scaling groups and SAM functions (generated by test/bench/generate.ts).',
    Parameters: {
      Environment: { Type: 'String', AllowedValues: ['dev', 'staging', 'prod'], Default: 'dev', Description: 'Deployment stage' },
      AmiId: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' },
      InstanceType: { Type: 'String', Default: 't3.medium', AllowedValues: ['t3.medium', 't3.large', 'm6i.large'] },
      CertificateArn: { Type: 'String', Description: 'ACM certificate for the HTTPS listeners' },
    },
    Mappings: {
      CidrMap: { dev: { Vpc: '10.0.0.0/16' }, staging: { Vpc: '10.1.0.0/16' }, prod: { Vpc: '10.2.0.0/16' } },
    },
    Conditions: { IsProduction: new Fn('Fn::Equals', [ref('Environment'), 'prod']) },
    Globals: { Function: { Runtime: 'nodejs22.x', MemorySize: 512, Timeout: 10, Tracing: 'Active' } },
  };
}

/** The model (sections in CloudFormation's usual order) with `units` stack units, or enough units for `minResources`. */
function model(units: number, seed: number, minResources = 0): { [key: string]: Value } {
  const rand = rng(seed);
  const doc = header();
  const resources: Resources = {};
  const outputs: Unit['outputs'] = {};
  const add = (x: Unit) => {
    Object.assign(resources, x.resources);
    Object.assign(outputs, x.outputs);
  };
  for (let n = 1; n <= units || Object.keys(resources).length < minResources; n++) {
    const u = String(n);
    const azs = rand() < 0.3 ? 3 : 2;
    add(vpcUnit(u, azs, rand() < 0.7));
    add(samUnit(u, azs, rand));
    add(rdsUnit(u, azs, rand() < 0.6));
    add(asgUnit(u, azs, rand() < 0.15 ? 1 : 2));
  }
  doc.Resources = resources;
  doc.Outputs = outputs;
  return doc;
}

const PLAIN_SAFE = /^[A-Za-z_/][A-Za-z0-9_ ./:-]*$/;
const YAML_KEYWORDS = /^(true|false|yes|no|on|off|null|y|n|~)$/i;

function yamlScalar(v: string | number | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v !== 'string') return String(v);
  if (v.includes('\n')) return JSON.stringify(v);
  if (PLAIN_SAFE.test(v) && !YAML_KEYWORDS.test(v) && !v.endsWith(':') && !v.includes(': ') && !v.endsWith(' ')) return v;
  return `'${v.replace(/'/g, "''")}'`;
}

function isBlock(v: Value): boolean {
  return (Array.isArray(v) && v.length > 0) || (typeof v === 'object' && v !== null && !(v instanceof Fn) && !Array.isArray(v) && Object.keys(v).length > 0);
}

function isFlat(v: Value): boolean {
  if (v instanceof Fn) return isFlat(v.arg);
  if (Array.isArray(v)) return v.every((x) => !isBlock(x) || x instanceof Fn ? isFlat(x) : false);
  return !isBlock(v);
}

function flowYaml(v: Value): string {
  if (v instanceof Fn) {
    if (v.name === 'Fn::GetAtt' && Array.isArray(v.arg)) return `!GetAtt ${v.arg.join('.')}`;
    // A node has one tag: a function of a function is written `{Fn::Outer: !Inner …}`.
    if (v.arg instanceof Fn) return `{${v.name}: ${flowYaml(v.arg)}}`;
    return `${SHORT[v.name] ?? `!${v.name.replace('Fn::', '')}`} ${flowYaml(v.arg)}`;
  }
  if (Array.isArray(v)) return `[${v.map(flowYaml).join(', ')}]`;
  if (typeof v === 'object' && v !== null) return `{${Object.entries(v).map(([k, x]) => `${k}: ${flowYaml(x)}`).join(', ')}}`;
  return yamlScalar(v);
}

function yaml(v: Value, indent: string, out: string[], key?: string): void {
  const prefix = key === undefined ? indent : `${indent}${yamlKey(key)}:`;
  if (v instanceof Fn) {
    if (v.arg instanceof Fn) {
      if (key !== undefined) out.push(prefix);
      yaml(v.arg, key === undefined ? indent : indent + '  ', out, v.name);
      return;
    }
    if (isFlat(v)) out.push(`${prefix}${key === undefined ? '' : ' '}${flowYaml(v)}`);
    else {
      out.push(`${prefix}${key === undefined ? '' : ''}`);
      yaml({ [v.name]: v.arg }, indent + '  ', out);
    }
    return;
  }
  if (Array.isArray(v) && v.length) {
    if (key !== undefined) out.push(prefix);
    for (const item of v) {
      if (typeof item === 'object' && item !== null && !(item instanceof Fn) && !Array.isArray(item)) {
        const lines: string[] = [];
        yaml(item, '', lines);
        out.push(`${indent}  - ${lines[0]}`);
        for (const l of lines.slice(1)) out.push(`${indent}    ${l}`);
      } else if (isFlat(item)) out.push(`${indent}  - ${flowYaml(item)}`);
      else {
        const lines: string[] = [];
        yaml(item, '', lines);
        out.push(`${indent}  - ${lines[0].trimStart()}`);
        for (const l of lines.slice(1)) out.push(`${indent}    ${l}`);
      }
    }
    return;
  }
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length) {
    let inner = indent;
    if (key !== undefined) {
      out.push(prefix);
      inner = indent + '  ';
    }
    for (const [k, x] of Object.entries(v)) yaml(x, inner, out, k);
    return;
  }
  const text = Array.isArray(v) ? '[]' : typeof v === 'object' && v !== null ? '{}' : yamlScalar(v as string | number | boolean | null);
  out.push(key === undefined ? `${indent}${text}` : `${prefix} ${text}`);
}

function yamlKey(k: string): string {
  return PLAIN_SAFE.test(k) && !YAML_KEYWORDS.test(k) ? k : JSON.stringify(k);
}

function toJson(v: Value): unknown {
  if (v instanceof Fn) return { [v.name]: toJson(v.arg) };
  if (Array.isArray(v)) return v.map(toJson);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJson(x)]));
  return v;
}

function render(doc: { [key: string]: Value }, format: 'yaml' | 'json'): string {
  if (format === 'json') return JSON.stringify(toJson(doc), null, 2) + '\n';
  const out: string[] = [];
  yaml(doc, '', out);
  return out.join('\n') + '\n';
}

const lineCount = (s: string) => s.split('\n').length - 1;

export function generateTemplate(options: GenerateOptions = {}): string {
  const format = options.format ?? 'yaml';
  const seed = options.seed ?? 1;
  if (options.resources !== undefined) return render(model(0, seed, options.resources), format);
  const want = options.lines ?? 1000;
  // Lines of the fixed part and of one unit, measured, decide the number of units.
  const one = lineCount(render(model(1, seed), format));
  const perUnit = lineCount(render(model(3, seed), format)) / 3 - 0;
  const base = Math.max(0, one - perUnit);
  const units = Math.max(1, Math.round((want - base) / perUnit));
  return render(model(units, seed), format);
}
