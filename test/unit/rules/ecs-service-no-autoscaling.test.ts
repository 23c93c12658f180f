import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const base =
  '  Cluster:\n    Type: AWS::ECS::Cluster\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      NetworkMode: awsvpc\n      Cpu: "256"\n      Memory: "512"\n      ContainerDefinitions:\n        - Name: app\n          Image: nginx\n';
const service = (props: string) =>
  `  Service:\n    Type: AWS::ECS::Service\n    Properties:\n      Cluster: !Ref Cluster\n      TaskDefinition: !Ref Task\n      LaunchType: FARGATE\n      DeploymentConfiguration:\n        DeploymentCircuitBreaker:\n          Enable: true\n          Rollback: true\n${props}`;
const target = (resourceId: string, dimension = 'ecs:service:DesiredCount') =>
  `  Target:\n    Type: AWS::ApplicationAutoScaling::ScalableTarget\n    Properties:\n      MinCapacity: 2\n      MaxCapacity: 8\n      ResourceId: ${resourceId}\n      ScalableDimension: ${dimension}\n      ServiceNamespace: ecs\n`;
const tmpl = (svcProps: string, extra = '', params = '') => `${head}${params}Resources:\n${base}${service(svcProps)}${extra}`;
const addedTarget = (min: string, max: number, cluster = '${Cluster}') =>
  `  ServiceScalableTarget:\n    Type: AWS::ApplicationAutoScaling::ScalableTarget\n    Properties:\n      MaxCapacity: ${max}\n      MinCapacity: ${min}\n      ResourceId: !Sub "service/${cluster}/\${Service.Name}"\n      ScalableDimension: ecs:service:DesiredCount\n      ServiceNamespace: ecs\n  ServiceCpuScalingPolicy:\n    Type: AWS::ApplicationAutoScaling::ScalingPolicy\n    Properties:\n      PolicyName: ServiceCpuScalingPolicy\n      PolicyType: TargetTrackingScaling\n      ScalingTargetId: !Ref ServiceScalableTarget\n      TargetTrackingScalingPolicyConfiguration:\n        PredefinedMetricSpecification:\n          PredefinedMetricType: ECSServiceAverageCPUUtilization\n        TargetValue: 50\n`;

ruleTester('ecs-service-no-autoscaling', {
  valid: [
    { name: 'target with !Sub referencing the service', yaml: tmpl('      DesiredCount: 2\n', target('!Sub service/${Cluster}/${Service.Name}')) },
    { name: 'target with !Join referencing the service', yaml: tmpl('      DesiredCount: 2\n', target('!Join ["/", [service, !Ref Cluster, !GetAtt Service.Name]]')) },
    { name: 'target naming the service by its literal name', yaml: tmpl('      ServiceName: web\n      DesiredCount: 2\n', target('service/my-cluster/web')) },
    {
      name: 'target naming the service through the same parameter',
      yaml: tmpl('      ServiceName: !Ref Name\n      DesiredCount: 2\n', target('!Sub service/${Cluster}/${Name}'), 'Parameters:\n  Name:\n    Type: String\n    Default: web\n'),
    },
    { name: 'daemon service', yaml: tmpl('      SchedulingStrategy: DAEMON\n').replace('      LaunchType: FARGATE\n', '') },
  ],
  invalid: [
    {
      name: 'no target: fix adds a scalable target and a CPU target-tracking policy',
      yaml: tmpl('      DesiredCount: 2\n'),
      errors: [{ message: 'ECS service Service has no Application Auto Scaling target: it runs the same number of tasks (DesiredCount) whatever the load; register a scalable target with a target-tracking policy so it scales out horizontally (more tasks)', resource: 'Service', text: 'Service', line: 15 }],
      fixTitles: ['Add a scalable target (2 to 8 tasks) and a target-tracking policy (average CPU 50 %)'],
      output: tmpl('      DesiredCount: 2\n', addedTarget('2', 8)),
    },
    {
      name: 'a target on another dimension or service does not count; DesiredCount from a parameter',
      yaml: tmpl('      DesiredCount: !Ref Count\n', target('service/other-cluster/other'), 'Parameters:\n  Count:\n    Type: Number\n    Default: 3\n'),
      errors: [{ message: 'ECS service Service has no Application Auto Scaling target' }],
      fixTitles: ['Add a scalable target (Count to 12 tasks) and a target-tracking policy (average CPU 50 %)'],
      output: tmpl('      DesiredCount: !Ref Count\n', target('service/other-cluster/other') + addedTarget('!Ref Count', 12), 'Parameters:\n  Count:\n    Type: Number\n    Default: 3\n'),
    },
    {
      name: 'no cluster: the default cluster; no DesiredCount: one task',
      yaml: tmpl('').replace('      Cluster: !Ref Cluster\n', ''),
      errors: [{ message: 'ECS service Service has no Application Auto Scaling target' }],
      output: tmpl('', addedTarget('2', 8, 'default')).replace('      Cluster: !Ref Cluster\n', ''),
    },
    {
      name: 'cluster imported from another stack: reported without a fix',
      yaml: tmpl('      DesiredCount: 2\n').replace('      Cluster: !Ref Cluster\n', '      Cluster: !ImportValue shared-cluster\n'),
      errors: [{ message: 'ECS service Service has no Application Auto Scaling target' }],
      fixTitles: [],
    },
  ],
});
