import { defineRule } from '../contract';
import { isSeq, scalarString } from '../../parse/node';
import type { Resource } from '../../parse/template';
import { keyRange, prop, rangeOf } from '../high-availability/_ha';
import { AAS_POLICY, ASG_POLICY } from './_scaling';
import { WA } from '../well-architected';

const ALARM = 'AWS::CloudWatch::Alarm';

/** CloudWatch metrics (namespace/name) that a predefined target-tracking metric covers. */
const EC2_EQUIVALENT: Record<string, string> = {
  'AWS/EC2/CPUUtilization': 'ASGAverageCPUUtilization',
  'AWS/EC2/NetworkIn': 'ASGAverageNetworkIn',
  'AWS/EC2/NetworkOut': 'ASGAverageNetworkOut',
  'AWS/ApplicationELB/RequestCountPerTarget': 'ALBRequestCountPerTarget',
};
const AAS_EQUIVALENT: Record<string, string> = {
  'AWS/ECS/CPUUtilization': 'ECSServiceAverageCPUUtilization',
  'AWS/ECS/MemoryUtilization': 'ECSServiceAverageMemoryUtilization',
  'AWS/DynamoDB/ConsumedReadCapacityUnits': 'DynamoDBReadCapacityUtilization',
  'AWS/DynamoDB/ConsumedWriteCapacityUnits': 'DynamoDBWriteCapacityUtilization',
  'AWS/ApplicationELB/RequestCountPerTarget': 'ALBRequestCountPerTarget',
};

export default defineRule({
  meta: {
    id: 'scaling-prefer-target-tracking',
    area: 'scalability',
    severity: 'info',
    title: 'Step or simple scaling on a metric target tracking covers',
    fixable: false,
    docs: {
      summary:
        'An `AWS::AutoScaling::ScalingPolicy` with `PolicyType: StepScaling` or `SimpleScaling` (the default), or an `AWS::ApplicationAutoScaling::ScalingPolicy` with `PolicyType: StepScaling`, whose CloudWatch alarms (the `AWS::CloudWatch::Alarm` resources naming it in `AlarmActions`, found through the dependency graph) all watch a metric that target tracking offers as a predefined metric: the group\'s average CPU or network traffic, requests per target of an Application Load Balancer, an ECS service\'s average CPU or memory, a DynamoDB table\'s consumed capacity. Policies on custom metrics, metric math, or without an alarm in the template are not reported.',
      why: 'Step and simple scaling act on thresholds chosen by hand: a scale-out alarm, a scale-in alarm, step sizes and cooldowns that must agree with each other and with the instance warm-up. Tuned wrongly they oscillate (scale out, scale in, scale out) or react too late; simple scaling also ignores alarms during its cooldown, so a second surge waits. Target tracking computes the adjustment from the metric itself, scales out fast and in slowly, and replaces two policies and two alarms with one resource.',
      fix: 'Replace the step or simple policies and their alarms by one target-tracking policy on the predefined metric the message names (for EC2 Auto Scaling: `PolicyType: TargetTrackingScaling`, `TargetTrackingConfiguration.PredefinedMetricSpecification`; for Application Auto Scaling: `TargetTrackingScalingPolicyConfiguration`), with the target value halfway between the old thresholds. Keep step scaling where a metric needs several distinct reactions at several levels.',
      references: [
        { title: 'Amazon EC2 Auto Scaling: Step and simple scaling policies (AWS recommends target tracking)', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-simple-step.html' },
        { title: 'Amazon EC2 Auto Scaling: Target tracking scaling policies', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html' },
        { title: 'Application Auto Scaling: Target tracking scaling policies', url: 'https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html' },
        WA.REL07_BP01,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    const judge = (policy: Resource, kind: string, table: Record<string, string>) => {
      const alarms = ctx.graph.referencesAt(policy.id, ['Properties', 'AlarmActions'], { fromType: ALARM }).map((r) => t.resources.get(r.source)!);
      const unique = [...new Set(alarms)].filter(Boolean);
      if (!unique.length) return;
      const metrics = unique.map((a) => {
        if (isSeq(prop(a, 'Metrics'))) return undefined;
        const ns = scalarString(prop(a, 'Namespace'));
        const name = scalarString(prop(a, 'MetricName'));
        return ns && name ? { alarm: a.id, name, predefined: table[`${ns}/${name}`] } : undefined;
      });
      if (metrics.some((m) => !m?.predefined)) return;
      const predefined = new Set(metrics.map((m) => m!.predefined));
      if (predefined.size !== 1) return;
      const on = metrics.map((m) => `alarm ${m!.alarm} on ${m!.name}`).join(', ');
      const type = prop(policy, 'PolicyType');
      ctx.report({
        ...(type ? rangeOf(policy, type) : keyRange(policy)),
        resource: policy.id,
        message: `${kind} policy ${policy.id} (${on}) scales on a metric target tracking covers: one target-tracking policy on ${[...predefined][0]} would keep it at a target in both directions, with no alarm thresholds, step sizes or cooldowns to tune.`,
      });
    };
    for (const p of t.resourcesByType.get(ASG_POLICY) ?? []) {
      const type = scalarString(prop(p, 'PolicyType')) ?? 'SimpleScaling';
      if (type === 'StepScaling' || type === 'SimpleScaling') judge(p, type === 'StepScaling' ? 'Step scaling' : 'Simple scaling', EC2_EQUIVALENT);
    }
    for (const p of t.resourcesByType.get(AAS_POLICY) ?? []) {
      if (scalarString(prop(p, 'PolicyType')) === 'StepScaling') judge(p, 'Step scaling', AAS_EQUIVALENT);
    }
  },
});
