/**
 * Renders fix values as YAML (block style, at a given indentation) or JSON (pretty, at a
 * given indentation), in the style the document already uses: short-form tags in YAML
 * when the template uses them, the document's indentation unit and line ending.
 */
import { FixValue, Intrinsic, isPlainObject } from './value';

export interface Style {
  json: boolean;
  /** One indentation step, e.g. '  '. */
  unit: string;
  eol: string;
  /** YAML: write `!Ref X` rather than `Ref: X`. */
  shortTags: boolean;
}

const SHORT: Record<string, string> = {
  Ref: '!Ref',
  'Fn::GetAtt': '!GetAtt',
  'Fn::Sub': '!Sub',
  'Fn::Join': '!Join',
  'Fn::Select': '!Select',
  'Fn::GetAZs': '!GetAZs',
  'Fn::If': '!If',
  'Fn::Equals': '!Equals',
  'Fn::FindInMap': '!FindInMap',
  'Fn::ImportValue': '!ImportValue',
  'Fn::Base64': '!Base64',
  'Fn::Split': '!Split',
};

const PLAIN_SAFE = /^[A-Za-z_/$][A-Za-z0-9_./:@$-]*$/;
const YAML_WORDS = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

export function yamlScalar(v: string | number | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v !== 'string') return String(v);
  if (v !== '' && PLAIN_SAFE.test(v) && !YAML_WORDS.test(v) && !/^[0-9.+-]/.test(v)) return v;
  return JSON.stringify(v);
}

/** YAML text for a value placed after `key:` — starts with a space (inline) or a line break (block). */
export function yamlValue(v: FixValue, indent: string, s: Style): string {
  if (v instanceof Intrinsic) return ' ' + yamlIntrinsic(v, indent, s);
  if (Array.isArray(v)) {
    if (v.length === 0) return ' []';
    return v.map((item) => `${s.eol}${indent}-${yamlItem(item, indent + '  ', s)}`).join('');
  }
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 0) return ' {}';
    return keys.map((k) => `${s.eol}${indent}${yamlScalar(k)}:${yamlValue(v[k], indent + s.unit, s)}`).join('');
  }
  return ' ' + yamlScalar(v);
}

/** A block sequence item's text after the dash (`indent`: where its continuation lines start). */
export function yamlSeqItem(v: FixValue, indent: string, s: Style): string {
  return yamlItem(v, indent, s);
}

/** A sequence item's text after the dash. */
function yamlItem(v: FixValue, indent: string, s: Style): string {
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 0) return ' {}';
    // First pair on the dash line, the others aligned under it.
    return keys.map((k, i) => `${i === 0 ? ' ' : s.eol + indent}${yamlScalar(k)}:${yamlValue(v[k], indent + s.unit, s)}`).join('');
  }
  if (Array.isArray(v)) return ' ' + flowYaml(v, s);
  return yamlValue(v, indent, s);
}

function yamlIntrinsic(v: Intrinsic, indent: string, s: Style): string {
  const tag = SHORT[v.fn];
  if (s.shortTags && tag) {
    if (v.fn === 'Fn::GetAZs' && v.arg === '') return "!GetAZs ''";
    if (typeof v.arg === 'string' || typeof v.arg === 'number') return `${tag} ${yamlScalar(v.arg)}`;
    return `${tag} ${flowYaml(v.arg, s)}`;
  }
  const arg = v.fn === 'Fn::GetAtt' && typeof v.arg === 'string' ? v.arg.split(/\.(.*)/s).filter((x) => x !== '') : v.arg;
  return `{${v.fn}: ${flowYaml(arg, s)}}`;
}

/** Compact flow-style YAML (used inside tags and sequences). */
export function flowYaml(v: FixValue, s: Style): string {
  if (v instanceof Intrinsic) return yamlIntrinsic(v, '', s);
  if (Array.isArray(v)) return `[${v.map((x) => flowYaml(x, s)).join(', ')}]`;
  if (isPlainObject(v)) return `{${Object.keys(v).map((k) => `${yamlScalar(k)}: ${flowYaml(v[k], s)}`).join(', ')}}`;
  if (v === '') return "''";
  return yamlScalar(v);
}

function toJsonData(v: FixValue): unknown {
  if (v instanceof Intrinsic) {
    const arg = v.fn === 'Fn::GetAtt' && typeof v.arg === 'string' ? v.arg.split(/\.(.*)/s).filter((x) => x !== '') : v.arg;
    return { [v.fn]: toJsonData(arg) };
  }
  if (Array.isArray(v)) return v.map(toJsonData);
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJsonData(x)]));
  return v;
}

/** One-line JSON with a space after colons and commas: `{"Ref": "X"}`, `["a", "b"]`. */
export function jsonFlow(v: FixValue): string {
  return flowJson(toJsonData(v));
}

function flowJson(d: unknown): string {
  if (Array.isArray(d)) return `[${d.map(flowJson).join(', ')}]`;
  if (d !== null && typeof d === 'object') return `{${Object.entries(d as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)}: ${flowJson(x)}`).join(', ')}}`;
  return JSON.stringify(d);
}

/** Short enough, and made of scalars (or one-key intrinsic maps of scalars), to stay on one line. */
function compact(d: unknown): boolean {
  const simple = (x: unknown, depth: number): boolean => {
    if (x === null || typeof x !== 'object') return true;
    if (depth > 2) return false;
    if (Array.isArray(x)) return x.every((i) => simple(i, depth + 1));
    const keys = Object.keys(x as object);
    return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')) && simple((x as Record<string, unknown>)[keys[0]], depth + 1);
  };
  if (d === null || typeof d !== 'object') return true;
  return simple(d, 0) && flowJson(d).length <= 72;
}

/**
 * Pretty JSON whose continuation lines start at `indent`: objects one member per line, lists
 * of scalars and intrinsic functions of scalars (`{"Ref": "X"}`) kept on one line.
 */
export function jsonValue(v: FixValue, indent: string, s: Style): string {
  const unit = s.unit || '  ';
  const render = (d: unknown, ind: string): string => {
    if (compact(d)) return flowJson(d);
    const inner = ind + unit;
    if (Array.isArray(d)) return `[${s.eol}${d.map((x) => inner + render(x, inner)).join(',' + s.eol)}${s.eol}${ind}]`;
    const entries = Object.entries(d as Record<string, unknown>);
    if (!entries.length) return '{}';
    return `{${s.eol}${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${render(x, inner)}`).join(',' + s.eol)}${s.eol}${ind}}`;
  };
  return render(toJsonData(v), indent);
}
