import { defineRule } from '../contract';
import { WA } from '../well-architected';
import { FixBuilder } from '../../fix/builder';
import type { Node } from '../../parse/node';
import type { Resource, Template } from '../../parse/template';
import type { Fix } from '../../types';
import { literalItems, literalNumber, opaque, prop, rangeOf } from './_stores';
import { Check, checkValue, mustBeTrue, numberValue } from '../../graph/resolve';

const CONFIG: Record<string, string> = {
  'AWS::OpenSearchService::Domain': 'ClusterConfig',
  'AWS::Elasticsearch::Domain': 'ElasticsearchClusterConfig',
};

interface Missing {
  property: string;
  check: Check;
  node?: Node;
}

function phrase(m: Missing): string {
  const c = m.check;
  if (c.status === 'bad') {
    if (m.property === 'InstanceCount') return c.literal && c.value === undefined ? 'InstanceCount not set, default 1 data node' : `InstanceCount is ${c.how}`;
    return c.literal && c.value === undefined ? `${m.property} ${c.how}` : `${m.property} is ${c.how}`;
  }
  if (c.status === 'conditional') return `${m.property} ${m.property === 'InstanceCount' ? 'is below 2' : 'is false'} ${c.phrase}`;
  return m.property;
}

/** The number of zones the fix uses: the one written, else one per VPC subnet, else 3 for an odd multiple of 3 nodes, else 2. */
function zoneCount(res: Resource, cfg: string): number | undefined {
  const written = prop(res, cfg, 'ZoneAwarenessConfig', 'AvailabilityZoneCount');
  if (written) return literalNumber(written);
  const subnets = prop(res, 'VPCOptions', 'SubnetIds');
  if (subnets) {
    const n = literalItems(subnets)?.length;
    return n === 2 || n === 3 ? n : undefined;
  }
  const count = literalNumber(prop(res, cfg, 'InstanceCount'));
  if (count !== undefined && count >= 3 && count % 2 === 1 && count % 3 === 0) return 3;
  return 2;
}

function fixFor(t: Template, res: Resource, cfg: string, missing: Missing[]): Fix | undefined {
  if (missing.some((m) => m.check.status !== 'bad' || !m.check.literal)) return undefined;
  const zones = zoneCount(res, cfg);
  if (zones !== 2 && zones !== 3) return undefined;
  const subnets = prop(res, 'VPCOptions', 'SubnetIds');
  if (subnets && literalItems(subnets)?.length !== zones) return undefined;
  const current = literalNumber(prop(res, cfg, 'InstanceCount')) ?? 1;
  const count = current < 2 ? zones : current;
  if (count % zones !== 0) return undefined;
  const b = new FixBuilder(t);
  b.setProperty(res, [cfg, 'ZoneAwarenessEnabled'], true);
  if (!prop(res, cfg, 'ZoneAwarenessConfig', 'AvailabilityZoneCount')) b.setProperty(res, [cfg, 'ZoneAwarenessConfig', 'AvailabilityZoneCount'], zones);
  if (count !== current || !prop(res, cfg, 'InstanceCount')) b.setProperty(res, [cfg, 'InstanceCount'], count);
  const edits = b.build();
  if (!edits) return undefined;
  const title = missing.some((m) => m.property === 'ZoneAwarenessEnabled')
    ? `Enable zone awareness over ${zones} Availability Zones${count !== current ? ` with ${count} data nodes` : ''}`
    : `Use ${count} data nodes over ${zones} Availability Zones`;
  return { title, edits, preferred: true, safe: true };
}

export default defineRule({
  meta: {
    id: 'opensearch-no-zone-awareness',
    area: 'high-availability',
    severity: 'warning',
    title: 'OpenSearch domain without zone awareness',
    fixable: true,
    docs: {
      summary:
        'An `AWS::OpenSearchService::Domain` (`ClusterConfig`) or `AWS::Elasticsearch::Domain` (`ElasticsearchClusterConfig`) whose `ZoneAwarenessEnabled` is absent (default false) or false, or whose `InstanceCount` is below 2 (the default is 1). A domain with `MultiAZWithStandbyEnabled: true` is not reported. Values that come from parameters or conditions are named; when the defaults are zone-aware the domain is not reported, and when only parameter-driven settings are missing the finding is informational. The message recommends three AZs and dedicated master nodes for production when the domain does not have them.',
      why: 'Without zone awareness, OpenSearch Service may place every data node, and every copy of a shard, in one Availability Zone: an outage of that AZ makes the domain unavailable (red cluster health, failed writes and searches) and can lose the data written since the last snapshot. A single data node has no replica shards at all, so any node failure does the same. With zone awareness, OpenSearch Service spreads the nodes over two or three AZs and keeps primary and replica shards in different AZs, so the domain keeps serving when one AZ is lost.',
      fix: 'Set `ZoneAwarenessEnabled: true`, `ZoneAwarenessConfig.AvailabilityZoneCount` (2 or 3) and an `InstanceCount` that is a multiple of the zone count (an even number for two AZs), and give indices at least one replica. For a domain in a VPC, `VPCOptions.SubnetIds` must list one subnet per AZ. The quick fix enables zone awareness with two AZs (three when the domain has three subnets, or an odd multiple of three nodes) and raises `InstanceCount` to the zone count when it is below 2; it is not offered when the subnets or the node count do not fit. For production, AWS recommends three AZs, three dedicated master nodes (`DedicatedMasterEnabled`, `DedicatedMasterCount: 3`) and, for the highest availability, Multi-AZ with Standby.',
      references: [
        { title: 'Configuring a multi-AZ domain in Amazon OpenSearch Service', url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-multiaz.html' },
        { title: 'Operational best practices for Amazon OpenSearch Service', url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/bp.html' },
        { title: 'Dedicated master nodes in Amazon OpenSearch Service', url: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-dedicatedmasternodes.html' },
        { title: 'AWS::OpenSearchService::Domain ClusterConfig', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-opensearchservice-domain-clusterconfig.html' },
        { title: 'AWS Security Hub OpenSearch.6', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-6' },
        WA.REL10_BP01,
        WA.REL11,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const [type, cfg] of Object.entries(CONFIG)) {
      for (const res of t.resourcesByType.get(type) ?? []) {
        if (type === 'AWS::OpenSearchService::Domain' && mustBeTrue(t, prop(res, cfg, 'MultiAZWithStandbyEnabled')).status === 'good') continue;
        if (opaque(res, cfg)) continue;
        const za = prop(res, cfg, 'ZoneAwarenessEnabled');
        const count = prop(res, cfg, 'InstanceCount');
        const missing: Missing[] = [
          { property: 'ZoneAwarenessEnabled', check: mustBeTrue(t, za), node: za },
          { property: 'InstanceCount', check: checkValue(t, count, (v) => (v === undefined ? false : Number(v) >= 2), 'not set', '2 or more'), node: count },
        ].filter((m) => m.check.status === 'bad' || m.check.status === 'conditional');
        if (!missing.length) continue;
        const definite = missing.some((m) => m.check.status === 'bad');
        const single = missing.length === 1 && missing[0].property === 'InstanceCount';
        const consequence = single
          ? 'a single data node holds every shard with no replica, so when it or its Availability Zone fails the domain is unavailable and data since the last snapshot can be lost'
          : 'every data node and every copy of a shard can sit in one Availability Zone, so an outage of that AZ makes the domain unavailable and can lose data written since the last snapshot';
        const threeAz = numberValue(t, prop(res, cfg, 'ZoneAwarenessConfig', 'AvailabilityZoneCount')) === 3;
        const masters = mustBeTrue(t, prop(res, cfg, 'DedicatedMasterEnabled')).status === 'good';
        const advice = threeAz && masters ? '' : ' For production, AWS recommends three AZs with three dedicated master nodes.';
        const fix = fixFor(t, res, cfg, missing);
        const first = missing.length === 1 ? missing[0].node : undefined;
        ctx.report({
          ...rangeOf(res, first),
          resource: res.id,
          ...(definite ? {} : { severity: 'info' as const }),
          message: `${res.id} is not zone-aware (${missing.map(phrase).join('; ')}): ${consequence}; with zone awareness, replica shards live in another AZ and the domain keeps serving.${advice}`,
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
});
