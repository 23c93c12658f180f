import { defineRule, RuleContext } from '../contract';
import { WA } from '../well-architected';
import { FixBuilder } from '../../fix/builder';
import { isSeq, scalarString } from '../../parse/node';
import type { Graph } from '../../graph/graph';
import type { Resource } from '../../parse/template';
import type { Fix } from '../../types';
import { isNoValue, keyRange, present, prop, rangeOf } from './_ha';
import { evaluate, asBoolean } from '../../graph/resolve';

const TG = 'AWS::ElasticLoadBalancingV2::TargetGroup';
const CLB = 'AWS::ElasticLoadBalancing::LoadBalancer';

export default defineRule({
  meta: {
    id: 'lb-no-health-check',
    area: 'high-availability',
    severity: 'warning',
    title: 'Load balancer health checks disabled, left at a default that tests little, or no cross-zone balancing',
    fixable: true,
    docs: {
      summary:
        'Target groups (`AWS::ElasticLoadBalancingV2::TargetGroup`) with `HealthCheckEnabled: false` on instance, IP or ALB targets (Lambda target groups, where health checks are off by default and optional, are not reported); HTTP/HTTPS health checks without `HealthCheckPath`, which then request `/` (info; not reported for a target group that can never have targets: no `Targets`, and referenced by listeners only, like the placeholder default target group a listener requires); Classic Load Balancers (`AWS::ElasticLoadBalancing::LoadBalancer`) without a `HealthCheck` (the API default is a TCP connection test) or without `CrossZone: true` (off by default when created through CloudFormation or the API; not reported when the load balancer lists a single subnet or zone, where there is nothing to balance across).',
      why: 'The load balancer routes only to targets that pass its health check, and an Auto Scaling group with ELB health checks replaces the targets that fail it: the health check is what turns several instances into a fault-tolerant fleet. Elastic Load Balancing rejects `HealthCheckEnabled: false` for instance, IP and ALB target groups, so such a stack does not deploy. A check of `/` usually serves a static page that still answers 200 when the database or a downstream dependency is gone, and a TCP connection test passes while the application returns errors. Without cross-zone load balancing a Classic Load Balancer splits traffic evenly between Availability Zones rather than between instances, so when one zone loses instances the remaining instances there take that zone\'s full share and overload.',
      fix: 'Set `HealthCheckEnabled: true` (quick fix); point `HealthCheckPath` at an endpoint that exercises what the application needs to serve a request (a `/health` that checks its critical dependencies, with care not to fail the whole fleet when a shared non-critical dependency is down); give Classic Load Balancers a `HealthCheck` with an `HTTP:port/path` target and `CrossZone: true` (quick fix).',
      references: [
        { title: 'Health checks for Application Load Balancer target groups', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html' },
        { title: 'Health checks for Network Load Balancer target groups', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html' },
        { title: 'AWS::ElasticLoadBalancingV2::TargetGroup', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-targetgroup.html' },
        { title: 'Configure health checks for your Classic Load Balancer', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-healthchecks.html' },
        { title: 'Configure cross-zone load balancing for your Classic Load Balancer', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-disable-crosszone-lb.html' },
        { title: 'Amazon Builders\' Library: Implementing health checks', url: 'https://aws.amazon.com/builders-library/implementing-health-checks/' },
        { title: 'AWS Security Hub ELB.9 (Classic Load Balancers should have cross-zone load balancing enabled)', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-9' },
        WA.REL10,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;

    for (const res of t.resourcesByType.get(TG) ?? []) {
      const enabled = prop(res, 'HealthCheckEnabled');
      const typeNode = prop(res, 'TargetType');
      // Absent TargetType means instance targets; Lambda targets may run without health checks.
      const tt = evaluate(t, typeNode, (v) => (v === undefined || v === null ? false : v === 'lambda'));
      if (!tt) continue;
      const off = evaluate(t, enabled, (v) => (v === undefined || v === null ? true : asBoolean(v) !== false));
      if (off) {
        const targets = `${tt.value === undefined || tt.value === null ? 'instance' : tt.value} targets`;
        let message: string;
        if (off.literal && tt.qualifier === '') {
          message = `${res.id} turns health checks off (HealthCheckEnabled: false), which Elastic Load Balancing rejects for ${targets}: the stack fails to deploy, and without health checks the load balancer would keep sending requests to failed targets.`;
        } else {
          const when = [off.qualifier.trim(), tt.qualifier.trim()].filter(Boolean).join(' and ');
          message = `${res.id} turns health checks off for ${targets}${when ? ` ${when}` : ''}: Elastic Load Balancing rejects that for instance, IP and ALB targets, and without health checks the load balancer keeps sending requests to failed targets.`;
        }
        const fixes: Fix[] = [];
        if (off.literal) {
          const edits = new FixBuilder(t).setProperty(res, ['HealthCheckEnabled'], true).build();
          if (edits) fixes.push({ title: 'Enable health checks (HealthCheckEnabled: true)', edits, preferred: true, safe: true });
        }
        ctx.report({ ...rangeOf(res, enabled), resource: res.id, message, fixes });
        continue;
      }
      if (tt.qualifier !== '') continue;
      // A target group nothing can register targets in (a listener's placeholder default, as in
      // the ECS reference architecture) checks nothing: its health check path does not matter.
      if (neverHasTargets(ctx.graph, res)) continue;
      // HTTP/HTTPS health check without a path: it requests `/`.
      if (present(prop(res, 'HealthCheckPath'))) continue;
      const version = scalarString(prop(res, 'ProtocolVersion'));
      if (version === 'GRPC') continue;
      const hcp = prop(res, 'HealthCheckProtocol');
      const protoNode = present(hcp) ? hcp : prop(res, 'Protocol');
      const proto = scalarString(protoNode);
      if (proto !== 'HTTP' && proto !== 'HTTPS') continue;
      ctx.report({
        ...rangeOf(res, protoNode),
        resource: res.id,
        severity: 'info',
        message: `${res.id} has an ${proto} health check without HealthCheckPath, so it requests "/": a page that still answers 200 when the application's database or dependencies are down keeps broken targets in rotation.`,
      });
    }

    for (const res of t.resourcesByType.get(CLB) ?? []) {
      classic(ctx, res);
    }
  },
});

const LISTENERS = new Set(['AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::ListenerRule']);

/**
 * No `Targets`, and referenced, but only by listeners and listener rules: no Auto Scaling
 * group, ECS service or other resource of the template registers targets in it, and no output
 * hands it to another stack that could (a target group nothing references may be filled from
 * outside the template, and stays checked).
 */
function neverHasTargets(g: Graph, res: Resource): boolean {
  if (present(prop(res, 'Targets'))) return false;
  const users = g.dependents(res.id);
  if (!users.length) return false;
  for (const e of users) {
    const from = g.nodes.get(e.from);
    if (!from || from.kind !== 'resource' || !LISTENERS.has(from.type ?? '')) return false;
  }
  return true;
}

/** Subnets or zones of a Classic Load Balancer, written as a literal list of one item. */
function oneZoneListed(res: Resource): boolean {
  for (const key of ['Subnets', 'AvailabilityZones']) {
    const n = prop(res, key);
    if (isSeq(n) && n.items.filter((i) => !isNoValue(i)).length === 1) return true;
  }
  return false;
}

function classic(ctx: RuleContext, res: Resource): void {
  const t = ctx.template;
  if (!present(prop(res, 'HealthCheck'))) {
    ctx.report({
      ...keyRange(res),
      resource: res.id,
      message: `${res.id} has no HealthCheck, so the Classic Load Balancer uses the default TCP connection test: instances whose application returns errors still accept connections and stay in service.`,
    });
  }
  // With one subnet or zone there is nothing to balance across (lb-single-az reports the zone).
  if (oneZoneListed(res)) return;
  const cz = prop(res, 'CrossZone');
  const ev = evaluate(t, cz, (v) => (v === undefined || v === null ? false : asBoolean(v) === true));
  if (!ev) return;
  const effect = 'traffic is split evenly between Availability Zones, so when one zone loses instances the ones left there take its whole share and overload.';
  let message: string;
  const fixable = !cz || isNoValue(cz) || ev.literal;
  if (!cz || isNoValue(cz)) message = `${res.id} does not enable CrossZone (off by default for load balancers created by CloudFormation): ${effect}`;
  else if (ev.literal) message = `${res.id} sets CrossZone: ${scalarString(cz)}: ${effect}`;
  else message = `${res.id} has cross-zone load balancing off${ev.qualifier}: ${effect}`;
  const fixes: Fix[] = [];
  if (fixable) {
    const edits = new FixBuilder(t).setProperty(res, ['CrossZone'], true).build();
    if (edits) fixes.push({ title: 'Enable cross-zone load balancing (CrossZone: true)', edits, preferred: true, safe: true });
  }
  ctx.report({ ...rangeOf(res, cz), resource: res.id, message, fixes });
}
