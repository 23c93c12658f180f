/**
 * YAML text -> format-neutral tree (node.ts), with exact offsets, short-form tags
 * normalized, aliases expanded under a budget, and every reader error kept as a
 * SyntaxIssue. Never throws.
 */
import * as Y from 'yaml';
import { MapNode, Node, Pair, ScalarNode, SeqNode } from './node';
import { SHORT_TAGS } from './intrinsics';
import { SyntaxIssue } from './diagnostics';
import { readYamlFast } from './yaml-fast';

export interface ParsedTree {
  root: Node | null;
  issues: SyntaxIssue[];
}

/** Total nodes that alias expansion may create before it is treated as an alias bomb. */
export const ALIAS_EXPANSION_BUDGET = 50_000;
/** Deeper nesting is cut off with a diagnostic (protects every recursive consumer). */
export const MAX_DEPTH = 400;

const STYLE: Record<string, ScalarNode['style']> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'block',
  BLOCK_FOLDED: 'block',
};

function cleanMessage(msg: string): string {
  const first = msg.split('\n')[0];
  return first.replace(/ at line \d+, column \d+:?\s*$/, '').trim();
}

/** More reader errors than this are summarized in one last diagnostic. */
export const MAX_SYNTAX_ISSUES = 100;

/**
 * Parses YAML. CloudFormation (like PyYAML) accepts quoted scalars whose continuation
 * lines are indented less than the YAML spec asks; the reader here does not. When it
 * reports such an unclosed quote, the scalar is re-read with its line breaks blanked (same
 * length, so every offset stays true) and its value folded as YAML folds quoted lines.
 */
export function parseYaml(text: string): ParsedTree {
  let result = parseYamlOnce(text, text);
  if (result.reusable && result.tree.root) cleanTrees.set(result.tree.root, text);
  for (let attempt = 0; attempt < 50; attempt++) {
    const spans = result.flatten;
    if (!spans.length) break;
    let patched = result.patchedText;
    for (const [a, b] of spans) patched = patched.slice(0, a) + patched.slice(a, b).replace(/[\r\n]/g, ' ') + patched.slice(b);
    if (patched === result.patchedText) break;
    const next = parseYamlOnce(patched, text);
    if (next.errorCount >= result.errorCount) break;
    result = next;
  }
  const issues = result.tree.issues;
  if (issues.length > MAX_SYNTAX_ISSUES) {
    const rest = issues.length - MAX_SYNTAX_ISSUES;
    issues.length = MAX_SYNTAX_ISSUES;
    const last = issues[issues.length - 1];
    issues.push({ code: 'yaml-TOO_MANY_ERRORS', message: `${rest} more syntax errors follow; fix the first ones and re-check.`, start: last.start, end: last.end, severity: 'error' });
  }
  return result.tree;
}

/**
 * [open, close] of the flow collection an under-indented line belongs to (CloudFormation
 * accepts `Resource: [` with items on less-indented lines); undefined when it holds a comment
 * (joining lines would swallow the rest) or never closes.
 */
function flowSpan(text: string, pos: number): [number, number] | undefined {
  let depth = 0;
  let open = -1;
  for (let i = pos - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ']' || c === '}') depth++;
    else if (c === '[' || c === '{') {
      if (depth === 0) {
        open = i;
        break;
      }
      depth--;
    }
  }
  if (open < 0) return undefined;
  depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const span = quotedSpan(text, i, true);
      if (!span) return undefined;
      i = span[1] - 1;
      continue;
    }
    if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) return undefined;
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return text.slice(open, i).includes('\n') ? [open, i + 1] : undefined;
    }
  }
  return undefined;
}

/** [start, end) of a quoted scalar starting at `open`, closing quote included; undefined if never closed. */
function quotedSpan(text: string, open: number, anyLength = false): [number, number] | undefined {
  const q = text[open];
  if (q !== "'" && q !== '"') return undefined;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (q === '"' && c === '\\') {
      i++;
      continue;
    }
    if (c === q) {
      if (q === "'" && text[i + 1] === "'") {
        i++;
        continue;
      }
      return anyLength || text.slice(open, i).includes('\n') ? [open, i + 1] : undefined;
    }
  }
  return undefined;
}

/** The value of a multi-line quoted scalar, folded as YAML folds flow scalars. */
function foldQuoted(raw: string): string {
  const q = raw[0];
  const body = raw.slice(1, -1);
  const lines = body.split(/\r?\n/);
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (i > 0) line = line.replace(/^[ \t]+/, '');
    if (i < lines.length - 1) line = line.replace(/[ \t]+$/, '');
    if (i === 0) out = line;
    else if (line === '' && i < lines.length - 1) out += '\n';
    else if (q === '"' && /(^|[^\\])(\\\\)*\\$/.test(out)) out = out.slice(0, -1) + line; // escaped line break
    else out += (out.endsWith('\n') ? '' : ' ') + line;
  }
  if (q === "'") return out.replace(/''/g, "'");
  try {
    return JSON.parse('"' + out.replace(/\t/g, '\\t').replace(/\n/g, '\\n') + '"');
  } catch {
    return out; // YAML-only escapes (\x41, \e, …): keep the text as written
  }
}

/**
 * Roots of trees read without any issue, anchor or alias, with the text they were read
 * from: an edit of such a text may re-read only the entry it touched (yaml-reuse.ts).
 */
const cleanTrees = new WeakMap<Node, string>();

/** Records that `root` is the clean tree of `text` (a partial re-read's result is one). */
export function markClean(root: Node, text: string): void {
  cleanTrees.set(root, text);
}

/** The text a tree was read from, when it was read clean (no issue, anchor or alias). */
export function cleanTreeText(root: Node): string | undefined {
  return cleanTrees.get(root);
}

export interface OnceResult {
  tree: ParsedTree;
  /** No issue, no anchor, no alias: the tree may serve as the base of a partial re-read. */
  reusable: boolean;
  /** An anchor or an alias was read. */
  anchored: boolean;
  /** Reader errors and warnings (besides tags), before conversion. */
  readerProblems: number;
  /** Spans whose line breaks may be blanked for a lenient re-read (see parseYaml). */
  flatten: [number, number][];
  patchedText: string;
  errorCount: number;
}

/** The fast reader (yaml-fast.ts) is tried first; tests turn it off to compare with the library alone. */
export const fastReader = { enabled: true };

/**
 * One read of `text` (`original` differs when line breaks were blanked for a lenient re-read).
 * `baseDepth` is the nesting depth of the document's root in the template (a fragment read
 * on its own, see yaml-reuse.ts, is deeper than its own root).
 */
export function parseYamlOnce(text: string, original: string, baseDepth = 0): OnceResult {
  const root = fastReader.enabled ? readYamlFast(text, baseDepth) : undefined;
  if (root === undefined) return readWithLibrary(text, original, baseDepth);
  // A lenient re-read (line breaks blanked, see parseYaml): quoted scalars get their true folded values, as below.
  if (text !== original && root) refold(root, original);
  return { tree: { root, issues: [] }, reusable: true, anchored: false, readerProblems: 0, flatten: [], patchedText: text, errorCount: 0 };
}

function refold(n: Node, original: string): void {
  if (n.kind === 'map') for (const p of n.pairs) refold(p.value, original);
  else if (n.kind === 'seq') for (const i of n.items) refold(i, original);
  else if ((n.style === 'single' || n.style === 'double') && typeof n.value === 'string') {
    const raw = original.slice(n.start, n.end);
    if (raw.includes('\n')) n.value = foldQuoted(raw);
  }
}

/** parseYamlOnce with the `yaml` library alone (the reference the fast reader is tested against). */
export function readWithLibrary(text: string, original: string, baseDepth = 0): OnceResult {
  const issues: SyntaxIssue[] = [];
  const flatten: [number, number][] = [];
  let anchored = false;
  const fail = (tree: ParsedTree): OnceResult => ({ tree, reusable: false, anchored, readerProblems: tree.issues.length, flatten, patchedText: text, errorCount: tree.issues.length });
  let docs: Y.Document.Parsed[];
  // The reader reports every short-form tag (!Ref, !Sub, …) as a warning, an Error object
  // whose stack trace nobody reads: capturing it was an eighth of the analysis of a YAML
  // template (profiled with --cpu-prof), so no stack is captured while reading.
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    // Duplicate keys are found while converting (below): the reader's own check compares
    // each key with every earlier one, quadratic in a map's size (a third of the time of a
    // 5,000-resource template).
    docs = Y.parseAllDocuments(text, { uniqueKeys: false, strict: true, prettyErrors: false }) as Y.Document.Parsed[];
  } catch (e) {
    issues.push({ code: 'yaml-READER', message: `The YAML reader failed: ${(e as Error).message}`, start: 0, end: Math.min(text.length, 1), severity: 'error' });
    return fail({ root: null, issues });
  } finally {
    Error.stackTraceLimit = stackLimit;
  }
  if (!Array.isArray(docs) || docs.length === 0) return fail({ root: null, issues });
  const doc = docs[0];
  if (docs.length > 1) {
    const second = docs[1];
    const at = second.range ? second.range[0] : 0;
    issues.push({ code: 'yaml-MULTIPLE_DOCUMENTS', message: 'A template is a single YAML document; the text after this document marker is ignored.', start: at, end: Math.min(text.length, at + 3), severity: 'error' });
  }

  // Positions of tags, from the reader's own warnings (exact, even with comments between tag and value).
  const tagStarts: number[] = [];
  for (const w of doc.warnings) {
    if (w.code === 'TAG_RESOLVE_FAILED') tagStarts.push(w.pos[0]);
    else issues.push({ code: `yaml-${w.code}`, message: cleanMessage(w.message), start: w.pos[0], end: Math.max(w.pos[1], w.pos[0]), severity: 'warning' });
  }
  tagStarts.sort((a, b) => a - b);

  const quoted: ScalarNode[] = [];
  /** Repeated mapping keys, in the reader's words, merged with its errors by position below. */
  const duplicates: SyntaxIssue[] = [];
  let budget = ALIAS_EXPANSION_BUDGET;
  let bombReported = false;
  /** Range of the outermost alias being expanded: where an alias bomb is reported. */
  let aliasOuter: [number, number] | undefined;
  let depthReported = false;

  const findTag = (tag: string, valueStart: number): [number, number] => {
    // The last reader-reported tag position before the value whose text is this tag.
    let lo = 0;
    let hi = tagStarts.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (tagStarts[mid] < valueStart) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let i = best; i >= 0 && i >= best - 2; i--) {
      const s = tagStarts[i];
      if (text.startsWith(tag, s)) return [s, s + tag.length];
    }
    // Fallback: scan back over white space.
    let p = valueStart - 1;
    while (p >= 0 && /\s/.test(text[p])) p--;
    const end = p + 1;
    while (p >= 0 && !/[\s,[\]{}]/.test(text[p])) p--;
    const s = p + 1;
    if (text.slice(s, end) === tag) return [s, end];
    return [valueStart, valueStart];
  };

  const scalar = (value: ScalarNode['value'], start: number, end: number, style: ScalarNode['style'], parent: MapNode | SeqNode | null): ScalarNode => ({
    kind: 'scalar',
    value,
    start,
    end,
    style,
    parent,
  });

  const convert = (n: unknown, parent: MapNode | SeqNode | null, depth: number, viaAlias: boolean, fallbackPos: number): Node => {
    if (depth > MAX_DEPTH) {
      if (!depthReported) {
        depthReported = true;
        const at = Y.isNode(n) && n.range ? n.range[0] : fallbackPos;
        issues.push({ code: 'nesting-too-deep', message: `Nesting deeper than ${MAX_DEPTH} levels is not analyzed.`, start: at, end: at + 1, severity: 'error' });
      }
      return scalar(null, fallbackPos, fallbackPos, 'plain', parent);
    }
    if (viaAlias) {
      if (--budget < 0) {
        if (!bombReported) {
          bombReported = true;
          const [bs, be] = aliasOuter ?? [fallbackPos, fallbackPos + 1];
          issues.push({ code: 'yaml-ALIAS_BOMB', message: `YAML aliases expand to more than ${ALIAS_EXPANSION_BUDGET} nodes; the expansion was cut off (alias bomb?).`, start: bs, end: Math.max(be, bs + 1), severity: 'error' });
        }
        return scalar(null, fallbackPos, fallbackPos, 'plain', parent);
      }
    }
    if (Y.isAlias(n)) {
      anchored = true;
      const target = n.resolve(doc);
      const at = n.range ? n.range[0] : fallbackPos;
      if (!target) {
        // The reader does not report an alias without an anchor (it would fail only when converting).
        const end = n.range ? n.range[1] : at;
        if (!viaAlias && !doc.errors.some((er) => er.pos[0] === at)) {
          issues.push({ code: 'yaml-BAD_ALIAS', message: `Unknown alias *${n.source}: no anchor &${n.source} is defined before it.`, start: at, end: Math.max(end, at + 1), severity: 'error' });
        }
        return scalar(null, at, end, 'plain', parent);
      }
      const outer = !aliasOuter;
      if (outer) aliasOuter = [at, n.range ? n.range[1] : at + 1];
      const copy = convert(target, parent, depth, true, at);
      if (outer) aliasOuter = undefined;
      return copy;
    }
    let node: Node;
    let tag: string | undefined;
    let start = fallbackPos;
    if (!anchored && Y.isNode(n) && n.anchor) anchored = true;
    if (Y.isScalar(n)) {
      const range = n.range ?? [fallbackPos, fallbackPos, fallbackPos];
      let value = n.value as unknown;
      if (value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') value = String(value);
      const style = STYLE[n.type ?? 'PLAIN'] ?? 'plain';
      const s = scalar(value as ScalarNode['value'], range[0], range[1], style, parent);
      if (style === 'single' || style === 'double') {
        quoted.push(s);
        // A scalar re-read with blanked line breaks (see parseYaml) gets its true folded value.
        if (text !== original && typeof value === 'string' && original.slice(range[0], range[1]).includes('\n')) s.value = foldQuoted(original.slice(range[0], range[1]));
      }
      node = s;
      tag = n.tag;
      start = range[0];
    } else if (Y.isMap(n)) {
      const range = n.range ?? [fallbackPos, fallbackPos, fallbackPos];
      const map: MapNode = { kind: 'map', pairs: [], flow: !!n.flow, start: range[0], end: range[1], parent };
      // Keys seen, by their typed value (as the reader compares them: 1 and "1" differ).
      const seen = viaAlias || n.items.length < 2 ? undefined : new Set<unknown>();
      for (const item of n.items) {
        const k = item.key as unknown;
        let key: ScalarNode;
        if (Y.isScalar(k)) {
          const kr = k.range ?? [map.start, map.start, map.start];
          key = scalar(k.value === null ? '' : typeof k.value === 'string' ? k.value : String(k.value), kr[0], kr[1], STYLE[k.type ?? 'PLAIN'] ?? 'plain', map);
          if (k.anchor) anchored = true;
          if (seen) {
            if (seen.has(k.value)) duplicates.push({ code: 'yaml-DUPLICATE_KEY', message: 'Map keys must be unique', start: kr[0], end: Math.max(kr[1], kr[0] + 1), severity: 'error' });
            else seen.add(k.value);
          }
          if (k.tag && k.tag !== '!' && !viaAlias && !k.tag.startsWith('!!') && !k.tag.startsWith('tag:yaml.org,2002:')) {
            // `!ImportValue Fn::Sub: …` makes the key a function call: not a valid (hashable) key.
            const [ts, te] = findTag(k.tag, kr[0]);
            if (SHORT_TAGS[k.tag]) issues.push({ code: 'complex-key', message: `A mapping key cannot be an intrinsic function (${k.tag} on a key); keys must be plain names.`, start: ts, end: te > ts ? te : kr[1], severity: 'error' });
            else issues.push({ code: 'unknown-tag', message: `Unknown tag ${k.tag}: CloudFormation knows only its intrinsic function tags (!Ref, !GetAtt, !Sub, …).`, start: ts, end: te > ts ? te : ts + 1, severity: 'error' });
          }
        } else if (Y.isNode(k) && k.range) {
          key = scalar(text.slice(k.range[0], k.range[1]), k.range[0], k.range[1], 'plain', map);
          issues.push({ code: 'complex-key', message: 'Complex (non-scalar) mapping keys are not valid in templates.', start: k.range[0], end: k.range[1], severity: 'error' });
        } else {
          key = scalar('', map.start, map.start, 'plain', map);
        }
        const v = item.value as unknown;
        const value = v === null || v === undefined ? scalar(null, key.end, key.end, 'plain', map) : convert(v, map, depth + 1, viaAlias, key.end);
        const pair: Pair = { key, value, start: key.start, end: Math.max(key.end, value.end), parent: map };
        value.pair = pair;
        map.pairs.push(pair);
      }
      node = map;
      tag = n.tag;
      start = range[0];
    } else if (Y.isSeq(n)) {
      const range = n.range ?? [fallbackPos, fallbackPos, fallbackPos];
      const seq: SeqNode = { kind: 'seq', items: [], flow: !!n.flow, start: range[0], end: range[1], parent };
      for (const item of n.items) {
        if (item === null || item === undefined) continue;
        seq.items.push(convert(item, seq, depth + 1, viaAlias, seq.start));
      }
      node = seq;
      tag = n.tag;
      start = range[0];
    } else if (Y.isPair(n)) {
      // A pair where a node is expected (e.g. `- a: b` in a flow sequence): wrap as a map.
      const map: MapNode = { kind: 'map', pairs: [], flow: true, start: fallbackPos, end: fallbackPos, parent };
      return map;
    } else {
      return scalar(null, fallbackPos, fallbackPos, 'plain', parent);
    }

    if (tag && !viaAlias) return applyTag(node, tag, start, parent);
    if (tag && viaAlias) return applyTagCopy(node, tag, parent);
    return node;
  };

  const wrapShort = (inner: Node, fn: string, tagStart: number, tagEnd: number, parent: MapNode | SeqNode | null): MapNode => {
    const map: MapNode = { kind: 'map', pairs: [], flow: true, shortForm: true, start: tagStart, end: Math.max(inner.end, tagEnd), parent };
    const key = scalar(fn, tagStart, tagEnd, 'plain', map);
    inner.parent = map;
    const pair: Pair = { key, value: inner, start: tagStart, end: map.end, parent: map };
    inner.pair = pair;
    map.pairs.push(pair);
    return map;
  };

  const applyTag = (node: Node, tag: string, valueStart: number, parent: MapNode | SeqNode | null): Node => {
    const fn = SHORT_TAGS[tag];
    // `!` alone is YAML's non-specific tag (`! "Ref"` is the string "Ref"): nothing to apply.
    if (tag === '!' || tag.startsWith('tag:yaml.org,2002:') || tag.startsWith('!!')) {
      if (node.kind === 'scalar') node.tag = tag;
      return node;
    }
    const [ts, te] = findTag(tag, valueStart);
    if (!fn) {
      issues.push({ code: 'unknown-tag', message: `Unknown tag ${tag}: CloudFormation knows only its intrinsic function tags (!Ref, !GetAtt, !Sub, …).`, start: ts, end: te > ts ? te : ts + 1, severity: 'error' });
      return node;
    }
    return wrapShort(node, fn, ts, te, parent);
  };

  const applyTagCopy = (node: Node, tag: string, parent: MapNode | SeqNode | null): Node => {
    const fn = SHORT_TAGS[tag];
    if (!fn) return node;
    return wrapShort(node, fn, node.start, node.start, parent);
  };

  let root: Node | null = null;
  try {
    root = doc.contents ? convert(doc.contents, null, baseDepth, false, 0) : null;
  } catch (e) {
    issues.push({ code: 'yaml-READER', message: `The YAML reader failed: ${(e as Error).message}`, start: 0, end: Math.min(text.length, 1), severity: 'error' });
    root = null;
  }

  let exhaustionReported = false;
  let nextDuplicate = 0;
  for (const err of doc.errors) {
    while (nextDuplicate < duplicates.length && duplicates[nextDuplicate].start <= err.pos[0]) issues.push(duplicates[nextDuplicate++]);
    // The reader reports its stack overflow once per enclosing collection: keep the first.
    if (err.code === 'RESOURCE_EXHAUSTION') {
      if (exhaustionReported) continue;
      exhaustionReported = true;
    }
    let start = err.pos[0];
    let end = Math.max(err.pos[1], err.pos[0]);
    if (err.code === 'MISSING_CHAR' && /quote/i.test(err.message)) {
      // Point at the string that was never closed, not at the end of the file.
      const open = quoted.filter((q) => q.start <= start && q.end >= start - 1).sort((a, b) => b.start - a.start)[0];
      if (open) {
        const span = quotedSpan(text, open.start);
        if (span) flatten.push(span);
        start = open.start;
        const nl = text.indexOf('\n', start);
        end = nl < 0 ? text.length : nl;
      }
    }
    if (err.code === 'BAD_INDENT' && /^Flow (sequence|mapping)/.test(err.message)) {
      const span = flowSpan(text, err.pos[0]);
      if (span) flatten.push(span);
    }
    issues.push({ code: `yaml-${err.code}`, message: cleanMessage(err.message), start, end, severity: 'error' });
  }
  while (nextDuplicate < duplicates.length) issues.push(duplicates[nextDuplicate++]);
  const readerProblems = doc.errors.length + doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED').length + (docs.length > 1 ? 1 : 0);
  return { tree: { root, issues }, reusable: !anchored && issues.length === 0, anchored, readerProblems, flatten, patchedText: text, errorCount: doc.errors.length };
}
