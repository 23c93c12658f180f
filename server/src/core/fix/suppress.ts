/**
 * Text edits that suppress a rule, by adding it to
 * `Metadata: {cfn-resilience: {ignore: [RULE]}}` on a resource or at the template's top
 * level (what the engine reads, see engine.ts). Pure: template in, offset edits out.
 *
 * The edit keeps the document's style: YAML block maps get block text at the right
 * indentation, YAML flow maps and sequences get flow text, JSON gets pretty-printed
 * members when the object is laid out one member per line and compact text otherwise.
 * An existing `Metadata`, `cfn-resilience` or `ignore` is extended, never duplicated.
 */
import { TextEdit } from '../types';
import type { Template } from '../parse/template';
import { MapNode, Node, Pair, ScalarNode, SeqNode, getPair, isMap, isScalar, isSeq } from '../parse/node';
import { METADATA_KEY } from '../engine/engine';

export type SuppressScope = { resource: string } | 'template';

/** Nested value to write: a map of maps ending in a list of strings. */
type Value = string[] | { [key: string]: Value };

/** Keys that conventionally come before `Metadata`; the new pair is placed after them. */
const BEFORE_METADATA = {
  template: new Set(['AWSTemplateFormatVersion', 'Description', 'Transform']),
  resource: new Set(['Type']),
};

interface Ctx {
  text: string;
  t: Template;
  json: boolean;
  eol: string;
  unit: string;
}

/**
 * Edits adding `rule` to the ignore list of the resource (or the template), or null when
 * the document's shape does not allow a safe edit (unreadable text, unknown resource, a
 * `Metadata` that is not a map, an alias, …) or the rule is already listed.
 */
export function suppressEdits(template: Template, rule: string, scope: SuppressScope): TextEdit[] | null {
  const root = template.root;
  // Text the reader could not accept is not edited: the edit's placement could not be trusted.
  if (!root || template.issues.some((i) => i.severity === 'error')) return null;
  const text = template.text;
  const ctx: Ctx = {
    text,
    t: template,
    json: template.format === 'json',
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    unit: ' '.repeat(indentUnit(template)),
  };
  let target: MapNode;
  let preferAfter: Set<string>;
  if (scope === 'template') {
    target = root;
    preferAfter = BEFORE_METADATA.template;
  } else {
    const r = template.resources.get(scope.resource);
    if (!r || !isMap(r.value) || r.value.shortForm) return null;
    // An alias copy points at its anchor's text, and an anchored resource is copied by its
    // aliases: editing either would change other resources too.
    if (r.value.start < r.key.end || text.slice(r.key.end, r.value.start).includes('&')) return null;
    target = r.value;
    preferAfter = BEFORE_METADATA.resource;
  }
  const edit = ensure(ctx, target, ['Metadata', METADATA_KEY, 'ignore'], rule, preferAfter);
  return edit ? [edit] : null;
}

// ---------------------------------------------------------------------------------------

function ensure(ctx: Ctx, map: MapNode, path: string[], rule: string, preferAfter?: Set<string>): TextEdit | null {
  const [head, ...rest] = path;
  const pair = getPair(map, head);
  if (!pair) return insertPair(ctx, map, head, build(rest, rule), preferAfter);
  const v = pair.value;
  if (rest.length === 0) {
    if (isSeq(v)) {
      if (v.items.some((i) => isScalar(i) && String(i.value) === rule)) return null;
      return appendItem(ctx, v, rule);
    }
    if (isScalar(v)) {
      if (v.value === null) return setEmptyValue(ctx, pair, [rule]);
      if (String(v.value) === rule || v.tag) return null;
      const existing = ctx.text.slice(v.start, v.end);
      return { start: v.start, end: v.end, newText: `[${existing}, ${scalarText(ctx, rule)}]` };
    }
    return null;
  }
  if (isMap(v) && !v.shortForm) return ensure(ctx, v, rest, rule);
  if (isScalar(v) && v.value === null) return setEmptyValue(ctx, pair, build(rest, rule));
  return null;
}

function build(path: string[], rule: string): Value {
  if (path.length === 0) return [rule];
  return { [path[0]]: build(path.slice(1), rule) };
}

/** The document's indentation step: the column of the first resource key (default 2). */
function indentUnit(t: Template): number {
  const res = t.sections.get('Resources');
  if (res && isMap(res.value) && res.value.pairs.length) {
    const first = res.value.pairs[0].key;
    if (onOwnLine(t, first.start)) {
      const n = column(t, first.start) - column(t, res.key.start);
      if (n > 0 && n <= 8) return n;
    }
  }
  return 2;
}

function column(t: Template, offset: number): number {
  return offset - t.lines.lineStart(t.lines.positionAt(offset).line);
}

/** Only white space between the line's start and this offset. */
function onOwnLine(t: Template, offset: number): boolean {
  const start = t.lines.lineStart(t.lines.positionAt(offset).line);
  return /^[ \t]*$/.test(t.text.slice(start, offset));
}

/** End of the line holding the last non-white character before `offset`. */
function endOfContentLine(t: Template, offset: number): number {
  let e = offset;
  while (e > 0 && /\s/.test(t.text[e - 1])) e--;
  return t.lines.lineEnd(t.lines.positionAt(Math.max(0, e - 1)).line);
}

const PLAIN = /^[A-Za-z0-9][A-Za-z0-9_./-]*$/;

function scalarText(ctx: Ctx, s: string): string {
  if (ctx.json) return JSON.stringify(s);
  return PLAIN.test(s) && !/^(true|false|null|yes|no|on|off|~)$/i.test(s) ? s : JSON.stringify(s);
}

function keyText(ctx: Ctx, k: string): string {
  return ctx.json ? JSON.stringify(k) : scalarText(ctx, k);
}

/** One-line form: YAML flow or compact JSON. */
function flow(ctx: Ctx, v: Value): string {
  if (Array.isArray(v)) return `[${v.map((s) => scalarText(ctx, s)).join(', ')}]`;
  return `{${Object.entries(v).map(([k, x]) => `${keyText(ctx, k)}: ${flow(ctx, x)}`).join(', ')}}`;
}

/** YAML block lines for `key: value`, each starting with `indent`. */
function yamlBlock(ctx: Ctx, key: string, v: Value, indent: string): string[] {
  const head = `${indent}${keyText(ctx, key)}:`;
  const inner = indent + ctx.unit;
  if (Array.isArray(v)) return [head, ...v.map((s) => `${inner}- ${scalarText(ctx, s)}`)];
  return [head, ...Object.entries(v).flatMap(([k, x]) => yamlBlock(ctx, k, x, inner))];
}

/** Pretty JSON for a value whose first line continues a line indented by `indent`. */
function jsonPretty(ctx: Ctx, v: Value, indent: string): string {
  if (Array.isArray(v)) return flow(ctx, v);
  const inner = indent + ctx.unit;
  const members = Object.entries(v).map(([k, x]) => `${inner}${JSON.stringify(k)}: ${jsonPretty(ctx, x, inner)}`);
  return `{${ctx.eol}${members.join(',' + ctx.eol)}${ctx.eol}${indent}}`;
}

/** Adds `key: value` to a map: after the keys in `preferAfter` that open it, else first. */
function insertPair(ctx: Ctx, map: MapNode, key: string, value: Value, preferAfter?: Set<string>): TextEdit | null {
  const t = ctx.t;
  const anchor = map.pairs.find((p) => !preferAfter?.has(String(p.key.value)));
  if (map.flow || ctx.json) {
    if (map.shortForm) return null;
    if (map.pairs.length === 0) {
      if (t.text[map.start] !== '{') return null;
      return { start: map.start + 1, end: map.start + 1, newText: `${keyText(ctx, key)}: ${flow(ctx, value)}` };
    }
    if (anchor) {
      const at = anchor.key.start;
      if (ctx.json && onOwnLine(t, at)) {
        const indent = t.text.slice(t.lines.lineStart(t.lines.positionAt(at).line), at);
        return { start: at, end: at, newText: `${JSON.stringify(key)}: ${jsonPretty(ctx, value, indent)},${ctx.eol}${indent}` };
      }
      return { start: at, end: at, newText: `${keyText(ctx, key)}: ${flow(ctx, value)}, ` };
    }
    const last = map.pairs[map.pairs.length - 1];
    const at = pairEnd(last);
    if (ctx.json && onOwnLine(t, last.key.start)) {
      const indent = t.text.slice(t.lines.lineStart(t.lines.positionAt(last.key.start).line), last.key.start);
      return { start: at, end: at, newText: `,${ctx.eol}${indent}${JSON.stringify(key)}: ${jsonPretty(ctx, value, indent)}` };
    }
    return { start: at, end: at, newText: `, ${keyText(ctx, key)}: ${flow(ctx, value)}` };
  }
  // YAML block map.
  const first = map.pairs[0];
  if (!first) return null;
  const indent = ' '.repeat(column(t, first.key.start));
  if (anchor) {
    if (onOwnLine(t, anchor.key.start)) {
      // Before the anchor's line, and before the comment lines that introduce it.
      let line = t.lines.positionAt(anchor.key.start).line;
      const mapLine = t.lines.positionAt(map.start).line;
      while (line - 1 >= mapLine) {
        const prev = t.text.slice(t.lines.lineStart(line - 1), t.lines.lineEnd(line - 1));
        if (!prev.startsWith(indent + '#')) break;
        line--;
      }
      const at = t.lines.lineStart(line);
      return { start: at, end: at, newText: yamlBlock(ctx, key, value, indent).join(ctx.eol) + ctx.eol };
    }
    // The key shares its line with something else (`- Type: x`): insert at the key, re-indent it.
    const at = anchor.key.start;
    return { start: at, end: at, newText: yamlBlock(ctx, key, value, '').join(ctx.eol).replace(/\r?\n/g, (m) => m + indent) + ctx.eol + indent };
  }
  const last = map.pairs[map.pairs.length - 1];
  const at = endOfContentLine(t, pairEnd(last));
  return { start: at, end: at, newText: ctx.eol + yamlBlock(ctx, key, value, indent).join(ctx.eol) };
}

function pairEnd(p: Pair): number {
  return Math.max(p.key.end, p.value.end);
}

/** `key:` with nothing (or null/~) after it gets a value. */
function setEmptyValue(ctx: Ctx, pair: Pair, value: Value): TextEdit | null {
  const t = ctx.t;
  const v = pair.value as ScalarNode;
  const written = t.text.slice(v.start, v.end).trim();
  if (written !== '' || ctx.json || pair.parent.flow) {
    if (written === '') {
      // `{Metadata: }` in flow: write after the colon.
      const colon = t.text.indexOf(':', pair.key.end);
      if (colon < 0) return null;
      return { start: colon + 1, end: colon + 1, newText: ` ${flow(ctx, value)}` };
    }
    return { start: v.start, end: v.end, newText: flow(ctx, value) };
  }
  // Block: the value's lines go under the key, indented one step.
  const indent = ' '.repeat(column(t, pair.key.start)) + ctx.unit;
  const at = t.lines.lineEnd(t.lines.positionAt(pair.key.start).line);
  let lines: string[];
  if (Array.isArray(value)) lines = value.map((s) => `${indent}- ${scalarText(ctx, s)}`);
  else lines = Object.entries(value).flatMap(([k, x]) => yamlBlock(ctx, k, x, indent));
  return { start: at, end: at, newText: ctx.eol + lines.join(ctx.eol) };
}

/** Appends a string to a sequence, in its style. */
function appendItem(ctx: Ctx, seq: SeqNode, item: string): TextEdit | null {
  const t = ctx.t;
  const text = scalarText(ctx, item);
  if (seq.flow || ctx.json) {
    if (seq.items.length === 0) {
      if (t.text[seq.start] !== '[') return null;
      return { start: seq.start + 1, end: seq.start + 1, newText: text };
    }
    const last = seq.items[seq.items.length - 1];
    if (ctx.json && onOwnLine(t, last.start) && !onSameLine(t, seq.start, last.start)) {
      const indent = t.text.slice(t.lines.lineStart(t.lines.positionAt(last.start).line), last.start);
      return { start: last.end, end: last.end, newText: `,${ctx.eol}${indent}${text}` };
    }
    return { start: last.end, end: last.end, newText: `, ${text}` };
  }
  const first = seq.items[0];
  const dash = dashBefore(t, first);
  if (dash < 0) return null;
  const indent = ' '.repeat(column(t, dash));
  const at = endOfContentLine(t, seq.items[seq.items.length - 1].end);
  return { start: at, end: at, newText: `${ctx.eol}${indent}- ${text}` };
}

function onSameLine(t: Template, a: number, b: number): boolean {
  return t.lines.positionAt(a).line === t.lines.positionAt(b).line;
}

/** Offset of the `-` introducing a block sequence item, or -1. */
function dashBefore(t: Template, item: Node): number {
  let p = item.start - 1;
  while (p >= 0 && (t.text[p] === ' ' || t.text[p] === '\t')) p--;
  return p >= 0 && t.text[p] === '-' ? p : -1;
}
