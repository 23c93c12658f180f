/**
 * Completion from the schema and the model, in YAML and JSON, in the half-typed documents one
 * has while typing.
 *
 * Where the cursor is comes from the parsed tree (its recovery keeps what parsed around an error)
 * and from the cursor's own line: the innermost node around the offset, or, on a line the tree
 * has nothing for yet (a new key under `Properties:`), the block the cursor's indentation puts it
 * in. That gives a *site*: typing a key of the map at a path, or a value at a path, with the text
 * range the completion replaces. What is offered depends on the path:
 *  - keys: template sections; resource attributes (`Type`, `Properties`, `DependsOn`, …);
 *    properties of the resource type, at any depth of nested property types, required first,
 *    inserted with a skeleton of their value; parameter and output attributes; intrinsic function
 *    keys where a value is written as a map;
 *  - values: resource types (all of them, grouped by service), enum-like values and booleans
 *    from the schema, `DeletionPolicy` values the type allows, condition names, `DependsOn`
 *    targets, parameter types, the format version, transforms;
 *  - intrinsic arguments: `Ref` targets (parameters, resources, pseudo parameters), `GetAtt`
 *    logical IDs then the attributes of that resource's type, `${…}` variables in `Sub`
 *    strings, `If`/`Condition` condition names, `FindInMap` mapping names then their keys,
 *    `Equals` against a parameter's allowed values; in YAML values, the short-form tags.
 *
 * Replace ranges stay on the cursor's line and cover only the token being typed: the content of
 * a quoted string (its closing quote too when the edit adds `": value`), a plain scalar, a key.
 * Insert texts use snippet syntax (`snippet: true`); the LSP layer converts for clients without
 * snippets. Plain data in offsets.
 */
import type { Analysis } from '../analyze';
import type { Template } from '../parse/template';
import { MapNode, Node, Pair, ScalarNode, SeqNode, get, getPath, isMap, isScalar, isSeq, pathOf, scalarString } from '../parse/node';
import { PSEUDO_PARAMETERS, SHORT_TAGS } from '../parse/intrinsics';
import { getResourceType, objectTypesOf, resourceTypeNames, typeToString } from '../spec/spec';
import type { PropertySpec, TypeRef } from '../spec/types';
import { validPolicies } from '../spec/policies';
import { Path, propertiesAt, propertyAt, valueTypeAt } from './template-schema';
import { intrinsicDoc, intrinsicMarkdown, propertyMarkdown, resourceTypeMarkdown } from './hover';

export type CompletionKind =
  | 'section'
  | 'type'
  | 'property'
  | 'attribute'
  | 'value'
  | 'enum'
  | 'parameter'
  | 'resource'
  | 'pseudo'
  | 'condition'
  | 'mapping'
  | 'key'
  | 'function'
  | 'keyword';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** One line next to the label (LSP `detail`). */
  detail?: string;
  /** Dimmed text after the label (LSP `labelDetails.description`): the service of a type, a property's type. */
  description?: string;
  /** Markdown. */
  documentation?: string;
  sortText?: string;
  filterText?: string;
  /** Replace [start, end) with `insertText`; the range is on the cursor's line and contains the cursor. */
  start: number;
  end: number;
  insertText: string;
  /** `insertText` is in snippet syntax (`$1`, `${1:x}`, `${1|a,b|}`). */
  snippet: boolean;
  deprecated?: boolean;
  /** Open completion again after inserting (e.g. after `Type: ` or `!Ref `). */
  retrigger?: boolean;
  /** Documentation to compute on request (`completionDocs`), for long lists. */
  docs?: CompletionDocsKey;
}

export type CompletionDocsKey = { kind: 'type'; type: string };

export interface CompletionOptions {
  /** The character that triggered the request, when one did. */
  trigger?: string;
}

export interface CompletionResult {
  items: CompletionItem[];
}

const NONE: CompletionResult = { items: [] };

// ---------------------------------------------------------------------------------------------
// Where the cursor is

interface Site {
  role: 'key' | 'value' | 'tag';
  /** key: path of the map the key belongs to; value: path of the value (its key or index last). */
  path: (string | number)[];
  /** key: the map, when it exists already. */
  map?: MapNode;
  /** The scalar written at the cursor (the key, the value, the tag), if any. */
  scalar?: ScalarNode;
  /** value: the whole value node at the path, when there is one (a scalar, or an intrinsic map). */
  value?: Node;
  start: number;
  end: number;
  /** The range is the content of a quoted string. */
  quoted: boolean;
  /** A JSON string that is never closed: the edit must close it. */
  unterminated: boolean;
  /** key: a ':' follows the key already. */
  hasColon: boolean;
  /** value: a plain YAML item `- word` of a block list, which may be the first key of an item map. */
  itemMaybeKey?: boolean;
  /** YAML: the column where the key starts (the indentation of what is inserted below it). */
  column: number;
  /** YAML: the key is in a flow mapping (`{…}`): what follows it must be written in flow style too. */
  flow?: boolean;
}

const WORD = /[A-Za-z0-9_:.\-/]/;

function lineCol(t: Template, offset: number): { line: number; col: number; lineStart: number; lineEnd: number } {
  const p = t.lines.positionAt(offset);
  return { line: p.line, col: p.character, lineStart: t.lines.lineStart(p.line), lineEnd: t.lines.lineEnd(p.line) };
}

const lineOf = (t: Template, offset: number) => t.lines.positionAt(offset).line;
const colOf = (t: Template, offset: number) => t.lines.positionAt(offset).character;

/** The token around the cursor when no scalar is there: [start of the word before, end of the word after]. */
function wordAround(t: Template, offset: number): [number, number] {
  const text = t.text;
  const { lineStart, lineEnd } = lineCol(t, offset);
  let s = offset;
  while (s > lineStart && WORD.test(text[s - 1])) s--;
  if (s > lineStart && text[s - 1] === '!') s--;
  let e = offset;
  while (e < lineEnd && WORD.test(text[e])) e++;
  return [s, e];
}

function hasColonAfter(t: Template, pos: number): boolean {
  const text = t.text;
  let i = pos;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text[i] === ':';
}

function isJsonString(t: Template, s: ScalarNode): boolean {
  return s.style === 'json' && t.text[s.start] === '"';
}

function isQuoted(t: Template, s: ScalarNode): boolean {
  const q = t.text[s.start];
  return (s.style === 'json' || s.style === 'double' || s.style === 'single') && (q === '"' || q === "'");
}

function quoteClosed(t: Template, s: ScalarNode): boolean {
  if (s.style === 'json') return jsonClosed(t, s);
  return s.end - s.start >= 2 && t.text[s.end - 1] === t.text[s.start];
}

/** Is a JSON string closed (its last character an unescaped quote, not the opening one)? */
function jsonClosed(t: Template, s: ScalarNode): boolean {
  const text = t.text;
  if (s.end - s.start < 2 || text[s.end - 1] !== '"') return false;
  let bs = 0;
  for (let i = s.end - 2; i > s.start && text[i] === '\\'; i--) bs++;
  return bs % 2 === 0;
}

/** Range of the text a scalar's completion replaces: its content (quotes excluded), kept to the cursor's line. */
function scalarSpan(t: Template, s: ScalarNode, offset: number): { start: number; end: number; quoted: boolean; unterminated: boolean } {
  const text = t.text;
  const { lineStart, lineEnd } = lineCol(t, offset);
  const q = text[s.start];
  if ((s.style === 'json' || s.style === 'double' || s.style === 'single') && (q === '"' || q === "'")) {
    const closed = quoteClosed(t, s);
    const start = Math.max(s.start + 1, lineStart);
    // An unclosed string runs to the end of the line (or swallowed what follows): replace up to the cursor.
    const end = closed && lineOf(t, s.end - 1) === lineOf(t, offset) ? s.end - 1 : offset;
    return { start, end: Math.max(start, end), quoted: true, unterminated: !closed };
  }
  const start = Math.max(s.start, lineStart);
  let end = Math.min(s.end, lineEnd);
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end < offset) end = offset;
  if (start > offset) return { start: offset, end: offset, quoted: false, unterminated: false };
  return { start, end, quoted: false, unterminated: false };
}

interface Hit {
  node: Node;
  /** The pair whose key the offset is in. */
  key?: Pair;
}

/** The innermost node around `offset` (keys included); empty values only when the offset is on them. */
function descend(t: Template, root: Node, offset: number): Hit | undefined {
  const inside = (n: Node): boolean => {
    if (n.kind === 'scalar') {
      if (n.end === n.start) return false;
      // In a quoted string: after its opening quote, before its closing one (anywhere after it when unclosed).
      if (isQuoted(t, n)) return n.start < offset && (offset < n.end || !quoteClosed(t, n));
      return n.start <= offset && offset <= n.end;
    }
    if (n.flow && t.format === 'json') return n.start < offset && (offset < n.end || t.text[n.end - 1] !== (n.kind === 'map' ? '}' : ']'));
    return n.start <= offset && offset <= n.end;
  };
  if (!inside(root)) return undefined;
  let cur: Node = root;
  let found: Hit = { node: root };
  for (let depth = 0; depth < 500; depth++) {
    let next: Node | undefined;
    if (cur.kind === 'map') {
      for (const p of cur.pairs) {
        const k = p.key;
        const inKey = isJsonString(t, k) ? k.start < offset && offset <= k.end : k.start <= offset && offset <= k.end && k.end > k.start;
        if (inKey) return { node: k, key: p };
        if (p.value.end > p.value.start && inside(p.value)) {
          next = p.value;
          break;
        }
      }
    } else if (cur.kind === 'seq') {
      next = cur.items.find((i) => inside(i) || (i.kind === 'scalar' && i.start === i.end && i.start === offset && i.value === null));
    }
    if (!next) break;
    cur = next;
    found = { node: cur };
  }
  return found;
}

function keySite(t: Template, map: MapNode | undefined, path: (string | number)[], offset: number, scalar?: ScalarNode): Site {
  const flow = t.format === 'yaml' && !!map?.flow && !map.shortForm;
  if (scalar) {
    const span = scalarSpan(t, scalar, offset);
    return { role: 'key', path, map, scalar, ...span, hasColon: hasColonAfter(t, scalar.end), column: colOf(t, scalar.start), flow };
  }
  const [start, end] = wordAround(t, offset);
  return { role: 'key', path, map, start, end, quoted: false, unterminated: false, hasColon: hasColonAfter(t, end), column: colOf(t, start), flow };
}

/** A value site; `after`: where the value may start at the earliest (after the colon of its key). */
function valueSite(t: Template, path: (string | number)[], offset: number, scalar?: ScalarNode, value?: Node, after = 0): Site {
  if (scalar) {
    const span = scalarSpan(t, scalar, offset);
    return { role: 'value', path, scalar, value: value ?? scalar, ...span, hasColon: false, column: colOf(t, scalar.start) };
  }
  const [word, end] = wordAround(t, offset);
  const start = Math.min(offset, Math.max(word, after));
  return { role: 'value', path, value, start, end, quoted: false, unterminated: false, hasColon: false, column: colOf(t, start) };
}

/** In a flow collection (JSON, YAML `{…}`/`[…]`), at a place between its entries. */
function flowSite(t: Template, coll: MapNode | SeqNode, offset: number): Site | undefined {
  const text = t.text;
  const base = pathOf(coll);
  if (coll.kind === 'seq') {
    const index = coll.items.filter((i) => i.end <= offset && i.end > i.start).length;
    return valueSite(t, [...base, index], offset);
  }
  let prev: Pair | undefined;
  for (const p of coll.pairs) if (p.key.start < offset) prev = p;
  if (prev) {
    const between = text.slice(prev.key.end, offset);
    const colon = between.indexOf(':');
    const emptyValue = prev.value.end <= prev.value.start || prev.value.start >= offset;
    if (colon >= 0 && !between.slice(colon).includes(',') && emptyValue) return valueSite(t, [...base, String(prev.key.value)], offset, undefined, undefined, prev.key.end + colon + 1);
  }
  return keySite(t, coll, base, offset);
}

/** The last pair of a block map whose key starts before `before`. */
function lastPairBefore(map: MapNode, before: number): Pair | undefined {
  let out: Pair | undefined;
  for (const p of map.pairs) if (p.key.start < before) out = p;
  return out;
}

/**
 * A YAML line the tree has nothing for yet (blank, or a word without a colon that the reader
 * folded elsewhere): the cursor's indentation says which block it belongs to.
 */
function blockSite(t: Template, offset: number): Site | undefined {
  const text = t.text;
  const { lineStart } = lineCol(t, offset);
  const m = /^( *)((?:- +)*)([^\s:#'"[\]{},]*)$/.exec(text.slice(lineStart, offset));
  if (!m) return undefined;
  const indent = m[1].length;
  const dash = m[2].length > 0;
  const col = indent + m[2].length;
  const root = t.root;
  if (!root) return col === 0 && !dash ? keySite(t, undefined, [], offset) : undefined;
  if (root.flow) return undefined;
  let map: MapNode = root;
  let mapCol = 0;
  for (let depth = 0; depth < 200; depth++) {
    if (col <= mapCol) return dash ? undefined : keySite(t, map, pathOf(map), offset);
    const prev = lastPairBefore(map, lineStart);
    if (!prev) return dash ? undefined : keySite(t, map, pathOf(map), offset);
    const v = prev.value;
    const keyLine = lineOf(t, prev.key.start);
    if (isMap(v) && !v.flow && !v.shortForm && v.pairs.length && lineOf(t, v.pairs[0].key.start) > keyLine) {
      if (dash) return undefined;
      map = v;
      mapCol = colOf(t, v.pairs[0].key.start);
      if (col < mapCol) return keySite(t, map, pathOf(map), offset);
      continue;
    }
    if (isSeq(v) && !v.flow && v.items.length && lineOf(t, v.start) > keyLine) {
      const seqCol = colOf(t, v.start);
      if (dash && indent === seqCol) {
        return { ...valueSite(t, [...pathOf(v), v.items.length], offset), itemMaybeKey: true };
      }
      let item: Node | undefined;
      for (const i of v.items) if (i.start < lineStart) item = i;
      if (!dash && isMap(item) && !item.flow && item.pairs.length) {
        map = item;
        mapCol = colOf(t, item.pairs[0].key.start);
        if (col < mapCol) return keySite(t, map, pathOf(map), offset);
        continue;
      }
      return undefined;
    }
    const empty = isScalar(v) && (v.value === null || v.value === '') && !(v.end > v.start && lineOf(t, v.start) === keyLine);
    if (empty) {
      const path = [...pathOf(map), String(prev.key.value)];
      if (dash) return { ...valueSite(t, [...path, 0], offset), itemMaybeKey: true };
      return keySite(t, undefined, path, offset);
    }
    return undefined;
  }
  return undefined;
}

function yamlSite(t: Template, offset: number): Site | undefined {
  const root = t.root;
  const hit = root ? descend(t, root, offset) : undefined;
  if (hit?.key) {
    const map = hit.key.parent;
    if (map.shortForm) return { role: 'tag', path: pathOf(map), scalar: hit.key.key, start: hit.key.key.start, end: hit.key.key.end, quoted: false, unterminated: false, hasColon: false, column: colOf(t, map.start) };
    return keySite(t, map, pathOf(map), offset, hit.key.key);
  }
  const n = hit?.node;
  if (n && isScalar(n)) {
    const pair = n.pair;
    const parent = n.parent;
    // `Key:` then a word alone on the next line: YAML reads a plain scalar, the author is typing a key.
    if (pair && n.style === 'plain' && !pair.parent.flow && lineOf(t, n.start) > lineOf(t, pair.key.start) && lineOf(t, n.start) === lineOf(t, offset)) {
      return keySite(t, undefined, pathOf(n), offset, n);
    }
    // `Type: AWS::S3::` reads as a block map on the key's line (an error): the value of that key is being typed.
    const above = parent && isMap(parent) && !parent.flow && !parent.shortForm && parent.pair && lineOf(t, parent.start) === lineOf(t, parent.pair.key.start) ? parent.pair : undefined;
    if (above && lineOf(t, offset) === lineOf(t, above.key.start)) return valueSite(t, pathOf(above.value), offset, undefined, above.value);
    const site = valueSite(t, pathOf(n), offset, n);
    if (isSeq(parent) && !parent.flow && n.style === 'plain') site.itemMaybeKey = true;
    return site;
  }
  if (n && isMap(n) && n.shortForm) {
    const pair = n.pairs[0];
    if (pair && offset > pair.key.end) {
      const v = pair.value;
      // `!Ref |`: an empty argument (or the cursor in the space before one).
      return valueSite(t, pathOf(v), offset, undefined, v, pair.key.end);
    }
  }
  // `Type: AWS::S3::` again, with the cursor past the bogus key.
  if (n && isMap(n) && !n.flow && n.pair && lineOf(t, n.start) === lineOf(t, n.pair.key.start) && lineOf(t, offset) === lineOf(t, n.start)) {
    const [start, end] = wordAround(t, offset);
    return { ...valueSite(t, pathOf(n), offset, undefined, n), start: Math.min(start, n.start), end };
  }
  if (n && (isMap(n) || isSeq(n)) && n.flow) return flowSite(t, n, offset);
  // `Key: |` with nothing typed yet: the value of the pair on the cursor's line.
  if (n && isMap(n)) {
    const line = lineOf(t, offset);
    const pair = n.pairs.find((p) => lineOf(t, p.key.start) === line && p.key.end < offset);
    if (pair && (pair.value.end <= pair.value.start || pair.value.start >= offset) && t.text.slice(pair.key.end, offset).trimStart().startsWith(':')) {
      return valueSite(t, [...pathOf(n), String(pair.key.value)], offset, undefined, undefined, t.text.indexOf(':', pair.key.end) + 1);
    }
  }
  return blockSite(t, offset);
}

function jsonSite(t: Template, offset: number): Site | undefined {
  const root = t.root;
  if (!root) return undefined;
  const hit = descend(t, root, offset);
  if (!hit) return undefined;
  if (hit.key) return keySite(t, hit.key.parent, pathOf(hit.key.parent), offset, hit.key.key);
  const n = hit.node;
  if (isScalar(n)) return valueSite(t, pathOf(n), offset, n);
  return flowSite(t, n as MapNode | SeqNode, offset);
}

function siteAt(t: Template, offset: number): Site | undefined {
  return t.format === 'json' ? jsonSite(t, offset) : yamlSite(t, offset);
}

// ---------------------------------------------------------------------------------------------
// Writing values: skeletons in snippet syntax

/** Snippet-syntax escape for literal text. */
export function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}

/** Plain text of a snippet: defaults and first choices in place of the tab stops. */
export function snippetToPlain(s: string): string {
  let i = 0;
  const read = (inPlaceholder: boolean): string => {
    let out = '';
    while (i < s.length) {
      const c = s[i];
      if (c === '\\' && i + 1 < s.length && '\\$}'.includes(s[i + 1])) {
        out += s[i + 1];
        i += 2;
        continue;
      }
      if (c === '}' && inPlaceholder) return out;
      if (c === '$') {
        const simple = /^\$\d+/.exec(s.slice(i));
        if (simple) {
          i += simple[0].length;
          continue;
        }
        const open = /^\$\{\d+([:|}])/.exec(s.slice(i));
        if (open) {
          i += open[0].length;
          if (open[1] === ':') {
            out += read(true);
            i++; // the closing brace
          } else if (open[1] === '|') {
            const end = s.indexOf('|}', i);
            const body = s.slice(i, end < 0 ? s.length : end);
            out += body.split(/(?<!\\),/)[0].replace(/\\(.)/g, '$1');
            i = end < 0 ? s.length : end + 2;
          }
          continue;
        }
      }
      out += c;
      i++;
    }
    return out;
  };
  return read(false);
}

class Stops {
  private n = 0;
  next(): number {
    return ++this.n;
  }
}

interface Fmt {
  json: boolean;
  /** One level of indentation. */
  unit: string;
}

function detectUnit(t: Template): string {
  const root = t.root;
  if (!root) return '  ';
  for (const p of root.pairs) {
    const v = p.value;
    const first = isMap(v) ? v.pairs[0]?.key : undefined;
    if (!first || lineOf(t, first.start) === lineOf(t, p.key.start)) continue;
    const line = t.text.slice(t.lines.lineStart(lineOf(t, first.start)), first.start);
    if (line.startsWith('\t')) return '\t';
    const d = colOf(t, first.start) - colOf(t, p.key.start);
    if (d > 0 && d <= 8) return ' '.repeat(d);
  }
  return '  ';
}

function primitiveOf(t: TypeRef): TypeRef | undefined {
  if (t.kind === 'union') return t.types.find((m) => m.kind === 'primitive');
  return t.kind === 'primitive' ? t : undefined;
}

function choice(stops: Stops, values: readonly (string | number)[]): string {
  return `\${${stops.next()}|${values.map((v) => escapeSnippet(String(v)).replace(/[,|]/g, '\\$&')).join(',')}|}`;
}

/** Required properties of the object types of `t`, for a nested skeleton. */
function requiredOf(rt: string, t: TypeRef): PropertySpec[] {
  const objects = objectTypesOf(rt, t);
  if (objects.length !== 1) return [];
  return objects[0].required.map((n) => objects[0].properties[n]).filter(Boolean);
}

/**
 * What follows `Key:` in YAML for a value of type `t`: ` value` on the same line, or lines
 * indented one level below `indent` (the key's column).
 */
function yamlValue(rt: string, t: TypeRef | undefined, indent: string, f: Fmt, stops: Stops, depth: number, allowed?: readonly (string | number)[]): string {
  if (!t) return ` $${stops.next()}`;
  const inner = indent + f.unit;
  const prim = primitiveOf(t);
  const values = allowed ?? (prim?.kind === 'primitive' ? prim.allowedValues : undefined);
  if (values?.length && t.kind !== 'list') return ` ${choice(stops, values)}`;
  if (prim && prim.kind === 'primitive' && (t.kind === 'primitive' || t.kind === 'union')) {
    if (prim.type === 'boolean') return ` ${choice(stops, ['true', 'false'])}`;
    if (prim.type !== 'json' || t.kind === 'union') return ` $${stops.next()}`;
    return `\n${inner}$${stops.next()}`;
  }
  if (t.kind === 'list') {
    const req = requiredOf(rt, t.element);
    if (req.length && depth < 2) {
      const lines = req.map((p, i) => `${i === 0 ? '- ' : '  '}${p.name}:${yamlValue(rt, p.type, inner + '  ', f, stops, depth + 1, p.allowedValues)}`);
      return `\n${inner}${lines.join(`\n${inner}`)}`;
    }
    const ev = primitiveOf(t.element);
    if (ev?.kind === 'primitive' && ev.allowedValues?.length) return `\n${inner}- ${choice(stops, ev.allowedValues)}`;
    return `\n${inner}- $${stops.next()}`;
  }
  if (t.kind === 'map') return `\n${inner}\${${stops.next()}:Key}:${yamlValue(rt, t.element, inner, f, stops, depth + 1)}`;
  const req = depth < 2 ? requiredOf(rt, t) : [];
  if (req.length) return req.map((p) => `\n${inner}${p.name}:${yamlValue(rt, p.type, inner, f, stops, depth + 1, p.allowedValues)}`).join('');
  return `\n${inner}$${stops.next()}`;
}

/** A YAML value of type `t` in flow style (inside `{…}`), on one line. */
function yamlFlowValue(rt: string, t: TypeRef | undefined, stops: Stops, depth: number, allowed?: readonly (string | number)[]): string {
  if (!t) return `$${stops.next()}`;
  const prim = primitiveOf(t);
  const values = allowed ?? (prim?.kind === 'primitive' ? prim.allowedValues : undefined);
  if (values?.length && t.kind !== 'list') return choice(stops, values);
  if (prim && prim.kind === 'primitive' && (t.kind === 'primitive' || t.kind === 'union')) {
    if (prim.type === 'boolean') return choice(stops, ['true', 'false']);
    return prim.type === 'json' && t.kind !== 'union' ? `{$${stops.next()}}` : `$${stops.next()}`;
  }
  if (t.kind === 'list') {
    const req = requiredOf(rt, t.element);
    return req.length && depth < 2 ? `[{${req.map((p) => `${p.name}: ${yamlFlowValue(rt, p.type, stops, depth + 1, p.allowedValues)}`).join(', ')}}]` : `[$${stops.next()}]`;
  }
  if (t.kind === 'map') return `{\${${stops.next()}:Key}: ${yamlFlowValue(rt, t.element, stops, depth + 1)}}`;
  const req = depth < 2 ? requiredOf(rt, t) : [];
  return req.length ? `{${req.map((p) => `${p.name}: ${yamlFlowValue(rt, p.type, stops, depth + 1, p.allowedValues)}`).join(', ')}}` : `{$${stops.next()}}`;
}

/** A JSON value of type `t`, its later lines indented from `indent` (the key's line). */
function jsonValue(rt: string, t: TypeRef | undefined, indent: string, f: Fmt, stops: Stops, depth: number, allowed?: readonly (string | number)[]): string {
  if (!t) return `"$${stops.next()}"`;
  const inner = indent + f.unit;
  const prim = primitiveOf(t);
  const values = allowed ?? (prim?.kind === 'primitive' ? prim.allowedValues : undefined);
  if (values?.length && t.kind !== 'list') return typeof values[0] === 'number' ? choice(stops, values) : `"${choice(stops, values)}"`;
  if (prim && prim.kind === 'primitive' && (t.kind === 'primitive' || t.kind === 'union')) {
    if (prim.type === 'boolean') return choice(stops, ['true', 'false']);
    if (prim.type === 'integer' || prim.type === 'number') return `\${${stops.next()}:0}`;
    if (prim.type === 'json' && t.kind !== 'union') return `{$${stops.next()}}`;
    return `"$${stops.next()}"`;
  }
  if (t.kind === 'list') {
    const req = requiredOf(rt, t.element);
    if (req.length && depth < 2) return `[\n${inner}${jsonObject(rt, req, inner, f, stops, depth + 1)}\n${indent}]`;
    return `[$${stops.next()}]`;
  }
  if (t.kind === 'map') return `{"\${${stops.next()}:Key}": ${jsonValue(rt, t.element, inner, f, stops, depth + 1)}}`;
  const req = depth < 2 ? requiredOf(rt, t) : [];
  if (req.length) return jsonObject(rt, req, indent, f, stops, depth);
  return `{$${stops.next()}}`;
}

function jsonObject(rt: string, props: PropertySpec[], indent: string, f: Fmt, stops: Stops, depth: number): string {
  const inner = indent + f.unit;
  return `{\n${props.map((p) => `${inner}"${p.name}": ${jsonValue(rt, p.type, inner, f, stops, depth + 1, p.allowedValues)}`).join(',\n')}\n${indent}}`;
}

// ---------------------------------------------------------------------------------------------
// Building items

interface Ctx {
  a: Analysis;
  t: Template;
  site: Site;
  f: Fmt;
  offset: number;
  opts: CompletionOptions;
  /** Leading white space of the cursor's line (JSON indentation). */
  lineIndent: string;
}

/** Indentation for what goes below a YAML key: spaces up to the key's column. */
const yamlIndent = (c: Ctx) => ' '.repeat(c.site.column);

/** After a YAML key: an empty nested mapping to fill (`{…}` in flow style), or a list. */
function yamlNested(c: Ctx, stops: Stops, list = false): string {
  if (c.site.flow) return list ? ` [$${stops.next()}]` : ` {$${stops.next()}}`;
  return `\n${yamlIndent(c)}${c.f.unit}${list ? '- ' : ''}$${stops.next()}`;
}

/**
 * Does a comma have to follow what a JSON key completion inserts? When another member follows
 * (the next character after the edit opens a string): the reader drops a member written after
 * a key without a colon, so the tree cannot tell.
 */
function jsonNeedsComma(c: Ctx, end: number): boolean {
  const text = c.t.text;
  let i = end;
  while (i < text.length && /\s/.test(text[i])) i++;
  return text[i] === '"';
}

/** A key item: the name, then (unless a colon follows already) `: value`. */
function keyItem(c: Ctx, name: string, kind: CompletionKind, value: (stops: Stops) => string, extra: Partial<CompletionItem> = {}): CompletionItem {
  const s = c.site;
  const stops = new Stops();
  let insertText: string;
  if (c.f.json) {
    const closeQuote = s.quoted && !s.unterminated ? 1 : 0;
    const body = `${escapeSnippet(name)}"`;
    const end = s.end + closeQuote;
    const rest = s.hasColon ? '' : `: ${value(stops)}${jsonNeedsComma(c, s.unterminated ? s.end : end) ? ',' : ''}`;
    // Not inside a string yet: the opening quote is part of the text.
    insertText = s.quoted ? body + rest : `"${body}${rest}`;
    return { label: name, kind, start: s.start, end, insertText, snippet: true, ...(s.quoted ? {} : { filterText: name }), ...extra };
  }
  insertText = escapeSnippet(name) + (s.hasColon ? '' : `:${value(stops)}`);
  return { label: name, kind, start: s.start, end: s.end, insertText, snippet: true, ...extra };
}

/** A value item: the text as a YAML scalar or a JSON string (or number / boolean). */
function valueItem(c: Ctx, label: string, kind: CompletionKind, extra: Partial<CompletionItem> = {}, raw?: boolean): CompletionItem {
  const s = c.site;
  let insertText = label;
  if (c.f.json) {
    if (s.quoted) insertText = jsonEscape(label) + (s.unterminated ? '"' : '');
    else insertText = raw ? label : `"${jsonEscape(label)}"`;
  } else if (!s.quoted && needsYamlQuotes(label)) insertText = `'${label.replace(/'/g, "''")}'`;
  else if (s.quoted && c.t.text[s.start - 1] === "'") insertText = label.replace(/'/g, "''");
  return { label, kind, start: s.start, end: s.end, insertText: escapeSnippet(insertText), snippet: true, ...extra };
}

function jsonEscape(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/** Plain YAML scalars that would not read back as the same string. */
function needsYamlQuotes(s: string): boolean {
  if (s === '') return true;
  if (/^(true|false|yes|no|on|off|null|~|y|n)$/i.test(s)) return false; // booleans are offered as booleans
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) || /: |\s#/.test(s) || /[:\s]$/.test(s)) return true;
  return /^[0-9][0-9-]*$/.test(s) && s.includes('-'); // dates (2010-09-09)
}

// ---------------------------------------------------------------------------------------------
// Keys

const RESOURCE_ATTRIBUTES: readonly [string, string][] = [
  ['Type', 'The resource type.'],
  ['Properties', 'The properties of the resource.'],
  ['DependsOn', 'Resources to create first.'],
  ['Condition', 'Create the resource only when this condition is true.'],
  ['DeletionPolicy', 'Keep (Retain) or snapshot the resource when it is deleted.'],
  ['UpdateReplacePolicy', 'Keep (Retain) or snapshot the resource when an update replaces it.'],
  ['Metadata', 'Data attached to the resource.'],
  ['CreationPolicy', 'Wait for signals before the resource counts as created.'],
  ['UpdatePolicy', 'How updates roll out (Auto Scaling groups, ElastiCache, OpenSearch, Lambda aliases).'],
];

const PARAMETER_ATTRIBUTES: readonly string[] = ['Type', 'Description', 'Default', 'AllowedValues', 'AllowedPattern', 'ConstraintDescription', 'MinLength', 'MaxLength', 'MinValue', 'MaxValue', 'NoEcho'];

const PARAMETER_TYPES: readonly string[] = [
  'String',
  'Number',
  'List<Number>',
  'CommaDelimitedList',
  'AWS::EC2::AvailabilityZone::Name',
  'AWS::EC2::Image::Id',
  'AWS::EC2::Instance::Id',
  'AWS::EC2::KeyPair::KeyName',
  'AWS::EC2::SecurityGroup::GroupName',
  'AWS::EC2::SecurityGroup::Id',
  'AWS::EC2::Subnet::Id',
  'AWS::EC2::Volume::Id',
  'AWS::EC2::VPC::Id',
  'AWS::Route53::HostedZone::Id',
  'List<AWS::EC2::AvailabilityZone::Name>',
  'List<AWS::EC2::Image::Id>',
  'List<AWS::EC2::Instance::Id>',
  'List<AWS::EC2::SecurityGroup::GroupName>',
  'List<AWS::EC2::SecurityGroup::Id>',
  'List<AWS::EC2::Subnet::Id>',
  'List<AWS::EC2::Volume::Id>',
  'List<AWS::EC2::VPC::Id>',
  'List<AWS::Route53::HostedZone::Id>',
  'AWS::SSM::Parameter::Name',
  'AWS::SSM::Parameter::Value<String>',
  'AWS::SSM::Parameter::Value<List<String>>',
  'AWS::SSM::Parameter::Value<CommaDelimitedList>',
  'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
];

const TRANSFORMS: readonly string[] = ['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions', 'AWS::SecretsManager-2020-07-23', 'AWS::CodeDeployBlueGreen'];

const GLOBALS_SECTIONS: readonly string[] = ['Function', 'Api', 'HttpApi', 'SimpleTable', 'StateMachine', 'LayerVersion', 'CapacityProvider'];

function existingKeys(site: Site): Set<string> {
  const out = new Set<string>();
  for (const p of site.map?.pairs ?? []) if (p.key !== site.scalar) out.add(String(p.key.value));
  return out;
}

function sectionItems(c: Ctx): CompletionItem[] {
  const have = existingKeys(c.site);
  const sam = c.t.transforms.some((x) => x.startsWith('AWS::Serverless'));
  const order = ['AWSTemplateFormatVersion', 'Description', 'Transform', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Globals', 'Resources', 'Outputs'];
  const out: CompletionItem[] = [];
  order.forEach((name, i) => {
    if (have.has(name) || (name === 'Globals' && !sam)) return;
    const value = (stops: Stops): string => {
      if (c.f.json) {
        if (name === 'AWSTemplateFormatVersion') return '"2010-09-09"';
        if (name === 'Description') return `"$${stops.next()}"`;
        if (name === 'Transform') return `"\${${stops.next()}:AWS::Serverless-2016-10-31}"`;
        return `{\n${c.lineIndent}${c.f.unit}$${stops.next()}\n${c.lineIndent}}`;
      }
      if (name === 'AWSTemplateFormatVersion') return " '2010-09-09'";
      if (name === 'Description') return ` $${stops.next()}`;
      if (name === 'Transform') return ` \${${stops.next()}:AWS::Serverless-2016-10-31}`;
      return yamlNested(c, stops);
    };
    out.push(keyItem(c, name, 'section', value, { sortText: String(i).padStart(2, '0'), detail: 'template section' }));
  });
  return out;
}

function resourceAttributeItems(c: Ctx, id: string): CompletionItem[] {
  const have = existingKeys(c.site);
  const r = c.t.resources.get(id);
  const type = r?.type;
  const stateful = !!type && !!getResourceType(type)?.stateful;
  return RESOURCE_ATTRIBUTES.filter(([n]) => !have.has(n)).map(([name, doc], i) => {
    const value = (stops: Stops): string => {
      const json = c.f.json;
      switch (name) {
        case 'Type':
          return json ? `"$${stops.next()}"` : ' ';
        case 'DeletionPolicy':
        case 'UpdateReplacePolicy': {
          const ch = choice(stops, validPolicies(name, type).sort((x, y) => policyRank(x, type) - policyRank(y, type)));
          return json ? `"${ch}"` : ` ${ch}`;
        }
        case 'DependsOn':
        case 'Condition':
          return json ? `"$${stops.next()}"` : ` $${stops.next()}`;
        default:
          return json ? `{\n${c.lineIndent}${c.f.unit}$${stops.next()}\n${c.lineIndent}}` : yamlNested(c, stops);
      }
    };
    // Type and Properties first; the retention policies next on resources that hold data.
    const rank = name === 'Type' ? 0 : name === 'Properties' ? 1 : stateful && name.endsWith('Policy') && name !== 'UpdatePolicy' && name !== 'CreationPolicy' ? 2 : 3 + i;
    return keyItem(c, name, 'attribute', value, { detail: 'resource attribute', documentation: doc, sortText: String(rank).padStart(2, '0'), retrigger: name === 'Type' && !c.site.hasColon });
  });
}

/** Retain/Snapshot before Delete: the data-keeping choice first. */
function policyRank(p: string, type: string | undefined): number {
  if (p === 'Snapshot') return 0;
  if (p === 'Retain') return type && validPolicies('DeletionPolicy', type).includes('Snapshot') ? 1 : 0;
  if (p === 'RetainExceptOnCreate') return 2;
  return 3;
}

function propertyItems(c: Ctx, mapPath: Path): CompletionItem[] {
  const set = propertiesAt(c.t, mapPath);
  if (!set) return [];
  const have = existingKeys(c.site);
  const indent = c.f.json ? c.lineIndent : yamlIndent(c);
  return set.properties
    .filter((p) => !have.has(p.name))
    .map((p) => {
      const ts = typeToString(p.type);
      const hit = propertyAt(c.t, [...mapPath, p.name]);
      const value = (stops: Stops) =>
        c.f.json ? jsonValue(set.resourceType, p.type, indent, c.f, stops, 0, p.allowedValues) : c.site.flow ? ` ${yamlFlowValue(set.resourceType, p.type, stops, 0, p.allowedValues)}` : yamlValue(set.resourceType, p.type, indent, c.f, stops, 0, p.allowedValues);
      return keyItem(c, p.name, 'property', value, {
        detail: `${ts}${p.required ? ' (required)' : ''}`,
        description: p.required ? `required · ${ts}` : ts,
        sortText: `${p.required ? '0' : '1'}${p.deprecated ? '1' : '0'}${p.name}`,
        ...(hit ? { documentation: propertyMarkdown(hit.resourceType, hit.path, p, hit.owner) } : {}),
        ...(p.deprecated ? { deprecated: true } : {}),
      });
    });
}

/** Intrinsic functions written as keys (`{"Ref": …}`, `Fn::Sub:`), for a value written as a map. */
function intrinsicKeyItems(c: Ctx, conditions: boolean): CompletionItem[] {
  if (c.site.map && c.site.map.pairs.some((p) => p.key !== c.site.scalar)) return [];
  const fns = conditions ? ['Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not', 'Condition', 'Ref', 'Fn::FindInMap'] : ['Ref', 'Fn::GetAtt', 'Fn::Sub', 'Fn::Join', 'Fn::If', 'Fn::Select', 'Fn::Split', 'Fn::FindInMap', 'Fn::ImportValue', 'Fn::GetAZs', 'Fn::Base64', 'Fn::Cidr'];
  return fns.map((fn, i) => {
    const d = intrinsicDoc(fn);
    const value = (stops: Stops) => intrinsicArg(fn, stops, c.f.json);
    return keyItem(c, fn, 'function', value, { detail: 'intrinsic function', sortText: String(i).padStart(2, '0'), ...(d ? { documentation: intrinsicMarkdown(d) } : {}), retrigger: RETRIGGER_FNS.has(fn) });
  });
}

/**
 * The arguments of an intrinsic function, as tab stops: `s` a string, `a` any value, `0`/`4`/`8`
 * a number with that default, `,` a delimiter, `[]` a list, `''` the empty string.
 */
/** Functions whose first argument completion can offer (names of the template): reopen the list there. */
const RETRIGGER_FNS: ReadonlySet<string> = new Set(['Ref', 'Condition', 'Fn::GetAtt', 'Fn::If', 'Fn::FindInMap']);

const INTRINSIC_ARGS: Readonly<Record<string, string | readonly string[]>> = {
  Ref: 's',
  Condition: 's',
  'Fn::Sub': 's',
  'Fn::ImportValue': 's',
  'Fn::Base64': 's',
  'Fn::GetAZs': "''",
  'Fn::GetAtt': ['s', 's'],
  'Fn::Join': [',', '[]'],
  'Fn::If': ['s', 'a', 'a'],
  'Fn::Select': ['0', 'a'],
  'Fn::Split': [',', 'a'],
  'Fn::FindInMap': ['s', 's', 's'],
  'Fn::Cidr': ['a', '4', '8'],
};

/** The argument skeleton of an intrinsic function, after its key or tag (YAML: with the leading space). */
function intrinsicArg(fn: string, stops: Stops, json: boolean): string {
  // YAML writes GetAtt dotted (`!GetAtt Queue.Arn`): the logical ID list opens, then its attributes.
  const shape = fn === 'Fn::GetAtt' && !json ? 's' : (INTRINSIC_ARGS[fn] ?? ['a']);
  const one = (k: string): string => {
    const n = stops.next();
    switch (k) {
      case 's':
        return json ? `"$${n}"` : `$${n}`;
      case "''":
        return json ? `"$${n}"` : `'$${n}'`;
      case ',':
        return json ? `"\${${n}:,}"` : `'\${${n}:,}'`;
      case '[]':
        return `[$${n}]`;
      case '0':
        return json ? `"\${${n}:0}"` : `\${${n}:0}`;
      case '4':
      case '8':
        return `\${${n}:${k}}`;
      default:
        return `$${n}`;
    }
  };
  const text = typeof shape === 'string' ? one(shape) : `[${shape.map(one).join(', ')}]`;
  return json ? text : ` ${text}`;
}

function keyItems(c: Ctx): CompletionItem[] {
  const p = c.site.path;
  if (p.length === 0) return sectionItems(c);
  const [sec, id] = p;
  if (sec === 'Resources') {
    if (p.length === 2 && typeof id === 'string') return resourceAttributeItems(c, id);
    if (p.length >= 3 && p[2] === 'Properties') {
      const props = propertyItems(c, p);
      if (props.length || p.length === 3) return props;
      // A value written as a map where the schema expects no object: an intrinsic function.
      return valueTypeAt(c.t, p) ? intrinsicKeyItems(c, false) : [];
    }
    return [];
  }
  if (sec === 'Parameters' && p.length === 2) {
    const have = existingKeys(c.site);
    return PARAMETER_ATTRIBUTES.filter((n) => !have.has(n)).map((name, i) =>
      keyItem(c, name, 'attribute', (stops) => (name === 'AllowedValues' ? (c.f.json ? `[$${stops.next()}]` : yamlNested(c, stops, true)) : c.f.json ? `"$${stops.next()}"` : name === 'Type' ? ' ' : ` $${stops.next()}`), {
        detail: 'parameter attribute',
        sortText: String(i).padStart(2, '0'),
        retrigger: name === 'Type' && !c.site.hasColon,
      }),
    );
  }
  if (sec === 'Outputs' && p.length === 2) {
    const have = existingKeys(c.site);
    return ['Value', 'Description', 'Export', 'Condition']
      .filter((n) => !have.has(n))
      .map((name, i) =>
        keyItem(c, name, 'attribute', (stops) => (name === 'Export' ? (c.f.json ? `{"Name": "$${stops.next()}"}` : c.site.flow ? ` {Name: $${stops.next()}}` : `\n${yamlIndent(c)}${c.f.unit}Name: $${stops.next()}`) : c.f.json ? `"$${stops.next()}"` : ` $${stops.next()}`), { detail: 'output attribute', sortText: String(i).padStart(2, '0') }),
      );
  }
  if (sec === 'Outputs' && p.length === 3 && p[2] === 'Export') return existingKeys(c.site).has('Name') ? [] : [keyItem(c, 'Name', 'attribute', (stops) => (c.f.json ? `"$${stops.next()}"` : ` $${stops.next()}`), { detail: 'export name' })];
  if (sec === 'Conditions' && p.length === 2) return intrinsicKeyItems(c, true);
  if (sec === 'Globals' && p.length === 1) {
    const have = existingKeys(c.site);
    return GLOBALS_SECTIONS.filter((n) => !have.has(n)).map((name) => keyItem(c, name, 'section', (stops) => (c.f.json ? `{$${stops.next()}}` : yamlNested(c, stops)), { detail: 'SAM Globals section' }));
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// Values

/** The service part of a type name, for grouping: `AWS::S3::Bucket` -> `AWS::S3`. */
function serviceOf(type: string): string {
  const cut = type.lastIndexOf('::');
  return cut > 0 ? type.slice(0, cut) : type;
}

function resourceTypeItems(c: Ctx): CompletionItem[] {
  const sam = c.t.kind === 'sam';
  const used = new Set(c.t.resourcesByType.keys());
  return resourceTypeNames().map((type) => {
    const serverless = type.startsWith('AWS::Serverless::');
    // Grouped by service (sortText), SAM types first in SAM templates, types already used first of all.
    const group = used.has(type) ? '0' : serverless ? (sam ? '1' : '3') : '2';
    return valueItem(c, type, 'type', { description: serviceOf(type), sortText: `${group}${type}`, docs: { kind: 'type', type } });
  });
}

function refItems(c: Ctx, opts: { resources: boolean; parameters: boolean; pseudo: boolean; exclude?: string; attributes?: boolean; noValue?: boolean }): CompletionItem[] {
  const out: CompletionItem[] = [];
  if (opts.parameters) {
    for (const p of c.t.parameters.values()) {
      out.push(valueItem(c, p.id, 'parameter', { detail: `parameter${p.type ? ` (${p.type})` : ''}`, description: p.type ?? 'parameter', sortText: `0${p.id}` }));
    }
  }
  if (opts.resources) {
    for (const r of c.t.resources.values()) {
      if (r.id === opts.exclude) continue;
      if (opts.attributes && !(r.type && Object.keys(getResourceType(r.type)?.attributes ?? {}).length)) continue;
      out.push(valueItem(c, r.id, 'resource', { detail: r.type ?? 'resource', description: r.type, sortText: `1${r.id}` }));
    }
  }
  if (opts.pseudo) {
    for (const p of PSEUDO_PARAMETERS) if (p !== 'AWS::NoValue' || opts.noValue) out.push(valueItem(c, p, 'pseudo', { detail: 'pseudo parameter', sortText: `2${p}` }));
  }
  return out;
}

function attributeItems(c: Ctx, resourceId: string): CompletionItem[] {
  const r = c.t.resources.get(resourceId);
  const spec = r?.type ? getResourceType(r.type) : undefined;
  if (!spec) return [];
  return Object.values(spec.attributes).map((at) =>
    valueItem(c, at.name, 'attribute', { detail: `${typeToString(at.type)} attribute of ${spec.name}`, description: typeToString(at.type), ...(at.documentation ? { documentation: at.documentation } : {}), sortText: `${at.name.includes('.') ? '1' : '0'}${at.name}` }),
  );
}

function conditionItems(c: Ctx, exclude?: string): CompletionItem[] {
  return [...c.t.conditions.values()].filter((x) => x.id !== exclude).map((x) => valueItem(c, x.id, 'condition', { detail: 'condition' }));
}

function mappingKeys(n: Node | undefined): string[] {
  return isMap(n) ? n.pairs.map((p) => String(p.key.value)) : [];
}

/** The nearest intrinsic function the path goes through, and where below it the value is. */
function intrinsicOnPath(t: Template, path: (string | number)[]): { fn: string; index: number; below: (string | number)[]; node: MapNode } | undefined {
  for (let i = path.length - 1; i >= 1; i--) {
    const step = path[i];
    if (typeof step !== 'string' || !(step === 'Ref' || step === 'Condition' || step.startsWith('Fn::'))) continue;
    const node = getPath(t.root, path.slice(0, i));
    if (!isMap(node) || node.pairs.length !== 1) continue;
    // `Condition` is a function only inside Conditions (and as the short form); elsewhere a resource attribute.
    if (step === 'Condition' && !node.shortForm && path[0] !== 'Conditions') continue;
    return { fn: step, index: i, below: path.slice(i + 1), node };
  }
  return undefined;
}

/** The resource whose definition contains the path, if any. */
function resourceIdOf(path: (string | number)[]): string | undefined {
  return path[0] === 'Resources' && typeof path[1] === 'string' ? path[1] : undefined;
}

function subItems(c: Ctx, str: ScalarNode, locals: string[]): CompletionItem[] {
  const text = c.t.text;
  const cs = c.site.start;
  const before = text.slice(cs, c.offset);
  const open = before.lastIndexOf('${');
  if (open < 0 || before.slice(open).includes('}') || before[open + 2] === '!') return [];
  const varStart = cs + open + 2;
  const { lineEnd } = lineCol(c.t, c.offset);
  let varEnd = c.offset;
  while (varEnd < lineEnd && varEnd < str.end && /[A-Za-z0-9_:.]/.test(text[varEnd])) varEnd++;
  const typed = text.slice(varStart, c.offset);
  const site: Site = { ...c.site, start: varStart, end: varEnd, quoted: false, unterminated: false };
  const sc: Ctx = { ...c, site };
  const plain = (label: string, kind: CompletionKind, extra: Partial<CompletionItem> = {}): CompletionItem => ({ label, kind, start: varStart, end: varEnd, insertText: escapeSnippet(c.f.json ? jsonEscape(label) : label), snippet: true, ...extra });
  const dot = typed.indexOf('.');
  if (dot > 0 && !typed.startsWith('AWS::')) {
    const id = typed.slice(0, dot);
    const start = varStart + dot + 1;
    return attributeItems({ ...sc, site: { ...site, start } }, id).map((i) => ({ ...i, start, insertText: escapeSnippet(i.label) }));
  }
  const out: CompletionItem[] = [];
  for (const l of locals) out.push(plain(l, 'key', { detail: 'variable of this Fn::Sub', sortText: `#${l}` }));
  out.push(...refItems(sc, { parameters: true, resources: true, pseudo: true, exclude: resourceIdOf(c.site.path) }).map((i) => ({ ...i, insertText: escapeSnippet(i.label) })));
  return out;
}

function intrinsicValueItems(c: Ctx, intr: NonNullable<ReturnType<typeof intrinsicOnPath>>): CompletionItem[] | undefined {
  const { fn, below } = intr;
  const path = c.site.path;
  const inConditions = path[0] === 'Conditions' || path[0] === 'Rules';
  const self = resourceIdOf(path);
  const arg = intr.node.pairs[0].value;
  switch (fn) {
    case 'Ref':
      if (below.length) return [];
      return refItems(c, { parameters: true, resources: !inConditions, pseudo: true, exclude: self, noValue: !inConditions });
    case 'Fn::GetAtt': {
      if (below.length === 0) {
        // `Resource.Attribute` in one scalar.
        const s = c.site.scalar;
        const typed = c.t.text.slice(c.site.start, c.offset);
        const dot = typed.indexOf('.');
        if (s && dot >= 0) {
          const start = c.site.start + dot + 1;
          return attributeItems({ ...c, site: { ...c.site, start } }, typed.slice(0, dot));
        }
        const full = s ? c.t.text.slice(c.site.start, c.site.end) : '';
        const fullDot = full.indexOf('.');
        const end = fullDot >= 0 ? c.site.start + fullDot : c.site.end;
        return refItems({ ...c, site: { ...c.site, end } }, { parameters: false, resources: true, pseudo: false, exclude: self, attributes: true }).map((i) =>
          fullDot >= 0 || c.f.json ? i : { ...i, insertText: `${i.insertText}.`, retrigger: true },
        );
      }
      if (below.length === 1 && below[0] === 0) return refItems(c, { parameters: false, resources: true, pseudo: false, exclude: self, attributes: true });
      if (below.length === 1 && below[0] === 1) {
        const id = isSeq(arg) ? scalarString(arg.items[0]) : undefined;
        return id ? attributeItems(c, id) : [];
      }
      return [];
    }
    case 'Fn::Sub': {
      const str = below.length === 0 ? arg : below.length === 1 && below[0] === 0 && isSeq(arg) ? arg.items[0] : undefined;
      if (!isScalar(str) || c.site.scalar !== str) return [];
      const locals = isSeq(arg) && isMap(arg.items[1]) ? arg.items[1].pairs.map((p) => String(p.key.value)) : [];
      return subItems(c, str, locals);
    }
    case 'Fn::If':
      return below.length === 1 && below[0] === 0 ? conditionItems(c) : undefined;
    case 'Condition':
      return below.length === 0 ? conditionItems(c, path[0] === 'Conditions' ? String(path[1]) : undefined) : [];
    case 'Fn::FindInMap': {
      if (below.length !== 1 || typeof below[0] !== 'number') return [];
      const items = isSeq(arg) ? arg.items : [];
      if (below[0] === 0) return [...c.t.mappings.values()].map((m) => valueItem(c, m.id, 'mapping', { detail: 'mapping', description: `${mappingKeys(m.value).length} keys` }));
      const map = c.t.mappings.get(scalarString(items[0]) ?? '');
      if (!map) return [];
      if (below[0] === 1) return mappingKeys(map.value).map((k) => valueItem(c, k, 'key', { detail: `top-level key of ${map.id}` }));
      if (below[0] === 2) {
        const top = scalarString(items[1]);
        const keys = new Set<string>();
        if (top !== undefined && isMap(get(map.value, top))) mappingKeys(get(map.value, top)).forEach((k) => keys.add(k));
        else if (isMap(map.value)) for (const p of map.value.pairs) mappingKeys(p.value).forEach((k) => keys.add(k));
        return [...keys].map((k) => valueItem(c, k, 'key', { detail: `second-level key of ${map.id}` }));
      }
      return [];
    }
    case 'Fn::Equals': {
      // `!Equals [!Ref Param, |]`: the parameter's allowed values.
      if (below.length !== 1 || typeof below[0] !== 'number' || !isSeq(arg)) return undefined;
      const other = arg.items[below[0] === 0 ? 1 : 0];
      const ref = isMap(other) && other.pairs.length === 1 && other.pairs[0].key.value === 'Ref' ? scalarString(other.pairs[0].value) : undefined;
      const p = ref ? c.t.parameters.get(ref) : undefined;
      const av = p?.allowedValues;
      if (!isSeq(av)) return undefined;
      return av.items.map((i) => scalarString(i)).filter((v): v is string => v !== undefined).map((v) => valueItem(c, v, 'enum', { detail: `allowed value of ${ref}` }));
    }
    default:
      return undefined;
  }
}

/** Short-form tags (YAML) or intrinsic objects (JSON) where a value may be computed. */
function functionValueItems(c: Ctx, conditions: boolean): CompletionItem[] {
  const fns = conditions ? ['Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not', 'Condition', 'Ref', 'Fn::FindInMap'] : ['Ref', 'Fn::GetAtt', 'Fn::Sub', 'Fn::Join', 'Fn::If', 'Fn::Select', 'Fn::Split', 'Fn::FindInMap', 'Fn::ImportValue', 'Fn::GetAZs', 'Fn::Base64', 'Fn::Cidr'];
  const s = c.site;
  return fns.map((fn, i) => {
    const d = intrinsicDoc(fn);
    const stops = new Stops();
    const tag = fn === 'Ref' || fn === 'Condition' ? `!${fn}` : `!${fn.slice(4)}`;
    const insertText = c.f.json ? `{"${fn}": ${intrinsicArg(fn, stops, true)}}` : `${tag}${intrinsicArg(fn, stops, false)}`;
    const label = c.f.json ? fn : tag;
    return { label, kind: 'function' as const, detail: 'intrinsic function', start: s.start, end: s.end, insertText, snippet: true, sortText: `9${String(i).padStart(2, '0')}`, ...(d ? { documentation: intrinsicMarkdown(d) } : {}), retrigger: RETRIGGER_FNS.has(fn) };
  });
}

function schemaValueItems(c: Ctx, type: TypeRef | undefined, property: PropertySpec | undefined): CompletionItem[] {
  const out: CompletionItem[] = [];
  const prim = type ? primitiveOf(type) : undefined;
  const allowed = (prim?.kind === 'primitive' ? prim.allowedValues : undefined) ?? property?.allowedValues;
  if (allowed?.length) {
    allowed.forEach((v, i) => out.push(valueItem(c, String(v), 'enum', { detail: property ? `${property.name}` : 'allowed value', sortText: String(i).padStart(3, '0') }, typeof v === 'number')));
  } else if (prim?.kind === 'primitive' && prim.type === 'boolean') {
    out.push(valueItem(c, 'true', 'value', { sortText: '0' }, true), valueItem(c, 'false', 'value', { sortText: '1' }, true));
  }
  if (property?.defaultValue !== undefined && out.length) {
    const dv = property.defaultValue.replace(/^"(.*)"$/, '$1');
    for (const i of out) if (i.label === dv) i.detail = `${i.detail ?? ''} (default)`.trim();
  }
  return out;
}

function valueItems(c: Ctx): CompletionItem[] {
  const p = c.site.path;
  const t = c.t;
  const intr = intrinsicOnPath(t, p);
  if (intr) {
    const r = intrinsicValueItems(c, intr);
    if (r) return r;
  }
  const scalarText = c.site.scalar ? t.text.slice(c.site.start, c.offset) : '';
  const wantsFunctions = !intr && !c.site.quoted && (c.opts.trigger === '!' || scalarText.startsWith('!') || (!c.opts.trigger && !scalarText));
  const [sec, id, attr] = p;
  if (p.length === 1 && sec === 'AWSTemplateFormatVersion') return [valueItem(c, '2010-09-09', 'value')];
  if (sec === 'Transform' && (p.length === 1 || (p.length === 2 && typeof p[1] === 'number'))) return TRANSFORMS.map((x, i) => valueItem(c, x, 'value', { sortText: String(i) }));
  if (sec === 'Resources' && typeof id === 'string') {
    const type = t.resources.get(id)?.type;
    if (p.length === 3 && attr === 'Type') return resourceTypeItems(c);
    if (p.length === 3 && (attr === 'DeletionPolicy' || attr === 'UpdateReplacePolicy')) return validPolicies(attr, type).map((v) => valueItem(c, v, 'enum', { sortText: String(policyRank(v, type)) }));
    if (p.length === 3 && attr === 'Condition') return conditionItems(c);
    if (attr === 'DependsOn' && (p.length === 3 || (p.length === 4 && typeof p[3] === 'number'))) {
      const listed = new Set(t.resources.get(id)?.dependsOn.filter((d) => d !== c.site.scalar).map((d) => String(d.value)) ?? []);
      return refItems(c, { parameters: false, resources: true, pseudo: false, exclude: id }).filter((i) => !listed.has(i.label));
    }
    if (p.length >= 4 && attr === 'Properties') {
      const vt = valueTypeAt(t, p);
      const prop = propertyAt(t, p) ?? undefined;
      const items = schemaValueItems(c, vt, prop?.property);
      if (c.site.itemMaybeKey && !items.length) {
        // `- Ke` in a list of objects: the first key of a new item.
        const set = propertiesAt(t, p);
        if (set) return propertyItems({ ...c, site: { ...c.site, role: 'key', map: undefined, hasColon: c.site.scalar ? hasColonAfter(t, c.site.scalar.end) : false } }, p);
      }
      if (wantsFunctions) items.push(...functionValueItems(c, false));
      return items;
    }
    return [];
  }
  if (sec === 'Parameters' && p.length === 3 && attr === 'Type') return PARAMETER_TYPES.map((x, i) => valueItem(c, x, 'value', { sortText: String(i).padStart(2, '0') }));
  if (sec === 'Outputs' && p.length === 3 && attr === 'Condition') return conditionItems(c);
  if (sec === 'Outputs' && wantsFunctions && (attr === 'Value' || (p.length === 4 && p[2] === 'Export'))) return functionValueItems(c, false);
  if (sec === 'Conditions' && p.length === 2 && wantsFunctions) return functionValueItems(c, true);
  return [];
}

function tagItems(c: Ctx): CompletionItem[] {
  const conditions = c.site.path[0] === 'Conditions';
  const s = c.site;
  return Object.entries(SHORT_TAGS)
    .filter(([, fn]) => intrinsicDoc(fn))
    .filter(([, fn]) => conditions || !['Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not', 'Condition'].includes(fn))
    .map(([tag, fn]) => {
      const d = intrinsicDoc(fn)!;
      return { label: tag, kind: 'function' as const, detail: fn, start: s.start, end: s.end, insertText: tag, snippet: false, documentation: intrinsicMarkdown(d) };
    });
}

/**
 * Completion items at `offset` of the analyzed document. Empty when the cursor is nowhere the
 * schema or the model can say something about (free text, comments, non-templates).
 */
export function completion(a: Analysis, offset: number, opts: CompletionOptions = {}): CompletionResult {
  const t = a.template;
  const o = Math.max(0, Math.min(offset, t.text.length));
  if (inComment(t, o)) return NONE;
  const site = siteAt(t, o);
  if (!site) return NONE;
  // Nothing to offer on a document that is not a template, except its first section; a template
  // being written may not read as one yet (no typed resource): its sections say so.
  if (a.kind === 'none' && !looksLikeTemplate(t) && !(site.role === 'key' && site.path.length === 0 && (t.root?.pairs.length ?? 0) <= 1)) return NONE;
  const { lineStart } = lineCol(t, o);
  const lineIndent = /^[ \t]*/.exec(t.text.slice(lineStart, o))![0];
  const c: Ctx = { a, t, site, f: { json: t.format === 'json', unit: detectUnit(t) }, offset: o, opts, lineIndent };
  let items: CompletionItem[];
  if (site.role === 'tag') items = tagItems(c);
  else if (site.role === 'key') items = keyItems(c);
  else items = valueItems(c);
  // YAML `Key:|` (a colon just typed): a value needs the space after the colon.
  if (!c.f.json && site.role === 'value' && site.start === site.end && t.text[site.start - 1] === ':') {
    for (const i of items) if (i.start === site.start) i.insertText = ` ${i.insertText}`;
  }
  return { items };
}

/** Top-level keys only a template has. */
function looksLikeTemplate(t: Template): boolean {
  return ['AWSTemplateFormatVersion', 'Resources', 'Transform', 'Parameters', 'Conditions', 'Mappings', 'Outputs'].some((k) => t.sections.has(k));
}

/** Is the offset inside a YAML comment (a `#` after white space, outside quotes, on its line)? */
function inComment(t: Template, offset: number): boolean {
  if (t.format === 'json') return false;
  const { lineStart } = lineCol(t, offset);
  const before = t.text.slice(lineStart, offset);
  let q: string | undefined;
  for (let i = 0; i < before.length; i++) {
    const ch = before[i];
    if (q) {
      if (ch === q) q = undefined;
    } else if (ch === '"' || ch === "'") {
      if (i === 0 || /[\s:[{,]/.test(before[i - 1])) q = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(before[i - 1]))) return true;
  }
  return false;
}

/** Documentation for an item that carries `docs` (computed on request: decoding every type up front is slow). */
export function completionDocs(key: CompletionDocsKey): string | undefined {
  if (key.kind === 'type') return resourceTypeMarkdown(key.type);
  return undefined;
}
