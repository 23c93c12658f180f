/**
 * Resource-type schema lookups for every CloudFormation and SAM resource type, from the
 * index that `scripts/build-schema.mjs` extracts from `@aws-cdk/aws-service-spec`.
 *
 * Loading is lazy at two levels:
 *  - the first call of any function reads the file once and parses only its header
 *    (names + byte offsets: a few ms, well under 1 MB of heap);
 *  - a type's entry is `JSON.parse`d and decoded the first time it is asked for, then
 *    cached; its nested property types are decoded on first `getPropertyType`.
 *
 * When the file is missing or broken nothing throws: every type is unknown and
 * `schemaInfo().error` says why (the server should report it once).
 */
import { readSchemaFile } from './data';
import { propertyDocsUrl, propertyTypeDocsUrl, resourceDocsUrl } from './docs';
import {
  decodeAttributes,
  decodeObjectType,
  decodeProperties,
  parseHeader,
  PRIMITIVES,
  RawResource,
  SCHEMA_FORMAT,
} from './format';
import { TypeNameSuggester } from './suggest';
import type {
  PropertySpec,
  PropertyTypeSpec,
  ResolvedPath,
  ResourceTypeSpec,
  SchemaInfo,
  TypeRef,
} from './types';

export type {
  AttributeSpec,
  PrimitiveName,
  PrimitiveTypeRef,
  PropertySpec,
  PropertyTypeSpec,
  ResolvedPath,
  ResourceTypeSpec,
  SchemaInfo,
  TypeRef,
} from './types';
export { boundedDistance } from './suggest';

interface Entry {
  spec: ResourceTypeSpec;
  raw: RawResource;
  refs: Map<string, TypeRef>;
  nested: Map<string, PropertyTypeSpec>;
}

interface State {
  names: readonly string[];
  index: Map<string, readonly [number, number]>;
  data?: Buffer;
  base: number;
  info: SchemaInfo;
  cache: Map<string, Entry | null>;
  suggester?: TypeNameSuggester;
}

let state: State | undefined;
let explicitPath: string | undefined;

function load(): State {
  if (state) return state;
  try {
    const file = readSchemaFile(explicitPath);
    const { header, base } = parseHeader(file.data);
    const index = new Map<string, readonly [number, number]>();
    for (const name of Object.keys(header.index)) index.set(name, header.index[name]);
    state = {
      names: Object.freeze([...index.keys()]),
      index,
      data: file.data,
      base,
      info: Object.freeze({ source: header.source, format: header.format, count: index.size, path: file.path }),
      cache: new Map(),
    };
  } catch (e) {
    state = {
      names: Object.freeze([]),
      index: new Map(),
      base: 0,
      info: Object.freeze({ count: 0, format: SCHEMA_FORMAT, error: (e as Error).message }),
      cache: new Map(),
    };
  }
  return state;
}

/**
 * Drops everything loaded; the next call reads the schema again, from `path` when given
 * (else `CFN_RESILIENCE_SCHEMA` or the default locations). For tests and tools.
 */
export function reloadSchema(path?: string): void {
  state = undefined;
  explicitPath = path;
}

/** Where the schema came from, its size, or why it is unavailable. Loads the header. */
export function schemaInfo(): SchemaInfo {
  return load().info;
}

/** All known resource type names, sorted. */
export function resourceTypeNames(): readonly string[] {
  return load().names;
}

/** Exact (case-sensitive) membership test; doesn't decode the type. */
export function hasResourceType(name: string): boolean {
  return load().index.has(name);
}

function entry(name: string): Entry | undefined {
  const s = load();
  const cached = s.cache.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const loc = s.index.get(name);
  if (!loc || !s.data) return undefined;
  let result: Entry | null = null;
  try {
    const start = s.base + loc[0];
    const raw = JSON.parse(s.data.toString('utf8', start, start + loc[1])) as RawResource;
    const refs = new Map<string, TypeRef>();
    const { properties, required } = decodeProperties(raw.p, refs);
    const cut = name.lastIndexOf('::');
    const spec: { -readonly [K in keyof ResourceTypeSpec]: ResourceTypeSpec[K] } = {
      name,
      service: name.slice(0, cut),
      properties,
      required,
      attributes: decodeAttributes(raw.a, refs),
      typeNames: Object.freeze(Object.keys(raw.y ?? {})),
      stateful: raw.s === 1,
    };
    if (raw.d !== undefined) spec.documentation = raw.d;
    const url = resourceDocsUrl(name);
    if (url !== undefined) spec.docsUrl = url;
    if (raw.x !== undefined) spec.transform = raw.x;
    if (raw.tg !== undefined) spec.tagProperty = raw.tg;
    result = { spec: Object.freeze(spec), raw, refs, nested: new Map() };
  } catch (e) {
    // A corrupt entry (e.g. the file was rebuilt under a running server): report, don't throw.
    s.info = Object.freeze({ ...s.info, error: `resource schema entry ${name}: ${(e as Error).message}` });
  }
  s.cache.set(name, result);
  return result ?? undefined;
}

/** The schema of a resource type (exact name), decoded on first use and cached. */
export function getResourceType(name: string): ResourceTypeSpec | undefined {
  return entry(name)?.spec;
}

/** A nested property type of `resourceType` by name (`Code` of `AWS::Lambda::Function`). */
export function getPropertyType(resourceType: string, typeName: string): PropertyTypeSpec | undefined {
  const e = entry(resourceType);
  if (!e) return undefined;
  const hit = e.nested.get(typeName);
  if (hit) return hit;
  const y = e.raw.y;
  if (!y || !Object.prototype.hasOwnProperty.call(y, typeName)) return undefined;
  const raw = y[typeName];
  const spec = decodeObjectType(resourceType, typeName, raw, e.refs, propertyTypeDocsUrl(resourceType, typeName, raw.g === 1));
  e.nested.set(typeName, spec);
  return spec;
}

/**
 * The object types a value of type `t` may be: the referenced nested type, or every
 * referenced type of a union (SAM event `Properties`, `CodeUri: String | S3Location`, …).
 * Doesn't look through lists or maps.
 */
export function objectTypesOf(resourceType: string, t: TypeRef): PropertyTypeSpec[] {
  const out: PropertyTypeSpec[] = [];
  const visit = (x: TypeRef): void => {
    if (x.kind === 'ref') {
      const p = getPropertyType(resourceType, x.name);
      if (p && !out.includes(p)) out.push(p);
    } else if (x.kind === 'union') x.types.forEach(visit);
  };
  visit(t);
  return out;
}

/** Splits `Code.S3Bucket`, `Tags[0].Key`, `Tags.0.Key` into segments. */
export function parsePropertyPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1] !== '') out.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
    for (const idx of m[2].match(/\d+/g) ?? []) out.push(Number(idx));
  }
  return out;
}

interface Step {
  type: TypeRef;
  property?: PropertySpec;
  owner?: PropertyTypeSpec;
}

const OPAQUE: ResolvedPath = Object.freeze({ type: PRIMITIVES.json, opaque: true });

function flatten(t: TypeRef, out: TypeRef[] = []): TypeRef[] {
  if (t.kind === 'union') for (const m of t.types) flatten(m, out);
  else out.push(t);
  return out;
}

/**
 * Walks a path below a resource's `Properties` — `['Code', 'S3Bucket']`,
 * `['Tags', 0, 'Key']` or the string forms `Code.S3Bucket` / `Tags[0].Key` — to the type
 * (and property) found there. List indices are numbers; map keys are any string. Union
 * types are followed along every member, the first match wins. Returns undefined when a
 * segment doesn't exist (unknown property, index into a non-list, …) and `opaque: true`
 * when the path enters a free-form `json` value (a member that names a property wins over
 * a `json` member of the same union). The empty path gives undefined: use
 * `getResourceType` for the resource itself.
 */
export function resolvePath(
  resourceType: string,
  path: readonly (string | number)[] | string,
): ResolvedPath | undefined {
  const segs = typeof path === 'string' ? parsePropertyPath(path) : path;
  const res = getResourceType(resourceType);
  if (!res || segs.length === 0) return undefined;
  const first = segs[0];
  if (typeof first !== 'string') return undefined;
  const top = Object.prototype.hasOwnProperty.call(res.properties, first) ? res.properties[first] : undefined;
  if (!top) return undefined;
  let current: Step[] = [{ type: top.type, property: top }];
  for (let i = 1; i < segs.length; i++) {
    const seg = segs[i];
    const next: Step[] = [];
    let opaque = false;
    for (const step of current) {
      for (const t of flatten(step.type)) {
        if (t.kind === 'primitive') {
          if (t.type === 'json' || t.type === 'any') opaque = true;
        } else if (t.kind === 'list') {
          if (typeof seg === 'number') next.push({ type: t.element });
        } else if (t.kind === 'map') {
          next.push({ type: t.element });
        } else if (t.kind === 'ref' && typeof seg === 'string') {
          const owner = getPropertyType(resourceType, t.name);
          if (owner && Object.prototype.hasOwnProperty.call(owner.properties, seg)) {
            const property = owner.properties[seg];
            next.push({ type: property.type, property, owner });
          }
        }
      }
    }
    if (!next.length) return opaque ? OPAQUE : undefined;
    // Prefer steps that named a property (object members) over map/list elements.
    next.sort((a, b) => Number(!!b.property) - Number(!!a.property));
    current = next;
  }
  const last = current[0];
  const seg = segs[segs.length - 1];
  const namedHere = last.property !== undefined && last.property.name === seg;
  const out: { -readonly [K in keyof ResolvedPath]: ResolvedPath[K] } = { type: last.type, opaque: false };
  if (namedHere) {
    out.property = last.property;
    if (last.owner) out.owner = last.owner;
  }
  return Object.freeze(out);
}

/** Known resource type names close to `name` (case-insensitive, typos), best first. */
export function suggestResourceType(name: string, max = 3): string[] {
  const s = load();
  if (!s.names.length) return [];
  if (!s.suggester) s.suggester = new TypeNameSuggester(s.names);
  return s.suggester.suggest(name, max);
}

/**
 * Reference page of a known resource type, or the anchor of a property below it
 * (`['Code', 'S3Bucket']`, `Tags[0].Key`, …): a nested type's property links to that
 * type's page. Undefined for unknown types.
 */
export function docsUrlFor(resourceType: string, propertyPath?: readonly (string | number)[] | string): string | undefined {
  const res = getResourceType(resourceType);
  if (!res) return undefined;
  const segs = propertyPath === undefined ? [] : typeof propertyPath === 'string' ? parsePropertyPath(propertyPath) : [...propertyPath];
  // Link the innermost named property on the path (skipping list indices and map keys).
  for (let n = segs.length; n > 0; n--) {
    const r = resolvePath(resourceType, segs.slice(0, n));
    if (r?.property) {
      return propertyDocsUrl(resourceType, r.owner?.name, r.property.name, r.owner?.builtinTag === true);
    }
  }
  return res.docsUrl;
}

const PRIMITIVE_LABEL: Record<string, string> = {
  string: 'String',
  integer: 'Integer',
  number: 'Number',
  boolean: 'Boolean',
  json: 'Json',
  timestamp: 'Timestamp',
  any: 'Any',
};

/** Human-readable type, as in the AWS docs: `String`, `List of Tag`, `Map of String`, `String | S3Location`. */
export function typeToString(t: TypeRef): string {
  switch (t.kind) {
    case 'primitive':
      return PRIMITIVE_LABEL[t.type] ?? t.type;
    case 'list':
      return `List of ${typeToString(t.element)}`;
    case 'map':
      return `Map of ${typeToString(t.element)}`;
    case 'ref':
      return t.name;
    case 'union':
      return t.types.map((m) => (m.kind === 'union' ? `(${typeToString(m)})` : typeToString(m))).join(' | ');
  }
}
