/**
 * The fix builder: minimal text edits that keep comments, indentation, key order and
 * quoting. Rules describe what should be true (`set(resource, ['MultiAZ'], true)`,
 * `addResource('OrdersDlq', {...})`); the builder finds the smallest edit, in YAML block
 * or flow style or JSON, creating missing maps (`Properties`, nested property types) and
 * merging several insertions into the same map into one edit.
 */
import { TextEdit } from '../types';
import type { Resource, Template } from '../parse/template';
import { MapNode, Node, isMap, isScalar, walk } from '../parse/node';
import { isGeneratedId } from '../parse/generated';
import { FixValue, isPlainObject } from './value';
import { Style, flowYaml, jsonValue, yamlValue } from './render';

/** The document's conventions, read once per template. */
export function styleOf(t: Template): Style {
  const text = t.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let shortTags = t.format === 'yaml';
  if (t.root && t.format === 'yaml') {
    let short = 0;
    let long = 0;
    walk(t.root, (n) => {
      if (isMap(n) && n.pairs.length === 1) {
        const k = n.pairs[0].key.value;
        if (typeof k === 'string' && (k === 'Ref' || k.startsWith('Fn::'))) {
          if (n.shortForm) short++;
          else long++;
        }
      }
      return short + long < 50;
    });
    shortTags = short >= long;
  }
  return { json: t.format === 'json', unit: ' '.repeat(indentUnit(t)), eol, shortTags };
}

/** The indentation step: how far the first resource's keys sit right of its logical ID. */
export function indentUnit(t: Template): number {
  const first = [...t.resources.values()][0];
  if (first && isMap(first.value) && first.value.pairs.length && !first.value.flow) {
    const d = col(t, first.value.pairs[0].key.start) - col(t, first.key.start);
    if (d >= 1 && d <= 8) return d;
  }
  const res = t.sections.get('Resources');
  if (res && isMap(res.value) && res.value.pairs.length) {
    const d = col(t, res.value.pairs[0].key.start) - col(t, res.key.start);
    if (d >= 1 && d <= 8) return d;
  }
  return t.format === 'json' ? 4 : 2;
}

function col(t: Template, offset: number): number {
  return t.lines.positionAt(offset).character;
}

type Plain = { [key: string]: FixValue };

function deepMerge(into: Plain, add: Plain): void {
  for (const [k, v] of Object.entries(add)) {
    const cur = into[k];
    if (cur !== undefined && isPlainObject(cur) && isPlainObject(v)) deepMerge(cur, v);
    else into[k] = v;
  }
}

export class FixBuilder {
  readonly style: Style;
  private readonly replacements: TextEdit[] = [];
  private readonly inserts = new Map<MapNode, Plain>();
  private readonly newIds = new Set<string>();
  private failed = false;

  constructor(readonly template: Template) {
    this.style = styleOf(template);
  }

  /** Sets `Properties.<path>` of a resource, creating `Properties` and nested maps as needed. */
  setProperty(res: Resource, path: readonly string[], value: FixValue): this {
    return this.setIn(res, ['Properties', ...path], value);
  }

  /** Sets a key under the resource's own map (`DeletionPolicy`, `UpdateReplacePolicy`, `Properties.X`…). */
  setIn(res: Resource, path: readonly string[], value: FixValue): this {
    if (!isMap(res.value) || res.value.shortForm) return this.fail();
    return this.set(res.value, path, value);
  }

  /** Sets `path` below `map`: replaces an existing value or inserts the missing part. */
  set(map: MapNode, path: readonly string[], value: FixValue): this {
    if (this.isAliasCopy(map)) return this.fail();
    let cur: MapNode = map;
    for (let i = 0; i < path.length; i++) {
      const key = path[i];
      const pair = [...cur.pairs].reverse().find((p) => p.key.value === key);
      if (!pair) {
        const rest: FixValue = path.slice(i + 1).reduceRight<FixValue>((acc, k) => ({ [k]: acc }), value);
        const pending = this.inserts.get(cur) ?? {};
        deepMerge(pending, { [key]: rest });
        this.inserts.set(cur, pending);
        return this;
      }
      if (i === path.length - 1) {
        this.replaceValue(pair.value, value, pair.key.end);
        return this;
      }
      const next = pair.value;
      if (isMap(next) && !next.shortForm) {
        cur = next;
        continue;
      }
      if (isScalar(next) && next.value === null) {
        // `Properties:` with nothing after it: write the whole rest there.
        const rest: FixValue = path.slice(i + 1).reduceRight<FixValue>((acc, k) => ({ [k]: acc }), value);
        this.replaceValue(next, rest, pair.key.end);
        return this;
      }
      return this.fail();
    }
    return this;
  }

  /**
   * Adds a resource with a logical ID based on `base` that clashes with nothing in the
   * template (nor with IDs SAM generates); returns the ID chosen.
   */
  addResource(base: string, body: Plain): string {
    const id = this.uniqueId(base);
    this.newIds.add(id);
    const section = this.template.sections.get('Resources');
    if (!section || !isMap(section.value)) {
      this.fail();
      return id;
    }
    const pending = this.inserts.get(section.value) ?? {};
    pending[id] = body;
    this.inserts.set(section.value, pending);
    return id;
  }

  uniqueId(base: string): string {
    const t = this.template;
    const clean = base.replace(/[^A-Za-z0-9]/g, '') || 'Resource';
    const taken = (id: string) =>
      t.resources.has(id) || t.parameters.has(id) || t.conditions.has(id) || t.mappings.has(id) || t.outputs.has(id) || this.newIds.has(id) || !!t.generated.exact.get(id);
    // A base under the prefix of a resource that generates others (`ItemsReadTarget` under a SAM
    // `Items`): every candidate shares that prefix, so only exact clashes can tell them apart.
    const underPrefix = !t.generated.exact.has(clean) && !!isGeneratedId(t.generated, clean);
    const free = (id: string) => !taken(id) && (underPrefix || !isGeneratedId(t.generated, id));
    if (free(clean)) return clean;
    for (let i = 2; ; i++) if (free(`${clean}${i}`) || (i > 1000 && !taken(`${clean}${i}`))) return `${clean}${i}`;
  }

  /** Replaces a node's text with a value (kept inline for scalars). */
  replaceValue(node: Node, value: FixValue, keyEnd?: number): this {
    const s = this.style;
    const t = this.template;
    if (s.json) {
      const indent = ' '.repeat(col(t, node.start));
      this.replacements.push({ start: node.start, end: node.end, newText: jsonValue(value, indent, s) });
      return this;
    }
    if (isScalar(node) && node.value === null && node.start === node.end && keyEnd !== undefined) {
      // Empty value: write after the colon.
      const colon = t.text.indexOf(':', keyEnd);
      const keyIndent = ' '.repeat(col(t, lineStartOfKey(t, keyEnd)));
      const rendered = yamlValue(value, keyIndent + s.unit, s);
      this.replacements.push({ start: colon + 1, end: colon + 1, newText: rendered });
      return this;
    }
    const inline = !isPlainObject(value) && !Array.isArray(value);
    const flowCtx = node.parent?.kind === 'map' ? node.parent.flow : node.parent?.kind === 'seq' ? node.parent.flow : false;
    if (inline || flowCtx || (isScalar(node) && node.start === node.end)) {
      const text = inline ? yamlValue(value, '', s).slice(1) : flowYaml(value, s);
      this.replacements.push({ start: node.start, end: node.end, newText: text });
      return this;
    }
    // A block value: rewrite from the colon so the new block gets its own lines.
    if (keyEnd === undefined) return this.fail();
    const colon = t.text.indexOf(':', keyEnd);
    const keyIndent = ' '.repeat(col(t, lineStartOfKey(t, keyEnd)));
    this.replacements.push({ start: colon + 1, end: trimEnd(t.text, node.end), newText: yamlValue(value, keyIndent + s.unit, s) });
    return this;
  }

  get ok(): boolean {
    return !this.failed;
  }

  /** The edits, or null when some requested change cannot be made safely. */
  build(): TextEdit[] | null {
    if (this.failed) return null;
    const edits = [...this.replacements];
    // Insertions at the same offset (the end of a resource that ends the document, and a new
    // resource after it) go innermost map first, so each lands inside its own map.
    const depth = new Map<TextEdit, number>();
    for (const [map, values] of this.inserts) {
      const e = this.insertEdit(map, values);
      if (!e) return null;
      edits.push(e);
      depth.set(e, map.start);
    }
    edits.sort((a, b) => a.start - b.start || (depth.has(a) && depth.has(b) ? depth.get(b)! - depth.get(a)! : 0));
    for (let i = 1; i < edits.length; i++) if (edits[i].start < edits[i - 1].end) return null;
    return edits;
  }

  private fail(): this {
    this.failed = true;
    return this;
  }

  private isAliasCopy(map: MapNode): boolean {
    // A copy made for a YAML alias points at its anchor's text: editing it would change another place.
    return !!map.pair && map.start < map.pair.key.end;
  }

  private insertEdit(map: MapNode, values: Plain): TextEdit | null {
    const t = this.template;
    const s = this.style;
    const text = t.text;
    const keys = Object.keys(values);
    if (!keys.length) return null;
    if (s.json) {
      if (map.pairs.length === 0) {
        const indent = ' '.repeat(col(t, map.start));
        const inner = indent + s.unit;
        const body = keys.map((k) => `${inner}${JSON.stringify(k)}: ${jsonValue(values[k], inner, s)}`).join(',' + s.eol);
        return { start: map.start, end: map.end, newText: `{${s.eol}${body}${s.eol}${indent}}` };
      }
      const last = map.pairs[map.pairs.length - 1];
      const first = map.pairs[0];
      const multiline = t.lines.positionAt(first.key.start).line !== t.lines.positionAt(map.start).line;
      if (!multiline) {
        const body = keys.map((k) => `${JSON.stringify(k)}: ${JSON.stringify(JSON.parse(jsonValue(values[k], '', { ...s, unit: '' })))}`).join(', ');
        return { start: last.end, end: last.end, newText: `, ${body}` };
      }
      const indent = ' '.repeat(col(t, first.key.start));
      const body = keys.map((k) => `${s.eol}${indent}${JSON.stringify(k)}: ${jsonValue(values[k], indent, s)}`).join(',');
      return { start: last.end, end: last.end, newText: `,${body}` };
    }
    if (map.flow) {
      const close = map.end - 1;
      if (text[close] !== '}') return null;
      const body = keys.map((k) => `${k}: ${flowYaml(values[k], s)}`).join(', ');
      if (map.pairs.length === 0) return { start: close, end: close, newText: body };
      const last = map.pairs[map.pairs.length - 1];
      return { start: last.end, end: last.end, newText: `, ${body}` };
    }
    if (map.pairs.length === 0) return null;
    const last = map.pairs[map.pairs.length - 1];
    const indent = ' '.repeat(col(t, map.pairs[0].key.start));
    // After the last line of the last pair (a block scalar's range already ends past its newline).
    const lastChar = Math.max(last.start, trimEnd(text, last.end) - 1);
    const at = t.lines.lineEnd(t.lines.positionAt(lastChar).line);
    const isResources = t.sections.get('Resources')?.value === map;
    const gap = isResources && blankLineBetweenResources(t) ? s.eol : '';
    const body = keys.map((k) => `${s.eol}${gap}${indent}${k}:${yamlValue(values[k], indent + s.unit, s)}`).join('');
    return { start: at, end: at, newText: body };
  }
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  return e;
}

/** The offset where the line holding a key starts its key (for indentation). */
function lineStartOfKey(t: Template, keyEnd: number): number {
  const line = t.lines.positionAt(keyEnd).line;
  const start = t.lines.lineStart(line);
  let i = start;
  while (t.text[i] === ' ' || t.text[i] === '-') i++;
  return i;
}

function blankLineBetweenResources(t: Template): boolean {
  const res = [...t.resources.values()];
  if (res.length < 2) return false;
  const a = t.lines.positionAt(res[1].key.start).line;
  return a > 0 && t.lines.lineStart(a - 1) === t.lines.lineEnd(a - 1);
}
