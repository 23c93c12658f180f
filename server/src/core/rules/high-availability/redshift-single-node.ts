import { defineRule } from '../contract';
import { WA } from '../well-architected';
import { opaque, prop, rangeOf } from './_stores';
import { mustBeTrue, numberValue, stringValues } from '../../graph/resolve';

const TYPE = 'AWS::Redshift::Cluster';

export default defineRule({
  meta: {
    id: 'redshift-single-node',
    area: 'high-availability',
    severity: 'warning',
    title: 'Redshift cluster with a single node, or in a single AZ',
    fixable: false,
    docs: {
      summary:
        'An `AWS::Redshift::Cluster` with `ClusterType: single-node` or `NumberOfNodes: 1` (warning). For information, a multi-node cluster of an RA3 node type whose `MultiAZ` is absent (the default is false) or false: it runs in one Availability Zone although it could be deployed in two. Values that come from parameters are used when every possible value agrees; otherwise the cluster is not reported.',
      why: 'In a single-node cluster one node is both leader and compute node and there is no data replication between nodes: a node failure makes the warehouse unavailable until the node is replaced and, with local storage (DC2), a drive failure means restoring from the last snapshot and losing what was loaded since. A multi-node cluster still runs in one Availability Zone: an outage of that AZ makes it unavailable until the AZ recovers, the cluster is relocated (`AvailabilityZoneRelocation`, RA3) or a snapshot is restored elsewhere. A Multi-AZ RA3 deployment keeps compute in two AZs behind one endpoint and continues in the remaining AZ; clients reconnect and retry the queries that were running.',
      fix: 'Use `ClusterType: multi-node` with `NumberOfNodes` of at least 2 (changing the node count resizes the cluster). For RA3 node types, also set `MultiAZ: true`: it needs an encrypted cluster (`Encrypted: true`), at least two nodes per AZ and a cluster subnet group with subnets in at least three AZs, so there is no automatic fix. Keep automated snapshots, and enable `AvailabilityZoneRelocation` where Multi-AZ is not used.',
      references: [
        { title: 'Amazon Redshift clusters and nodes', url: 'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-clusters.html' },
        { title: 'Setting up Multi-AZ deployment (Amazon Redshift)', url: 'https://docs.aws.amazon.com/redshift/latest/mgmt/overview-multi-az.html' },
        { title: 'Relocating a cluster (Amazon Redshift)', url: 'https://docs.aws.amazon.com/redshift/latest/mgmt/managing-cluster-recovery.html' },
        { title: 'AWS::Redshift::Cluster', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-redshift-cluster.html' },
        WA.REL10_BP01,
        WA.REL11,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const res of t.resourcesByType.get(TYPE) ?? []) {
      if (opaque(res)) continue;
      const typeNode = prop(res, 'ClusterType');
      const types = stringValues(t, typeNode);
      const nodesNode = prop(res, 'NumberOfNodes');
      const nodes = numberValue(t, nodesNode);
      const single = (types && types.every((v) => v === 'single-node')) || nodes === 1;
      if (single) {
        const at = types && types.every((v) => v === 'single-node') ? typeNode : nodesNode;
        ctx.report({
          ...rangeOf(res, at),
          resource: res.id,
          message: `${res.id} is a single-node Redshift cluster: its one node is also the leader and nothing is replicated between nodes, so a node failure makes the warehouse unavailable until the node is replaced (and, with local storage, data loaded since the last snapshot can be lost); use a multi-node cluster, Multi-AZ for RA3 node types.`,
        });
        continue;
      }
      if (!types || !types.every((v) => v === 'multi-node') || nodes === undefined || nodes < 2) continue;
      const nodeTypes = stringValues(t, prop(res, 'NodeType'));
      if (!nodeTypes || !nodeTypes.every((n) => n.toLowerCase().startsWith('ra3.'))) continue;
      const multi = prop(res, 'MultiAZ');
      const c = mustBeTrue(t, multi);
      if (c.status !== 'bad') continue;
      ctx.report({
        ...rangeOf(res, multi),
        resource: res.id,
        severity: 'info',
        message: `${res.id} runs in a single Availability Zone (MultiAZ ${c.literal && c.value === undefined ? c.how : `is ${c.how}`}): an outage of that AZ makes the warehouse unavailable until the AZ recovers, the cluster is relocated or a snapshot is restored elsewhere; RA3 clusters can run Multi-AZ (MultiAZ: true, encrypted, two or more nodes per AZ, subnets in three AZs).`,
      });
    }
  },
});
