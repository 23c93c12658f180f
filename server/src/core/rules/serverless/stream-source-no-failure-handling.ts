import { defineRule } from '../contract';
import { FixBuilder } from '../../fix/builder';
import { FixValue, getAtt } from '../../fix/value';
import { isMap, isScalar, isSeq } from '../../parse/node';
import { asIntrinsic } from '../../parse/intrinsics';
import type { Template } from '../../parse/template';
import type { Graph } from '../../graph/graph';
import type { Fix, Severity, TextEdit } from '../../types';
import { PollSource, addDeadLetterQueue, booleanValue, combine, conditionOf, grantSendMessage, numberValue, pollSources, presence, sourceOption, stringValues } from './_lambda';
import { WA } from '../well-architected';

const RETRIES = 5;

interface Gaps {
  /** No bound on retries: MaximumRetryAttempts and MaximumRecordAgeInSeconds both -1 (the defaults). */
  unbounded: boolean;
  noDestination: boolean;
  /** Neither BisectBatchOnFunctionError nor ReportBatchItemFailures. */
  noIsolation: boolean;
}

function gapsOf(t: Template, s: PollSource): Gaps | undefined {
  const retries = numberValue(t, sourceOption(s, 'MaximumRetryAttempts'), -1);
  const age = numberValue(t, sourceOption(s, 'MaximumRecordAgeInSeconds'), -1);
  if (!retries || !age) return undefined;
  const dest = presence(t, sourceOption(s, 'DestinationConfig', 'OnFailure', 'Destination'));
  const bisect = booleanValue(t, sourceOption(s, 'BisectBatchOnFunctionError'));
  const types = sourceOption(s, 'FunctionResponseTypes');
  const report = isSeq(types) ? types.items.some((i) => (stringValues(t, i) ?? ['reportbatchitemfailures']).includes('reportbatchitemfailures')) : !!types;
  return {
    unbounded: retries.value < 0 && age.value < 0,
    noDestination: dest.kind === 'absent' || (dest.kind === 'conditional' && dest.absentByDefault !== false),
    noIsolation: bisect === false && !report,
  };
}

function fixFor(t: Template, g: Graph, s: PollSource, gaps: Gaps): Fix | undefined {
  if (!s.props) return undefined;
  const b = new FixBuilder(t);
  const parts: string[] = [];
  let extra: TextEdit[] = [];
  if (gaps.noDestination) {
    const dc = sourceOption(s, 'DestinationConfig');
    if (dc && !(isScalar(dc) && dc.value === null) && (!isMap(dc) || asIntrinsic(dc))) return undefined;
    const base = s.event ? `${s.owner.id}${s.event}` : s.owner.id;
    const q = addDeadLetterQueue(b, `${base}FailureQueue`, { condition: conditionOf(s.owner) });
    const onFailure: { [k: string]: FixValue } = s.via === 'sam' ? { Type: 'SQS', Destination: getAtt(q, 'Arn') } : { Destination: getAtt(q, 'Arn') };
    b.set(s.props, ['DestinationConfig', 'OnFailure'], onFailure);
    parts.push(`an on-failure SQS queue (${q})`);
    if (s.fn) {
      const grant = grantSendMessage(b, t, g, s.fn, q, s.via === 'sam' ? s.fn : s.owner, true);
      extra = grant.extra;
      if (!grant.granted) parts.push(grant.note);
    } else parts.push("grant the function's role sqs:SendMessage on it");
  }
  if (gaps.unbounded) {
    b.set(s.props, ['MaximumRetryAttempts'], RETRIES);
    parts.push(`MaximumRetryAttempts: ${RETRIES}`);
  }
  if (gaps.noIsolation) {
    b.set(s.props, ['BisectBatchOnFunctionError'], true);
    parts.push('BisectBatchOnFunctionError: true');
  }
  const edits = combine(b, extra);
  if (!edits) return undefined;
  const title = `Add ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0]} to ${s.event ? `event ${s.event} of ${s.owner.id}` : s.owner.id}`;
  return { title, edits, preferred: true, safe: false };
}

export default defineRule({
  meta: {
    id: 'stream-source-no-failure-handling',
    area: 'serverless',
    severity: 'warning',
    title: 'Kinesis or DynamoDB stream source without failure handling',
    fixable: true,
    docs: {
      summary:
        'A Kinesis or DynamoDB stream event source of a Lambda function (an `AWS::Lambda::EventSourceMapping` whose `EventSourceArn` names a stream, stream consumer or table stream, or a SAM `Kinesis`/`DynamoDB` event) that lacks part of the stream failure handling: no bound on retries (`MaximumRetryAttempts` and `MaximumRecordAgeInSeconds` both absent or -1, the defaults), no on-failure destination (`DestinationConfig.OnFailure.Destination`), or neither `BisectBatchOnFunctionError` nor `FunctionResponseTypes: [ReportBatchItemFailures]` to isolate a bad record. A warning when retries are unbounded or there is no on-failure destination; informational when only the record isolation is missing. The source kind comes from the resource the ARN names, or from an ARN written as `arn:…:kinesis:…` / `arn:…:dynamodb:…/stream/…`.',
      why: 'Lambda reads each shard in order and does not move past a batch until it succeeds. With the defaults, a record the function cannot process is retried until it expires from the stream (24 hours for DynamoDB streams, up to a year for Kinesis): the whole shard is stuck behind it, every later change waits, and the iterator age grows until records are lost to expiry. Bounding retries unblocks the shard but, without an on-failure destination, the records given up on vanish without a trace. Without bisecting (or partial batch responses) one bad record fails the whole batch on every retry, so the good records around it are retried and discarded with it.',
      fix: 'Set `MaximumRetryAttempts` (or `MaximumRecordAgeInSeconds`) to a bound that fits the processing, an on-failure destination (an SQS queue or SNS topic receiving the metadata of the discarded records, so they can be read again from the stream), and `BisectBatchOnFunctionError: true` or partial batch responses. The quick fix adds what is missing: an `AWS::SQS::Queue` as on-failure destination (SAM: `DestinationConfig: {OnFailure: {Type: SQS, Destination: …}}`), `MaximumRetryAttempts: 5` and `BisectBatchOnFunctionError: true`; adjust the retry count to your workload. The function\'s role needs `sqs:SendMessage` on the queue: SAM adds it when it generates the role; when the role is in the template the fix grants it; otherwise grant it yourself.',
      references: [
        { title: 'AWS Lambda: retaining discarded batch records for a Kinesis event source', url: 'https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html' },
        { title: 'AWS Lambda: retaining discarded records for a DynamoDB event source', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html' },
        { title: 'AWS Lambda: partial batch responses for Kinesis and DynamoDB', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html' },
        { title: 'AWS::Lambda::EventSourceMapping', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html' },
        WA.REL05_BP03,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const s of pollSources(t, ctx.graph)) {
      if (s.kind !== 'kinesis' && s.kind !== 'dynamodb') continue;
      const gaps = gapsOf(t, s);
      if (!gaps || (!gaps.unbounded && !gaps.noDestination && !gaps.noIsolation)) continue;
      const stream = s.kind === 'kinesis' ? 'Kinesis stream' : 'DynamoDB stream';
      const problems: string[] = [];
      if (gaps.unbounded) problems.push('retries are unbounded (MaximumRetryAttempts and MaximumRecordAgeInSeconds default to -1), so a failing record is retried until it expires and blocks its shard meanwhile');
      if (gaps.noDestination) problems.push(gaps.unbounded ? 'there is no on-failure destination, so records that expire or are given up on are lost without a trace' : 'there is no on-failure destination, so records given up on after the retries are lost without a trace');
      if (gaps.noIsolation) problems.push('neither BisectBatchOnFunctionError nor ReportBatchItemFailures isolates a bad record, so the whole batch fails with it');
      const severity: Severity = gaps.unbounded || gaps.noDestination ? 'warning' : 'info';
      const fix = fixFor(t, ctx.graph, s, gaps);
      ctx.report({
        start: s.key.start,
        end: s.key.end,
        resource: s.owner.id,
        severity,
        message: `${s.label} reads a ${stream}${s.source ? ` (${s.source.id})` : ''} and ${problems.join('; ')}.`,
        fixes: fix ? [fix] : [],
      });
    }
  },
});
