/**
 * Helpers shared by the data-store high-availability rules (RDS, Aurora/DocumentDB/Neptune,
 * ElastiCache, OpenSearch, Redshift, Amazon MQ, MSK, DMS, FSx): reading literal property
 * values, ranges for findings, copying a resource's properties into a fix, and removing a
 * key/value pair. Not a rule (the file name starts with `_`), and not a value resolver:
 * values across parameters and `Fn::If` come from graph/resolve.ts.
 */
import { MapNode, Node, Pair, getPath, isMap, isScalar, isSeq, scalarBoolean, scalarNumber, scalarString } from '../../parse/node';
import { asIntrinsic } from '../../parse/intrinsics';
import type { Resource, Template } from '../../parse/template';
import type { TextEdit } from '../../types';
import { FixValue, Intrinsic } from '../../fix/value';

/** `Properties.<path>` of a resource, `!Ref AWS::NoValue` counting as absent. */
export function prop(res: Resource, ...path: (string | number)[]): Node | undefined {
  const n = getPath(res.properties, path);
  return isNoValue(n) ? undefined : n;
}

/**
 * Whether `Properties.<path>` cannot be read because `Properties` or a map on the way is
 * written as an intrinsic (`ClusterConfig: !If [...]`): its keys are then unknown, not absent.
 */
export function opaque(res: Resource, ...path: string[]): boolean {
  let cur: Node | undefined = res.properties;
  if (cur && asIntrinsic(cur, true)) return true;
  for (const key of path) {
    cur = getPath(cur, [key]);
    if (!cur) return false;
    if (asIntrinsic(cur, true) && !isNoValue(cur)) return true;
  }
  return false;
}

export function isNoValue(n: Node | undefined): boolean {
  const i = asIntrinsic(n);
  return !!i && i.fn === 'Ref' && scalarString(i.arg) === 'AWS::NoValue';
}

/** Absent, `!Ref AWS::NoValue` or an empty scalar. */
export function absent(n: Node | undefined): boolean {
  return !n || isNoValue(n) || (isScalar(n) && (n.value === null || n.value === ''));
}

/** A literal boolean (`true`, `"false"`, …) or undefined for anything else. */
export function literalBool(n: Node | undefined): boolean | undefined {
  return scalarBoolean(n);
}

export function literalNumber(n: Node | undefined): number | undefined {
  return scalarNumber(n);
}

export function literalString(n: Node | undefined): string | undefined {
  return isScalar(n) ? scalarString(n) : undefined;
}

/** Items of a literal list (without `!Ref AWS::NoValue` items); undefined for anything else. */
export function literalItems(n: Node | undefined): Node[] | undefined {
  return isSeq(n) ? n.items.filter((i) => !isNoValue(i)) : undefined;
}

/** The name in `!Ref Name`. */
export function refName(n: Node | undefined): string | undefined {
  const i = asIntrinsic(n);
  return i && i.fn === 'Ref' ? scalarString(i.arg) : undefined;
}

/** Range for a finding about a property: its value when written, else the resource's logical ID. */
export function rangeOf(res: Resource, n?: Node): { start: number; end: number } {
  if (n && n.end > n.start) return { start: n.start, end: n.end };
  return { start: res.key.start, end: res.key.end };
}

/** The pair of `Properties.<path>` (for its key range or to remove it). */
export function propPair(res: Resource, ...path: string[]): Pair | undefined {
  const n = getPath(res.properties, path);
  return n?.pair;
}

/** The resource's `Condition` name, if any. */
export function conditionOf(res: Resource): string | undefined {
  return scalarString(res.condition);
}

/** A node as a fix value (intrinsics kept as intrinsics), to copy a resource's properties. */
export function toFixValue(n: Node): FixValue {
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(toFixValue);
  const i = asIntrinsic(n, true);
  if (i) return new Intrinsic(i.fn, toFixValue(i.arg));
  const o: { [k: string]: FixValue } = {};
  for (const p of n.pairs) o[String(p.key.value)] = toFixValue(p.value);
  return o;
}

/** A map node's pairs as a fix value, leaving out some keys. */
export function copyMap(map: MapNode | undefined, omit: readonly string[] = []): { [k: string]: FixValue } {
  const o: { [k: string]: FixValue } = {};
  if (!isMap(map)) return o;
  for (const p of map.pairs) {
    const k = String(p.key.value);
    if (omit.includes(k) || isNoValue(p.value)) continue;
    o[k] = toFixValue(p.value);
  }
  return o;
}

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n') i--;
  return i;
}

function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  return e;
}

/**
 * An edit deleting a key/value pair from its map: whole lines in YAML block style, the pair
 * and one comma in JSON and YAML flow style. Undefined when the layout is unusual (the pair
 * shares its line with something else, or sits on a sequence dash).
 */
export function removePair(t: Template, pair: Pair): TextEdit | undefined {
  const map = pair.parent;
  const i = map.pairs.indexOf(pair);
  if (i < 0) return undefined;
  const text = t.text;
  if (t.format === 'json' || map.flow) {
    if (map.pairs.length === 1) return { start: pair.start, end: pair.end, newText: '' };
    if (i < map.pairs.length - 1) {
      const next = map.pairs[i + 1];
      // From the pair to the next pair's line, so the next pair keeps this pair's indentation.
      const ls = lineStartOf(text, pair.start);
      const onOwnLine = text.slice(ls, pair.start).trim() === '' && lineStartOf(text, next.start) !== lineStartOf(text, pair.start);
      if (onOwnLine) return { start: ls, end: lineStartOf(text, next.start), newText: '' };
      return { start: pair.start, end: next.start, newText: '' };
    }
    const prev = map.pairs[i - 1];
    return { start: prev.end, end: pair.end, newText: '' };
  }
  const ls = lineStartOf(text, pair.key.start);
  if (text.slice(ls, pair.key.start).trim() !== '') return undefined;
  const last = trimEnd(text, pair.end);
  const end = nextLineStart(text, Math.max(pair.key.end, last - 1));
  if (i < map.pairs.length - 1 && end > map.pairs[i + 1].key.start) return undefined;
  return { start: ls, end, newText: '' };
}
