/**
 * Shared by graph-unused-parameter/-condition/-mapping: an entry nobody references, with a
 * fix deleting it (and its section when it was the last entry).
 */
import type { RuleContext } from '../contract';
import type { Fix } from '../../types';
import type { Entity, Template } from '../../parse/template';
import { Pair, get, isMap, isScalar, isSeq, scalarString, walk } from '../../parse/node';
import { subVariables } from '../../parse/references';
import { Entry, FixBuilder } from '../../fix/builder';

type Section = 'Parameters' | 'Conditions' | 'Mappings';

const WHAT: Record<Section, string> = { Parameters: 'parameter', Conditions: 'condition', Mappings: 'mapping' };
const HOW: Record<Section, string> = {
  Parameters: 'no Ref or ${…} in Sub reads it',
  Conditions: 'no resource, output, Fn::If or other condition uses it',
  Mappings: 'no Fn::FindInMap reads it',
};

interface Names {
  refs: Set<string>;
  conditions: Set<string>;
  mappings: Set<string>;
  /** A Ref whose argument is computed (AWS::LanguageExtensions): any parameter may be read. */
  dynamicRef: boolean;
  /** An Fn::If whose condition name is computed. */
  dynamicIf: boolean;
}

const namesCache = new WeakMap<Template, Names>();

/**
 * Every name written where a Ref, ${…} in Sub, Condition, Fn::If or Fn::FindInMap reads it,
 * anywhere in the text (template Metadata, DeletionPolicy, Fn::ForEach bodies, malformed
 * maps with extra keys included), as cfn-lint's W2001/W8001/W7001 count them: an entry is
 * reported only when nothing at all names it.
 */
function namesRead(t: Template): Names {
  let n = namesCache.get(t);
  if (n) return n;
  const names: Names = { refs: new Set(), conditions: new Set(), mappings: new Set(), dynamicRef: false, dynamicIf: false };
  if (t.root) {
    walk(t.root, (node) => {
      if (!isMap(node)) return;
      for (const p of node.pairs) {
        const k = p.key.value;
        const v = p.value;
        if (k === 'Ref') {
          if (isScalar(v)) v.value !== null && names.refs.add(String(v.value));
          else names.dynamicRef = true;
        } else if (k === 'Fn::Sub') {
          const s = isSeq(v) ? v.items[0] : v;
          if (isScalar(s)) for (const x of subVariables(s, t.text)) names.refs.add(x.name);
        } else if (k === 'Condition') {
          if (isScalar(v) && v.value !== null) names.conditions.add(String(v.value));
        } else if (k === 'Fn::If') {
          const c = isSeq(v) ? v.items[0] : undefined;
          if (isScalar(c)) c.value !== null && names.conditions.add(String(c.value));
          else if (c) names.dynamicIf = true;
        } else if (k === 'Fn::FindInMap') {
          const m = isSeq(v) ? v.items[0] : undefined;
          if (isScalar(m) && m.value !== null) names.mappings.add(String(m.value));
        }
      }
    });
  }
  namesCache.set(t, names);
  return names;
}

/** Entries of AWS::CloudFormation::Interface that name a parameter: its label, and its place in a group (the group when it is alone there). */
function interfaceEntries(t: Template, param: string): Entry[] {
  const iface = get(t.sections.get('Metadata')?.value, 'AWS::CloudFormation::Interface');
  const out: Entry[] = [];
  const labels = get(iface, 'ParameterLabels');
  if (isMap(labels)) for (const p of labels.pairs) if (p.key.value === param) out.push(p);
  const groups = get(iface, 'ParameterGroups');
  if (isSeq(groups)) {
    for (const g of groups.items) {
      const list = get(g, 'Parameters');
      if (!isSeq(list)) continue;
      const hits = list.items.filter((i) => scalarString(i) === param);
      if (!hits.length) continue;
      if (hits.length === list.items.length) out.push(g);
      else out.push(...hits);
    }
  }
  return out;
}

export function interfaceMentions(t: Template, param: string): boolean {
  return interfaceEntries(t, param).length > 0;
}

export function checkUnused(ctx: RuleContext, section: Section, entities: Map<string, Entity>, safe: boolean): void {
  const t = ctx.template;
  const g = ctx.graph;
  if (!entities.size) return;
  // Macros and Fn::Transform (AWS::Include) may read anything: stay quiet.
  if (g.facts.macros.length || g.facts.fnTransform) return;
  if (section === 'Mappings' && g.facts.dynamicMapName) return;
  const names = namesRead(t);
  if (section === 'Parameters' && names.dynamicRef) return;
  if (section === 'Conditions' && names.dynamicIf) return;
  const read = section === 'Parameters' ? names.refs : section === 'Conditions' ? names.conditions : names.mappings;
  const unused: Entity[] = [];
  for (const e of entities.values()) {
    const id = `${section}.${e.id}`;
    const used = g.usages(id).some((r) => !(r.from && r.from.section === section && r.from.id === e.id)) || read.has(e.id);
    if (!used) unused.push(e);
  }
  if (!unused.length) return;
  const what = WHAT[section];
  const all = unused.length === entities.size;
  const sectionFix: Fix | undefined = (() => {
    if (!all || entities.size < 2 || section === 'Parameters') return undefined;
    const edits = new FixBuilder(t).remove(unused.map((e) => e.pair)).build();
    return edits ? { title: `Remove the ${section} section (none of its ${entities.size} ${what}s is used)`, edits, safe } : undefined;
  })();
  for (const e of unused) {
    const fixes: Fix[] = [];
    const targets: Entry[] = [e.pair];
    let note = '';
    if (section === 'Parameters') {
      const iface = interfaceEntries(t, e.id);
      if (iface.length) {
        targets.push(...iface);
        note = ' (Metadata AWS::CloudFormation::Interface only lays it out in the console)';
      }
    }
    const planned: Pair[] = all || section === 'Parameters' ? [] : unused.map((u) => u.pair);
    const edits = new FixBuilder(t).remove(targets, planned).build();
    if (edits) fixes.push({ title: `Remove unused ${what} ${e.id}`, edits, preferred: true, ...(safe && !sectionFix ? { safe: true } : {}) });
    if (sectionFix) fixes.push(sectionFix);
    ctx.report({
      start: e.key.start,
      end: e.key.end,
      resource: e.id,
      message: `${what[0].toUpperCase()}${what.slice(1)} ${e.id} is never used: ${HOW[section]}${note}.`,
      fixes,
    });
  }
}
