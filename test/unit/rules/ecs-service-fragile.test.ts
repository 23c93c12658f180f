import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const svc = (props: string) => `${head}Resources:\n  Service:\n    Type: AWS::ECS::Service\n    Properties:\n      Cluster: my-cluster\n      TaskDefinition: arn:aws:ecs:us-east-1:123456789012:task-definition/app:1\n${props}`;
const cb = '      DeploymentConfiguration:\n        DeploymentCircuitBreaker:\n          Enable: true\n          Rollback: true\n';
const subnet = (id: string, az: string) => `  ${id}:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: vpc-1\n      CidrBlock: 10.0.${id.length}.0/24\n      AvailabilityZone: ${az}\n`;
const net = (list: string) => `      LaunchType: FARGATE\n      NetworkConfiguration:\n        AwsvpcConfiguration:\n          Subnets: ${list}\n`;

ruleTester('ecs-service-fragile', {
  valid: [
    { name: 'two tasks, circuit breaker with rollback', yaml: svc(`      DesiredCount: 2\n${cb}`) },
    { name: 'daemon service', yaml: svc('      SchedulingStrategy: DAEMON\n') },
    { name: 'CodeDeploy blue/green: no circuit breaker needed', yaml: svc('      DesiredCount: 3\n      DeploymentController:\n        Type: CODE_DEPLOY\n') },
    { name: 'two zones of subnets', yaml: `${svc(`      DesiredCount: 2\n${cb}${net('[!Ref A, !Ref B]')}`)}${subnet('A', '!Select [0, !GetAZs ""]')}${subnet('B', '!Select [1, !GetAZs ""]')}` },
    { name: 'scaled by Application Auto Scaling with MinCapacity 2', yaml: `${svc(cb)}  Target:\n    Type: AWS::ApplicationAutoScaling::ScalableTarget\n    Properties:\n      MinCapacity: 2\n      MaxCapacity: 10\n      ResourceId: !Sub service/my-cluster/\${Service.Name}\n      ScalableDimension: ecs:service:DesiredCount\n      ServiceNamespace: ecs\n` },
    { name: 'stopped service (DesiredCount 0)', yaml: svc(`      DesiredCount: 0\n${cb}`) },
  ],
  invalid: [
    {
      name: 'one task and no circuit breaker: one finding, two fixes, circuit breaker first',
      yaml: svc('      DesiredCount: 1\n'),
      errors: [{ message: 'Service runs a single task (DesiredCount 1) and has no deployment circuit breaker: a task or host failure stops the service until ECS has started a replacement, and a deployment whose tasks cannot start keeps retrying', resource: 'Service', text: 'Service' }],
      fixTitles: ['Enable the deployment circuit breaker with rollback', 'Run two tasks (DesiredCount: 2)'],
    },
    {
      name: 'no circuit breaker: the circuit breaker fix',
      yaml: svc('      DesiredCount: 2\n'),
      errors: [{ message: 'Service has no deployment circuit breaker: a deployment whose tasks cannot start keeps retrying instead of rolling back to the last working revision.' }],
      fixTitles: ['Enable the deployment circuit breaker with rollback'],
      output: svc(`      DesiredCount: 2\n${cb}`),
    },
    {
      name: 'one task: the DesiredCount fix',
      yaml: svc(`      DesiredCount: 1\n${cb}`),
      errors: [{ message: 'Service runs a single task (DesiredCount 1): a task or host failure' }],
      fixTitles: ['Run two tasks (DesiredCount: 2)'],
      output: svc(`      DesiredCount: 2\n${cb}`),
    },
    {
      name: 'circuit breaker off: fix turns it on with rollback',
      yaml: svc('      DesiredCount: 2\n      DeploymentConfiguration:\n        DeploymentCircuitBreaker:\n          Enable: false\n          Rollback: false\n'),
      errors: [{ message: 'Service has its deployment circuit breaker off:' }],
      output: svc('      DesiredCount: 2\n      DeploymentConfiguration:\n        DeploymentCircuitBreaker:\n          Enable: true\n          Rollback: true\n'),
    },
    {
      name: 'absent DesiredCount means one task',
      yaml: svc(cb),
      errors: [{ message: 'Service runs a single task (no DesiredCount: CloudFormation creates the service with 1): a task or host failure' }],
      fixTitles: ['Run two tasks (DesiredCount: 2)'],
      output: svc(`${cb}      DesiredCount: 2\n`),
    },
    {
      name: 'circuit breaker without rollback: fix sets Rollback',
      yaml: svc('      DesiredCount: 2\n      DeploymentConfiguration:\n        MinimumHealthyPercent: 100\n        DeploymentCircuitBreaker:\n          Enable: true\n          Rollback: false\n'),
      errors: [{ message: 'Service has a deployment circuit breaker without rollback: a deployment whose tasks cannot start keeps retrying instead of rolling back' }],
      output: svc('      DesiredCount: 2\n      DeploymentConfiguration:\n        MinimumHealthyPercent: 100\n        DeploymentCircuitBreaker:\n          Enable: true\n          Rollback: true\n'),
    },
    {
      name: 'subnets in one zone (no fix)',
      yaml: `${svc(`      DesiredCount: 2\n${cb}${net('[!Ref A, !Ref B]')}`)}${subnet('A', 'us-east-1a')}${subnet('B', 'us-east-1a')}`,
      errors: [{ message: 'Service places its tasks in two subnets (A, B) all in us-east-1a: an outage of that zone stops every task.' }],
      fixTitles: [],
    },
    {
      name: 'DesiredCount from a parameter defaulting to 1',
      yaml: `${head}Parameters:\n  Count:\n    Type: Number\n    Default: 1\n${svc(`      DesiredCount: !Ref Count\n${cb}`).replace(head, '')}`,
      errors: [{ message: 'runs a single task (DesiredCount 1 unless parameter Count is overridden)' }],
      fixTitles: [],
    },
    {
      name: 'auto scaling down to one task',
      yaml: `${svc(cb)}  Target:\n    Type: AWS::ApplicationAutoScaling::ScalableTarget\n    Properties:\n      MinCapacity: 1\n      MaxCapacity: 10\n      ResourceId: !Sub service/my-cluster/\${Service.Name}\n      ScalableDimension: ecs:service:DesiredCount\n      ServiceNamespace: ecs\n`,
      errors: [{ message: 'Service may scale down to a single task (Target MinCapacity 1)' }],
      fixTitles: [],
    },
  ],
});
