import { defineRule } from '../contract';
import { FixBuilder } from '../../fix/builder';
import { isScalar, isSeq } from '../../parse/node';
import type { Template } from '../../parse/template';
import type { Fix } from '../../types';
import { PollSource, defaultsNote, numberValue, pollSources, sourceOption, stringValues } from './_lambda';
import { WA } from '../well-architected';

/** Lambda's default batch size for SQS sources. */
const DEFAULT_BATCH = 10;
const REPORT = 'ReportBatchItemFailures';

function fixFor(t: Template, s: PollSource): Fix | undefined {
  if (!s.props) return undefined;
  const existing = sourceOption(s, 'FunctionResponseTypes');
  if (existing && !isSeq(existing) && !(isScalar(existing) && existing.value === null)) return undefined;
  const b = new FixBuilder(t).set(s.props, ['FunctionResponseTypes'], [REPORT]);
  const edits = b.build();
  if (!edits) return undefined;
  return { title: `Set FunctionResponseTypes: [${REPORT}] on ${s.event ? `event ${s.event}` : s.owner.id} (the handler must then return batchItemFailures)`, edits, preferred: true, safe: false };
}

export default defineRule({
  meta: {
    id: 'sqs-source-no-partial-batch',
    area: 'serverless',
    severity: 'info',
    title: 'SQS event source without partial batch responses',
    fixable: true,
    docs: {
      summary:
        'An SQS event source of a Lambda function (an `AWS::Lambda::EventSourceMapping` reading a queue, or a SAM `SQS` event) whose `BatchSize` is above one (the default is 10) and whose `FunctionResponseTypes` does not include `ReportBatchItemFailures`. The source is recognised as SQS by the queue it names in the template, or by an ARN written as `arn:…:sqs:…`. Sources whose batch size comes from a parameter are judged with its default.',
      why: 'Without partial batch responses, a function can only succeed or fail a batch as a whole. When one message of ten fails, Lambda returns all ten to the queue: the nine that were processed are processed again (duplicates downstream unless every step is idempotent), and the retries count towards every message\'s `maxReceiveCount`, so healthy messages can end up in the dead-letter queue next to the bad one. Under load this multiplies the work exactly when the system is struggling.',
      fix: 'Set `FunctionResponseTypes: [ReportBatchItemFailures]` on the event source and make the handler return the IDs of the messages that failed (`{"batchItemFailures": [{"itemIdentifier": messageId}]}`); Lambda then deletes the others. Powertools for AWS Lambda has a batch utility for it. The quick fix sets the property; it is not marked safe because the handler has to be changed too (a handler that returns nothing keeps today\'s behaviour: the whole batch succeeds, or fails when it throws). Alternatively use a batch size of one when throughput allows.',
      references: [
        { title: 'AWS Lambda: handling errors for an SQS event source (partial batch responses)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting' },
        { title: 'AWS::Lambda::EventSourceMapping FunctionResponseTypes', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html#cfn-lambda-eventsourcemapping-functionresponsetypes' },
        { title: 'AWS SAM: SQS event source', url: 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-sqs.html' },
        { title: 'Powertools for AWS Lambda: batch processing', url: 'https://docs.powertools.aws.dev/lambda/python/latest/utilities/batch/' },
        WA.REL04_BP04,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const s of pollSources(t, ctx.graph)) {
      // SAM's SqsSubscription takes no FunctionResponseTypes: nothing to set there.
      if (s.kind !== 'sqs' || s.snsSubscription) continue;
      const batchNode = sourceOption(s, 'BatchSize');
      const batch = numberValue(t, batchNode, DEFAULT_BATCH);
      if (!batch || batch.value <= 1) continue;
      const types = sourceOption(s, 'FunctionResponseTypes');
      if (types) {
        const vals = isSeq(types) ? types.items.map((i) => stringValues(t, i)) : [stringValues(t, types)];
        // A list item that cannot be read may be the setting.
        if (vals.some((v) => !v || v.includes(REPORT.toLowerCase()))) continue;
      }
      const fix = fixFor(t, s);
      const size = batch.absent ? `up to ${DEFAULT_BATCH} messages per batch (the default batch size)` : `up to ${batch.value} messages per batch`;
      const to = s.via === 'esm' ? ` to ${s.fn ? s.fn.id : 'its function'}` : '';
      ctx.report({
        start: s.key.start,
        end: s.key.end,
        resource: s.owner.id,
        message: `${s.label} delivers ${size}${to}${defaultsNote(batch)} without FunctionResponseTypes: [${REPORT}]: when one message fails, the whole batch returns to the queue and the messages that succeeded are processed again.`,
        fixes: fix ? [fix] : [],
      });
    }
  },
});
