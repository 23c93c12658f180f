/**
 * Step Functions state machine definitions, wherever a template keeps them:
 *
 * - `Definition` (`AWS::StepFunctions::StateMachine` and SAM `AWS::Serverless::StateMachine`):
 *   an object in the template; its nodes are the template's own, so fixes can edit them.
 * - `DefinitionString`: JSON text in a string, an `Fn::Sub` (variables kept as `${…}`), an
 *   `Fn::Join` of pieces, or `Fn::ToJsonString` of an object (LanguageExtensions). The text
 *   is parsed here, once per template, with every position mapped back into the template
 *   (string-source.ts), so a finding lands on the state inside the string; when the source
 *   cannot be mapped exactly it falls back to the property.
 * - SAM `DefinitionUri` naming a local file: read through the host's `ReadFile` (the core
 *   does no I/O), positions fall back to the `DefinitionUri` value.
 *
 * `DefinitionS3Location`, an S3 `DefinitionUri` and definitions made by a parameter are not
 * readable: they are listed in `unread` with the reason.
 */
import { MapNode, Node, ScalarNode, get, isMap, isScalar, isSeq, scalarString } from './node';
import { asIntrinsic } from './intrinsics';
import { parseJson } from './json';
import { parseYaml } from './yaml';
import type { Resource, Template } from './template';
import { MappedString, blankSubVariables, mapRange, mapStringValue } from './string-source';

/**
 * Reads a file named relative to the template's folder (SAM `DefinitionUri`). Supplied by the
 * host (CLI, language server); it refuses paths leaving that folder and oversized files, and
 * answers undefined for anything it will not or cannot read.
 */
export type ReadFile = (relativePath: string) => string | undefined;

export const STATE_MACHINE_TYPES: readonly string[] = ['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine'];

export type DefinitionSource = 'Definition' | 'DefinitionString' | 'DefinitionUri';

export interface AslState {
  name: string;
  /** The state's name (its key in `States`). */
  key: ScalarNode;
  body: MapNode;
  type?: string;
  /** Enclosing branches, outermost first: `branch 2 of Parallel state "Fan out"`, `Map state "Each"`. */
  within: string[];
}

export interface StateMachineDefinition {
  resource: Resource;
  source: DefinitionSource;
  /** The property's value in the template. */
  property: Node;
  /** The definition's top-level object. */
  root: MapNode;
  /** The definition's nodes are the template's own (a fix can edit them). */
  inTemplate: boolean;
  /** `DefinitionUri`: the path as written. */
  file?: string;
  /** `${…}` in the text are `Fn::Sub` variables (else `DefinitionSubstitutions` keys, if any). */
  sub: boolean;
  /** Every state, branches of `Parallel` and `Map` (`ItemProcessor`, `Iterator`) included. */
  states: AslState[];
  /** Template range for a node of the definition (`exact` false: the property's range instead). */
  place(n: Node): { start: number; end: number; exact: boolean };
}

export interface UnreadDefinition {
  resource: Resource;
  property?: Node;
  reason: string;
}

export interface StateMachines {
  definitions: StateMachineDefinition[];
  unread: UnreadDefinition[];
}

const MAX_NESTING = 32;
/** Files above this size are not parsed (the host caps what it reads, too). */
export const MAX_DEFINITION_FILE = 1_000_000;

function collectStates(states: Node | undefined, within: string[], out: AslState[], depth: number): void {
  if (!isMap(states) || depth > MAX_NESTING) return;
  for (const p of states.pairs) {
    if (!isMap(p.value)) continue;
    const name = String(p.key.value ?? '');
    const type = scalarString(get(p.value, 'Type'));
    out.push({ name, key: p.key, body: p.value, type, within });
    if (type === 'Parallel') {
      const branches = get(p.value, 'Branches');
      if (isSeq(branches)) branches.items.forEach((b, i) => collectStates(get(b, 'States'), [...within, `branch ${i + 1} of Parallel state "${name}"`], out, depth + 1));
    } else if (type === 'Map') {
      for (const k of ['ItemProcessor', 'Iterator']) collectStates(get(get(p.value, k), 'States'), [...within, `Map state "${name}"`], out, depth + 1);
    }
  }
}

function propertyRange(property: Node, res: Resource): { start: number; end: number } {
  return property.end > property.start ? { start: property.start, end: property.end } : { start: res.key.start, end: res.key.end };
}

function make(res: Resource, source: DefinitionSource, property: Node, root: MapNode, opts: { inTemplate: boolean; sub: boolean; file?: string; map?: MappedString }): StateMachineDefinition {
  const states: AslState[] = [];
  collectStates(get(root, 'States'), [], states, 0);
  const fallback = propertyRange(property, res);
  const place = (n: Node) => {
    if (opts.inTemplate) return n.end > n.start ? { start: n.start, end: n.end, exact: true } : { ...fallback, exact: false };
    if (opts.map) {
      // A quoted key or string: its content, without the quotes.
      const quoted = isScalar(n) && n.style === 'json' && n.end - n.start >= 2;
      const r = quoted ? mapRange(opts.map, n.start + 1, n.end - 1) ?? mapRange(opts.map, n.start, n.end) : mapRange(opts.map, n.start, n.end);
      if (r) return { ...r, exact: true };
    }
    return { ...fallback, exact: false };
  };
  return { resource: res, source, property, root, inTemplate: opts.inTemplate, sub: opts.sub, states, place, ...(opts.file !== undefined ? { file: opts.file } : {}) };
}

/** JSON text (mapped) -> its root object, or a reason it has none. */
function parseMappedJson(m: MappedString): MapNode | string {
  const tree = parseJson(blankSubVariables(m.text));
  if (tree.issues.some((i) => i.severity === 'error')) return 'the definition text is not valid JSON';
  return isMap(tree.root) ? tree.root : 'the definition is not a JSON object';
}

function definitionOf(t: Template, res: Resource, readFile: ReadFile | undefined): StateMachineDefinition | UnreadDefinition {
  const props = res.properties;
  const definition = get(props, 'Definition');
  if (definition) {
    if (isMap(definition) && !asIntrinsic(definition)) return make(res, 'Definition', definition, definition, { inTemplate: true, sub: false });
    return { resource: res, property: definition, reason: 'Definition is not an object written in the template' };
  }
  const str = get(props, 'DefinitionString');
  if (str) {
    const intr = asIntrinsic(str);
    if (intr?.fn === 'Fn::ToJsonString' && isMap(intr.arg) && !asIntrinsic(intr.arg)) return make(res, 'DefinitionString', str, intr.arg, { inTemplate: true, sub: false });
    const m = mapStringValue(t.text, str);
    if (!m) return { resource: res, property: str, reason: 'DefinitionString is not text written in the template' };
    const root = parseMappedJson(m);
    if (typeof root === 'string') return { resource: res, property: str, reason: root };
    return make(res, 'DefinitionString', str, root, { inTemplate: false, sub: m.sub || m.computed, map: m });
  }
  const uri = get(props, 'DefinitionUri');
  if (uri) {
    const path = scalarString(uri);
    if (path === undefined || !isScalar(uri)) return { resource: res, property: uri, reason: 'DefinitionUri names an S3 object' };
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return { resource: res, property: uri, reason: `DefinitionUri ${path} is not a local file` };
    if (!readFile) return { resource: res, property: uri, reason: `${path} is not read here (no file access)` };
    let text: string | undefined;
    try {
      text = readFile(path);
    } catch {
      text = undefined;
    }
    if (text === undefined) return { resource: res, property: uri, reason: `${path} cannot be read` };
    if (text.length > MAX_DEFINITION_FILE) return { resource: res, property: uri, reason: `${path} is too large` };
    const json = /\.json$/i.test(path) || /^\s*\{/.test(text);
    const tree = json ? parseJson(text) : parseYaml(text);
    if (tree.issues.some((i) => i.severity === 'error')) return { resource: res, property: uri, reason: `${path} is not a valid definition` };
    if (!isMap(tree.root)) return { resource: res, property: uri, reason: `${path} does not hold an object` };
    return make(res, 'DefinitionUri', uri, tree.root, { inTemplate: false, sub: false, file: path });
  }
  const s3 = get(props, 'DefinitionS3Location');
  return { resource: res, ...(s3 ? { property: s3 } : {}), reason: s3 ? 'the definition is in S3 (DefinitionS3Location)' : 'no definition' };
}

const cache = new WeakMap<Template, Map<ReadFile | undefined, StateMachines>>();

/** Every state machine's definition, read once per template (and file reader). */
export function stateMachines(t: Template, readFile?: ReadFile): StateMachines {
  let byReader = cache.get(t);
  if (!byReader) cache.set(t, (byReader = new Map()));
  const hit = byReader.get(readFile);
  if (hit) return hit;
  const out: StateMachines = { definitions: [], unread: [] };
  for (const type of STATE_MACHINE_TYPES) {
    for (const res of t.resourcesByType.get(type) ?? []) {
      const d = definitionOf(t, res, readFile);
      if ('root' in d) out.definitions.push(d);
      else out.unread.push(d);
    }
  }
  byReader.set(readFile, out);
  return out;
}

/**
 * What a `${Name}` / `${Name.Attr}` written in a definition stands for: a resource of the
 * template (through `Fn::Sub` variables, the `Fn::Sub` variable map, or SAM/CloudFormation
 * `DefinitionSubstitutions`), or undefined.
 */
export function substitutionTarget(def: StateMachineDefinition, name: string): string | undefined {
  const subs = get(def.resource.properties, 'DefinitionSubstitutions');
  const bare = name.split('.')[0];
  const viaMap = get(subs, name);
  if (viaMap) return referencedId(viaMap);
  if (def.sub) {
    const str = get(def.resource.properties, 'DefinitionString');
    const sub = asIntrinsic(str);
    if (sub?.fn === 'Fn::Sub' && isSeq(sub.arg)) {
      const v = get(sub.arg.items[1], name);
      if (v) return referencedId(v);
    }
    return bare;
  }
  return undefined;
}

function referencedId(n: Node): string | undefined {
  const i = asIntrinsic(n);
  if (!i) return undefined;
  if (i.fn === 'Ref') return scalarString(i.arg);
  if (i.fn === 'Fn::GetAtt') return isSeq(i.arg) ? scalarString(i.arg.items[0]) : scalarString(i.arg)?.split('.')[0];
  if (i.fn === 'Fn::Sub') {
    const s = isSeq(i.arg) ? scalarString(i.arg.items[0]) : scalarString(i.arg);
    const m = s ? /^\$\{([A-Za-z0-9]+)(\.[A-Za-z0-9.]+)?\}$/.exec(s) : null;
    return m ? m[1] : undefined;
  }
  return undefined;
}

/** The resource logical ID a `Resource` value of a definition names, if any (`!GetAtt Fn.Arn`, `"${Fn.Arn}"`, `"${FnArn}"` with substitutions). */
export function taskResourceTarget(def: StateMachineDefinition, value: Node | undefined): string | undefined {
  if (!value) return undefined;
  if (!isScalar(value)) return def.inTemplate ? referencedId(value) : undefined;
  const s = scalarString(value);
  const m = s ? /^\$\{([A-Za-z0-9:]+(?:\.[A-Za-z0-9.]+)?)\}$/.exec(s) : null;
  return m ? substitutionTarget(def, m[1]) : undefined;
}
