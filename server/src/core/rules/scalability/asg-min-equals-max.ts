import { defineRule } from '../contract';
import { get, scalarString } from '../../parse/node';
import type { Fix } from '../../types';
import { loadBalancerAttachment, prop, rangeOf } from '../high-availability/_ha';
import { FixBuilder } from '../../fix/builder';
import { ASG, asgScalers, minEqualsMax, sizeParameters } from './_scaling';
import { WA } from '../well-architected';

export default defineRule({
  meta: {
    id: 'asg-min-equals-max',
    area: 'scalability',
    severity: 'warning',
    title: 'Auto Scaling group whose MinSize equals MaxSize although policies scale it',
    fixable: true,
    docs: {
      summary:
        'An `AWS::AutoScaling::AutoScalingGroup` with scaling policies (`AWS::AutoScaling::ScalingPolicy` naming it) whose `MinSize` equals its `MaxSize`: always (the same number, the same parameter), or with the parameters at their defaults (the message says which parameters change it). Groups with scheduled actions are left alone, since those change the sizes themselves, and so is a predictive policy allowed to raise the maximum (`MaxCapacityBreachBehavior: IncreaseMaxCapacity`). A group with equal sizes and no policy at all is `asg-no-scaling-policy`\'s.',
      why: 'Scaling policies move the desired capacity between `MinSize` and `MaxSize` only: with both equal there is no room, so every alarm fires and every policy runs without adding a single instance. The template looks elastic and is not: behind a load balancer a traffic peak saturates the fixed fleet while the dashboards show scaling activity. The fleet can only grow by a manual update, or vertically by a larger instance type, which replaces the instances.',
      fix: 'Raise `MaxSize` above `MinSize` to the capacity the peak needs (and the account\'s instance quota allows): the quick fix sets it to twice `MinSize` when both are numbers. Keep `MinSize` at what must always run (at least two instances behind a load balancer, in two zones).',
      references: [
        { title: 'Amazon EC2 Auto Scaling: Set scaling limits for your Auto Scaling group', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-capacity-limits.html' },
        { title: 'Amazon EC2 Auto Scaling: Target tracking scaling policies', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html' },
        WA.REL07_BP01,
        WA.REL07,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const asg of t.resourcesByType.get(ASG) ?? []) {
      const scalers = asgScalers(t, ctx.graph, asg);
      if (!scalers.policies.length || scalers.scheduled.length || scalers.others.length) continue;
      if (scalers.policies.some((p) => scalarString(get(prop(p, 'PredictiveScalingConfiguration'), 'MaxCapacityBreachBehavior')) === 'IncreaseMaxCapacity')) continue;
      const { eq, min, max } = minEqualsMax(t, asg);
      if (eq === 'no') continue;
      const size = min.certain ?? min.byDefault;
      const params = sizeParameters(min, max);
      const when = eq === 'by-default' && params.length ? ` with the default${params.length > 1 ? 's' : ''} of parameter${params.length > 1 ? 's' : ''} ${params.join(' and ')}` : '';
      const names = scalers.policies.map((p) => p.id).join(', ');
      const lb = loadBalancerAttachment(asg) ? ', behind its load balancer,' : '';
      const message = `MinSize equals MaxSize (${size})${when} on Auto Scaling group ${asg.id}: its scaling polic${scalers.policies.length > 1 ? 'ies' : 'y'} ${names} can never change the capacity, so the group${lb} cannot scale out (horizontally) under load.`;
      const fixes: Fix[] = [];
      if (eq === 'always' && min.certain !== undefined && min.certain >= 1) {
        const edits = new FixBuilder(t).replaceScalarText(max.node, String(min.certain * 2)).build();
        if (edits) fixes.push({ title: `Raise MaxSize to ${min.certain * 2} so the policies can scale out`, edits, preferred: true });
      }
      ctx.report({ ...rangeOf(asg, max.node), resource: asg.id, message, fixes });
    }
  },
});
