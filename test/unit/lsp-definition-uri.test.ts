/**
 * The language server's analysis reads a SAM `DefinitionUri` next to a template on disk,
 * preferring the text of the file when it is open in the editor (unsaved edits).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from '../../server/src/lsp/analysis-cache';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';

const TASK = (extra: string) => `{"StartAt": "Go", "States": {"Go": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage"${extra}, "End": true}}}`;
const TEMPLATE = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Machine:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: flow.asl.json\n';

describe('language server: state machine definitions in local files', () => {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scaling-lsp-asl-'));
    fs.writeFileSync(path.join(dir, 'flow.asl.json'), TASK(''));
    fs.writeFileSync(path.join(dir, 'template.yaml'), TEMPLATE);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the file from disk, and an open editor over the disk', () => {
    const docs = new Map<string, TextDocument>();
    const templateUri = pathToFileURL(path.join(dir, 'template.yaml')).href;
    const aslUri = pathToFileURL(path.join(dir, 'flow.asl.json')).href;
    docs.set(templateUri, TextDocument.create(templateUri, 'yaml', 1, TEMPLATE));
    const cache = new AnalysisCache({ document: (u) => docs.get(u), settings: () => ({ ...DEFAULT_SETTINGS }), onRuleError: (_u, id, e) => assert.fail(`${id}: ${e}`) });
    const rule = (v: number) => {
      docs.set(templateUri, TextDocument.create(templateUri, 'yaml', v, TEMPLATE));
      return cache.get(templateUri)!.findings.filter((f) => f.rule === 'stepfunctions-task-no-retry');
    };
    const onDisk = rule(1);
    assert.strictEqual(onDisk.length, 1);
    assert.match(onDisk[0].message, /Task state "Go" of state machine Machine \(in flow\.asl\.json\)/);
    // The definition open with a Retry (unsaved): the template's next analysis reads that.
    docs.set(aslUri, TextDocument.create(aslUri, 'json', 1, TASK(', "Retry": [{"ErrorEquals": ["States.ALL"]}]')));
    assert.deepStrictEqual(rule(2), []);
  });

  it('does not read files for documents that are not on disk', () => {
    const uri = 'untitled:Untitled-1';
    const doc = TextDocument.create(uri, 'yaml', 1, TEMPLATE);
    const cache = new AnalysisCache({ document: (u) => (u === uri ? doc : undefined), settings: () => ({ ...DEFAULT_SETTINGS }), onRuleError: () => undefined });
    assert.deepStrictEqual(cache.get(uri)!.findings.filter((f) => f.rule === 'stepfunctions-task-no-retry'), []);
  });
});
