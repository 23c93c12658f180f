/**
 * A fast reader for the YAML that templates are nearly always written in: block maps and
 * sequences (compact ones in sequences too), plain scalars (over several lines too),
 * single- and double-quoted scalars (escapes, folded lines), literal and folded block
 * scalars, flow collections (over several lines too), comments, the `---` start marker and
 * CloudFormation's short-form tags. It builds the tree of node.ts directly from the text in
 * one pass, with the values (YAML 1.2 core schema), offsets and ends the full reader
 * (yaml.ts, over the `yaml` library) gives.
 *
 * Reading was two thirds of the time of checking the corpus (profiled with --cpu-prof):
 * the library lexes into tokens, builds a concrete syntax tree, composes a document and
 * yaml.ts then converted that; this reader does the same work in one pass over the text.
 *
 * It answers `undefined` for anything outside that subset or anything the full reader
 * would report (anchors, aliases, explicit keys, directives, a second document, tabs in
 * indentation, CR line ends, unknown tags, repeated keys, empty values closing a
 * collection, `|+` and indentation indicators, comments where the full reader's end
 * offsets depend on its token assignment, …), and the caller reads the text with the full
 * reader. It never reports a problem itself. The differential tests
 * (test/robustness/yaml-fast.test.ts) compare both readers node by node on every corpus
 * template and on thousands of mutated ones.
 */
import type { MapNode, Node, Pair, ScalarNode, ScalarValue, SeqNode } from './node';
import { SHORT_TAGS } from './intrinsics';

/** Thrown (never escapes) when the text leaves the subset. */
const BAIL = { bail: true };

/** Test hook: told where the reader left the subset (the differential test reports it). */
export const bailTrace: { hook?: (where: string, pos: number) => void } = {};
let reading: { at(): number } | undefined;

function bail(): typeof BAIL {
  if (bailTrace.hook) bailTrace.hook(new Error().stack?.split('\n')[2]?.trim() ?? '', reading?.at() ?? -1);
  return BAIL;
}

/** Deeper nesting goes to the full reader (which cuts it off with a diagnostic). */
const MAX_FAST_DEPTH = 200;
/** Longer implicit keys go to the full reader (which reports keys over 1,024 characters). */
const MAX_KEY_LENGTH = 1000;

const NL = 10;
const SP = 32;
const TAB = 9;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const QUOTE1 = 39;
const QUOTE2 = 34;
const BANG = 33;
const PIPE = 124;
const GT = 62;
const COMMA = 44;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const BACKSLASH = 92;

/** Characters the subset never reads: control characters (CR included), BOM, NEL, line/paragraph separators. */
// eslint-disable-next-line no-control-regex
const OUTSIDE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

/** Plain scalars of the YAML 1.2 core schema that are not strings (as the full reader resolves them). */
const NULL_RE = /^(?:~|[Nn]ull|NULL)$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const OCT_RE = /^0o[0-7]+$/;
const INT_RE = /^[-+]?[0-9]+$/;
const HEX_RE = /^0x[0-9a-fA-F]+$/;
const NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** The value the core schema gives an untagged plain scalar. */
export function resolvePlain(s: string): ScalarValue {
  const c = s.charCodeAt(0);
  // Most plain scalars start with a letter that no typed value starts with: one test.
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
    if (c === 110 || c === 78) return NULL_RE.test(s) ? null : s; // n N
    if (c === 116 || c === 84 || c === 102 || c === 70) return BOOL_RE.test(s) ? s.charCodeAt(0) === 116 || s.charCodeAt(0) === 84 : s; // t T f F
    return s;
  }
  if (s === '~') return null;
  if (OCT_RE.test(s)) return parseInt(s.substring(2), 8);
  if (INT_RE.test(s)) return parseInt(s, 10);
  if (HEX_RE.test(s)) return parseInt(s.substring(2), 16);
  if (NAN_RE.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s.charCodeAt(0) === DASH ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (EXP_RE.test(s) || FLOAT_RE.test(s)) return parseFloat(s);
  return s;
}

/** A plain key's text in the tree: its typed value as a string (`1.0` is "1"), null as "" (as yaml.ts converts keys). */
function keyText(typed: ScalarValue): string {
  return typed === null ? '' : typeof typed === 'string' ? typed : String(typed);
}

/** Starts a plain scalar cannot have (the full reader reads something else there, or fails). */
function badPlainStart(c: number): boolean {
  switch (c) {
    case COMMA:
    case LBRACKET:
    case RBRACKET:
    case LBRACE:
    case RBRACE:
    case HASH:
    case 38: // &
    case 42: // *
    case BANG:
    case PIPE:
    case GT:
    case QUOTE1:
    case QUOTE2:
    case 37: // %
    case 64: // @
    case 96: // `
    case 63: // ?
    case COLON:
    case DASH:
      return true;
  }
  return false;
}

/** The block map or sequence `n` is (through short-form tags), if it is one. */
function blockCollection(n: Node | undefined): MapNode | SeqNode | undefined {
  while (n && n.kind === 'map' && n.shortForm) n = n.pairs[0].value;
  return n && n.kind !== 'scalar' && !n.flow ? n : undefined;
}

class FastReader {
  private pos = 0;
  /** Where the last value read ends with what follows it on its line (the full reader's range[2]). */
  private end2 = 0;
  /** Indentation of each comment line between the last two content lines (see checkGap). */
  private readonly gap: number[] = [];
  private readonly len: number;
  /** Where skipToContent last stopped, and the indentation it answered. */
  private skippedTo = -1;
  private skippedIndent = -1;
  /** Set by plainFlowEnd, plainFlowLine and plainLine. */
  private flowRaw = '';
  private lineStop = 0;
  private lineComment = false;
  /** Past the document's start (its `---`, if any): a marker now ends the subset. */
  private started = false;

  constructor(private readonly text: string) {
    this.len = text.length;
  }

  at(): number {
    return this.pos;
  }

  read(baseDepth: number): Node | null {
    let indent = this.skipToContent();
    if (indent < 0) throw bail(); // no content: the full reader decides what an empty document is
    const t = this.text;
    let p = this.pos + indent;
    if (indent === 0 && t.charCodeAt(p) === DASH && this.isMarker(p)) {
      if (this.gap.length) throw bail(); // comments before the marker
      this.pos = p + 3;
      this.afterValue(false);
      indent = this.skipToContent();
      if (indent < 0) throw bail();
      p = this.pos + indent;
    }
    if (indent === 0 && (t.charCodeAt(p) === 37 || this.isMarker(p))) throw bail();
    this.started = true;
    const root = this.blockNode(indent, -1, baseDepth, null);
    if (this.skipToContent() >= 0) throw bail();
    this.checkGap(root);
    return root;
  }

  /**
   * From the start of a line, skips blank and comment lines (recording the comments in the
   * gap) and stops at the start of the next content line: its indentation, or -1 at the end.
   */
  private skipToContent(): number {
    // Called again at the line it stopped at (by each collection that closes there): the same answer, the same gap.
    if (this.pos === this.skippedTo) return this.skippedIndent;
    const t = this.text;
    const gap = this.gap;
    gap.length = 0;
    let p = this.pos;
    for (;;) {
      if (p >= this.len) {
        this.pos = this.skippedTo = this.len;
        return (this.skippedIndent = -1);
      }
      let n = 0;
      while (t.charCodeAt(p + n) === SP) n++;
      const c = t.charCodeAt(p + n);
      if (c === NL) {
        p += n + 1;
        continue;
      }
      if (p + n >= this.len) {
        this.pos = this.skippedTo = this.len;
        return (this.skippedIndent = -1);
      }
      if (c === TAB) throw bail();
      if (c === HASH) {
        const nl = t.indexOf('\n', p + n);
        const e = nl < 0 ? this.len : nl + 1;
        gap.push(n);
        p = e;
        continue;
      }
      // A document marker (`---`, `...`) after the start: a second document, or the end of this one.
      if (n === 0 && this.started && (c === DASH || c === 46) && this.isMarker(p)) throw bail();
      this.pos = this.skippedTo = p;
      return (this.skippedIndent = n);
    }
  }

  private isMarker(p: number): boolean {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (t.charCodeAt(p + 1) !== c || t.charCodeAt(p + 2) !== c) return false;
    const d = t.charCodeAt(p + 3);
    return p + 3 >= this.len || d === SP || d === NL || d === TAB;
  }

  /** At the start of a content line indented `indent` (more than `parentIndent`): the node there. */
  private blockNode(indent: number, parentIndent: number, depth: number, parent: MapNode | SeqNode | null, tagged = false): Node {
    const p = this.pos + indent;
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === DASH && this.isIndicatorEnd(p + 1)) {
      this.pos = p;
      return this.blockSeq(indent, depth, parent);
    }
    if (c === BANG) {
      if (tagged) throw bail(); // two tags on one node
      return this.tagged(p, parentIndent, true, depth, parent as MapNode | SeqNode);
    }
    if (this.keyColon(p) >= 0) {
      this.pos = p;
      return this.blockMap(indent, depth, parent);
    }
    this.pos = p;
    if (c === PIPE || c === GT) throw bail(); // a block scalar alone on its line
    return this.inline(parentIndent, depth, parent, tagged);
  }

  /** True when the character at `i` ends an indicator (`-`, `:`): a space, a line break or the end. */
  private isIndicatorEnd(i: number): boolean {
    if (i >= this.len) return true;
    const c = this.text.charCodeAt(i);
    if (c === TAB) throw bail();
    return c === SP || c === NL;
  }

  /**
   * The offset of the `:` of an implicit block key starting at `p`, or -1 when the line there
   * holds no key. Keys are one-line plain or quoted scalars.
   */
  private keyColon(p: number): number {
    const t = this.text;
    const c = t.charCodeAt(p);
    let i: number;
    if (c === QUOTE1 || c === QUOTE2) {
      i = this.quotedEnd(p);
      if (i < 0) return -1;
      while (t.charCodeAt(i) === SP) i++;
      return t.charCodeAt(i) === COLON && this.isIndicatorEnd(i + 1) ? i : -1;
    }
    if (badPlainStart(c) && !((c === DASH || c === COLON || c === 63) && !this.isIndicatorEnd(p + 1) && t.charCodeAt(p + 1) !== COMMA)) return -1;
    for (i = p; i < this.len; i++) {
      const d = t.charCodeAt(i);
      if (d === NL) return -1;
      if (d === COLON && this.isIndicatorEnd(i + 1)) return i;
      if (d === HASH && t.charCodeAt(i - 1) === SP) return -1;
      if (d === TAB) throw bail();
    }
    return -1;
  }

  /** Offset after the closing quote of a one-line quoted scalar at `p`, or -1. */
  private quotedEnd(p: number): number {
    const t = this.text;
    const q = t.charCodeAt(p);
    for (let i = p + 1; i < this.len; i++) {
      const d = t.charCodeAt(i);
      if (d === NL) return -1;
      if (q === QUOTE2 && d === BACKSLASH) {
        i++;
        continue;
      }
      if (d === q) {
        if (q === QUOTE1 && t.charCodeAt(i + 1) === QUOTE1) {
          i++;
          continue;
        }
        return i + 1;
      }
    }
    return -1;
  }

  private scalar(value: ScalarValue, start: number, end: number, style: ScalarNode['style'], parent: MapNode | SeqNode | null): ScalarNode {
    return { kind: 'scalar', value, start, end, style, parent };
  }

  /** A block map whose first key starts at `this.pos`, its column `indent`. */
  private blockMap(indent: number, depth: number, parent: MapNode | SeqNode | null): MapNode {
    if (depth > MAX_FAST_DEPTH) throw bail();
    const t = this.text;
    const map: MapNode = { kind: 'map', pairs: [], flow: false, start: this.pos, end: this.pos, parent };
    const seen = new Set<ScalarValue>();
    let last: Node;
    for (;;) {
      const ks = this.pos;
      const colon = this.keyColon(ks);
      if (colon < 0 || colon - ks > MAX_KEY_LENGTH) throw bail();
      let key: ScalarNode;
      const c = t.charCodeAt(ks);
      if (c === QUOTE1 || c === QUOTE2) {
        key = this.quoted(ks, map);
      } else {
        let ke = colon;
        while (t.charCodeAt(ke - 1) === SP) ke--;
        const raw = t.slice(ks, ke);
        const typed = resolvePlain(raw);
        if (seen.has(typed)) throw bail();
        seen.add(typed);
        key = this.scalar(keyText(typed), ks, ke, 'plain', map);
      }
      if (key.style !== 'plain') {
        if (seen.has(key.value)) throw bail();
        seen.add(key.value);
      }
      this.pos = colon + 1;
      const value = this.afterIndicator(indent, false, depth + 1, map);
      const pair: Pair = { key, value, start: key.start, end: Math.max(key.end, value.end), parent: map };
      value.pair = pair;
      map.pairs.push(pair);
      last = value;
      if (!this.nextEntry(indent, last, false)) break;
    }
    map.end = this.collectionEnd(last);
    return map;
  }

  /** Whether the content line at this.pos holds a block sequence item (`- `) at column `indent`. */
  private seqItemAt(indent: number): boolean {
    return this.text.charCodeAt(this.pos + indent) === DASH && this.isIndicatorEnd(this.pos + indent + 1);
  }

  /** A block sequence whose first `-` is at this.pos, at column `indent`. */
  private blockSeq(indent: number, depth: number, parent: MapNode | SeqNode | null): SeqNode {
    if (depth > MAX_FAST_DEPTH) throw bail();
    const seq: SeqNode = { kind: 'seq', items: [], flow: false, start: this.pos, end: this.pos, parent };
    let last: Node;
    for (;;) {
      this.pos++;
      const item = this.afterIndicator(indent, true, depth + 1, seq);
      seq.items.push(item);
      last = item;
      if (!this.nextEntry(indent, last, true)) break;
    }
    seq.end = this.collectionEnd(last);
    return seq;
  }

  /**
   * After an entry of a block collection at column `indent`: moves to the next entry and
   * answers true, or answers false where the collection ends (a line less indented, or a
   * map's key line after a sequence at the map's column).
   */
  private nextEntry(indent: number, last: Node, seq: boolean): boolean {
    const next = this.skipToContent();
    if (next > indent) throw bail(); // deeper than the entries: not in the subset (or an error)
    if (next < indent) return false;
    if (this.seqItemAt(next) !== seq) {
      if (seq) return false;
      throw bail(); // a `- ` item among a map's keys
    }
    this.checkGap(last);
    this.pos += next;
    return true;
  }

  /**
   * The end of a block collection whose last value is `last`, when the next content line
   * (or the end of the text) closes it: where its last value ends with the rest of its line.
   * (Comment lines after it may move the full reader's end; checkGap sends those away.)
   */
  private collectionEnd(last: Node): number {
    if (last.kind === 'scalar' && last.end === last.start && last.value === null) throw bail(); // an empty last value
    return this.end2;
  }

  /**
   * A collection that goes on after `value` (or the document that ends after it): when block
   * collections closed before the next content line, the full reader takes comment lines
   * there into the ends of some of them, depending on how it assigned its tokens. Taken into
   * the outermost one that closed, a comment changes nothing we keep (its trailing extent);
   * that is so when it is indented less than the collection inside that one, or, when that
   * one's last value is not a block collection, no more than that one. Any other comment
   * sends the text to the full reader.
   */
  private checkGap(value: Node): void {
    const gap = this.gap;
    if (!gap.length) return;
    const outer = blockCollection(value);
    if (!outer) return;
    const inner = blockCollection(outer.kind === 'map' ? outer.pairs[outer.pairs.length - 1]?.value : outer.items[outer.items.length - 1]);
    const limit = inner ? this.columnOf(inner.start) - 1 : this.columnOf(outer.start);
    for (const i of gap) if (i > limit) throw bail();
  }

  private columnOf(offset: number): number {
    return offset - (this.text.lastIndexOf('\n', offset - 1) + 1);
  }

  /**
   * The value after a `:` of a block key or a `-` of a block sequence item (this.pos just
   * after the indicator); `ownerIndent` is the column of the map or sequence.
   */
  private afterIndicator(ownerIndent: number, seqItem: boolean, depth: number, parent: MapNode | SeqNode): Node {
    const t = this.text;
    let p = this.pos;
    while (t.charCodeAt(p) === SP) p++;
    const c = t.charCodeAt(p);
    if (c === TAB) throw bail();
    if (p >= this.len || c === NL || c === HASH) {
      if (c === HASH && p === this.pos) throw bail();
      const emptyPos = p;
      this.pos = p;
      this.afterValue(true);
      const node = this.below(ownerIndent, seqItem, depth, parent);
      if (node) return node;
      // An empty value: the full reader places it after the indicator's spaces.
      return this.scalar(null, emptyPos, emptyPos, 'plain', parent);
    }
    if (c === BANG) return this.tagged(p, ownerIndent, seqItem, depth, parent);
    if (seqItem) {
      if (c === DASH && this.isIndicatorEnd(p + 1)) {
        // `- - x`: a sequence in a sequence, its items at this column.
        this.pos = p;
        return this.blockSeq(this.columnOf(p), depth, parent);
      }
      if (this.keyColon(p) >= 0) {
        this.pos = p;
        return this.blockMap(this.columnOf(p), depth, parent);
      }
    }
    this.pos = p;
    return this.inline(ownerIndent, depth, parent);
  }

  /**
   * After an indicator with nothing more on its line: the block node on the next lines that
   * belongs to it, or undefined (an empty value, when another entry of the owner follows).
   */
  private below(ownerIndent: number, seqItem: boolean, depth: number, parent: MapNode | SeqNode, tagged = false): Node | undefined {
    const next = this.skipToContent();
    if (next > ownerIndent) return this.blockNode(next, ownerIndent, depth, parent, tagged);
    if (!seqItem && next === ownerIndent && this.seqItemAt(next)) {
      this.pos += next;
      return this.blockSeq(next, depth, parent);
    }
    // Empty value: the owner must go on (an empty last value ends where the reader's tokens say).
    if (next !== ownerIndent) throw bail();
    if (seqItem && !this.seqItemAt(next)) throw bail();
    if (this.gap.length) throw bail();
    return undefined;
  }

  /** A short-form tag at `p` and the node it applies to, as a one-pair map (node.ts). */
  private tagged(p: number, ownerIndent: number, seqItem: boolean, depth: number, parent: MapNode | SeqNode): Node {
    const t = this.text;
    const e = this.tagEnd(p, false);
    const fn = SHORT_TAGS[t.slice(p, e)];
    if (!fn) throw bail();
    let v = e;
    while (t.charCodeAt(v) === SP) v++;
    const c = t.charCodeAt(v);
    let inner: Node;
    if (v >= this.len || c === NL || c === HASH) {
      if (c === HASH && v === e) throw bail();
      this.pos = v;
      this.afterValue(true);
      const below = this.below(ownerIndent, seqItem, depth, parent, true);
      if (!below) throw bail(); // a tag on an empty value
      inner = below;
    } else {
      if (c === BANG || c === TAB) throw bail();
      this.pos = v;
      inner = this.inline(ownerIndent, depth, parent, true);
    }
    return this.wrap(inner, fn, p, e, parent);
  }

  /**
   * The end of the tag at `p` (a `!`): a space ends it, or a line break outside a flow
   * collection; anything else a tag name cannot hold leaves the subset.
   */
  private tagEnd(p: number, inFlow: boolean): number {
    const t = this.text;
    let e = p + 1;
    for (; e < this.len; e++) {
      const d = t.charCodeAt(e);
      if (d === SP || (d === NL && !inFlow)) break;
      if (d === NL || d === COMMA || d === LBRACKET || d === RBRACKET || d === LBRACE || d === RBRACE || d === TAB || d === BANG) throw bail();
    }
    return e;
  }

  private wrap(inner: Node, fn: string, ts: number, te: number, parent: MapNode | SeqNode | null): MapNode {
    const map: MapNode = { kind: 'map', pairs: [], flow: true, shortForm: true, start: ts, end: Math.max(inner.end, te), parent };
    const key = this.scalar(fn, ts, te, 'plain', map);
    inner.parent = map;
    const pair: Pair = { key, value: inner, start: ts, end: map.end, parent: map };
    inner.pair = pair;
    map.pairs.push(pair);
    return map;
  }

  /**
   * A value that starts on this line at this.pos: block scalar, quoted, flow or plain.
   * `tagged`: a short-form tag applies to it (a plain scalar then stays a string, as the
   * full reader leaves a scalar whose tag it does not know).
   */
  private inline(ownerIndent: number, depth: number, parent: MapNode | SeqNode | null, tagged = false): Node {
    const t = this.text;
    const p = this.pos;
    const c = t.charCodeAt(p);
    if (c === PIPE || c === GT) return this.blockScalar(ownerIndent, parent);
    if (c === QUOTE1 || c === QUOTE2) {
      const s = this.quoted(p, parent, ownerIndent);
      this.pos = s.end;
      this.afterValue(false);
      return s;
    }
    if (c === LBRACKET || c === LBRACE) {
      const f = this.flow(ownerIndent, depth, parent);
      this.afterValue(false);
      return f;
    }
    if (badPlainStart(c) && !((c === DASH || c === COLON || c === 63) && !this.isIndicatorEnd(p + 1) && t.charCodeAt(p + 1) !== COMMA)) throw bail();
    let e = this.plainLine(p);
    let raw = t.slice(p, e);
    if (!this.lineComment && this.lineStop < this.len) {
      // Continuation lines, indented more than the owner, fold into one value (a blank line is a line break).
      let q = this.lineStop + 1;
      let blanks = 0;
      while (q < this.len) {
        let n = 0;
        while (t.charCodeAt(q + n) === SP) n++;
        const c = t.charCodeAt(q + n);
        if (c === NL) {
          blanks++;
          q += n + 1;
          continue;
        }
        if (q + n >= this.len || n <= ownerIndent || c === HASH) break;
        if (n === 0 || c === TAB) throw bail();
        if ((c === DASH || c === COLON || c === 63) && this.isIndicatorEnd(q + n + 1)) throw bail();
        const le = this.plainLine(q + n);
        raw += (blanks ? '\n'.repeat(blanks) : ' ') + t.slice(q + n, le);
        blanks = 0;
        e = le;
        if (this.lineComment || this.lineStop >= this.len) break;
        q = this.lineStop + 1;
      }
    }
    const s = this.scalar(tagged ? raw : resolvePlain(raw), p, e, 'plain', parent);
    this.pos = e;
    this.afterValue(false);
    return s;
  }

  /**
   * Where the stretch of a block plain scalar on one line that starts at `p` ends (trailing
   * spaces excluded). lineStop: where reading stopped (a line break, a comment, the end);
   * lineComment: a comment stopped it.
   */
  private plainLine(p: number): number {
    const t = this.text;
    let e = p;
    let i = p;
    this.lineComment = false;
    for (; i < this.len; i++) {
      const d = t.charCodeAt(i);
      if (d === NL) break;
      if (d === SP) continue;
      if (d === TAB) throw bail();
      if (d === HASH && t.charCodeAt(i - 1) === SP) {
        this.lineComment = true;
        break;
      }
      if (d === COLON && this.isIndicatorEnd(i + 1)) throw bail(); // a mapping in a value
      e = i + 1;
    }
    this.lineStop = i;
    return e;
  }

  /**
   * After a value on its line: spaces, maybe a comment, the line break. Sets end2 to the
   * start of the next line (or the end of the text). `spaced` when the spaces were skipped.
   */
  private afterValue(spaced: boolean): void {
    const t = this.text;
    let p = this.pos;
    while (t.charCodeAt(p) === SP) p++;
    const c = t.charCodeAt(p);
    if (c === HASH) {
      if (p === this.pos && !spaced) throw bail();
      const nl = t.indexOf('\n', p);
      p = nl < 0 ? this.len : nl;
    } else if (c === TAB) throw bail();
    if (p >= this.len) {
      this.pos = this.end2 = this.len;
      return;
    }
    if (t.charCodeAt(p) !== NL) throw bail();
    this.pos = this.end2 = p + 1;
  }

  /**
   * A quoted scalar at `p`. It may go on over lines indented more than `ownerIndent`
   * (folded: a line break is a space, a blank line a line break); keys pass none (one line).
   */
  private quoted(p: number, parent: MapNode | SeqNode | null, ownerIndent = NaN): ScalarNode {
    const t = this.text;
    const q = t.charCodeAt(p);
    let out = '';
    let from = p + 1;
    for (let i = p + 1; i < this.len; i++) {
      const d = t.charCodeAt(i);
      if (d === NL) {
        if (!(ownerIndent >= -1)) throw bail();
        let k = i;
        while (k > from && (t.charCodeAt(k - 1) === SP || t.charCodeAt(k - 1) === TAB)) k--;
        out += t.slice(from, k);
        let r = i + 1;
        let blanks = 0;
        for (;;) {
          let n = 0;
          while (t.charCodeAt(r + n) === SP) n++;
          const c = t.charCodeAt(r + n);
          if (c === TAB || r + n >= this.len) throw bail();
          if (c === NL) {
            blanks++;
            r += n + 1;
            continue;
          }
          if (n <= ownerIndent || n === 0) throw bail();
          out += blanks ? '\n'.repeat(blanks) : ' ';
          from = r + n;
          break;
        }
        i = from - 1;
        continue;
      }
      if (q === QUOTE1) {
        if (d === QUOTE1) {
          out += t.slice(from, i);
          if (t.charCodeAt(i + 1) === QUOTE1) {
            out += "'";
            i++;
            from = i + 1;
            continue;
          }
          return this.scalar(out, p, i + 1, 'single', parent);
        }
        continue;
      }
      if (d === QUOTE2) {
        out += t.slice(from, i);
        return this.scalar(out, p, i + 1, 'double', parent);
      }
      if (d === BACKSLASH) {
        out += t.slice(from, i);
        if (t.charCodeAt(i + 1) === NL) {
          // An escaped line break: the lines join with nothing between (the next line's indentation dropped).
          if (!(ownerIndent >= -1)) throw bail();
          const r = i + 2;
          let n = 0;
          while (t.charCodeAt(r + n) === SP) n++;
          const c = t.charCodeAt(r + n);
          if (c === TAB || r + n >= this.len || (c !== NL && (n <= ownerIndent || n === 0))) throw bail();
          from = r + n;
          i = from - 1;
          continue;
        }
        const [s, n] = this.escape(i);
        out += s;
        i += n;
        from = i + 1;
      }
    }
    throw bail();
  }

  /** The escape sequence at `i` (a backslash): its value and how many characters follow the backslash. */
  private escape(i: number): [string, number] {
    const t = this.text;
    const e = t[i + 1];
    switch (e) {
      case '0': return ['\0', 1];
      case 'a': return ['\x07', 1];
      case 'b': return ['\b', 1];
      case 't': return ['\t', 1];
      case '\t': return ['\t', 1];
      case 'n': return ['\n', 1];
      case 'v': return ['\v', 1];
      case 'f': return ['\f', 1];
      case 'r': return ['\r', 1];
      case 'e': return ['\x1b', 1];
      case ' ': return [' ', 1];
      case '"': return ['"', 1];
      case '/': return ['/', 1];
      case '\\': return ['\\', 1];
      case 'N': return ['\u0085', 1];
      case '_': return ['\u00a0', 1];
      case 'L': return ['\u2028', 1];
      case 'P': return ['\u2029', 1];
      case 'x':
      case 'u':
      case 'U': {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = t.slice(i + 2, i + 2 + n);
        if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) throw bail();
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) throw bail();
        return [String.fromCodePoint(code), n + 1];
      }
    }
    throw bail();
  }

  /** A literal or folded block scalar whose header is at this.pos; content indented more than `ownerIndent`. */
  private blockScalar(ownerIndent: number, parent: MapNode | SeqNode | null): ScalarNode {
    const t = this.text;
    const start = this.pos;
    const folded = t.charCodeAt(start) === GT;
    let h = start + 1;
    let strip = false;
    const chomp = t.charCodeAt(h);
    if (chomp === DASH) {
      strip = true;
      h++;
    } else if (chomp === 43 /* + */) throw bail();
    const after = t.charCodeAt(h);
    if (after !== SP && after !== NL && h < this.len) throw bail(); // an indentation indicator, or text
    this.pos = h;
    this.afterValue(false);
    if (this.pos >= this.len) throw bail();
    // Content lines.
    const lines: string[] = [];
    let indent = -1;
    let maxBlank = 0;
    let lineAt = this.pos;
    let endAt = this.pos; // after the last content line
    let blankRun = 0;
    for (;;) {
      if (lineAt >= this.len) break;
      let n = 0;
      while (t.charCodeAt(lineAt + n) === SP) n++;
      const nl = t.indexOf('\n', lineAt + n);
      const lineEnd = nl < 0 ? this.len : nl;
      const c = t.charCodeAt(lineAt + n);
      if (lineAt + n >= lineEnd) {
        if (indent < 0 || n <= indent) {
          // An empty line.
          if (indent < 0) maxBlank = Math.max(maxBlank, n);
          blankRun++;
          if (nl < 0) break;
          lineAt = nl + 1;
          continue;
        }
        if (folded) throw bail(); // spaces beyond the indentation: a content line of spaces (literal only here)
      } else {
        if (n === 0 && this.isMarker(lineAt)) throw bail(); // a document marker (a root block scalar's lines start at column 0)
        if (indent < 0) {
          if (n <= ownerIndent) throw bail(); // an empty block scalar
          if (maxBlank > n) throw bail();
          indent = n;
        } else if (n < indent) {
          if (c === TAB) throw bail();
          break;
        }
        if (n === indent && c === TAB) throw bail();
        if (folded && n > indent) throw bail(); // more-indented lines fold differently
      }
      for (let b = 0; b < blankRun; b++) lines.push('');
      blankRun = 0;
      lines.push(t.slice(lineAt + indent, lineEnd));
      endAt = nl < 0 ? this.len : nl + 1;
      if (nl < 0) break;
      lineAt = nl + 1;
    }
    if (indent < 0) throw bail();
    let value: string;
    if (!folded) value = lines.join('\n');
    else {
      // Folded: a line break between two lines is a space; each empty line is a line break.
      value = '';
      let breaks = 0;
      let content = false;
      for (const l of lines) {
        if (l === '') {
          breaks++;
          continue;
        }
        value += breaks ? '\n'.repeat(breaks) : content ? ' ' : '';
        value += l;
        breaks = 0;
        content = true;
      }
    }
    if (!strip) value += '\n';
    this.pos = endAt;
    this.end2 = endAt;
    return this.scalar(value, start, endAt, 'block', parent);
  }

  /** Spaces and line breaks inside a flow collection; continuation lines indented more than `ownerIndent`. */
  private flowSpace(ownerIndent: number): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === SP) {
        p++;
        continue;
      }
      if (c === NL) {
        p++;
        let n = 0;
        while (t.charCodeAt(p + n) === SP) n++;
        const d = t.charCodeAt(p + n);
        // Entries are indented more than the owner; a closing bracket may stand at the owner's column.
        if (d !== NL && (d === RBRACKET || d === RBRACE ? n < ownerIndent : n <= ownerIndent || n === 0)) throw bail();
        p += n;
        continue;
      }
      if (c === TAB || c === HASH) throw bail();
      break;
    }
    this.pos = p;
  }

  /** A flow sequence or map at this.pos. */
  private flow(ownerIndent: number, depth: number, parent: MapNode | SeqNode | null): Node {
    if (depth > MAX_FAST_DEPTH) throw bail();
    const t = this.text;
    const start = this.pos;
    const isSeq = t.charCodeAt(start) === LBRACKET;
    const close = isSeq ? RBRACKET : RBRACE;
    this.pos++;
    const node: SeqNode | MapNode = isSeq
      ? { kind: 'seq', items: [], flow: true, start, end: start, parent }
      : { kind: 'map', pairs: [], flow: true, start, end: start, parent };
    const seen = isSeq ? undefined : new Set<ScalarValue>();
    this.flowSpace(ownerIndent);
    if (t.charCodeAt(this.pos) === close) {
      this.pos++;
      node.end = this.pos;
      return node;
    }
    for (;;) {
      if (isSeq) {
        const item = this.flowItem(ownerIndent, depth + 1, node);
        (node as SeqNode).items.push(item);
      } else {
        const map = node as MapNode;
        const ks = this.pos;
        const c = t.charCodeAt(ks);
        let key: ScalarNode;
        let typed: ScalarValue;
        if (c === QUOTE1 || c === QUOTE2) {
          key = this.quoted(ks, map);
          typed = key.value;
          this.pos = key.end;
        } else {
          if (badPlainStart(c) && !((c === DASH || c === COLON || c === 63) && !this.isFlowIndicatorEnd(ks + 1))) throw bail();
          const e = this.plainFlowEnd(ks);
          typed = resolvePlain(t.slice(ks, e));
          key = this.scalar(keyText(typed), ks, e, 'plain', map);
        }
        if (seen!.has(typed)) throw bail();
        seen!.add(typed);
        let p = this.pos;
        while (t.charCodeAt(p) === SP) p++;
        if (t.charCodeAt(p) !== COLON) throw bail();
        const d = t.charCodeAt(p + 1);
        if (d !== SP && d !== NL && key.style === 'plain') throw bail();
        this.pos = p + 1;
        this.flowSpace(ownerIndent);
        const v = t.charCodeAt(this.pos);
        if (v === COMMA || v === RBRACE) throw bail(); // empty value
        const value = this.flowItem(ownerIndent, depth + 1, map);
        const pair: Pair = { key, value, start: key.start, end: Math.max(key.end, value.end), parent: map };
        value.pair = pair;
        map.pairs.push(pair);
      }
      this.flowSpace(ownerIndent);
      const c = t.charCodeAt(this.pos);
      if (c === COMMA) {
        this.pos++;
        this.flowSpace(ownerIndent);
        const d = t.charCodeAt(this.pos);
        if (d === COMMA) throw bail(); // an empty entry
        if (d === close) {
          // A trailing comma.
          this.pos++;
          node.end = this.pos;
          return node;
        }
        continue;
      }
      if (c === close) {
        this.pos++;
        node.end = this.pos;
        return node;
      }
      throw bail();
    }
  }

  /** One entry of a flow sequence or one value of a flow map. */
  private flowItem(ownerIndent: number, depth: number, parent: MapNode | SeqNode, tagged = false): Node {
    const t = this.text;
    const p = this.pos;
    const c = t.charCodeAt(p);
    if (c === LBRACKET || c === LBRACE) return this.flow(ownerIndent, depth, parent);
    if (c === QUOTE1 || c === QUOTE2) {
      const s = this.quoted(p, parent, ownerIndent);
      this.pos = s.end;
      return s;
    }
    if (c === BANG) {
      const e = this.tagEnd(p, true);
      const fn = SHORT_TAGS[t.slice(p, e)];
      if (!fn) throw bail();
      let v = e;
      while (t.charCodeAt(v) === SP) v++;
      const d = t.charCodeAt(v);
      if (d === NL || d === COMMA || d === RBRACKET || d === RBRACE || d === HASH || d === BANG || v >= this.len) throw bail();
      this.pos = v;
      const inner = this.flowItem(ownerIndent, depth, parent, true);
      return this.wrap(inner, fn, p, e, parent);
    }
    if (badPlainStart(c) && !((c === DASH || c === COLON || c === 63) && !this.isFlowIndicatorEnd(p + 1))) throw bail();
    const e = this.plainFlowEnd(p, ownerIndent);
    const raw = this.flowRaw;
    return this.scalar(tagged ? raw : resolvePlain(raw), p, e, 'plain', parent);
  }

  private isFlowIndicatorEnd(i: number): boolean {
    if (i >= this.len) return true;
    const c = this.text.charCodeAt(i);
    return c === SP || c === NL || c === TAB || c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
  }

  /**
   * The end of a plain scalar in a flow collection starting at `p` (this.pos is set there;
   * its folded text in flowRaw). A value may go on over lines indented more than
   * `ownerIndent`; keys pass none (one line).
   */
  private plainFlowEnd(p: number, ownerIndent = NaN): number {
    const t = this.text;
    let e = this.plainFlowLine(p);
    let raw = t.slice(p, e);
    let i = this.lineStop;
    while (ownerIndent >= -1 && i < this.len && t.charCodeAt(i) === NL) {
      let q = i + 1;
      let blanks = 0;
      let n = 0;
      for (;;) {
        n = 0;
        while (t.charCodeAt(q + n) === SP) n++;
        if (t.charCodeAt(q + n) !== NL) break;
        blanks++;
        q += n + 1;
      }
      if (q + n >= this.len) break;
      const c = t.charCodeAt(q + n);
      if (c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE || c === HASH || c === COLON) break;
      if (c === TAB || n <= ownerIndent || n === 0) throw bail();
      const le = this.plainFlowLine(q + n);
      raw += (blanks ? '\n'.repeat(blanks) : ' ') + t.slice(q + n, le);
      e = le;
      i = this.lineStop;
    }
    this.flowRaw = raw;
    this.pos = e;
    return e;
  }

  /** Where the stretch of a flow plain scalar on one line that starts at `p` ends (lineStop: where reading stopped). */
  private plainFlowLine(p: number): number {
    const t = this.text;
    let e = p;
    let i = p;
    for (; i < this.len; i++) {
      const d = t.charCodeAt(i);
      if (d === NL || d === COMMA || d === LBRACKET || d === RBRACKET || d === LBRACE || d === RBRACE) break;
      if (d === SP) continue;
      if (d === TAB) throw bail();
      if (d === HASH && t.charCodeAt(i - 1) === SP) throw bail();
      if (d === COLON && this.isFlowIndicatorEnd(i + 1)) break;
      e = i + 1;
    }
    if (e === p) throw bail();
    this.lineStop = i;
    return e;
  }
}

/**
 * Reads `text` with the fast reader: the root node (the tree the full reader would build,
 * with no issue), or undefined when the full reader must read it.
 */
export function readYamlFast(text: string, baseDepth = 0): Node | null | undefined {
  if (OUTSIDE.test(text)) return undefined;
  const reader = new FastReader(text);
  if (bailTrace.hook) reading = reader;
  try {
    return reader.read(baseDepth);
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  } finally {
    reading = undefined;
  }
}
