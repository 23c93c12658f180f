/**
 * The CLI reads a SAM `DefinitionUri` next to the template (through host/local-files.ts)
 * and nothing outside the template's folder. Runs the bundled CLI: `npm run build` first.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const BIN = path.resolve(__dirname, '../../../bin/cfn-resilience.js');
const ASL = '{"StartAt": "Go", "States": {"Go": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}';
const template = (uri: string) => `AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Machine:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: ${uri}\n`;

describe('CLI: state machine definitions in local files', function () {
  this.timeout(30000);
  let work = '';
  before(function () {
    if (!fs.existsSync(path.resolve(__dirname, '../../../dist/cli.js'))) this.skip();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'scaling-cli-asl-'));
    fs.mkdirSync(path.join(work, 'app/statemachine'), { recursive: true });
    fs.writeFileSync(path.join(work, 'app/statemachine/flow.asl.json'), ASL);
    fs.writeFileSync(path.join(work, 'outside.asl.json'), ASL);
    fs.writeFileSync(path.join(work, 'app/inside.yaml'), template('statemachine/flow.asl.json'));
    fs.writeFileSync(path.join(work, 'app/escape.yaml'), template('../outside.asl.json'));
  });
  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  const check = (file: string) => {
    const r = spawnSync(process.execPath, [BIN, 'check', '--format', 'json', '--fail-on', 'none', file], { cwd: work, encoding: 'utf8', timeout: 20000 });
    assert.strictEqual(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { files: { findings: { rule: string; message: string; line: number }[] }[] };
    return out.files[0].findings.filter((f) => f.rule === 'stepfunctions-task-no-retry');
  };

  it('reports a task of the definition file, on the DefinitionUri line', () => {
    const f = check('app/inside.yaml');
    assert.strictEqual(f.length, 1);
    assert.match(f[0].message, /Lambda task state "Go" of state machine Machine \(in statemachine\/flow\.asl\.json\)/);
    assert.strictEqual(f[0].line, 7);
  });

  it('does not read a file outside the template folder', () => {
    assert.deepStrictEqual(check('app/escape.yaml'), []);
  });
});
