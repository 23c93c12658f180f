/**
 * Strings whose content is itself a document (a state machine's `DefinitionString`, a
 * policy written as JSON text): the string's value with, for every character, the offset
 * in the template text it was read from. A YAML block scalar drops its indentation, a JSON
 * or double-quoted string decodes its escapes, flow scalars fold their line breaks; the
 * map undoes all that so a finding about something inside the string lands on it.
 *
 * Every decoder is checked against the value the parser produced: when they disagree (a
 * construct not handled here), there is no map and callers fall back to the whole
 * property. A wrong position is worse than a coarse one.
 */
import { asIntrinsic } from './intrinsics';
import { Node, ScalarNode, isScalar, isSeq, scalarString } from './node';

export interface MappedString {
  text: string;
  /** `offsets[i]`: template offset of the source of `text[i]`. */
  offsets: number[];
}

/** The template range of `[start, end)` of a mapped string, or undefined when it cannot be placed. */
export function mapRange(m: MappedString, start: number, end: number): { start: number; end: number } | undefined {
  if (start < 0 || end > m.offsets.length || start >= end) return undefined;
  const a = m.offsets[start];
  const b = m.offsets[end - 1];
  if (a === undefined || b === undefined || a < 0 || b < a) return undefined;
  return { start: a, end: b + 1 };
}

class Builder {
  text = '';
  offsets: number[] = [];
  push(s: string, offset: number): void {
    for (let i = 0; i < s.length; i++) this.offsets.push(offset);
    this.text += s;
  }
  pushRaw(raw: string, base: number, from: number, to: number): void {
    for (let i = from; i < to; i++) this.offsets.push(base + i);
    this.text += raw.slice(from, to);
  }
}

const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const YAML_ESCAPES: Record<string, string> = {
  ...JSON_ESCAPES,
  '0': '\0',
  a: '\x07',
  v: '\v',
  e: '\x1b',
  ' ': ' ',
  '\t': '\t',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Decodes the escapes of one piece of a quoted string, appending to `out`. False on a bad escape. */
function decodeEscapes(raw: string, base: number, from: number, to: number, out: Builder, yaml: boolean): boolean {
  const table = yaml ? YAML_ESCAPES : JSON_ESCAPES;
  let i = from;
  while (i < to) {
    const c = raw[i];
    if (c !== '\\') {
      out.pushRaw(raw, base, i, i + 1);
      i++;
      continue;
    }
    const e = raw[i + 1];
    if (e === undefined || i + 1 >= to) return false;
    const simple = table[e];
    if (simple !== undefined) {
      out.push(simple, base + i);
      i += 2;
      continue;
    }
    const n = yaml ? HEX_LENGTH[e] : e === 'u' ? 4 : undefined;
    if (!n) return false;
    const hex = raw.slice(i + 2, i + 2 + n);
    if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) return false;
    const cp = parseInt(hex, 16);
    let s: string;
    try {
      s = n === 4 && !yaml ? String.fromCharCode(cp) : String.fromCodePoint(cp);
    } catch {
      return false;
    }
    out.push(s, base + i);
    i += 2 + n;
  }
  return true;
}

interface Line {
  /** Offsets into raw of the line's content (line break excluded, `\r` excluded). */
  from: number;
  to: number;
  /** Offset into raw of the line break that ends the line (= to, or to+1 with `\r`). */
  brk: number;
}

function splitLines(raw: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let s = from;
  for (let i = from; i <= to; i++) {
    if (i === to || raw[i] === '\n') {
      const end = i > s && raw[i - 1] === '\r' ? i - 1 : i;
      lines.push({ from: s, to: end, brk: end });
      s = i + 1;
    }
  }
  return lines;
}

const isWs = (c: string | undefined) => c === ' ' || c === '\t';

/** Folds the lines of a flow scalar (plain, single- or double-quoted) as YAML does. */
function foldFlow(raw: string, base: number, from: number, to: number, kind: 'plain' | 'single' | 'double'): MappedString | undefined {
  const lines = splitLines(raw, from, to);
  const out = new Builder();
  const n = lines.length;
  // Trim: leading whitespace of every line but the first, trailing of every line but the last.
  const trimmed = lines.map((l, i) => {
    let a = l.from;
    let b = l.to;
    if (i > 0) while (a < b && isWs(raw[a])) a++;
    if (i < n - 1) {
      while (b > a && isWs(raw[b - 1])) b--;
      // An escaped space or tab (`\ `) at the end of a double-quoted line is content.
      if (kind === 'double' && b < l.to && backslashRun(raw, a, b) % 2 === 1) b++;
    }
    return { ...l, a, b };
  });
  const piece = (i: number): boolean => {
    const l = trimmed[i];
    let b = l.b;
    if (kind === 'double' && i < n - 1 && backslashRun(raw, l.a, b) % 2 === 1) b--; // escaped line break
    if (kind === 'double') return decodeEscapes(raw, base, l.a, b, out, true);
    if (kind === 'single') {
      for (let k = l.a; k < b; k++) {
        out.pushRaw(raw, base, k, k + 1);
        if (raw[k] === "'" && raw[k + 1] === "'") k++;
      }
      return true;
    }
    out.pushRaw(raw, base, l.a, b);
    return true;
  };
  if (!piece(0)) return undefined;
  let i = 0;
  while (i < n - 1) {
    const escaped = kind === 'double' && backslashRun(raw, trimmed[i].a, trimmed[i].b) % 2 === 1;
    let j = i + 1;
    let empties = 0;
    while (j < n - 1 && trimmed[j].a === trimmed[j].b) {
      empties++;
      j++;
    }
    if (!escaped) {
      if (empties) for (let k = i + 1; k < j; k++) out.push('\n', base + trimmed[k].from);
      else out.push(' ', base + trimmed[i].brk);
    }
    if (!piece(j)) return undefined;
    i = j;
  }
  return { text: out.text, offsets: out.offsets };
}

/** Number of backslashes ending at `end` (not before `start`). */
function backslashRun(raw: string, start: number, end: number): number {
  let k = 0;
  while (end - k - 1 >= start && raw[end - k - 1] === '\\') k++;
  return k;
}

/** A literal (`|`) or folded (`>`) block scalar. */
function blockScalar(raw: string, base: number, parentIndent: number): MappedString | undefined {
  const nl = raw.indexOf('\n');
  if (nl < 0) return { text: '', offsets: [] };
  const header = raw.slice(1, nl).replace(/\s+#.*$/, '').trim();
  if (!/^([1-9]?[+-]?|[+-]?[1-9]?)$/.test(header)) return undefined;
  const chomp = header.includes('-') ? 'strip' : header.includes('+') ? 'keep' : 'clip';
  const folded = raw[0] === '>';
  let lines = splitLines(raw, nl + 1, raw.length);
  if (lines.length && lines[lines.length - 1].from === raw.length) lines = lines.slice(0, -1);
  // Content indentation: given by the indicator (relative to the parent), else that of the first line with something on it.
  const explicit = /[1-9]/.exec(header);
  let indent = explicit ? parentIndent + Number(explicit[0]) : -1;
  if (!explicit) for (const l of lines) {
    let k = l.from;
    while (k < l.to && raw[k] === ' ') k++;
    if (k < l.to) {
      indent = k - l.from;
      break;
    }
  }
  const out = new Builder();
  if (indent < 0) return undefined;
  // A line of at most `indent` spaces is empty; longer runs of spaces are content.
  const isEmpty = (l: Line) => {
    if (l.to - l.from > indent) return false;
    for (let k = l.from; k < l.to; k++) if (raw[k] !== ' ') return false;
    return true;
  };
  let lastContentEnd = 0; // length of `out.text` after the last line with content
  let pendingEmpty: Line[] = [];
  let prev: 'normal' | 'more' | null = null;
  for (const l of lines) {
    if (isEmpty(l)) {
      if (!folded) out.push('\n', base + l.brk);
      else pendingEmpty.push(l);
      continue;
    }
    const a = l.from + indent;
    if (folded) {
      const kind = isWs(raw[a]) ? 'more' : 'normal';
      if (prev === null) for (const e of pendingEmpty) out.push('\n', base + e.brk);
      else if (prev === 'normal' && kind === 'normal') {
        if (pendingEmpty.length) for (const e of pendingEmpty) out.push('\n', base + e.brk);
        else out.push(' ', base + a - 1);
      } else {
        out.push('\n', base + a - 1);
        for (const e of pendingEmpty) out.push('\n', base + e.brk);
      }
      pendingEmpty = [];
      prev = kind;
      out.pushRaw(raw, base, a, l.to);
      lastContentEnd = out.text.length;
    } else {
      out.pushRaw(raw, base, a, l.to);
      lastContentEnd = out.text.length;
      out.push('\n', base + l.brk);
    }
  }
  if (folded) {
    if (lastContentEnd > 0) out.push('\n', base + raw.length - 1);
    for (const e of pendingEmpty) out.push('\n', base + e.brk);
  }
  let end = out.text.length;
  if (chomp === 'strip') end = lastContentEnd;
  else if (chomp === 'clip') end = lastContentEnd > 0 ? lastContentEnd + 1 : 0;
  return { text: out.text.slice(0, end), offsets: out.offsets.slice(0, end) };
}

/**
 * The value of a string scalar with the template offset of each character, or undefined
 * when the scalar is not a string or its source cannot be mapped exactly.
 */
export function mapScalar(text: string, s: ScalarNode): MappedString | undefined {
  if (typeof s.value !== 'string') return undefined;
  const raw = text.slice(s.start, s.end);
  let m: MappedString | undefined;
  const q = raw[0];
  if (s.style === 'json' || (s.style === 'double' && q === '"')) {
    if (raw.length < 2 || raw[raw.length - 1] !== '"') return undefined;
    if (s.style === 'json') {
      const out = new Builder();
      m = decodeEscapes(raw, s.start, 1, raw.length - 1, out, false) ? { text: out.text, offsets: out.offsets } : undefined;
    } else m = foldFlow(raw, s.start, 1, raw.length - 1, 'double');
  } else if (s.style === 'single' && q === "'") {
    if (raw.length < 2 || raw[raw.length - 1] !== "'") return undefined;
    m = foldFlow(raw, s.start, 1, raw.length - 1, 'single');
  } else if (s.style === 'plain') {
    m = foldFlow(raw, s.start, 0, raw.length, 'plain');
  } else if (s.style === 'block' && (q === '|' || q === '>')) {
    let lineStart = s.start;
    while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
    let parentIndent = 0;
    while (text[lineStart + parentIndent] === ' ') parentIndent++;
    m = blockScalar(raw, s.start, parentIndent);
  }
  return m && m.text === s.value && m.offsets.length === m.text.length ? m : undefined;
}

/**
 * A string scalar's value with its offsets, or, when the source cannot be mapped exactly,
 * its value with every offset unknown (-1): still readable, placed on the whole property.
 */
function mappedOrUnplaced(text: string, s: ScalarNode): MappedString | undefined {
  if (typeof s.value !== 'string') return undefined;
  return mapScalar(text, s) ?? { text: s.value, offsets: new Array<number>(s.value.length).fill(-1) };
}

/** The template text a computed piece stands for inside a string: `${Fn.Arn}` for `!GetAtt Fn.Arn`, `${X}` for `!Ref X`. */
function placeholderText(n: Node): string {
  const i = asIntrinsic(n);
  if (i?.fn === 'Ref') return `\${${scalarString(i.arg) ?? 'Ref'}}`;
  if (i?.fn === 'Fn::GetAtt') {
    const parts = isSeq(i.arg) ? i.arg.items.map((x) => scalarString(x) ?? '?') : [scalarString(i.arg) ?? '?'];
    return `\${${parts.join('.')}}`;
  }
  return `\${${i?.fn ?? 'value'}}`;
}

/** Whether a JSON text ends inside a string literal. */
function endsInJsonString(text: string): boolean {
  let inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
  }
  return inStr;
}

export interface MappedValue extends MappedString {
  /** Whether some piece was computed (a `Ref`, a `GetAtt`…) and stands as a placeholder. */
  computed: boolean;
  /** Whether `${…}` placeholders are to be read as `Fn::Sub` variables. */
  sub: boolean;
}

/**
 * A string property's text as far as it can be told without deploying: a string, the
 * template string of an `Fn::Sub` (variables kept as `${…}`), an `Fn::Join` of those with
 * computed pieces written as `${Name}` (inside a JSON string) or `0` (outside one, so JSON
 * text stays parseable). A piece whose source cannot be mapped exactly keeps its value with
 * unknown offsets (-1): `mapRange` then gives nothing and callers place findings on the
 * property. Undefined when it is not a written string at all (a `Ref`, an import).
 */
export function mapStringValue(text: string, n: Node | undefined, depth = 0): MappedValue | undefined {
  if (!n || depth > 8) return undefined;
  if (isScalar(n)) {
    const m = mappedOrUnplaced(text, n);
    return m ? { ...m, computed: false, sub: false } : undefined;
  }
  const i = asIntrinsic(n);
  if (!i) return undefined;
  if (i.fn === 'Fn::Sub') {
    const s = isSeq(i.arg) ? i.arg.items[0] : i.arg;
    if (!isScalar(s)) return undefined;
    const m = mappedOrUnplaced(text, s);
    return m ? { ...m, computed: /\$\{[^!]/.test(m.text), sub: true } : undefined;
  }
  if (i.fn === 'Fn::Join') {
    if (!isSeq(i.arg) || i.arg.items.length !== 2 || !isSeq(i.arg.items[1])) return undefined;
    const sepNode = i.arg.items[0];
    const sep = isScalar(sepNode) ? mapScalar(text, sepNode) ?? (sepNode.value === '' || sepNode.value === null ? { text: '', offsets: [] } : undefined) : undefined;
    if (!sep) return undefined;
    const out = new Builder();
    let computed = false;
    let sub = false;
    i.arg.items[1].items.forEach((part, k) => {
      if (k > 0) {
        out.text += sep.text;
        out.offsets.push(...sep.offsets);
      }
      const inner = mapStringValue(text, part, depth + 1);
      if (inner) {
        out.text += inner.text;
        out.offsets.push(...inner.offsets);
        computed ||= inner.computed;
        sub ||= inner.sub;
        return;
      }
      computed = true;
      out.push(endsInJsonString(out.text) ? placeholderText(part) : '0', part.start);
    });
    return { text: out.text, offsets: out.offsets, computed, sub };
  }
  return undefined;
}

/**
 * JSON text with every `${…}` written outside a string literal (an `Fn::Sub` variable
 * standing for a number, a list or an object) replaced by `0` and spaces of the same
 * length, so the text parses and every offset stays where it was.
 */
export function blankSubVariables(json: string): string {
  let out = '';
  let inStr = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inStr) {
      if (c === '\\') {
        out += c + (json[i + 1] ?? '');
        i++;
        continue;
      }
      if (c === '"') inStr = false;
      out += c;
      continue;
    }
    if (c === '"') {
      inStr = true;
      out += c;
      continue;
    }
    if (c === '$' && json[i + 1] === '{') {
      const close = json.indexOf('}', i + 2);
      if (close > 0) {
        const len = close - i + 1;
        out += '0' + ' '.repeat(len - 1);
        i = close;
        continue;
      }
    }
    out += c;
  }
  return out;
}
