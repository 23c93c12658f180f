/**
 * The JSON reader (server/src/core/parse/json.ts): nesting of any depth without losing the
 * model, and recovery that keeps a half-typed template's model for what parsed.
 */
import * as assert from 'assert';
import { parseTemplate } from '../../server/src/core/parse/template';
import { parseJson } from '../../server/src/core/parse/json';
import { analyze } from '../../server/src/core/analyze';

const parse = (text: string) => parseTemplate(text, { format: 'json' });
const codes = (text: string) => parse(text).issues.map((i) => i.code);
const types = (text: string) => Object.fromEntries([...parse(text).resources.values()].map((r) => [r.id, r.type]));
const lines = (...l: string[]) => l.join('\n') + '\n';

describe('JSON reader: deep nesting', () => {
  for (const depth of [5_000, 50_000]) {
    it(`${depth} nested lists inside one resource: reported once, the rest of the template kept`, () => {
      const deep = '['.repeat(depth) + ']'.repeat(depth);
      const text = `{"Resources": {"A": {"Type": "AWS::SQS::Queue", "Metadata": {"x": ${deep}}}, "B": {"Type": "AWS::SNS::Topic"}}, "Outputs": {"O": {"Value": {"Ref": "B"}}}}`;
      const t = parse(text);
      assert.deepStrictEqual(types(text), { A: 'AWS::SQS::Queue', B: 'AWS::SNS::Topic' });
      assert.deepStrictEqual(t.issues.map((i) => i.code), ['nesting-too-deep']);
      assert.ok(t.outputs.has('O'));
      // The whole pipeline copes too.
      const a = analyze(text, { format: 'json' });
      assert.ok(a.findings.some((f) => f.rule === 'syntax-error' && /Nesting deeper/.test(f.message)));
    });
  }

  it('deep nesting left open at the end of the text', () => {
    const text = `{"Resources": {"B": {"Type": "AWS::SNS::Topic"}}, "X": ${'{"a": '.repeat(20_000)}`;
    assert.deepStrictEqual(types(text), { B: 'AWS::SNS::Topic' });
    assert.ok(codes(text).includes('nesting-too-deep'));
  });
});

describe('JSON reader: a half-typed template keeps what parsed', () => {
  const A = '    "A": {"Type": "AWS::SQS::Queue"}';
  const B = '    "B": {"Type": "AWS::SNS::Topic"}';
  const cases: [string, string, Record<string, string | undefined>, string[]][] = [
    ['a missing value', lines('{', '  "Resources": {', '    "A": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": }},', B, '  }', '}'), { A: 'AWS::SQS::Queue', B: 'AWS::SNS::Topic' }, ['json-ValueExpected']],
    ['a missing colon', lines('{', '  "Resources": {', '    "A": {"Type" "AWS::SQS::Queue"},', B, '  }', '}'), { A: 'AWS::SQS::Queue', B: 'AWS::SNS::Topic' }, ['json-ColonExpected']],
    ['a key being typed (no closing quote, no colon)', lines('{', '  "Resources": {', `${A},`, '    "Bu', B, '  }', '}'), { A: 'AWS::SQS::Queue', Bu: undefined, B: 'AWS::SNS::Topic' }, ['json-UnexpectedEndOfString', 'json-ColonExpected']],
    ['a value left open before the next member', lines('{', '  "Resources": {', '    "A": {"Type": "AWS::SQS::Queue, "Properties": {}},', B, '  }', '}'), { A: 'AWS::SQS::Queue, ', B: 'AWS::SNS::Topic' }, ['json-InvalidSymbol', 'json-InvalidSymbol', 'json-CommaExpected', 'json-CommaExpected']],
    ['a name missing its opening quote', lines('{', '  "Resources": {', '    "A": {', '      "Type": "AWS::SQS::Queue",', '      "Properties": {', '        QueueName": {"Fn::Sub": "${AWS::StackName}-q"}', '      }', '    },', B, '  }', '}'), { A: 'AWS::SQS::Queue', B: 'AWS::SNS::Topic' }, ['json-InvalidSymbol', 'json-InvalidSymbol', 'json-PropertyNameExpected', 'json-PropertyNameExpected']],
    ['a name missing its closing quote', lines('{', '  "Resources": {', '    "A": {', '      "Type": "AWS::SQS::Queue",', '      "DependsOn: ["B"]', '    },', B, '  }', '}'), { A: 'AWS::SQS::Queue', B: 'AWS::SNS::Topic' }, ['json-UnexpectedEndOfString']],
    [
      'a } left out in the middle: indentation closes the object',
      lines('{', '  "Resources": {', '    "A": {', '      "Type": "AWS::SQS::Queue",', '      "Properties": {', '        "DelaySeconds": 5', '    },', B, '  }', '}'),
      { A: 'AWS::SQS::Queue', B: 'AWS::SNS::Topic' },
      ['json-CloseBraceExpected'],
    ],
    ['a } too many: indentation reopens the object', lines('{', '  "Resources": {', `${A}},`, B, '  }', '}'), { A: 'AWS::SQS::Queue', B: 'AWS::SNS::Topic' }, ['json-UnexpectedCloseBrace']],
    ['a [ left out in a list of a resource', lines('{', '  "Resources": {', '    "A": {', '      "Type": "AWS::SQS::Queue",', '      "Properties": {"Tags": {"Key": "k", "Value": "v"}]}', '    },', B, '  }', '}'), { A: 'AWS::SQS::Queue', B: 'AWS::SNS::Topic' }, ['json-CommaExpected']],
    ['cut short', '{\n  "Resources": {\n' + `${A},\n` + '    "B": {"Type": "AWS::SNS::To', { A: 'AWS::SQS::Queue', B: 'AWS::SNS::To' }, ['json-UnexpectedEndOfString', 'json-CloseBraceExpected']],
  ];
  for (const [name, text, expected, expectedCodes] of cases) {
    it(name, () => {
      assert.deepStrictEqual(types(text), expected);
      assert.deepStrictEqual(codes(text), expectedCodes);
      const t = parse(text);
      assert.deepStrictEqual([...t.sections.keys()], ['Resources'], 'nothing else pretends to be a section');
    });
  }

  it('valid JSON with irregular indentation is read exactly, without guesses', () => {
    const text = lines('{', '"Resources": {', '        "A": {', '  "Type": "AWS::SQS::Queue"', '},', '"B": {"Type": "AWS::SNS::Topic"}', '}', '}');
    assert.deepStrictEqual(parseJson(text, 'auto'), parseJson(text, 'plain'));
    assert.deepStrictEqual(codes(text), []);
    assert.deepStrictEqual(types(text), { A: 'AWS::SQS::Queue', B: 'AWS::SNS::Topic' });
  });

  it('an irregularly indented template with an error keeps the plain reading where indentation would mislead', () => {
    // AWS samples indent members like their parents; a guess by indentation would close objects early.
    const text = lines('{', '  "Parameters": {', '      "P": {', '      "Type": "String",', '      "Default": "x"', '    }', '  },', '  "Resources": {', '    "A": {"Type": "AWS::SQS::Queue",}', '  }', '}');
    const t = parse(text);
    assert.strictEqual(t.parameters.get('P')?.type, 'String');
    assert.deepStrictEqual(types(text), { A: 'AWS::SQS::Queue' });
  });

  it('ranges of what parsed stay exact', () => {
    const text = lines('{', '  "Resources": {', '    "A": {"Type": "AWS::SQS::Queue"}},', '    "B": {"Type": "AWS::SNS::Topic"}', '  }', '}');
    const t = parse(text);
    const b = t.resources.get('B')!;
    assert.strictEqual(text.slice(b.key.start, b.key.end), '"B"');
    assert.strictEqual(text.slice(b.typeNode!.start, b.typeNode!.end), '"AWS::SNS::Topic"');
    const res = t.sections.get('Resources')!;
    assert.ok(res.value.end >= b.pair.end, 'the reopened Resources map spans B');
    assert.ok(res.end >= res.value.end);
  });
});
