import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const inst = `Resources:\n  Server:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-12345678\n      InstanceType: t3.micro\n`;
const alarm = (actions: string, dims = '        - Name: InstanceId\n          Value: !Ref Server\n') =>
  `  ServerAlarm:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      Namespace: AWS/EC2\n      MetricName: StatusCheckFailed_System\n      Statistic: Minimum\n      Period: 60\n      EvaluationPeriods: 2\n      Threshold: 0\n      ComparisonOperator: GreaterThanThreshold\n      Dimensions:\n${dims}      AlarmActions:\n${actions}`;
const added = (id: string, condition = '') =>
  `  ${id}RecoveryAlarm:\n    Type: AWS::CloudWatch::Alarm\n${condition}    Properties:\n      AlarmDescription: "Recover ${id} onto healthy hardware when its system status check fails"\n      Namespace: AWS/EC2\n      MetricName: StatusCheckFailed_System\n      Dimensions:\n        - Name: InstanceId\n          Value: !Ref ${id}\n      Statistic: Minimum\n      Period: 60\n      EvaluationPeriods: 2\n      Threshold: 0\n      ComparisonOperator: GreaterThanThreshold\n      AlarmActions:\n        - !Sub "arn:\${AWS::Partition}:automate:\${AWS::Region}:ec2:recover"\n`;

ruleTester('ec2-no-auto-recovery', {
  valid: [
    { name: 'recover alarm with a literal ARN', yaml: head + inst + alarm('        - arn:aws:automate:us-east-1:ec2:recover\n') },
    { name: 'recover alarm with Sub', yaml: head + inst + alarm('        - !Sub "arn:aws:automate:${AWS::Region}:ec2:recover"\n') },
    { name: 'recover alarm with Sub and partition', yaml: head + inst + alarm('        - !Sub "arn:${AWS::Partition}:automate:${AWS::Region}:ec2:recover"\n') },
    { name: 'recover alarm with Join', yaml: head + inst + alarm('        - !Join ["", ["arn:aws:automate:", !Ref "AWS::Region", ":ec2:recover"]]\n') },
    { name: 'alarm action from a parameter (may be recover)', yaml: `${head}Parameters:\n  Action:\n    Type: String\n${inst}${alarm('        - !Ref Action\n')}` },
    { name: 'no instance at all', yaml: `${head}Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n` },
    { name: 'instance store volume mapped: EC2 cannot recover it', yaml: head + inst + '      BlockDeviceMappings:\n        - DeviceName: /dev/sdb\n          VirtualName: ephemeral0\n' },
    { name: 'an instance type with built-in instance store (m5d)', yaml: head + inst.replace('t3.micro', 'm5d.large') },
    { name: 'every allowed instance type has instance store', yaml: `${head}Parameters:\n  Type:\n    Type: String\n    Default: i3.large\n    AllowedValues: [i3.large, c6gd.xlarge]\n${inst.replace('InstanceType: t3.micro', 'InstanceType: !Ref Type')}` },
    { name: 'on a Dedicated Host', yaml: head + inst + '      Tenancy: host\n' },
  ],
  invalid: [
    {
      name: 'no alarm: add one (the headline fix)',
      yaml: head + inst,
      errors: [{ message: "stand-alone EC2 instance with no CloudWatch alarm to recover it: when its host fails, only EC2's default simplified automatic recovery", resource: 'Server', text: 'Server', severity: 'info' }],
      fixTitles: ['Add a CloudWatch alarm that recovers Server (ServerRecoveryAlarm)'],
      output: head + inst + added('Server'),
    },
    {
      name: 'EBS volumes only, dedicated tenancy: recoverable, reported',
      yaml: head + inst + '      Tenancy: dedicated\n      BlockDeviceMappings:\n        - DeviceName: /dev/xvda\n          Ebs:\n            VolumeSize: 20\n',
      errors: [{ message: 'no CloudWatch alarm to recover it', severity: 'info' }],
    },
    {
      name: 'an instance type parameter that may be EBS-only: reported',
      yaml: `${head}Parameters:\n  Type:\n    Type: String\n    Default: m5d.large\n    AllowedValues: [m5d.large, m5.large]\n${inst.replace('InstanceType: t3.micro', 'InstanceType: !Ref Type')}`,
      errors: [{ message: 'no CloudWatch alarm to recover it' }],
    },
    {
      name: 'an alarm that only notifies does not count',
      yaml: head + inst + alarm('        - arn:aws:sns:us-east-1:123456789012:ops\n'),
      errors: [{ message: 'no CloudWatch alarm to recover it' }],
    },
    {
      name: 'a recover alarm for another instance does not count',
      yaml: `${head}${inst}  Other:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-12345678\n      InstanceType: t3.micro\n${alarm('        - arn:aws:automate:us-east-1:ec2:recover\n', '        - Name: InstanceId\n          Value: !Ref Other\n')}`,
      errors: [{ message: 'no CloudWatch alarm', resource: 'Server' }],
    },
    {
      name: 'conditional instance: the alarm carries the condition; the ID avoids a clash',
      yaml: `${head}Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  Server:\n    Type: AWS::EC2::Instance\n    Condition: IsProd\n    Properties:\n      ImageId: ami-12345678\n  ServerRecoveryAlarm:\n    Type: AWS::SNS::Topic\n`,
      errors: [{ message: 'no CloudWatch alarm' }],
      fixTitles: ['Add a CloudWatch alarm that recovers Server (ServerRecoveryAlarm2)'],
      output: `${head}Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  Server:\n    Type: AWS::EC2::Instance\n    Condition: IsProd\n    Properties:\n      ImageId: ami-12345678\n  ServerRecoveryAlarm:\n    Type: AWS::SNS::Topic\n${added('Server', '    Condition: IsProd\n').replace('ServerRecoveryAlarm:', 'ServerRecoveryAlarm2:')}`,
    },
    {
      name: 'launch template disables simplified automatic recovery: warning',
      yaml: `${head}Resources:\n  Template:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        MaintenanceOptions:\n          AutoRecovery: disabled\n  Server:\n    Type: AWS::EC2::Instance\n    Properties:\n      LaunchTemplate:\n        LaunchTemplateId: !Ref Template\n        Version: !GetAtt Template.LatestVersionNumber\n`,
      errors: [{ message: 'launch template disables simplified automatic recovery', severity: 'warning' }],
    },
  ],
});
