/**
 * Reading the properties the recovery model needs: the raw node of a property (with
 * `!Ref AWS::NoValue` counting as absent), and the choices of a boolean, number or string
 * property across parameters and conditions (worlds.ts `choicesOf`). No value resolution
 * of its own: that is graph/resolve.ts.
 */
import { Node, ScalarValue, getPath, isSeq, scalarString } from '../parse/node';
import { asIntrinsic } from '../parse/intrinsics';
import type { Resource, Template } from '../parse/template';
import { asBoolean, isNoValue, literalItems, literalString, opaque, prop } from '../graph/resolve';
import { Choice, choicesOf } from './worlds';
import type { Evidence } from './model';

export { isNoValue, prop };

/** `Properties` written as an intrinsic (`Properties: !If [...]`): nothing can be read. */
export function opaqueProperties(res: Resource): boolean {
  return opaque(res);
}

/** A boolean property: `absent` is its default; unknown values are taken as each of false and true. */
export function boolChoices(t: Template, n: Node | undefined, absent: boolean, label: string): Choice<boolean>[] {
  return choicesOf(t, n, (v) => (v === undefined || v === null ? absent : (asBoolean(v) ?? absent)), [false, true], label);
}

/** A number property: `absent` is its default; unknown values are taken as each of `ifUnknown`. */
export function numberChoices(t: Template, n: Node | undefined, absent: number, ifUnknown: readonly number[], label: string): Choice<number>[] {
  return choicesOf(
    t,
    n,
    (v) => {
      if (v === undefined || v === null || v === '') return absent;
      const x = typeof v === 'number' ? v : Number(v);
      return Number.isFinite(x) ? x : absent;
    },
    ifUnknown,
    label,
  );
}

/** A string property (undefined when absent). Unknown values are taken as `ifUnknown`. */
export function stringChoices(t: Template, n: Node | undefined, ifUnknown: readonly (string | undefined)[], label: string): Choice<string | undefined>[] {
  return choicesOf<string | undefined>(t, n, (v: ScalarValue | undefined) => (v === undefined || v === null || v === '' ? undefined : String(v)), ifUnknown, label, (v) => v ?? 'absent');
}

/** A literal string, or undefined. */
export const literal = literalString;

/** Items of a literal list, without `!Ref AWS::NoValue` items. */
export function items(n: Node | undefined): Node[] {
  return literalItems(n) ?? [];
}

/** The source text of a property, shortened, for evidence: "MultiAZ: true", "MultiAZ: !Ref MultiAZ". */
export function shown(t: Template, name: string, n: Node | undefined, absentText: string): string {
  if (!n) return `${name} ${absentText}`;
  const raw = t.text.slice(n.start, n.end).replace(/\s+/g, ' ').trim();
  const text = raw.length > 60 ? `${raw.slice(0, 57)}…` : raw;
  return `${name}: ${text}`;
}

/** Evidence located at a property's value, or at the resource's logical ID when absent. */
export function evidenceAt(res: Resource, n: Node | undefined, text: string): Evidence {
  const at = n && n.end > n.start ? n : res.key;
  return { text, start: at.start, end: at.end };
}

/** The name in `!Ref X` / the resource in `!GetAtt X.Attr`. */
export function referencedName(n: Node | undefined): string | undefined {
  const i = asIntrinsic(n);
  if (!i) return undefined;
  if (i.fn === 'Ref') return scalarString(i.arg);
  if (i.fn === 'Fn::GetAtt') return isSeq(i.arg) ? scalarString(i.arg.items[0]) : scalarString(i.arg)?.split('.')[0];
  return undefined;
}

/** Tags of a resource as literal key/value pairs (Tags, FileSystemTags, or a Tags map). */
export function literalTags(res: Resource): Map<string, string> {
  const out = new Map<string, string>();
  for (const key of ['Tags', 'FileSystemTags']) {
    const n = prop(res, key);
    if (isSeq(n)) {
      for (const i of n.items) {
        const k = literal(getPath(i, ['Key']));
        const v = literal(getPath(i, ['Value']));
        if (k !== undefined) out.set(k, v ?? '');
      }
    } else if (n && n.kind === 'map' && !asIntrinsic(n)) {
      for (const p of n.pairs) {
        const v = literal(p.value);
        if (v !== undefined) out.set(String(p.key.value), v);
      }
    }
  }
  return out;
}

/** The Region a literal ARN names (`arn:aws:backup:eu-west-1:…`), '' when the field is empty, undefined when not an ARN. */
export function arnRegion(s: string): string | undefined {
  const parts = s.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return parts[3];
}

/** Whether a node is (or substitutes) the stack's own Region: `!Ref AWS::Region`, `${AWS::Region}`. */
export function isStackRegion(n: Node | undefined): boolean {
  const i = asIntrinsic(n);
  if (!i) return false;
  if (i.fn === 'Ref') return scalarString(i.arg) === 'AWS::Region';
  if (i.fn === 'Fn::Sub') {
    const s = isSeq(i.arg) ? scalarString(i.arg.items[0]) : scalarString(i.arg);
    return s === '${AWS::Region}';
  }
  return false;
}

/** The text of a literal string or of an `Fn::Sub` template (with its `${…}` kept). */
export function stringOrSub(n: Node | undefined): string | undefined {
  const s = literal(n);
  if (s !== undefined) return s;
  const i = asIntrinsic(n);
  if (i?.fn === 'Fn::Sub') return isSeq(i.arg) ? scalarString(i.arg.items[0]) : scalarString(i.arg);
  return undefined;
}
