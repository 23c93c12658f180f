import { defineRule } from '../contract';
import { WA } from '../well-architected';
import { FixBuilder } from '../../fix/builder';
import { azSpread, numberValue, stringValues } from '../../graph/resolve';
import { isScalar } from '../../parse/node';
import type { Resource, Template } from '../../parse/template';
import type { Fix } from '../../types';
import { literalItems, prop, rangeOf } from './_stores';

const TYPE = 'AWS::MSK::Cluster';

function roundUpFix(t: Template, res: Resource, to: number): Fix | undefined {
  const b = new FixBuilder(t);
  b.setProperty(res, ['NumberOfBrokerNodes'], to);
  const edits = b.build();
  if (!edits) return undefined;
  return { title: `Set NumberOfBrokerNodes to ${to}`, edits, preferred: true, safe: false };
}

/** A short name for a subnet entry: its logical ID, or its text. */
function subnetName(t: Template, n: { subnet?: string; node?: { start: number; end: number } }): string {
  if (n.subnet) return n.subnet;
  if (n.node) return t.text.slice(n.node.start, n.node.end);
  return 'a subnet';
}

export default defineRule({
  meta: {
    id: 'msk-brokers-not-multiple-of-azs',
    area: 'high-availability',
    severity: 'error',
    title: 'MSK broker count does not fit the client subnets',
    fixable: true,
    docs: {
      summary:
        'An `AWS::MSK::Cluster` whose `NumberOfBrokerNodes` is not a multiple of the number of `BrokerNodeGroupInfo.ClientSubnets` (error: Amazon MSK rejects it), whose client subnets are fewer than two or more than three, or two for Express brokers (`express.*` instance types, which need three) (error), or whose client subnets are certainly in the same Availability Zone, as far as the template tells (the subnets\' `AvailabilityZone` through the dependency graph: `!Select [0, !GetAZs ""]` twice, the same literal zone) (error: the subnets must be in distinct AZs). A cluster of Standard brokers over two subnets is reported as a warning: it is accepted, but losing one AZ loses half the brokers. Counts that come from parameters are used when every possible value agrees; a subnet list passed as a list parameter is not counted.',
      why: 'Amazon MSK spreads the brokers evenly over the Availability Zones of the client subnets: a broker count that does not divide evenly, or subnets that are not in distinct AZs, make the stack creation or update fail. With only two AZs, an AZ outage takes half the brokers, and every partition that had two of its three replicas there falls below `min.insync.replicas` 2: producers using `acks=all` get errors for those partitions until the AZ recovers. With three AZs, replication factor 3 and `min.insync.replicas` 2, a cluster keeps accepting writes when one AZ is lost.',
      fix: 'Give two or three client subnets, each in a different AZ (three for production, and always for Express brokers), and a `NumberOfBrokerNodes` that is a multiple of their number. When the count does not divide evenly, the quick fix raises it to the next multiple (not marked safe: more brokers cost more, and the broker count cannot be lowered later). Use replication factor 3 and `min.insync.replicas` 2 for topics.',
      references: [
        { title: 'Create an MSK Provisioned cluster (subnets and broker distribution)', url: 'https://docs.aws.amazon.com/msk/latest/developerguide/msk-create-cluster.html' },
        { title: 'Best practices for Standard brokers (Amazon MSK)', url: 'https://docs.aws.amazon.com/msk/latest/developerguide/bestpractices.html' },
        { title: 'AWS::MSK::Cluster BrokerNodeGroupInfo', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-msk-cluster-brokernodegroupinfo.html' },
        WA.REL10_BP01,
        WA.REL11,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const res of t.resourcesByType.get(TYPE) ?? []) {
      const subnetsNode = prop(res, 'BrokerNodeGroupInfo', 'ClientSubnets');
      const items = literalItems(subnetsNode);
      if (!items) continue;
      const n = items.length;
      const instance = stringValues(t, prop(res, 'BrokerNodeGroupInfo', 'InstanceType'));
      const express = !!instance && instance.every((i) => i.toLowerCase().startsWith('express.'));
      const brokersNode = prop(res, 'NumberOfBrokerNodes');
      const brokers = numberValue(t, brokersNode);
      const where = rangeOf(res, subnetsNode);
      if (n < 2 || n > 3 || (express && n !== 3)) {
        ctx.report({
          ...where,
          resource: res.id,
          message: `${res.id} lists ${n} client subnet${n === 1 ? '' : 's'}: Amazon MSK requires ${express ? 'three subnets for Express brokers' : 'two or three subnets'}, each in a different Availability Zone, and rejects the cluster; use three, in three AZs.`,
        });
        continue;
      }
      const spread = azSpread(t, items);
      if (spread.sameZone.length) {
        const [i, j] = spread.sameZone[0];
        ctx.report({
          ...where,
          resource: res.id,
          message: `${res.id} has client subnets in the same Availability Zone (${subnetName(t, spread.zones[i])} and ${subnetName(t, spread.zones[j])}): Amazon MSK requires each client subnet in a different AZ and rejects the cluster, and the brokers would not be spread over ${n} AZs.`,
        });
        continue;
      }
      if (brokers !== undefined && brokers % n !== 0) {
        const up = Math.ceil(brokers / n) * n;
        const fix = isScalar(brokersNode) || !brokersNode ? roundUpFix(t, res, up) : undefined;
        ctx.report({
          ...rangeOf(res, brokersNode),
          resource: res.id,
          message: `${res.id} has ${brokers} broker node${brokers === 1 ? '' : 's'} for ${n} client subnets: Amazon MSK spreads brokers evenly over the subnets' Availability Zones and rejects a count that is not a multiple of ${n}; use ${up}${up - n > 0 ? ` (or ${up - n})` : ''}.`,
          fixes: fix ? [fix] : [],
        });
        continue;
      }
      if (n === 2) {
        ctx.report({
          ...where,
          resource: res.id,
          severity: 'warning',
          message: `${res.id} spreads its brokers over two Availability Zones: an outage of one takes half the brokers, and partitions with two of their three replicas there fall below min.insync.replicas 2, so producers using acks=all fail for them until the AZ recovers; use three subnets in three AZs.`,
        });
      }
    }
  },
});
