import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const hc = '  Check:\n    Type: AWS::Route53::HealthCheck\n    Properties:\n      HealthCheckConfig:\n        Type: HTTPS\n        FullyQualifiedDomainName: primary.example.com\n        ResourcePath: /health\n';
const rec = (id: string, role: string, extra = '', name = 'app.example.com.') =>
  `  ${id}:\n    Type: AWS::Route53::RecordSet\n    Properties:\n      HostedZoneName: example.com.\n      Name: ${name}\n      Type: A\n      SetIdentifier: ${id}\n      Failover: ${role}\n${extra}`;
const ips = (ip: string) => `      TTL: "60"\n      ResourceRecords:\n        - ${ip}\n`;
const alb = '  Alb:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Subnets: [subnet-1, subnet-2]\n';
const aliasToAlb = (eth = '') => `      AliasTarget:\n        DNSName: !GetAtt Alb.DNSName\n        HostedZoneId: !GetAtt Alb.CanonicalHostedZoneID\n${eth}`;

ruleTester('route53-failover-incomplete', {
  valid: [
    { name: 'primary with a health check, secondary without (the last resort)', yaml: `${head}Resources:\n${hc}${rec('Primary', 'PRIMARY', `      HealthCheckId: !Ref Check\n${ips('192.0.2.10')}`)}${rec('Secondary', 'SECONDARY', ips('192.0.2.20'))}` },
    { name: 'primary alias evaluating target health', yaml: `${head}Resources:\n${alb}${rec('Primary', 'PRIMARY', aliasToAlb('        EvaluateTargetHealth: true\n'))}${rec('Secondary', 'SECONDARY', ips('192.0.2.20'))}` },
    {
      name: 'record set group with both halves',
      yaml: `${head}Resources:\n${hc}  Records:\n    Type: AWS::Route53::RecordSetGroup\n    Properties:\n      HostedZoneName: example.com.\n      RecordSets:\n        - Name: app.example.com.\n          Type: A\n          SetIdentifier: one\n          Failover: PRIMARY\n          HealthCheckId: !Ref Check\n          TTL: "60"\n          ResourceRecords: [192.0.2.10]\n        - Name: app.example.com.\n          Type: A\n          SetIdentifier: two\n          Failover: SECONDARY\n          TTL: "60"\n          ResourceRecords: [192.0.2.20]\n`,
    },
    {
      name: 'role from a parameter, deployed once per Region: not paired, has a health check',
      yaml: `${head}Parameters:\n  Priority:\n    Type: String\n    AllowedValues: [PRIMARY, SECONDARY]\nResources:\n${hc}${rec('Record', '!Ref Priority', `      HealthCheckId: !Ref Check\n${ips('192.0.2.10')}`)}`,
    },
    { name: 'names differing only by case and the final dot are the same name', yaml: `${head}Resources:\n${hc}${rec('Primary', 'PRIMARY', `      HealthCheckId: !Ref Check\n${ips('192.0.2.10')}`, 'App.Example.com')}${rec('Secondary', 'SECONDARY', ips('192.0.2.20'))}` },
    { name: 'a simple record', yaml: `${head}Resources:\n  Www:\n    Type: AWS::Route53::RecordSet\n    Properties:\n      HostedZoneName: example.com.\n      Name: www.example.com.\n      Type: A\n      TTL: "60"\n      ResourceRecords: [192.0.2.1]\n` },
  ],
  invalid: [
    {
      name: 'primary without a health check',
      yaml: `${head}Resources:\n${rec('Primary', 'PRIMARY', ips('192.0.2.10'))}${rec('Secondary', 'SECONDARY', ips('192.0.2.20'))}`,
      errors: [
        {
          message: 'Primary is a PRIMARY failover record for app.example.com. (A) without a health check (no HealthCheckId): Route 53 treats it as always healthy, so when its endpoint is down DNS keeps answering with it and never fails over to the SECONDARY.',
          severity: 'warning',
          resource: 'Primary',
          text: 'PRIMARY',
          line: 10,
        },
      ],
      fixTitles: [],
    },
    {
      name: 'primary alias to a load balancer without EvaluateTargetHealth: the fix sets it',
      yaml: `${head}Resources:\n${alb}${rec('Primary', 'PRIMARY', aliasToAlb())}${rec('Secondary', 'SECONDARY', ips('192.0.2.20'))}`,
      errors: [{ message: 'Primary is a PRIMARY failover record for app.example.com. (A) without a health check (no HealthCheckId, and its alias does not evaluate target health)' }],
      fixTitles: ['Evaluate the health of load balancer Alb (AliasTarget EvaluateTargetHealth: true)'],
      output: `${head}Resources:\n${alb}${rec('Primary', 'PRIMARY', aliasToAlb('        EvaluateTargetHealth: true\n'))}${rec('Secondary', 'SECONDARY', ips('192.0.2.20'))}`,
    },
    {
      name: 'EvaluateTargetHealth false is replaced',
      yaml: `${head}Resources:\n${alb}${rec('Primary', 'PRIMARY', aliasToAlb('        EvaluateTargetHealth: false\n'))}${rec('Secondary', 'SECONDARY', ips('192.0.2.20'))}`,
      errors: [{ message: 'its alias does not evaluate target health' }],
      output: `${head}Resources:\n${alb}${rec('Primary', 'PRIMARY', aliasToAlb('        EvaluateTargetHealth: true\n'))}${rec('Secondary', 'SECONDARY', ips('192.0.2.20'))}`,
    },
    {
      name: 'primary without a secondary in the template: informational',
      yaml: `${head}Resources:\n${hc}${rec('Primary', 'PRIMARY', `      HealthCheckId: !Ref Check\n${ips('192.0.2.10')}`)}${rec('Other', 'SECONDARY', ips('192.0.2.20'), 'api.example.com.')}`,
      errors: [{ message: 'Primary is a PRIMARY failover record for app.example.com. (A) with no SECONDARY record of the same name and type in this template: unless another stack creates it, Route 53 has nothing to fail over to.', severity: 'info' }],
    },
    {
      name: 'record set group: the primary without a health check nor a secondary',
      yaml: `${head}Resources:\n  Records:\n    Type: AWS::Route53::RecordSetGroup\n    Properties:\n      HostedZoneName: example.com.\n      RecordSets:\n        - Name: app.example.com.\n          Type: A\n          SetIdentifier: one\n          Failover: PRIMARY\n          TTL: "60"\n          ResourceRecords: [192.0.2.10]\n`,
      errors: [
        { message: 'Records (record one) is a PRIMARY failover record for app.example.com. (A) without a health check', severity: 'warning', resource: 'Records' },
        { message: 'Records (record one) is a PRIMARY failover record for app.example.com. (A) with no SECONDARY record', severity: 'info' },
      ],
    },
    {
      name: 'health check only under a condition false by default: informational',
      yaml: `${head}Parameters:\n  Env:\n    Type: String\n    Default: dev\n    AllowedValues: [dev, prod]\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n${hc}${rec('Primary', 'PRIMARY', `      HealthCheckId: !If [IsProd, !Ref Check, !Ref AWS::NoValue]\n${ips('192.0.2.10')}`)}${rec('Secondary', 'SECONDARY', ips('192.0.2.20'))}`,
      errors: [{ message: 'without a health check (no HealthCheckId) unless condition IsProd is true:', severity: 'info' }],
    },
    {
      name: 'role from a parameter defaulting to PRIMARY, no health check: informational',
      yaml: `${head}Parameters:\n  Priority:\n    Type: String\n    Default: PRIMARY\n    AllowedValues: [PRIMARY, SECONDARY]\nResources:\n${rec('Record', '!Ref Priority', ips('192.0.2.10'))}`,
      errors: [{ message: 'Record is a PRIMARY failover record for app.example.com. (A) without a health check (no HealthCheckId) unless parameter Priority is SECONDARY:', severity: 'info' }],
    },
  ],
});
