/**
 * What the schema says about a place in a template, by its path from the root
 * (`['Resources', 'Bucket', 'Properties', 'VersioningConfiguration', 'Status']`): the properties
 * a map there may have, the type of a value there, the property a key there names. Shared by
 * completion and hover. SAM types are described by the SAM overlay of the schema rules
 * (`rules/schema/_sam.ts`: the property names the transform accepts today, event types by their
 * `Type`) on top of the schema index. Plain data; nothing here reads text.
 */
import type { Resource, Template } from '../parse/template';
import { get, getPath, scalarString } from '../parse/node';
import { getPropertyType, getResourceType, objectTypesOf, resolvePath } from '../spec/spec';
import { PRIMITIVES } from '../spec/format';
import type { PropertySpec, TypeRef } from '../spec/types';
import { SamShape, samShape } from '../spec/sam';

export type Path = readonly (string | number)[];

/** The properties a map may have, and what declares them. */
export interface PropertySet {
  resourceType: string;
  /** The nested type that declares them (`VersioningConfiguration`), undefined at the top of `Properties`. */
  owner?: string;
  properties: PropertySpec[];
}

export interface PropertyHit {
  resourceType: string;
  /** Path below `Properties`. */
  path: (string | number)[];
  property: PropertySpec;
  owner?: string;
}

/** The resource a path below `Resources.<id>.Properties` belongs to, and the rest of the path. */
export function resourceAt(t: Template, path: Path): { resource: Resource; rest: (string | number)[] } | undefined {
  if (path.length < 3 || path[0] !== 'Resources' || path[2] !== 'Properties' || typeof path[1] !== 'string') return undefined;
  const resource = t.resources.get(path[1]);
  if (!resource?.type) return undefined;
  return { resource, rest: path.slice(3) };
}

function flatten(t: TypeRef, out: TypeRef[] = []): TypeRef[] {
  if (t.kind === 'union') for (const m of t.types) flatten(m, out);
  else out.push(t);
  return out;
}

/** The type found by walking `segs` down from `type` (nested types of `resourceType`); unions along every member. */
export function walkType(resourceType: string, type: TypeRef, segs: Path): TypeRef | undefined {
  let cur: TypeRef[] = [type];
  for (const seg of segs) {
    const next: TypeRef[] = [];
    for (const x of cur.flatMap((c) => flatten(c))) {
      if (x.kind === 'list' && typeof seg === 'number') next.push(x.element);
      else if (x.kind === 'map' && typeof seg === 'string') next.push(x.element);
      else if (x.kind === 'ref' && typeof seg === 'string') {
        const o = getPropertyType(resourceType, x.name);
        if (o && Object.prototype.hasOwnProperty.call(o.properties, seg)) next.push(o.properties[seg].type);
      }
    }
    if (!next.length) return undefined;
    cur = next;
  }
  return cur.length === 1 ? cur[0] : { kind: 'union', types: cur };
}

function own<T>(r: Readonly<Record<string, T>>, k: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(r, k) ? r[k] : undefined;
}

/** A SAM property the schema index does not describe: its CloudFormation type when it passes through, else untyped. */
function samProperty(shape: SamShape, name: string, spec: Readonly<Record<string, PropertySpec>> | undefined): PropertySpec {
  const known = spec && own(spec, name);
  if (known) return { ...known, required: shape.required.includes(name) };
  const pass = own(shape.passthrough, name);
  const resolved = pass ? resolvePath(pass[0], pass[1]) : undefined;
  const base = resolved?.property;
  return {
    name,
    type: resolved?.type ?? PRIMITIVES.any,
    required: shape.required.includes(name),
    ...(base?.documentation ? { documentation: base.documentation } : {}),
    ...(base?.allowedValues ? { allowedValues: base.allowedValues } : {}),
  };
}

/** The SAM event entry a path `['Events', name, …]` is in: its type's shape and nested spec type. */
function samEvent(resource: Resource, shape: ReturnType<typeof samShape>, name: string | number) {
  const evType = scalarString(get(getPath(resource.properties, ['Events', name]), 'Type'));
  const ev = evType && shape?.events ? own(shape.events, evType) : undefined;
  return { evType, ev };
}

/** The type of the value at `rest` (below `Properties`) of a resource, SAM overlay included. */
function typeBelow(resource: Resource, rest: Path): { type: TypeRef; owner?: string } | undefined {
  const rt = resource.type!;
  const spec = getResourceType(rt);
  if (!spec || !rest.length || typeof rest[0] !== 'string') return undefined;
  const shape = samShape(rt);
  if (shape) {
    if (rest[0] === 'Events' && shape.events && rest.length >= 2) {
      // Events.<name>.Properties.<…>: the event type's own properties.
      if (rest.length >= 4 && rest[2] === 'Properties' && typeof rest[3] === 'string') {
        const { ev } = samEvent(resource, shape, rest[1]);
        if (!ev) return undefined;
        const nested = ev.specType ? getPropertyType(rt, ev.specType) : undefined;
        const p = samProperty(ev, rest[3], nested?.properties);
        const t = walkType(rt, p.type, rest.slice(4));
        return t ? { type: t, owner: ev.specType } : undefined;
      }
    }
    if (!shape.properties.has(rest[0])) return undefined;
    const p = samProperty(shape, rest[0], spec.properties);
    if (own(spec.properties, rest[0])) {
      const t = walkType(rt, p.type, rest.slice(1));
      return t ? { type: t } : undefined;
    }
    const pass = own(shape.passthrough, rest[0]);
    if (pass && rest.length > 1) {
      const r = resolvePath(pass[0], [...pass[1].split('.'), ...rest.slice(1)]);
      return r ? { type: r.type, owner: r.owner?.name } : undefined;
    }
    return rest.length === 1 ? { type: p.type } : undefined;
  }
  const top = own(spec.properties, rest[0]);
  if (!top) return undefined;
  const t = walkType(rt, top.type, rest.slice(1));
  return t ? { type: t } : undefined;
}

/** Resource type whose nested types a SAM passthrough path uses (for `getPropertyType`). */
function typeOwnerFor(resource: Resource, rest: Path): string {
  const rt = resource.type!;
  const shape = samShape(rt);
  if (shape && typeof rest[0] === 'string' && rest[0] !== 'Events') {
    const spec = getResourceType(rt);
    const pass = own(shape.passthrough, rest[0]);
    if (pass && !(spec && own(spec.properties, rest[0]))) return pass[0];
  }
  return rt;
}

/**
 * The properties a map at `mapPath` (`Resources.<id>.Properties…`) may hold, with their
 * types; undefined when the schema says nothing there (not a resource, free-form JSON, a list).
 */
export function propertiesAt(t: Template, mapPath: Path): PropertySet | undefined {
  const at = resourceAt(t, mapPath);
  if (!at) return undefined;
  const { resource, rest } = at;
  const rt = resource.type!;
  const spec = getResourceType(rt);
  if (!spec) return undefined;
  const shape = samShape(rt);
  if (!rest.length) {
    if (!shape) return { resourceType: rt, properties: Object.values(spec.properties) };
    return { resourceType: rt, properties: [...shape.properties].sort().map((n) => samProperty(shape, n, spec.properties)) };
  }
  if (shape?.events && rest[0] === 'Events') {
    if (rest.length === 2) {
      const source = getPropertyType(rt, 'EventSource');
      if (source) return { resourceType: rt, owner: source.name, properties: Object.values(source.properties) };
    }
    if (rest.length === 3 && rest[2] === 'Properties') {
      const { ev } = samEvent(resource, shape, rest[1]);
      if (!ev) return undefined;
      const nested = ev.specType ? getPropertyType(rt, ev.specType) : undefined;
      return { resourceType: rt, owner: ev.specType, properties: [...ev.properties].sort().map((n) => samProperty(ev, n, nested?.properties)) };
    }
  }
  const below = typeBelow(resource, rest);
  if (!below) return undefined;
  const owner = typeOwnerFor(resource, rest);
  const objects = objectTypesOf(owner, below.type);
  if (!objects.length) return undefined;
  const props = new Map<string, PropertySpec>();
  for (const o of objects) for (const p of Object.values(o.properties)) if (!props.has(p.name)) props.set(p.name, p);
  return { resourceType: owner, owner: objects.map((o) => o.name).join(' | '), properties: [...props.values()] };
}

/** The property a key at `path` names (the last segment), with where it is declared. */
export function propertyAt(t: Template, path: Path): PropertyHit | undefined {
  const name = path[path.length - 1];
  if (typeof name !== 'string') return undefined;
  const set = propertiesAt(t, path.slice(0, -1));
  const property = set?.properties.find((p) => p.name === name);
  if (!set || !property) return undefined;
  const at = resourceAt(t, path)!;
  // A property SAM passes through to a CloudFormation type the SAM schema lacks: that type's docs and links.
  const pass = passthroughOf(at.resource, at.rest);
  if (pass) return { resourceType: pass[0], path: [...pass[1].split('.'), ...at.rest.slice(1)], property, ...(at.rest.length > 1 && set.owner ? { owner: set.owner } : {}) };
  return { resourceType: set.resourceType, path: at.rest, property, ...(set.owner ? { owner: set.owner } : {}) };
}

/** The pass-through target of a SAM property path whose first property the SAM schema does not describe. */
function passthroughOf(resource: Resource, rest: (string | number)[]): readonly [string, string] | undefined {
  const shape = samShape(resource.type);
  const first = rest[0];
  if (!shape || typeof first !== 'string' || first === 'Events') return undefined;
  const spec = getResourceType(resource.type!);
  if (spec && own(spec.properties, first)) return undefined;
  return own(shape.passthrough, first);
}

/** The type of the value at `path` (`Resources.<id>.Properties…`), or undefined. */
export function valueTypeAt(t: Template, path: Path): TypeRef | undefined {
  const at = resourceAt(t, path);
  if (!at || !at.rest.length) return undefined;
  return typeBelow(at.resource, at.rest)?.type;
}
