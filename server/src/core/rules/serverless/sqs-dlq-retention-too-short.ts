import { defineRule } from '../contract';
import { FixBuilder } from '../../fix/builder';
import { get, isScalar } from '../../parse/node';
import type { Resource } from '../../parse/template';
import type { Fix, RelatedLocation } from '../../types';
import { DEFAULT_RETENTION, MAX_RETENTION, NumberValue, QUEUE, defaultsNote, isFifoQueue, numberValue } from './_lambda';
import { WA } from '../well-architected';

function days(s: number): string {
  if (s % 86400 === 0) return `${s / 86400} day${s === 86400 ? '' : 's'}`;
  if (s % 3600 === 0) return `${s / 3600} hour${s === 3600 ? '' : 's'}`;
  return `${s} seconds`;
}

export default defineRule({
  meta: {
    id: 'sqs-dlq-retention-too-short',
    area: 'serverless',
    severity: 'warning',
    title: 'Dead-letter queue does not keep messages longer than its source queue',
    fixable: true,
    docs: {
      summary:
        'An `AWS::SQS::Queue` used as the dead-letter queue of a standard queue of the template (named by the source\'s `RedrivePolicy.deadLetterTargetArn`, found through the dependency graph) whose `MessageRetentionPeriod` (default 345,600 seconds, 4 days) is not longer than the source\'s. When several standard queues use the same dead-letter queue, the longest source retention counts. FIFO sources are not checked: SQS resets a message\'s timestamp when it moves it from a FIFO queue to its dead-letter queue. Values from parameters are judged with their defaults.',
      why: 'For standard queues, SQS keeps a message\'s original enqueue timestamp when it moves it to the dead-letter queue, and expires it from there by that timestamp. A message that spent three days failing in a 4-day source queue therefore has one day left in a 4-day dead-letter queue, and one that failed until the source\'s retention was nearly over disappears from the dead-letter queue almost as soon as it lands. The dead-letter queue then fails at its only job: keeping failed messages until someone looks at them.',
      fix: 'Set the dead-letter queue\'s `MessageRetentionPeriod` longer than every source\'s; the quick fix sets it to 1,209,600 seconds (14 days, the maximum). When a source already keeps messages 14 days, shorten the source\'s retention instead, since the dead-letter queue cannot keep them longer.',
      references: [
        { title: 'Amazon SQS: setting up dead-letter queue retention', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html' },
        { title: 'Amazon SQS: using dead-letter queues', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html' },
        { title: 'AWS::SQS::Queue MessageRetentionPeriod', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html#cfn-sqs-queue-messageretentionperiod' },
        WA.REL11_BP01,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    const g = ctx.graph;
    for (const dlq of t.resourcesByType.get(QUEUE) ?? []) {
      const sources: { queue: Resource; retention: NumberValue }[] = [];
      const seen = new Set<string>();
      for (const r of g.referencesAt(dlq.id, ['Properties', 'RedrivePolicy'], { fromType: QUEUE })) {
        if (seen.has(r.source) || r.source === dlq.id) continue;
        seen.add(r.source);
        const src = t.resources.get(r.source)!;
        if (isFifoQueue(t, src)) continue;
        const retention = numberValue(t, get(src.properties, 'MessageRetentionPeriod'), DEFAULT_RETENTION);
        if (retention) sources.push({ queue: src, retention });
      }
      if (!sources.length) continue;
      const node = get(dlq.properties, 'MessageRetentionPeriod');
      const own = numberValue(t, node, DEFAULT_RETENTION);
      if (!own) continue;
      const longest = sources.reduce((a, b) => (b.retention.value > a.retention.value ? b : a));
      if (own.value > longest.retention.value) continue;
      const src = longest.queue;
      const ownText = own.absent ? `the default retention of ${days(own.value)}` : `a retention of ${days(own.value)}`;
      const srcText = longest.retention.absent ? `default ${days(longest.retention.value)}` : days(longest.retention.value);
      const cannot = longest.retention.value >= MAX_RETENTION;
      const message = `${dlq.id} is the dead-letter queue of ${src.id} but has ${ownText}, no longer than ${src.id}'s ${srcText}${defaultsNote(own, longest.retention)}: SQS expires moved messages by their original enqueue time, so a message that failed late in ${src.id} is deleted from ${dlq.id} soon after it lands.${cannot ? ` Shorten ${src.id}'s retention: no queue keeps messages longer than 14 days.` : ''}`;
      const related: RelatedLocation[] = sources.map((s) => {
        const n = get(s.queue.properties, 'MessageRetentionPeriod');
        const at = n && n.end > n.start ? n : s.queue.key;
        return { start: at.start, end: at.end, message: `${s.queue.id} keeps messages ${days(s.retention.value)}` };
      });
      const fixes: Fix[] = [];
      if (!cannot && (!node || isScalar(node))) {
        const edits = new FixBuilder(t).setProperty(dlq, ['MessageRetentionPeriod'], MAX_RETENTION).build();
        if (edits) fixes.push({ title: `Set ${dlq.id} MessageRetentionPeriod to ${MAX_RETENTION} (14 days)`, edits, preferred: true, safe: true });
      }
      const range = node && node.end > node.start ? { start: node.start, end: node.end } : { start: dlq.key.start, end: dlq.key.end };
      ctx.report({ ...range, resource: dlq.id, message, related, fixes });
    }
  },
});
