import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const group = (props: string) => `  Web:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      VPCZoneIdentifier: [subnet-1, subnet-2]\n${props}`;
const tg = '  TargetGroup:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n    Properties:\n      Port: 80\n      Protocol: HTTP\n      VpcId: vpc-1\n';
const lb = '      TargetGroupARNs: [!Ref TargetGroup]\n      HealthCheckType: ELB\n';
const cpu = '  Cpu:\n    Type: AWS::AutoScaling::ScalingPolicy\n    Properties:\n      AutoScalingGroupName: !Ref Web\n      PolicyType: TargetTrackingScaling\n      TargetTrackingConfiguration:\n        PredefinedMetricSpecification:\n          PredefinedMetricType: ASGAverageCPUUtilization\n        TargetValue: 50\n';

ruleTester('asg-min-equals-max', {
  valid: [
    { name: 'room to scale', yaml: `${head}Resources:\n${tg}${group(`      MinSize: "2"\n      MaxSize: "6"\n${lb}`)}${cpu}` },
    { name: 'equal sizes and no policy: asg-no-scaling-policy reports it', yaml: `${head}Resources:\n${tg}${group(`      MinSize: "2"\n      MaxSize: "2"\n${lb}`)}` },
    {
      name: 'scheduled actions change the sizes themselves',
      yaml: `${head}Resources:\n${group('      MinSize: "2"\n      MaxSize: "2"\n')}${cpu}  Peak:\n    Type: AWS::AutoScaling::ScheduledAction\n    Properties:\n      AutoScalingGroupName: !Ref Web\n      Recurrence: "0 8 * * *"\n      MaxSize: 8\n`,
    },
    {
      name: 'predictive scaling may raise the maximum',
      yaml: `${head}Resources:\n${group('      MinSize: "2"\n      MaxSize: "2"\n')}  Forecast:\n    Type: AWS::AutoScaling::ScalingPolicy\n    Properties:\n      AutoScalingGroupName: !Ref Web\n      PolicyType: PredictiveScaling\n      PredictiveScalingConfiguration:\n        MaxCapacityBreachBehavior: IncreaseMaxCapacity\n        MetricSpecifications:\n          - TargetValue: 50\n            PredefinedMetricPairSpecification:\n              PredefinedMetricType: ASGCPUUtilization\n`,
    },
    {
      name: 'parameters with different defaults',
      yaml: `${head}Parameters:\n  Min:\n    Type: Number\n    Default: 2\n  Max:\n    Type: Number\n    Default: 6\nResources:\n${group('      MinSize: !Ref Min\n      MaxSize: !Ref Max\n')}${cpu}`,
    },
  ],
  invalid: [
    {
      name: 'equal numbers behind a load balancer: fix raises MaxSize',
      yaml: `${head}Resources:\n${tg}${group(`      MinSize: "3"\n      MaxSize: "3"\n${lb}`)}${cpu}`,
      errors: [{ message: 'MinSize equals MaxSize (3) on Auto Scaling group Web: its scaling policy Cpu can never change the capacity, so the group, behind its load balancer, cannot scale out', resource: 'Web', line: 14 }],
      fixTitles: ['Raise MaxSize to 6 so the policies can scale out'],
      output: `${head}Resources:\n${tg}${group(`      MinSize: "3"\n      MaxSize: "6"\n${lb}`)}${cpu}`,
    },
    {
      name: 'one parameter for both sizes: no fix',
      yaml: `${head}Parameters:\n  Size:\n    Type: Number\n    Default: 2\nResources:\n${group('      MinSize: !Ref Size\n      MaxSize: !Ref Size\n')}${cpu}`,
      errors: [{ message: 'MinSize equals MaxSize (2) on Auto Scaling group Web' }],
      fixTitles: [],
    },
    {
      name: 'equal only with the parameter defaults: says which parameters',
      yaml: `${head}Parameters:\n  Min:\n    Type: Number\n    Default: 2\n  Max:\n    Type: Number\n    Default: 2\nResources:\n${group('      MinSize: !Ref Min\n      MaxSize: !Ref Max\n')}${cpu}`,
      errors: [{ message: 'MinSize equals MaxSize (2) with the defaults of parameters Min and Max on Auto Scaling group Web' }],
      fixTitles: [],
    },
  ],
});
