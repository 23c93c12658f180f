import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const target = (dimension = 'dynamodb:table:ReadCapacityUnits', extra = '') =>
  `  ReadTarget:\n    Type: AWS::ApplicationAutoScaling::ScalableTarget\n    Properties:\n      MinCapacity: 5\n      MaxCapacity: 50\n      ResourceId: table/orders\n      ScalableDimension: ${dimension}\n      ServiceNamespace: ${dimension.split(':')[0]}\n${extra}`;
const policy = (link: string) =>
  `  ReadPolicy:\n    Type: AWS::ApplicationAutoScaling::ScalingPolicy\n    Properties:\n      PolicyName: read\n      PolicyType: TargetTrackingScaling\n${link}      TargetTrackingScalingPolicyConfiguration:\n        PredefinedMetricSpecification:\n          PredefinedMetricType: DynamoDBReadCapacityUtilization\n        TargetValue: 70\n`;

ruleTester('scaling-target-no-policy', {
  valid: [
    { name: 'policy with ScalingTargetId', yaml: `${head}Resources:\n${target()}${policy('      ScalingTargetId: !Ref ReadTarget\n')}` },
    { name: 'policy with the same ResourceId and dimension', yaml: `${head}Resources:\n${target()}${policy('      ResourceId: table/orders\n      ScalableDimension: dynamodb:table:ReadCapacityUnits\n      ServiceNamespace: dynamodb\n')}` },
    {
      name: 'scheduled actions on the target',
      yaml: `${head}Resources:\n${target('dynamodb:table:ReadCapacityUnits', '      ScheduledActions:\n        - ScheduledActionName: morning\n          Schedule: cron(0 7 * * ? *)\n          ScalableTargetAction:\n            MinCapacity: 20\n')}`,
    },
  ],
  invalid: [
    {
      name: 'lonely DynamoDB target: fix adds the target-tracking policy',
      yaml: `${head}Resources:\n${target()}`,
      errors: [{ message: 'Scalable target ReadTarget (dynamodb:table:ReadCapacityUnits) has no scaling policy or scheduled action', resource: 'ReadTarget', text: 'ReadTarget', line: 3 }],
      fixTitles: ['Add a target-tracking policy (DynamoDBReadCapacityUtilization at 70 %)'],
      output: `${head}Resources:\n${target()}  ReadScalingPolicy:\n    Type: AWS::ApplicationAutoScaling::ScalingPolicy\n    Properties:\n      PolicyName: ReadScalingPolicy\n      PolicyType: TargetTrackingScaling\n      ScalingTargetId: !Ref ReadTarget\n      TargetTrackingScalingPolicyConfiguration:\n        PredefinedMetricSpecification:\n          PredefinedMetricType: DynamoDBReadCapacityUtilization\n        TargetValue: 70\n`,
    },
    {
      name: 'a policy for another dimension does not count',
      yaml: `${head}Resources:\n${target()}${policy('      ResourceId: table/orders\n      ScalableDimension: dynamodb:table:WriteCapacityUnits\n      ServiceNamespace: dynamodb\n')}`,
      errors: [{ message: 'Scalable target ReadTarget' }],
    },
    {
      name: 'Lambda provisioned concurrency: utilization 0.7',
      yaml: `${head}Resources:\n${target('lambda:function:ProvisionedConcurrency')}`.replace('table/orders', 'function:my-fn:live'),
      errors: [{ message: 'Scalable target ReadTarget (lambda:function:ProvisionedConcurrency)' }],
      fixTitles: ['Add a target-tracking policy (LambdaProvisionedConcurrencyUtilization at 70 %)'],
    },
    {
      name: 'a dimension without a sensible default metric: no fix',
      yaml: `${head}Resources:\n${target('sagemaker:variant:DesiredInstanceCount')}`.replace('table/orders', 'endpoint/ep/variant/v1'),
      errors: [{ message: 'Scalable target ReadTarget (sagemaker:variant:DesiredInstanceCount)' }],
      fixTitles: [],
    },
  ],
});
