import { defineRule } from '../contract';
import { FixBuilder } from '../../fix/builder';
import { getAtt } from '../../fix/value';
import { Node, get, isMap, scalarString } from '../../parse/node';
import { asIntrinsic } from '../../parse/intrinsics';
import type { Resource, Template } from '../../parse/template';
import type { Graph } from '../../graph/graph';
import type { Fix } from '../../types';
import {
  FUNCTION_TYPES,
  LAMBDA,
  Presence,
  SAM_FUNCTION,
  addDeadLetterQueue,
  asyncInvokers,
  combine,
  conditionOf,
  functionProp,
  grantSendMessage,
  listNames,
  presence,
  referencesToFunction,
  strongest,
} from './_lambda';
import { WA } from '../well-architected';

const INVOKE_CONFIG = 'AWS::Lambda::EventInvokeConfig';

/** An `OnFailure` block: its `Destination`, or for SAM a `Type` of SQS/SNS alone (SAM then creates the queue or topic). */
function onFailurePresence(t: Template, onFailure: Node | undefined, sam: boolean): Presence {
  if (!onFailure) return { kind: 'absent' };
  if (!isMap(onFailure) || asIntrinsic(onFailure)) return presence(t, onFailure);
  const dest = presence(t, get(onFailure, 'Destination'));
  if (dest.kind !== 'absent' || !sam) return dest;
  const type = scalarString(get(onFailure, 'Type'));
  return type === 'SQS' || type === 'SNS' ? { kind: 'present' } : dest;
}

/** What catches the function's failed asynchronous events: its DLQ, its own or SAM's EventInvokeConfig, an EventInvokeConfig resource. */
function failureHandling(t: Template, g: Graph, fn: Resource): Presence {
  const sam = fn.type === SAM_FUNCTION;
  const nodes: Presence[] = [];
  nodes.push(presence(t, functionProp(t, fn, ...(sam ? ['DeadLetterQueue', 'TargetArn'] : ['DeadLetterConfig', 'TargetArn'])).node));
  if (sam) nodes.push(onFailurePresence(t, functionProp(t, fn, 'EventInvokeConfig', 'DestinationConfig', 'OnFailure').node, true));
  for (const r of referencesToFunction(t, g, fn)) {
    if (r.source.type !== INVOKE_CONFIG || r.path[0] !== 'Properties' || r.path[1] !== 'FunctionName') continue;
    nodes.push(onFailurePresence(t, get(get(r.source.properties, 'DestinationConfig'), 'OnFailure'), false));
  }
  return strongest(nodes);
}

function addDlqFix(t: Template, g: Graph, fn: Resource): Fix | undefined {
  const b = new FixBuilder(t);
  const q = addDeadLetterQueue(b, `${fn.id}DeadLetterQueue`, { condition: conditionOf(fn) });
  if (fn.type === SAM_FUNCTION) b.setProperty(fn, ['DeadLetterQueue'], { Type: 'SQS', TargetArn: getAtt(q, 'Arn') });
  else b.setProperty(fn, ['DeadLetterConfig', 'TargetArn'], getAtt(q, 'Arn'));
  const grant = grantSendMessage(b, t, g, fn, q, fn, true);
  const edits = combine(b, grant.extra);
  if (!edits) return undefined;
  return { title: `Add an SQS dead-letter queue (${q}) to ${fn.id}; ${grant.note}`, edits, preferred: true, safe: false };
}

export default defineRule({
  meta: {
    id: 'lambda-async-no-dlq',
    area: 'serverless',
    severity: 'warning',
    title: 'Asynchronously invoked function without a dead-letter queue or on-failure destination',
    fixable: true,
    docs: {
      summary:
        'A Lambda function (`AWS::Lambda::Function` or `AWS::Serverless::Function`) that the template wires to an asynchronous invoker, found through the dependency graph: an SNS subscription (`AWS::SNS::Subscription` or an `AWS::SNS::Topic` `Subscription` entry with protocol `lambda`), an S3 bucket notification (`NotificationConfiguration.LambdaConfigurations`), an EventBridge rule target, an EventBridge Scheduler schedule, a CloudWatch Logs subscription filter, an IoT topic rule, or a SAM event of those kinds (`SNS` without `SqsSubscription`, `S3`, `EventBridgeRule`, `CloudWatchEvent`, `Schedule`, `ScheduleV2`, `CloudWatchLogs`, `IoTRule`); references through an `AWS::Lambda::Alias`, an `AWS::Lambda::Version` or SAM\'s `!Ref Function.Alias` count. It is reported when the function has neither a dead-letter queue (`DeadLetterConfig.TargetArn`; SAM `DeadLetterQueue`, also from `Globals.Function`) nor an on-failure destination (SAM `EventInvokeConfig.DestinationConfig.OnFailure`, also from Globals, or an `AWS::Lambda::EventInvokeConfig` resource naming the function, whatever its qualifier). When the DLQ or destination depends on a condition or a parameter, the finding is informational and says when it is missing. The dead-letter settings of SAM EventBridge events (`DeadLetterConfig` of an `EventBridgeRule`/`Schedule` event) do not count: they catch events EventBridge fails to deliver, not events the function fails to process (see `eventbridge-target-no-dlq`).',
      why: 'For an asynchronous invocation, Lambda puts the event in an internal queue and answers the caller at once. When the function fails (an exception, a timeout, running out of memory) or is throttled, Lambda retries twice by default and keeps throttled events for up to six hours; after that the event is discarded. Without a dead-letter queue or an on-failure destination, nothing records it: an S3 upload is never processed, an order notification is lost, and the only trace is an `AsyncEventsDropped` metric and log lines. The caller (SNS, S3, EventBridge) has already counted the delivery as successful and will not send it again.',
      fix: 'Give the function somewhere to put failed events. The quick fix adds an `AWS::SQS::Queue` (14 days of retention) and points `DeadLetterConfig.TargetArn` (SAM: `DeadLetterQueue: {Type: SQS, TargetArn: …}`) at it. The function\'s execution role needs `sqs:SendMessage` on the queue, and Lambda checks it when the function is deployed: a SAM function whose role SAM generates gets the permission from the transform; when the role is an `AWS::IAM::Role` of the template, the fix adds an `AWS::IAM::Policy` granting it and makes the function depend on that policy; otherwise grant it yourself. An on-failure destination (`AWS::Lambda::EventInvokeConfig` `DestinationConfig.OnFailure`, or SAM `EventInvokeConfig`) is the newer alternative: it records the error and the response along with the event, and can also be an SNS topic, a function or an event bus. Alarm on the queue\'s `ApproximateNumberOfMessagesVisible` so that someone looks at failures.',
      references: [
        { title: 'AWS Lambda: asynchronous invocation', url: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html' },
        { title: 'AWS Lambda: capturing records of asynchronous invocations (destinations and dead-letter queues)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html' },
        { title: 'AWS::Lambda::Function DeadLetterConfig', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-function-deadletterconfig.html' },
        { title: 'AWS::Lambda::EventInvokeConfig', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventinvokeconfig.html' },
        { title: 'AWS SAM: AWS::Serverless::Function DeadLetterQueue and EventInvokeConfig', url: 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html' },
        WA.REL05_BP02,
        WA.REL11_BP01,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    const g = ctx.graph;
    for (const type of FUNCTION_TYPES) {
      for (const fn of t.resourcesByType.get(type) ?? []) {
        const invokers = asyncInvokers(t, g, fn);
        if (!invokers.length) continue;
        const handling = failureHandling(t, g, fn);
        if (handling.kind === 'present') continue;
        if (handling.kind === 'conditional' && handling.absentByDefault === false) continue;
        const by = listNames(invokers.map((i) => i.label), 2);
        const related = invokers.map((i) => ({ start: i.start, end: i.end, message: `${fn.id} is invoked asynchronously by ${i.label}` }));
        const what = fn.type === LAMBDA ? 'no DeadLetterConfig and no EventInvokeConfig with an OnFailure destination' : 'no DeadLetterQueue and no EventInvokeConfig OnFailure destination';
        if (handling.kind === 'conditional') {
          ctx.report({
            start: fn.key.start,
            end: fn.key.end,
            resource: fn.id,
            severity: 'info',
            message: `${fn.id} is invoked asynchronously by ${by} and has no dead-letter queue or on-failure destination ${handling.phrase}: then events that still fail after Lambda's two retries are dropped without a trace.`,
            related,
          });
          continue;
        }
        const fix = addDlqFix(t, g, fn);
        ctx.report({
          start: fn.key.start,
          end: fn.key.end,
          resource: fn.id,
          message: `${fn.id} is invoked asynchronously by ${by} but has ${what}: an event that still fails after Lambda's two retries (or waits more than six hours while throttled) is dropped without a trace.`,
          related,
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
});
