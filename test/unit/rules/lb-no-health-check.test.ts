import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const tg = (props: string) => `${head}Resources:\n  TargetGroup:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n    Properties:\n      VpcId: vpc-1\n${props}`;
const clb = (props: string) => `${head}Resources:\n  Elb:\n    Type: AWS::ElasticLoadBalancing::LoadBalancer\n    Properties:\n      Subnets: [subnet-1, subnet-2]\n      Listeners:\n        - LoadBalancerPort: "80"\n          InstancePort: "80"\n          Protocol: HTTP\n${props}`;
const hc = '      HealthCheck:\n        Target: HTTP:80/health\n        HealthyThreshold: "3"\n        UnhealthyThreshold: "5"\n        Interval: "30"\n        Timeout: "5"\n';

ruleTester('lb-no-health-check', {
  valid: [
    { name: 'HTTP target group with a health check path', yaml: tg('      Port: 80\n      Protocol: HTTP\n      HealthCheckPath: /health\n') },
    { name: 'TCP target group (NLB): TCP health check', yaml: tg('      Port: 80\n      Protocol: TCP\n') },
    { name: 'TCP target group with an HTTP check and a path', yaml: tg('      Port: 80\n      Protocol: TCP\n      HealthCheckProtocol: HTTP\n      HealthCheckPath: /ping\n') },
    { name: 'Lambda target group with health checks off', yaml: tg('      TargetType: lambda\n      HealthCheckEnabled: false\n') },
    { name: 'Lambda target group without a path', yaml: tg('      TargetType: lambda\n') },
    { name: 'gRPC target group (default path is the gRPC health method)', yaml: tg('      Port: 443\n      Protocol: HTTPS\n      ProtocolVersion: GRPC\n') },
    { name: 'classic load balancer with health check and cross-zone', yaml: clb(`${hc}      CrossZone: true\n`) },
    {
      // Corpus, ecs-refarch load-balancers.yaml: the default target group a listener requires, never given targets.
      name: 'placeholder default target group of a listener, without targets: its path does not matter',
      yaml: `${tg('      Port: 80\n      Protocol: HTTP\n')}  Listener:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/1\n      Port: 80\n      Protocol: HTTP\n      DefaultActions:\n        - Type: forward\n          TargetGroupArn: !Ref TargetGroup\n`,
    },
    {
      name: 'classic load balancer in a single subnet: nothing to balance across zones',
      yaml: clb(hc).replace('Subnets: [subnet-1, subnet-2]', 'Subnets: [subnet-1]'),
    },
  ],
  invalid: [
    {
      name: 'health checks disabled on an instance target group',
      yaml: tg('      Port: 80\n      Protocol: HTTP\n      HealthCheckPath: /health\n      HealthCheckEnabled: false\n'),
      errors: [{ message: 'rejects for instance targets: the stack fails to deploy', resource: 'TargetGroup', text: 'false', severity: 'warning' }],
      fixTitles: ['Enable health checks (HealthCheckEnabled: true)'],
      output: tg('      Port: 80\n      Protocol: HTTP\n      HealthCheckPath: /health\n      HealthCheckEnabled: true\n'),
    },
    {
      name: 'health checks disabled on an ip target group written as a string',
      yaml: tg('      TargetType: ip\n      Port: 80\n      Protocol: TCP\n      HealthCheckEnabled: "false"\n'),
      errors: [{ message: 'rejects for ip targets' }],
      output: tg('      TargetType: ip\n      Port: 80\n      Protocol: TCP\n      HealthCheckEnabled: true\n'),
    },
    {
      name: 'target type from a parameter that may be lambda',
      yaml: `${head}Parameters:\n  Targets:\n    Type: String\n    Default: ip\n    AllowedValues: [ip, lambda]\n${tg('      TargetType: !Ref Targets\n      HealthCheckEnabled: false\n').replace(head, '')}`,
      errors: [{ message: /turns health checks off for ip targets unless parameter Targets is lambda/ }],
    },
    {
      name: 'a listener default target group that an Auto Scaling group registers in is checked',
      yaml: `${tg('      Port: 80\n      Protocol: HTTP\n')}  Listener:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/1\n      Port: 80\n      Protocol: HTTP\n      DefaultActions:\n        - Type: forward\n          TargetGroupArn: !Ref TargetGroup\n  Group:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      MinSize: "2"\n      MaxSize: "4"\n      HealthCheckType: ELB\n      VPCZoneIdentifier: [subnet-1, subnet-2]\n      TargetGroupARNs: [!Ref TargetGroup]\n      LaunchTemplate:\n        LaunchTemplateId: lt-1\n        Version: "1"\n`,
      errors: [{ message: 'without HealthCheckPath, so it requests "/"', severity: 'info' }],
    },
    {
      name: 'a target group handed to another stack through an output is checked',
      yaml: `${tg('      Port: 80\n      Protocol: HTTP\n')}Outputs:\n  TargetGroupArn:\n    Value: !Ref TargetGroup\n`,
      errors: [{ message: 'without HealthCheckPath, so it requests "/"', severity: 'info' }],
    },
    {
      name: 'HTTP target group without a health check path (info)',
      yaml: tg('      Port: 80\n      Protocol: HTTP\n'),
      errors: [{ message: 'without HealthCheckPath, so it requests "/"', severity: 'info', text: 'HTTP' }],
    },
    {
      name: 'TCP target group with an HTTPS check but no path (info)',
      yaml: tg('      Port: 443\n      Protocol: TLS\n      HealthCheckProtocol: HTTPS\n'),
      errors: [{ message: 'has an HTTPS health check without HealthCheckPath', severity: 'info', text: 'HTTPS' }],
    },
    {
      name: 'classic load balancer without cross-zone: fix',
      yaml: clb(hc),
      errors: [{ message: 'does not enable CrossZone', resource: 'Elb', text: 'Elb' }],
      fixTitles: ['Enable cross-zone load balancing (CrossZone: true)'],
      output: clb(`${hc}      CrossZone: true\n`),
    },
    {
      name: 'classic load balancer without health check and CrossZone false',
      yaml: clb('      CrossZone: false\n'),
      errors: [
        { message: 'has no HealthCheck, so the Classic Load Balancer uses the default TCP connection test', text: 'Elb' },
        { message: 'sets CrossZone: false', text: 'false' },
      ],
      fixTitles: [],
    },
    {
      name: 'classic cross-zone from a parameter',
      yaml: `${head}Parameters:\n  CrossZone:\n    Type: String\n    Default: "false"\n    AllowedValues: ["true", "false"]\n${clb(`${hc}      CrossZone: !Ref CrossZone\n`).replace(head, '')}`,
      errors: [{ message: 'has cross-zone load balancing off unless parameter CrossZone is true' }],
      fixTitles: [],
    },
  ],
});
