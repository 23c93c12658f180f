/**
 * Hover on a name: a parameter, resource, condition, mapping or output (at its key or at a
 * reference), a `GetAtt` attribute, a pseudo-parameter, a generated logical ID, a loop
 * identifier. For entities: what it is, what it depends on and what depends on it (from the
 * graph, with edge kinds), and the findings on it.
 *
 * Elsewhere, what the schema knows (`schemaHover`): a resource type (the value of `Type`), a
 * property name at any depth below `Properties` (type, required, replacement, documentation
 * and the AWS reference page), an intrinsic function (`!Sub`, `Fn::GetAtt:`, `"Ref"`), a
 * resource attribute key (`DeletionPolicy`, …) and a template section. Markdown; undefined
 * on anything else (values, free text).
 */
import type { Analysis } from '../analyze';
import type { GraphEdge } from '../graph/graph';
import type { Finding } from '../types';
import { escapeMarkdown } from '../util/text';
import { ScalarNode, get, isMap, isScalar, isSeq, nodeAt, pathOf, scalarString } from '../parse/node';
import { asIntrinsic } from '../parse/intrinsics';
import { contentStart } from '../parse/references';
import { docsUrlFor, getResourceType, typeToString } from '../spec/spec';
import type { PropertySpec } from '../spec/types';
import { CFN_DOCS_BASE, resourceDocsUrl } from '../spec/docs';
import { Spot, Target, symbolAt } from './navigation';
import { propertyAt } from './template-schema';
import { recoveryHoverSection } from './hover-recovery';

export interface HoverInfo {
  /** Range of the hovered name. */
  start: number;
  end: number;
  markdown: string;
}

/** How many related names / findings a hover lists before "… and N more". */
const MAX_LIST = 20;
const MAX_FINDINGS = 8;

const PSEUDO_DOCS: Readonly<Record<string, string>> = {
  'AWS::AccountId': 'The AWS account ID of the account in which the stack is being created.',
  'AWS::NotificationARNs': 'The list of notification ARNs of the stack.',
  'AWS::NoValue': 'Removes the property it is the value of (used with Fn::If).',
  'AWS::Partition': 'The partition of the Region: aws, aws-cn, aws-us-gov, …',
  'AWS::Region': 'The Region in which the stack is being created.',
  'AWS::StackId': 'The ID (ARN) of the stack.',
  'AWS::StackName': 'The name of the stack.',
  'AWS::URLSuffix': 'The domain suffix of the Region: amazonaws.com, or amazonaws.com.cn in China.',
};

/** Inline code, safe for any content. */
export function code(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  const fence = one.includes('`') ? '``' : '`';
  const pad = one.startsWith('`') || one.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${one}${pad}${fence}`;
}

function shorten(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** First sentence (or so) of a documentation string. */
function firstSentence(doc: string): string {
  const one = doc.replace(/\s+/g, ' ').trim();
  const m = /^(.{20,400}?[.!?])(\s|$)/.exec(one);
  return m ? m[1] : shorten(one, 400);
}

function displayNode(a: Analysis, id: string): string {
  const n = a.graph.nodes.get(id);
  if (!n) return code(id);
  switch (n.kind) {
    case 'resource':
      return `${code(n.name)}${n.type ? ` (${n.type})` : ' (resource)'}`;
    case 'pseudo':
      return `${code(n.name)} (pseudo parameter)`;
    case 'import':
      return `export ${code(n.name)}`;
    default:
      return `${code(n.name)} (${n.kind})`;
  }
}

/** `Ref`, `GetAtt Arn`, `Sub Arn` (a `${X.Arn}`), `SAM: Events.Orders (SQS)`, `… if IsProd`. */
function edgeLabel(e: GraphEdge): string {
  let s: string = e.kind;
  if ((e.kind === 'GetAtt' || e.kind === 'Sub') && e.ref?.attribute) s = `${e.kind} ${e.ref.attribute}`;
  if (e.kind === 'SAM') s = `SAM${e.label ? `: ${e.label}` : ''}`;
  if (e.under?.length) s += ` if ${e.under.map((g) => (g.value ? g.condition : `!${g.condition}`)).join(' & ')}`;
  return escapeMarkdown(s);
}

/** Edges grouped by the node at their other end, in first-seen order. */
function grouped(a: Analysis, edges: readonly GraphEdge[], other: (e: GraphEdge) => string, title: string): string[] {
  if (!edges.length) return [];
  const groups = new Map<string, string[]>();
  for (const e of edges) {
    const k = other(e);
    const labels = groups.get(k) ?? [];
    const l = edgeLabel(e);
    if (!labels.includes(l)) labels.push(l);
    groups.set(k, labels);
  }
  const lines = [`**${title}** (${groups.size})`, ''];
  let i = 0;
  for (const [k, labels] of groups) {
    if (i++ === MAX_LIST) {
      lines.push(`- … and ${groups.size - MAX_LIST} more`);
      break;
    }
    lines.push(`- ${displayNode(a, k)} — ${labels.join(', ')}`);
  }
  return lines;
}

const SEVERITY_LABEL: Record<Finding['severity'], string> = { error: '_error_', warning: '_warning_', info: '_info_' };

function findingsOn(a: Analysis, tg: Target): Finding[] {
  const e = tg.entity;
  if (!e) return [];
  // The finding names the entity, and lies inside its definition (a parameter and an output may share a name).
  return a.findings.filter((f) => f.resource === tg.name && f.start >= e.pair.start && f.start <= e.pair.end);
}

function findingLines(fs: Finding[]): string[] {
  if (!fs.length) return [];
  const order = { error: 0, warning: 1, info: 2 };
  const sorted = [...fs].sort((x, y) => order[x.severity] - order[y.severity] || x.start - y.start);
  const lines = [`**Findings** (${fs.length})`, ''];
  for (const f of sorted.slice(0, MAX_FINDINGS)) lines.push(`- ${SEVERITY_LABEL[f.severity]} ${escapeMarkdown(shorten(f.message, 200))} ${code(f.rule)}`);
  if (sorted.length > MAX_FINDINGS) lines.push(`- … and ${sorted.length - MAX_FINDINGS} more`);
  return lines;
}

function section(lines: string[], part: string[]): void {
  if (!part.length) return;
  lines.push('', ...part);
}

function entityHover(a: Analysis, tg: Target): string {
  const t = a.template;
  const e = tg.entity!;
  const id = tg.key;
  const head: string[] = [];
  switch (tg.kind) {
    case 'resource': {
      const r = t.resources.get(tg.name);
      const type = r?.type;
      const url = type ? resourceDocsUrl(type) : undefined;
      head.push(`**Resource** ${code(tg.name)}${type ? ` — ${url ? `[${escapeMarkdown(type)}](${url})` : code(type)}` : ''}`);
      const doc = type ? getResourceType(type)?.documentation : undefined;
      if (doc && !/^https?:/.test(doc)) head.push('', escapeMarkdown(firstSentence(doc.replace(/`/g, ''))));
      const facts: string[] = [];
      if (r?.condition && r.condition.value !== null) facts.push(`Condition: ${code(String(r.condition.value))}`);
      if (r?.deletionPolicy && isScalar(r.deletionPolicy)) facts.push(`DeletionPolicy: ${code(String(r.deletionPolicy.value))}`);
      if (r?.updateReplacePolicy && isScalar(r.updateReplacePolicy)) facts.push(`UpdateReplacePolicy: ${code(String(r.updateReplacePolicy.value))}`);
      if (facts.length) head.push('', facts.join(' · '));
      break;
    }
    case 'parameter': {
      const p = t.parameters.get(tg.name);
      head.push(`**Parameter** ${code(tg.name)}${p?.type ? ` — ${code(p.type)}` : ''}`);
      const desc = scalarString(get(e.value, 'Description'));
      if (desc) head.push('', escapeMarkdown(shorten(desc, 300)));
      const facts: string[] = [];
      const def = p?.default;
      if (def && isScalar(def)) facts.push(`Default: ${code(String(def.value ?? ''))}`);
      const allowed = p?.allowedValues;
      if (isSeq(allowed)) facts.push(`Allowed: ${allowed.items.slice(0, 10).map((i) => code(scalarString(i) ?? '…')).join(', ')}${allowed.items.length > 10 ? ', …' : ''}`);
      if (scalarString(get(e.value, 'NoEcho')) === 'true') facts.push('NoEcho');
      if (facts.length) head.push('', facts.join(' · '));
      break;
    }
    case 'condition': {
      head.push(`**Condition** ${code(tg.name)}`);
      const src = t.text.slice(e.value.start, e.value.end);
      const lines = src.split(/\r?\n/);
      const shown = lines.slice(0, 8).join('\n');
      if (src.trim()) head.push('', '```' + (t.format === 'json' ? 'json' : 'yaml'), shown.replace(/```/g, '` ` `') + (lines.length > 8 ? '\n…' : ''), '```');
      break;
    }
    case 'mapping': {
      const keys = isMap(e.value) ? e.value.pairs.map((p) => String(p.key.value)) : [];
      head.push(`**Mapping** ${code(tg.name)}${keys.length ? ` — ${keys.length} key${keys.length === 1 ? '' : 's'}` : ''}`);
      if (keys.length) head.push('', `${keys.slice(0, 12).map(code).join(', ')}${keys.length > 12 ? ', …' : ''}`);
      break;
    }
    case 'output': {
      head.push(`**Output** ${code(tg.name)}`);
      const desc = scalarString(get(e.value, 'Description'));
      if (desc) head.push('', escapeMarkdown(shorten(desc, 300)));
      const exp = get(get(e.value, 'Export'), 'Name');
      if (exp) head.push('', `Export: ${code(shorten(t.text.slice(exp.start, exp.end), 120))}`);
      break;
    }
    default:
      head.push(code(tg.name));
  }
  const lines = [...head];
  // Outputs depend on things but nothing depends on them (within the template).
  section(lines, grouped(a, a.graph.dependencies(id), (x) => x.to, 'Depends on'));
  const dependents = a.graph.dependents(id).filter((x) => x.kind !== 'Export');
  section(lines, grouped(a, dependents, (x) => x.from, 'Used by'));
  if ((tg.kind === 'parameter' || tg.kind === 'condition' || tg.kind === 'mapping') && !dependents.length) {
    // Declared for nothing? (Resources and outputs are not meant to be referenced.) Rules and Globals have no graph node.
    const uses = a.graph.usages(id).length;
    section(lines, [uses ? `Used ${uses} time${uses === 1 ? '' : 's'} outside the resources and outputs (Rules, Globals).` : '_Not used anywhere in this template._']);
  }
  if (tg.kind === 'resource') section(lines, recoveryHoverSection(a, tg.name));
  section(lines, findingLines(findingsOn(a, tg)));
  return lines.join('\n');
}

function attributeHover(a: Analysis, s: Spot): string {
  const tg = s.target;
  const type = tg.kind === 'resource' ? a.template.resources.get(tg.name)?.type : undefined;
  const attr = s.attribute ?? '';
  const spec = type ? getResourceType(type)?.attributes[attr] : undefined;
  const lines = [`**Attribute** ${code(attr)} of ${code(tg.name)}${type ? ` (${type})` : ''}`];
  if (spec?.documentation) lines.push('', escapeMarkdown(firstSentence(spec.documentation.replace(/`/g, ''))));
  else if (type && getResourceType(type) && !spec && !attr.includes('.')) lines.push('', `_${escapeMarkdown(type)} has no attribute ${escapeMarkdown(attr)}._`);
  return lines.join('\n');
}

/** Hover for the name at `offset`; undefined when there is none (or nothing to say). */
export function hover(a: Analysis, offset: number): HoverInfo | undefined {
  const s = symbolAt(a, offset);
  if (!s) return a.kind === 'none' ? undefined : schemaHover(a, offset);
  const tg = s.target;
  let markdown: string | undefined;
  if (s.role === 'attribute') markdown = attributeHover(a, s);
  else if (tg.entity) markdown = entityHover(a, tg);
  else if (tg.kind === 'pseudo') markdown = `**Pseudo parameter** ${code(tg.name)}\n\n${escapeMarkdown(PSEUDO_DOCS[tg.name] ?? 'Defined by CloudFormation.')}`;
  else if (tg.kind === 'generated') {
    const by = tg.generatedBy ?? '';
    const r = a.template.resources.get(by);
    markdown = by.startsWith('Fn::ForEach::')
      ? `**Generated** ${code(tg.name)}\n\nA logical ID that ${code(by)} creates.`
      : `**Generated** ${code(tg.name)}\n\nA logical ID that the transform creates from ${code(by)}${r?.type ? ` (${r.type})` : ''}.`;
  } else if (tg.kind === 'loop') {
    const seq = tg.loopNode?.parent;
    const coll = isSeq(seq) ? seq.items[1] : undefined;
    const loop = isSeq(seq) && seq.pair ? String(seq.pair.key.value) : 'Fn::ForEach';
    const values = isSeq(coll) ? coll.items.map((i) => scalarString(i) ?? '…') : undefined;
    markdown = `**Loop identifier** ${code(tg.name)} of ${code(loop)}${values ? `\n\nValues: ${values.slice(0, 12).map(code).join(', ')}${values.length > 12 ? ', …' : ''}` : ''}`;
  } else if (tg.kind === 'import') {
    const out = a.graph.dependencies(tg.key).find((e) => e.kind === 'Export');
    markdown = `**Import** ${code(tg.name)}\n\n${out ? `Exported by output ${code(out.to.replace(/^Outputs\./, ''))} of this template.` : 'An export of another stack.'}`;
  }
  return markdown ? { start: s.start, end: s.end, markdown } : undefined;
}

// ---------------------------------------------------------------------------------------------
// What the schema and the language know: resource types, properties, intrinsic functions

export interface IntrinsicDoc {
  /** Long form: `Fn::GetAtt`, `Ref`, `Condition`. */
  fn: string;
  summary: string;
  /** YAML short form, as written: `!GetAtt logicalId.attribute`. */
  yaml: string;
  json: string;
  /** Page name in the template reference (intrinsic-function-reference-<page>.html[#anchor]). */
  page: string;
  /** Where the function may be used, when not everywhere a value goes. */
  where?: string;
}

/** The intrinsic functions: what they return, their syntax, their reference page. */
export const INTRINSIC_DOCS: readonly IntrinsicDoc[] = [
  { fn: 'Ref', summary: 'The value of a parameter, or the identifier of a resource (the physical ID, usually its name or ID; what a type returns is on its reference page under "Return values").', yaml: '!Ref LogicalName', json: '{ "Ref": "LogicalName" }', page: 'ref' },
  { fn: 'Fn::GetAtt', summary: 'The value of an attribute of a resource of this template (an ARN, an endpoint, …).', yaml: '!GetAtt LogicalId.Attribute', json: '{ "Fn::GetAtt": ["LogicalId", "Attribute"] }', page: 'getatt' },
  { fn: 'Fn::Sub', summary: 'A string with `${Name}` replaced by parameter values, resource identifiers, `${Resource.Attribute}` values, pseudo parameters or the variables of the list form; `${!Literal}` writes `${Literal}`.', yaml: "!Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'", json: '{ "Fn::Sub": ["text ${Var}", { "Var": value }] }', page: 'sub' },
  { fn: 'Fn::Join', summary: 'The items of a list joined with a delimiter.', yaml: "!Join [':', [a, b, c]]", json: '{ "Fn::Join": [":", ["a", "b", "c"]] }', page: 'join' },
  { fn: 'Fn::Select', summary: 'The item at an index (from 0) of a list.', yaml: "!Select [0, !GetAZs '']", json: '{ "Fn::Select": ["0", { "Fn::GetAZs": "" }] }', page: 'select' },
  { fn: 'Fn::Split', summary: 'A string split at a delimiter into a list.', yaml: "!Split [',', !Ref Subnets]", json: '{ "Fn::Split": [",", { "Ref": "Subnets" }] }', page: 'split' },
  { fn: 'Fn::If', summary: 'The second argument when the condition is true, the third when it is false (`!Ref AWS::NoValue` removes the property).', yaml: '!If [Condition, ValueIfTrue, ValueIfFalse]', json: '{ "Fn::If": ["Condition", "ValueIfTrue", "ValueIfFalse"] }', page: 'conditions', where: 'resource properties, outputs, Metadata, UpdatePolicy' },
  { fn: 'Fn::Equals', summary: 'True when two values are equal.', yaml: '!Equals [!Ref Env, prod]', json: '{ "Fn::Equals": [{ "Ref": "Env" }, "prod"] }', page: 'conditions', where: 'the Conditions section (and Rules)' },
  { fn: 'Fn::And', summary: 'True when all the conditions (2 to 10) are true.', yaml: '!And [!Condition A, !Condition B]', json: '{ "Fn::And": [{ "Condition": "A" }, { "Condition": "B" }] }', page: 'conditions', where: 'the Conditions section (and Rules)' },
  { fn: 'Fn::Or', summary: 'True when any of the conditions (2 to 10) is true.', yaml: '!Or [!Condition A, !Condition B]', json: '{ "Fn::Or": [{ "Condition": "A" }, { "Condition": "B" }] }', page: 'conditions', where: 'the Conditions section (and Rules)' },
  { fn: 'Fn::Not', summary: 'True when the condition is false.', yaml: '!Not [!Condition A]', json: '{ "Fn::Not": [{ "Condition": "A" }] }', page: 'conditions', where: 'the Conditions section (and Rules)' },
  { fn: 'Condition', summary: 'The value of another condition.', yaml: '!Condition ConditionName', json: '{ "Condition": "ConditionName" }', page: 'conditions', where: 'the Conditions section (and Rules)' },
  { fn: 'Fn::FindInMap', summary: 'The value under two keys of a mapping of the Mappings section.', yaml: '!FindInMap [MapName, TopLevelKey, SecondLevelKey]', json: '{ "Fn::FindInMap": ["MapName", "TopLevelKey", "SecondLevelKey"] }', page: 'findinmap' },
  { fn: 'Fn::Base64', summary: 'The Base64 encoding of a string (EC2 UserData).', yaml: '!Base64 text', json: '{ "Fn::Base64": "text" }', page: 'base64' },
  { fn: 'Fn::Cidr', summary: 'A list of CIDR blocks carved out of a block: count, then the number of host bits of each.', yaml: '!Cidr [!GetAtt VPC.CidrBlock, 4, 12]', json: '{ "Fn::Cidr": [{ "Fn::GetAtt": ["VPC", "CidrBlock"] }, 4, 12] }', page: 'cidr' },
  { fn: 'Fn::GetAZs', summary: "The Availability Zones of a Region ('' = the stack's Region), in alphabetical order; pick them with Fn::Select.", yaml: "!GetAZs ''", json: '{ "Fn::GetAZs": "" }', page: 'getavailabilityzones' },
  { fn: 'Fn::ImportValue', summary: 'The value that another stack exports under a name.', yaml: "!ImportValue shared-vpc-id", json: '{ "Fn::ImportValue": "shared-vpc-id" }', page: 'importvalue' },
  { fn: 'Fn::Transform', summary: 'Processes a part of the template with a macro (AWS::Include, …).', yaml: '!Transform { Name: AWS::Include, Parameters: { Location: s3://bucket/file.yaml } }', json: '{ "Fn::Transform": { "Name": "AWS::Include", "Parameters": { "Location": "s3://…" } } }', page: 'transform' },
  { fn: 'Fn::ToJsonString', summary: 'An object or list as a JSON string (needs the AWS::LanguageExtensions transform).', yaml: '!ToJsonString { key: value }', json: '{ "Fn::ToJsonString": { "key": "value" } }', page: 'ToJsonString' },
  { fn: 'Fn::Length', summary: 'The number of items of a list (needs the AWS::LanguageExtensions transform).', yaml: '!Length [a, b]', json: '{ "Fn::Length": ["a", "b"] }', page: 'length' },
  { fn: 'Fn::ForEach', summary: 'Repeats a template fragment for each item of a collection (needs the AWS::LanguageExtensions transform).', yaml: 'Fn::ForEach::Loop: [Id, [a, b], { Resource${Id}: … }]', json: '{ "Fn::ForEach::Loop": ["Id", ["a", "b"], { "Resource${Id}": {} }] }', page: 'foreach' },
];

const INTRINSIC_BY_FN = new Map(INTRINSIC_DOCS.map((d) => [d.fn, d]));

export function intrinsicDoc(fn: string): IntrinsicDoc | undefined {
  return INTRINSIC_BY_FN.get(fn.startsWith('Fn::ForEach::') ? 'Fn::ForEach' : fn);
}

export function intrinsicDocsUrl(d: IntrinsicDoc): string {
  const anchor = d.page === 'conditions' ? `#intrinsic-function-reference-conditions-${d.fn.replace(/^Fn::/, '').toLowerCase()}` : '';
  return `${CFN_DOCS_BASE}intrinsic-function-reference-${d.page}.html${anchor}`;
}

export function intrinsicMarkdown(d: IntrinsicDoc): string {
  const short = d.fn === 'Ref' || d.fn === 'Condition' ? `!${d.fn}` : d.fn.startsWith('Fn::ForEach') ? undefined : `!${d.fn.slice(4)}`;
  const lines = [`**${escapeMarkdown(d.fn)}**${short ? ` (${code(short)})` : ''} — intrinsic function`, '', escapeMarkdown(d.summary).replace(/\\`/g, '`')];
  if (d.where) lines.push('', `Used in ${escapeMarkdown(d.where)}.`);
  lines.push('', '```yaml', d.yaml, '```', '', '```json', d.json, '```', '', `[AWS reference](${intrinsicDocsUrl(d)})`);
  return lines.join('\n');
}

const RESOURCE_ATTRIBUTE_DOCS: Readonly<Record<string, [string, string]>> = {
  Type: ['The resource type, `AWS::Service::Resource` (or `Custom::Name`, a registry or SAM type).', 'aws-template-resource-type-ref.html'],
  Properties: ['The properties of the resource, as its type defines them.', 'aws-template-resource-type-ref.html'],
  DependsOn: ['Resources that must be created before this one (besides those it references with Ref, GetAtt or Sub, which CloudFormation orders already).', 'aws-attribute-dependson.html'],
  Condition: ['The condition that must be true for the resource to be created.', 'aws-attribute-condition.html'],
  DeletionPolicy: ['What happens to the resource (and its data) when it is removed from the stack or the stack is deleted: `Delete`, `Retain`, `RetainExceptOnCreate` or, for databases and volumes, `Snapshot`.', 'aws-attribute-deletionpolicy.html'],
  UpdateReplacePolicy: ['What happens to the old resource when an update replaces it: `Delete`, `Retain` or `Snapshot`.', 'aws-attribute-updatereplacepolicy.html'],
  Metadata: ['Structured data attached to the resource (cfn-init configuration, tool settings such as `cfn-resilience: { ignore: [...] }`).', 'aws-attribute-metadata.html'],
  CreationPolicy: ['Makes CloudFormation wait for success signals (cfn-signal) or a count of instances before the resource counts as created.', 'aws-attribute-creationpolicy.html'],
  UpdatePolicy: ['How updates roll out on Auto Scaling groups, ElastiCache, OpenSearch and Lambda aliases (rolling update, replacing update, CodeDeploy).', 'aws-attribute-updatepolicy.html'],
};

const SECTION_DOCS: Readonly<Record<string, [string, string]>> = {
  AWSTemplateFormatVersion: ['The template format version; the only valid value is `2010-09-09`.', 'format-version-structure.html'],
  Description: ['A text that describes the template (up to 1024 bytes).', 'template-description-structure.html'],
  Metadata: ['Objects that describe the template: console parameter groups (`AWS::CloudFormation::Interface`), tool settings.', 'metadata-section-structure.html'],
  Parameters: ['Values passed in when the stack is created or updated.', 'parameters-section-structure.html'],
  Rules: ['Assertions on parameter values, checked before the stack is created or updated.', 'rules-section-structure.html'],
  Mappings: ['Lookup tables of keys and values, read with Fn::FindInMap.', 'mappings-section-structure.html'],
  Conditions: ['Named conditions that decide whether resources and outputs are created, and values (Fn::If).', 'conditions-section-structure.html'],
  Transform: ['Macros that process the template, e.g. `AWS::Serverless-2016-10-31` for SAM.', 'transform-section-structure.html'],
  Resources: ['The resources of the stack (required).', 'resources-section-structure.html'],
  Outputs: ['Values the stack returns, and exports other stacks can import.', 'outputs-section-structure.html'],
};

/** CloudFormation's user guide, where the template anatomy pages are. */
const USER_GUIDE = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/';

/** Markdown for a resource type: its documentation and its reference page. */
export function resourceTypeMarkdown(type: string): string | undefined {
  const spec = getResourceType(type);
  if (!spec) return undefined;
  const url = spec.docsUrl ?? resourceDocsUrl(type);
  const lines = [`**${escapeMarkdown(type)}** — resource type${spec.transform ? ` (needs the ${code(spec.transform)} transform)` : ''}`];
  if (spec.documentation && !/^https?:/.test(spec.documentation)) lines.push('', escapeMarkdown(shorten(spec.documentation.replace(/`/g, ''), 900)));
  const facts: string[] = [];
  if (spec.required.length) facts.push(`Required: ${spec.required.map(code).join(', ')}`);
  if (spec.stateful) facts.push('Holds data: consider `DeletionPolicy` and `UpdateReplacePolicy`');
  if (facts.length) lines.push('', facts.join(' · '));
  if (url) lines.push('', `[AWS reference](${url})`);
  return lines.join('\n');
}

/** Markdown for a property: its type, required, replacement, documentation and reference anchor. */
export function propertyMarkdown(resourceType: string, path: readonly (string | number)[], p: PropertySpec, owner?: string): string {
  const lines = [`**${escapeMarkdown(p.name)}** — ${code(typeToString(p.type))}${p.required ? ' · required' : ''}${p.deprecated ? ' · _deprecated_' : ''}`];
  lines.push('', `Property of ${code(owner ?? resourceType)}${owner ? ` (${escapeMarkdown(resourceType)})` : ''}`);
  if (p.documentation) lines.push('', escapeMarkdown(shorten(p.documentation.replace(/`/g, ''), 900)));
  const facts: string[] = [];
  if (p.allowedValues?.length) facts.push(`Allowed: ${p.allowedValues.slice(0, 12).map((v) => code(String(v))).join(', ')}${p.allowedValues.length > 12 ? ', …' : ''}`);
  if (p.defaultValue !== undefined) facts.push(`Default: ${code(p.defaultValue)}`);
  if (p.updateRequiresReplacement === 'yes') facts.push('Changing it **replaces** the resource');
  else if (p.updateRequiresReplacement === 'maybe') facts.push('Changing it may replace the resource');
  if (facts.length) lines.push('', facts.join(' · '));
  const url = docsUrlFor(resourceType, path);
  if (url) lines.push('', `[AWS reference](${url})`);
  return lines.join('\n');
}

function scalarRange(a: Analysis, s: ScalarNode): { start: number; end: number } {
  const cs = contentStart(s, a.template.text);
  const raw = a.template.text.slice(cs, s.end);
  const value = scalarString(s) ?? '';
  return raw.startsWith(value) ? { start: cs, end: cs + value.length } : { start: s.start, end: s.end };
}

/**
 * Hover from the schema and the language at `offset`, for what is not a name: a resource type
 * value, a property key, an intrinsic function, a resource attribute key, a section key.
 */
export function schemaHover(a: Analysis, offset: number): HoverInfo | undefined {
  const t = a.template;
  if (!t.root) return undefined;
  const hit = nodeAt(t.root, offset);
  if (!hit || !isScalar(hit.node)) return undefined;
  const s = hit.node;
  const at = scalarRange(a, s);
  if (hit.key) {
    const map = hit.key.parent;
    const name = scalarString(s) ?? '';
    // An intrinsic function: a one-pair map keyed by its name (`!Sub` is such a key, spanning the tag).
    const intr = asIntrinsic(map, true);
    if (intr && intr.keyNode === s) {
      const d = intrinsicDoc(intr.fn);
      return d ? { start: s.start, end: s.end, markdown: intrinsicMarkdown(d) } : undefined;
    }
    if (name.startsWith('Fn::ForEach::')) {
      const d = intrinsicDoc(name);
      return d ? { ...at, markdown: intrinsicMarkdown(d) } : undefined;
    }
    const path = pathOf(map);
    if (path.length === 0 && SECTION_DOCS[name]) {
      const [doc, page] = SECTION_DOCS[name];
      return { ...at, markdown: `**${name}** — template section\n\n${doc}\n\n[AWS reference](${USER_GUIDE}${page})` };
    }
    if (path.length === 2 && path[0] === 'Resources' && RESOURCE_ATTRIBUTE_DOCS[name]) {
      const [doc, page] = RESOURCE_ATTRIBUTE_DOCS[name];
      const base = page.startsWith('aws-attribute') ? USER_GUIDE : CFN_DOCS_BASE;
      return { ...at, markdown: `**${name}** — resource attribute\n\n${doc}\n\n[AWS reference](${base}${page})` };
    }
    const prop = propertyAt(t, [...path, name]);
    if (prop) return { ...at, markdown: propertyMarkdown(prop.resourceType, prop.path, prop.property, prop.owner) };
    return undefined;
  }
  // A value: only the resource type is described.
  const path = pathOf(s);
  if (path.length === 3 && path[0] === 'Resources' && path[2] === 'Type' && typeof s.value === 'string') {
    const md = resourceTypeMarkdown(s.value);
    return md ? { ...at, markdown: md } : undefined;
  }
  return undefined;
}
