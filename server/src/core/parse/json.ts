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

export function parseJson(text: string): ParsedTree {
  const issues: SyntaxIssue[] = [];
  const errors: J.ParseError[] = [];
  let tree: J.Node | undefined;
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
