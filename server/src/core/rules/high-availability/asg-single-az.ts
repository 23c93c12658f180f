import { defineRule } from '../contract';
import { WA } from '../well-architected';
import { Node, get, isSeq, scalarBoolean, scalarString } from '../../parse/node';
import type { Resource, Template } from '../../parse/template';
import { azKey, azOf, subnetAz } from '../../graph/resolve';
import { ref } from '../../fix/value';
import { FixBuilder } from '../../fix/builder';
import type { Fix } from '../../types';
import { isNoValue, prop, rangeOf, refName, seqItems, singleZone, textOf, zonePhrase, zoneParameterNote, zoneRelated, zoneSummary } from './_ha';

const TYPE = 'AWS::AutoScaling::AutoScalingGroup';

/** The VPC a subnet belongs to, as written (`!Ref Vpc` → "Vpc", a literal ID, an import's text). */
function vpcOf(t: Template, subnet: Resource): string | undefined {
  const v = prop(subnet, 'VpcId');
  if (!v) return undefined;
  return refName(v) ?? scalarString(v) ?? textOf(t, v);
}

/** Length of the common prefix of two logical IDs (PrivateSubnetA / PrivateSubnetB → 13). */
function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * A subnet of the same VPC in a zone certainly different from `zoneKey` (same family of zone
 * expression), most like the subnets already used (same public/private setting, closest name).
 */
export function otherZoneSubnet(t: Template, used: string[], zoneKey: string): Resource | undefined {
  const usedRes = used.map((id) => t.resources.get(id)).filter((r): r is Resource => !!r);
  if (!usedRes.length) return undefined;
  const vpc = vpcOf(t, usedRes[0]);
  if (!vpc || usedRes.some((r) => vpcOf(t, r) !== vpc)) return undefined;
  const family = zoneKey.replace(/:[^:]*$/, '');
  const publicIp = scalarBoolean(prop(usedRes[0], 'MapPublicIpOnLaunch')) === true;
  let best: { res: Resource; score: number } | undefined;
  for (const s of t.resourcesByType.get('AWS::EC2::Subnet') ?? []) {
    if (used.includes(s.id) || vpcOf(t, s) !== vpc) continue;
    if (s.condition) continue; // may not exist
    const az = subnetAz(t, s.id);
    const key = azKey(az);
    if (!key || key === zoneKey || key.replace(/:[^:]*$/, '') !== family || az.kind === 'parameter') continue;
    const score = (scalarBoolean(prop(s, 'MapPublicIpOnLaunch')) === true) === publicIp ? 1000 : 0;
    const total = score + Math.max(...usedRes.map((u) => commonPrefix(u.id, s.id)));
    if (!best || total > best.score) best = { res: s, score: total };
  }
  return best?.res;
}

export default defineRule({
  meta: {
    id: 'asg-single-az',
    area: 'high-availability',
    severity: 'warning',
    title: 'Auto Scaling group confined to one Availability Zone',
    fixable: true,
    docs: {
      summary:
        'An `AWS::AutoScaling::AutoScalingGroup` whose `VPCZoneIdentifier` lists a single subnet, or subnets that all resolve to one Availability Zone (the same `!Select [0, !GetAZs ""]` twice, the same literal zone, the same zone parameter, the same subnet twice), or whose `AvailabilityZones` (without subnets) names one zone. Zones are resolved through the dependency graph: subnet reference → `AWS::EC2::Subnet` → `AvailabilityZone`. Subnets from a `List<AWS::EC2::Subnet::Id>` parameter, an import, or a subnet whose zone cannot be told produce no finding: the rule says nothing rather than guess.',
      why: 'Auto Scaling replaces failed instances, but only in the zones it is allowed to use. When that one zone has an outage or runs out of capacity for the instance type, every instance of the group is lost at once and no replacement can be launched anywhere else: the service is down until the zone recovers. Spread over two or more zones, the group rebalances into the healthy zones automatically.',
      fix: 'List subnets in at least two Availability Zones in `VPCZoneIdentifier` (three where the region has them). When the template already has a subnet of the same VPC in another zone, the quick fix adds it (choosing one with the same public/private setting and the most similar name); otherwise create a subnet in a second zone (`AvailabilityZone: !Select [1, !GetAZs ""]`) with the same routing. Check that the load balancer, NAT gateways and databases the group depends on also span those zones.',
      references: [
        { title: 'Amazon EC2 Auto Scaling: Availability Zone distribution and rebalancing', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-availability-zone-balanced.html' },
        { title: 'Amazon EC2 Auto Scaling: add an Availability Zone to an Auto Scaling group', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-add-az-console.html' },
        { title: 'AWS::AutoScaling::AutoScalingGroup VPCZoneIdentifier', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-autoscaling-autoscalinggroup.html#cfn-autoscaling-autoscalinggroup-vpczoneidentifier' },
        { title: 'AWS Security Hub AutoScaling.2 (Auto Scaling group should cover multiple Availability Zones)', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/autoscaling-controls.html#autoscaling-2' },
        WA.REL10_BP01,
        WA.REL10,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const res of t.resourcesByType.get(TYPE) ?? []) {
      const subnets = prop(res, 'VPCZoneIdentifier');
      const effect = 'an outage of that zone takes every instance down at once and Auto Scaling cannot launch replacements in another zone.';
      if (subnets && !isNoValue(subnets)) {
        const v = singleZone(t, subnets);
        if (!v) continue;
        const message = `${res.id} launches instances in ${zoneSummary(t, v)}${zoneParameterNote(v)}: ${effect}`;
        const fixes: Fix[] = [];
        const first = v.spread.zones.find((z) => z.key);
        const used = v.spread.zones.map((z) => z.subnet).filter((s): s is string => !!s);
        if (first?.key && used.length === v.spread.zones.length) {
          const other = otherZoneSubnet(t, used, first.key);
          const edits = other ? new FixBuilder(t).append(subnets, ref(other.id)).build() : undefined;
          if (other && edits) {
            fixes.push({ title: `Add ${other.id} (${zonePhrase(subnetAz(t, other.id))}) to VPCZoneIdentifier`, edits, preferred: true });
          }
        }
        ctx.report({ ...rangeOf(res, subnets), resource: res.id, message, fixes, related: zoneRelated(t, v) });
        continue;
      }
      // No subnets: the zones named directly (EC2-Classic or the default VPC).
      const zones = prop(res, 'AvailabilityZones') ?? prop(res, 'AvailabilityZoneIds');
      const items = seqItems(zones);
      if (!items || !items.length) continue;
      const keys = items.map((i) => azKey(azOf(t, i)));
      if (items.length > 1 && (keys.some((k) => !k) || new Set(keys).size > 1)) continue;
      if (items.length === 1 && !singleZoneName(items[0])) continue;
      const az = azOf(t, items[0]);
      const where = az.kind === 'unknown' ? 'a single Availability Zone' : zonePhrase(az);
      const message = `${res.id} is limited to ${items.length === 1 ? 'one Availability Zone' : `${items.length} entries naming one Availability Zone`} (${where}): ${effect}`;
      ctx.report({ ...rangeOf(res, zones), resource: res.id, message });
    }
  },
});

/** One list entry that certainly names one zone (not a parameter that may hold a list). */
function singleZoneName(n: Node): boolean {
  if (isSeq(n)) return false;
  const s = scalarString(n);
  if (s !== undefined) return !s.includes(',');
  return !get(n, 'Fn::GetAZs') && !get(n, 'Fn::Split');
}
