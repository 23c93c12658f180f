/**
 * JSON text -> format-neutral tree (node.ts). jsonc-parser's scanner cuts the text into
 * tokens; the parser here is ours, without recursion (any depth of nesting is read; below
 * MAX_DEPTH the model keeps a placeholder and says so) and with error recovery that keeps a
 * half-typed document's model:
 *
 * - a missing colon, value or comma costs only that pair; a key on the next line starts the
 *   next pair;
 * - a string left open ends at the end of its line;
 * - when the text has errors it is read a second time, guided by indentation (templates are
 *   nearly always pretty-printed): a key whose line is indented no deeper than the line that
 *   opened the current object closes that object (a `}` left out), and a key indented like the
 *   members of an object that a stray `}` closed early reopens it. Valid JSON is read without
 *   these guesses.
 *
 * Comments and trailing commas are reported (CloudFormation rejects them); duplicate keys too.
 * Error codes are jsonc-parser's names (`json-CommaExpected`, …).
 */
import * as J from 'jsonc-parser';
import { MapNode, Node, Pair, ScalarNode, SeqNode } from './node';
import { SyntaxIssue } from './diagnostics';
import { MAX_DEPTH, ParsedTree } from './yaml';

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number format',
  PropertyNameExpected: 'Property name expected',
  ValueExpected: 'Value expected',
  ColonExpected: 'Colon expected',
  CommaExpected: 'Comma expected',
  CloseBraceExpected: 'Closing brace } expected',
  CloseBracketExpected: 'Closing bracket ] expected',
  EndOfFileExpected: 'End of file expected',
  InvalidCommentToken: 'Comments are not allowed in JSON templates',
  UnexpectedEndOfComment: 'Unterminated comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid unicode escape sequence',
  InvalidEscapeCharacter: 'Invalid escape character in string',
  InvalidCharacter: 'Invalid character in string',
  UnexpectedCloseBrace: 'This } closes the object too early (the members after it are indented as its own)',
};

// jsonc-parser's SyntaxKind and ScanError (const enums in its typings).
const K = { OpenBrace: 1, CloseBrace: 2, OpenBracket: 3, CloseBracket: 4, Comma: 5, Colon: 6, Null: 7, True: 8, False: 9, String: 10, Number: 11, LineComment: 12, BlockComment: 13, LineBreak: 14, Trivia: 15, Unknown: 16, EOF: 17 } as const;
const SCAN_ERRORS: Record<number, string> = { 1: 'UnexpectedEndOfComment', 2: 'UnexpectedEndOfString', 3: 'UnexpectedEndOfNumber', 4: 'InvalidUnicode', 5: 'InvalidEscapeCharacter', 6: 'InvalidCharacter' };

interface Token {
  kind: number;
  start: number;
  end: number;
  value: string;
  /** Column of the token's start. */
  col: number;
  /** Nothing but white space before it on its line. */
  first: boolean;
  /** Leading white space of its line. */
  indent: number;
  line: number;
}

interface Frame {
  node: MapNode | SeqNode;
  /** Object: expecting a key, a colon, a value, or a comma / the end. Array: a value or a comma / the end. */
  state: 'key' | 'colon' | 'value' | 'comma';
  /** A comma was just read (a closing bracket now is a trailing comma). */
  afterComma: boolean;
  /** The key waiting for its value. */
  key?: ScalarNode;
  keys: Map<string, ScalarNode>;
  /** Indentation of the line holding the opening bracket. */
  openIndent: number;
  /** Column of the members that start their lines (the first such key or item). */
  memberCol?: number;
  depth: number;
  /** The token that closed it (for a reopened object's error). */
  closedBy?: Token;
}

function tokenize(text: string, issues: SyntaxIssue[]): Token[] {
  const sc = J.createScanner(text, false);
  const parity = new Map<number, boolean>();
  const tokens: Token[] = [];
  let line = 0;
  let lineStart = 0;
  let indent = 0;
  let first = true;
  for (;;) {
    const kind = sc.scan();
    const start = sc.getTokenOffset();
    const end = start + sc.getTokenLength();
    const err = sc.getTokenError();
    const odd = kind === K.String && oddQuotes(text, lineStart, parity);
    if (kind === K.String && (err === 2 || odd)) {
      // A quote followed by `: [`, `, …`, `}` on a line with a quote missing: the closing quote
      // of a name whose opening quote is missing (`Fn::If": [`), not the start of a string.
      // Read what follows as structure.
      const nl = text.indexOf('\n', start);
      if (/^[ \t]*[:,}\]]/.test(text.slice(start + 1, nl < 0 ? text.length : nl))) {
        issues.push(issue('InvalidSymbol', start, start + 1, text.length));
        sc.setPosition(start + 1);
        first = false;
        continue;
      }
    }
    if (odd) {
      // On a line with a quote missing, a "string" that runs over `: [`, `: {` or `: "` is a
      // name whose closing quote is missing (`"Parameters: ["A", "B"]`): end it at the colon.
      const inner = text.slice(start + 1, err === 2 ? end : end - 1);
      const m = /^[^":]*(?=:\s*[[{"])/.exec(inner);
      if (m && m[0].length > 0) {
        const stop = start + 1 + m[0].length;
        issues.push(issue('UnexpectedEndOfString', start, stop, text.length));
        tokens.push({ kind, start, end: stop, value: m[0], col: start - lineStart, first, indent, line });
        first = false;
        sc.setPosition(stop);
        continue;
      }
    }
    if (err && SCAN_ERRORS[err]) {
      let e = end;
      if (err === 2) {
        // An unterminated string: report it up to the end of its line.
        const nl = text.indexOf('\n', start);
        e = nl < 0 ? text.length : nl;
      }
      issues.push(issue(SCAN_ERRORS[err], start, Math.max(e, start + 1), text.length));
    }
    if (kind === K.EOF) {
      tokens.push({ kind, start: text.length, end: text.length, value: '', col: text.length - lineStart, first, indent, line });
      break;
    }
    if (kind === K.LineBreak) {
      line++;
      lineStart = end;
      indent = 0;
      first = true;
      continue;
    }
    if (kind === K.Trivia) {
      if (first && start === lineStart) indent = end - start;
      continue;
    }
    if (kind === K.LineComment || kind === K.BlockComment) {
      issues.push(issue('InvalidCommentToken', start, end, text.length));
      // A block comment may span lines.
      const nl = text.lastIndexOf('\n', end - 1);
      if (nl >= start) {
        line += countLines(text, start, end);
        lineStart = nl + 1;
        indent = 0;
        first = false;
      }
      continue;
    }
    if (kind === K.Unknown) {
      issues.push(issue('InvalidSymbol', start, end, text.length));
      first = false;
      continue;
    }
    tokens.push({ kind, start, end, value: sc.getTokenValue(), col: start - lineStart, first, indent, line });
    // A string left open runs to the end of its line: what follows is on the next line.
    first = false;
  }
  return tokens;
}

/** Whether the line starting at `ls` has an odd number of unescaped double quotes (one is missing); cached by line. */
function oddQuotes(text: string, ls: number, cache: Map<number, boolean>): boolean {
  const known = cache.get(ls);
  if (known !== undefined) return known;
  let le = text.indexOf('\n', ls);
  if (le < 0) le = text.length;
  let n = 0;
  for (let i = ls; i < le; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) n++;
  }
  cache.set(ls, n % 2 === 1);
  return n % 2 === 1;
}

function countLines(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function issue(name: string, start: number, end: number, length: number): SyntaxIssue {
  return { code: `json-${name}`, message: MESSAGES[name] ?? name, start, end: Math.min(Math.max(end, start), length), severity: 'error' };
}

const isValueStart = (k: number) => k === K.OpenBrace || k === K.OpenBracket || k === K.String || k === K.Number || k === K.True || k === K.False || k === K.Null;

interface Pass {
  root: Node | null;
  issues: SyntaxIssue[];
}

function parsePass(text: string, tokens: Token[], scanIssues: SyntaxIssue[], guided: boolean): Pass {
  const issues: SyntaxIssue[] = [...scanIssues];
  const err = (name: string, t: Token) => issues.push(issue(name, t.start, t.end > t.start ? t.end : t.start + 1, text.length));
  const frames = new WeakMap<Node, Frame>();
  const stack: Frame[] = [];
  let root: Node | null = null;
  let depthReported = false;
  /** Index of the token at which an implicit close was reported (no second error there). */
  let implicitAt = -1;
  // Guesses are spent only where the braces do not balance: as many objects closed as `}` are
  // missing, as many reopened as there are `}` too many.
  let opens = 0;
  let closes = 0;
  for (const t of tokens) {
    if (t.kind === K.OpenBrace) opens++;
    else if (t.kind === K.CloseBrace) closes++;
  }
  let closeBudget = guided ? Math.max(0, opens - closes) : 0;
  let reopenBudget = guided ? Math.max(0, closes - opens) : 0;

  const scalar = (value: ScalarNode['value'], start: number, end: number, parent: MapNode | SeqNode | null): ScalarNode => ({ kind: 'scalar', value, start, end, style: 'json', parent });

  const attach = (f: Frame | undefined, n: Node): void => {
    if (!f) {
      root = n;
      return;
    }
    if (f.node.kind === 'map') {
      const key = f.key!;
      const pair: Pair = { key, value: n, start: key.start, end: Math.max(key.end, n.end), parent: f.node };
      n.pair = pair;
      f.node.pairs.push(pair);
      const k = String(key.value);
      if (f.keys.has(k)) issues.push({ code: 'duplicate-key', message: `Duplicate key "${k}": only the last value is used.`, start: key.start, end: key.end, severity: 'error' });
      f.keys.set(k, key);
      f.key = undefined;
    } else f.node.items.push(n);
    f.state = 'comma';
    f.afterComma = false;
  };

  /** A pending key gets no value (a missing colon or value): null, at the end of the key. */
  const nullValue = (f: Frame): void => {
    if (f.node.kind === 'map' && f.key) attach(f, scalar(null, f.key.end, f.key.end, f.node));
  };

  const close = (f: Frame, end: number, by?: Token): void => {
    f.node.end = end;
    if (by) f.closedBy = by;
    stack.pop();
  };

  /** Skips a value at `i` (scalar or bracketed, brackets counted); returns the index after it. */
  const skipValue = (i: number): number => {
    let depth = 0;
    for (; i < tokens.length - 1; i++) {
      const k = tokens[i].kind;
      if (k === K.OpenBrace || k === K.OpenBracket) depth++;
      else if (k === K.CloseBrace || k === K.CloseBracket) depth--;
      if (depth <= 0) return i + 1;
    }
    return i;
  };

  /** Reads a value starting at token `i` into frame `f` (or the root); returns the next index. */
  const value = (i: number, f: Frame | undefined): number => {
    const t = tokens[i];
    const parent = f ? f.node : null;
    const depth = f ? f.depth + 1 : 0;
    if (t.kind === K.OpenBrace || t.kind === K.OpenBracket) {
      if (depth > MAX_DEPTH) {
        if (!depthReported) {
          depthReported = true;
          issues.push({ code: 'nesting-too-deep', message: `Nesting deeper than ${MAX_DEPTH} levels is not analyzed.`, start: t.start, end: t.start + 1, severity: 'error' });
        }
        const next = skipValue(i);
        attach(f, scalar(null, t.start, t.start, parent));
        return next;
      }
      const node: MapNode | SeqNode = t.kind === K.OpenBrace ? { kind: 'map', pairs: [], flow: true, start: t.start, end: t.end, parent } : { kind: 'seq', items: [], flow: true, start: t.start, end: t.end, parent };
      attach(f, node);
      const frame: Frame = { node, state: node.kind === 'map' ? 'key' : 'value', afterComma: false, keys: new Map(), openIndent: t.indent, depth };
      frames.set(node, frame);
      stack.push(frame);
      return i + 1;
    }
    let v: ScalarNode['value'] = null;
    if (t.kind === K.String) v = t.value;
    else if (t.kind === K.True) v = true;
    else if (t.kind === K.False) v = false;
    else if (t.kind === K.Number) {
      v = Number(t.value);
      if (!Number.isFinite(v)) {
        err('InvalidNumberFormat', t);
        v = 0;
      }
    }
    attach(f, scalar(v, t.start, t.end, parent));
    return i + 1;
  };

  /**
   * Guided reading: a key (a string followed by a colon, first on its line) at column `col`.
   * 'close': the current object was left open; 'reopen': it belongs to an object a stray `}`
   * closed (that object's frame is returned); undefined: read it here.
   */
  const placeKey = (i: number, f: Frame): { action: 'close' } | { action: 'reopen'; chain: Frame[] } | undefined => {
    const t = tokens[i];
    if (!guided || !t.first || tokens[i + 1]?.kind !== K.Colon) return undefined;
    if (closeBudget > 0 && stack.length > 1 && f.node.kind === 'map' && t.col <= f.openIndent) {
      closeBudget--;
      return { action: 'close' };
    }
    if (reopenBudget > 0 && (f.node.kind === 'seq' || (f.memberCol !== undefined && t.col > f.memberCol))) {
      // Down the last values: an object closed early whose members sit at this column.
      const chain: Frame[] = [];
      let cur: Node | undefined = lastValue(f.node);
      while (cur && (cur.kind === 'map' || cur.kind === 'seq')) {
        const fr = frames.get(cur);
        if (!fr) break;
        chain.push(fr);
        if (cur.kind === 'map' && fr.memberCol === t.col) {
          reopenBudget--;
          return { action: 'reopen', chain };
        }
        cur = lastValue(cur);
      }
    }
    return undefined;
  };

  /** Pushes back objects a stray `}` closed (outermost first); the innermost then reads the next key. */
  const reopen = (chain: Frame[]): void => {
    const by = chain[0].closedBy;
    if (by) issues.push(issue('UnexpectedCloseBrace', by.start, by.end, text.length));
    for (const fr of chain) {
      fr.state = 'comma';
      fr.afterComma = false;
      stack.push(fr);
    }
    const last = chain[chain.length - 1];
    last.state = 'key';
    last.afterComma = true;
  };

  const noteMember = (f: Frame, t: Token) => {
    if (f.memberCol === undefined && t.first) f.memberCol = t.col;
  };

  let i = 0;
  // The root value.
  while (i < tokens.length && tokens[i].kind !== K.EOF && !isValueStart(tokens[i].kind)) {
    err('ValueExpected', tokens[i]);
    i++;
  }
  if (tokens[i].kind !== K.EOF) i = value(i, undefined);

  let prevEnd = tokens[Math.max(0, i - 1)]?.end ?? 0;
  while (i < tokens.length) {
    const t = tokens[i];
    const f = stack[stack.length - 1];
    if (t.kind === K.EOF) {
      // Everything still open closes at the end of the text.
      for (let s = stack.length - 1; s >= 0; s--) {
        const fr = stack[s];
        if (fr.node.kind === 'map') {
          if (fr.state === 'colon') err('ColonExpected', t);
          else if (fr.state === 'value') err('ValueExpected', t);
          nullValue(fr);
        } else if (fr.state === 'value' && fr.afterComma) err('ValueExpected', t);
        err(fr.node.kind === 'map' ? 'CloseBraceExpected' : 'CloseBracketExpected', t);
        fr.node.end = prevEnd;
      }
      stack.length = 0;
      break;
    }
    if (!f) {
      // Text after the root value: a comma and a key that belongs to an object closed early, or an error.
      if (reopenBudget > 0 && root && (root as Node).kind === 'map' && t.kind === K.Comma && tokens[i + 1]?.kind === K.String) {
        const rootFrame = frames.get(root)!;
        const k = tokens[i + 1];
        if (k.first && tokens[i + 2]?.kind === K.Colon) {
          const chain: Frame[] = [rootFrame];
          let cur: Node | undefined = rootFrame.memberCol === k.col ? undefined : lastValue(rootFrame.node);
          let found = rootFrame.memberCol === k.col;
          while (!found && cur && (cur.kind === 'map' || cur.kind === 'seq')) {
            const fr = frames.get(cur);
            if (!fr) break;
            chain.push(fr);
            if (cur.kind === 'map' && fr.memberCol === k.col) found = true;
            else cur = lastValue(cur);
          }
          if (found) {
            reopenBudget--;
            reopen(chain);
            i++;
            continue;
          }
        }
      }
      err('EndOfFileExpected', t);
      break;
    }
    prevEnd = t.end;
    if (f.node.kind === 'map') {
      switch (f.state) {
        case 'key':
        case 'comma': {
          if (t.kind === K.CloseBrace) {
            if (f.afterComma) {
              err('PropertyNameExpected', t);
              err('ValueExpected', t);
            }
            close(f, t.end, t);
            i++;
            continue;
          }
          if (t.kind === K.Comma) {
            if (f.state === 'key') err('ValueExpected', t);
            f.state = 'key';
            f.afterComma = true;
            i++;
            continue;
          }
          if (t.kind === K.String) {
            const place = placeKey(i, f);
            if (place?.action === 'close') {
              if (implicitAt !== i) err('CloseBraceExpected', t);
              implicitAt = i;
              nullValue(f);
              close(f, tokens[i - 1]?.end ?? t.start);
              continue;
            }
            if (place?.action === 'reopen') {
              f.state = 'comma';
              f.afterComma = false;
              reopen(place.chain);
              continue;
            }
            if (f.state === 'comma' && implicitAt !== i) err('CommaExpected', t);
            noteMember(f, t);
            f.key = scalar(t.value, t.start, t.end, f.node);
            f.state = 'colon';
            i++;
            continue;
          }
          // A `]` here closes an enclosing list only when it sits where that list's indentation puts it.
          if (t.kind === K.CloseBracket && stack.length > 1 && stack[stack.length - 2].node.kind === 'seq' && t.first && t.col <= f.openIndent) {
            err('CloseBraceExpected', t);
            close(f, tokens[i - 1]?.end ?? t.start);
            continue;
          }
          err(f.state === 'comma' ? 'CommaExpected' : 'PropertyNameExpected', t);
          i = isValueStart(t.kind) ? skipValue(i) : i + 1;
          continue;
        }
        case 'colon': {
          if (t.kind === K.Colon) {
            f.state = 'value';
            i++;
            continue;
          }
          err('ColonExpected', t);
          const sameLine = t.line === tokens[i - 1]?.line;
          if (isValueStart(t.kind) && (sameLine || t.kind !== K.String)) {
            // `"Key" {` or `"Key" "value"`: a missing colon.
            f.state = 'value';
            continue;
          }
          nullValue(f);
          if (t.kind === K.String) {
            // The next key, on its own line: this one had no colon and no value.
            f.state = 'key';
            implicitAt = i;
          }
          continue;
        }
        case 'value': {
          if (isValueStart(t.kind) && !(t.kind === K.String && t.first && tokens[i + 1]?.kind === K.Colon && t.line !== tokens[i - 1]?.line)) {
            i = value(i, f);
            continue;
          }
          err('ValueExpected', t);
          nullValue(f);
          if (t.kind === K.String) {
            f.state = 'key';
            implicitAt = i;
          } else if (t.kind !== K.CloseBrace && t.kind !== K.Comma && t.kind !== K.CloseBracket) i++;
          continue;
        }
      }
    } else {
      // Array.
      if (t.kind === K.CloseBracket) {
        if (f.afterComma) err('ValueExpected', t);
        close(f, t.end, t);
        i++;
        continue;
      }
      if (t.kind === K.Comma) {
        if (f.state === 'value') err('ValueExpected', t);
        f.state = 'value';
        f.afterComma = true;
        i++;
        continue;
      }
      // `"Key":` inside a list: it belongs to an object a stray `}` closed, or the list was left open.
      if (t.kind === K.String && tokens[i + 1]?.kind === K.Colon) {
        const place = placeKey(i, f);
        if (place?.action === 'reopen') {
          f.state = 'comma';
          f.afterComma = false;
          reopen(place.chain);
          continue;
        }
      }
      const closesParent = t.kind === K.CloseBrace && stack.length > 1 && stack[stack.length - 2].node.kind === 'map' && t.first && t.col <= f.openIndent;
      if ((t.kind === K.String && tokens[i + 1]?.kind === K.Colon && stack.length > 1) || closesParent) {
        err('CloseBracketExpected', t);
        close(f, tokens[i - 1]?.end ?? t.start);
        if (t.kind === K.String) implicitAt = i;
        continue;
      }
      if (isValueStart(t.kind)) {
        if (f.state === 'comma') err('CommaExpected', t);
        noteMember(f, t);
        i = value(i, f);
        continue;
      }
      err('ValueExpected', t);
      i++;
    }
  }
  if (root) fixPairEnds(root);
  return { root, issues };
}

function lastValue(n: MapNode | SeqNode): Node | undefined {
  return n.kind === 'map' ? n.pairs[n.pairs.length - 1]?.value : n.items[n.items.length - 1];
}

/** Pair ends follow their values (an object reopened after a stray `}` ends later than first read). */
function fixPairEnds(root: Node): void {
  const order: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    order.push(n);
    if (n.kind === 'map') for (const p of n.pairs) stack.push(p.value);
    else if (n.kind === 'seq') for (const x of n.items) stack.push(x);
  }
  for (let k = order.length - 1; k >= 0; k--) {
    const n = order[k];
    if (n.pair) n.pair.end = Math.max(n.pair.key.end, n.end);
  }
}

/** `mode`: read plainly, guided by indentation, or (default) plainly and, on errors, guided too, keeping the better reading. */
export function parseJson(text: string, mode: 'auto' | 'plain' | 'guided' = 'auto'): ParsedTree {
  const scanIssues: SyntaxIssue[] = [];
  let tokens: Token[];
  try {
    tokens = tokenize(text, scanIssues);
  } catch (e) {
    return { root: null, issues: [issue('READER', 0, Math.min(1, text.length), text.length), ...scanIssues].map((x) => (x.code === 'json-READER' ? { ...x, message: `The JSON reader failed: ${(e as Error).message}` } : x)) };
  }
  let pass = parsePass(text, tokens, scanIssues, mode === 'guided');
  let issues = unique(pass.issues);
  if (mode === 'auto' && issues.some((x) => x.severity === 'error')) {
    // Read again guided by indentation; keep that reading when it finds fewer problems, or as
    // many but without dropping the end of the text (an irregularly indented document
    // misleads it, and then it finds more).
    const guided = parsePass(text, tokens, scanIssues, true);
    const gi = unique(guided.issues);
    const dropsEnd = (l: SyntaxIssue[]) => l.some((x) => x.code === 'json-EndOfFileExpected');
    // A text cut short (being typed at its end) ends inside its structure; a complete one ends
    // with the root's closing bracket at the root's indentation, so a `}` missing or extra is
    // in the middle, where indentation can tell.
    const last = tokens[tokens.length - 2];
    const complete = !!last && (last.kind === K.CloseBrace || last.kind === K.CloseBracket) && last.first && last.col <= tokens[0].indent;
    let better: boolean;
    if (dropsEnd(gi) !== dropsEnd(issues)) better = dropsEnd(issues);
    else better = complete ? gi.length <= issues.length : gi.length < issues.length;
    if (better) {
      pass = guided;
      issues = gi;
    }
  }
  return { root: pass.root, issues };
}

/** One report per problem and place (an unclosed object per level at the end of the text, …), in text order. */
function unique(list: SyntaxIssue[]): SyntaxIssue[] {
  const seen = new Set<string>();
  return list
    .filter((x) => {
      const sig = `${x.code}@${x.start}`;
      if (seen.has(sig)) return false;
      seen.add(sig);
      return true;
    })
    .sort((a, b) => a.start - b.start);
}
