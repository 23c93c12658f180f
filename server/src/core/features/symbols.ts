/**
 * The document outline: one symbol per top-level section (the entity sections as
 * namespaces, the others as modules), with the entries of each section as children:
 * parameters (detail: their Type), resources (detail: their resource type; the kind follows
 * the type's family), conditions, mappings (with their top-level keys), outputs, and the
 * `Fn::ForEach` loops with the entries they write. `range` covers the whole entry,
 * `selection` its key. Plain data; the LSP layer maps kinds to `SymbolKind`.
 */
import type { Analysis } from '../analyze';
import { Node, Pair, get, isMap, isScalar, isSeq, scalarString } from '../parse/node';
import { trimmedEnd } from './navigation';

/** Named after LSP's `SymbolKind`. */
export type OutlineKind =
  | 'module'
  | 'namespace'
  | 'class'
  | 'object'
  | 'function'
  | 'variable'
  | 'boolean'
  | 'enum'
  | 'enumMember'
  | 'property'
  | 'event'
  | 'interface'
  | 'struct'
  | 'key'
  | 'array'
  | 'string'
  | 'constant';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: OutlineKind;
  /** The whole entry (key and value). */
  start: number;
  end: number;
  /** The key. */
  selectionStart: number;
  selectionEnd: number;
  children?: OutlineSymbol[];
}

const ENTITY_SECTIONS = new Set(['Parameters', 'Resources', 'Conditions', 'Mappings', 'Outputs']);

const EVENT_SERVICES = new Set(['SQS', 'SNS', 'Events', 'Kinesis', 'KinesisFirehose', 'Pipes', 'Scheduler', 'EventSchemas', 'MSK', 'AmazonMQ']);
const DATA_SERVICES = new Set(['S3', 'DynamoDB', 'RDS', 'EFS', 'ElastiCache', 'DocDB', 'DocDBElastic', 'Neptune', 'Redshift', 'FSx', 'OpenSearchService', 'Elasticsearch', 'Backup', 'ECR', 'Timestream', 'MemoryDB', 'Logs', 'Glue', 'S3Express']);
const SECURITY_SERVICES = new Set(['IAM', 'KMS', 'SecretsManager', 'CertificateManager', 'Cognito', 'WAFv2', 'SSO']);
const NETWORK_SERVICES = new Set(['ElasticLoadBalancingV2', 'ElasticLoadBalancing', 'Route53', 'ApiGateway', 'ApiGatewayV2', 'CloudFront', 'AppSync', 'GlobalAccelerator']);

/** A symbol kind for a resource type, by family: functions, data stores, messaging, security, network, nested stacks. */
export function resourceKind(type: string | undefined): OutlineKind {
  if (!type) return 'object';
  if (type.endsWith('::MODULE') || type === 'AWS::CloudFormation::Stack' || type === 'AWS::Serverless::Application') return 'module';
  const [vendor, service = '', name = ''] = type.split('::');
  if (vendor === 'Custom' || type === 'AWS::CloudFormation::CustomResource') return 'class';
  if (name === 'Function' || name === 'StateMachine' || name === 'LayerVersion') return 'function';
  if (name === 'SimpleTable' || DATA_SERVICES.has(service)) return 'struct';
  if (EVENT_SERVICES.has(service)) return 'event';
  if (SECURITY_SERVICES.has(service)) return 'key';
  if (NETWORK_SERVICES.has(service) || name === 'Api' || name === 'HttpApi' || name === 'GraphQLApi') return 'interface';
  if (service === 'EC2' && name !== 'Instance' && name !== 'LaunchTemplate' && name !== 'Volume') return 'interface';
  return 'class';
}

function shorten(s: string, max = 80): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function symbol(text: string, p: Pair, kind: OutlineKind, detail?: string, children?: OutlineSymbol[]): OutlineSymbol {
  const name = String(p.key.value ?? '');
  const s: OutlineSymbol = {
    // Editors reject empty names.
    name: name === '' ? '""' : name,
    kind,
    start: p.start,
    end: Math.max(trimmedEnd(text, p.start, p.end), p.key.end),
    selectionStart: p.key.start,
    selectionEnd: p.key.end,
  };
  if (detail) s.detail = detail;
  if (children?.length) s.children = children;
  return s;
}

function isForEach(p: Pair): boolean {
  return typeof p.key.value === 'string' && p.key.value.startsWith('Fn::ForEach::');
}

function entry(text: string, section: string, p: Pair, depth: number): OutlineSymbol {
  if (isForEach(p)) return loop(text, section, p, depth);
  const v = p.value;
  switch (section) {
    case 'Parameters':
      return symbol(text, p, 'variable', scalarString(get(v, 'Type')));
    case 'Resources': {
      const type = scalarString(get(v, 'Type'));
      return symbol(text, p, resourceKind(type), type);
    }
    case 'Conditions':
      return symbol(text, p, 'boolean');
    case 'Mappings': {
      const keys = isMap(v) ? v.pairs.map((k) => symbol(text, k, 'enumMember')) : [];
      return symbol(text, p, 'enum', undefined, keys);
    }
    case 'Outputs': {
      const exp = get(get(v, 'Export'), 'Name');
      const detail = exp ? `Export: ${shorten(exportText(exp))}` : undefined;
      return symbol(text, p, 'property', detail);
    }
    default:
      return symbol(text, p, 'object');
  }
}

function exportText(n: Node): string {
  if (isScalar(n)) return String(n.value ?? '');
  const sub = get(n, 'Fn::Sub');
  if (isScalar(sub)) return String(sub.value ?? '');
  return '…';
}

/** `Fn::ForEach::Name: [Id, Collection, {Key${Id}: …}]`: the loop, with the entries it writes. */
function loop(text: string, section: string, p: Pair, depth: number): OutlineSymbol {
  const items = isSeq(p.value) ? p.value.items : [];
  const id = scalarString(items[0]);
  const body = items[2];
  const children = isMap(body) && depth < 5 ? body.pairs.map((c) => entry(text, section, c, depth + 1)) : [];
  return symbol(text, p, 'array', id ? `for each ${id}` : undefined, children);
}

/** The outline of a template (empty when the document is not a template). */
export function documentSymbols(a: Analysis): OutlineSymbol[] {
  const t = a.template;
  if (t.kind === 'none' || !t.root) return [];
  const out: OutlineSymbol[] = [];
  for (const p of t.root.pairs) {
    const name = String(p.key.value ?? '');
    const v = p.value;
    if (ENTITY_SECTIONS.has(name)) {
      const children = isMap(v) ? v.pairs.map((c) => entry(t.text, name, c, 0)) : [];
      out.push(symbol(t.text, p, 'namespace', undefined, children));
    } else if (isScalar(v)) {
      out.push(symbol(t.text, p, 'module', v.value === null ? undefined : shorten(String(v.value))));
    } else if (isSeq(v)) {
      // Transform: [A, B]
      out.push(symbol(t.text, p, 'module', shorten(v.items.map((i) => scalarString(i) ?? '…').join(', '))));
    } else {
      // Metadata, Rules, Globals: their entries.
      const children = isMap(v) ? v.pairs.map((c) => symbol(t.text, c, 'object')) : [];
      out.push(symbol(t.text, p, 'module', undefined, children));
    }
  }
  return out;
}
