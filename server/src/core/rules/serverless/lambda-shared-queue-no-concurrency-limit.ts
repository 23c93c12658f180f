import { defineRule } from '../contract';
import type { RelatedLocation } from '../../types';
import { PollSource, consumerName, functionProp, listNames, presence, queueConsumers, sourceOption } from './_lambda';
import { WA } from '../well-architected';

/** Present under the defaults (a conditional value counts when the defaults set it). */
function setByDefault(p: ReturnType<typeof presence>): boolean {
  return p.kind === 'present' || (p.kind === 'conditional' && p.absentByDefault === false);
}

export default defineRule({
  meta: {
    id: 'lambda-shared-queue-no-concurrency-limit',
    area: 'serverless',
    severity: 'info',
    title: 'Function consumes a queue shared with other consumers without a concurrency limit',
    fixable: false,
    docs: {
      summary:
        'An `AWS::SQS::Queue` of the template read by two or more event sources (`AWS::Lambda::EventSourceMapping` or SAM `SQS` events, found through the dependency graph). Each consumer whose function has no `ReservedConcurrentExecutions` (SAM `Globals.Function` included) and whose event source has no `ScalingConfig.MaximumConcurrency` gets an informational finding. A consumer with `FilterCriteria` on a shared queue gets a warning whatever its concurrency: Lambda discards the messages that do not match its filter.',
      why: 'Consumers of one queue compete for its messages: each message goes to whichever poller receives it first. Without a concurrency limit, every consumer scales on the whole queue\'s backlog (up to 1,250 concurrent invocations per event source), so a burst can take the account\'s unreserved concurrency and throttle unrelated functions, including synchronous APIs, while the split of work between the consumers is left to chance. With event filtering it is worse: when a consumer receives a message its filter does not match, Lambda deletes it, so the message never reaches the consumer it was meant for.',
      fix: 'Give each consumer its own queue (fan out with an SNS topic or an EventBridge rule) when they do different work; that also lets each have its own filter. When they share the work on purpose, bound each event source with `ScalingConfig.MaximumConcurrency` (preferred for SQS: it limits the pollers, so messages are not throttled back to the queue) or give the function `ReservedConcurrentExecutions` at least as large as the sum of its sources\' maximum concurrency. Never put `FilterCriteria` on one of several consumers of a queue.',
      references: [
        { title: 'AWS Lambda: configuring scaling behavior for SQS event source mappings (maximum concurrency)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html' },
        { title: 'AWS Lambda: control which events Lambda sends to your function (event filtering)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html' },
        { title: 'AWS Lambda: configuring reserved concurrency', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html' },
        { title: 'AWS::Lambda::EventSourceMapping ScalingConfig', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-eventsourcemapping-scalingconfig.html' },
        WA.REL05_BP02,
        WA.REL10_BP03,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const [qid, consumers] of queueConsumers(t, ctx.graph)) {
      if (consumers.length < 2) continue;
      const others = (s: PollSource) => listNames(consumers.filter((c) => c !== s).map((c) => (c.fn && c.fn !== s.fn ? c.fn.id : c.label)));
      const related = (s: PollSource): RelatedLocation[] =>
        consumers.filter((c) => c !== s && c.sourceNode).map((c) => ({ start: c.sourceNode!.start, end: c.sourceNode!.end, message: `${qid} is also read by ${c.label}` }));
      for (const s of consumers) {
        const filter = sourceOption(s, 'FilterCriteria');
        if (filter && setByDefault(presence(t, filter))) {
          ctx.report({
            start: s.key.start,
            end: s.key.end,
            resource: s.owner.id,
            severity: 'warning',
            message: `${s.label} filters messages of ${qid}, which ${others(s)} also read${consumers.length > 2 ? '' : 's'}: Lambda deletes every message this source receives that its filter does not match, so messages meant for the other consumer are lost. Give each consumer its own queue.`,
            related: related(s),
          });
          continue;
        }
        const reserved = s.fn ? presence(t, functionProp(t, s.fn, 'ReservedConcurrentExecutions').node) : { kind: 'present' as const };
        const maxConc = presence(t, sourceOption(s, 'ScalingConfig', 'MaximumConcurrency'));
        if (setByDefault(reserved) || setByDefault(maxConc)) continue;
        ctx.report({
          start: s.key.start,
          end: s.key.end,
          resource: s.owner.id,
          message: `${consumerName(s)} reads ${qid} (${s.label}), which ${others(s)} also read${consumers.length > 2 ? '' : 's'}, with no concurrency limit (no ScalingConfig.MaximumConcurrency, no ReservedConcurrentExecutions): each consumer scales on the whole backlog, a burst can take the account's concurrency from other functions, and which consumer gets a message is left to chance.`,
          related: related(s),
        });
      }
    }
  },
});
