import { defineRule } from '../contract';
import { WA } from '../well-architected';
import { isScalar, scalarNumber } from '../../parse/node';
import type { Fix } from '../../types';
import { loadBalancerAttachment, prop, rangeOf } from './_ha';
import { FixBuilder } from '../../fix/builder';
import { evaluate } from '../../graph/resolve';

const TYPE = 'AWS::AutoScaling::AutoScalingGroup';

export default defineRule({
  meta: {
    id: 'asg-single-instance-behind-lb',
    area: 'high-availability',
    severity: 'warning',
    title: 'Auto Scaling group behind a load balancer runs a single instance',
    fixable: true,
    docs: {
      summary:
        'An `AWS::AutoScaling::AutoScalingGroup` attached to a load balancer (`TargetGroupARNs`, `LoadBalancerNames`, or `TrafficSources` of type `elb`/`elbv2`) whose `MaxSize` is 1, so at most one instance ever serves traffic. When `MaxSize` comes from a parameter, the finding names the parameter and its default.',
      why: 'A load balancer only adds resilience when it has more than one target to choose from. With one instance, an instance failure, a replacement during a rolling update, or an outage of that instance\'s Availability Zone leaves the load balancer with no healthy target: every request fails (HTTP 503) until Auto Scaling has launched and warmed up a replacement, typically several minutes.',
      fix: 'Run at least two instances, in subnets of different Availability Zones (see `asg-single-az`): the quick fix raises `MinSize` and `MaxSize` to 2 (and `DesiredCapacity` when it is below 2), keeping the way the values are written (strings stay strings). When the value comes from a parameter, change the parameter default or the value passed for production.',
      references: [
        { title: 'Amazon EC2 Auto Scaling: set capacity limits', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-capacity-limits.html' },
        { title: 'Amazon EC2 Auto Scaling: use Elastic Load Balancing to distribute traffic', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/autoscaling-load-balancer.html' },
        { title: 'AWS::AutoScaling::AutoScalingGroup', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-autoscaling-autoscalinggroup.html' },
        WA.REL10_BP01,
        WA.REL10,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const res of t.resourcesByType.get(TYPE) ?? []) {
      if (!loadBalancerAttachment(res)) continue;
      const max = prop(res, 'MaxSize');
      const ev = evaluate(t, max, (v) => (v === undefined || v === null || !Number.isFinite(Number(v)) ? undefined : Number(v) !== 1));
      if (!ev) continue;
      const literal = ev.literal;
      let message: string;
      if (literal) {
        const min = scalarNumber(prop(res, 'MinSize'));
        const sizes = min === 1 ? 'MinSize and MaxSize are 1' : 'MaxSize is 1';
        message = `${res.id} serves a load balancer with at most one instance (${sizes}): when that instance or its Availability Zone fails, the load balancer has no healthy target and every request fails until a replacement has booted.`;
      } else {
        message = `${res.id} serves a load balancer and its MaxSize is 1${ev.qualifier}: with one instance, an instance or Availability Zone failure leaves the load balancer with no healthy target and every request fails until a replacement has booted.`;
      }
      const fixes: Fix[] = [];
      const minNode = prop(res, 'MinSize');
      const desired = prop(res, 'DesiredCapacity');
      if (literal && isScalar(minNode) && (desired === undefined || isScalar(desired))) {
        const b = new FixBuilder(t);
        for (const n of [max, minNode, desired]) {
          if (!isScalar(n) || n.style === 'block') continue;
          const cur = scalarNumber(n);
          if (n !== max && cur !== undefined && cur >= 2) continue;
          b.replaceScalarText(n, '2');
        }
        const edits = b.build();
        if (edits?.length) fixes.push({ title: 'Run at least two instances (MinSize and MaxSize 2)', edits, preferred: true });
      }
      ctx.report({ ...rangeOf(res, max), resource: res.id, message, fixes });
    }
  },
});
