/**
 * Every reference a template writes, found in one traversal with the exact range of the
 * referenced name: Ref, GetAtt (both forms), each ${X}/${X.Attr} in Sub (string and list
 * forms, `${!Literal}` skipped, list-form variables local), DependsOn, resource/output
 * Condition, Fn::If and {Condition: X} condition names, FindInMap map names, ImportValue.
 */
import { Node, ScalarNode, isMap, isScalar, isSeq, walk } from './node';
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

export function collectReferences(t: Template): Reference[] {
  const refs: Reference[] = [];
  const text = t.text;
  const nameRange = (s: ScalarNode, name: string): [number, number] => {
    const cs = contentStart(s, text);
    return text.startsWith(name, cs) ? [cs, cs + name.length] : [s.start, s.end];
  };

  const visit = (root: Node, from: EntityKey | null, inConditions: boolean, inForEachAtStart: boolean): void => {
    const forEachNodes = new Set<Node>();
    walk(root, (n) => {
      // `Fn::ForEach::Name` may sit in any map (resource properties too): its loop identifiers are in scope below.
      if (n.kind === 'map') for (const p of n.pairs) if (typeof p.key.value === 'string' && p.key.value.startsWith('Fn::ForEach::')) forEachNodes.add(p.value);
      const intr = asIntrinsic(n, inConditions);
      if (!intr) return;
      let inForEach = inForEachAtStart;
      if (forEachNodes.size) for (let p = n.parent; p && !inForEach; p = p.parent) if (forEachNodes.has(p)) inForEach = true;
      const arg = intr.arg;
      const push = (r: Omit<Reference, 'from' | 'node' | 'inForEach'>) => refs.push({ ...r, from, node: n, inForEach });
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
        case 'Fn::If': {
          const first = isSeq(arg) ? arg.items[0] : undefined;
          if (isScalar(first) && first.value !== null) {
            const target = String(first.value);
            const [s, e] = nameRange(first, target);
            push({ kind: 'If', expects: 'condition', target, start: s, end: e });
          }
          break;
        }
        case 'Condition': {
          if (isScalar(arg) && arg.value !== null) {
            const target = String(arg.value);
            const [s, e] = nameRange(arg, target);
            push({ kind: 'Condition', expects: 'condition', target, start: s, end: e });
          }
          break;
        }
        case 'Fn::FindInMap': {
          const first = isSeq(arg) ? arg.items[0] : undefined;
          if (isScalar(first) && first.value !== null) {
            const target = String(first.value);
            const [s, e] = nameRange(first, target);
            push({ kind: 'FindInMap', expects: 'mapping', target, start: s, end: e });
          }
          break;
        }
        case 'Fn::ImportValue': {
          if (isScalar(arg) && arg.value !== null) {
            const target = String(arg.value);
            const [s, e] = nameRange(arg, target);
            push({ kind: 'ImportValue', expects: 'export', target, start: s, end: e });
          }
          break;
        }
        case 'Fn::ForEach':
          forEachNodes.add(n);
          break;
      }
    });
  };

  const refScalar = (s: ScalarNode, kind: 'DependsOn' | 'Condition', from: EntityKey) => {
    if (s.value === null || s.value === '') return;
    const target = String(s.value);
    const [st, e] = nameRange(s, target);
    refs.push({ kind, expects: kind === 'DependsOn' ? 'resource' : 'condition', target, start: st, end: e, from, node: s, inForEach: false });
  };

  for (const r of t.resources.values()) {
    const from = { section: 'Resources', id: r.id };
    if (r.condition) refScalar(r.condition, 'Condition', from);
    for (const d of r.dependsOn) refScalar(d, 'DependsOn', from);
    if (isMap(r.value)) {
      for (const p of r.value.pairs) {
        const k = p.key.value;
        if (k === 'Type' || k === 'Condition' || k === 'DependsOn' || k === 'DeletionPolicy' || k === 'UpdateReplacePolicy') continue;
        visit(p.value, from, false, false);
      }
    }
  }
  for (const o of t.outputs.values()) {
    const from = { section: 'Outputs', id: o.id };
    if (isMap(o.value)) {
      for (const p of o.value.pairs) {
        if (p.key.value === 'Condition' && isScalar(p.value)) refScalar(p.value, 'Condition', from);
        else visit(p.value, from, false, false);
      }
    }
  }
  for (const c of t.conditions.values()) visit(c.value, { section: 'Conditions', id: c.id }, true, false);
  for (const fe of t.forEach) {
    const section = fe.parent.pair ? String(fe.parent.pair.key.value) : 'Resources';
    visit(fe.value, { section, id: String(fe.key.value) }, section === 'Conditions', true);
  }
  const rules = t.sections.get('Rules');
  if (rules && isMap(rules.value)) {
    for (const p of rules.value.pairs) visit(p.value, { section: 'Rules', id: String(p.key.value) }, true, false);
  }
  const globals = t.sections.get('Globals');
  if (globals) visit(globals.value, null, false, false);
  refs.sort((a, b) => a.start - b.start);
  return refs;
}
