/**
 * AWS Backup as the template declares it: which `AWS::Backup::BackupSelection` covers a data
 * store, by ARN (a reference through the graph, or a literal/`Fn::Sub` pattern with `*`
 * wildcards), by tag (`ListOfTags`, OR) and tag conditions (`Conditions`, AND), minus
 * `NotResources`. Answers are three-valued: 'maybe' whenever the template alone cannot tell
 * (a name or tag from a parameter, tags a stack-level tag could add, an ARN from an import),
 * so that rules report only what is certain. Shared by the disaster-recovery rules and the
 * recovery model.
 *
 * Semantics (AWS Backup "Assigning resources programmatically", BackupSelection API): items
 * of `Resources` combine with OR, `ListOfTags` entries with OR, `Conditions` with AND and filter
 * the resources selected; a selection with neither `Resources` nor `ListOfTags` selects every
 * supported resource; `NotResources` removes resources.
 */
import { Node, get, isMap, isScalar, isSeq, scalarString } from '../parse/node';
import { asIntrinsic, PSEUDO_SET } from '../parse/intrinsics';
import type { Resource, Template } from '../parse/template';
import type { Graph } from '../graph/graph';
import { DataStore, StoreType, STORE_TYPES, resourceTags } from './data-stores';
import { absent, isNoValue, prop } from '../graph/resolve';

export type Tri = 'yes' | 'no' | 'maybe';

const or = (xs: Tri[]): Tri => (xs.includes('yes') ? 'yes' : xs.includes('maybe') ? 'maybe' : 'no');
const and = (xs: Tri[]): Tri => (xs.includes('no') ? 'no' : xs.includes('maybe') ? 'maybe' : 'yes');
const not = (x: Tri): Tri => (x === 'yes' ? 'no' : x === 'no' ? 'yes' : 'maybe');

export const SELECTION = 'AWS::Backup::BackupSelection';
export const PLAN = 'AWS::Backup::BackupPlan';

// Tokens standing for values the template names but does not know: a parameter or
// pseudo-parameter (soft: any value) or a resource (hard: that resource's own name).
const SOFT = '\u0001';
const HARD = '\u0002';
const END = '\u0003';

/** A string with tokens for `${X}` / `Ref X`, or undefined when it cannot be written down. */
function pattern(t: Template, n: Node | undefined): string | undefined {
  if (!n) return undefined;
  if (isScalar(n)) return n.value === null ? undefined : String(n.value);
  const i = asIntrinsic(n);
  if (!i) return undefined;
  const token = (name: string): string | undefined => {
    if (name === 'AWS::Partition' || name === 'AWS::Region' || name === 'AWS::AccountId' || name === 'AWS::URLSuffix') return '*';
    if (PSEUDO_SET.has(name) || t.parameters.has(name)) return `${SOFT}${name}${END}`;
    if (t.resources.has(name)) return `${HARD}${name}${END}`;
    return undefined;
  };
  switch (i.fn) {
    case 'Ref': {
      const name = scalarString(i.arg);
      return name === undefined ? undefined : token(name);
    }
    case 'Fn::GetAtt': {
      const target = isSeq(i.arg) ? scalarString(i.arg.items[0]) : scalarString(i.arg)?.split('.')[0];
      return target && t.resources.has(target) ? `${HARD}${target}${END}` : undefined;
    }
    case 'Fn::Sub': {
      const s = isScalar(i.arg) ? scalarString(i.arg) : isSeq(i.arg) && i.arg.items.length === 1 ? scalarString(i.arg.items[0]) : undefined;
      if (s === undefined) return undefined;
      let failed = false;
      const out = s.replace(/\$\{([^}!]*)\}/g, (_, v: string) => {
        const name = v.includes('.') ? v.split('.')[0] : v.trim();
        const tk = v.includes('.') ? (t.resources.has(name) ? `${HARD}${v}${END}` : undefined) : token(name);
        if (tk === undefined) failed = true;
        return tk ?? '';
      });
      return failed ? undefined : out.replace(/\$\{!/g, '${');
    }
    case 'Fn::Join': {
      if (!isSeq(i.arg) || i.arg.items.length !== 2 || !isSeq(i.arg.items[1])) return undefined;
      const sep = scalarString(i.arg.items[0]) ?? (isScalar(i.arg.items[0]) ? '' : undefined);
      if (sep === undefined) return undefined;
      const parts = i.arg.items[1].items.map((p) => pattern(t, p));
      return parts.every((p) => p !== undefined) ? parts.join(sep) : undefined;
    }
    default:
      return undefined;
  }
}

/** Glob match (`*` = any run of characters), tokens compared as literal text. */
function glob(p: string, s: string): boolean {
  const re = new RegExp(`^${p.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*')}$`);
  return re.test(s);
}

/** Could `p` match some string that starts with `prefix`? */
function globAllowsPrefix(p: string, prefix: string): boolean {
  for (let i = 0; i < prefix.length; i++) {
    if (i >= p.length) return false;
    if (p[i] === '*') return true;
    if (p[i] !== prefix[i]) return false;
  }
  return true;
}

const hasSoft = (s: string) => s.includes(SOFT);

/** The store's name as `pattern` writes it, 'generated' when CloudFormation makes it up, undefined when unknown. */
function storeName(t: Template, res: Resource, store: StoreType): string | 'generated' | undefined {
  const prop0 = store.backup?.nameProperty;
  if (!prop0) return 'generated';
  const n = prop(res, prop0);
  if (absent(n)) return 'generated';
  const p = pattern(t, n);
  if (p === undefined || p.includes('*')) return undefined;
  if (!store.backup?.lowercase) return p;
  // RDS and Redshift keep identifiers in lower case; tokens keep their logical IDs.
  return p.replace(/[\u0001\u0002][^\u0003]*\u0003|[^\u0001\u0002]+/g, (m) => (m.startsWith(SOFT) || m.startsWith(HARD) ? m : m.toLowerCase()));
}

/** Whether an ARN pattern (literal, `Fn::Sub` or `Fn::Join`, with `*`) selects the store. */
export function arnSelects(t: Template, n: Node, d: DataStore): Tri {
  const b = d.store.backup;
  if (!b) return 'no';
  const p = pattern(t, n);
  if (p === undefined) return 'maybe';
  if (p === '*') return 'yes';
  const parts = p.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return hasSoft(p) ? 'maybe' : 'no';
  const service = parts[2];
  if (hasSoft(service)) return 'maybe';
  if (!glob(service, b.service)) return 'no';
  const resourcePart = parts.slice(5).join(':');
  if (resourcePart.includes(HARD)) {
    // Names another resource of the template (`table/${OtherTable}`): that one, not this store.
    if (!new RegExp(`${HARD}${d.resource.id}(\\.[^\\u0003]*)?${END}`).test(resourcePart)) return 'no';
  }
  const name = storeName(t, d.resource, d.store);
  if (name === undefined) {
    if (!globAllowsPrefix(resourcePart, b.prefix)) return 'no';
    return resourcePart === `${b.prefix}*` || resourcePart === '*' ? 'yes' : 'maybe';
  }
  if (name === 'generated') {
    if (!globAllowsPrefix(resourcePart, b.prefix)) return 'no';
    if (resourcePart === `${b.prefix}*` || resourcePart === '*') return 'yes';
    // A name written in full cannot be a name CloudFormation will generate.
    if (!resourcePart.includes('*')) return hasSoft(resourcePart) ? 'maybe' : 'no';
    return 'maybe';
  }
  const candidate = `${b.prefix}${name}`;
  if (glob(resourcePart, candidate)) return 'yes';
  return hasSoft(resourcePart) || hasSoft(candidate) ? 'maybe' : 'no';
}

/** Keys of the tags any resource of the template declares (a selection by a tag none carries relies on tags set elsewhere). */
export function tagKeysInTemplate(t: Template): Set<string> {
  const keys = new Set<string>();
  for (const r of t.resources.values()) {
    const tags = resourceTags(t, r, r.type ? STORE_TYPES.get(r.type) : undefined);
    for (const k of tags?.keys() ?? []) keys.add(k);
    const map = prop(r, 'Tags');
    if (isMap(map) && !asIntrinsic(map)) for (const p of map.pairs) keys.add(String(p.key.value));
  }
  return keys;
}

type TagOp = 'StringEquals' | 'StringLike' | 'StringNotEquals' | 'StringNotLike';

function tagSelects(t: Template, d: DataStore, keyNode: Node | undefined, valueNode: Node | undefined, op: TagOp, keysInTemplate: Set<string>): Tri {
  let key = scalarString(keyNode);
  const value = scalarString(valueNode);
  if (key === undefined || value === undefined) return 'maybe';
  key = key.replace(/^aws:ResourceTag\//, '');
  const tags = resourceTags(t, d.resource, d.store);
  if (!tags) return 'maybe';
  const tag = tags.get(key);
  const negative = op === 'StringNotEquals' || op === 'StringNotLike';
  if (!tag) {
    // Absent here: present elsewhere in the template means the template does the tagging.
    if (!keysInTemplate.has(key) || negative) return 'maybe';
    return 'no';
  }
  if (!tag.known) return 'maybe';
  const like = op === 'StringLike' || op === 'StringNotLike';
  const match = like ? glob(value, tag.value) : value === tag.value;
  return negative ? (match ? 'no' : 'yes') : match ? 'yes' : 'no';
}

export interface SelectionVerdict {
  selection: Resource;
  verdict: Tri;
}

/** Whether one `AWS::Backup::BackupSelection` covers the store. */
export function selectionCovers(t: Template, g: Graph, sel: Resource, d: DataStore, keysInTemplate = tagKeysInTemplate(t)): Tri {
  const spec = prop(sel, 'BackupSelection');
  if (!isMap(spec) || asIntrinsic(spec, true)) return 'maybe';
  const itemVerdict = (property: string, index: number, item: Node): Tri => {
    const refs = g.referencesFrom(sel.id, ['Properties', 'BackupSelection', property, index]);
    if (refs.some((r) => r.target === `Resources.${d.resource.id}`)) return 'yes';
    return arnSelects(t, item, d);
  };
  const listVerdicts = (property: string): Tri[] | undefined => {
    const n = get(spec, property);
    if (!n || isNoValue(n)) return [];
    if (!isSeq(n)) return undefined;
    const out: Tri[] = [];
    n.items.forEach((item, index) => {
      if (!isNoValue(item)) out.push(itemVerdict(property, index, item));
    });
    return out;
  };
  const resources = listVerdicts('Resources');
  const notResources = listVerdicts('NotResources');
  const tagsNode = get(spec, 'ListOfTags');
  let tagVerdicts: Tri[] | undefined = [];
  if (tagsNode && !isNoValue(tagsNode)) {
    if (!isSeq(tagsNode)) tagVerdicts = undefined;
    else
      tagVerdicts = tagsNode.items
        .filter((i) => !isNoValue(i))
        .map((c) => (isMap(c) && !asIntrinsic(c) ? tagSelects(t, d, get(c, 'ConditionKey'), get(c, 'ConditionValue'), 'StringEquals', keysInTemplate) : 'maybe'));
  }
  if (!resources || !notResources || !tagVerdicts) return 'maybe';
  const base: Tri = resources.length || tagVerdicts.length ? or([...resources, ...tagVerdicts]) : 'yes';
  const conds: Tri[] = [];
  const conditions = get(spec, 'Conditions');
  if (conditions && !isNoValue(conditions)) {
    if (!isMap(conditions) || asIntrinsic(conditions)) conds.push('maybe');
    else
      for (const p of conditions.pairs) {
        const op = String(p.key.value) as TagOp;
        if (!['StringEquals', 'StringLike', 'StringNotEquals', 'StringNotLike'].includes(op)) {
          conds.push('maybe');
          continue;
        }
        if (isNoValue(p.value)) continue;
        if (!isSeq(p.value)) {
          conds.push('maybe');
          continue;
        }
        for (const c of p.value.items) conds.push(isMap(c) && !asIntrinsic(c) ? tagSelects(t, d, get(c, 'ConditionKey'), get(c, 'ConditionValue'), op, keysInTemplate) : 'maybe');
      }
  }
  return and([base, ...conds, not(or(notResources))]);
}

/** Every selection of the template with its verdict for the store. */
export function backupCoverage(t: Template, g: Graph, d: DataStore): SelectionVerdict[] {
  const keys = tagKeysInTemplate(t);
  return (t.resourcesByType.get(SELECTION) ?? []).map((selection) => ({ selection, verdict: selectionCovers(t, g, selection, d, keys) }));
}
