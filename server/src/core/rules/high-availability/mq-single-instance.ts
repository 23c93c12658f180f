import { defineRule } from '../contract';
import { WA } from '../well-architected';
import { FixBuilder } from '../../fix/builder';
import { azSpread, checkValue, stringValues } from '../../graph/resolve';
import { isScalar } from '../../parse/node';
import type { Resource, Template } from '../../parse/template';
import type { Fix } from '../../types';
import { absent, literalItems, opaque, prop, rangeOf } from './_stores';

const TYPE = 'AWS::AmazonMQ::Broker';

const TARGET: Record<string, { mode: string; label: string; after: string }> = {
  ACTIVEMQ: { mode: 'ACTIVE_STANDBY_MULTI_AZ', label: 'ActiveMQ', after: 'an active/standby pair in two AZs fails over to the standby automatically' },
  RABBITMQ: { mode: 'CLUSTER_MULTI_AZ', label: 'RabbitMQ', after: 'a three-node cluster across AZs keeps serving when one node or AZ is lost' },
};

/** Why the Multi-AZ mode cannot simply be switched on, if it cannot. */
function blockers(t: Template, res: Resource, engine: string): string[] {
  const out: string[] = [];
  if (engine === 'ACTIVEMQ') {
    const storage = stringValues(t, prop(res, 'StorageType'));
    if (storage && storage.some((s) => s.toUpperCase() === 'EBS')) out.push('active/standby brokers need StorageType EFS (the default), not EBS');
    const subnets = prop(res, 'SubnetIds');
    const items = literalItems(subnets);
    if (items && items.length !== 2) out.push(`ACTIVE_STANDBY_MULTI_AZ needs exactly two SubnetIds in different AZs (${items.length} listed)`);
    else if (items && azSpread(t, items).oneZone) out.push('the two SubnetIds are in the same Availability Zone: ACTIVE_STANDBY_MULTI_AZ needs them in different AZs');
  }
  return out;
}

function fixFor(t: Template, res: Resource, target: string): Fix | undefined {
  const b = new FixBuilder(t);
  b.setProperty(res, ['DeploymentMode'], target);
  const edits = b.build();
  if (!edits) return undefined;
  return { title: `Set DeploymentMode: ${target} (replaces the broker)`, edits, preferred: true, safe: false };
}

export default defineRule({
  meta: {
    id: 'mq-single-instance',
    area: 'high-availability',
    severity: 'warning',
    title: 'Amazon MQ broker in single-instance mode',
    fixable: true,
    docs: {
      summary:
        'An `AWS::AmazonMQ::Broker` with `DeploymentMode: SINGLE_INSTANCE`. When the mode comes from a parameter or a condition, the finding is informational and says when the broker is single-instance (it is not reported when the default is a Multi-AZ mode). The message says what else must change for the Multi-AZ mode: ActiveMQ active/standby needs exactly two `SubnetIds` in different Availability Zones (checked through the subnets\' zones when they are defined in the template) and Amazon EFS storage.',
      why: 'A single-instance broker is one broker in one Availability Zone: when the instance or the AZ fails, and during maintenance windows, producers and consumers cannot connect until it is back, and with Amazon EBS storage the messages it held may be lost. An ActiveMQ active/standby broker runs a standby in a second AZ on shared Amazon EFS storage and fails over to it automatically (clients use the failover transport); a RabbitMQ cluster runs three nodes across AZs with replicated queues.',
      fix: 'Set `DeploymentMode: ACTIVE_STANDBY_MULTI_AZ` for ActiveMQ, `CLUSTER_MULTI_AZ` for RabbitMQ. The deployment mode cannot be changed in place: CloudFormation replaces the broker (new endpoints, and the messages of the old broker are not moved), so the quick fix is never marked safe. For ActiveMQ give exactly two subnets in different AZs (or none, for a public broker in the default VPC) and keep EFS storage. Point ActiveMQ clients at both endpoints with the failover transport.',
      references: [
        { title: 'Amazon MQ for ActiveMQ deployment options', url: 'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/amazon-mq-broker-architecture.html' },
        { title: 'Amazon MQ active/standby broker for high availability', url: 'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/active-standby-broker-deployment.html' },
        { title: 'Amazon MQ for RabbitMQ deployment options', url: 'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/rabbitmq-broker-architecture.html' },
        { title: 'AWS::AmazonMQ::Broker', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-amazonmq-broker.html' },
        WA.REL10_BP01,
        WA.REL11_BP02,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const res of t.resourcesByType.get(TYPE) ?? []) {
      if (opaque(res)) continue;
      const modeNode = prop(res, 'DeploymentMode');
      if (absent(modeNode)) continue;
      const c = checkValue(t, modeNode, (v) => (v === undefined ? undefined : String(v).toUpperCase() !== 'SINGLE_INSTANCE'), 'not set', 'a Multi-AZ mode');
      if (c.status === 'good' || c.status === 'unknown') continue;
      const engines = stringValues(t, prop(res, 'EngineType'))?.map((e) => e.toUpperCase());
      const engine = engines && engines.length === 1 && TARGET[engines[0]] ? engines[0] : undefined;
      const target = engine ? TARGET[engine] : undefined;
      const blocked = engine ? blockers(t, res, engine) : [];
      const needs = blocked.length ? ` Before switching: ${blocked.join('; ')}.` : engine === 'ACTIVEMQ' && !literalItems(prop(res, 'SubnetIds')) && prop(res, 'SubnetIds') ? ' ACTIVE_STANDBY_MULTI_AZ needs exactly two SubnetIds in different AZs.' : '';
      const what = `${res.id} is a single-instance ${target?.label ?? 'Amazon MQ'} broker`;
      const tail = `when the broker instance or its Availability Zone fails, and during maintenance, producers and consumers cannot connect until it is back, and with EBS storage its messages may be lost; ${target ? `${target.after} (DeploymentMode: ${target.mode})` : 'a Multi-AZ deployment mode keeps serving'}.${needs}`;
      if (c.status === 'conditional') {
        ctx.report({ ...rangeOf(res, modeNode), resource: res.id, severity: 'info', message: `${res.id} runs a single broker instance ${c.phrase}: ${tail}` });
        continue;
      }
      const fix = target && !blocked.length && isScalar(modeNode) ? fixFor(t, res, target.mode) : undefined;
      ctx.report({ ...rangeOf(res, modeNode), resource: res.id, message: `${what} (DeploymentMode: SINGLE_INSTANCE): ${tail}`, fixes: fix ? [fix] : [] });
    }
  },
});
