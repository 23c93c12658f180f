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

/** Pretty JSON whose continuation lines start at `indent`. */
export function jsonValue(v: FixValue, indent: string, s: Style): string {
  const text = JSON.stringify(toJsonData(v), null, s.unit.length || 2);
  return text.split('\n').join(s.eol + indent);
}
