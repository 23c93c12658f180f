import { defineRule } from '../contract';
import { WA } from '../well-architected';
import { FixBuilder } from '../../fix/builder';
import { FixValue, Intrinsic, copyMap, toFixValue } from '../../fix/value';
import { NOT_COPIED, twinId } from '../../fix/twin';
import { asIntrinsic } from '../../parse/intrinsics';
import { isScalar, scalarNumber } from '../../parse/node';
import type { Resource, Template } from '../../parse/template';
import type { Graph } from '../../graph/graph';
import { defaultParameterValues, evalCondition, stringValues } from '../../graph/resolve';
import type { Fix } from '../../types';
import { conditionOf, literalString, prop, rangeOf } from './_stores';

interface ClusterKind {
  cluster: string;
  instance: string;
  label: string;
  /** The instance type has `PromotionTier`. */
  promotionTier: boolean;
}

const KINDS: readonly ClusterKind[] = [
  { cluster: 'AWS::RDS::DBCluster', instance: 'AWS::RDS::DBInstance', label: 'Aurora', promotionTier: true },
  { cluster: 'AWS::DocDB::DBCluster', instance: 'AWS::DocDB::DBInstance', label: 'DocumentDB', promotionTier: false },
  { cluster: 'AWS::Neptune::DBCluster', instance: 'AWS::Neptune::DBInstance', label: 'Neptune', promotionTier: false },
];

/** Is an `AWS::RDS::DBCluster` an Aurora cluster (rather than a Multi-AZ DB cluster of MySQL/PostgreSQL)? */
function auroraEngine(t: Template, cluster: Resource): boolean {
  const engine = prop(cluster, 'Engine');
  const values = stringValues(t, engine);
  return !!values && values.length > 0 && values.every((v) => v.toLowerCase().startsWith('aurora'));
}

/** Instances of the cluster: `DBClusterIdentifier: !Ref Cluster` (found through the graph) or the same literal name. */
function instancesOf(t: Template, graph: Graph, kind: ClusterKind, cluster: Resource): Resource[] {
  const out = new Set<Resource>();
  for (const e of graph.dependents(`Resources.${cluster.id}`)) {
    if (e.kind !== 'Ref' || !e.from.startsWith('Resources.')) continue;
    const inst = t.resources.get(e.from.slice(10));
    if (!inst || inst.type !== kind.instance) continue;
    if (e.ref && e.ref.node === prop(inst, 'DBClusterIdentifier')) out.add(inst);
  }
  const name = literalString(prop(cluster, 'DBClusterIdentifier'))?.toLowerCase();
  if (name) {
    for (const inst of t.resourcesByType.get(kind.instance) ?? []) {
      if (literalString(prop(inst, 'DBClusterIdentifier'))?.toLowerCase() === name) out.add(inst);
    }
  }
  return [...out].sort((a, b) => a.key.start - b.key.start);
}

/** `!Select [i, X]` with a literal index: the same list, another index. */
function otherZone(n: ReturnType<typeof prop>): FixValue | undefined {
  const sel = asIntrinsic(n);
  if (!sel || sel.fn !== 'Fn::Select' || sel.arg.kind !== 'seq' || sel.arg.items.length !== 2) return undefined;
  const i = scalarNumber(sel.arg.items[0]);
  if (i === undefined) return undefined;
  return new Intrinsic('Fn::Select', [i === 0 ? 1 : 0, toFixValue(sel.arg.items[1])]);
}

function addTwinFix(t: Template, kind: ClusterKind, cluster: Resource, first: Resource): Fix | undefined {
  const b = new FixBuilder(t);
  const body: { [k: string]: FixValue } = { Type: kind.instance };
  const cond = conditionOf(cluster);
  if (cond) body.Condition = cond;
  // DependsOn entries the copied properties already imply are left out.
  const props0 = first.properties;
  const implied = new Set(
    t.references.filter((r) => r.from?.id === first.id && r.kind !== 'DependsOn' && !!props0 && r.start >= props0.start && r.end <= props0.end).map((r) => r.target),
  );
  const deps = first.dependsOn.map((d) => d.value).filter((d) => !implied.has(String(d)));
  if (deps.length) body.DependsOn = deps.length === 1 ? deps[0] : deps;
  if (isScalar(first.deletionPolicy)) body.DeletionPolicy = first.deletionPolicy.value;
  if (isScalar(first.updateReplacePolicy)) body.UpdateReplacePolicy = first.updateReplacePolicy.value;
  const props = copyMap(first.properties, NOT_COPIED);
  const zone = otherZone(prop(first, 'AvailabilityZone'));
  if (zone) props.AvailabilityZone = zone;
  if (kind.promotionTier) props.PromotionTier = 1;
  body.Properties = props;
  const id = b.addResource(twinId(first.id), body);
  const edits = b.build();
  if (!edits) return undefined;
  return { title: `Add a second instance ${id} to ${cluster.id}${kind.promotionTier ? ' (PromotionTier 1)' : ''}`, edits, preferred: true, safe: true };
}

export default defineRule({
  meta: {
    id: 'aurora-cluster-single-instance',
    area: 'high-availability',
    severity: 'warning',
    title: 'Aurora, DocumentDB or Neptune cluster with a single DB instance',
    fixable: true,
    docs: {
      summary:
        'An Aurora `AWS::RDS::DBCluster` (engine `aurora*`; Multi-AZ DB clusters of MySQL or PostgreSQL create their own instances and are not checked), an `AWS::DocDB::DBCluster` or an `AWS::Neptune::DBCluster` that only one DB instance of the template points at (`DBClusterIdentifier: !Ref Cluster`, found through the dependency graph, or the same literal cluster name). Instances under a resource `Condition` other than the cluster\'s are counted separately: when the second instance only exists under a condition, the finding is informational and names the condition. An Aurora Serverless v1 cluster (`EngineMode: serverless`) has no instances to count: it is reported for information, since it runs on a single compute node and reached end of life. Clusters no instance of the template points at are not reported (their instances may live in another stack, or the cluster is a headless secondary of a global database).',
      why: 'The cluster volume keeps six copies of the data across three Availability Zones, but the compute is the instance: with a single instance, a host failure or an AZ outage leaves the database unavailable until the service recreates that instance, which it does on a best-effort basis and which may not succeed while the AZ is impaired (typically minutes, possibly much longer). With a second instance in another AZ, the service promotes it to writer and the cluster endpoint follows, usually in under a minute; that instance also serves reads in normal operation.',
      fix: 'Add a second DB instance to the cluster, in a different Availability Zone. The quick fix adds a copy of the existing instance (same class, engine and cluster, without `DBInstanceIdentifier`) and, for Aurora, `PromotionTier: 1` so it is the preferred failover target; it leaves `AvailabilityZone` unset so the service places it (or takes the next zone of the same `!Select [N, !GetAZs ...]` list when the first instance names one). Make sure the cluster\'s subnet group spans at least two AZs. For Aurora Serverless v1, migrate to Aurora Serverless v2 (`EngineMode: provisioned`, `ServerlessV2ScalingConfiguration`, instances of class `db.serverless`) with two instances.',
      references: [
        { title: 'High availability for Amazon Aurora', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html' },
        { title: 'Amazon Aurora: fault tolerance and failover', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html#Aurora.Managing.FaultTolerance' },
        { title: 'Amazon DocumentDB high availability and replication', url: 'https://docs.aws.amazon.com/documentdb/latest/developerguide/replication.html' },
        { title: 'Amazon Neptune: high availability', url: 'https://docs.aws.amazon.com/neptune/latest/userguide/feature-overview-availability.html' },
        { title: 'Aurora Serverless v1 end of life', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless.html' },
        { title: 'AWS::RDS::DBInstance', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html' },
        WA.REL10_BP01,
        WA.REL11,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const kind of KINDS) {
      for (const cluster of t.resourcesByType.get(kind.cluster) ?? []) {
        if (kind.cluster === 'AWS::RDS::DBCluster') {
          if (!auroraEngine(t, cluster)) continue;
          const mode = stringValues(t, prop(cluster, 'EngineMode'));
          if (mode && mode.length === 1 && mode[0].toLowerCase() === 'serverless') {
            ctx.report({
              ...rangeOf(cluster, prop(cluster, 'EngineMode')),
              resource: cluster.id,
              severity: 'info',
              message: `${cluster.id} is Aurora Serverless v1, which runs on a single compute node: when it or its Availability Zone fails, Aurora recreates it in another AZ, more slowly than failing over to a reader; Serverless v1 also reached end of life on 31 March 2025. Use Aurora Serverless v2 with two instances.`,
            });
            continue;
          }
        }
        const instances = instancesOf(t, ctx.graph, kind, cluster);
        if (instances.length === 0) continue;
        const clusterCond = conditionOf(cluster);
        const always = instances.filter((i) => !conditionOf(i) || conditionOf(i) === clusterCond);
        if (always.length >= 2) continue;
        // Instances under conditions that hold with the default parameter values count: the template is highly available by default.
        const env = defaultParameterValues(t);
        const byDefault = instances.filter((i) => always.includes(i) || evalCondition(t, conditionOf(i)!, env) === true);
        if (byDefault.length >= 2) continue;
        const where = { start: cluster.key.start, end: cluster.key.end };
        const related = instances.map((i) => ({ start: i.key.start, end: i.key.end, message: conditionOf(i) && conditionOf(i) !== clusterCond ? `instance, only when condition ${conditionOf(i)} holds` : 'instance of the cluster' }));
        if (instances.length >= 2) {
          const conditional = instances.filter((i) => !always.includes(i));
          const which = conditional.map((i) => `${i.id} exists only when condition ${conditionOf(i)} holds`).join(' and ');
          ctx.report({
            ...where,
            resource: cluster.id,
            severity: 'info',
            related,
            message: `${kind.label} cluster ${cluster.id} has ${instances.length} instances, but ${which}: otherwise it runs on ${always.length === 1 ? `${always[0].id} alone` : 'at most one instance'}, and a failure of that instance or its Availability Zone makes the database unavailable until the instance is recreated.`,
          });
          continue;
        }
        const only = instances[0];
        const fix = addTwinFix(t, kind, cluster, only);
        ctx.report({
          ...where,
          resource: cluster.id,
          related,
          message: `${kind.label} cluster ${cluster.id} has a single DB instance (${only.id}): when it or its Availability Zone fails, the database is unavailable until the service recreates the instance (best effort, and not while that AZ is impaired); a second instance in another AZ takes over in about a minute.`,
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
});
