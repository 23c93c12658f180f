import { defineRule } from '../contract';
import { WA } from '../well-architected';
import type { Node } from '../../parse/node';
import type { Resource } from '../../parse/template';
import { keyRange, prop, refName, singleZoneOf, zoneParameterNote, zoneRelated, zoneSummary } from '../high-availability/_ha';

const VPC = 'AWS::EC2::VPC';
const SUBNET = 'AWS::EC2::Subnet';

export default defineRule({
  meta: {
    id: 'vpc-single-az',
    area: 'fault-tolerance',
    severity: 'warning',
    title: 'VPC built in one Availability Zone',
    fixable: false,
    docs: {
      summary:
        'An `AWS::EC2::VPC` with at least two subnets in the template (`AWS::EC2::Subnet` with `VpcId: !Ref Vpc`, found through the dependency graph) that all resolve to one Availability Zone: the same `!Select [N, !GetAZs ""]`, the same literal zone or zone ID, or the same zone parameter. Subnets whose zone AWS picks (no `AvailabilityZone`) or that come from different parameters produce no finding.',
      why: 'Every resource placed in the VPC inherits the zone of its subnet. When every subnet is in the same zone, nothing built on this network can be highly available: Auto Scaling groups, load balancers, Multi-AZ databases and ECS services have no second zone to run in, and an outage of that zone takes the whole workload down. Application Load Balancers, RDS DB subnet groups and many other services refuse subnets of a single zone outright.',
      fix: 'Create each tier\'s subnets in at least two Availability Zones (`AvailabilityZone: !Select [0, !GetAZs ""]`, `!Select [1, !GetAZs ""]`, …), with non-overlapping CIDR blocks (for example `!Select [N, !Cidr [!GetAtt Vpc.CidrBlock, 6, 8]]`) and their own route tables, then spread the resources over them. No quick fix: the CIDR plan and routing depend on the network design.',
      references: [
        { title: 'Amazon VPC: subnets for your VPC', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html' },
        { title: 'Amazon VPC: example VPC for a web and database application across zones', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-example-web-database-servers.html' },
        { title: 'AWS::EC2::Subnet AvailabilityZone', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-subnet.html#cfn-ec2-subnet-availabilityzone' },
        WA.REL10_BP01,
        WA.REL10,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const vpc of t.resourcesByType.get(VPC) ?? []) {
      const subnets: Resource[] = [];
      for (const r of ctx.graph.referencesAt(vpc.id, ['Properties', 'VpcId'], { fromType: SUBNET, unconditional: true })) {
        const subnet = t.resources.get(r.source);
        if (subnet && !subnets.includes(subnet) && refName(prop(subnet, 'VpcId')) === vpc.id) subnets.push(subnet);
      }
      if (subnets.length < 2) continue;
      const v = singleZoneOf(t, subnets.map((s) => s.id) as (Node | string)[]);
      if (!v || v.kind !== 'same-zone') continue;
      ctx.report({
        ...keyRange(vpc),
        resource: vpc.id,
        message: `${vpc.id} has ${zoneSummary(t, v)}${zoneParameterNote(v)}: an outage of that zone takes down everything built on this network, and nothing in it can fail over to another zone.`,
        related: zoneRelated(t, v),
      });
    }
  },
});
