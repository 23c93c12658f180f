/**
 * The fix builder: minimal text edits that keep comments, indentation, key order and
 * quoting. Rules describe what should be true (`set(resource, ['MultiAZ'], true)`,
 * `addResource('OrdersDlq', {...})`, `remove(pair)`, `updateReferences('Old', 'New')`); the
 * builder finds the smallest edit, in YAML block or flow style or JSON, creating missing maps
 * (`Properties`, nested property types) and merging several insertions into the same map
 * into one edit. `build()` returns the edits, or null when some requested change cannot be
 * made safely (an alias, a value written as an intrinsic where a map is needed, edits that
 * would overlap): a rule then offers no fix rather than a wrong one.
 */
import { TextEdit } from '../types';
import type { Resource, Template } from '../parse/template';
import { MapNode, Node, Pair, ScalarNode, SeqNode, getPath, isMap, isScalar, isSeq, walk } from '../parse/node';
import { isGeneratedId } from '../parse/generated';
import { contentStart } from '../parse/references';
import type { Reference } from '../parse/references';
import { FixValue, isPlainObject } from './value';
import { Style, flowYaml, jsonFlow, jsonValue, yamlSeqItem, yamlValue } from './render';
import { Entry, isPair, removalEdits } from './remove';

export type { Entry } from './remove';

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
  if (first && isMap(first.value) && first.value.pairs.length && !first.value.flow && onOwnLine(t, first.value.pairs[0].key.start)) {
    const d = col(t, first.value.pairs[0].key.start) - col(t, first.key.start);
    if (d >= 1 && d <= 8) return d;
  }
  const res = t.sections.get('Resources');
  if (res && isMap(res.value) && res.value.pairs.length && onOwnLine(t, res.value.pairs[0].key.start)) {
    const d = col(t, res.value.pairs[0].key.start) - col(t, res.key.start);
    if (d >= 1 && d <= 8) return d;
  }
  return t.format === 'json' ? 4 : 2;
}

function col(t: Template, offset: number): number {
  return t.lines.positionAt(offset).character;
}

/** Only white space between the line's start and this offset. */
function onOwnLine(t: Template, offset: number): boolean {
  const start = t.lines.lineStart(t.lines.positionAt(offset).line);
  return /^[ \t]*$/.test(t.text.slice(start, offset));
}

/**
 * The edit writing `newName` over a name written at `range` (as a reference target or a key),
 * or undefined when it is written in a form that cannot be edited safely (escapes, a folded
 * string). `range` is the name itself (quotes excluded) or the whole quoted scalar.
 */
export function nameEdit(text: string, range: { start: number; end: number }, oldName: string, newName: string): TextEdit | undefined {
  const slice = text.slice(range.start, range.end);
  if (slice === oldName) return { start: range.start, end: range.end, newText: newName };
  // The whole scalar, written with escapes: rewrite it quoted the same way.
  if (slice.length >= 2 && slice[0] === '"' && slice[slice.length - 1] === '"') {
    try {
      if (JSON.parse(slice) === oldName) return { start: range.start, end: range.end, newText: JSON.stringify(newName) };
    } catch {
      // not a JSON string: fall through
    }
  }
  if (slice.length >= 2 && slice[0] === "'" && slice[slice.length - 1] === "'" && slice.slice(1, -1).replace(/''/g, "'") === oldName) {
    return { start: range.start, end: range.end, newText: `'${newName.replace(/'/g, "''")}'` };
  }
  return undefined;
}

type Plain = { [key: string]: FixValue };

function deepMerge(into: Plain, add: Plain): void {
  for (const [k, v] of Object.entries(add)) {
    const cur = into[k];
    if (cur !== undefined && isPlainObject(cur) && isPlainObject(v)) deepMerge(cur, v);
    else into[k] = v;
  }
}

export interface SetOptions {
  /**
   * Where a missing key goes in the map that receives it: before the first pair whose key is
   * not in this set (`['Type']` puts `Metadata` right after a resource's `Type`). Default: last.
   */
  after?: Iterable<string>;
}

export interface ReplaceOptions {
  /** Write a list or map in flow style (`[a, b]`) in place, even in a YAML block context. */
  flow?: boolean;
}

/** The namespace of a name: `Ref`/`GetAtt`/`Sub`/`DependsOn` name parameters and resources, the others their own sections. */
export type NameSpace = 'refable' | 'condition' | 'mapping';

interface PendingInsert {
  values: Plain;
  after?: Set<string>;
}

export class FixBuilder {
  readonly style: Style;
  private readonly replacements: TextEdit[] = [];
  private readonly inserts = new Map<MapNode, PendingInsert>();
  private readonly removals: { entries: Entry[]; planned: readonly Entry[] }[] = [];
  private readonly newIds = new Set<string>();
  private failed = false;

  constructor(readonly template: Template) {
    this.style = styleOf(template);
  }

  /** Sets `Properties.<path>` of a resource, creating `Properties` and nested maps as needed. */
  setProperty(res: Resource, path: readonly string[], value: FixValue, opts?: SetOptions): this {
    return this.setIn(res, ['Properties', ...path], value, opts);
  }

  /** Sets a key under the resource's own map (`DeletionPolicy`, `UpdateReplacePolicy`, `Properties.X`…). */
  setIn(res: Resource, path: readonly string[], value: FixValue, opts?: SetOptions): this {
    if (!isMap(res.value) || res.value.shortForm) return this.fail();
    return this.set(res.value, path, value, opts);
  }

  /** Sets `path` below `map`: replaces an existing value or inserts the missing part. */
  set(map: MapNode, path: readonly string[], value: FixValue, opts: SetOptions = {}): this {
    if (!this.editable(map)) return this.fail();
    let cur: MapNode = map;
    for (let i = 0; i < path.length; i++) {
      const key = path[i];
      const pair = [...cur.pairs].reverse().find((p) => p.key.value === key);
      if (!pair) {
        const rest: FixValue = path.slice(i + 1).reduceRight<FixValue>((acc, k) => ({ [k]: acc }), value);
        this.insert(cur, { [key]: rest }, opts.after);
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
        // `Properties:` with nothing (or `~`) after it: write the whole rest there.
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
    this.insert(section.value, { [id]: body });
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
  replaceValue(node: Node, value: FixValue, keyEnd?: number, opts: ReplaceOptions = {}): this {
    if (!this.editable(node)) return this.fail();
    const s = this.style;
    const t = this.template;
    if (s.json) {
      const indent = ' '.repeat(col(t, node.start));
      const multiline = !opts.flow && (node.parent ? isMultiline(t, node.parent) : true);
      this.replacements.push({ start: node.start, end: node.end, newText: multiline ? jsonValue(value, indent, s) : jsonFlow(value) });
      return this;
    }
    if (isScalar(node) && node.value === null && node.start === node.end && keyEnd !== undefined) {
      // Empty value: write on the key's line (after a comment there, if any) or right after the colon.
      const colon = t.text.indexOf(':', keyEnd);
      if (colon < 0) return this.fail();
      const inFlow = node.parent?.kind === 'map' && node.parent.flow;
      if (opts.flow || inFlow || (!isPlainObject(value) && !Array.isArray(value))) {
        this.replacements.push({ start: colon + 1, end: colon + 1, newText: ' ' + flowYaml(value, s) });
        return this;
      }
      const keyIndent = ' '.repeat(col(t, lineStartOfKey(t, keyEnd)));
      const at = t.lines.lineEnd(t.lines.positionAt(colon).line);
      this.replacements.push({ start: at, end: at, newText: yamlValue(value, keyIndent + s.unit, s) });
      return this;
    }
    const inline = !isPlainObject(value) && !Array.isArray(value);
    const flowCtx = node.parent?.kind === 'map' ? node.parent.flow : node.parent?.kind === 'seq' ? node.parent.flow : false;
    if (inline || flowCtx || opts.flow || (isScalar(node) && node.start === node.end)) {
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

  /**
   * Replaces a scalar's content while keeping how it is written: `"1"` becomes `"2"`, `'1'`
   * becomes `'2'`, `1` becomes `2`. Fails on anything else (a block scalar, an intrinsic).
   */
  replaceScalarText(node: Node | undefined, text: string): this {
    if (!isScalar(node) || node.style === 'block' || !this.editable(node)) return this.fail();
    const s = node as ScalarNode;
    const start = contentStart(s, this.template.text);
    const quoted = start !== s.start;
    const end = quoted ? s.end - 1 : s.end;
    if (end < start) return this.fail();
    this.replacements.push({ start, end, newText: text });
    return this;
  }

  /** Writes `key: value` in place of a pair (rename a key and set its value in one edit). */
  replacePair(pair: Pair, key: string, value: FixValue): this {
    if (!this.editable(pair.parent) || pair.value.end <= pair.key.end) return this.fail();
    const s = this.style;
    const inline = !isPlainObject(value) && !Array.isArray(value);
    let text: string;
    if (s.json) text = `${JSON.stringify(key)}: ${jsonFlow(value)}`;
    else if (inline || pair.parent.flow) text = `${key}: ${flowYaml(value, s)}`;
    else return this.fail();
    this.replacements.push({ start: pair.key.start, end: Math.max(pair.key.end, trimEnd(this.template.text, pair.value.end)), newText: text });
    return this;
  }

  /** Appends an item to a list (YAML block or flow, JSON), in the document's style. */
  append(seq: Node | undefined, value: FixValue): this {
    if (!isSeq(seq) || !this.editable(seq)) return this.fail();
    const t = this.template;
    const s = this.style;
    const text = t.text;
    if (seq.items.length === 0) {
      if (text[seq.start] !== '[') return this.fail();
      this.replacements.push({ start: seq.start + 1, end: seq.start + 1, newText: s.json ? jsonFlow(value) : flowYaml(value, s) });
      return this;
    }
    const last = seq.items[seq.items.length - 1];
    if (s.json || seq.flow) {
      const item = s.json ? jsonFlow(value) : flowYaml(value, s);
      if (onOwnLine(t, last.start) && t.lines.positionAt(seq.start).line !== t.lines.positionAt(last.start).line) {
        const indent = text.slice(t.lines.lineStart(t.lines.positionAt(last.start).line), last.start);
        this.replacements.push({ start: last.end, end: last.end, newText: `,${s.eol}${indent}${item}` });
      } else this.replacements.push({ start: last.end, end: last.end, newText: `, ${item}` });
      return this;
    }
    // Block sequence: a new `- item` line under the last one, at its dash's indentation.
    const dash = dashBefore(t, last);
    if (dash < 0 || !onOwnLine(t, dash)) return this.fail();
    const indent = text.slice(t.lines.lineStart(t.lines.positionAt(dash).line), dash);
    const endLine = t.lines.positionAt(Math.max(last.start, trimEnd(text, last.end) - 1)).line;
    const at = t.lines.lineEnd(endLine);
    this.replacements.push({ start: at, end: at, newText: `${s.eol}${indent}-${yamlSeqItem(value, indent + '  ', s)}` });
    return this;
  }

  /**
   * Deletes map pairs and list items: block YAML entries with their whole lines (and the
   * comment lines indented under them), flow YAML and JSON entries with one separating comma;
   * a map or list left empty goes too (unless this builder inserts into it). `planned` lists
   * entries that other fixes of the same kind may delete as well, so that any of those fixes
   * applied together still leaves valid text (see remove.ts).
   */
  remove(entries: Entry | readonly Entry[], planned: readonly Entry[] = []): this {
    const list = Array.isArray(entries) ? [...(entries as readonly Entry[])] : [entries as Entry];
    for (const e of list) if (!this.editable(isPair(e) ? e.parent : e)) return this.fail();
    this.removals.push({ entries: list, planned });
    return this;
  }

  /** Deletes `Properties.<path>` of a resource (nothing to do when it is absent). */
  removeProperty(res: Resource, path: readonly (string | number)[]): this {
    const n = getPath(res.properties, path);
    if (!n) return this;
    const entry: Entry | undefined = n.pair ?? (isSeq(n.parent) ? n : undefined);
    return entry ? this.remove(entry) : this.fail();
  }

  /**
   * Points every reference to `oldName` at `newName`: Ref, GetAtt (the logical ID part),
   * `${Name}` / `${Name.Attr}` in Sub, DependsOn (namespace 'refable'); resource and output
   * Condition, Fn::If and `Condition:` in conditions ('condition'); FindInMap map names
   * ('mapping'). `filter` narrows which references move (e.g. only those of one resource).
   * References inside Fn::ForEach bodies where `oldName` is a loop identifier stay.
   */
  updateReferences(oldName: string, newName: string, namespace: NameSpace = 'refable', filter?: (r: Reference) => boolean): this {
    const t = this.template;
    for (const r of t.references) {
      if (r.target !== oldName || !inNamespace(r, namespace)) continue;
      if (r.loopIdentifiers?.includes(oldName)) continue;
      if (filter && !filter(r)) continue;
      const e = nameEdit(t.text, r, oldName, newName);
      if (!e) return this.fail();
      this.replacements.push(e);
    }
    return this;
  }

  /** Renames a parameter, resource, condition, mapping or output: its key and the references to it. */
  renameEntity(section: 'Parameters' | 'Resources' | 'Conditions' | 'Mappings' | 'Outputs', oldId: string, newId: string): this {
    const t = this.template;
    const map = section === 'Parameters' ? t.parameters : section === 'Resources' ? t.resources : section === 'Conditions' ? t.conditions : section === 'Mappings' ? t.mappings : t.outputs;
    const entity = map.get(oldId);
    if (!entity || !this.editable(entity.key)) return this.fail();
    const cs = contentStart(entity.key, t.text);
    const range = t.text.startsWith(oldId, cs) ? { start: cs, end: cs + oldId.length } : entity.key;
    const e = nameEdit(t.text, range, oldId, newId);
    if (!e) return this.fail();
    this.replacements.push(e);
    if (section === 'Outputs') return this;
    return this.updateReferences(oldId, newId, section === 'Conditions' ? 'condition' : section === 'Mappings' ? 'mapping' : 'refable');
  }

  get ok(): boolean {
    return !this.failed;
  }

  /** The edits, or null when some requested change cannot be made safely. */
  build(): TextEdit[] | null {
    if (this.failed) return null;
    const edits = [...this.replacements];
    for (const r of this.removals) {
      const e = removalEdits(this.template, r.entries, r.planned, (c) => isMap(c) && this.inserts.has(c));
      if (!e) return null;
      edits.push(...e);
    }
    // Insertions into nested maps can land at one offset (a property of the last resource and a
    // new resource after it): the deeper map's text comes first.
    const depth = new Map<TextEdit, number>();
    for (const [map, pending] of this.inserts) {
      const e = this.insertEdit(map, pending);
      if (!e) return null;
      depth.set(e, depthOf(map));
      edits.push(e);
    }
    edits.sort((a, b) => a.start - b.start || a.end - b.end || (depth.get(b) ?? 0) - (depth.get(a) ?? 0));
    for (let i = 1; i < edits.length; i++) if (edits[i].start < edits[i - 1].end) return null;
    return dedupe(edits);
  }

  private fail(): this {
    this.failed = true;
    return this;
  }

  private insert(map: MapNode, values: Plain, after?: Iterable<string>): void {
    const pending = this.inserts.get(map) ?? { values: {} };
    deepMerge(pending.values, values);
    if (after && !pending.after) pending.after = new Set(after);
    this.inserts.set(map, pending);
  }

  /**
   * Whether a node can be edited without changing other places: not a copy made for a YAML
   * alias (it points at its anchor's text), and not inside an anchored node (its aliases
   * would change too).
   */
  private editable(n: Node | Pair): boolean {
    const text = this.template.text;
    for (let cur: Node | null = isPairLike(n) ? n.parent : n; cur; cur = cur.parent) {
      const p = cur.pair;
      if (p) {
        if (cur.start < p.key.end) return false;
        if (text.slice(p.key.end, cur.start).includes('&')) return false;
      } else if (cur.parent && isSeq(cur.parent) && !cur.parent.flow) {
        const ls = this.template.lines.lineStart(this.template.lines.positionAt(cur.start).line);
        if (text.slice(ls, cur.start).includes('&')) return false;
      }
    }
    return true;
  }

  private insertEdit(map: MapNode, pending: PendingInsert): TextEdit | null {
    const t = this.template;
    const s = this.style;
    const text = t.text;
    const values = pending.values;
    const keys = Object.keys(values);
    if (!keys.length) return null;
    const anchor = pending.after ? map.pairs.find((p) => !pending.after!.has(String(p.key.value))) : undefined;
    if (s.json) {
      if (map.pairs.length === 0) {
        const flat = `{${keys.map((k) => `${JSON.stringify(k)}: ${jsonFlow(values[k])}`).join(', ')}}`;
        if (flat.length <= 80 || !isMultiline(t, map.parent ?? map)) return { start: map.start, end: map.end, newText: flat };
        const indent = ' '.repeat(col(t, map.start));
        const inner = indent + s.unit;
        const body = keys.map((k) => `${inner}${JSON.stringify(k)}: ${jsonValue(values[k], inner, s)}`).join(',' + s.eol);
        return { start: map.start, end: map.end, newText: `{${s.eol}${body}${s.eol}${indent}}` };
      }
      const multiline = isMultiline(t, map);
      if (anchor) {
        const at = anchor.key.start;
        if (multiline && onOwnLine(t, at)) {
          const indent = text.slice(t.lines.lineStart(t.lines.positionAt(at).line), at);
          const body = keys.map((k) => `${JSON.stringify(k)}: ${jsonValue(values[k], indent, s)},${s.eol}${indent}`).join('');
          return { start: at, end: at, newText: body };
        }
        return { start: at, end: at, newText: keys.map((k) => `${JSON.stringify(k)}: ${jsonFlow(values[k])}, `).join('') };
      }
      const last = map.pairs[map.pairs.length - 1];
      const lastEnd = Math.max(last.key.end, last.value.end);
      if (!multiline) {
        const body = keys.map((k) => `${JSON.stringify(k)}: ${jsonFlow(values[k])}`).join(', ');
        return { start: lastEnd, end: lastEnd, newText: `, ${body}` };
      }
      const indent = ' '.repeat(col(t, map.pairs[0].key.start));
      const body = keys.map((k) => `${s.eol}${indent}${JSON.stringify(k)}: ${jsonValue(values[k], indent, s)}`).join(',');
      return { start: lastEnd, end: lastEnd, newText: `,${body}` };
    }
    if (map.flow) {
      const close = map.end - 1;
      if (text[close] !== '}') return null;
      const items = keys.map((k) => `${flowKey(k)}: ${flowYaml(values[k], s)}`);
      if (map.pairs.length === 0) return { start: close, end: close, newText: items.join(', ') };
      if (anchor) return { start: anchor.key.start, end: anchor.key.start, newText: items.map((x) => `${x}, `).join('') };
      const last = map.pairs[map.pairs.length - 1];
      const lastEnd = Math.max(last.key.end, last.value.end);
      return { start: lastEnd, end: lastEnd, newText: `, ${items.join(', ')}` };
    }
    if (map.pairs.length === 0) return null;
    const indent = ' '.repeat(col(t, map.pairs[0].key.start));
    const block = (gap: string) => keys.map((k) => `${gap}${indent}${flowKey(k)}:${yamlValue(values[k], indent + s.unit, s)}`);
    if (anchor) {
      if (onOwnLine(t, anchor.key.start)) {
        // Before the anchor's line, and before the comment lines that introduce it.
        let line = t.lines.positionAt(anchor.key.start).line;
        const mapLine = t.lines.positionAt(map.start).line;
        while (line - 1 >= mapLine) {
          const prev = text.slice(t.lines.lineStart(line - 1), t.lines.lineEnd(line - 1));
          if (!prev.startsWith(indent + '#')) break;
          line--;
        }
        const at = t.lines.lineStart(line);
        return { start: at, end: at, newText: block('').join(s.eol) + s.eol };
      }
      // The key shares its line with something else (`- Type: x`): insert at the key, re-indent it.
      const at = anchor.key.start;
      const lines = keys.map((k) => `${flowKey(k)}:${yamlValue(values[k], indent + s.unit, s)}`).join(s.eol + indent);
      return { start: at, end: at, newText: lines + s.eol + indent };
    }
    const last = map.pairs[map.pairs.length - 1];
    // After the last line of the last pair (a block scalar's range already ends past its newline).
    const lastChar = Math.max(last.key.start, trimEnd(text, Math.max(last.key.end, last.value.end)) - 1);
    const at = t.lines.lineEnd(t.lines.positionAt(lastChar).line);
    const isResources = t.sections.get('Resources')?.value === map;
    const gap = isResources && blankLineBetweenResources(t) ? s.eol : '';
    return { start: at, end: at, newText: block(gap).map((l) => s.eol + l).join('') };
  }
}

function depthOf(n: Node): number {
  let d = 0;
  for (let p = n.parent; p; p = p.parent) d++;
  return d;
}

function isPairLike(n: Node | Pair): n is Pair {
  return (n as Pair).key !== undefined && (n as Node).kind === undefined;
}

function inNamespace(r: Reference, ns: NameSpace): boolean {
  if (ns === 'refable') return r.expects === 'refable' || r.expects === 'resource';
  return r.expects === ns;
}

/** YAML key text: plain when it can be, quoted otherwise. */
function flowKey(k: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_.:/-]*$/.test(k) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(k) ? k : JSON.stringify(k);
}

/** A JSON object or array laid out over several lines. */
function isMultiline(t: Template, n: MapNode | SeqNode): boolean {
  return t.lines.positionAt(n.start).line !== t.lines.positionAt(Math.max(n.start, n.end - 1)).line;
}

function dedupe(edits: TextEdit[]): TextEdit[] {
  return edits.filter((e, i) => i === 0 || e.start !== edits[i - 1].start || e.end !== edits[i - 1].end || e.newText !== edits[i - 1].newText);
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  return e;
}

/** Offset of the `-` introducing a block sequence item, or -1. */
function dashBefore(t: Template, item: Node): number {
  let p = item.start - 1;
  while (p >= 0 && (t.text[p] === ' ' || t.text[p] === '\t')) p--;
  return p >= 0 && t.text[p] === '-' ? p : -1;
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
