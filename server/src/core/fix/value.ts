/**
 * Values a fix writes, independent of YAML or JSON: plain JSON-like data plus intrinsic
 * functions, rendered in the document's own style by render.ts.
 */
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
