/**
 * Hover on a name: a parameter, resource, condition, mapping or output (at its key or at a
 * reference), a `GetAtt` attribute, a pseudo-parameter, a generated logical ID, a loop
 * identifier. For entities: what it is, what it depends on and what depends on it (from the
 * graph, with edge kinds), and the findings on it. Markdown; undefined on anything else.
 */
import type { Analysis } from '../analyze';
import type { GraphEdge } from '../graph/graph';
import type { Finding } from '../types';
import { get, isMap, isScalar, isSeq, scalarString } from '../parse/node';
import { getResourceType } from '../spec/spec';
import { resourceDocsUrl } from '../spec/docs';
import { Spot, Target, symbolAt } from './navigation';
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

/** Plain text made inert for Markdown (no emphasis, links or HTML). */
export function escapeMarkdown(s: string): string {
  // Brackets escaped, parentheses cannot form a link; a leading #, + or - could start a block.
  return s.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`).replace(/^([#+-])/, '\\$1');
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
  if (!s) return undefined;
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
