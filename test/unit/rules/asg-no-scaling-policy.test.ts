import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const group = (props: string, extra = '') => `  Web:\n    Type: AWS::AutoScaling::AutoScalingGroup\n${extra}    Properties:\n      VPCZoneIdentifier: [subnet-1, subnet-2]\n${props}`;
const tg = '  TargetGroup:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n    Properties:\n      Port: 80\n      Protocol: HTTP\n      VpcId: vpc-1\n';
const lb = '      TargetGroupARNs: [!Ref TargetGroup]\n      HealthCheckType: ELB\n';
const policy = (name: string, body: string) => `  ${name}:\n    Type: AWS::AutoScaling::ScalingPolicy\n    Properties:\n      AutoScalingGroupName: !Ref Web\n${body}`;
const added = (id = 'WebCpuScalingPolicy', extra = '') =>
  `  ${id}:\n    Type: AWS::AutoScaling::ScalingPolicy\n${extra}    Properties:\n      AutoScalingGroupName: !Ref Web\n      PolicyType: TargetTrackingScaling\n      TargetTrackingConfiguration:\n        PredefinedMetricSpecification:\n          PredefinedMetricType: ASGAverageCPUUtilization\n        TargetValue: 50\n`;

ruleTester('asg-no-scaling-policy', {
  valid: [
    {
      name: 'target-tracking policy naming the group',
      yaml: `${head}Resources:\n${group('      MinSize: "2"\n      MaxSize: "6"\n')}${policy('Cpu', '      PolicyType: TargetTrackingScaling\n      TargetTrackingConfiguration:\n        PredefinedMetricSpecification:\n          PredefinedMetricType: ASGAverageCPUUtilization\n        TargetValue: 50\n')}`,
    },
    {
      name: 'scheduled scaling is a valid form',
      yaml: `${head}Resources:\n${group('      MinSize: "2"\n      MaxSize: "6"\n')}  Morning:\n    Type: AWS::AutoScaling::ScheduledAction\n    Properties:\n      AutoScalingGroupName: !Ref Web\n      Recurrence: "0 7 * * *"\n      DesiredCapacity: 4\n`,
    },
    {
      name: 'predictive scaling is a valid form',
      yaml: `${head}Resources:\n${group('      MinSize: "2"\n      MaxSize: "6"\n')}${policy('Forecast', '      PolicyType: PredictiveScaling\n      PredictiveScalingConfiguration:\n        MetricSpecifications:\n          - TargetValue: 50\n            PredefinedMetricPairSpecification:\n              PredefinedMetricType: ASGCPUUtilization\n')}`,
    },
    {
      name: 'a policy naming the group by its literal name',
      yaml: `${head}Resources:\n${group('      AutoScalingGroupName: web-asg\n      MinSize: "2"\n      MaxSize: "6"\n')}  Cpu:\n    Type: AWS::AutoScaling::ScalingPolicy\n    Properties:\n      AutoScalingGroupName: web-asg\n      PolicyType: TargetTrackingScaling\n      TargetTrackingConfiguration:\n        PredefinedMetricSpecification:\n          PredefinedMetricType: ASGAverageCPUUtilization\n        TargetValue: 50\n`,
    },
    { name: 'a self-healing single instance (bastion), no load balancer', yaml: `${head}Resources:\n${group('      MinSize: "1"\n      MaxSize: "1"\n')}` },
    {
      name: 'a fixed fleet whose sizes are one parameter, no load balancer',
      yaml: `${head}Parameters:\n  Size:\n    Type: Number\n    Default: 3\nResources:\n${group('      MinSize: !Ref Size\n      MaxSize: !Ref Size\n')}`,
    },
    {
      name: 'sized by one deploy-time parameter behind a load balancer (a quorum cluster): fixed by design',
      yaml: `${head}Parameters:\n  Nodes:\n    Type: Number\n    Default: 3\nResources:\n${tg}${group(`      MinSize: "2"\n      MaxSize: !Ref Nodes\n      DesiredCapacity: !Ref Nodes\n${lb}`)}`,
    },
    { name: 'a group switched off', yaml: `${head}Resources:\n${tg}${group(`      MinSize: "0"\n      MaxSize: "0"\n${lb}`)}` },
    {
      name: 'ECS capacity provider with managed scaling',
      yaml: `${head}Resources:\n${group('      MinSize: "0"\n      MaxSize: "10"\n')}  Provider:\n    Type: AWS::ECS::CapacityProvider\n    Properties:\n      AutoScalingGroupProvider:\n        AutoScalingGroupArn: !Ref Web\n        ManagedScaling:\n          Status: ENABLED\n          TargetCapacity: 90\n`,
    },
    {
      name: 'a scaling plan covering the group',
      yaml: `${head}Resources:\n${group('      MinSize: "1"\n      MaxSize: "5"\n')}  Plan:\n    Type: AWS::AutoScalingPlans::ScalingPlan\n    Properties:\n      ApplicationSource:\n        CloudFormationStackARN: !Ref AWS::StackId\n      ScalingInstructions:\n        - ServiceNamespace: autoscaling\n          ScalableDimension: autoscaling:autoScalingGroup:DesiredCapacity\n          ResourceId: !Join [/, [autoScalingGroup, !Ref Web]]\n          MinCapacity: 1\n          MaxCapacity: 5\n          TargetTrackingConfigurations:\n            - PredefinedScalingMetricSpecification:\n                PredefinedScalingMetricType: ASGAverageCPUUtilization\n              TargetValue: 50\n`,
    },
    {
      name: 'Kubernetes cluster autoscaler tag',
      yaml: `${head}Resources:\n${group('      MinSize: "1"\n      MaxSize: "5"\n      Tags:\n        - Key: k8s.io/cluster-autoscaler/enabled\n          Value: "true"\n          PropagateAtLaunch: true\n')}`,
    },
  ],
  invalid: [
    {
      name: 'an elastic range that nothing uses: fix adds a target-tracking policy',
      yaml: `${head}Resources:\n${group('      MinSize: "2"\n      MaxSize: "6"\n')}`,
      errors: [{ message: 'Auto Scaling group Web has no scaling policy or scheduled action: it stays at its desired capacity', resource: 'Web', text: 'Web', line: 3 }],
      fixTitles: ['Add a target-tracking scaling policy (average CPU 50 %)'],
      output: `${head}Resources:\n${group('      MinSize: "2"\n      MaxSize: "6"\n')}${added()}`,
    },
    {
      name: 'behind a load balancer with MinSize = MaxSize: the fix also raises MaxSize',
      yaml: `${head}Resources:\n${tg}${group(`      MinSize: "2"\n      MaxSize: "2"\n${lb}`)}`,
      errors: [{ message: /serves a load balancer but has no scaling policy.*scales out horizontally \(more instances, in minutes\).*vertical scaling/ }],
      fixTitles: ['Add a target-tracking scaling policy (average CPU 50 %) and raise MaxSize to 4'],
      output: `${head}Resources:\n${tg}${group(`      MinSize: "2"\n      MaxSize: "4"\n${lb}`)}${added()}`,
    },
    {
      name: 'a single instance behind a load balancer is reported too',
      yaml: `${head}Resources:\n${tg}${group(`      MinSize: 1\n      MaxSize: 1\n${lb}`)}`,
      errors: [{ message: 'serves a load balancer' }],
      output: `${head}Resources:\n${tg}${group(`      MinSize: 1\n      MaxSize: 2\n${lb}`)}${added()}`,
    },
    {
      name: 'the new policy takes the group condition; the ID avoids a clash',
      yaml: `${head}Conditions:\n  Prod: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n${group('      MinSize: "2"\n      MaxSize: "6"\n', '    Condition: Prod\n')}  WebCpuScalingPolicy:\n    Type: AWS::SNS::Topic\n`,
      errors: [{ message: 'Auto Scaling group Web has no scaling policy' }],
      output: `${head}Conditions:\n  Prod: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n${group('      MinSize: "2"\n      MaxSize: "6"\n', '    Condition: Prod\n')}  WebCpuScalingPolicy:\n    Type: AWS::SNS::Topic\n${added('WebCpuScalingPolicy2', '    Condition: Prod\n')}`,
    },
    {
      name: 'sizes from parameters behind a load balancer: policy only',
      yaml: `${head}Parameters:\n  Max:\n    Type: Number\n    Default: 4\nResources:\n${tg}${group(`      MinSize: "2"\n      MaxSize: !Ref Max\n${lb}`)}`,
      errors: [{ message: 'serves a load balancer' }],
      fixTitles: ['Add a target-tracking scaling policy (average CPU 50 %)'],
    },
    {
      name: 'a policy on another group does not count',
      yaml: `${head}Resources:\n${group('      MinSize: "2"\n      MaxSize: "6"\n')}  Other:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      VPCZoneIdentifier: [subnet-1, subnet-2]\n      MinSize: "1"\n      MaxSize: "1"\n  Cpu:\n    Type: AWS::AutoScaling::ScalingPolicy\n    Properties:\n      AutoScalingGroupName: !Ref Other\n      PolicyType: TargetTrackingScaling\n      TargetTrackingConfiguration:\n        PredefinedMetricSpecification:\n          PredefinedMetricType: ASGAverageCPUUtilization\n        TargetValue: 50\n`,
      errors: [{ message: 'Auto Scaling group Web has no scaling policy', resource: 'Web' }],
    },
  ],
});
