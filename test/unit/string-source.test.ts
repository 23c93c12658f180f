/**
 * string-source.ts: the value of a string scalar with, for each character, where it was
 * read from. Checked on every YAML and JSON string style: each non-blank character of the
 * value maps to that same character in the template (or to the backslash of its escape).
 */
import * as assert from 'assert';
import { parseTemplate } from '../../server/src/core/parse/template';
import { get, isScalar, ScalarNode } from '../../server/src/core/parse/node';
import { asIntrinsic } from '../../server/src/core/parse/intrinsics';
import { blankSubVariables, mapRange, mapScalar, mapStringValue } from '../../server/src/core/parse/string-source';

function valueOf(text: string, format: 'yaml' | 'json' = 'yaml'): { node: ScalarNode; text: string } {
  const t = parseTemplate(text, { format });
  let n = get(t.root, 'V') ?? get(get(t.root, 'R'), 'V');
  const i = asIntrinsic(n);
  if (i) n = i.arg;
  assert.ok(isScalar(n), 'V must be a scalar');
  return { node: n, text };
}

function checkMapped(text: string, format: 'yaml' | 'json' = 'yaml'): void {
  const { node } = valueOf(text, format);
  const m = mapScalar(text, node);
  assert.ok(m, `no map for ${JSON.stringify(text)}`);
  assert.strictEqual(m!.text, node.value);
  for (let i = 0; i < m!.text.length; i++) {
    const c = m!.text[i];
    if (/\s/.test(c)) continue;
    const src = text[m!.offsets[i]];
    assert.ok(src === c || src === '\\', `char ${i} ${JSON.stringify(c)} maps to ${JSON.stringify(src)} in ${JSON.stringify(text)}`);
  }
  for (let i = 1; i < m!.offsets.length; i++) assert.ok(m!.offsets[i] >= m!.offsets[i - 1], 'offsets never go back');
}

describe('string-source: scalar values mapped to the template text', () => {
  const cases: [string, string, ('yaml' | 'json')?][] = [
    ['literal block', 'V: |\n  {\n    "a": 1,\n\n    "b": "x"\n  }\n'],
    ['literal block, strip', 'V: |-\n    line one\n    line two\n\nX: 1\n'],
    ['literal block, keep, CRLF', 'V: |+\r\n  a\r\n  b\r\n\r\nX: 1\r\n'],
    ['literal block with more-indented lines', 'V: |\n  a\n    b\n  c\n'],
    ['literal block under a tag', 'V: !Sub |\n  {"Resource": "${Fn.Arn}"}\n'],
    ['literal block with an indentation indicator', 'R:\n  V: |2\n        {"a": 1}\n       x\n'],
    ['folded block', 'V: >\n  one\n  two\n\n  three\n    indented\n  four\n'],
    ['folded block, strip', 'V: >-\n  a b\n  c\n'],
    ['double-quoted with escapes', 'V: "{\\"a\\": \\"b\\\\c\\", \\"t\\": \\"\\t\\u00e9\\"}"\n'],
    ['double-quoted on several lines', 'V: "one\n  two\n\n  three"\n'],
    ['double-quoted with an escaped line break', 'V: "one\\\n  two"\n'],
    ['single-quoted on several lines', "V: 'it''s\n  folded'\n"],
    ['plain on several lines', 'V: plain\n  text\n  here\n'],
    ['JSON string with escapes', '{"V": "{\\"StartAt\\": \\"A\\", \\"n\\": \\"\\u0041\\n\\"}"}', 'json'],
  ];
  for (const [name, text, format] of cases) it(name, () => checkMapped(text, format));

  it('maps a range back to the template', () => {
    const text = 'V: |\n  {"StartAt": "Go"}\n';
    const { node } = valueOf(text);
    const m = mapScalar(text, node)!;
    const at = m.text.indexOf('Go');
    const r = mapRange(m, at, at + 2)!;
    assert.strictEqual(text.slice(r.start, r.end), 'Go');
    assert.strictEqual(mapRange(m, 5, 5), undefined);
  });

  it('gives no map rather than a wrong one (explicit indentation indicator is checked)', () => {
    const text = 'V: |2\n    a\n   b\n';
    const { node } = valueOf(text);
    const m = mapScalar(text, node);
    if (m) assert.strictEqual(m.text, node.value);
  });

  it('joins Fn::Join pieces, computed pieces as ${Name} inside strings and 0 outside', () => {
    const text = 'V: !Join\n  - ""\n  - - "{\\"R\\": \\""\n    - !GetAtt Fn.Arn\n    - "\\", \\"N\\": "\n    - !Ref Count\n    - "}"\n';
    const t = parseTemplate(text, { format: 'yaml' });
    const m = mapStringValue(text, get(t.root, 'V'))!;
    assert.strictEqual(m.text, '{"R": "${Fn.Arn}", "N": 0}');
    assert.ok(m.computed);
    assert.strictEqual(JSON.parse(m.text).N, 0);
  });

  it('blanks Sub variables outside JSON strings, keeping the length', () => {
    const s = '{"a": "${X}", "b": ${Y}}';
    const b = blankSubVariables(s);
    assert.strictEqual(b.length, s.length);
    assert.deepStrictEqual(JSON.parse(b), { a: '${X}', b: 0 });
  });

  it('never throws on odd input', () => {
    for (const text of ['V: "\\', 'V: |\n', 'V: >\n\n\n', "V: ''", 'V: "\\x4"', 'V: "\\U0011FFFF"']) {
      const t = parseTemplate(text, { format: 'yaml' });
      const n = get(t.root, 'V');
      if (isScalar(n)) mapScalar(text, n);
    }
  });
});
