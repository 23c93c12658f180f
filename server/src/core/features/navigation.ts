/**
 * Navigation over one analysis: which name is under the cursor, where it is defined, every
 * place it is used, highlights, and rename (validation + edits). Plain data in offsets; the
 * LSP layer converts.
 *
 * Everything is answered from an index built once per analysis (memoized on the analysis
 * object, so once per document version): one pass over `template.references`, the entity
 * keys, SAM connector `Id`s from the graph, the parameter names of
 * `Metadata.AWS::CloudFormation::Interface` and of `Fn::ValueOf` in `Rules`. Requests are
 * then a binary search plus a map lookup.
 *
 * Namespaces (as CloudFormation resolves names): `Ref` and `Sub` resolve parameters and
 * resources together (and logical IDs of parameters and resources must be unique across
 * both sections); conditions, mappings and outputs each have their own namespace.
 */
import type { Analysis } from '../analyze';
import type { Entity, SectionName, Template } from '../parse/template';
import { contentStart, RefExpects, Reference, RefKind } from '../parse/references';
import { PSEUDO_SET, asIntrinsic } from '../parse/intrinsics';
import { isGeneratedId } from '../parse/generated';
import { Node, Pair, ScalarNode, get, isMap, isScalar, isSeq, walk } from '../parse/node';
import { resolveReference } from '../graph/graph';
import { getResourceType } from '../spec/spec';
import type { TextEdit } from '../types';
import { nameEdit } from '../fix/builder';

export type TargetKind = 'parameter' | 'resource' | 'condition' | 'mapping' | 'output' | 'pseudo' | 'import' | 'generated' | 'loop' | 'unknown';

/** What a name denotes. */
export interface Target {
  /**
   * Identity: the graph node id for entities, pseudo-parameters and imports (`Resources.Bucket`,
   * `AWS::Region`, `Imports.shared-vpc`), `Loop@<offset>` for a `Fn::ForEach` identifier,
   * `Generated:<name>` for IDs that SAM, modules or `Fn::ForEach` create, `Unknown:<namespace>:<name>`.
   */
  key: string;
  kind: TargetKind;
  name: string;
  /** Parameters, resources, conditions, mappings, outputs. */
  entity?: Entity;
  /** `generated`: the logical ID (or `Fn::ForEach::…` key) that creates it. */
  generatedBy?: string;
  /** `loop`: the identifier written as the first item of `Fn::ForEach::Name`. */
  loopNode?: ScalarNode;
}

export type SpotRole = 'definition' | 'reference' | 'attribute';
/**
 * How a name is written: a reference kind, an entity `Key`, a SAM connector `Id`, a parameter
 * named in the console `Interface` metadata or by `Fn::ValueOf` in Rules, a loop identifier
 * (`Loop`) or its `${Id}`/`&{Id}` in a key (`LoopKey`).
 */
export type SpotKind = RefKind | 'Key' | 'ConnectorId' | 'Interface' | 'ValueOf' | 'Loop' | 'LoopKey';

/** One written occurrence of a name. */
export interface Spot {
  /** Range of the name (quotes excluded). */
  start: number;
  end: number;
  role: SpotRole;
  kind: SpotKind;
  target: Target;
  /** `attribute` spots, and references that carry an attribute: its name. */
  attribute?: string;
  reference?: Reference;
}

export interface Range {
  start: number;
  end: number;
}

export interface Highlight extends Range {
  kind: 'read' | 'write' | 'text';
}

export interface NavIndex {
  /** Every spot, sorted by start. */
  spots: Spot[];
  /** Spots by target key; attribute spots under `<target key>#<attribute>`. */
  byKey: Map<string, Spot[]>;
  targets: Map<string, Target>;
}

const SECTIONS: readonly [SectionName, TargetKind][] = [
  ['Parameters', 'parameter'],
  ['Resources', 'resource'],
  ['Conditions', 'condition'],
  ['Mappings', 'mapping'],
  ['Outputs', 'output'],
];

const LOGICAL_ID = /^[A-Za-z0-9]+$/;
/** CloudFormation's limit on logical IDs. */
const MAX_ID_LENGTH = 255;
/** Alphanumeric words a YAML reader takes for something other than a string (YAML 1.2 core and 1.1 booleans). */
const YAML_NOT_A_STRING = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[0-9]+|0o[0-7]+|0x[0-9A-Fa-f]+|0b[01]+|[0-9]+[eE][0-9]+)$/;

function entityMap(t: Template, section: SectionName): Map<string, Entity> {
  switch (section) {
    case 'Parameters':
      return t.parameters;
    case 'Resources':
      return t.resources;
    case 'Conditions':
      return t.conditions;
    case 'Mappings':
      return t.mappings;
    case 'Outputs':
      return t.outputs;
  }
}

/** Range of `name` inside a scalar (after an opening quote); the whole scalar if it is written differently (escapes). */
export function nameRange(s: ScalarNode, name: string, text: string): Range {
  const cs = contentStart(s, text);
  return text.startsWith(name, cs) ? { start: cs, end: cs + name.length } : { start: s.start, end: s.end };
}

/** `end` moved back over trailing white space (YAML block values end after their line break). */
export function trimmedEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

/** The `Fn::ForEach` identifier named `name` in scope at `node` (innermost first), if any. */
export function loopIdentifier(node: Node, name: string): ScalarNode | undefined {
  let child: Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (isSeq(p) && p.items[2] === child && p.pair && typeof p.pair.key.value === 'string' && p.pair.key.value.startsWith('Fn::ForEach::')) {
      const id = p.items[0];
      if (isScalar(id) && id.value === name) return id;
    }
  }
  return undefined;
}

const memo = new WeakMap<Analysis, NavIndex>();

/** The navigation index of an analysis (built on first use, then shared). */
export function navIndex(a: Analysis): NavIndex {
  let idx = memo.get(a);
  if (!idx) {
    idx = buildIndex(a);
    memo.set(a, idx);
  }
  return idx;
}

function buildIndex(a: Analysis): NavIndex {
  const t = a.template;
  const text = t.text;
  const spots: Spot[] = [];
  const targets = new Map<string, Target>();
  const seen = new Set<string>();
  const add = (s: Spot): void => {
    // YAML aliases copy nodes with the anchor's offsets: one occurrence, however often it is expanded.
    const sig = `${s.start}:${s.end}:${s.role}`;
    if (seen.has(sig)) return;
    seen.add(sig);
    spots.push(s);
  };
  const target = (key: string, make: () => Target): Target => {
    let x = targets.get(key);
    if (!x) targets.set(key, (x = make()));
    return x;
  };

  if (t.kind !== 'none') {
    // Definitions: every key of the entity sections (a repeated key too: CloudFormation takes the last).
    for (const [section, kind] of SECTIONS) {
      const sec = t.sections.get(section)?.value;
      if (!isMap(sec)) continue;
      const map = entityMap(t, section);
      for (const p of sec.pairs) {
        const id = String(p.key.value ?? '');
        const entity = map.get(id);
        if (!entity) continue;
        const tg = target(`${section}.${id}`, () => ({ key: `${section}.${id}`, kind, name: id, entity }));
        add({ ...nameRange(p.key, id, text), role: 'definition', kind: 'Key', target: tg });
      }
    }

    const loopTarget = (id: ScalarNode): Target => {
      const key = `Loop@${id.start}`;
      const existing = targets.get(key);
      if (existing) return existing;
      const name = String(id.value);
      const tg: Target = { key, kind: 'loop', name, loopNode: id };
      targets.set(key, tg);
      add({ ...nameRange(id, name, text), role: 'definition', kind: 'Loop', target: tg });
      // `${Id}` / `&{Id}` in the keys the loop writes (nested loops' keys included).
      const scanKeys = (body: Node | undefined, depth: number): void => {
        if (!isMap(body) || depth > 5) return;
        for (const p of body.pairs) {
          const k = p.key;
          const raw = text.slice(k.start, k.end);
          for (const m of raw.matchAll(/[$&]\{([^}]*)\}/g)) {
            if (m[1] !== name) continue;
            const s = k.start + (m.index ?? 0) + 2;
            add({ start: s, end: s + name.length, role: 'reference', kind: 'LoopKey', target: tg });
          }
          if (typeof k.value === 'string' && k.value.startsWith('Fn::ForEach::') && isSeq(p.value)) scanKeys(p.value.items[2], depth + 1);
        }
      };
      const seq = id.parent;
      if (isSeq(seq)) scanKeys(seq.items[2], 0);
      return tg;
    };
    const loops = (pair: Pair, depth: number): void => {
      if (!isSeq(pair.value) || depth > 5) return;
      const id = pair.value.items[0];
      if (isScalar(id) && id.value !== null && id.value !== '') loopTarget(id);
      const body = pair.value.items[2];
      if (isMap(body)) for (const p of body.pairs) if (typeof p.key.value === 'string' && p.key.value.startsWith('Fn::ForEach::')) loops(p, depth + 1);
    };
    for (const fe of t.forEach) loops(fe, 0);

    const generatedTarget = (name: string, by: string): Target =>
      target(`Generated:${name}`, () => ({ key: `Generated:${name}`, kind: 'generated', name, generatedBy: by }));

    const targetOf = (r: Reference): Target => {
      if (r.inForEach) {
        const id = loopIdentifier(r.node, r.target);
        if (id) return loopTarget(id);
      }
      const to = resolveReference(t, r);
      if (to) {
        const known = targets.get(to);
        if (known) return known;
        if (PSEUDO_SET.has(to)) return target(to, () => ({ key: to, kind: 'pseudo', name: r.target }));
        if (to.startsWith('Imports.')) return target(to, () => ({ key: to, kind: 'import', name: r.target }));
      }
      if (r.expects === 'refable' || r.expects === 'resource') {
        const by = isGeneratedId(t.generated, r.target);
        if (by) return generatedTarget(r.target, by);
      }
      const ns = namespaceOf(r.expects);
      const key = `Unknown:${ns}:${r.target}`;
      return target(key, () => ({ key, kind: 'unknown', name: r.target }));
    };

    for (const r of t.references) {
      const tg = targetOf(r);
      add({ start: r.start, end: r.end, role: 'reference', kind: r.kind, target: tg, reference: r, ...(r.attribute !== undefined ? { attribute: r.attribute } : {}) });
      if (r.attribute !== undefined && r.attrStart !== undefined && r.attrEnd !== undefined && r.attrEnd > r.attrStart) {
        add({ start: r.attrStart, end: r.attrEnd, role: 'attribute', kind: r.kind, target: tg, attribute: r.attribute, reference: r });
      }
    }

    // SAM connectors name resources by a plain `Id: LogicalId` (the graph links them).
    for (const e of a.graph.edges) {
      if (e.kind !== 'SAM' || e.ref || !isScalar(e.node)) continue;
      const tg = targets.get(e.to);
      if (tg) add({ start: e.start, end: e.end, role: 'reference', kind: 'ConnectorId', target: tg });
    }

    // The console's parameter groups and labels name parameters.
    const iface = get(get(t.root, 'Metadata'), 'AWS::CloudFormation::Interface');
    const paramSpot = (s: ScalarNode, kind: SpotKind): void => {
      if (typeof s.value !== 'string') return;
      const tg = targets.get(`Parameters.${s.value}`);
      if (tg) add({ ...nameRange(s, s.value, text), role: 'reference', kind, target: tg });
    };
    const groups = get(iface, 'ParameterGroups');
    if (isSeq(groups)) {
      for (const g of groups.items) {
        const ps = get(g, 'Parameters');
        if (isSeq(ps)) for (const p of ps.items) if (isScalar(p)) paramSpot(p, 'Interface');
      }
    }
    const labels = get(iface, 'ParameterLabels');
    if (isMap(labels)) for (const p of labels.pairs) paramSpot(p.key, 'Interface');
    // Rules assertions read parameters with `Fn::ValueOf: [ParameterName, Attribute]`.
    const rules = t.sections.get('Rules')?.value;
    if (rules) {
      walk(rules, (n) => {
        const intr = asIntrinsic(n, true);
        if (intr?.fn === 'Fn::ValueOf' && isSeq(intr.arg) && isScalar(intr.arg.items[0])) paramSpot(intr.arg.items[0], 'ValueOf');
      });
    }
  }

  spots.sort((x, y) => x.start - y.start || x.end - y.end);
  const byKey = new Map<string, Spot[]>();
  const push = (k: string, s: Spot) => {
    const l = byKey.get(k);
    if (l) l.push(s);
    else byKey.set(k, [s]);
  };
  for (const s of spots) push(s.role === 'attribute' ? `${s.target.key}#${s.attribute}` : s.target.key, s);
  return { spots, byKey, targets };
}

function namespaceOf(expects: RefExpects): string {
  return expects === 'refable' || expects === 'resource' ? 'ref' : expects;
}

/** The name under the cursor: a reference, a `GetAtt` attribute, a definition key, a loop identifier. */
export function symbolAt(a: Analysis, offset: number): Spot | undefined {
  const spots = navIndex(a).spots;
  let lo = 0;
  let hi = spots.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spots[mid].start <= offset) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Prefer a name that strictly contains the offset; else one that ends right at it (cursor after the word).
  let touching: Spot | undefined;
  for (let i = last; i >= 0 && i >= last - 3; i--) {
    const s = spots[i];
    if (offset < s.end) return s;
    if (offset === s.end && !touching) touching = s;
  }
  return touching;
}

/** Every spot of a target (definitions and references), in source order. */
export function occurrences(a: Analysis, target: Target): readonly Spot[] {
  return navIndex(a).byKey.get(target.key) ?? [];
}

function range(s: Range): Range {
  return { start: s.start, end: s.end };
}

function definitionsOf(a: Analysis, tg: Target): Range[] {
  const t = a.template;
  switch (tg.kind) {
    case 'parameter':
    case 'resource':
    case 'condition':
    case 'mapping':
    case 'output': {
      // The key CloudFormation uses (the last one when a key is repeated).
      const key = tg.entity!.key;
      return [nameRange(key, tg.name, t.text)];
    }
    case 'loop':
      return tg.loopNode ? [nameRange(tg.loopNode, tg.name, t.text)] : [];
    case 'generated': {
      const by = tg.generatedBy ?? '';
      const r = t.resources.get(by);
      if (r) return [nameRange(r.key, by, t.text)];
      const fe = t.forEach.find((p) => p.key.value === by);
      return fe ? [nameRange(fe.key, by, t.text)] : [];
    }
    case 'import':
      // An output of this template that exports the name.
      return a.graph.dependencies(tg.key).filter((e) => e.kind === 'Export').map(range);
    default:
      return [];
  }
}

/** Where the name under the cursor is defined (empty for pseudo-parameters and undeclared names). */
export function definition(a: Analysis, offset: number): Range[] {
  return definitionLinks(a, offset).map((l) => l.name);
}

export interface DefinitionLink {
  /** The name under the cursor. */
  origin: Range;
  /** The defining name (a key, a loop identifier, an export name). */
  name: Range;
  /** The whole definition (the key with its value). */
  full: Range;
}

/** The entry that defines a target's name, whole: the entity's pair, the `Fn::ForEach` pair. */
function fullRangeOf(a: Analysis, tg: Target, name: Range): Range {
  const t = a.template;
  let pair: Pair | undefined;
  if (tg.entity) pair = tg.entity.pair;
  else if (tg.kind === 'loop') pair = tg.loopNode?.parent?.pair;
  else if (tg.kind === 'generated') pair = t.resources.get(tg.generatedBy ?? '')?.pair ?? t.forEach.find((p) => p.key.value === tg.generatedBy);
  return pair && pair.start <= name.start && pair.end >= name.end ? { start: pair.start, end: Math.max(name.end, trimmedEnd(t.text, pair.start, pair.end)) } : name;
}

/** Definitions with the range of the name at the cursor and of the whole defining entry (LSP `LocationLink`). */
export function definitionLinks(a: Analysis, offset: number): DefinitionLink[] {
  const s = symbolAt(a, offset);
  if (!s) return [];
  const origin = range(s);
  const names = s.role === 'definition' ? [origin] : definitionsOf(a, s.target);
  return names.map((name) => ({ origin, name, full: fullRangeOf(a, s.target, name) }));
}

/**
 * Every use of the name under the cursor (its definition first when `includeDeclaration`).
 * On a `GetAtt` attribute: every use of that attribute of that resource.
 */
export function references(a: Analysis, offset: number, includeDeclaration: boolean): Range[] {
  const s = symbolAt(a, offset);
  if (!s) return [];
  const idx = navIndex(a);
  if (s.role === 'attribute') return (idx.byKey.get(`${s.target.key}#${s.attribute}`) ?? []).map(range);
  const out: Range[] = [];
  if (includeDeclaration) {
    const defs = s.target.kind === 'import' ? definitionsOf(a, s.target) : (idx.byKey.get(s.target.key) ?? []).filter((x) => x.role === 'definition').map(range);
    out.push(...defs);
  }
  for (const x of idx.byKey.get(s.target.key) ?? []) if (x.role === 'reference') out.push(range(x));
  return out;
}

/** Occurrences of the name under the cursor in this document: the definition is a write, uses are reads. */
export function highlights(a: Analysis, offset: number): Highlight[] {
  const s = symbolAt(a, offset);
  if (!s) return [];
  const idx = navIndex(a);
  if (s.role === 'attribute') return (idx.byKey.get(`${s.target.key}#${s.attribute}`) ?? []).map((x) => ({ ...range(x), kind: 'text' }));
  const out: Highlight[] = (idx.byKey.get(s.target.key) ?? []).map((x) => ({ ...range(x), kind: x.role === 'definition' ? 'write' : 'read' }));
  if (s.target.kind === 'import') out.unshift(...definitionsOf(a, s.target).map((r): Highlight => ({ ...r, kind: 'write' })));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rename

export interface RenameRefusal {
  error: string;
}

export interface PrepareRename extends Range {
  placeholder: string;
}

export interface RenameResult {
  edits: TextEdit[];
  /**
   * Set when renaming a resource that holds data: in a deployed stack a new logical ID means
   * CloudFormation creates a new resource and deletes (or orphans) the old one. Editors should
   * ask for confirmation (LSP change annotation `needsConfirmation`).
   */
  replacement?: { resource: string; type: string; message: string };
}

/** Resources the spec does not mark stateful but that hold data. */
const ALSO_STATEFUL = new Set(['AWS::Serverless::SimpleTable']);

function lineOf(a: Analysis, offset: number): number {
  return a.lines.positionAt(offset).line + 1;
}

function what(tg: Target): string {
  return tg.kind === 'parameter' ? 'parameter' : tg.kind === 'resource' ? 'resource' : tg.kind === 'condition' ? 'condition' : tg.kind === 'mapping' ? 'mapping' : 'output';
}

/** Why the target cannot be renamed, or undefined when it can. */
function refusal(a: Analysis, s: Spot): string | undefined {
  const tg = s.target;
  if (s.role === 'attribute') {
    const type = tg.entity && tg.kind === 'resource' ? (a.template.resources.get(tg.name)?.type ?? 'the resource type') : 'the resource type';
    return `"${s.attribute}" is an attribute that ${type} defines: it cannot be renamed. To rename the resource, place the cursor on "${tg.name}".`;
  }
  switch (tg.kind) {
    case 'pseudo':
      return `${tg.name} is a pseudo parameter that CloudFormation defines: it cannot be renamed.`;
    case 'generated': {
      const by = tg.generatedBy ?? '';
      if (by.startsWith('Fn::ForEach::')) return `${tg.name} is a logical ID that ${by} generates: edit the loop (its collection or its key template) instead.`;
      return `${tg.name} is a logical ID that the transform generates from "${by}": it cannot be renamed here. Renaming "${by}" renames its generated IDs too.`;
    }
    case 'loop':
      return `"${tg.name}" is a Fn::ForEach loop identifier: renaming loop identifiers is not supported.`;
    case 'import':
      return `"${tg.name}" is an export name shared between stacks (Fn::ImportValue): renaming it here would not rename it in the stacks that export or import it.`;
    case 'unknown':
      return `"${tg.name}" is not declared in this template: there is nothing to rename. Declare it, or correct the reference.`;
    default:
      return undefined;
  }
}

/** Can the name under the cursor be renamed? Its range and current text, or why not; undefined when the cursor is on no name. */
export function prepareRename(a: Analysis, offset: number): PrepareRename | RenameRefusal | undefined {
  const s = symbolAt(a, offset);
  if (!s) return undefined;
  const why = refusal(a, s);
  if (why) return { error: why };
  // Every occurrence must be editable (no escapes in the way).
  const probe = collectEdits(a, s.target, s.target.name, undefined);
  if ('error' in probe) return probe;
  return { start: s.start, end: s.end, placeholder: s.target.name };
}

/** Is `newName` acceptable for the target? An explanation when not. */
export function validateNewName(a: Analysis, tg: Target, newName: string): string | undefined {
  const t = a.template;
  if (!LOGICAL_ID.test(newName)) {
    return `"${newName}" is not a valid name: logical IDs of ${what(tg)}s must be alphanumeric (A-Z, a-z, 0-9), without spaces, dashes or underscores.`;
  }
  if (newName.length > MAX_ID_LENGTH) return `"${newName.slice(0, 40)}…" is too long: CloudFormation limits logical IDs to ${MAX_ID_LENGTH} characters.`;
  if (t.format === 'yaml' && YAML_NOT_A_STRING.test(newName)) {
    return `"${newName}" would be read by YAML as a ${/^[0-9]/.test(newName) ? 'number' : /^(null|Null|NULL)$/.test(newName) ? 'null' : 'boolean'}, not a name: choose another name.`;
  }
  const idx = navIndex(a);
  const unknownUse = (ns: string): string | undefined => {
    const u = idx.byKey.get(`Unknown:${ns}:${newName}`);
    return u?.length ? `line ${lineOf(a, u[0].start)}` : undefined;
  };
  switch (tg.kind) {
    case 'parameter':
    case 'resource': {
      const other = t.parameters.has(newName) ? 'parameter' : t.resources.has(newName) ? 'resource' : undefined;
      if (other) {
        return `"${newName}" is already the name of a ${other}. Parameters and resources share one namespace (Ref and Fn::Sub resolve both, and CloudFormation requires their logical IDs to be unique), so the ${what(tg)} cannot take that name.`;
      }
      const gen = t.generated.exact.get(newName);
      if (gen) return `"${newName}" is the logical ID of a resource that ${gen.startsWith('Fn::ForEach::') ? gen : `the transform generates from "${gen}"`}: the ${what(tg)} would collide with it.`;
      const at = unknownUse('ref');
      if (at) return `"${newName}" is already referenced (${at}) although nothing declares it: after the rename those references would silently point to this ${what(tg)}. Fix them first.`;
      const genUse = idx.byKey.get(`Generated:${newName}`);
      if (genUse?.length) return `"${newName}" is referenced (line ${lineOf(a, genUse[0].start)}) as a logical ID generated from "${idx.targets.get(`Generated:${newName}`)?.generatedBy}": after the rename those references would point to this ${what(tg)}.`;
      break;
    }
    case 'condition': {
      if (t.conditions.has(newName)) return `"${newName}" is already the name of a condition. (Conditions have their own namespace: only other conditions clash.)`;
      const at = unknownUse('condition');
      if (at) return `"${newName}" is already used as a condition name (${at}) although no condition declares it: after the rename those uses would silently point to this condition. Fix them first.`;
      break;
    }
    case 'mapping': {
      if (t.mappings.has(newName)) return `"${newName}" is already the name of a mapping. (Mappings have their own namespace: only other mappings clash.)`;
      const at = unknownUse('mapping');
      if (at) return `"${newName}" is already used as a mapping name in Fn::FindInMap (${at}) although no mapping declares it: after the rename those uses would silently point to this mapping. Fix them first.`;
      break;
    }
    case 'output':
      if (t.outputs.has(newName)) return `"${newName}" is already the name of an output. (Outputs have their own namespace: only other outputs clash.)`;
      break;
    default:
      break;
  }
  // Inside a Fn::ForEach body the new name must not be a loop identifier in scope.
  for (const s of idx.byKey.get(tg.key) ?? []) {
    if (s.reference?.inForEach && loopIdentifier(s.reference.node, newName)) {
      return `"${newName}" is a Fn::ForEach loop identifier where "${tg.name}" is used (line ${lineOf(a, s.start)}): there it would name the loop variable instead.`;
    }
  }
  return undefined;
}

/** The edits that write `newName` over `text` (the name as it stands), or why that cannot be done safely. */
function editFor(a: Analysis, r: Range, oldName: string, newName: string): TextEdit | RenameRefusal {
  return nameEdit(a.template.text, r, oldName, newName) ?? { error: `Cannot rename "${oldName}": at line ${lineOf(a, r.start)} it is written in a form (escape sequences, a folded string) that cannot be edited safely. Rewrite it plainly first.` };
}

/** The rename edits; with `newName` undefined, only checks that every occurrence can be edited. */
function collectEdits(a: Analysis, tg: Target, oldName: string, newName: string | undefined): TextEdit[] | RenameRefusal {
  const idx = navIndex(a);
  const edits: TextEdit[] = [];
  const taken = new Set<string>();
  const push = (e: TextEdit) => {
    const k = `${e.start}:${e.end}`;
    if (taken.has(k)) return;
    taken.add(k);
    edits.push(e);
  };
  for (const s of idx.byKey.get(tg.key) ?? []) {
    const e = editFor(a, s, oldName, newName ?? oldName);
    if ('error' in e) return e;
    push(e);
  }
  // IDs generated from a serverless resource or a module carry its logical ID as a prefix
  // (`MyFunctionRole`, `MyApiProdStage`): references to them follow the rename.
  if (tg.kind === 'resource') {
    const type = a.template.resources.get(oldName)?.type ?? '';
    if (type.startsWith('AWS::Serverless::') || type.endsWith('::MODULE')) {
      for (const g of idx.targets.values()) {
        if (g.kind !== 'generated' || g.generatedBy !== oldName || !g.name.startsWith(oldName)) continue;
        const renamed = (newName ?? oldName) + g.name.slice(oldName.length);
        if (newName !== undefined && (a.template.resources.has(renamed) || a.template.parameters.has(renamed))) {
          return { error: `Renaming "${oldName}" to "${newName}" would rename the generated logical ID ${g.name} (referenced at line ${lineOf(a, (idx.byKey.get(g.key) ?? [])[0]?.start ?? 0)}) to ${renamed}, which is already declared.` };
        }
        for (const s of idx.byKey.get(g.key) ?? []) {
          if (!a.template.text.startsWith(oldName, s.start)) return { error: `Cannot rename "${oldName}": the generated ID ${g.name} at line ${lineOf(a, s.start)} is written in a form that cannot be edited safely.` };
          push({ start: s.start, end: s.start + oldName.length, newText: newName ?? oldName });
        }
      }
    }
  }
  edits.sort((x, y) => x.start - y.start);
  return edits;
}

/**
 * Renames the parameter, resource, condition, mapping or output under the cursor: its key
 * and every reference (Ref, GetAtt in both forms — only the logical ID part of `Name.Attr` —,
 * `${Name}` and `${Name.Attr}` in Sub strings, DependsOn strings and lists, Condition and
 * Fn::If names, the map name of FindInMap, SAM connector `Id`s, parameter groups and labels
 * of the console's Interface metadata, `Fn::ValueOf` in Rules, and the IDs generated from a
 * serverless resource).
 */
export function renameEdits(a: Analysis, offset: number, newName: string): RenameResult | RenameRefusal {
  const s = symbolAt(a, offset);
  if (!s) return { error: 'Place the cursor on the name of a parameter, resource, condition, mapping or output to rename it.' };
  const why = refusal(a, s);
  if (why) return { error: why };
  const tg = s.target;
  if (newName === tg.name) return { edits: [] };
  const invalid = validateNewName(a, tg, newName);
  if (invalid) return { error: invalid };
  const edits = collectEdits(a, tg, tg.name, newName);
  if ('error' in edits) return edits;
  const result: RenameResult = { edits };
  if (tg.kind === 'resource') {
    const r = a.template.resources.get(tg.name);
    const type = r?.type;
    if (type && (ALSO_STATEFUL.has(type) || getResourceType(type)?.stateful)) {
      const policy = r?.deletionPolicy && isScalar(r.deletionPolicy) ? String(r.deletionPolicy.value) : undefined;
      const fate =
        policy === 'Retain' || policy === 'RetainExceptOnCreate'
          ? `leaves the old one outside the stack (DeletionPolicy: ${policy})`
          : policy === 'Snapshot'
            ? 'deletes the old one after a final snapshot (DeletionPolicy: Snapshot)'
            : 'deletes the old one with its data (it has no DeletionPolicy: Retain or Snapshot)';
      result.replacement = {
        resource: tg.name,
        type,
        message: `${tg.name} (${type}) holds data. In a deployed stack, renaming its logical ID replaces it: CloudFormation creates a new, empty resource and ${fate}.`,
      };
    }
  }
  return result;
}
