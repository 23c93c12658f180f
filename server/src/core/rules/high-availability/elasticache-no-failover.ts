import { defineRule } from '../contract';
import { WA } from '../well-architected';
import { FixBuilder } from '../../fix/builder';
import { Node, get } from '../../parse/node';
import type { Resource, Template } from '../../parse/template';
import type { Fix } from '../../types';
import { azKey, azOf, Check, checkValue, mustBeTrue } from '../../graph/resolve';
import { absent, literalItems, literalNumber, opaque, prop, rangeOf } from './_stores';

const TYPE = 'AWS::ElastiCache::ReplicationGroup';

interface Missing {
  property: string;
  check: Check;
  node?: Node;
}

/** Cluster mode (sharded) rather than one primary with NumCacheClusters - 1 replicas. */
function clusterMode(res: Resource): boolean {
  return !absent(prop(res, 'NumNodeGroups')) || !absent(prop(res, 'ReplicasPerNodeGroup')) || !absent(prop(res, 'NodeGroupConfiguration'));
}

function phrase(m: Missing): string {
  const c = m.check;
  if (c.status === 'bad') {
    if (m.property === 'NumCacheClusters') return c.literal && c.value === undefined ? 'NumCacheClusters not set, default 1: no replica' : `NumCacheClusters is ${c.how}: no replica`;
    if (m.property === 'ReplicasPerNodeGroup') return `ReplicasPerNodeGroup is ${c.how}: no replica`;
    if (m.property === 'NodeGroupConfiguration') return `ReplicaCount is ${c.how} in some shards: no replica`;
    return c.literal && c.value === undefined ? `${m.property} ${c.how}` : `${m.property} is ${c.how}`;
  }
  if (c.status === 'conditional') {
    const what = m.property === 'NumCacheClusters' ? 'is below 2' : m.property === 'ReplicasPerNodeGroup' ? 'is 0' : 'is false';
    return `${m.property} ${what} ${c.phrase}`;
  }
  return m.property;
}

function consequence(missing: Missing[]): string {
  const has = (...p: string[]) => missing.some((m) => p.includes(m.property));
  if (has('NumCacheClusters', 'ReplicasPerNodeGroup', 'NodeGroupConfiguration')) return 'when a primary node or its AZ fails, its data is unavailable and lost until ElastiCache replaces the node, and requests fall through to the backing store';
  if (has('AutomaticFailoverEnabled')) return 'when the primary node fails, no replica is promoted and writes fail until ElastiCache replaces the node';
  return 'ElastiCache does not ensure the replicas are in other AZs than the primary, so an AZ outage can take every node down';
}

function collect(t: Template, res: Resource): Missing[] {
  const out: Missing[] = [];
  const failover = prop(res, 'AutomaticFailoverEnabled');
  const multiAz = prop(res, 'MultiAZEnabled');
  out.push({ property: 'AutomaticFailoverEnabled', check: mustBeTrue(t, failover), node: failover });
  out.push({ property: 'MultiAZEnabled', check: mustBeTrue(t, multiAz), node: multiAz });
  if (clusterMode(res)) {
    const rep = prop(res, 'ReplicasPerNodeGroup');
    if (rep) out.push({ property: 'ReplicasPerNodeGroup', check: checkValue(t, rep, (v) => (v === undefined ? undefined : Number(v) >= 1), 'not set', '1 or more'), node: rep });
    const groups = literalItems(prop(res, 'NodeGroupConfiguration'));
    const zeros = (groups ?? []).map((g) => get(g, 'ReplicaCount')).filter((n): n is Node => !!n && literalNumber(n) === 0);
    if (zeros.length) out.push({ property: 'NodeGroupConfiguration', check: { status: 'bad', how: '0', literal: false }, node: zeros[0] });
  } else if (absent(prop(res, 'PrimaryClusterId'))) {
    const num = prop(res, 'NumCacheClusters');
    out.push({ property: 'NumCacheClusters', check: checkValue(t, num, (v) => (v === undefined ? false : Number(v) >= 2), 'not set', '2 or more'), node: num });
  }
  const result = out.filter((m) => m.check.status === 'bad' || m.check.status === 'conditional');
  // Failover and replicas, with the nodes explicitly placed in different zones: Multi-AZ in effect.
  if (result.length === 1 && result[0].property === 'MultiAZEnabled' && nodesInDistinctZones(t, res)) return [];
  return result;
}

/** `PreferredCacheClusterAZs` lists two or more zones, no two certainly the same. */
function nodesInDistinctZones(t: Template, res: Resource): boolean {
  const zones = literalItems(prop(res, 'PreferredCacheClusterAZs'));
  if (!zones || zones.length < 2) return false;
  const texts = zones.map((z) => t.text.slice(z.start, z.end).replace(/\s+/g, ' '));
  if (new Set(texts).size !== texts.length) return false;
  const keys = zones.map((z) => azKey(azOf(t, z))).filter((k): k is string => k !== undefined);
  return new Set(keys).size === keys.length;
}

function fixFor(t: Template, res: Resource, missing: Missing[]): Fix | undefined {
  if (missing.some((m) => m.check.status !== 'bad' || !m.check.literal)) return undefined;
  if (missing.some((m) => m.property === 'ReplicasPerNodeGroup' || m.property === 'NodeGroupConfiguration')) return undefined;
  const b = new FixBuilder(t);
  b.setProperty(res, ['AutomaticFailoverEnabled'], true);
  b.setProperty(res, ['MultiAZEnabled'], true);
  if (missing.some((m) => m.property === 'NumCacheClusters')) {
    // The zones listed must match the node count.
    const azs = prop(res, 'PreferredCacheClusterAZs');
    if (azs && literalItems(azs)?.length !== 2) return undefined;
    b.setProperty(res, ['NumCacheClusters'], 2);
  }
  const edits = b.build();
  if (!edits) return undefined;
  const title = missing.some((m) => m.property === 'NumCacheClusters')
    ? 'Add a replica (NumCacheClusters: 2) and enable automatic failover and Multi-AZ'
    : 'Enable automatic failover and Multi-AZ';
  return { title, edits, preferred: true, safe: true };
}

export default defineRule({
  meta: {
    id: 'elasticache-no-failover',
    area: 'high-availability',
    severity: 'warning',
    title: 'ElastiCache replication group without automatic failover across AZs',
    fixable: true,
    docs: {
      summary:
        'An `AWS::ElastiCache::ReplicationGroup` (Valkey or Redis OSS) with `AutomaticFailoverEnabled` absent (default false) or false, `MultiAZEnabled` absent or false, fewer than two nodes (`NumCacheClusters` below 2, the default being 1; not checked when the group is built from an existing `PrimaryClusterId`), or in cluster mode no replica per shard (`ReplicasPerNodeGroup: 0`, or `ReplicaCount: 0` in a `NodeGroupConfiguration`). One finding per group lists everything missing. When only `MultiAZEnabled` is missing (automatic failover and replicas are there) the finding is informational, and it is not reported when `PreferredCacheClusterAZs` places the nodes in distinct zones. Values that come from parameters or conditions are named; when the defaults are highly available the group is not reported, and when only parameter-driven settings are missing the finding is informational.',
      why: 'Without a replica, a failure of the primary node or of its Availability Zone makes the cache unavailable and loses its data until ElastiCache replaces the node; every request then falls through to the database behind it, often at many times its usual load. Without automatic failover a replica is not promoted, and without Multi-AZ the replicas may sit in the same AZ as the primary. With a replica in another AZ, automatic failover and Multi-AZ, ElastiCache promotes the replica, usually within a minute, and the primary endpoint follows.',
      fix: 'Set `AutomaticFailoverEnabled: true` and `MultiAZEnabled: true`, with at least one replica: `NumCacheClusters: 2` or more (cluster mode disabled) or `ReplicasPerNodeGroup: 1` or more (cluster mode enabled). The quick fix does this when the settings are written in place and the group is not sharded; changing the replica count of a sharded group in CloudFormation replaces it, so that case is left to you. `PreferredCacheClusterAZs`, when set, must list one zone per node. The cache subnet group must span at least two AZs.',
      references: [
        { title: 'Minimizing downtime in ElastiCache by using Multi-AZ', url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html' },
        { title: 'Mitigating failures when running Valkey or Redis OSS', url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/disaster-recovery-resiliency.html' },
        { title: 'AWS::ElastiCache::ReplicationGroup', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-replicationgroup.html' },
        { title: 'AWS Security Hub ElastiCache.3', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html#elasticache-3' },
        WA.REL10_BP01,
        WA.REL11_BP02,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const res of t.resourcesByType.get(TYPE) ?? []) {
      if (opaque(res)) continue;
      const missing = collect(t, res);
      if (!missing.length) continue;
      // Only the Multi-AZ flag missing (failover and replicas present): informational.
      const definite = missing.some((m) => m.check.status === 'bad') && !(missing.length === 1 && missing[0].property === 'MultiAZEnabled');
      const first = missing.find((m) => m.node && m.check.status === 'bad') ?? missing.find((m) => m.node);
      const fix = fixFor(t, res, missing);
      ctx.report({
        ...rangeOf(res, missing.length === 1 ? first?.node : undefined),
        resource: res.id,
        ...(definite ? {} : { severity: 'info' as const }),
        message: `${res.id} cannot fail over to another Availability Zone (${missing.map(phrase).join('; ')}): ${consequence(missing)}; a replica in another AZ with automatic failover and Multi-AZ is promoted in about a minute.`,
        fixes: fix ? [fix] : [],
      });
    }
  },
});
