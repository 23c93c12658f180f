import { defineRule } from '../contract';
import { FixBuilder } from '../../fix/builder';
import { getAtt } from '../../fix/value';
import { get, isMap } from '../../parse/node';
import { asIntrinsic } from '../../parse/intrinsics';
import type { Resource, Template } from '../../parse/template';
import type { Fix } from '../../types';
import { addDeadLetterQueue, conditionOf, consumerName, isFifoQueue, listNames, pollSources, presence, queueConsumers } from './_lambda';
import { WA } from '../well-architected';

function redriveFix(t: Template, q: Resource): Fix | undefined {
  const existing = get(q.properties, 'RedrivePolicy');
  // A JSON string or an intrinsic cannot be edited key by key.
  if (existing && (!isMap(existing) || asIntrinsic(existing))) return undefined;
  const b = new FixBuilder(t);
  const fifo = isFifoQueue(t, q);
  const dlq = addDeadLetterQueue(b, `${q.id}DeadLetterQueue`, { fifo, condition: conditionOf(q) });
  if (existing) {
    b.setProperty(q, ['RedrivePolicy', 'deadLetterTargetArn'], getAtt(dlq, 'Arn'));
    if (!get(existing, 'maxReceiveCount')) b.setProperty(q, ['RedrivePolicy', 'maxReceiveCount'], 5);
  } else b.setProperty(q, ['RedrivePolicy'], { deadLetterTargetArn: getAtt(dlq, 'Arn'), maxReceiveCount: 5 });
  const edits = b.build();
  if (!edits) return undefined;
  return { title: `Add a${fifo ? ' FIFO' : 'n SQS'} dead-letter queue (${dlq}) and a RedrivePolicy to ${q.id} (maxReceiveCount 5)`, edits, preferred: true, safe: false };
}

export default defineRule({
  meta: {
    id: 'sqs-source-no-redrive',
    area: 'serverless',
    severity: 'warning',
    title: 'SQS queue feeding a Lambda function has no dead-letter queue',
    fixable: true,
    docs: {
      summary:
        'An `AWS::SQS::Queue` that a Lambda function consumes, through an `AWS::Lambda::EventSourceMapping` whose `EventSourceArn` names it or a SAM `SQS` event whose `Queue` names it (found in the dependency graph), without a `RedrivePolicy` sending messages to a dead-letter queue after `maxReceiveCount` receives. A queue named by a SAM `SNS` event\'s `SqsSubscription: {QueueArn: …}` counts as feeding the function; a SAM `SNS` event with `SqsSubscription: true` is reported on the event, since the queue SAM creates for it never has a dead-letter queue (no quick fix: declare the queue). A `RedrivePolicy` that depends on a condition or a parameter gives an informational finding saying when it is missing. Queues read by other consumers (EC2, containers, Pipes) are not checked: nothing in the template tells how they handle failures.',
      why: 'When the function fails on a batch (an exception, a timeout, a message it cannot parse), Lambda leaves the messages in the queue; they become visible again after the visibility timeout and are received again, over and over, until the queue\'s retention period (4 days by default) deletes them. A single "poison" message thus costs an invocation every visibility timeout for days, hides real failures among the retries, keeps part of every batch failing, and in a FIFO queue blocks its whole message group. When it finally expires it is gone without a trace.',
      fix: 'Add a dead-letter queue and a `RedrivePolicy` on the source queue. The quick fix adds an `AWS::SQS::Queue` (FIFO when the source is; 14 days of retention, longer than the source\'s) and sets `RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5}`. Lambda\'s documentation recommends a `maxReceiveCount` of at least 5 so that messages returned because of throttling are not moved too early. Alarm on the dead-letter queue\'s depth, and move messages back with SQS dead-letter queue redrive once the cause is fixed.',
      references: [
        { title: 'AWS Lambda: handling errors for an SQS event source (dead-letter queues)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html' },
        { title: 'Amazon SQS: using dead-letter queues', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html' },
        { title: 'AWS::SQS::Queue RedrivePolicy', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html#cfn-sqs-queue-redrivepolicy' },
        WA.REL05_BP01,
        WA.REL04_BP04,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const s of pollSources(t, ctx.graph)) {
      if (s.snsSubscription !== 'generated') continue;
      ctx.report({
        start: s.key.start,
        end: s.key.end,
        resource: s.owner.id,
        message: `${s.label}: with SqsSubscription: true SAM creates the queue without a dead-letter queue, so a message ${s.fn!.id} keeps failing on is retried until the queue's 4-day retention deletes it. Declare the queue with a RedrivePolicy and pass it as SqsSubscription: {QueueArn, QueueUrl}.`,
      });
    }
    for (const [qid, consumers] of queueConsumers(t, ctx.graph)) {
      const q = t.resources.get(qid)!;
      const redrive = get(q.properties, 'RedrivePolicy');
      let p = presence(t, redrive);
      if (p.kind === 'present' && isMap(redrive) && !asIntrinsic(redrive)) p = presence(t, get(redrive, 'deadLetterTargetArn'));
      if (p.kind === 'present') continue;
      if (p.kind === 'conditional' && p.absentByDefault === false) continue;
      const names = listNames(consumers.map(consumerName));
      const related = consumers.filter((c) => c.sourceNode).map((c) => ({ start: c.sourceNode!.start, end: c.sourceNode!.end, message: `${qid} feeds ${consumerName(c)} (${c.label})` }));
      const effect = `a message ${names} keeps failing on returns to the queue after every visibility timeout and is retried until the retention period deletes it${isFifoQueue(t, q) ? ', blocking its message group meanwhile' : ''}`;
      if (p.kind === 'conditional') {
        ctx.report({ start: q.key.start, end: q.key.end, resource: qid, severity: 'info', message: `${qid} feeds ${names} and has no dead-letter queue ${p.phrase}: then ${effect}.`, related });
        continue;
      }
      const fix = redriveFix(t, q);
      ctx.report({
        start: q.key.start,
        end: q.key.end,
        resource: qid,
        message: `${qid} feeds ${names} but has no RedrivePolicy to a dead-letter queue: ${effect}.`,
        related,
        fixes: fix ? [fix] : [],
      });
    }
  },
});
