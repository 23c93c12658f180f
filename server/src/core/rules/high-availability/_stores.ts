/**
 * Helpers shared by the data-store high-availability rules (RDS, Aurora/DocumentDB/Neptune,
 * ElastiCache, OpenSearch, Redshift, Amazon MQ, MSK, DMS, FSx): reading properties with
 * `!Ref AWS::NoValue` as absent, telling keys that are unknown (behind an intrinsic) from keys
 * that are absent, and literal values. Not a rule (the file name starts with `_`), not a value
 * resolver (values across parameters and `Fn::If`: graph/resolve.ts) and not a fix writer
 * (fix/builder.ts).
 */
import { Node, Pair, getPath, isScalar, isSeq, scalarBoolean, scalarNumber, scalarString } from '../../parse/node';
import { asIntrinsic } from '../../parse/intrinsics';
import type { Resource } from '../../parse/template';
import { isNoValue } from '../../graph/resolve';

export { rangeOf } from './_ha';

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

/** The pair of `Properties.<path>` (for its key range or to remove it). */
export function propPair(res: Resource, ...path: string[]): Pair | undefined {
  return getPath(res.properties, path)?.pair;
}

/** The resource's `Condition` name, if any. */
export function conditionOf(res: Resource): string | undefined {
  return scalarString(res.condition);
}
