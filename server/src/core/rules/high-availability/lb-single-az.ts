import { defineRule } from '../contract';
import { WA } from '../well-architected';
import { Node, get, isSeq, scalarString } from '../../parse/node';
import { azKey, azOf } from '../../graph/resolve';
import { isNoValue, prop, rangeOf, seqItems, singleZone, singleZoneOf, zonePhrase, zoneParameterNote, zoneRelated, zoneSummary } from './_ha';
import type { ZoneVerdict } from './_ha';

const V2 = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const CLB = 'AWS::ElasticLoadBalancing::LoadBalancer';

export default defineRule({
  meta: {
    id: 'lb-single-az',
    area: 'high-availability',
    severity: 'warning',
    title: 'Load balancer in one Availability Zone',
    fixable: false,
    cfnLint: ['E3680'],
    docs: {
      summary:
        'An `AWS::ElasticLoadBalancingV2::LoadBalancer` whose `Subnets` or `SubnetMappings` resolve to a single Availability Zone: one subnet, or several subnets in the same zone (`!Select [0, !GetAZs ""]` twice, the same literal zone, the same zone parameter). cfn-lint E3680 only counts the subnets of Application Load Balancers; this rule follows each subnet to its `AWS::EC2::Subnet` and compares zones. Also Classic Load Balancers (`AWS::ElasticLoadBalancing::LoadBalancer`) with one `AvailabilityZones` entry or subnets in one zone. Subnets from list parameters, imports, or subnets whose zone cannot be told produce no finding.',
      why: 'A load balancer has nodes only in the zones of its subnets. In one zone, it shares that zone\'s fate: an outage there takes the entry point of the application down, however many targets run elsewhere, and with cross-zone load balancing off a Network Load Balancer also only reaches targets in that zone. Application Load Balancers require subnets in at least two zones: CloudFormation fails to create one whose subnets share a zone.',
      fix: 'Give the load balancer one subnet in each of at least two Availability Zones (the zones its targets run in), for example public subnets created with `AvailabilityZone: !Select [0, !GetAZs ""]` and `!Select [1, !GetAZs ""]`. No quick fix: the right subnet depends on routing (public or private) and on the zones of the targets.',
      references: [
        { title: 'Application Load Balancers: Availability Zones and subnets', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#availability-zones' },
        { title: 'Network Load Balancers: Availability Zones', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/network-load-balancers.html#availability-zones' },
        { title: 'Classic Load Balancer: add or remove Availability Zones', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-disable-az.html' },
        { title: 'AWS::ElasticLoadBalancingV2::LoadBalancer', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-loadbalancer.html' },
        WA.REL10_BP01,
        WA.REL10,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const res of t.resourcesByType.get(V2) ?? []) {
      let node: Node | undefined = prop(res, 'Subnets');
      let v: ZoneVerdict | undefined;
      if (node && !isNoValue(node)) v = singleZone(t, node);
      else {
        node = prop(res, 'SubnetMappings');
        const items = seqItems(node);
        if (!items || !items.length) continue;
        const ids = items.map((m) => get(m, 'SubnetId'));
        if (ids.some((i) => !i)) continue;
        v = singleZoneOf(t, ids as Node[]);
      }
      if (!v) continue;
      const type = scalarString(prop(res, 'Type')) ?? (prop(res, 'Type') ? undefined : 'application');
      const effect =
        type === 'application'
          ? 'Application Load Balancers need subnets in at least two zones, so the stack fails to create it, and in one zone an outage there would take the application\'s entry point down.'
          : 'an outage of that zone takes the application\'s entry point down, however many targets run in other zones.';
      ctx.report({ ...rangeOf(res, node), resource: res.id, message: `${res.id} has ${zoneSummary(t, v)}${zoneParameterNote(v)}: ${effect}`, related: zoneRelated(t, v) });
    }

    for (const res of t.resourcesByType.get(CLB) ?? []) {
      const subnets = prop(res, 'Subnets');
      const effect = 'an outage of that zone takes the application\'s entry point down.';
      if (subnets && !isNoValue(subnets)) {
        const v = singleZone(t, subnets);
        if (v) ctx.report({ ...rangeOf(res, subnets), resource: res.id, message: `${res.id} has ${zoneSummary(t, v)}${zoneParameterNote(v)}: ${effect}`, related: zoneRelated(t, v) });
        continue;
      }
      const zones = prop(res, 'AvailabilityZones');
      const items = seqItems(zones);
      if (!items || !items.length || isSeq(items[0])) continue;
      const keys = items.map((i) => azKey(azOf(t, i)));
      if (items.length > 1 && (keys.some((k) => !k) || new Set(keys).size > 1)) continue;
      if (items.length === 1 && !(scalarString(items[0]) ?? 'x').length) continue;
      const az = azOf(t, items[0]);
      if (items.length === 1 && az.kind === 'unknown' && !/Ref/.test(az.reason)) continue;
      const where = az.kind === 'unknown' ? '' : ` (${zonePhrase(az)})`;
      ctx.report({ ...rangeOf(res, zones), resource: res.id, message: `${res.id} is in one Availability Zone${where}: ${effect}` });
    }
  },
});
