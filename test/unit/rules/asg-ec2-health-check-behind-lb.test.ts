import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  TargetGroup:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n    Properties:\n      Port: 80\n      Protocol: HTTP\n      VpcId: vpc-1\n      HealthCheckPath: /health\n';
const asg = (props: string) => `${head}  Group:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      MinSize: "2"\n      MaxSize: "4"\n      VPCZoneIdentifier: [subnet-1, subnet-2]\n${props}`;

ruleTester('asg-ec2-health-check-behind-lb', {
  valid: [
    { name: 'ELB health checks', yaml: asg('      TargetGroupARNs: [!Ref TargetGroup]\n      HealthCheckType: ELB\n      HealthCheckGracePeriod: 120\n') },
    { name: 'ELB among several types', yaml: asg('      TargetGroupARNs: [!Ref TargetGroup]\n      HealthCheckType: "EBS,ELB"\n') },
    { name: 'not behind a load balancer', yaml: asg('      HealthCheckType: EC2\n') },
    { name: 'empty target group list', yaml: asg('      TargetGroupARNs: []\n') },
    { name: 'parameter defaulting to ELB', yaml: `Parameters:\n  Hc:\n    Type: String\n    Default: ELB\n${asg('      TargetGroupARNs: [!Ref TargetGroup]\n      HealthCheckType: !Ref Hc\n').replace('AWSTemplateFormatVersion: "2010-09-09"\n', '')}` },
    { name: 'unknown value (function)', yaml: asg('      TargetGroupARNs: [!Ref TargetGroup]\n      HealthCheckType: !ImportValue shared-hc\n') },
  ],
  invalid: [
    {
      name: 'absent HealthCheckType: fix adds ELB and a grace period',
      yaml: asg('      TargetGroupARNs: [!Ref TargetGroup]\n'),
      errors: [{ message: 'has no HealthCheckType (default EC2)', resource: 'Group', text: 'Group', severity: 'warning' }],
      fixTitles: ['Use ELB health checks (HealthCheckType: ELB, HealthCheckGracePeriod: 300)'],
      output: asg('      TargetGroupARNs: [!Ref TargetGroup]\n      HealthCheckType: ELB\n      HealthCheckGracePeriod: 300\n'),
    },
    {
      name: 'explicit EC2 with a grace period: only the type changes',
      yaml: asg('      LoadBalancerNames: [classic-lb]\n      HealthCheckType: EC2\n      HealthCheckGracePeriod: 60\n'),
      errors: [{ message: 'attached to a Classic Load Balancer but uses HealthCheckType EC2', text: 'EC2' }],
      fixTitles: ['Use ELB health checks (HealthCheckType: ELB)'],
      output: asg('      LoadBalancerNames: [classic-lb]\n      HealthCheckType: ELB\n      HealthCheckGracePeriod: 60\n'),
    },
    {
      name: 'quoted EC2,EBS keeps quoting and the other type',
      yaml: asg('      TrafficSources:\n        - Type: elbv2\n          Identifier: !Ref TargetGroup\n      HealthCheckType: "EC2,EBS"\n'),
      errors: [{ message: 'uses HealthCheckType EC2,EBS', line: 19 }],
      output: asg('      TrafficSources:\n        - Type: elbv2\n          Identifier: !Ref TargetGroup\n      HealthCheckType: "ELB,EBS"\n      HealthCheckGracePeriod: 300\n'),
    },
    {
      name: 'parameter defaulting to EC2: named, no fix',
      yaml: `Parameters:\n  Hc:\n    Type: String\n    Default: EC2\n${asg('      TargetGroupARNs: [!Ref TargetGroup]\n      HealthCheckType: !Ref Hc\n').replace('AWSTemplateFormatVersion: "2010-09-09"\n', '')}`,
      errors: [{ message: /HealthCheckType .*parameter Hc.*EC2/, line: 20 }],
      fixTitles: [],
    },
  ],
});
