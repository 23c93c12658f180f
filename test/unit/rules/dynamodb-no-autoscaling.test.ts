import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const sam = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n';
const keys = '      AttributeDefinitions:\n        - AttributeName: pk\n          AttributeType: S\n      KeySchema:\n        - AttributeName: pk\n          KeyType: HASH\n';
const throughput = '      ProvisionedThroughput:\n        ReadCapacityUnits: 5\n        WriteCapacityUnits: 5\n';
const table = (props: string) => `  Orders:\n    Type: AWS::DynamoDB::Table\n    Properties:\n${keys}${props}`;
const target = (id: string, resourceId: string, dimension: string) =>
  `  ${id}:\n    Type: AWS::ApplicationAutoScaling::ScalableTarget\n    Properties:\n      MinCapacity: 5\n      MaxCapacity: 50\n      ResourceId: ${resourceId}\n      ScalableDimension: ${dimension}\n      ServiceNamespace: dynamodb\n`;
const both = (resourceId: string, prefix = 'table') => target('ReadTarget', resourceId, `dynamodb:${prefix}:ReadCapacityUnits`) + target('WriteTarget', resourceId, `dynamodb:${prefix}:WriteCapacityUnits`);
const gsi = '      GlobalSecondaryIndexes:\n        - IndexName: ByCustomer\n          KeySchema:\n            - AttributeName: pk\n              KeyType: HASH\n          Projection:\n            ProjectionType: ALL\n          ProvisionedThroughput:\n            ReadCapacityUnits: 2\n            WriteCapacityUnits: 2\n';
const added = (kind: 'Read' | 'Write', units: number, index = '') => {
  const base = `Orders${index}${kind}`;
  const resourceId = index ? `"table/\${Orders}/index/${index}"` : '"table/${Orders}"';
  const dim = `dynamodb:${index ? 'index' : 'table'}:${kind}CapacityUnits`;
  return `  ${base}ScalableTarget:\n    Type: AWS::ApplicationAutoScaling::ScalableTarget\n    Properties:\n      MaxCapacity: ${Math.max(units * 10, 10)}\n      MinCapacity: ${units}\n      ResourceId: !Sub ${resourceId}\n      ScalableDimension: ${dim}\n      ServiceNamespace: dynamodb\n  ${base}ScalingPolicy:\n    Type: AWS::ApplicationAutoScaling::ScalingPolicy\n    Properties:\n      PolicyName: ${base}ScalingPolicy\n      PolicyType: TargetTrackingScaling\n      ScalingTargetId: !Ref ${base}ScalableTarget\n      TargetTrackingScalingPolicyConfiguration:\n        PredefinedMetricSpecification:\n          PredefinedMetricType: DynamoDB${kind}CapacityUtilization\n        TargetValue: 70\n`;
};

ruleTester('dynamodb-no-autoscaling', {
  valid: [
    { name: 'on-demand', yaml: `${head}Resources:\n${table('      BillingMode: PAY_PER_REQUEST\n')}` },
    { name: 'targets for read and write with !Sub', yaml: `${head}Resources:\n${table(throughput)}${both('!Sub table/${Orders}')}` },
    { name: 'targets with !Join', yaml: `${head}Resources:\n${table(`      BillingMode: PROVISIONED\n${throughput}`)}${both('!Join ["/", [table, !Ref Orders]]')}` },
    { name: 'targets naming the table literally', yaml: `${head}Resources:\n${table(`      TableName: orders\n${throughput}`)}${both('table/orders')}` },
    {
      name: 'table and index targets',
      yaml: `${head}Resources:\n${table(throughput + gsi)}${both('!Sub table/${Orders}')}${target('IndexRead', '!Sub table/${Orders}/index/ByCustomer', 'dynamodb:index:ReadCapacityUnits')}${target('IndexWrite', '!Sub table/${Orders}/index/ByCustomer', 'dynamodb:index:WriteCapacityUnits')}`,
    },
    { name: 'SAM SimpleTable without ProvisionedThroughput is on-demand', yaml: `${sam}Resources:\n  Items:\n    Type: AWS::Serverless::SimpleTable\n` },
  ],
  invalid: [
    {
      name: 'provisioned by default: auto scaling fix, or on-demand',
      yaml: `${head}Resources:\n${table(throughput)}`,
      errors: [{ message: 'DynamoDB table Orders is provisioned with no auto scaling for the read and write capacity of the table: traffic beyond the provisioned units is throttled', resource: 'Orders', text: 'Orders', line: 3 }],
      fixTitles: ['Add auto scaling (70 % utilization target) for the table read and table write capacity', 'Switch to on-demand capacity (PAY_PER_REQUEST) and remove ProvisionedThroughput'],
      output: `${head}Resources:\n${table(throughput)}${added('Read', 5)}${added('Write', 5)}`,
    },
    {
      name: 'the on-demand fix replaces ProvisionedThroughput by BillingMode',
      yaml: `${head}Resources:\n${table(throughput)}`,
      errors: [{ message: 'DynamoDB table Orders is provisioned' }],
      fix: 1,
      output: `${head}Resources:\n${table('      BillingMode: PAY_PER_REQUEST\n')}`,
    },
    {
      name: 'explicit PROVISIONED with an index: on-demand fix removes every ProvisionedThroughput',
      yaml: `${head}Resources:\n${table(`      BillingMode: PROVISIONED\n${throughput}${gsi}`)}`,
      errors: [{ message: 'no auto scaling for the read and write capacity of the table and read and write capacity of index ByCustomer', text: 'PROVISIONED' }],
      fix: 1,
      output: `${head}Resources:\n${table(`      BillingMode: PAY_PER_REQUEST\n${gsi.replace('          ProvisionedThroughput:\n            ReadCapacityUnits: 2\n            WriteCapacityUnits: 2\n', '')}`)}`,
    },
    {
      name: 'only write is scaled: fix adds read; no on-demand fix',
      yaml: `${head}Resources:\n${table(throughput)}${target('WriteTarget', '!Sub table/${Orders}', 'dynamodb:table:WriteCapacityUnits')}`,
      errors: [{ message: 'no auto scaling for the read capacity of the table' }],
      fixTitles: ['Add auto scaling (70 % utilization target) for the table read capacity'],
      output: `${head}Resources:\n${table(throughput)}${target('WriteTarget', '!Sub table/${Orders}', 'dynamodb:table:WriteCapacityUnits')}${added('Read', 5)}`,
    },
    {
      name: 'index without targets',
      yaml: `${head}Resources:\n${table(throughput + gsi)}${both('!Sub table/${Orders}')}`,
      errors: [{ message: 'no auto scaling for the read and write capacity of index ByCustomer' }],
      output: `${head}Resources:\n${table(throughput + gsi)}${both('!Sub table/${Orders}')}${added('Read', 2, 'ByCustomer')}${added('Write', 2, 'ByCustomer')}`,
    },
    {
      name: 'capacity from parameters: no on-demand fix (it would orphan the parameters)',
      yaml: `${head}Parameters:\n  Reads:\n    Type: Number\n    Default: 5\nResources:\n${table('      ProvisionedThroughput:\n        ReadCapacityUnits: !Ref Reads\n        WriteCapacityUnits: 5\n')}`,
      errors: [{ message: 'DynamoDB table Orders is provisioned with no auto scaling' }],
      fixTitles: ['Add auto scaling (70 % utilization target) for the table read and table write capacity'],
    },
    {
      name: 'billing mode from a parameter: says when, no fix',
      yaml: `${head}Parameters:\n  Mode:\n    Type: String\n    Default: PROVISIONED\n    AllowedValues: [PROVISIONED, PAY_PER_REQUEST]\nResources:\n${table(`      BillingMode: !Ref Mode\n${throughput}`)}`,
      errors: [{ message: 'DynamoDB table Orders is provisioned unless parameter Mode is PAY_PER_REQUEST with no auto scaling' }],
      fixTitles: [],
    },
    {
      name: 'SAM SimpleTable with provisioned throughput: on-demand removes it',
      yaml: `${sam}Resources:\n  Items:\n    Type: AWS::Serverless::SimpleTable\n    Properties:\n      ProvisionedThroughput:\n        ReadCapacityUnits: 5\n        WriteCapacityUnits: 5\n`,
      errors: [{ message: 'DynamoDB table Items is provisioned' }],
      fix: 1,
      output: `${sam}Resources:\n  Items:\n    Type: AWS::Serverless::SimpleTable\n`,
    },
    {
      name: 'SAM SimpleTable: new IDs under the SAM resource prefix stay unique (no endless search)',
      yaml: `${sam}Resources:\n  Items:\n    Type: AWS::Serverless::SimpleTable\n    Properties:\n      ProvisionedThroughput:\n        ReadCapacityUnits: 5\n        WriteCapacityUnits: 5\n  ItemsReadScalableTarget:\n    Type: AWS::SNS::Topic\n`,
      errors: [{ message: 'DynamoDB table Items is provisioned' }],
      output:
        `${sam}Resources:\n  Items:\n    Type: AWS::Serverless::SimpleTable\n    Properties:\n      ProvisionedThroughput:\n        ReadCapacityUnits: 5\n        WriteCapacityUnits: 5\n  ItemsReadScalableTarget:\n    Type: AWS::SNS::Topic\n` +
        added('Read', 5).replace(/OrdersReadScalableTarget/g, 'ItemsReadScalableTarget2').replace(/Orders/g, 'Items') +
        added('Write', 5).replace(/Orders/g, 'Items'),
    },
  ],
});
