import { defineRule } from '../contract';
import { FixBuilder } from '../../fix/builder';
import { getAtt } from '../../fix/value';
import { MapNode, Node, get, isMap, isSeq, scalarString } from '../../parse/node';
import { asIntrinsic } from '../../parse/intrinsics';
import type { Resource, Template } from '../../parse/template';
import type { Fix } from '../../types';
import { Presence, addDeadLetterQueue, addQueuePolicy, conditionOf, numberValue, presence, strongest, trimmedRange } from './_lambda';
import { flatText } from '../../graph/resolve';
import { WA } from '../well-architected';

const RULE = 'AWS::Events::Rule';
const SCHEDULE = 'AWS::Scheduler::Schedule';
/** SAM event types that become an EventBridge rule or schedule targeting the function or state machine. */
const SAM_EVENTS = new Set(['EventBridgeRule', 'CloudWatchEvent', 'Schedule', 'ScheduleV2']);

/** What a target ARN points at, for messages: "function Worker", "an SQS queue". */
function targetWhat(t: Template, arn: Node | undefined): string {
  const i = asIntrinsic(arn);
  const name = i?.fn === 'Ref' ? scalarString(i.arg) : i?.fn === 'Fn::GetAtt' ? (isSeq(i.arg) ? scalarString(i.arg.items[0]) : scalarString(i.arg)?.split('.')[0]) : undefined;
  const r = name ? t.resources.get(name) : undefined;
  if (r?.type) return `${r.type.replace(/^AWS::/, '')} ${r.id}`;
  if (i?.fn === 'Fn::ImportValue') return 'a target imported from another stack';
  const text = flatText(arn);
  const m = text ? /^arn:[^:]*:([a-z0-9-]+):/.exec(text) : null;
  return m ? `a ${m[1]} target` : 'its target';
}

/** The retry policy of a target, for the message. */
function retryText(t: Template, target: MapNode | undefined): string {
  const rp = get(target, 'RetryPolicy');
  if (!rp) return 'with the default retry policy (185 attempts over 24 hours)';
  const attempts = numberValue(t, get(rp, 'MaximumRetryAttempts'), 185);
  const age = numberValue(t, get(rp, 'MaximumEventAgeInSeconds'), 86400);
  if (attempts?.value === 0) return 'with a RetryPolicy that allows no retries';
  if (attempts && age) return `with a RetryPolicy of ${attempts.value} attempts over ${age.value >= 3600 && age.value % 3600 === 0 ? `${age.value / 3600} hour${age.value === 3600 ? '' : 's'}` : `${age.value} seconds`}`;
  return 'with a RetryPolicy';
}

/** A SAM event's DeadLetterConfig: `Arn`, or `Type: SQS` (SAM creates the queue). */
function samDlq(t: Template, props: Node | undefined): Presence {
  const dlq = get(props, 'DeadLetterConfig');
  if (!dlq) return { kind: 'absent' };
  if (!isMap(dlq) || asIntrinsic(dlq)) return presence(t, dlq);
  return strongest([presence(t, get(dlq, 'Arn')), presence(t, get(dlq, 'Type'))]);
}

function ruleFix(t: Template, rule: Resource, target: MapNode, id: string): Fix | undefined {
  const b = new FixBuilder(t);
  const cond = conditionOf(rule);
  const q = addDeadLetterQueue(b, `${rule.id}DeadLetterQueue`, { condition: cond });
  addQueuePolicy(b, `${q}Policy`, q, 'events.amazonaws.com', getAtt(rule.id, 'Arn'), cond);
  b.set(target, ['DeadLetterConfig', 'Arn'], getAtt(q, 'Arn'));
  const edits = b.build();
  if (!edits) return undefined;
  return { title: `Add an SQS dead-letter queue (${q}) for target ${id} of ${rule.id}, with a queue policy letting EventBridge send to it`, edits, preferred: true, safe: false };
}

function samFix(t: Template, owner: Resource, event: string, props: MapNode): Fix | undefined {
  const existing = get(props, 'DeadLetterConfig');
  if (existing && (!isMap(existing) || asIntrinsic(existing))) return undefined;
  const b = new FixBuilder(t).set(props, ['DeadLetterConfig', 'Type'], 'SQS');
  const edits = b.build();
  if (!edits) return undefined;
  return { title: `Set DeadLetterConfig: {Type: SQS} on event ${event} of ${owner.id} (SAM creates the queue and its policy)`, edits, preferred: true, safe: true };
}

const CONSEQUENCE = 'an event it cannot deliver (the target throttled or unavailable beyond the retries, or failing for good: missing permissions, a deleted resource) is dropped without a trace';

export default defineRule({
  meta: {
    id: 'eventbridge-target-no-dlq',
    area: 'serverless',
    severity: 'warning',
    title: 'EventBridge target without a dead-letter queue',
    fixable: true,
    docs: {
      summary:
        'A target of an `AWS::Events::Rule` (each item of `Targets`; the finding is placed on the item), the target of an `AWS::Scheduler::Schedule`, or a SAM `EventBridgeRule`, `CloudWatchEvent`, `Schedule` or `ScheduleV2` event of a function or state machine, without a dead-letter queue (`DeadLetterConfig.Arn`; for SAM events `DeadLetterConfig` with `Arn` or `Type: SQS`). The message says which retry policy applies (`RetryPolicy`, by default 185 attempts over 24 hours). A `DeadLetterConfig` that depends on a condition counts when it is set with the default parameter values.',
      why: 'EventBridge and EventBridge Scheduler retry a failed delivery with backoff for up to 24 hours (or the `RetryPolicy` given), and some errors are not retried at all: a target that no longer exists, a missing permission on the target or on the role. Without a dead-letter queue, such an event is dropped and the only trace is the `FailedInvocations` metric; the event itself, and with it the order, the file or the alert it carried, is gone. A dead-letter queue keeps the event with the error code and message, so it can be inspected and replayed.',
      fix: 'Add an SQS queue as the target\'s `DeadLetterConfig`, and set a `RetryPolicy` that matches how long the event stays useful. For a rule target the quick fix adds the queue (14 days of retention) and an `AWS::SQS::QueuePolicy` letting `events.amazonaws.com` send to it from this rule only (`aws:SourceArn`); for a SAM event it sets `DeadLetterConfig: {Type: SQS}`, for which SAM creates both. For an EventBridge Scheduler schedule, add the queue and grant the schedule\'s execution role `sqs:SendMessage` on it (no quick fix). The queue must be in the same account and Region as the rule.',
      references: [
        { title: 'Amazon EventBridge: event retry policy and using dead-letter queues', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html' },
        { title: 'EventBridge Scheduler: configuring a dead-letter queue', url: 'https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html' },
        { title: 'AWS::Events::Rule Target', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-events-rule-target.html' },
        { title: 'AWS SAM: EventBridgeRule DeadLetterConfig', url: 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-deadletterconfig.html' },
        WA.REL05_BP03,
        WA.REL11_BP01,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    const lacking = (p: Presence) => p.kind === 'absent' || (p.kind === 'conditional' && p.absentByDefault !== false);
    for (const rule of t.resourcesByType.get(RULE) ?? []) {
      const targets = get(rule.properties, 'Targets');
      if (!isSeq(targets)) continue;
      for (const item of targets.items) {
        if (!isMap(item) || asIntrinsic(item)) continue;
        const dlq = get(item, 'DeadLetterConfig');
        const p = dlq && isMap(dlq) && !asIntrinsic(dlq) ? presence(t, get(dlq, 'Arn')) : presence(t, dlq);
        if (!lacking(p)) continue;
        const id = scalarString(get(item, 'Id')) ?? `#${targets.items.indexOf(item) + 1}`;
        const when = p.kind === 'conditional' ? ` ${p.phrase}` : '';
        const fix = p.kind === 'absent' && !dlq ? ruleFix(t, rule, item, id) : undefined;
        ctx.report({
          ...trimmedRange(t, item),
          resource: rule.id,
          ...(p.kind === 'conditional' ? { severity: 'info' as const } : {}),
          message: `Target ${id} of rule ${rule.id} (${targetWhat(t, get(item, 'Arn'))}) has no dead-letter queue${when}, ${retryText(t, item)}: ${CONSEQUENCE}.`,
          fixes: fix ? [fix] : [],
        });
      }
    }
    for (const sched of t.resourcesByType.get(SCHEDULE) ?? []) {
      const target = get(sched.properties, 'Target');
      if (!isMap(target) || asIntrinsic(target)) continue;
      const dlq = get(target, 'DeadLetterConfig');
      const p = dlq && isMap(dlq) && !asIntrinsic(dlq) ? presence(t, get(dlq, 'Arn')) : presence(t, dlq);
      if (!lacking(p)) continue;
      ctx.report({
        start: sched.key.start,
        end: sched.key.end,
        resource: sched.id,
        ...(p.kind === 'conditional' ? { severity: 'info' as const } : {}),
        message: `The target of schedule ${sched.id} (${targetWhat(t, get(target, 'Arn'))}) has no dead-letter queue${p.kind === 'conditional' ? ` ${p.phrase}` : ''}, ${retryText(t, target)}: ${CONSEQUENCE}. Add a DeadLetterConfig and grant the schedule's role sqs:SendMessage on the queue.`,
      });
    }
    for (const type of ['AWS::Serverless::Function', 'AWS::Serverless::StateMachine']) {
      for (const owner of t.resourcesByType.get(type) ?? []) {
        const events = get(owner.properties, 'Events');
        if (!isMap(events)) continue;
        for (const ev of events.pairs) {
          const etype = scalarString(get(ev.value, 'Type'));
          if (!etype || !SAM_EVENTS.has(etype)) continue;
          const props = get(ev.value, 'Properties');
          const p = samDlq(t, props);
          if (!lacking(p)) continue;
          const name = String(ev.key.value);
          const fix = p.kind === 'absent' && isMap(props) && !asIntrinsic(props) ? samFix(t, owner, name, props) : undefined;
          const what = type === 'AWS::Serverless::Function' ? 'function' : 'state machine';
          const dlqNode = get(props, 'DeadLetterConfig');
          const has = p.kind === 'absent' && isMap(dlqNode) && !asIntrinsic(dlqNode) ? 'has a DeadLetterConfig with neither Arn nor Type (SAM rejects it)' : `has no DeadLetterConfig${p.kind === 'conditional' ? ` ${p.phrase}` : ''}`;
          ctx.report({
            start: ev.key.start,
            end: ev.key.end,
            resource: owner.id,
            ...(p.kind === 'conditional' ? { severity: 'info' as const } : {}),
            message: `${etype} event ${name} of ${what} ${owner.id} ${has}, ${retryText(t, isMap(props) ? props : undefined)}: ${CONSEQUENCE}.`,
            fixes: fix ? [fix] : [],
          });
        }
      }
    }
  },
});
