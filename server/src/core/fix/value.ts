/**
 * Values a fix writes, independent of YAML or JSON: plain JSON-like data plus intrinsic
 * functions, rendered in the document's own style by render.ts.
 */
import type { Node } from '../parse/node';
import { asIntrinsic } from '../parse/intrinsics';

export type FixValue = string | number | boolean | null | FixValue[] | { [key: string]: FixValue } | Intrinsic;

/** An intrinsic function call: written `!Ref X` / `Ref: X` / `{"Ref": "X"}` per the document's style. */
export class Intrinsic {
  constructor(
    readonly fn: string,
    readonly arg: FixValue,
  ) {}
}

export const ref = (name: string): Intrinsic => new Intrinsic('Ref', name);
export const getAtt = (name: string, attr: string): Intrinsic => new Intrinsic('Fn::GetAtt', `${name}.${attr}`);
export const sub = (text: string): Intrinsic => new Intrinsic('Fn::Sub', text);
export const select = (index: number, list: FixValue): Intrinsic => new Intrinsic('Fn::Select', [index, list]);
export const getAZs = (): Intrinsic => new Intrinsic('Fn::GetAZs', '');

export function isPlainObject(v: FixValue): v is { [key: string]: FixValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Intrinsic);
}

/** A node of the template as a fix value (intrinsics kept as intrinsics): to copy what a template already says. */
export function toFixValue(n: Node): FixValue {
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(toFixValue);
  const i = asIntrinsic(n, true);
  if (i) return new Intrinsic(i.fn, toFixValue(i.arg));
  const o: { [k: string]: FixValue } = {};
  for (const p of n.pairs) o[String(p.key.value)] = toFixValue(p.value);
  return o;
}

/** A map node's pairs as a fix value, leaving out some keys and `!Ref AWS::NoValue` values. */
export function copyMap(map: Node | undefined, omit: readonly string[] = []): { [k: string]: FixValue } {
  const o: { [k: string]: FixValue } = {};
  if (!map || map.kind !== 'map') return o;
  for (const p of map.pairs) {
    const k = String(p.key.value);
    if (omit.includes(k)) continue;
    const i = asIntrinsic(p.value);
    if (i && i.fn === 'Ref' && i.arg.kind === 'scalar' && i.arg.value === 'AWS::NoValue') continue;
    o[k] = toFixValue(p.value);
  }
  return o;
}
