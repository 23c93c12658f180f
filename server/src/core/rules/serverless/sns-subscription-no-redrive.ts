import { defineRule } from '../contract';
import { FixBuilder } from '../../fix/builder';
import { getAtt } from '../../fix/value';
import { MapNode, Node, get, isMap, isSeq, scalarString } from '../../parse/node';
import { asIntrinsic } from '../../parse/intrinsics';
import type { Resource, Template } from '../../parse/template';
import type { Graph } from '../../graph/graph';
import type { Fix } from '../../types';
import { Presence, addDeadLetterQueue, addQueuePolicy, booleanValue, conditionOf, presence, stringValues, toFixValue, trimmedRange } from './_lambda';
import { flatText } from '../../graph/resolve';
import { WA } from '../well-architected';

const SUBSCRIPTION = 'AWS::SNS::Subscription';
const TOPIC = 'AWS::SNS::Topic';
const PROTOCOLS = ['lambda', 'sqs'];

/** The protocols (lambda / sqs) a Protocol node may take; undefined when none of them. */
function checkedProtocol(t: Template, n: Node | undefined): string | undefined {
  const vals = stringValues(t, n);
  return vals?.find((v) => PROTOCOLS.includes(v));
}

/** A FIFO topic of the template named by a TopicArn node (FIFO topics need FIFO dead-letter queues). */
function fifoTopic(t: Template, g: Graph, owner: Resource, topicNode: Node | undefined): boolean {
  if (!topicNode) return false;
  for (const e of g.dependencies(owner.id)) {
    if (e.start < topicNode.start || e.end > topicNode.end) continue;
    const r = t.resources.get(e.to.replace(/^Resources\./, ''));
    if (r?.type === TOPIC) return booleanValue(t, get(r.properties, 'FifoTopic')) === true || (flatText(get(r.properties, 'TopicName'))?.endsWith('.fifo') ?? false);
  }
  return false;
}

function redrivePresence(t: Template, n: Node | undefined): Presence {
  if (n && isMap(n) && !asIntrinsic(n)) return presence(t, get(n, 'deadLetterTargetArn'));
  return presence(t, n);
}

/** Adds the DLQ, its policy for SNS, and the RedrivePolicy in `props` (a subscription's Properties or a SAM SNS event's). */
function redriveFix(t: Template, g: Graph, owner: Resource, props: MapNode, topicNode: Node | undefined, base: string, where: string): Fix | undefined {
  if (!topicNode || get(props, 'RedrivePolicy')) return undefined;
  const b = new FixBuilder(t);
  const cond = conditionOf(owner);
  const q = addDeadLetterQueue(b, `${base}DeadLetterQueue`, { fifo: fifoTopic(t, g, owner, topicNode), condition: cond });
  addQueuePolicy(b, `${q}Policy`, q, 'sns.amazonaws.com', toFixValue(topicNode), cond);
  b.set(props, ['RedrivePolicy'], { deadLetterTargetArn: getAtt(q, 'Arn') });
  const edits = b.build();
  if (!edits) return undefined;
  return { title: `Add an SQS dead-letter queue (${q}) and a RedrivePolicy to ${where}, with a queue policy letting SNS send to it`, edits, preferred: true, safe: false };
}

const CONSEQUENCE = 'a message SNS cannot deliver (the endpoint deleted, a permission or KMS key policy missing, or retries exhausted) is discarded without a trace';

export default defineRule({
  meta: {
    id: 'sns-subscription-no-redrive',
    area: 'serverless',
    severity: 'warning',
    title: 'SNS subscription to Lambda or SQS without a dead-letter queue',
    fixable: true,
    docs: {
      summary:
        'An SNS subscription whose protocol is `lambda` or `sqs` without a `RedrivePolicy` naming a dead-letter queue (`deadLetterTargetArn`): an `AWS::SNS::Subscription`, a SAM `SNS` event (its `RedrivePolicy` property, with or without `SqsSubscription`), or an entry of an `AWS::SNS::Topic` `Subscription` list, which cannot carry a redrive policy at all (the finding then advises moving the subscription to an `AWS::SNS::Subscription` resource). A `RedrivePolicy` that depends on a condition counts when it is set with the default parameter values.',
      why: 'SNS retries deliveries to Lambda and SQS many times over days, but it does not retry client-side errors: a function or queue that was deleted, a queue policy that does not let the topic send, a KMS key the topic cannot use. Those messages are discarded immediately, and messages whose retries run out are discarded too. Without a dead-letter queue nothing keeps them: the subscriber never sees the message and the publisher was told it succeeded. A subscription dead-letter queue keeps each undeliverable message for inspection and redrive.',
      fix: 'Create an SQS queue (FIFO for a FIFO topic) in the same account and Region, allow `sns.amazonaws.com` to `sqs:SendMessage` to it for this topic (`aws:SourceArn`), and set the subscription\'s `RedrivePolicy: {deadLetterTargetArn: …}`. The quick fix does the three for an `AWS::SNS::Subscription` or a SAM `SNS` event. Subscriptions listed inside an `AWS::SNS::Topic` have no redrive setting: replace them with `AWS::SNS::Subscription` resources first. Alarm on the dead-letter queue\'s depth (SNS also publishes `NumberOfNotificationsRedrivenToDlq`).',
      references: [
        { title: 'Amazon SNS: dead-letter queues (DLQs)', url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html' },
        { title: 'Amazon SNS: configuring a dead-letter queue for a subscription', url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-configure-dead-letter-queue.html' },
        { title: 'Amazon SNS: message delivery retries', url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html' },
        { title: 'AWS::SNS::Subscription RedrivePolicy', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-subscription.html#cfn-sns-subscription-redrivepolicy' },
        { title: 'AWS SAM: SNS event source', url: 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-sns.html' },
        WA.REL11_BP01,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    const g = ctx.graph;
    const lacking = (p: Presence) => p.kind === 'absent' || (p.kind === 'conditional' && p.absentByDefault !== false);
    for (const sub of t.resourcesByType.get(SUBSCRIPTION) ?? []) {
      const protocol = checkedProtocol(t, get(sub.properties, 'Protocol'));
      if (!protocol) continue;
      const p = redrivePresence(t, get(sub.properties, 'RedrivePolicy'));
      if (!lacking(p)) continue;
      const fix = p.kind === 'absent' && sub.properties ? redriveFix(t, g, sub, sub.properties, get(sub.properties, 'TopicArn'), sub.id, sub.id) : undefined;
      ctx.report({
        start: sub.key.start,
        end: sub.key.end,
        resource: sub.id,
        ...(p.kind === 'conditional' ? { severity: 'info' as const } : {}),
        message: `${protocol === 'lambda' ? 'Lambda' : 'SQS'} subscription ${sub.id} has no RedrivePolicy to a dead-letter queue${p.kind === 'conditional' ? ` ${p.phrase}` : ''}: ${CONSEQUENCE}.`,
        fixes: fix ? [fix] : [],
      });
    }
    for (const topic of t.resourcesByType.get(TOPIC) ?? []) {
      const subs = get(topic.properties, 'Subscription');
      if (!isSeq(subs)) continue;
      for (const item of subs.items) {
        const protocol = checkedProtocol(t, get(item, 'Protocol'));
        if (!protocol || !isMap(item)) continue;
        ctx.report({
          ...trimmedRange(t, item),
          resource: topic.id,
          message: `This ${protocol === 'lambda' ? 'Lambda' : 'SQS'} subscription of topic ${topic.id} cannot have a dead-letter queue (a Subscription entry of AWS::SNS::Topic takes only Endpoint and Protocol): ${CONSEQUENCE}. Declare it as an AWS::SNS::Subscription with a RedrivePolicy instead.`,
        });
      }
    }
    for (const fn of t.resourcesByType.get('AWS::Serverless::Function') ?? []) {
      const events = get(fn.properties, 'Events');
      if (!isMap(events)) continue;
      for (const ev of events.pairs) {
        if (scalarString(get(ev.value, 'Type')) !== 'SNS') continue;
        const props = get(ev.value, 'Properties');
        if (!isMap(props) || asIntrinsic(props)) continue;
        const p = redrivePresence(t, get(props, 'RedrivePolicy'));
        if (!lacking(p)) continue;
        const name = String(ev.key.value);
        const viaQueue = !!get(props, 'SqsSubscription') && booleanValue(t, get(props, 'SqsSubscription')) !== false;
        const fix = p.kind === 'absent' ? redriveFix(t, g, fn, props, get(props, 'Topic'), `${fn.id}${name}`, `event ${name} of ${fn.id}`) : undefined;
        ctx.report({
          start: ev.key.start,
          end: ev.key.end,
          resource: fn.id,
          ...(p.kind === 'conditional' ? { severity: 'info' as const } : {}),
          message: `SNS event ${name} of ${fn.id} subscribes ${viaQueue ? 'an SQS queue' : 'the function'} without a RedrivePolicy to a dead-letter queue${p.kind === 'conditional' ? ` ${p.phrase}` : ''}: ${CONSEQUENCE}.`,
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
});
