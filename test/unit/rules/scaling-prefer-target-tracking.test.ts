import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const group = '  Web:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      VPCZoneIdentifier: [subnet-1, subnet-2]\n      MinSize: "2"\n      MaxSize: "6"\n';
const policy = (type: string) =>
  `  ScaleUp:\n    Type: AWS::AutoScaling::ScalingPolicy\n    Properties:\n      AutoScalingGroupName: !Ref Web\n${type}      AdjustmentType: ChangeInCapacity\n      ScalingAdjustment: 1\n      Cooldown: "300"\n`;
const alarm = (metric: string, ns = 'AWS/EC2', extra = '') =>
  `  HighAlarm:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Namespace: ${ns}\n      MetricName: ${metric}\n      Statistic: Average\n      Period: 60\n      EvaluationPeriods: 2\n      Threshold: 70\n      ComparisonOperator: GreaterThanThreshold\n      AlarmActions: [!Ref ScaleUp]\n      Dimensions:\n        - Name: AutoScalingGroupName\n          Value: !Ref Web\n${extra}`;

ruleTester('scaling-prefer-target-tracking', {
  valid: [
    { name: 'a custom metric needs step scaling', yaml: `${head}Resources:\n${group}${policy('      PolicyType: SimpleScaling\n')}${alarm('QueueDepth', 'MyApp')}` },
    { name: 'no alarm in the template', yaml: `${head}Resources:\n${group}${policy('')}` },
    {
      name: 'Application Auto Scaling step scaling on a custom metric',
      yaml: `${head}Resources:\n  Step:\n    Type: AWS::ApplicationAutoScaling::ScalingPolicy\n    Properties:\n      PolicyName: step\n      PolicyType: StepScaling\n      ScalingTargetId: target-id\n      StepScalingPolicyConfiguration:\n        AdjustmentType: ChangeInCapacity\n        StepAdjustments:\n          - MetricIntervalLowerBound: 0\n            ScalingAdjustment: 1\n  Alarm:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Namespace: AWS/SQS\n      MetricName: ApproximateNumberOfMessagesVisible\n      Statistic: Average\n      Period: 60\n      EvaluationPeriods: 1\n      Threshold: 100\n      ComparisonOperator: GreaterThanThreshold\n      AlarmActions: [!Ref Step]\n`,
    },
  ],
  invalid: [
    {
      name: 'simple scaling (the default) on the group CPU',
      yaml: `${head}Resources:\n${group}${policy('')}${alarm('CPUUtilization')}`,
      errors: [{ message: 'Simple scaling policy ScaleUp (alarm HighAlarm on CPUUtilization) scales on a metric target tracking covers: one target-tracking policy on ASGAverageCPUUtilization', severity: 'info', text: 'ScaleUp', line: 9 }],
    },
    {
      name: 'step scaling on requests per target',
      yaml: `${head}Resources:\n${group}${policy('      PolicyType: StepScaling\n')}${alarm('RequestCountPerTarget', 'AWS/ApplicationELB')}`,
      errors: [{ message: 'Step scaling policy ScaleUp (alarm HighAlarm on RequestCountPerTarget)', text: 'StepScaling' }],
    },
  ],
});
