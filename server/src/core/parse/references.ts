/**
 * Every reference a template writes, found in one traversal with the exact range of the
 * referenced name: Ref, GetAtt (both forms), each ${X}/${X.Attr} in Sub (string and list
 * forms, `${!Literal}` skipped, list-form variables local), DependsOn, resource/output
 * Condition, Fn::If and {Condition: X} condition names, FindInMap map names, ImportValue —
 * everywhere CloudFormation resolves them: properties, metadata, `DeletionPolicy` and
 * `UpdateReplacePolicy`, outputs, conditions, `Rules`, SAM `Globals`, and `Fn::ForEach`
 * bodies (with the loop identifiers in scope, see `LoopScope`; the collection is outside).
 */
import { Node, Pair, ScalarNode, isMap, isScalar, isSeq, scalarString } from './node';
import { asIntrinsic } from './intrinsics';
import type { Template } from './template';

export type RefKind = 'Ref' | 'GetAtt' | 'Sub' | 'DependsOn' | 'Condition' | 'If' | 'FindInMap' | 'ImportValue';

/** What kind of entity the name must denote. */
export type RefExpects = 'refable' | 'resource' | 'condition' | 'mapping' | 'export';

export interface EntityKey {
  section: string;
  id: string;
}

export interface Reference {
  kind: RefKind;
  expects: RefExpects;
  target: string;
  /** Range of the referenced name. */
  start: number;
  end: number;
  attribute?: string;
  attrStart?: number;
  attrEnd?: number;
  /** The entity whose definition contains the reference (null at top level). */
  from: EntityKey | null;
  /** The node written: the intrinsic map, or the DependsOn / Condition scalar. */
  node: Node;
  /** Inside an Fn::ForEach body, where loop identifiers are in scope. */
  inForEach: boolean;
  /** The Fn::ForEach loops whose body holds the reference, outermost first. */
  loops?: readonly LoopScope[];
  /** Their identifiers (names in scope as loop variables). */
  loopIdentifiers?: readonly string[];
}

/** Offset of the first character of a scalar's content (after an opening quote). */
export function contentStart(s: ScalarNode, text: string): number {
  const c = text[s.start];
  if ((s.style === 'double' || s.style === 'single' || s.style === 'json') && (c === '"' || c === "'")) return s.start + 1;
  return s.start;
}

export interface SubVariable {
  name: string;
  attribute?: string;
  start: number;
  end: number;
  attrStart?: number;
  attrEnd?: number;
}

/** The `${…}` variables of a Sub string scalar, with source ranges (escapes `${!…}` skipped). */
export function subVariables(s: ScalarNode, text: string): SubVariable[] {
  if (typeof s.value !== 'string' || !s.value.includes('${')) return [];
  const raw = text.slice(s.start, s.end);
  const out: SubVariable[] = [];
  const re = /\$\{([^}]*)\}/g;
  let m: RegExpExecArray | null;
  let rawPos = 0;
  while ((m = re.exec(s.value))) {
    const body = m[1];
    if (body.startsWith('!')) continue;
    const idx = raw.indexOf(m[0], rawPos);
    const base = idx >= 0 ? s.start + idx + 2 : s.start;
    if (idx >= 0) rawPos = idx + m[0].length;
    const name = body.trim();
    if (!name) continue;
    const lead = body.length - body.trimStart().length;
    const dot = name.indexOf('.');
    const exact = idx >= 0;
    if (dot > 0 && !name.startsWith('AWS::')) {
      const target = name.slice(0, dot);
      out.push({
        name: target,
        attribute: name.slice(dot + 1),
        start: base + lead,
        end: exact ? base + lead + target.length : s.end,
        attrStart: exact ? base + lead + dot + 1 : undefined,
        attrEnd: exact ? base + lead + name.length : undefined,
      });
    } else {
      out.push({ name, start: base + lead, end: exact ? base + lead + name.length : s.end });
    }
  }
  return out;
}

/** One `Fn::ForEach` loop around a reference. */
export interface LoopScope {
  /** The loop identifier (first item of `Fn::ForEach::Name`). */
  identifier: string;
  /** The collection (second item). */
  collection: Node;
}

const FOR_EACH = 'Fn::ForEach::';

function isForEachKey(k: unknown): k is string {
  return typeof k === 'string' && k.startsWith(FOR_EACH);
}

export function collectReferences(t: Template): Reference[] {
  const refs: Reference[] = [];
  const text = t.text;
  const nameRange = (s: ScalarNode, name: string): [number, number] => {
    const cs = contentStart(s, text);
    return text.startsWith(name, cs) ? [cs, cs + name.length] : [s.start, s.end];
  };
  const scoped = (loops: readonly LoopScope[]) => (loops.length ? { inForEach: true, loops, loopIdentifiers: loops.map((l) => l.identifier) } : { inForEach: false });

  /**
   * The references written below `root`. `loops`: the Fn::ForEach loops around it, innermost
   * last (their identifiers are in scope in a loop's body, not in its collection).
   */
  const visit = (root: Node, from: EntityKey | null, inConditions: boolean, loops: readonly LoopScope[]): void => {
    const stack: { n: Node; loops: readonly LoopScope[] }[] = [{ n: root, loops }];
    while (stack.length) {
      const { n, loops: scope } = stack.pop()!;
      if (n.kind === 'map') {
        for (let i = n.pairs.length - 1; i >= 0; i--) {
          const p = n.pairs[i];
          // `Fn::ForEach::Name: [Identifier, Collection, Body]` may sit in any map (resource properties too).
          if (isForEachKey(p.key.value) && isSeq(p.value) && p.value.items.length >= 1) {
            const [id, collection, body] = p.value.items;
            const identifier = scalarString(id);
            if (collection) stack.push({ n: collection, loops: scope });
            if (body) stack.push({ n: body, loops: identifier ? [...scope, { identifier, collection: collection ?? id }] : scope });
            continue;
          }
          stack.push({ n: p.value, loops: scope });
        }
      } else if (n.kind === 'seq') {
        for (let i = n.items.length - 1; i >= 0; i--) stack.push({ n: n.items[i], loops: scope });
      }
      const intr = asIntrinsic(n, inConditions);
      if (!intr) continue;
      const arg = intr.arg;
      const push = (r: Omit<Reference, 'from' | 'node' | 'inForEach'>) => refs.push({ ...r, from, node: n, ...scoped(scope) });
      switch (intr.fn) {
        case 'Ref': {
          if (isScalar(arg) && arg.value !== null && arg.value !== '') {
            const target = String(arg.value);
            const [s, e] = nameRange(arg, target);
            push({ kind: 'Ref', expects: 'refable', target, start: s, end: e });
          }
          break;
        }
        case 'Fn::GetAtt': {
          if (isScalar(arg) && typeof arg.value === 'string') {
            const v = arg.value;
            const dot = v.indexOf('.');
            const target = dot < 0 ? v : v.slice(0, dot);
            const [s, e] = nameRange(arg, target);
            push({
              kind: 'GetAtt',
              expects: 'resource',
              target,
              start: s,
              end: e,
              attribute: dot < 0 ? undefined : v.slice(dot + 1),
              attrStart: dot < 0 ? undefined : e + 1,
              attrEnd: dot < 0 ? undefined : s + v.length,
            });
          } else if (isSeq(arg) && arg.items.length > 0 && isScalar(arg.items[0]) && arg.items[0].value !== null) {
            const first = arg.items[0];
            const target = String(first.value);
            const [s, e] = nameRange(first, target);
            const attr = arg.items[1];
            const attrName = isScalar(attr) && attr.value !== null ? String(attr.value) : undefined;
            const ar = attrName !== undefined && isScalar(attr) ? nameRange(attr, attrName) : undefined;
            push({ kind: 'GetAtt', expects: 'resource', target, start: s, end: e, attribute: attrName, attrStart: ar?.[0], attrEnd: ar?.[1] });
          }
          break;
        }
        case 'Fn::Sub': {
          let str: Node | undefined;
          let locals = new Set<string>();
          if (isScalar(arg)) str = arg;
          else if (isSeq(arg)) {
            str = arg.items[0];
            const vars = arg.items[1];
            if (isMap(vars)) locals = new Set(vars.pairs.map((p) => String(p.key.value)));
          }
          if (isScalar(str)) {
            for (const v of subVariables(str, text)) {
              if (locals.has(v.name) || (v.attribute !== undefined && locals.has(`${v.name}.${v.attribute}`))) continue;
              push(
                v.attribute !== undefined
                  ? { kind: 'Sub', expects: 'resource', target: v.name, start: v.start, end: v.end, attribute: v.attribute, attrStart: v.attrStart, attrEnd: v.attrEnd }
                  : { kind: 'Sub', expects: 'refable', target: v.name, start: v.start, end: v.end },
              );
            }
          }
          break;
        }
        case 'Fn::If':
        case 'Condition':
        case 'Fn::FindInMap':
        case 'Fn::ImportValue': {
          const first = intr.fn === 'Fn::If' || intr.fn === 'Fn::FindInMap' ? (isSeq(arg) ? arg.items[0] : undefined) : arg;
          if (isScalar(first) && first.value !== null) {
            const target = String(first.value);
            const [s, e] = nameRange(first, target);
            const kind: RefKind = intr.fn === 'Fn::If' ? 'If' : intr.fn === 'Condition' ? 'Condition' : intr.fn === 'Fn::FindInMap' ? 'FindInMap' : 'ImportValue';
            const expects: RefExpects = kind === 'FindInMap' ? 'mapping' : kind === 'ImportValue' ? 'export' : 'condition';
            push({ kind, expects, target, start: s, end: e });
          }
          break;
        }
      }
    }
  };

  const refScalar = (s: ScalarNode, kind: 'DependsOn' | 'Condition', from: EntityKey, loops: readonly LoopScope[] = []) => {
    if (s.value === null || s.value === '') return;
    const target = String(s.value);
    const [st, e] = nameRange(s, target);
    refs.push({ kind, expects: kind === 'DependsOn' ? 'resource' : 'condition', target, start: st, end: e, from, node: s, ...scoped(loops) });
  };

  /** A resource entry: its DependsOn and Condition name entities; every other value may hold intrinsics (policies too). */
  const resource = (value: Node, from: EntityKey, loops: readonly LoopScope[]) => {
    if (!isMap(value)) return;
    for (const p of value.pairs) {
      const k = p.key.value;
      if (k === 'Type') continue;
      if (k === 'Condition') {
        if (isScalar(p.value)) refScalar(p.value, 'Condition', from, loops);
        else visit(p.value, from, false, loops);
      } else if (k === 'DependsOn') {
        const items = isSeq(p.value) ? p.value.items : [p.value];
        for (const d of items) if (isScalar(d)) refScalar(d, 'DependsOn', from, loops);
      } else visit(p.value, from, false, loops);
    }
  };

  const output = (value: Node, from: EntityKey, loops: readonly LoopScope[]) => {
    if (!isMap(value)) return;
    for (const p of value.pairs) {
      if (p.key.value === 'Condition' && isScalar(p.value)) refScalar(p.value, 'Condition', from, loops);
      else visit(p.value, from, false, loops);
    }
  };

  /** A section-level `Fn::ForEach::Name` pair: the collection outside the loop, each body entry inside it. */
  const sectionLoop = (pair: Pair, section: string, from: EntityKey, outer: readonly LoopScope[], depth: number) => {
    if (!isSeq(pair.value) || depth > 8) return;
    const [id, collection, body] = pair.value.items;
    const identifier = scalarString(id);
    if (collection) visit(collection, from, section === 'Conditions', outer);
    if (!isMap(body)) {
      if (body) visit(body, from, section === 'Conditions', outer);
      return;
    }
    const loops = identifier ? [...outer, { identifier, collection: collection ?? id }] : outer;
    for (const p of body.pairs) {
      if (isForEachKey(p.key.value)) sectionLoop(p, section, from, loops, depth + 1);
      else if (section === 'Resources') resource(p.value, from, loops);
      else if (section === 'Outputs') output(p.value, from, loops);
      else visit(p.value, from, section === 'Conditions', loops);
    }
  };

  for (const r of t.resources.values()) resource(r.value, { section: 'Resources', id: r.id }, []);
  for (const o of t.outputs.values()) output(o.value, { section: 'Outputs', id: o.id }, []);
  for (const c of t.conditions.values()) visit(c.value, { section: 'Conditions', id: c.id }, true, []);
  for (const fe of t.forEach) {
    const section = fe.parent.pair ? String(fe.parent.pair.key.value) : 'Resources';
    sectionLoop(fe, section, { section, id: String(fe.key.value) }, [], 0);
  }
  const rules = t.sections.get('Rules');
  if (rules && isMap(rules.value)) {
    for (const p of rules.value.pairs) visit(p.value, { section: 'Rules', id: String(p.key.value) }, true, []);
  }
  const globals = t.sections.get('Globals');
  if (globals) visit(globals.value, null, false, []);
  refs.sort((a, b) => a.start - b.start);
  return refs;
}

/** A name a `Fn::ForEach` loop generates: `S3Bucket${Identifier}` in Resources, with its expansions when the collections are literal. */
export interface LoopName {
  section: string;
  /** The key of the innermost loop that writes it (`Fn::ForEach::Topics`). */
  loop: string;
  /** The key as written, with `${Id}` / `&{Id}` placeholders. */
  pattern: string;
  /** Every name it expands to, when every collection involved is a literal list (at most 200). */
  names?: string[];
  /** Matches every possible expansion. */
  regex: RegExp;
}

const PLACEHOLDER = /([$&])\{([^}]*)\}/g;

/** The literal values of a collection, or undefined. */
export function loopValues(collection: Node | undefined): string[] | undefined {
  if (!isSeq(collection)) return undefined;
  const out: string[] = [];
  for (const i of collection.items) {
    const v = scalarString(i);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A name written with loop placeholders, as a regular expression (`${Id}` any text, `&{Id}`
 * any alphanumeric text) and, when every loop it uses has a literal collection, its expansions.
 * Placeholders of identifiers not in `loops` stay literal text.
 */
export function expandLoopName(pattern: string, loops: readonly LoopScope[]): { names?: string[]; regex: RegExp; usesLoop: boolean } {
  const byId = new Map<string, LoopScope>();
  for (const l of loops) byId.set(l.identifier, l);
  let re = '';
  let last = 0;
  let usesLoop = false;
  const used: LoopScope[] = [];
  for (const m of pattern.matchAll(PLACEHOLDER)) {
    const l = byId.get(m[2]);
    if (!l) continue;
    usesLoop = true;
    if (!used.includes(l)) used.push(l);
    re += escapeRegex(pattern.slice(last, m.index)) + (m[1] === '&' ? '[A-Za-z0-9]+' : '.+');
    last = m.index! + m[0].length;
  }
  re += escapeRegex(pattern.slice(last));
  const regex = new RegExp(`^${re}$`);
  if (!usesLoop) return { names: [pattern], regex, usesLoop };
  const values = used.map((l) => loopValues(l.collection));
  if (values.some((v) => v === undefined)) return { regex, usesLoop };
  let envs: Map<LoopScope, string>[] = [new Map()];
  used.forEach((l, i) => {
    envs = envs.flatMap((env) => values[i]!.map((v) => new Map(env).set(l, v)));
  });
  if (envs.length > 200) return { regex, usesLoop };
  const names = envs.map((env) =>
    pattern.replace(PLACEHOLDER, (all, sigil: string, id: string) => {
      const l = byId.get(id);
      if (!l) return all;
      const v = env.get(l) ?? '';
      return sigil === '&' ? v.replace(/[^A-Za-z0-9]/g, '') : v;
    }),
  );
  return { names, regex, usesLoop };
}

/** Every name the template's section-level `Fn::ForEach` loops generate (Resources, Conditions, Outputs). */
export function loopNames(t: Template): LoopName[] {
  const out: LoopName[] = [];
  const walkLoop = (pair: Pair, section: string, outer: readonly LoopScope[], depth: number) => {
    if (!isSeq(pair.value) || depth > 8) return;
    const [id, collection, body] = pair.value.items;
    const identifier = scalarString(id);
    if (!isMap(body)) return;
    const loops = identifier ? [...outer, { identifier, collection: collection ?? id }] : outer;
    for (const p of body.pairs) {
      const k = scalarString(p.key);
      if (k === undefined) continue;
      if (isForEachKey(k)) walkLoop(p, section, loops, depth + 1);
      else {
        const x = expandLoopName(k, loops);
        out.push({ section, loop: String(pair.key.value), pattern: k, regex: x.regex, ...(x.names ? { names: x.names } : {}) });
      }
    }
  };
  for (const fe of t.forEach) walkLoop(fe, fe.parent.pair ? String(fe.parent.pair.key.value) : 'Resources', [], 0);
  return out;
}
