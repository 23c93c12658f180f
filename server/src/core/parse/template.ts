/**
 * The template model: sections, entities (parameters, resources, conditions, mappings,
 * outputs) and every reference, with source ranges. Built once per document version.
 */
import { SourceFormat, TemplateKind } from '../types';
import { LineIndex } from './lines';
import { MapNode, Node, Pair, ScalarNode, get, getPair, isMap, isScalar, isSeq, scalarString } from './node';
import { SyntaxIssue } from './diagnostics';
import { cleanTreeText, parseYaml } from './yaml';
import { reparseYaml } from './yaml-reuse';
import { parseJson } from './json';
import { collectReferences, Reference } from './references';
import { GeneratedResources, generatedResources } from './generated';

export type SectionName = 'Parameters' | 'Resources' | 'Conditions' | 'Mappings' | 'Outputs';

export const TOP_LEVEL_SECTIONS: readonly string[] = [
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
  'Globals',
];

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

export interface Entity {
  section: SectionName;
  id: string;
  /** The key naming the entity (its logical ID) and its whole value. */
  key: ScalarNode;
  value: Node;
  pair: Pair;
}

export interface Parameter extends Entity {
  section: 'Parameters';
  type?: string;
  default?: Node;
  allowedValues?: Node;
}

export interface Resource extends Entity {
  section: 'Resources';
  type?: string;
  typeNode?: ScalarNode;
  /** The `Properties` map when it is a map. */
  properties?: MapNode;
  condition?: ScalarNode;
  dependsOn: ScalarNode[];
  deletionPolicy?: Node;
  updateReplacePolicy?: Node;
  metadata?: Node;
}

export interface Template {
  text: string;
  format: SourceFormat;
  kind: TemplateKind;
  lines: LineIndex;
  root: MapNode | null;
  /** Problems from reading the text. */
  issues: SyntaxIssue[];
  /** Top-level pairs by key. */
  sections: Map<string, Pair>;
  parameters: Map<string, Parameter>;
  resources: Map<string, Resource>;
  conditions: Map<string, Entity>;
  mappings: Map<string, Entity>;
  outputs: Map<string, Entity>;
  /** `Fn::ForEach::Name` entries of Resources, Outputs or Conditions, kept intact. */
  forEach: Pair[];
  transforms: string[];
  /** Every reference written in the template, in source order. */
  references: Reference[];
  resourcesByType: Map<string, Resource[]>;
  /** Logical IDs that SAM or modules create although the template does not declare them. */
  generated: GeneratedResources;
}

export interface ParseOptions {
  fileName?: string;
  format?: SourceFormat;
  /** The template of the previous version of the same document (see yaml-reuse.ts). */
  previous?: Template;
}

export function detectFormat(text: string, fileName?: string): SourceFormat {
  if (fileName) {
    const lower = fileName.toLowerCase();
    if (lower.endsWith('.json')) return 'json';
    if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\uFEFF' || c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    return c === '{' ? 'json' : 'yaml';
  }
  return 'yaml';
}

const TYPE_RE = /^(AWS|Custom|Alexa)::[A-Za-z0-9]+/;

function transformsOf(root: MapNode | null): string[] {
  const t = get(root, 'Transform');
  if (!t) return [];
  if (isScalar(t)) return t.value === null ? [] : [String(t.value)];
  if (isSeq(t)) return t.items.map((i) => scalarString(i) ?? (isMap(i) ? scalarString(get(i, 'Name')) ?? '' : '')).filter(Boolean);
  if (isMap(t)) return [scalarString(get(t, 'Name')) ?? ''].filter(Boolean);
  return [];
}

/**
 * Is this document a CloudFormation/SAM template? `AWSTemplateFormatVersion`, a SAM
 * `Transform`, or a `Resources` map whose entries have `Type: AWS::…/Custom::…/Alexa::…`.
 */
export function detectKind(root: MapNode | null, transforms: string[], text: string): TemplateKind {
  if (!root) return looksLikeTemplateText(text) ? 'cloudformation' : 'none';
  const resources = get(root, 'Resources');
  let typed = false;
  let serverless = false;
  const scan = (entries: MapNode, depth: number): void => {
    for (const p of entries.pairs) {
      const body = isSeq(p.value) ? p.value.items[2] : undefined;
      // `Fn::ForEach::Name: [Id, [...], {LogicalId${Id}: {Type: …}}]`: the resources are in the body.
      if (String(p.key.value ?? '').startsWith('Fn::ForEach::') && isMap(body) && depth < 5) scan(body, depth + 1);
      const type = scalarString(get(p.value, 'Type'));
      if (type && TYPE_RE.test(type)) {
        typed = true;
        if (type.startsWith('AWS::Serverless::')) serverless = true;
      }
    }
  };
  if (isMap(resources)) scan(resources, 0);
  const sam = transforms.some((t) => t.startsWith('AWS::Serverless'));
  if (sam || serverless) return 'sam';
  if (getPair(root, 'AWSTemplateFormatVersion') || typed) return 'cloudformation';
  return 'none';
}

/** For text too broken to give a root map: does it still read like a template? */
export function looksLikeTemplateText(text: string): boolean {
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  return /(^|[\s{,"'])"?AWSTemplateFormatVersion"?\s*:/.test(head) || /"?Type"?\s*:\s*["']?(AWS|Custom|Alexa)::[A-Za-z0-9]+::/.test(head) || /AWS::Serverless-2016-10-31/.test(head);
}

function entitiesOf<T extends Entity>(root: MapNode | null, section: SectionName, extra?: (e: T) => void, forEach?: Pair[]): Map<string, T> {
  const out = new Map<string, T>();
  const sec = get(root, section);
  if (!isMap(sec)) return out;
  for (const pair of sec.pairs) {
    const id = String(pair.key.value ?? '');
    if (id.startsWith('Fn::ForEach::')) {
      forEach?.push(pair);
      continue;
    }
    const e = { section, id, key: pair.key, value: pair.value, pair } as T;
    extra?.(e);
    out.set(id, e);
  }
  return out;
}

/** For each YAML template, the last clean tree of its document (its own when it is clean). */
const reuseBase = new WeakMap<Template, Node>();

export function parseTemplate(text: string, options: ParseOptions = {}): Template {
  const format = options.format ?? detectFormat(text, options.fileName);
  // A byte-order mark: the YAML reader skips it itself (offsets stay true); for JSON it is
  // blanked (same length). Blanking it in YAML would indent the first line only.
  const src = format === 'json' && text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  // The last clean YAML tree of the document: its entries are reused by an edit (yaml-reuse.ts).
  const base = options.previous?.format === 'yaml' && format === 'yaml' ? reuseBase.get(options.previous) : undefined;
  const tree = format === 'json' ? parseJson(src) : ((base && reparseYaml(base, src)) || parseYaml(src));
  const root = isMap(tree.root) ? tree.root : null;
  // Reader positions past the end (an error "at" the end of the text) are kept inside it.
  const issues = tree.issues.map((i) => {
    const start = Math.min(Math.max(0, i.start), text.length);
    return { ...i, start, end: Math.min(Math.max(i.end, start), text.length) };
  });
  // A document that is a list (an Ansible playbook, a JSON array) is never a template, even
  // when a template is embedded in one of its strings; the text heuristic is for broken text.
  const listRoot = isSeq(tree.root);
  if (tree.root && !root && !listRoot && looksLikeTemplateText(text)) {
    issues.push({ code: 'root-not-map', message: 'A template must be a mapping of sections (AWSTemplateFormatVersion, Resources, …).', start: tree.root.start, end: Math.max(tree.root.end, tree.root.start + 1), severity: 'error' });
  }
  const transforms = transformsOf(root);
  let kind = listRoot ? 'none' : detectKind(root, transforms, text);
  // A reader error (a tab, a missing colon) may have cost the keys detection looks for: text
  // that still reads like a template is one, so that its syntax errors are shown.
  if (kind === 'none' && !listRoot && issues.some((i) => i.severity === 'error' && i.code !== 'yaml-MULTIPLE_DOCUMENTS') && looksLikeTemplateText(text)) kind = 'cloudformation';
  const sections = new Map<string, Pair>();
  for (const p of root?.pairs ?? []) sections.set(String(p.key.value ?? ''), p);

  const forEach: Pair[] = [];
  const parameters = entitiesOf<Parameter>(root, 'Parameters', (p) => {
    p.type = scalarString(get(p.value, 'Type'));
    p.default = get(p.value, 'Default');
    p.allowedValues = get(p.value, 'AllowedValues');
  });
  const resourcesByType = new Map<string, Resource[]>();
  const resources = entitiesOf<Resource>(
    root,
    'Resources',
    (r) => {
      const typeNode = get(r.value, 'Type');
      r.typeNode = isScalar(typeNode) ? typeNode : undefined;
      r.type = scalarString(typeNode);
      const props = get(r.value, 'Properties');
      r.properties = isMap(props) ? props : undefined;
      const cond = get(r.value, 'Condition');
      r.condition = isScalar(cond) ? cond : undefined;
      const dep = get(r.value, 'DependsOn');
      r.dependsOn = isScalar(dep) ? [dep] : isSeq(dep) ? dep.items.filter(isScalar) : [];
      r.deletionPolicy = get(r.value, 'DeletionPolicy');
      r.updateReplacePolicy = get(r.value, 'UpdateReplacePolicy');
      r.metadata = get(r.value, 'Metadata');
      if (r.type) {
        const list = resourcesByType.get(r.type);
        if (list) list.push(r);
        else resourcesByType.set(r.type, [r]);
      }
    },
    forEach,
  );
  const conditions = entitiesOf<Entity>(root, 'Conditions', undefined, forEach);
  const mappings = entitiesOf<Entity>(root, 'Mappings');
  const outputs = entitiesOf<Entity>(root, 'Outputs', undefined, forEach);

  const template: Template = {
    text,
    format,
    kind,
    lines: new LineIndex(text),
    root,
    issues,
    sections,
    parameters,
    resources,
    conditions,
    mappings,
    outputs,
    forEach,
    transforms,
    references: [],
    resourcesByType,
    generated: { exact: new Map(), prefixes: [] },
  };
  if (format === 'yaml') {
    const clean = tree.root && cleanTreeText(tree.root) !== undefined ? tree.root : base;
    if (clean) reuseBase.set(template, clean);
  }
  template.generated = generatedResources(template);
  if (kind !== 'none') template.references = collectReferences(template);
  return template;
}

/** All entities that `Ref` may name: parameters and resources. */
export function isRefable(t: Template, name: string): boolean {
  return t.parameters.has(name) || t.resources.has(name);
}
