import { defineRule } from '../contract';
import { WA } from '../well-architected';
import { FixBuilder } from '../../fix/builder';
import { isScalar, scalarString } from '../../parse/node';
import type { Fix } from '../../types';
import { loadBalancerAttachment, prop, rangeOf, isNoValue } from './_ha';
import { evaluate } from '../../graph/resolve';

const TYPE = 'AWS::AutoScaling::AutoScalingGroup';

function types(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export default defineRule({
  meta: {
    id: 'asg-ec2-health-check-behind-lb',
    area: 'high-availability',
    severity: 'warning',
    title: 'Auto Scaling group behind a load balancer uses EC2 health checks only',
    fixable: true,
    docs: {
      summary:
        'An `AWS::AutoScaling::AutoScalingGroup` attached to a load balancer (`TargetGroupARNs`, `LoadBalancerNames`, or `TrafficSources` of type `elb`/`elbv2`) whose `HealthCheckType` is absent (the default is `EC2`) or does not include `ELB`. When `HealthCheckType` comes from a parameter, the finding names the parameter and its default.',
      why: 'With EC2 health checks, Amazon EC2 Auto Scaling replaces an instance only when the hypervisor reports it impaired. An instance whose web server crashed, whose disk filled up or whose application hangs passes the EC2 status checks: the load balancer marks it unhealthy and stops sending it traffic, but the group never replaces it, so capacity silently shrinks until every instance is out of rotation. With `ELB` health checks the group terminates and replaces instances the load balancer considers unhealthy.',
      fix: 'Set `HealthCheckType: ELB` and give new instances time to boot before their health counts with `HealthCheckGracePeriod` (the quick fix sets 300 seconds when it is absent; the API default is 0, which can make the group replace instances that are still starting). Make sure the target group health check tests something meaningful (see `lb-no-health-check`).',
      references: [
        { title: 'Amazon EC2 Auto Scaling: health checks for instances', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html' },
        { title: 'Amazon EC2 Auto Scaling: add Elastic Load Balancing health checks', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-add-elb-healthcheck.html' },
        { title: 'AWS::AutoScaling::AutoScalingGroup', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-autoscaling-autoscalinggroup.html' },
        { title: 'AWS Security Hub AutoScaling.1', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/autoscaling-controls.html#autoscaling-1' },
        WA.REL11_BP01,
        WA.REL10,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const res of t.resourcesByType.get(TYPE) ?? []) {
      const lb = loadBalancerAttachment(res);
      if (!lb) continue;
      const hc = prop(res, 'HealthCheckType');
      const grace = prop(res, 'HealthCheckGracePeriod');
      const what = lb.property === 'LoadBalancerNames' ? 'a Classic Load Balancer' : 'a load balancer';
      const tail = 'an instance whose application stops responding passes the EC2 status checks, so the group never replaces it and capacity behind the load balancer silently shrinks.';
      const ev = evaluate(t, hc, (v) => (v === undefined || v === null ? false : types(String(v)).includes('ELB')));
      if (!ev) continue;
      let message: string;
      const fixable = ev.literal || !hc || isNoValue(hc);
      if (!hc || isNoValue(hc)) message = `${res.id} is attached to ${what} but has no HealthCheckType (default EC2): ${tail}`;
      else if (ev.literal) message = `${res.id} is attached to ${what} but uses HealthCheckType ${ev.value}: ${tail}`;
      else message = `${res.id} is attached to ${what} but its HealthCheckType ${ev.value === undefined ? 'is absent (default EC2)' : `is ${ev.value}`}${ev.qualifier}: ${tail}`;
      const fixes: Fix[] = [];
      if (fixable) {
        const b = new FixBuilder(t);
        if (hc && !isNoValue(hc) && scalarString(hc) !== undefined) {
          const list = types(scalarString(hc)!);
          const next = list.includes('EC2') ? list.map((x) => (x === 'EC2' ? 'ELB' : x)) : ['ELB', ...list];
          if (isScalar(hc) && hc.style !== 'block') b.replaceScalarText(hc, next.join(','));
          else b.setProperty(res, ['HealthCheckType'], next.join(','));
        } else {
          b.setProperty(res, ['HealthCheckType'], 'ELB');
        }
        if (!grace || isNoValue(grace)) b.setProperty(res, ['HealthCheckGracePeriod'], 300);
        const edits = b.build();
        if (edits) {
          const title = !grace || isNoValue(grace) ? 'Use ELB health checks (HealthCheckType: ELB, HealthCheckGracePeriod: 300)' : 'Use ELB health checks (HealthCheckType: ELB)';
          fixes.push({ title, edits, preferred: true });
        }
      }
      ctx.report({ ...rangeOf(res, hc), resource: res.id, message, fixes });
    }
  },
});
