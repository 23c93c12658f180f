import { defineRule } from '../contract';
import { FixBuilder } from '../../fix/builder';
import { ref } from '../../fix/value';
import type { Fix } from '../../types';
import { keyRange, loadBalancerAttachment } from '../high-availability/_ha';
import { ASG, ASG_POLICY, asgScalers, minEqualsMax, sameCondition, sizedByParameter } from './_scaling';
import { WA } from '../well-architected';

export default defineRule({
  meta: {
    id: 'asg-no-scaling-policy',
    area: 'scalability',
    severity: 'warning',
    title: 'Auto Scaling group with no scaling policy or scheduled action',
    fixable: true,
    docs: {
      summary:
        'An `AWS::AutoScaling::AutoScalingGroup` that nothing scales: no `AWS::AutoScaling::ScalingPolicy` (target tracking, step, simple or predictive) and no `AWS::AutoScaling::ScheduledAction` names it in `AutoScalingGroupName` (by `!Ref`, or by the group\'s literal name), no scaling plan references it, no ECS capacity provider with managed scaling drives it, and it does not carry the Kubernetes cluster autoscaler\'s `k8s.io/cluster-autoscaler/enabled` tag. Groups that are fixed by design are left alone: a group sized by one deploy-time parameter (`MinSize` and `MaxSize`, or `DesiredCapacity` and `MaxSize`, are the same parameter: quorum clusters such as Vault, etcd or Kubernetes masters), and a group that does not serve a load balancer and whose `MinSize` equals `MaxSize` (or whose `MaxSize` is at most 1), such as a self-healing bastion or NAT instance. Any other group behind a load balancer is reported whatever its sizes, since it serves traffic that varies.',
      why: 'Without a policy the group only replaces failed instances: it stays at its desired capacity whatever the load. A traffic peak saturates the instances it has, latency climbs, health checks start failing under load and Auto Scaling replaces the very instances that were busy, which makes it worse; the headroom between `MinSize` and `MaxSize` is never used. Sizing for the peak instead means paying for idle capacity the rest of the time. Scaling up to a larger instance type (vertical scaling) needs an instance refresh and stops at the largest type; scaling out (horizontal scaling) adds instances in minutes, in every zone.',
      fix: 'Add a target-tracking policy, which keeps a metric at a target and scales both out and in: average CPU at 50 % is a sound start (`ASGAverageCPUUtilization`), request count per target (`ALBRequestCountPerTarget`) follows web traffic more closely. Add scheduled actions for known daily peaks, or predictive scaling for recurring patterns. The quick fix adds an `AWS::AutoScaling::ScalingPolicy` on CPU at 50 % (with the group\'s `Condition`, if any), and raises `MaxSize` to twice `MinSize` when they are equal, so that the policy has room to act.',
      references: [
        { title: 'Amazon EC2 Auto Scaling: Target tracking scaling policies', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html' },
        { title: 'Amazon EC2 Auto Scaling: Choose your scaling method', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/scale-your-group.html' },
        { title: 'AWS::AutoScaling::ScalingPolicy', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-autoscaling-scalingpolicy.html' },
        WA.REL07_BP01,
        WA.REL07,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const asg of t.resourcesByType.get(ASG) ?? []) {
      const scalers = asgScalers(t, ctx.graph, asg);
      if (scalers.policies.length || scalers.scheduled.length || scalers.others.length) continue;
      const { eq, min, max } = minEqualsMax(t, asg);
      if (max.certain === 0) continue; // a group switched off
      if (sizedByParameter(t, asg)) continue; // fixed by design, at a size picked when deploying
      const lb = loadBalancerAttachment(asg);
      if (!lb && (eq !== 'no' || (max.certain !== undefined && max.certain <= 1))) continue;
      const advice = 'add a target-tracking policy so that it scales out horizontally (more instances, in minutes) rather than sizing instances for the peak (vertical scaling needs a replacement and stops at the largest type).';
      const message = lb
        ? `Auto Scaling group ${asg.id} serves a load balancer but has no scaling policy or scheduled action: its capacity stays the same whatever the traffic, so a peak overloads the instances it has; ${advice}`
        : `Auto Scaling group ${asg.id} has no scaling policy or scheduled action: it stays at its desired capacity whatever the load and never uses the room up to MaxSize; ${advice}`;

      const b = new FixBuilder(t);
      b.addResource(`${asg.id}CpuScalingPolicy`, {
        Type: ASG_POLICY,
        ...sameCondition(asg),
        Properties: {
          AutoScalingGroupName: ref(asg.id),
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingConfiguration: {
            PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' },
            TargetValue: 50,
          },
        },
      });
      let title = 'Add a target-tracking scaling policy (average CPU 50 %)';
      const edits = b.build();
      const fixes: Fix[] = [];
      if (edits) {
        // Equal sizes leave the policy no room: raise MaxSize when it is written as a number.
        if (eq === 'always' && min.certain !== undefined && min.certain >= 1 && max.certain !== undefined) {
          const raise = new FixBuilder(t).replaceScalarText(max.node, String(min.certain * 2)).build();
          if (raise) {
            edits.push(...raise);
            edits.sort((a, c) => a.start - c.start);
            title += ` and raise MaxSize to ${min.certain * 2}`;
          }
        }
        fixes.push({ title, edits, preferred: true });
      }
      ctx.report({ ...keyRange(asg), resource: asg.id, message, fixes });
    }
  },
});
