/**
 * SAM's implicit links: what an `AWS::Serverless::Function` or `::StateMachine` is wired
 * to through properties the transform expands into other resources. Each link is an edge
 * of kind `SAM` from the function/state machine to the resource referenced, with the
 * range of the reference inside the property and a label saying what creates it:
 *
 * - `Events.<name> (<Type>)`: every resource referenced in an event's Properties (SQS
 *   `Queue`, Kinesis/DynamoDB/MSK `Stream`, SNS `Topic`, S3 `Bucket`, `EventBusName`, MQ
 *   `Broker`, DocumentDB `Cluster`, Api `RestApiId`, `DestinationConfig`, `DeadLetterConfig`…);
 *   `sam.property` is the first key under Properties (`Queue`).
 * - `Policies.<Template>` / `Policies[i]`: a policy template's parameters
 *   (`SQSPollerPolicy: {QueueName: …}`), an inline statement's `Resource`, a managed policy Ref.
 * - `DeadLetterQueue (SQS|SNS)`: `TargetArn`.
 * - `EventInvokeConfig.OnSuccess|OnFailure`: `DestinationConfig.*.Destination`.
 * - `Connectors.<name>` (embedded connectors, on any resource) and `AWS::Serverless::Connector`
 *   `Source`/`Destination` given by `Id` (a logical ID written as a string).
 * - `Globals.Function.DeadLetterQueue` / `.EventInvokeConfig` for functions that do not set their own.
 */
import type { Template } from '../parse/template';
import { MapNode, Node, ScalarNode, get, isMap, isScalar, isSeq, scalarString } from '../parse/node';
import type { Graph, GraphEdge } from './graph';

export interface SamLink {
  via: 'Events' | 'Policies' | 'DeadLetterQueue' | 'EventInvokeConfig' | 'Connectors' | 'Connector';
  /** Event name, policy template name, connector name, `OnFailure`… */
  name?: string;
  /** Event type (`SQS`), DLQ type (`SQS`), destination type. */
  type?: string;
  /** First key under the event's Properties (`Queue`, `Stream`, `Topic`…). */
  property?: string;
  /** Set when the link comes from the `Globals` section. */
  global?: boolean;
}

/**
 * Properties of serverless resources that the transform turns into separate resources:
 * references inside them make those generated resources depend on the target, not the
 * function/state machine/API itself.
 */
const GENERATED_OWNED: Record<string, ReadonlySet<string>> = {
  'AWS::Serverless::Function': new Set(['Events', 'FunctionUrlConfig', 'DeploymentPreference', 'ProvisionedConcurrencyConfig']),
  'AWS::Serverless::StateMachine': new Set(['Events', 'DeploymentPreference']),
  'AWS::Serverless::Api': new Set(['Auth', 'Domain']),
  'AWS::Serverless::HttpApi': new Set(['Auth', 'Domain']),
  'AWS::Serverless::GraphQLApi': new Set(['Auth', 'DataSources', 'Functions', 'Resolvers', 'ApiKeys', 'DomainName']),
};

/** Is `offset` inside a property of this serverless resource that SAM moves into generated resources? */
export function generatedOwnedProperty(type: string, resourceValue: Node, offset: number): boolean {
  if (!isMap(resourceValue)) return false;
  const within = (n: Node | undefined) => !!n && offset >= n.start && offset <= n.end;
  if (within(get(resourceValue, 'Connectors'))) return true;
  if (type === 'AWS::Serverless::Connector') return true;
  const owned = GENERATED_OWNED[type];
  const props = get(resourceValue, 'Properties');
  if (!owned || !isMap(props)) return false;
  for (const p of props.pairs) if (owned.has(String(p.key.value)) && within(p.value)) return true;
  return false;
}

function inside(e: GraphEdge, n: Node): boolean {
  return e.start >= n.start && e.end <= n.end;
}

export function addSamEdges(g: Graph, t: Template): void {
  const globalsFn = get(t.sections.get('Globals')?.value, 'Function');
  const globalRefs = (n: Node) => t.references.filter((r) => r.from === null && r.start >= n.start && r.end <= n.end);

  for (const r of t.resources.values()) {
    const from = `Resources.${r.id}`;
    const out = g.dependencies(from).filter((e) => e.ref && e.kind !== 'DependsOn' && e.kind !== 'Condition' && e.to.startsWith('Resources.'));
    const link = (e: GraphEdge, label: string, sam: SamLink) => g.addEdge({ from, to: e.to, kind: 'SAM', start: e.start, end: e.end, ref: e.ref, node: e.node, label, sam, ...(e.under ? { under: e.under } : {}) });
    const linksIn = (n: Node | undefined, label: string, sam: SamLink) => {
      if (!n) return;
      for (const e of out) if (inside(e, n)) link(e, label, sam);
    };

    // Embedded connectors (a resource attribute, on any resource type).
    const connectors = get(r.value, 'Connectors');
    if (isMap(connectors)) {
      for (const c of connectors.pairs) {
        const name = String(c.key.value);
        const dest = get(get(c.value, 'Properties'), 'Destination');
        for (const id of connectorIds(dest)) addIdLink(g, t, from, id, `Connectors.${name}`, { via: 'Connectors', name });
        linksIn(dest, `Connectors.${name}`, { via: 'Connectors', name });
      }
    }

    const type = r.type ?? '';
    if (type === 'AWS::Serverless::Connector') {
      for (const end of ['Source', 'Destination'] as const) {
        for (const id of connectorIds(get(r.properties, end))) addIdLink(g, t, from, id, end, { via: 'Connector', name: end });
        linksIn(get(r.properties, end), end, { via: 'Connector', name: end });
      }
      continue;
    }
    if (type !== 'AWS::Serverless::Function' && type !== 'AWS::Serverless::StateMachine') continue;
    const props = r.properties;

    const events = get(props, 'Events');
    if (isMap(events)) {
      for (const ev of events.pairs) {
        const name = String(ev.key.value);
        const etype = scalarString(get(ev.value, 'Type'));
        const eprops = get(ev.value, 'Properties');
        if (!isMap(eprops)) continue;
        for (const p of eprops.pairs) {
          linksIn(p.value, `Events.${name}${etype ? ` (${etype})` : ''}`, { via: 'Events', name, ...(etype ? { type: etype } : {}), property: String(p.key.value) });
        }
      }
    }

    const policies = get(props, 'Policies');
    const entries = isSeq(policies) ? policies.items : policies ? [policies] : [];
    entries.forEach((entry, i) => {
      let name: string | undefined;
      if (isMap(entry) && entry.pairs.length === 1 && !entry.shortForm && !String(entry.pairs[0].key.value).startsWith('Fn::') && entry.pairs[0].key.value !== 'Statement') {
        name = String(entry.pairs[0].key.value);
      }
      linksIn(entry, name ? `Policies.${name}` : `Policies[${i}]`, { via: 'Policies', ...(name ? { name } : {}) });
    });

    if (type !== 'AWS::Serverless::Function') continue;

    const dlqLinks = (dlq: Node | undefined, global: boolean, refsOf: (n: Node) => GraphEdge[]) => {
      const target = get(dlq, 'TargetArn');
      if (!target) return;
      const dtype = scalarString(get(dlq, 'Type'));
      for (const e of refsOf(target)) {
        g.addEdge({ from, to: e.to, kind: 'SAM', start: e.start, end: e.end, ref: e.ref, node: e.node, label: `${global ? 'Globals.Function.' : ''}DeadLetterQueue${dtype ? ` (${dtype})` : ''}`, sam: { via: 'DeadLetterQueue', ...(dtype ? { type: dtype } : {}), ...(global ? { global } : {}) } });
      }
    };
    const invokeLinks = (cfg: Node | undefined, global: boolean, refsOf: (n: Node) => GraphEdge[]) => {
      const dc = get(cfg, 'DestinationConfig');
      for (const which of ['OnSuccess', 'OnFailure']) {
        const d = get(dc, which);
        const dest = get(d, 'Destination');
        if (!dest) continue;
        const dtype = scalarString(get(d, 'Type'));
        for (const e of refsOf(dest)) {
          g.addEdge({ from, to: e.to, kind: 'SAM', start: e.start, end: e.end, ref: e.ref, node: e.node, label: `${global ? 'Globals.Function.' : ''}EventInvokeConfig.${which}${dtype ? ` (${dtype})` : ''}`, sam: { via: 'EventInvokeConfig', name: which, ...(dtype ? { type: dtype } : {}), ...(global ? { global } : {}) } });
        }
      }
    };
    const ownRefs = (n: Node) => out.filter((e) => inside(e, n));
    const globalEdges = (n: Node): GraphEdge[] =>
      globalRefs(n)
        .filter((x) => t.resources.has(x.target) && x.kind !== 'DependsOn' && x.kind !== 'Condition')
        .map((x) => ({ from, to: `Resources.${x.target}`, kind: 'SAM', start: x.start, end: x.end, ref: x, node: x.node }));

    if (get(props, 'DeadLetterQueue')) dlqLinks(get(props, 'DeadLetterQueue'), false, ownRefs);
    else if (get(globalsFn, 'DeadLetterQueue')) dlqLinks(get(globalsFn, 'DeadLetterQueue'), true, globalEdges);
    if (get(props, 'EventInvokeConfig')) invokeLinks(get(props, 'EventInvokeConfig'), false, ownRefs);
    else if (get(globalsFn, 'EventInvokeConfig')) invokeLinks(get(globalsFn, 'EventInvokeConfig'), true, globalEdges);
  }
}

/** The `Id` scalars of a connector Source/Destination (a map, or a list of maps). */
function connectorIds(n: Node | undefined): ScalarNode[] {
  const items = isSeq(n) ? n.items : n ? [n] : [];
  const out: ScalarNode[] = [];
  for (const i of items) {
    const id = get(i as MapNode, 'Id');
    if (isScalar(id) && typeof id.value === 'string' && id.value) out.push(id);
  }
  return out;
}

function addIdLink(g: Graph, t: Template, from: string, id: ScalarNode, label: string, sam: SamLink): void {
  const name = String(id.value);
  if (!t.resources.has(name)) return;
  const text = t.text;
  const q = text[id.start] === '"' || text[id.start] === "'" ? 1 : 0;
  g.addEdge({ from, to: `Resources.${name}`, kind: 'SAM', start: id.start + q, end: id.start + q + name.length, node: id, label, sam });
}
