/**
 * JSON text -> format-neutral tree (node.ts). Uses jsonc-parser's fault-tolerant
 * scanner, so a half-typed document still yields everything that parsed. Comments and
 * trailing commas are reported (CloudFormation rejects them); duplicate keys too.
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
};

/**
 * The text with every object or array nested deeper than the tree keeps replaced by `0` and
 * spaces (line breaks kept: every offset stays true). jsonc-parser reads recursively: some
 * thousands of levels overflow its stack and lose the whole document, where the YAML reader
 * stops at its limit and keeps the rest. Returns the text itself when nothing is that deep.
 */
export function cutDeepJson(text: string, maxDepth: number): string {
  let depth = 0;
  let chunks: string[] | undefined;
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i = stringEnd(text, i);
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > maxDepth) {
        const end = groupEnd(text, i);
        chunks ??= [];
        chunks.push(text.slice(copied, i), '0', text.slice(i + 1, end).replace(/[^\r\n]/g, ' '));
        copied = end;
        i = end - 1;
        depth--;
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (depth > 0) depth--;
    }
  }
  if (!chunks) return text;
  chunks.push(text.slice(copied));
  return chunks.join('');
}

/** Index of the closing quote of the string opening at `open` (or the last index of the text). */
function stringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* backslash */) i++;
    else if (c === 34 || c === 10 || c === 13) return i; // a line break ends an unterminated string, as for the scanner
  }
  return text.length - 1;
}

/** End (exclusive) of the object or array opening at `open`: after its closing bracket, or the text's end. */
function groupEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) i = stringEnd(text, i);
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      if (--depth === 0) return i + 1;
    }
  }
  return text.length;
}

export function parseJson(original: string): ParsedTree {
  const issues: SyntaxIssue[] = [];
  const errors: J.ParseError[] = [];
  let tree: J.Node | undefined;
  // Nodes deeper than MAX_DEPTH are cut by `convert` below (reported there); deeper text is
  // blanked before reading so that the reader's recursion stays shallow.
  const text = cutDeepJson(original, MAX_DEPTH + 3);
  try {
    tree = J.parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  } catch (e) {
    issues.push({ code: 'json-READER', message: `The JSON reader failed: ${(e as Error).message}`, start: 0, end: Math.min(1, text.length), severity: 'error' });
    return { root: null, issues };
  }
  const seen = new Set<string>();
  for (const e of errors) {
    const name = J.printParseErrorCode(e.error);
    // The scanner repeats an error at one offset (e.g. one "} expected" per open object at EOF): report it once.
    const sig = `${e.error}@${e.offset}`;
    if (seen.has(sig)) continue;
    seen.add(sig);
    let start = e.offset;
    let end = e.offset + Math.max(e.length, 1);
    if (name === 'UnexpectedEndOfString') {
      // jsonc reports at the opening quote with the whole rest as length: keep it to the line.
      const nl = text.indexOf('\n', start);
      end = nl < 0 ? text.length : nl;
    }
    issues.push({ code: `json-${name}`, message: MESSAGES[name] ?? name, start, end: Math.min(end, text.length), severity: 'error' });
  }
  let depthReported = false;

  const scalar = (value: ScalarNode['value'], start: number, end: number, parent: MapNode | SeqNode | null): ScalarNode => ({
    kind: 'scalar',
    value,
    start,
    end,
    style: 'json',
    parent,
  });

  const convert = (n: J.Node, parent: MapNode | SeqNode | null, depth: number): Node => {
    const start = n.offset;
    const end = n.offset + n.length;
    if (depth > MAX_DEPTH) {
      if (!depthReported) {
        depthReported = true;
        issues.push({ code: 'nesting-too-deep', message: `Nesting deeper than ${MAX_DEPTH} levels is not analyzed.`, start, end: start + 1, severity: 'error' });
      }
      return scalar(null, start, start, parent);
    }
    switch (n.type) {
      case 'object': {
        const map: MapNode = { kind: 'map', pairs: [], flow: true, start, end, parent };
        const seen = new Map<string, ScalarNode>();
        for (const prop of n.children ?? []) {
          const [k, v] = prop.children ?? [];
          if (!k) continue;
          const keyText = typeof k.value === 'string' ? k.value : String(k.value ?? '');
          const key = scalar(keyText, k.offset, k.offset + k.length, map);
          const value: Node = v ? convert(v, map, depth + 1) : scalar(null, key.end, key.end, map);
          const pair: Pair = { key, value, start: key.start, end: Math.max(key.end, value.end), parent: map };
          value.pair = pair;
          map.pairs.push(pair);
          if (seen.has(keyText)) {
            issues.push({ code: 'duplicate-key', message: `Duplicate key "${keyText}": only the last value is used.`, start: key.start, end: key.end, severity: 'error' });
          }
          seen.set(keyText, key);
        }
        return map;
      }
      case 'array': {
        const seq: SeqNode = { kind: 'seq', items: [], flow: true, start, end, parent };
        for (const c of n.children ?? []) seq.items.push(convert(c, seq, depth + 1));
        return seq;
      }
      case 'string':
      case 'number':
      case 'boolean':
      case 'null':
        return scalar(n.value as ScalarNode['value'], start, end, parent);
      default:
        return scalar(null, start, end, parent);
    }
  };

  return { root: tree ? convert(tree, null, 0) : null, issues };
}
