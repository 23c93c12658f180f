/**
 * The on-disk format written by `scripts/build-schema.mjs` and its decoding. Pure.
 *
 * File layout (valid JSON, but never parsed whole):
 *   line 1: {"header":{"format":"cfn-resilience-schema/1",...,"index":{"AWS::S3::Bucket":[off,len],...}},
 *   line 2: "types":{
 *   then  : "AWS::S3::Bucket":{compact entry},   one line per type
 *   last  : }}
 * `off`/`len` are byte offsets of an entry's object text relative to the start of line 2.
 */
import type {
  AttributeSpec,
  PrimitiveName,
  PrimitiveTypeRef,
  PropertySpec,
  PropertyTypeSpec,
  TypeRef,
} from './types';

export const SCHEMA_FORMAT = 'cfn-resilience-schema/1';

export interface SchemaHeader {
  format: string;
  version: number;
  source: string;
  count: number;
  index: Record<string, [number, number]>;
}

/** Compact type: primitive name | '#Name' | ['L'|'M', T] | ['U', ...T] | ['S'|'I', ...values] */
export type RawType = string | [string, ...unknown[]];

export interface RawProperty {
  t: RawType;
  r?: 1;
  d?: string;
  x?: 1;
  dv?: string;
  u?: 'yes' | 'maybe';
  pt?: RawType[];
}

export interface RawObjectType {
  d?: string;
  p: Record<string, RawProperty>;
  /** Built-in CloudFormation Tag. */
  g?: 1;
}

export interface RawResource {
  d?: string;
  p: Record<string, RawProperty>;
  a?: Record<string, { t: RawType; d?: string }>;
  y?: Record<string, RawObjectType>;
  s?: 1;
  x?: string;
  tg?: string;
}

const HEADER_PREFIX = '{"header":';

/** Parses line 1 of the file. Returns the header and the byte offset entries are relative to. */
export function parseHeader(data: Buffer): { header: SchemaHeader; base: number } {
  const nl = data.indexOf(10);
  if (nl < 0) throw new Error('resource schema: no header line');
  const line = data.toString('utf8', 0, nl);
  if (!line.startsWith(HEADER_PREFIX) || !line.endsWith(',')) {
    throw new Error('resource schema: unexpected header (rebuild with "node scripts/build-schema.mjs --force")');
  }
  const header = JSON.parse(line.slice(HEADER_PREFIX.length, -1)) as SchemaHeader;
  if (header.format !== SCHEMA_FORMAT) {
    throw new Error(`resource schema: format ${String(header.format)}, expected ${SCHEMA_FORMAT} (rebuild the schema)`);
  }
  if (!header.index || typeof header.index !== 'object') throw new Error('resource schema: header without index');
  return { header, base: nl + 1 };
}

// ---------------------------------------------------------------------------------------
// Decoding

const PRIMITIVE_NAMES: readonly PrimitiveName[] = ['string', 'integer', 'number', 'boolean', 'json', 'timestamp', 'any'];

/** Shared, frozen primitive TypeRefs (no allowed values). */
export const PRIMITIVES: Readonly<Record<PrimitiveName, PrimitiveTypeRef>> = Object.freeze(
  Object.fromEntries(PRIMITIVE_NAMES.map((n) => [n, Object.freeze({ kind: 'primitive', type: n })])) as Record<
    PrimitiveName,
    PrimitiveTypeRef
  >,
);

function isPrimitiveName(s: string): s is PrimitiveName {
  return (PRIMITIVE_NAMES as readonly string[]).includes(s);
}

/** Decodes a compact type. `refs` caches ref objects per resource. */
export function decodeType(raw: unknown, refs: Map<string, TypeRef>): TypeRef {
  if (typeof raw === 'string') {
    if (raw.charCodeAt(0) === 35 /* # */) {
      const name = raw.slice(1);
      let r = refs.get(name);
      if (!r) {
        r = Object.freeze({ kind: 'ref', name }) as TypeRef;
        refs.set(name, r);
      }
      return r;
    }
    return isPrimitiveName(raw) ? PRIMITIVES[raw] : PRIMITIVES.any;
  }
  if (Array.isArray(raw) && raw.length > 0) {
    const tag = raw[0];
    switch (tag) {
      case 'L':
        return Object.freeze({ kind: 'list', element: decodeType(raw[1], refs) });
      case 'M':
        return Object.freeze({ kind: 'map', element: decodeType(raw[1], refs) });
      case 'U':
        return Object.freeze({ kind: 'union', types: Object.freeze(raw.slice(1).map((t) => decodeType(t, refs))) });
      case 'S':
        return Object.freeze({ kind: 'primitive', type: 'string', allowedValues: Object.freeze(raw.slice(1) as string[]) });
      case 'I':
        return Object.freeze({ kind: 'primitive', type: 'integer', allowedValues: Object.freeze(raw.slice(1) as number[]) });
    }
  }
  return PRIMITIVES.any;
}

function allowedValuesOf(t: TypeRef): readonly (string | number)[] | undefined {
  if (t.kind === 'primitive') return t.allowedValues;
  if (t.kind === 'list') return allowedValuesOf(t.element);
  return undefined;
}

export function decodeProperties(
  raw: Record<string, RawProperty> | undefined,
  refs: Map<string, TypeRef>,
): { properties: Record<string, PropertySpec>; required: string[] } {
  const properties: Record<string, PropertySpec> = Object.create(null);
  const required: string[] = [];
  if (raw) {
    for (const name of Object.keys(raw)) {
      const p = raw[name];
      const type = decodeType(p.t, refs);
      const spec: {
        -readonly [K in keyof PropertySpec]: PropertySpec[K];
      } = { name, type, required: p.r === 1 };
      if (p.d !== undefined) spec.documentation = p.d;
      if (p.x === 1) spec.deprecated = true;
      if (p.dv !== undefined) spec.defaultValue = p.dv;
      if (p.u !== undefined) spec.updateRequiresReplacement = p.u;
      if (p.pt) spec.previousTypes = Object.freeze(p.pt.map((t) => decodeType(t, refs)));
      const av = allowedValuesOf(type);
      if (av) spec.allowedValues = av;
      properties[name] = Object.freeze(spec);
      if (spec.required) required.push(name);
    }
  }
  return { properties: Object.freeze(properties), required: Object.freeze(required) as string[] };
}

export function decodeAttributes(
  raw: RawResource['a'],
  refs: Map<string, TypeRef>,
): Readonly<Record<string, AttributeSpec>> {
  const out: Record<string, AttributeSpec> = Object.create(null);
  if (raw) {
    for (const name of Object.keys(raw)) {
      const a = raw[name];
      const spec: { -readonly [K in keyof AttributeSpec]: AttributeSpec[K] } = { name, type: decodeType(a.t, refs) };
      if (a.d !== undefined) spec.documentation = a.d;
      out[name] = Object.freeze(spec);
    }
  }
  return Object.freeze(out);
}

export function decodeObjectType(
  resourceType: string,
  name: string,
  raw: RawObjectType,
  refs: Map<string, TypeRef>,
  docsUrl: string | undefined,
): PropertyTypeSpec {
  const { properties, required } = decodeProperties(raw.p, refs);
  const spec: { -readonly [K in keyof PropertyTypeSpec]: PropertyTypeSpec[K] } = {
    name,
    resourceType,
    properties,
    required,
  };
  if (raw.d !== undefined) spec.documentation = raw.d;
  if (docsUrl !== undefined) spec.docsUrl = docsUrl;
  if (raw.g === 1) spec.builtinTag = true;
  return Object.freeze(spec);
}
