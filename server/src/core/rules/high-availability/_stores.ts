/**
 * Helpers shared by the data-store high-availability rules (RDS, Aurora/DocumentDB/Neptune,
 * ElastiCache, OpenSearch, Redshift, Amazon MQ, MSK, DMS, FSx): reading properties with
 * `!Ref AWS::NoValue` as absent, telling keys that are unknown (behind an intrinsic) from keys
 * that are absent, and literal values. Not a rule (the file name starts with `_`), not a value
 * resolver (values across parameters and `Fn::If`: graph/resolve.ts) and not a fix writer
 * (fix/builder.ts).
 */
import { Node, Pair, getPath, isScalar, scalarBoolean, scalarNumber, scalarString } from '../../parse/node';
import type { Resource } from '../../parse/template';
import { absent, isNoValue, literalItems, literalString, opaque, prop } from '../../graph/resolve';

export { absent, literalItems, literalString, opaque, prop };

export { rangeOf } from './_ha';

/** A literal boolean (`true`, `"false"`, …) or undefined for anything else. */
export function literalBool(n: Node | undefined): boolean | undefined {
  return scalarBoolean(n);
}

export function literalNumber(n: Node | undefined): number | undefined {
  return scalarNumber(n);
}



/** The pair of `Properties.<path>` (for its key range or to remove it). */
export function propPair(res: Resource, ...path: string[]): Pair | undefined {
  return getPath(res.properties, path)?.pair;
}

/** The resource's `Condition` name, if any. */
export function conditionOf(res: Resource): string | undefined {
  return scalarString(res.condition);
}
