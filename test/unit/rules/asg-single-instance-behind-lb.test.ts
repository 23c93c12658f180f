import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const res = (props: string) => `Resources:\n  TargetGroup:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n    Properties:\n      Port: 80\n      Protocol: HTTP\n      VpcId: vpc-1\n  Group:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      VPCZoneIdentifier: [subnet-1, subnet-2]\n${props}`;
const tg = '      TargetGroupARNs: [!Ref TargetGroup]\n      HealthCheckType: ELB\n';

ruleTester('asg-single-instance-behind-lb', {
  valid: [
    { name: 'two to four instances', yaml: head + res(`      MinSize: "2"\n      MaxSize: "4"\n${tg}`) },
    { name: 'one instance, no load balancer', yaml: head + res('      MinSize: "1"\n      MaxSize: "1"\n') },
    { name: 'parameter defaulting to 3', yaml: `${head}Parameters:\n  Max:\n    Type: Number\n    Default: 3\n${res(`      MinSize: "1"\n      MaxSize: !Ref Max\n${tg}`)}` },
    { name: 'unknown MaxSize', yaml: head + res(`      MinSize: "1"\n      MaxSize: !ImportValue max-size\n${tg}`) },
  ],
  invalid: [
    {
      name: 'Min=Max=1 as strings: fix keeps the quotes',
      yaml: head + res(`      MinSize: "1"\n      MaxSize: "1"\n${tg}`),
      errors: [{ message: 'at most one instance (MinSize and MaxSize are 1)', resource: 'Group', line: 14 }],
      fixTitles: ['Run at least two instances (MinSize and MaxSize 2)'],
      output: head + res(`      MinSize: "2"\n      MaxSize: "2"\n${tg}`),
    },
    {
      name: 'numbers, MinSize 0, DesiredCapacity 1',
      yaml: head + res(`      MinSize: 0\n      MaxSize: 1\n      DesiredCapacity: 1\n      LoadBalancerNames: [my-clb]\n`),
      errors: [{ message: 'at most one instance (MaxSize is 1)', text: '1', line: 14 }],
      output: head + res(`      MinSize: 2\n      MaxSize: 2\n      DesiredCapacity: 2\n      LoadBalancerNames: [my-clb]\n`),
    },
    {
      name: 'single quotes',
      yaml: head + res(`      MinSize: '1'\n      MaxSize: '1'\n${tg}`),
      errors: [{ message: 'at most one instance' }],
      output: head + res(`      MinSize: '2'\n      MaxSize: '2'\n${tg}`),
    },
    {
      name: 'MaxSize from a parameter defaulting to 1: named, no fix',
      yaml: `${head}Parameters:\n  Max:\n    Type: Number\n    Default: 1\n${res(`      MinSize: "1"\n      MaxSize: !Ref Max\n${tg}`)}`,
      errors: [{ message: /MaxSize .*parameter Max/, line: 18 }],
      fixTitles: [],
    },
  ],
});
