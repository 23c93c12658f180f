/**
 * The `.cfn-resilience.yaml` configuration (server/src/core/config.ts): what it accepts,
 * every mistake a located issue (never an exception), and nothing in it ever run or loaded.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseConfig } from '../../server/src/core/config';

const at = (text: string, i: { start: number; end: number }) => text.slice(i.start, i.end);

describe('configuration file', () => {
  it('reads switches, severities and options', () => {
    const c = parseConfig('rules:\n  rds-multi-az: off\n  ec2-no-auto-recovery: warning\n  lb-no-health-check:\n    severity: error\n');
    assert.deepStrictEqual(c.issues, []);
    assert.deepStrictEqual(c.engine.rules, { 'rds-multi-az': 'off', 'ec2-no-auto-recovery': 'warning', 'lb-no-health-check': 'error' });
  });

  it('an unknown rule, a bad severity, an unknown option or section: issues at the exact place', () => {
    const text = 'rules:\n  rds-mult-az: off\n  ec2-no-auto-recovery: loud\n  lb-no-health-check:\n    severity: high\n    frobnicate: 3\nplugins: [x]\n';
    const c = parseConfig(text);
    assert.deepStrictEqual(
      c.issues.map((i) => [at(text, i), i.message]).sort((a, b) => text.indexOf(a[0]) - text.indexOf(b[0])),
      [
        ['rds-mult-az', 'Unknown rule "rds-mult-az". Did you mean rds-multi-az?'],
        ['loud', '"ec2-no-auto-recovery" must be off, info, warning or error (got "loud").'],
        ['high', 'severity must be off, info, warning or error.'],
        ['frobnicate', 'Rule "lb-no-health-check" has no option "frobnicate" (it takes no options).'],
        ['plugins', 'Unknown configuration section "plugins" (known: rules, targets, ignorePaths).'],
      ].sort((a, b) => text.indexOf(a[0]) - text.indexOf(b[0])),
    );
    // The valid parts still apply.
    assert.deepStrictEqual(c.engine.rules, {});
  });

  it('broken YAML and other shapes are issues, not exceptions', () => {
    for (const text of ['rules: [a, b]\n', '- just\n- a list\n', 'rules:\n  a: [\n', '\t\trules: x\n', 'rules: &a\n  x: *a\n', '']) {
      const c = parseConfig(text);
      assert.ok(Array.isArray(c.issues));
    }
    assert.ok(parseConfig('rules: [a, b]\n').issues.some((i) => /"rules" must map/.test(i.message)));
    assert.ok(parseConfig('- just\n- a list\n').issues.some((i) => /must be a mapping/.test(i.message)));
  });

  it('never runs or loads code: tags are data, and the module imports no loader', () => {
    const text = 'rules:\n  rds-multi-az: !!js/function "function () { throw new Error(\\"ran\\") }"\n  ec2-no-auto-recovery: !include ./evil.js\n';
    const c = parseConfig(text);
    assert.ok(c.issues.length >= 2, JSON.stringify(c.issues));
    assert.deepStrictEqual(c.engine.rules, {});
    const src = fs.readFileSync(path.join(__dirname, '../../../server/src/core/config.ts'), 'utf8');
    assert.ok(!/\brequire\s*\(|\bimport\s*\(|\beval\s*\(|new Function|from ['"](fs|vm|child_process|module)['"]/.test(src), 'config.ts must not load or run anything');
  });
});
