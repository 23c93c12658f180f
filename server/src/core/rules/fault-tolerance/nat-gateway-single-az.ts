import { defineRule } from '../contract';
import { WA } from '../well-architected';
import { get, scalarString } from '../../parse/node';
import type { Resource, Template } from '../../parse/template';
import type { Graph } from '../../graph/graph';
import { AzRef, azKey, subnetAz } from '../../graph/resolve';
import type { RelatedLocation } from '../../types';
import { keyRange, prop, refName, referencedResource, zoneFromParameter, zoneLabel } from '../high-availability/_ha';

const NAT = 'AWS::EC2::NatGateway';

/** Resources of `type` whose property `key` references `target` directly (not through `Fn::If`). */
function referencing(t: Template, g: Graph, target: Resource, type: string, key: string): Resource[] {
  const out: Resource[] = [];
  for (const r of g.referencesAt(target.id, ['Properties', key], { fromType: type, unconditional: true })) {
    const res = t.resources.get(r.source);
    if (res && !out.includes(res) && refName(prop(res, key)) === target.id) out.push(res);
  }
  return out;
}

interface Served {
  subnet: string;
  az: AzRef;
  key: string;
  route: Resource;
  /** Conditions of the route, route table, association and subnet. */
  conditions: string[];
}

export default defineRule({
  meta: {
    id: 'nat-gateway-single-az',
    area: 'fault-tolerance',
    severity: 'warning',
    title: 'One NAT gateway serves private subnets in several Availability Zones',
    fixable: false,
    docs: {
      summary:
        'An `AWS::EC2::NatGateway` that is the target of routes (`AWS::EC2::Route` with `NatGatewayId`) in route tables associated with private subnets of two or more Availability Zones. The rule follows the dependency graph: NAT gateway ← Route → RouteTable ← SubnetRouteTableAssociation → Subnet → `AvailabilityZone`. Routes that choose the NAT gateway through `Fn::If` are not counted; when the subnets of other zones are reached only through resources with a `Condition`, the message names the conditions. Regional NAT gateways (`AvailabilityMode: regional`) are not reported.',
      why: 'A NAT gateway is redundant within its own Availability Zone only. When that zone has an outage, the private subnets of every other zone that route through it lose outbound connectivity: instances, containers and functions there can no longer reach AWS service endpoints without VPC endpoints, third-party APIs, package repositories or license servers, so a zonal outage becomes a regional one for the application. It also adds cross-zone data transfer charges in normal operation.',
      fix: 'Create one NAT gateway (with its Elastic IP) in a public subnet of each Availability Zone, give each zone\'s private subnets their own route table, and route `0.0.0.0/0` to the NAT gateway of the same zone. Alternatively use a regional NAT gateway (`AvailabilityMode: regional`), which spans zones. For traffic to AWS services, gateway and interface VPC endpoints remove the NAT dependency altogether. No quick fix: the change creates resources and route tables that depend on the network design.',
      references: [
        { title: 'Amazon VPC: NAT gateways (zonal independence)', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html' },
        { title: 'Amazon VPC: NAT gateway basics', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html' },
        { title: 'AWS::EC2::NatGateway', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-natgateway.html' },
        WA.REL10_BP01,
        WA.REL10,
        { title: 'AWS Fault Isolation Boundaries: Availability Zones (zonal independence)', url: 'https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/availability-zones.html' },
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    const g = ctx.graph;
    for (const nat of t.resourcesByType.get(NAT) ?? []) {
      if (scalarString(prop(nat, 'AvailabilityMode'))?.toLowerCase() === 'regional') continue;
      const served: Served[] = [];
      // Only routes that certainly use this NAT gateway (not one branch of an Fn::If).
      for (const route of referencing(t, g, nat, 'AWS::EC2::Route', 'NatGatewayId')) {
        const table = referencedResource(t, prop(route, 'RouteTableId'));
        if (!table || table.type !== 'AWS::EC2::RouteTable') continue;
        for (const assoc of referencing(t, g, table, 'AWS::EC2::SubnetRouteTableAssociation', 'RouteTableId')) {
          const subnetNode = prop(assoc, 'SubnetId');
          const az = subnetAz(t, subnetNode);
          const key = azKey(az);
          if (!key || !az.subnet) continue;
          const subnet = t.resources.get(az.subnet)!;
          const conditions = [route, table, assoc, subnet].map((r) => scalarString(r.condition)).filter((c): c is string => !!c);
          served.push({ subnet: az.subnet, az, key, route, conditions: [...new Set(conditions)] });
        }
      }
      const zonesOf = (list: Served[]) => new Map(list.map((s) => [s.key, s.az]));
      const certain = served.filter((s) => s.conditions.length === 0);
      let qualifier = '';
      let used = certain;
      if (zonesOf(certain).size < 2) {
        if (zonesOf(served).size < 2) continue;
        used = served;
        const conds = [...new Set(served.flatMap((s) => s.conditions))];
        qualifier = ` when condition${conds.length > 1 ? 's' : ''} ${conds.join(', ')} ${conds.length > 1 ? 'hold' : 'holds'}`;
      }
      const zones = zonesOf(used);
      // Zones written in different ways (a literal name and a Fn::GetAZs index) may be the same zone.
      const families = new Set([...zones.keys()].map((k) => k.replace(/:[^:]*$/, '').replace(/^param:.*/, 'param')));
      if (families.size > 1) continue;
      const natAz = subnetAz(t, prop(nat, 'SubnetId'));
      const natKey = azKey(natAz);
      const groups = [...zones.entries()].map(([key, az]) => {
        const subnets = [...new Set(used.filter((s) => s.key === key).map((s) => s.subnet))];
        return `${subnets.join(', ')} in ${zoneLabel(az)}`;
      });
      const params = [...new Set([...zones.values(), natAz].map((z) => zoneFromParameter(z)).filter(Boolean))];
      const paramNote = params.length > 1 ? ` if parameters ${params.slice(0, -1).join(', ')} and ${params[params.length - 1]} name different zones` : '';
      const where = natKey ? ` in ${zoneLabel(natAz)}` : '';
      const others = natKey && zones.has(natKey) ? 'the private subnets of the other zones' : 'the private subnets of every other zone';
      const message = `${nat.id}${where} is the outbound route for private subnets in ${zones.size} Availability Zones (${groups.join('; ')})${paramNote}${paramNote && qualifier ? ' and' : ''}${qualifier}: an outage of the NAT gateway's zone cuts outbound traffic for ${others}.`;
      const related: RelatedLocation[] = [];
      for (const r of [...new Set(used.map((s) => s.route))]) related.push({ start: r.key.start, end: r.key.end, message: `route ${r.id} sends traffic to ${nat.id}` });
      for (const s of used) {
        const res = t.resources.get(s.subnet)!;
        const at = get(res.properties, 'AvailabilityZone') ?? get(res.properties, 'AvailabilityZoneId') ?? res.key;
        if (!related.some((x) => x.start === at.start)) related.push({ start: at.start, end: at.end, message: `${s.subnet}: ${zoneLabel(s.az)}` });
      }
      ctx.report({ ...keyRange(nat), resource: nat.id, message, related });
    }
  },
});
