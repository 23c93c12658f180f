import { defineRule } from '../contract';
import { FixBuilder } from '../../fix/builder';
import { get, isScalar } from '../../parse/node';
import type { Fix, RelatedLocation } from '../../types';
import {
  DEFAULT_TIMEOUT,
  DEFAULT_VISIBILITY_TIMEOUT,
  NumberValue,
  PollSource,
  defaultsNote,
  functionProp,
  numberValue,
  pollSources,
  queueConsumers,
} from './_lambda';
import { WA } from '../well-architected';

/** SQS's maximum visibility timeout (12 hours). */
const MAX_VISIBILITY = 43200;

interface Consumer {
  source: PollSource;
  timeout: NumberValue;
}

export default defineRule({
  meta: {
    id: 'sqs-visibility-timeout-short',
    area: 'serverless',
    severity: 'warning',
    title: 'SQS visibility timeout shorter than six times the consuming function\'s timeout',
    fixable: true,
    cfnLint: ['E3505'],
    docs: {
      summary:
        'An `AWS::SQS::Queue` consumed by a Lambda function of the template (an `AWS::Lambda::EventSourceMapping` or a SAM `SQS` event, found in the dependency graph) whose `VisibilityTimeout` (default 30 seconds) is less than six times the function\'s `Timeout` (default 3 seconds; for SAM functions `Globals.Function.Timeout` applies when the function sets none). When several functions consume the queue, the longest timeout counts. A SAM `SNS` event with `SqsSubscription: true` is checked against the 30-second default of the queue SAM creates for it. Below six times the timeout the finding is a warning; below the timeout itself it is an error. Values from parameters are judged with the parameters\' defaults, and the message says so.',
      why: 'When Lambda receives a batch, the messages are hidden for the visibility timeout. If the function is still running (or is throttled and Lambda is retrying the invocation) when that time runs out, the messages become visible again and another invocation processes them a second time: duplicated side effects, and a receive count that climbs until healthy messages land in the dead-letter queue. Lambda therefore recommends at least six times the function timeout. A visibility timeout below the function timeout is rejected outright: Lambda refuses to create or update the event source mapping, so the deployment fails.',
      fix: 'Set the queue\'s `VisibilityTimeout` to at least six times the function\'s timeout (the quick fix writes exactly that, capped at SQS\'s 12-hour maximum), or lower the function timeout if it is longer than the work needs. When the batching window (`MaximumBatchingWindowInSeconds`) is used, add it to the visibility timeout too.',
      references: [
        { title: 'AWS Lambda: creating and configuring an SQS event source mapping (visibility timeout)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html' },
        { title: 'Amazon SQS: configuring an SQS queue to trigger a Lambda function', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-lambda-function-trigger.html' },
        { title: 'Amazon SQS: visibility timeout', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html' },
        { title: 'AWS::SQS::Queue VisibilityTimeout', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html#cfn-sqs-queue-visibilitytimeout' },
        WA.REL05_BP05,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    // SAM's SqsSubscription: true creates a queue with the default visibility timeout.
    for (const s of pollSources(t, ctx.graph)) {
      if (s.snsSubscription !== 'generated' || !s.fn) continue;
      const timeout = numberValue(t, functionProp(t, s.fn, 'Timeout').node, DEFAULT_TIMEOUT);
      if (!timeout || DEFAULT_VISIBILITY_TIMEOUT >= 6 * timeout.value) continue;
      const below = DEFAULT_VISIBILITY_TIMEOUT < timeout.value;
      ctx.report({
        start: s.key.start,
        end: s.key.end,
        resource: s.owner.id,
        ...(below ? { severity: 'error' as const } : {}),
        message: `${s.label}: the queue SAM creates for SqsSubscription: true has the default VisibilityTimeout of ${DEFAULT_VISIBILITY_TIMEOUT} seconds, less than ${below ? '' : 'six times '}${s.fn.id}'s timeout of ${timeout.value} seconds${defaultsNote(timeout)}${below ? ': Lambda rejects the event source mapping' : ': messages of slow or retried invocations are processed twice'}. Declare the queue with VisibilityTimeout: ${Math.min(6 * timeout.value, MAX_VISIBILITY)} and pass it as SqsSubscription: {QueueArn, QueueUrl}.`,
      });
    }
    for (const [qid, consumers] of queueConsumers(t, ctx.graph)) {
      const q = t.resources.get(qid)!;
      const visNode = get(q.properties, 'VisibilityTimeout');
      const vis = numberValue(t, visNode, DEFAULT_VISIBILITY_TIMEOUT);
      if (!vis) continue;
      const known: Consumer[] = [];
      for (const s of consumers) {
        if (!s.fn) continue;
        const timeout = numberValue(t, functionProp(t, s.fn, 'Timeout').node, DEFAULT_TIMEOUT);
        if (timeout) known.push({ source: s, timeout });
      }
      if (!known.length) continue;
      const worst = known.reduce((a, b) => (b.timeout.value > a.timeout.value ? b : a));
      const timeout = worst.timeout.value;
      if (vis.value >= 6 * timeout) continue;
      const fn = worst.source.fn!;
      const tNode = functionProp(t, fn, 'Timeout');
      const belowTimeout = vis.value < timeout;
      const visText = vis.absent ? `the default VisibilityTimeout of ${vis.value} seconds` : `a VisibilityTimeout of ${vis.value} seconds`;
      const tText = worst.timeout.absent ? `default timeout of ${timeout} seconds` : `timeout of ${timeout} seconds${tNode.global ? ' (set in Globals)' : ''}`;
      const note = defaultsNote(vis, worst.timeout);
      const target = Math.min(6 * timeout, MAX_VISIBILITY);
      const message = belowTimeout
        ? `${qid} has ${visText}, less than ${fn.id}'s ${tText}${note}: Lambda rejects the event source mapping (the deployment fails), and messages would reappear while the function still works on them. Set it to at least ${target} seconds (six times the timeout).`
        : `${qid} has ${visText}, less than six times ${fn.id}'s ${tText}${note}: when an invocation is slow or throttled and retried, messages become visible again and are processed twice. Set it to at least ${target} seconds.`;
      const related: RelatedLocation[] = [];
      if (tNode.node && tNode.node.end > tNode.node.start) related.push({ start: tNode.node.start, end: tNode.node.end, message: `${fn.id} Timeout: ${timeout} seconds` });
      else related.push({ start: fn.key.start, end: fn.key.end, message: `${fn.id} has the default timeout of ${DEFAULT_TIMEOUT} seconds` });
      const fixes: Fix[] = [];
      if (!visNode || isScalar(visNode)) {
        const b = new FixBuilder(t).setProperty(q, ['VisibilityTimeout'], target);
        const edits = b.build();
        if (edits) fixes.push({ title: `Set ${qid} VisibilityTimeout to ${target} (six times ${fn.id}'s timeout)`, edits, preferred: true, safe: true });
      }
      const range = visNode && visNode.end > visNode.start ? { start: visNode.start, end: visNode.end } : { start: q.key.start, end: q.key.end };
      ctx.report({ ...range, resource: qid, message, related, fixes, ...(belowTimeout ? { severity: 'error' as const } : {}) });
    }
  },
});
