/**
 * Helpers shared by the serverless rules (not a rule: the file name starts with `_`):
 *
 * - a function's properties as the SAM transform sees them (`Globals.Function` filling in
 *   what an `AWS::Serverless::Function` does not set, maps merged key by key);
 * - the event flows around a function, read from the dependency graph: what polls for it
 *   (`AWS::Lambda::EventSourceMapping`, SAM `SQS`/`Kinesis`/`DynamoDB` events) and what
 *   invokes it asynchronously (SNS, S3 notifications, EventBridge rules and schedules,
 *   CloudWatch Logs subscriptions, IoT rules, and the SAM events of those kinds);
 * - whether a property is present across `Fn::If`/parameters (graph/resolve.ts), and a
 *   number's value with the parameters it depends on;
 * - the pieces of fixes that add a dead-letter queue: the queue, the queue policy a
 *   service needs to send to it, the `sqs:SendMessage` grant a function's role needs.
 *
 * Values across `Fn::If` and parameters come from graph/resolve.ts; references from the
 * graph. Nothing here re-reads text.
 */
import { MapNode, Node, ScalarNode, get, isMap, isScalar, isSeq, pathOf, scalarString } from '../../parse/node';
import { asIntrinsic } from '../../parse/intrinsics';
import type { Resource, Template } from '../../parse/template';
import type { Reference } from '../../parse/references';
import type { Graph, GraphEdge, Guard } from '../../graph/graph';
import { Outcome, describe, flatText, judge, possibleValues } from '../../graph/resolve';
import { FixBuilder } from '../../fix/builder';
import { FixValue, Intrinsic, getAtt, ref } from '../../fix/value';
import type { TextEdit } from '../../types';

export const LAMBDA = 'AWS::Lambda::Function';
export const SAM_FUNCTION = 'AWS::Serverless::Function';
export const ESM = 'AWS::Lambda::EventSourceMapping';
export const QUEUE = 'AWS::SQS::Queue';
export const FUNCTION_TYPES: readonly string[] = [LAMBDA, SAM_FUNCTION];

/** Lambda's default function timeout, in seconds. */
export const DEFAULT_TIMEOUT = 3;
/** SQS defaults, in seconds. */
export const DEFAULT_VISIBILITY_TIMEOUT = 30;
export const DEFAULT_RETENTION = 345600;
export const MAX_RETENTION = 1209600;

export function isFunction(r: Resource | undefined): boolean {
  return !!r && (r.type === LAMBDA || r.type === SAM_FUNCTION);
}

// ---------------------------------------------------------------------------------------
// Function properties with SAM Globals

export function globalsFunction(t: Template): MapNode | undefined {
  const g = get(t.sections.get('Globals')?.value, 'Function');
  return isMap(g) ? g : undefined;
}

export interface FunctionValue {
  /** The value, or undefined when neither the function nor Globals sets it. */
  node: Node | undefined;
  /** Written under `Globals.Function` rather than on the function. */
  global: boolean;
}

/** Follows keys through plain maps: found, missing (a plain map lacks the key) or stopped at a value that is not a plain map. */
function follow(root: Node | undefined, path: readonly string[]): { node?: Node; missing: boolean } {
  let cur: Node | undefined = root;
  for (const key of path) {
    if (!cur) return { missing: true };
    if (!isMap(cur) || asIntrinsic(cur, true)) return { node: cur, missing: false };
    const next = get(cur, key);
    if (!next) return { missing: true };
    cur = next;
  }
  return { node: cur, missing: false };
}

/**
 * `Properties.<path>` of a function as deployed: for an `AWS::Serverless::Function`, the
 * SAM transform merges `Globals.Function` in (the function's own values win; maps merge
 * key by key), so a path the function does not write is read from Globals. A value written
 * as an intrinsic (`DeadLetterQueue: !If [...]`) stops the walk and is returned as is.
 */
export function functionProp(t: Template, fn: Resource, ...path: string[]): FunctionValue {
  const own = follow(fn.properties, path);
  if (!own.missing || fn.type !== SAM_FUNCTION) return { node: own.node, global: false };
  const g = follow(globalsFunction(t), path);
  return { node: g.missing ? undefined : g.node, global: !g.missing && !!g.node };
}

// ---------------------------------------------------------------------------------------
// Presence and numbers across Fn::If and parameters

export type Presence =
  | { kind: 'present' }
  | { kind: 'absent' }
  /** Present in some cases: `phrase` says when it is missing ("unless condition HasDlq is true"); `absentByDefault` with default parameter values. */
  | { kind: 'conditional'; phrase: string; absentByDefault: boolean | undefined };

const presentOutcome = (o: Outcome): boolean | undefined => {
  if (o.kind === 'novalue') return false;
  if (o.kind === 'literal') return !(o.value === null || o.value === '');
  return true;
};

/** Whether a property is set, following `Fn::If`, `AWS::NoValue` and parameters. Values that cannot be read count as set. */
export function presence(t: Template, n: Node | undefined): Presence {
  if (!n) return { kind: 'absent' };
  const pv = possibleValues(t, n);
  const v = judge(pv, presentOutcome);
  if (v.bad === 'never' || v.bad === 'unknown') return { kind: 'present' };
  if (v.bad === 'always') return { kind: 'absent' };
  const phrase = describe(pv, presentOutcome, '\u0000')?.replace('\u0000', '').trim() ?? '';
  if (!phrase) return { kind: 'absent' };
  return { kind: 'conditional', phrase, absentByDefault: v.badByDefault };
}

/** The best of several presences (a DLQ or a destination is enough): present, else conditional (preferring one present by default), else absent. */
export function strongest(list: readonly Presence[]): Presence {
  let best: Presence = { kind: 'absent' };
  for (const p of list) {
    if (p.kind === 'present') return p;
    if (p.kind === 'conditional' && (best.kind === 'absent' || (best.kind === 'conditional' && best.absentByDefault !== false && p.absentByDefault === false))) best = p;
  }
  return best;
}

export interface NumberValue {
  /** The value with every parameter at its default (the property's default when absent). */
  value: number;
  /** Absent: the service default applies. */
  absent: boolean;
  /** Parameters and conditions the value depends on. */
  parameters: string[];
  conditions: string[];
}

/** A numeric property's value under the parameters' defaults; undefined when it cannot be told. */
export function numberValue(t: Template, n: Node | undefined, dflt: number): NumberValue | undefined {
  if (!n) return { value: dflt, absent: true, parameters: [], conditions: [] };
  const pv = possibleValues(t, n);
  const c = pv.defaultCase;
  let value: number | undefined;
  let absent = false;
  if (c?.outcome.kind === 'literal') value = Number(c.outcome.value);
  else if (c?.outcome.kind === 'novalue') {
    value = dflt;
    absent = true;
  }
  if (value === undefined || !Number.isFinite(value)) return undefined;
  return { value, absent, parameters: pv.dependsOn.parameters.slice(), conditions: pv.dependsOn.conditions.slice() };
}

/** " (with parameter Timeout at its default)" when a value depends on parameters or conditions. */
export function defaultsNote(...vals: (NumberValue | undefined)[]): string {
  const params = [...new Set(vals.flatMap((v) => v?.parameters ?? []))];
  const conds = [...new Set(vals.flatMap((v) => v?.conditions ?? []))];
  const parts: string[] = [];
  if (params.length) parts.push(`parameter${params.length > 1 ? 's' : ''} ${params.join(', ')} at ${params.length > 1 ? 'their defaults' : 'its default'}`);
  if (conds.length && !params.length) parts.push(`condition${conds.length > 1 ? 's' : ''} ${conds.join(', ')} as evaluated`);
  return parts.length ? ` (with ${parts.join(' and ')})` : '';
}

/** `true`/"true" (any case) for a boolean property under the defaults; undefined when unknown. */
export function booleanValue(t: Template, n: Node | undefined): boolean | undefined {
  if (!n) return false;
  const pv = possibleValues(t, n);
  const c = pv.defaultCase?.outcome;
  if (!c) return undefined;
  if (c.kind === 'novalue') return false;
  if (c.kind !== 'literal') return undefined;
  const s = String(c.value).toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : undefined;
}

/** The string values a node may take (literals only), lower-cased; undefined when some are unknown. */
export function stringValues(t: Template, n: Node | undefined): string[] | undefined {
  if (!n) return undefined;
  const pv = possibleValues(t, n);
  if (pv.unknown) return undefined;
  return pv.values.map((v) => String(v).toLowerCase());
}

// ---------------------------------------------------------------------------------------
// References: which function a node names, what kind of source an ARN is

/**
 * The function a resource stands for when referenced: the function itself, or the function
 * of an `AWS::Lambda::Alias` / `AWS::Lambda::Version` (its `FunctionName`).
 */
export function functionOfResource(t: Template, g: Graph, id: string, depth = 0): Resource | undefined {
  const r = t.resources.get(id);
  if (!r || depth > 3) return undefined;
  if (isFunction(r)) return r;
  if (r.type === 'AWS::Lambda::Alias' || r.type === 'AWS::Lambda::Version') {
    for (const x of g.referencesFrom(id, ['Properties', 'FunctionName'])) {
      const f = functionOfResource(t, g, x.target.replace(/^Resources\./, ''), depth + 1);
      if (f) return f;
    }
  }
  return undefined;
}

/** A place where a function is named: the resource writing it, the path below that resource, the range. */
export interface FunctionReference {
  source: Resource;
  /** Path below the source resource's value (`['Properties', 'Targets', 0, 'Arn']`). */
  path: (string | number)[];
  start: number;
  end: number;
  /** `Fn::If` branches around the reference. */
  under?: Guard[];
}

/**
 * Every place a function is named by another resource: directly, through an alias or a
 * version of it, or through SAM's `!Ref Function.Alias` / `.Version`.
 */
export function referencesToFunction(t: Template, g: Graph, fn: Resource): FunctionReference[] {
  const out: FunctionReference[] = [];
  const seen = new Set<string>();
  const add = (e: GraphEdge) => {
    if (e.kind !== 'Ref' && e.kind !== 'GetAtt' && e.kind !== 'Sub') return;
    const source = t.resources.get(e.from.replace(/^Resources\./, ''));
    if (!source || !e.from.startsWith('Resources.')) return;
    const key = `${e.from}@${e.start}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ source, path: g.pathOf(e), start: e.start, end: e.end, ...(e.under?.length ? { under: e.under } : {}) });
  };
  const targets = [fn.id];
  for (const e of g.dependents(fn.id)) {
    const src = t.resources.get(e.from.replace(/^Resources\./, ''));
    if (src && (src.type === 'AWS::Lambda::Alias' || src.type === 'AWS::Lambda::Version') && matchesPath(g.pathOf(e), ['Properties', 'FunctionName'])) targets.push(src.id);
  }
  for (const id of targets) for (const e of g.dependents(id)) add(e);
  if (fn.type === SAM_FUNCTION) {
    for (const r of aliasReferences(t).get(fn.id) ?? []) {
      const source = r.from ? t.resources.get(r.from.id) : undefined;
      if (!source) continue;
      out.push({ source, path: pathOf(r.node).slice(2), start: r.start, end: r.end });
    }
  }
  return out;
}

/** SAM's `!Ref Function.Alias` / `.Version` written in resources, by function ID: indexed once per template. */
const aliasIndex = new WeakMap<Template, Map<string, Reference[]>>();
function aliasReferences(t: Template): Map<string, Reference[]> {
  let index = aliasIndex.get(t);
  if (index) return index;
  index = new Map();
  for (const r of t.references) {
    if (!r.from || r.from.section !== 'Resources') continue;
    const m = /^(.+)\.(Alias|Version)$/.exec(r.target);
    if (!m) continue;
    let list = index.get(m[1]);
    if (!list) index.set(m[1], (list = []));
    list.push(r);
  }
  aliasIndex.set(t, index);
  return index;
}

function matchesPath(path: readonly (string | number)[], prefix: readonly (string | number | '*')[]): boolean {
  if (prefix.length > path.length) return false;
  return prefix.every((p, i) => p === '*' || String(p) === String(path[i]));
}

// ---------------------------------------------------------------------------------------
// Asynchronous invokers

export type AsyncKind = 'SNS' | 'S3' | 'EventBridge' | 'EventBridge Scheduler' | 'CloudWatch Logs' | 'IoT';

export interface AsyncInvoker {
  kind: AsyncKind;
  /** "SNS subscription OrdersSubscription", "SAM S3 event Upload". */
  label: string;
  /** Where the invocation is configured (the reference, or the SAM event's key). */
  start: number;
  end: number;
}

const SAM_ASYNC_EVENTS: Readonly<Record<string, AsyncKind>> = {
  SNS: 'SNS',
  S3: 'S3',
  EventBridgeRule: 'EventBridge',
  CloudWatchEvent: 'EventBridge',
  Schedule: 'EventBridge',
  ScheduleV2: 'EventBridge Scheduler',
  CloudWatchLogs: 'CloudWatch Logs',
  IoTRule: 'IoT',
};

/** Does an SNS `Protocol` node possibly say `lambda`? */
function protocolIs(t: Template, n: Node | undefined, want: string): boolean {
  const vals = stringValues(t, n);
  return vals ? vals.includes(want) : !!n;
}

/** A SAM SNS event whose `SqsSubscription` is set delivers through a queue (the function polls it): not asynchronous. */
function snsThroughQueue(t: Template, eventProps: Node | undefined): boolean {
  const s = get(eventProps, 'SqsSubscription');
  if (!s) return false;
  if (isMap(s) && !asIntrinsic(s)) return true;
  return booleanValue(t, s) !== false;
}

/**
 * What invokes a function asynchronously (Lambda queues the event and retries twice, then
 * drops it unless a DLQ or an on-failure destination is configured): SNS subscriptions
 * (`AWS::SNS::Subscription` and `AWS::SNS::Topic` `Subscription` entries with protocol
 * lambda), S3 bucket notifications, EventBridge rule targets, EventBridge Scheduler
 * schedules, CloudWatch Logs subscription filters, IoT topic rules, and the function's own
 * SAM events of those kinds.
 */
export function asyncInvokers(t: Template, g: Graph, fn: Resource): AsyncInvoker[] {
  const out: AsyncInvoker[] = [];
  for (const r of referencesToFunction(t, g, fn)) {
    const p = r.path;
    const at = { start: r.start, end: r.end };
    switch (r.source.type) {
      case 'AWS::SNS::Subscription':
        if (matchesPath(p, ['Properties', 'Endpoint']) && protocolIs(t, get(r.source.properties, 'Protocol'), 'lambda')) out.push({ kind: 'SNS', label: `SNS subscription ${r.source.id}`, ...at });
        break;
      case 'AWS::SNS::Topic':
        if (matchesPath(p, ['Properties', 'Subscription', '*', 'Endpoint'])) {
          const item = isSeq(get(r.source.properties, 'Subscription')) ? (get(r.source.properties, 'Subscription') as { items: Node[] }).items[Number(p[2])] : undefined;
          if (protocolIs(t, get(item, 'Protocol'), 'lambda')) out.push({ kind: 'SNS', label: `SNS topic ${r.source.id}`, ...at });
        }
        break;
      case 'AWS::S3::Bucket':
        if (matchesPath(p, ['Properties', 'NotificationConfiguration', 'LambdaConfigurations', '*', 'Function'])) out.push({ kind: 'S3', label: `S3 bucket ${r.source.id} notifications`, ...at });
        break;
      case 'AWS::Events::Rule':
        if (matchesPath(p, ['Properties', 'Targets', '*', 'Arn'])) out.push({ kind: 'EventBridge', label: `EventBridge rule ${r.source.id}`, ...at });
        break;
      case 'AWS::Scheduler::Schedule':
        if (matchesPath(p, ['Properties', 'Target', 'Arn'])) out.push({ kind: 'EventBridge Scheduler', label: `EventBridge Scheduler schedule ${r.source.id}`, ...at });
        break;
      case 'AWS::Logs::SubscriptionFilter':
        if (matchesPath(p, ['Properties', 'DestinationArn'])) out.push({ kind: 'CloudWatch Logs', label: `CloudWatch Logs subscription filter ${r.source.id}`, ...at });
        break;
      case 'AWS::IoT::TopicRule':
        if (matchesPath(p, ['Properties', 'TopicRulePayload', 'Actions', '*', 'Lambda', 'FunctionArn'])) out.push({ kind: 'IoT', label: `IoT topic rule ${r.source.id}`, ...at });
        break;
    }
  }
  if (fn.type === SAM_FUNCTION) {
    const events = get(fn.properties, 'Events');
    if (isMap(events)) {
      for (const ev of events.pairs) {
        const type = scalarString(get(ev.value, 'Type'));
        const kind = type ? SAM_ASYNC_EVENTS[type] : undefined;
        if (!kind) continue;
        if (type === 'SNS' && snsThroughQueue(t, get(ev.value, 'Properties'))) continue;
        out.push({ kind, label: `${type} event ${String(ev.key.value)}`, start: ev.key.start, end: ev.key.end });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Poll-based event sources

export type SourceKind = 'sqs' | 'kinesis' | 'dynamodb' | 'other';

export interface PollSource {
  kind: SourceKind;
  via: 'esm' | 'sam';
  /** The `AWS::Lambda::EventSourceMapping`, or the SAM function owning the event. */
  owner: Resource;
  /** SAM event name. */
  event?: string;
  /** Where findings about the source go: the mapping's or the event's logical name. */
  key: ScalarNode;
  /** The map holding the source's settings (mapping `Properties` or event `Properties`). */
  props: MapNode | undefined;
  /** The node naming the source (`EventSourceArn`, `Queue`, `Stream`). */
  sourceNode?: Node;
  /** The queue / stream / table the source names, when it is in the template. */
  source?: Resource;
  /** The consuming function, when it is in the template. */
  fn?: Resource;
  /** "event source mapping OrdersMapping", "SQS event Orders of Worker". */
  label: string;
  /**
   * A SAM `SNS` event with `SqsSubscription`: SNS delivers to a queue the function polls.
   * 'queue': the queue is the template's (`SqsSubscription: {QueueArn, QueueUrl}`);
   * 'generated': SAM creates it (`SqsSubscription: true`: default settings, no dead-letter
   * queue, nothing to configure but `BatchSize` and `Enabled`).
   */
  snsSubscription?: 'queue' | 'generated';
}

const KIND_OF_TYPE: Readonly<Record<string, SourceKind>> = {
  'AWS::SQS::Queue': 'sqs',
  'AWS::Kinesis::Stream': 'kinesis',
  'AWS::Kinesis::StreamConsumer': 'kinesis',
  'AWS::DynamoDB::Table': 'dynamodb',
  'AWS::DynamoDB::GlobalTable': 'dynamodb',
};

const SAM_POLL_EVENTS: Readonly<Record<string, { kind: SourceKind; property: string }>> = {
  SQS: { kind: 'sqs', property: 'Queue' },
  Kinesis: { kind: 'kinesis', property: 'Stream' },
  DynamoDB: { kind: 'dynamodb', property: 'Stream' },
};

function kindOfArnText(text: string | undefined): SourceKind | undefined {
  if (!text) return undefined;
  if (/^arn:[^:]*:sqs:/.test(text) || /:sqs:/.test(text)) return 'sqs';
  if (/:kinesis:/.test(text)) return 'kinesis';
  if (/:dynamodb:.*\/stream\//.test(text)) return 'dynamodb';
  return undefined;
}

const sourceCache = new WeakMap<Graph, PollSource[]>();

/** Every poll-based event source of the template: event source mappings and SAM SQS/Kinesis/DynamoDB events. */
export function pollSources(t: Template, g: Graph): PollSource[] {
  const cached = sourceCache.get(g);
  if (cached) return cached;
  const out: PollSource[] = [];
  for (const esm of t.resourcesByType.get(ESM) ?? []) {
    const props = esm.properties;
    const sourceNode = get(props, 'EventSourceArn');
    let source: Resource | undefined;
    for (const x of g.referencesFrom(esm.id, ['Properties', 'EventSourceArn'])) {
      const r = t.resources.get(x.target.replace(/^Resources\./, ''));
      if (r?.type && KIND_OF_TYPE[r.type]) {
        source = r;
        break;
      }
    }
    let kind: SourceKind = source ? KIND_OF_TYPE[source.type!] : (kindOfArnText(flatText(sourceNode)) ?? 'other');
    if (get(props, 'SelfManagedEventSource') || get(props, 'AmazonManagedKafkaEventSourceConfig')) kind = 'other';
    let fn: Resource | undefined;
    for (const x of g.referencesFrom(esm.id, ['Properties', 'FunctionName'])) {
      fn = functionOfResource(t, g, x.target.replace(/^Resources\./, ''));
      if (fn) break;
    }
    out.push({ kind, via: 'esm', owner: esm, key: esm.key, props, ...(sourceNode ? { sourceNode } : {}), ...(source ? { source } : {}), ...(fn ? { fn } : {}), label: `event source mapping ${esm.id}` });
  }
  for (const fn of t.resourcesByType.get(SAM_FUNCTION) ?? []) {
    const events = get(fn.properties, 'Events');
    if (!isMap(events)) continue;
    const links = g.samLinks(fn.id, 'Events');
    for (const ev of events.pairs) {
      const type = scalarString(get(ev.value, 'Type'));
      const spec = type ? SAM_POLL_EVENTS[type] : undefined;
      if (!spec) continue;
      const name = String(ev.key.value);
      const propsNode = get(ev.value, 'Properties');
      const props = isMap(propsNode) && !asIntrinsic(propsNode) ? propsNode : undefined;
      const sourceNode = get(props, spec.property);
      let source: Resource | undefined;
      for (const e of links) {
        if (e.sam?.name !== name || e.sam.property !== spec.property) continue;
        const r = t.resources.get(e.to.replace(/^Resources\./, ''));
        if (r?.type && KIND_OF_TYPE[r.type]) {
          source = r;
          break;
        }
      }
      out.push({ kind: spec.kind, via: 'sam', owner: fn, event: name, key: ev.key, props, ...(sourceNode ? { sourceNode } : {}), ...(source ? { source } : {}), fn, label: `${type} event ${name} of ${fn.id}` });
    }
    // SNS events delivered through an SQS queue the function polls.
    for (const ev of events.pairs) {
      if (scalarString(get(ev.value, 'Type')) !== 'SNS') continue;
      const name = String(ev.key.value);
      const sub = get(get(ev.value, 'Properties'), 'SqsSubscription');
      if (!sub) continue;
      const label = `SNS event ${name} of ${fn.id} (through an SQS subscription)`;
      if (isMap(sub) && !asIntrinsic(sub)) {
        const sourceNode = get(sub, 'QueueArn');
        let source: Resource | undefined;
        for (const e of links) {
          if (e.sam?.name !== name || !sourceNode || e.start < sourceNode.start || e.end > sourceNode.end) continue;
          const r = t.resources.get(e.to.replace(/^Resources\./, ''));
          if (r?.type === QUEUE) {
            source = r;
            break;
          }
        }
        out.push({ kind: 'sqs', via: 'sam', owner: fn, event: name, key: ev.key, props: sub, ...(sourceNode ? { sourceNode } : {}), ...(source ? { source } : {}), fn, label, snsSubscription: 'queue' });
      } else if (booleanValue(t, sub) === true) {
        out.push({ kind: 'sqs', via: 'sam', owner: fn, event: name, key: ev.key, props: undefined, fn, label, snsSubscription: 'generated' });
      }
    }
  }
  sourceCache.set(g, out);
  return out;
}

/** A source's option: the mapping's or event's property. */
export function sourceOption(s: PollSource, ...path: string[]): Node | undefined {
  let cur: Node | undefined = s.props;
  for (const k of path) cur = get(cur, k);
  return cur;
}

// ---------------------------------------------------------------------------------------
// Fix pieces

/** The resource's `Condition`, for resources a fix adds alongside it. */
export function conditionOf(res: Resource): string | undefined {
  return scalarString(res.condition);
}

export interface QueueOptions {
  fifo?: boolean;
  condition?: string;
}

/**
 * Adds an `AWS::SQS::Queue` to serve as a dead-letter queue: 14 days of retention (the
 * maximum, so failed messages stay long enough to be looked at and are never shorter-lived
 * than their source's), FIFO when its source is. Returns the logical ID chosen.
 */
export function addDeadLetterQueue(b: FixBuilder, base: string, opts: QueueOptions = {}): string {
  const props: { [k: string]: FixValue } = { MessageRetentionPeriod: MAX_RETENTION };
  if (opts.fifo) props.FifoQueue = true;
  return b.addResource(base, { Type: QUEUE, ...(opts.condition ? { Condition: opts.condition } : {}), Properties: props });
}

/**
 * Adds the `AWS::SQS::QueuePolicy` that lets a service (`sns.amazonaws.com`,
 * `events.amazonaws.com`) send to a queue the fix created, restricted to one source ARN.
 */
export function addQueuePolicy(b: FixBuilder, base: string, queueId: string, service: string, sourceArn: FixValue, condition?: string): string {
  return b.addResource(base, {
    Type: 'AWS::SQS::QueuePolicy',
    ...(condition ? { Condition: condition } : {}),
    Properties: {
      Queues: [ref(queueId)],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: service },
            Action: 'sqs:SendMessage',
            Resource: getAtt(queueId, 'Arn'),
            Condition: { ArnEquals: { 'aws:SourceArn': sourceArn } },
          },
        ],
      },
    },
  });
}

/** A node as a fix value (intrinsics kept), to copy a topic ARN or a source ARN into a fix. */
export function toFixValue(n: Node): FixValue {
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(toFixValue);
  const i = asIntrinsic(n, true);
  if (i) return new Intrinsic(i.fn, i.fn === 'Fn::GetAtt' && isSeq(i.arg) && i.arg.items.length === 2 && isScalar(i.arg.items[0]) && isScalar(i.arg.items[1]) ? `${scalarString(i.arg.items[0])}.${scalarString(i.arg.items[1])}` : toFixValue(i.arg));
  const o: { [k: string]: FixValue } = {};
  for (const p of n.pairs) o[String(p.key.value)] = toFixValue(p.value);
  return o;
}

export interface Grant {
  /** Whether the function will be allowed to send to the queue once the fix is applied. */
  granted: boolean;
  /** A phrase for the fix title or message ("SAM grants the role sqs:SendMessage"). */
  note: string;
  /** Edits the builder cannot express (appending to a `DependsOn` list). */
  extra: TextEdit[];
}

/** The IAM role (in the template) a function runs with: `Role: !GetAtt R.Arn` (SAM also takes `!Ref`-less ARNs). */
function roleOf(t: Template, g: Graph, fn: Resource): { role?: Resource; declared: boolean } {
  const role = functionProp(t, fn, 'Role');
  if (!role.node) return { declared: false };
  for (const x of g.referencesFrom(fn.id, ['Properties', 'Role'])) {
    const r = t.resources.get(x.target.replace(/^Resources\./, ''));
    if (r?.type === 'AWS::IAM::Role') return { role: r, declared: true };
  }
  return { declared: true };
}

/**
 * Lets a function's role send to a queue the fix adds (Lambda checks the permission when it
 * configures a dead-letter queue or an on-failure destination, and fails the deployment
 * without it): nothing for a SAM function whose role SAM generates (the transform adds the
 * policy); an `AWS::IAM::Policy` on the template's role, with `DependsOn` on `dependent`
 * so the permission exists first; otherwise a note for the user.
 */
export function grantSendMessage(b: FixBuilder, t: Template, g: Graph, fn: Resource, queueId: string, dependent: Resource, samAddsPolicy: boolean): Grant {
  const { role, declared } = roleOf(t, g, fn);
  if (!declared && fn.type === SAM_FUNCTION && samAddsPolicy) return { granted: true, note: 'the SAM transform grants the function sqs:SendMessage on it', extra: [] };
  if (!role) return { granted: false, note: `grant ${fn.id}'s execution role sqs:SendMessage on it before deploying`, extra: [] };
  const policyId = b.addResource(`${queueId}SendPolicy`, {
    Type: 'AWS::IAM::Policy',
    ...(conditionOf(fn) ? { Condition: conditionOf(fn)! } : {}),
    Properties: {
      PolicyName: `${queueId}Send`,
      Roles: [ref(role.id)],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: getAtt(queueId, 'Arn') }],
      },
    },
  });
  const extra = addDependsOn(b, t, dependent, policyId);
  if (!extra) return { granted: false, note: `grant ${fn.id}'s execution role sqs:SendMessage on it before deploying`, extra: [] };
  return { granted: true, note: `grants role ${role.id} sqs:SendMessage on it`, extra };
}

/** Adds a logical ID to a resource's `DependsOn` (creating it, turning a single name into a list, or appending). Undefined when it cannot. */
export function addDependsOn(b: FixBuilder, t: Template, res: Resource, id: string): TextEdit[] | undefined {
  const dep = get(res.value, 'DependsOn');
  if (!dep) {
    b.setIn(res, ['DependsOn'], id);
    return [];
  }
  if (isScalar(dep)) {
    b.replaceValue(dep, [String(dep.value), id], dep.pair?.key.end);
    return [];
  }
  if (isSeq(dep)) {
    b.append(dep, id);
    return [];
  }
  return undefined;
}

/** Builder edits plus extra edits, sorted; null when they overlap or the builder failed. */
export function combine(b: FixBuilder, extra: readonly TextEdit[]): TextEdit[] | null {
  const edits = b.build();
  if (!edits) return null;
  const all = [...edits, ...extra].sort((a, c) => a.start - c.start);
  for (let i = 1; i < all.length; i++) if (all[i].start < all[i - 1].end) return null;
  return all;
}

/** "A, B and 2 more". */
export function listNames(names: readonly string[], max = 3): string {
  const u = [...new Set(names)];
  if (u.length <= 1) return u[0] ?? '';
  if (u.length > max) return `${u.slice(0, max).join(', ')} and ${u.length - max} more`;
  return `${u.slice(0, -1).join(', ')} and ${u[u.length - 1]}`;
}

// ---------------------------------------------------------------------------------------
// Queues

/** The SQS poll sources of each queue of the template that feeds a function, by queue logical ID. */
export function queueConsumers(t: Template, g: Graph): Map<string, PollSource[]> {
  const out = new Map<string, PollSource[]>();
  for (const s of pollSources(t, g)) {
    if (s.kind !== 'sqs' || s.source?.type !== QUEUE) continue;
    const list = out.get(s.source.id);
    if (list) list.push(s);
    else out.set(s.source.id, [s]);
  }
  return out;
}

/** A FIFO queue: `FifoQueue: true` (under the defaults) or a `QueueName` ending in `.fifo`. */
export function isFifoQueue(t: Template, q: Resource): boolean {
  if (booleanValue(t, get(q.properties, 'FifoQueue'))) return true;
  const name = flatText(get(q.properties, 'QueueName'));
  return !!name && name.endsWith('.fifo');
}

/** The function's name in messages: "Worker" or "the function named by Worker's mapping". */
export function consumerName(s: PollSource): string {
  return s.fn ? s.fn.id : `the function of ${s.label}`;
}

/** A node's range without the trailing line break and spaces a YAML block value ends with. */
export function trimmedRange(t: Template, n: Node): { start: number; end: number } {
  let end = n.end;
  while (end > n.start && /\s/.test(t.text[end - 1])) end--;
  return { start: n.start, end };
}
