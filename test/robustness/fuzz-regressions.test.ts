/**
 * Bugs the fuzzer (fuzz.test.ts) found, each reduced to its smallest input: fixed in the
 * core, kept here so that they stay fixed.
 */
import * as assert from 'assert';
import { analyze } from '../../server/src/core/analyze';

const HEAD = 'AWSTemplateFormatVersion: "2010-09-09"\n';

describe('fuzz regressions', () => {
  it('`Type:` with an unknown tag and no value at the very end of the text: the finding marks the key, inside the text', () => {
    // Seed 99, case 8951: `Type: !Base6` (a truncated `!Base64`) as the last characters; the
    // empty value was widened to one character, past the end of the document.
    for (const text of [`${HEAD}Resources:\n  L:\n    Type: !Base6`, `${HEAD}Resources:\n  L:\n    Type: !Base6\n`, `${HEAD}Resources:\n  L:\n    Type:`]) {
      const a = analyze(text, { fileName: 't.yaml' });
      const f = a.findings.filter((x) => x.rule === 'schema-unknown-resource-type');
      assert.strictEqual(f.length, 1, JSON.stringify(text));
      assert.ok(f[0].end <= text.length, `[${f[0].start}, ${f[0].end}) in ${text.length} characters`);
      assert.strictEqual(text.slice(f[0].start, f[0].end), 'Type');
    }
  });
});
