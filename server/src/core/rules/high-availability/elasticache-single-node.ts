import { defineRule } from '../contract';
import { WA } from '../well-architected';
import type { Resource, Template } from '../../parse/template';
import type { Graph } from '../../graph/graph';
import { literalItems, literalString, opaque, prop, rangeOf } from './_stores';
import { numberValue, stringValues } from '../../graph/resolve';

const TYPE = 'AWS::ElastiCache::CacheCluster';

/** The cluster is the `PrimaryClusterId` of a replication group of the template (that group is checked instead). */
function primaryOfGroup(t: Template, graph: Graph, res: Resource): boolean {
  for (const e of graph.dependents(`Resources.${res.id}`)) {
    const from = e.from.startsWith('Resources.') ? t.resources.get(e.from.slice(10)) : undefined;
    if (from?.type === 'AWS::ElastiCache::ReplicationGroup' && e.ref && e.ref.node === prop(from, 'PrimaryClusterId')) return true;
  }
  const name = literalString(prop(res, 'ClusterName'))?.toLowerCase();
  if (name) {
    for (const g of t.resourcesByType.get('AWS::ElastiCache::ReplicationGroup') ?? []) {
      if (literalString(prop(g, 'PrimaryClusterId'))?.toLowerCase() === name) return true;
    }
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'elasticache-single-node',
    area: 'high-availability',
    severity: 'warning',
    title: 'ElastiCache cache cluster on a single node or in a single AZ',
    fixable: false,
    docs: {
      summary:
        'An `AWS::ElastiCache::CacheCluster` that cannot survive the loss of a node or an Availability Zone: a Valkey or Redis OSS cache cluster (always a single node, unless it is the `PrimaryClusterId` of a replication group of the template), or a Memcached cluster with `NumCacheNodes: 1`, or whose nodes all sit in one AZ (`AZMode: single-az`, the default when neither `AZMode` nor several `PreferredAvailabilityZones` are given). `AWS::ElastiCache::ServerlessCache` is not reported: it replicates across AZs by design.',
      why: 'A single Valkey or Redis OSS node has no replica: when the node or its AZ fails, the cache is unavailable and its data is lost until ElastiCache replaces the node, and every request falls through to the database behind it, often at many times its usual load. Memcached does not replicate: with one node, or every node in one AZ, an AZ outage empties the whole cache at once; spread across AZs, only the share of keys held in the failed AZ is lost.',
      fix: 'For Valkey or Redis OSS, replace the cache cluster with an `AWS::ElastiCache::ReplicationGroup` with `NumCacheClusters: 2` (or more), `AutomaticFailoverEnabled: true` and `MultiAZEnabled: true`, or use `AWS::ElastiCache::ServerlessCache`; client endpoints change, so there is no automatic fix. For Memcached, use at least two nodes with `AZMode: cross-az` (changing it may replace the cluster). The cache subnet group must span at least two AZs.',
      references: [
        { title: 'Mitigating failures in ElastiCache (Memcached and Valkey/Redis OSS)', url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/disaster-recovery-resiliency.html' },
        { title: 'Minimizing downtime in ElastiCache by using Multi-AZ', url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html' },
        { title: 'AWS::ElastiCache::CacheCluster', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-cachecluster.html' },
        { title: 'AWS::ElastiCache::ReplicationGroup', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-replicationgroup.html' },
        WA.REL10_BP01,
        WA.REL11,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const res of t.resourcesByType.get(TYPE) ?? []) {
      if (opaque(res)) continue;
      const engines = stringValues(t, prop(res, 'Engine'));
      if (!engines) continue;
      const kinds = new Set(engines.map((e) => (e.toLowerCase() === 'memcached' ? 'memcached' : 'kv')));
      if (kinds.size !== 1) continue;
      if (kinds.has('kv')) {
        if (primaryOfGroup(t, ctx.graph, res)) continue;
        const engine = engines.length === 1 ? (engines[0].toLowerCase() === 'valkey' ? 'Valkey' : 'Redis OSS') : 'Valkey/Redis OSS';
        ctx.report({
          ...rangeOf(res),
          resource: res.id,
          message: `${res.id} is a single ${engine} node with no replica: when the node or its Availability Zone fails, the cache is unavailable and its data lost until ElastiCache replaces the node; use an AWS::ElastiCache::ReplicationGroup with a replica in another AZ, automatic failover and Multi-AZ (or a ServerlessCache).`,
        });
        continue;
      }
      const nodes = numberValue(t, prop(res, 'NumCacheNodes'));
      const modeNode = prop(res, 'AZMode');
      if (nodes === 1) {
        ctx.report({
          ...rangeOf(res, prop(res, 'NumCacheNodes')),
          resource: res.id,
          message: `${res.id} is a single Memcached node: when it or its Availability Zone fails, the whole cache is lost at once and every read falls through to the backing store; use at least two nodes with AZMode: cross-az.`,
        });
        continue;
      }
      if (nodes === undefined) continue;
      const mode = stringValues(t, modeNode);
      if (modeNode && !mode) continue;
      if (mode && mode.every((m) => m === 'cross-az')) continue;
      if (!modeNode) {
        const zones = literalItems(prop(res, 'PreferredAvailabilityZones'))?.map((z) => literalString(z));
        if (zones && new Set(zones).size >= 2 && zones.every((z) => z !== undefined)) continue;
        if (prop(res, 'PreferredAvailabilityZones') && !zones) continue;
      } else if (!mode!.every((m) => m === 'single-az')) continue;
      ctx.report({
        ...rangeOf(res, modeNode),
        resource: res.id,
        message: `${res.id} places its ${nodes} Memcached nodes in one Availability Zone (AZMode ${modeNode ? 'single-az' : 'not set, default single-az'}): an outage of that AZ empties the whole cache at once and every read falls through to the backing store; set AZMode: cross-az.`,
      });
    }
  },
});
