/**
 * End-to-end test of the language server over stdio: spawns `node dist/server.js --stdio`
 * (run `npm run build` first) and speaks JSON-RPC to it like an editor would.
 */
import * as assert from 'assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import type {
  ClientCapabilities,
  CodeAction,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  Range,
  TextDocumentEdit,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { StatusParams } from '../../server/src/lsp/protocol';
import { wants } from '../../server/src/lsp/code-actions';
import { selectFixAll } from '../../server/src/core/fix/fix-all';
import type { Finding } from '../../server/src/core/types';
import { LspClient, SERVER, applyEdits, sleep } from './lsp-harness';

const RULE = 'reference-unknown-target';

/** What VS Code announces, for what this file tests: configuration pull, versioned edits, rich diagnostics. */
const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true }, didChangeConfiguration: { dynamicRegistration: true } },
  textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true } },
};

class Harness extends LspClient {
  readonly statuses: StatusParams[] = [];
  readonly logs: string[] = [];
  /** Answers to workspace/configuration, by scopeUri ('*' for any). */
  readonly config = new Map<string, unknown>();
  configRequests = 0;

  constructor() {
    super((i) => {
      this.configRequests++;
      return this.config.get(i.scopeUri ?? '') ?? this.config.get('*') ?? null;
    });
    this.conn.onNotification('cfnResilience/status', (p: StatusParams) => this.statuses.push(p));
    this.conn.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
  }

  change(uri: string, version: number, changes: ({ range: Range; text: string } | { text: string })[]): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  /** The first publish for `uri` (from index `from` on) matching `pred`. */
  diagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, from = 0, timeout = 5000): Promise<PublishDiagnosticsParams> {
    return this.waitFor(
      () => this.published.slice(from).find((p) => p.uri === uri && pred(p)),
      () => `no matching publishDiagnostics for ${uri}; got ${JSON.stringify(this.published.filter((p) => p.uri === uri))}\n${this.stderr}`,
      timeout,
    );
  }

  status(uri: string, pred: (p: StatusParams) => boolean, timeout = 5000): Promise<StatusParams> {
    return this.waitFor(() => this.statuses.find((p) => p.uri === uri && pred(p)), () => `no matching status for ${uri}: ${JSON.stringify(this.statuses)}`, timeout);
  }
}

function editsOf(action: CodeAction, uri: string): TextEdit[] {
  const dc = action.edit?.documentChanges as TextDocumentEdit[] | undefined;
  if (dc) return dc.filter((d) => d.textDocument.uri === uri).flatMap((d) => d.edits as TextEdit[]);
  return action.edit?.changes?.[uri] ?? [];
}

const BROKEN = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Bucket:
    Type: AWS::CloudFormation::WaitConditionHandle
  Consumer:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Ref Buckt
`;
/** Where `Buckt` is in BROKEN. */
const BROKEN_RANGE: Range = { start: { line: 7, character: 22 }, end: { line: 7, character: 27 } };

describe('language server (stdio harness)', function () {
  this.timeout(20000);
  let h: Harness;
  let init: InitializeResult;
  let n = 0;
  const uri = (name = 'template') => `file:///work/t${++n}/${name}.yaml`;

  before(async function () {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first`);
    h = new Harness();
    init = await h.initialize(CAPABILITIES);
  });

  after(async () => {
    await h?.shutdown();
  });

  it('announces incremental sync and code actions', () => {
    const caps = init.capabilities;
    assert.deepStrictEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.deepStrictEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.cfn-resilience'], resolveProvider: false }, 'a client that cannot resolve edits gets them in the action');
    assert.strictEqual(init.serverInfo?.name, 'cfn-resilience');
  });

  it('publishes a broken !Ref with its exact range, code and recorded fixes, then clears it after an incremental fix', async () => {
    const u = uri();
    assert.strictEqual(BROKEN.split('\n')[7].slice(22, 27), 'Buckt');
    await h.open(u, BROKEN);
    const first = await h.diagnostics(u);
    assert.strictEqual(first.version, 1);
    assert.strictEqual(first.diagnostics.length, 1);
    const d = first.diagnostics[0];
    assert.deepStrictEqual(d.range, BROKEN_RANGE);
    assert.strictEqual(d.code, RULE);
    assert.strictEqual(d.source, 'cfn-resilience');
    assert.strictEqual(d.severity, 1);
    assert.match(d.codeDescription!.href, /reference-unknown-target\.md$/);
    assert.match(d.message, /Buckt.*Did you mean Bucket\?/);
    const data = d.data as { version: number; rule: string; resource: string; fixes: { title: string; edits: TextEdit[] }[] };
    assert.strictEqual(data.version, 1);
    assert.strictEqual(data.rule, RULE);
    assert.strictEqual(data.resource, 'Consumer');
    assert.deepStrictEqual(data.fixes[0].edits, [{ range: BROKEN_RANGE, newText: 'Bucket' }]);

    const status = await h.status(u, (s) => s.version === 1 && s.state !== 'analyzing');
    assert.deepStrictEqual({ ...status, ms: 0 }, { uri: u, version: 1, state: 'findings', errors: 1, warnings: 0, infos: 0, ms: 0 });

    const mark = h.published.length;
    await h.change(u, 2, [{ range: BROKEN_RANGE, text: 'Bucket' }]);
    const second = await h.diagnostics(u, () => true, mark);
    assert.deepStrictEqual(second, { uri: u, version: 2, diagnostics: [] });
    assert.strictEqual((await h.status(u, (s) => s.version === 2)).state, 'ok');
    await h.close(u);
  });

  it('publishes an empty list for YAML that is not a template, and nothing more', async () => {
    const u = uri('docker-compose');
    await h.open(u, 'services:\n  web:\n    image: nginx\n');
    const p = await h.diagnostics(u);
    assert.deepStrictEqual(p, { uri: u, version: 1, diagnostics: [] });
    assert.strictEqual((await h.status(u, () => true)).state, 'not-a-template');
    const mark = h.published.length;
    await h.change(u, 2, [{ range: { start: { line: 2, character: 11 }, end: { line: 2, character: 16 } }, text: 'httpd' }]);
    await h.status(u, (s) => s.version === 2);
    await sleep(50);
    assert.deepStrictEqual(h.published.slice(mark).filter((x) => x.uri === u), [], 'no repeated empty lists');
    await h.close(u);
  });

  it('offers the recorded fix and two ignore actions; applying an ignore removes the finding', async () => {
    const u = uri();
    await h.open(u, BROKEN);
    const diag = (await h.diagnostics(u)).diagnostics[0];
    const actions = await h.codeActions(u, diag.range, [diag]);
    assert.deepStrictEqual(
      actions.map((a) => [a.title, a.kind, !!a.isPreferred]),
      [
        ['Change to Bucket', 'quickfix', true],
        [`Ignore ${RULE} for Consumer`, 'quickfix', false],
        [`Ignore ${RULE} in this template`, 'quickfix', false],
      ],
    );
    for (const a of actions) assert.deepStrictEqual(a.diagnostics, [diag]);
    const change = actions[0];
    assert.deepStrictEqual(change.edit?.documentChanges, [{ textDocument: { uri: u, version: 1 }, edits: [{ range: BROKEN_RANGE, newText: 'Bucket' }] }]);

    for (const action of actions.slice(1)) {
      const fixed = applyEdits(BROKEN, editsOf(action, u));
      assert.match(fixed, /cfn-resilience:\n\s+ignore:\n\s+- reference-unknown-target\n/);
      const u2 = uri();
      await h.open(u2, fixed);
      assert.deepStrictEqual(await h.diagnostics(u2), { uri: u2, version: 1, diagnostics: [] }, fixed);
      await h.close(u2);
    }
    await h.close(u);
  });

  it('offers nothing for a diagnostic recorded for another version', async () => {
    const u = uri();
    await h.open(u, BROKEN);
    const diag = (await h.diagnostics(u)).diagnostics[0];
    const mark = h.published.length;
    await h.change(u, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# c\n' }]);
    await h.diagnostics(u, (p) => p.version === 2, mark);
    assert.deepStrictEqual(await h.codeActions(u, diag.range, [diag]), []);
    await h.close(u);
  });

  it('publishes only the last version of a burst of changes', async () => {
    const u = uri();
    await h.open(u, BROKEN);
    await h.diagnostics(u);
    const mark = h.published.length;
    const line = 7;
    let end = 27;
    for (let v = 2; v <= 11; v++) {
      const name = `Bx${v}`;
      await h.change(u, v, [{ range: { start: { line, character: 22 }, end: { line, character: end } }, text: name }]);
      end = 22 + name.length;
    }
    const last = await h.diagnostics(u, (p) => p.version === 11, mark);
    await sleep(250);
    const after = h.published.slice(mark).filter((p) => p.uri === u);
    assert.deepStrictEqual(after.map((p) => p.version), [11]);
    assert.strictEqual(last.diagnostics.length, 1);
    assert.deepStrictEqual(last.diagnostics[0].range, { start: { line, character: 22 }, end: { line, character: 26 } });
    assert.match(last.diagnostics[0].message, /"Bx11"/);
    await h.close(u);
  });

  it('clears the diagnostics of a closed document', async () => {
    const u = uri();
    await h.open(u, BROKEN);
    await h.diagnostics(u, (p) => p.diagnostics.length === 1);
    const mark = h.published.length;
    await h.close(u);
    const p = await h.diagnostics(u, () => true, mark);
    assert.deepStrictEqual(p.diagnostics, []);
  });

  it('stays silent when workspace/configuration says enable: false', async () => {
    const u = uri();
    h.config.set(u, { enable: false });
    await h.open(u, BROKEN);
    assert.deepStrictEqual(await h.diagnostics(u), { uri: u, version: 1, diagnostics: [] });
    assert.strictEqual((await h.status(u, () => true)).state, 'disabled');
    // Turning it on again (didChangeConfiguration) re-validates the open document.
    h.config.delete(u);
    const mark = h.published.length;
    await h.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const p = await h.diagnostics(u, () => true, mark);
    assert.deepStrictEqual(p.diagnostics.map((d) => d.code), [RULE]);
    await h.close(u);
  });

  it('applies rule overrides from the settings', async () => {
    const u = uri();
    h.config.set(u, { rules: { [RULE]: 'warning' } });
    await h.open(u, BROKEN);
    assert.deepStrictEqual((await h.diagnostics(u)).diagnostics.map((d) => d.severity), [2]);
    const v = uri();
    h.config.set(v, { rules: { [RULE]: 'off' } });
    await h.open(v, BROKEN);
    assert.deepStrictEqual((await h.diagnostics(v)).diagnostics, []);
    await h.close(u);
    await h.close(v);
  });

  it('reports a file larger than maxFileSize at 0:0 instead of analyzing it', async () => {
    const u = uri();
    h.config.set(u, { maxFileSize: 50 });
    await h.open(u, BROKEN);
    const p = await h.diagnostics(u);
    assert.strictEqual(p.diagnostics.length, 1);
    assert.deepStrictEqual(p.diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.strictEqual(p.diagnostics[0].code, 'file-too-large');
    assert.match(p.diagnostics[0].message, /Not analyzed: .*more than the cfnResilience\.maxFileSize setting \(50\)/);
    await h.close(u);
  });

  it('counts characters in UTF-16 code units', async () => {
    const u = uri();
    const text = BROKEN.replace('TopicName: !Ref Buckt', 'TopicName: !Sub "😀 ${Buckt}"');
    const line = text.split('\n')[7];
    await h.open(u, text);
    const d = (await h.diagnostics(u)).diagnostics[0];
    // 6 spaces + 'TopicName: !Sub "' (17) + emoji (2 UTF-16 units) + ' ${' (3) = 28; in code points it would be 27.
    assert.strictEqual(line.indexOf('Buckt'), 28);
    assert.deepStrictEqual(d.range, { start: { line: 7, character: 28 }, end: { line: 7, character: 33 } });
    await h.close(u);
  });

  it('analyzes JSON templates, and edits them in JSON', async () => {
    const u = `file:///work/t${++n}/template.json`;
    const text = JSON.stringify({ Resources: { Bucket: { Type: 'AWS::CloudFormation::WaitConditionHandle' }, Consumer: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { Ref: 'Buckt' } } } } }, null, 2);
    await h.open(u, text, 'json');
    const d = (await h.diagnostics(u)).diagnostics[0];
    assert.strictEqual(d.code, RULE);
    const actions = await h.codeActions(u, d.range, [d]);
    const ignore = actions.find((a) => a.title === `Ignore ${RULE} for Consumer`)!;
    const fixed = applyEdits(text, editsOf(ignore, u));
    assert.deepStrictEqual(JSON.parse(fixed).Resources.Consumer.Metadata, { 'cfn-resilience': { ignore: [RULE] } });
    await h.close(u);
  });

  it('answers a failing request with an empty result and logs it, and keeps serving', async () => {
    const u = uri();
    await h.open(u, BROKEN);
    const diag = (await h.diagnostics(u)).diagnostics[0];
    const bad = await h.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: u }, range: diag.range });
    assert.deepStrictEqual(bad, []);
    await sleep(20);
    assert.ok(h.logs.some((l) => /codeAction failed/.test(l)), h.logs.join('\n'));
    assert.deepStrictEqual(await h.codeActions('file:///nowhere.yaml', diag.range, [diag]), []);
    assert.strictEqual((await h.codeActions(u, diag.range, [diag])).length, 3);
    await h.close(u);
  });

  it('offers "Fix all" only when there are safe fixes', async () => {
    const u = uri();
    await h.open(u, BROKEN);
    const diag = (await h.diagnostics(u)).diagnostics[0];
    // The did-you-mean fix is not marked safe: a source.fixAll request gets nothing.
    assert.deepStrictEqual(await h.codeActions(u, diag.range, [diag], ['source.fixAll']), []);
    await h.close(u);
  });

  it('"Fix all resilience findings" applies every safe fix at once, preferred quick fixes stay one by one', async () => {
    const u = uri();
    const text = [
      'Resources:',
      '  Db:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      Engine: mysql',
      '      DBInstanceClass: db.t3.micro',
      '  Balancer:',
      '    Type: AWS::ElasticLoadBalancing::LoadBalancer',
      '    Properties:',
      '      Listeners: [{LoadBalancerPort: "80", InstancePort: "80", Protocol: HTTP}]',
      '      HealthCheck: {Target: "HTTP:80/health", HealthyThreshold: "2", UnhealthyThreshold: "2", Interval: "10", Timeout: "5"}',
      '      Subnets: [subnet-1, subnet-2]',
      '',
    ].join('\n');
    await h.open(u, text);
    const diags = (await h.diagnostics(u)).diagnostics;
    const rules = diags.map((d) => d.code).sort();
    assert.deepStrictEqual(rules, ['backup-retention', 'data-store-deletion-policy', 'database-deletion-protection', 'lb-no-health-check', 'rds-multi-az'], JSON.stringify(diags));
    for (const d of diags) {
      const quick = (await h.codeActions(u, d.range, [d], ['quickfix'])).filter((a) => !a.title.startsWith('Ignore'));
      assert.ok(quick.length >= 1 && quick[0].isPreferred, `${d.code}: a preferred quick fix`);
    }
    const all = await h.codeActions(u, diags[0].range, diags, ['source.fixAll']);
    assert.strictEqual(all.length, 1);
    assert.strictEqual(all[0].title, 'Fix all resilience findings');
    assert.strictEqual(all[0].kind, 'source.fixAll.cfn-resilience');
    const fixed = applyEdits(text, editsOf(all[0], u));
    assert.match(fixed, /MultiAZ: true/);
    assert.match(fixed, /CrossZone: true/);
    const u2 = uri();
    await h.open(u2, fixed);
    assert.deepStrictEqual((await h.diagnostics(u2)).diagnostics, [], fixed);
    await h.close(u2);
    await h.close(u);
  });
});

describe('language server: workspace configuration file', function () {
  this.timeout(20000);
  let dir: string;
  let folder: string;
  const servers: Harness[] = [];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cfn-lsp-'));
    folder = pathToFileURL(dir).href;
    writeFileSync(join(dir, '.cfn-resilience.yaml'), `rules:\n  ${RULE}: warning\n`);
  });

  after(async () => {
    for (const s of servers) await s.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(initializationOptions?: unknown): Promise<Harness> {
    const h = new Harness();
    servers.push(h);
    await h.initialize(CAPABILITIES, { workspaceFolders: [{ uri: folder, name: 'w' }], initializationOptions });
    return h;
  }

  it('applies .cfn-resilience.yaml of the workspace folder, and sees it change on disk', async () => {
    const h = await start();
    const u = `${folder}/stack.yaml`;
    await h.open(u, BROKEN);
    assert.deepStrictEqual((await h.diagnostics(u)).diagnostics.map((d) => [d.code, d.severity]), [[RULE, 2]]);
    writeFileSync(join(dir, '.cfn-resilience.yaml'), `rules:\n  ${RULE}: off\n`);
    const mark = h.published.length;
    await h.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `${folder}/.cfn-resilience.yaml`, type: 2 }] });
    assert.deepStrictEqual((await h.diagnostics(u, () => true, mark)).diagnostics, []);
    // Editor settings win over the file.
    h.config.set(u, { rules: { [RULE]: 'info' } });
    const mark2 = h.published.length;
    await h.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepStrictEqual((await h.diagnostics(u, () => true, mark2)).diagnostics.map((d) => d.severity), [3]);
    writeFileSync(join(dir, '.cfn-resilience.yaml'), `rules:\n  ${RULE}: warning\n`);
  });

  it('reports an unknown rule or a bad value as diagnostics on the configuration file, from disk and while it is edited', async () => {
    const sub = join(dir, 'bad');
    mkdirSync(sub, { recursive: true });
    const subUri = pathToFileURL(sub).href;
    const cfgPath = join(sub, '.cfn-resilience.yaml');
    const cfgUri = pathToFileURL(cfgPath).href;
    writeFileSync(cfgPath, `rules:\n  no-such-rule: off\n  ${RULE}: loud\n`);
    const h = new Harness();
    servers.push(h);
    await h.initialize(CAPABILITIES, { workspaceFolders: [{ uri: subUri, name: 'bad' }] });
    // Read from disk when a template of the folder is analyzed: published for the file's URI.
    const u = `${subUri}/stack.yaml`;
    await h.open(u, BROKEN);
    const own = await h.diagnostics(u);
    assert.deepStrictEqual(own.diagnostics.map((d) => d.code), [RULE], 'the template still gets its findings (bad entries ignored)');
    const onDisk = await h.diagnostics(cfgUri, (p) => p.diagnostics.length > 0);
    assert.deepStrictEqual(
      onDisk.diagnostics.map((d) => [d.range.start.line, d.severity, d.source]),
      [
        [1, 1, 'cfn-resilience'],
        [2, 1, 'cfn-resilience'],
      ],
    );
    assert.match(onDisk.diagnostics[0].message, /Unknown rule "no-such-rule"/);
    assert.match(onDisk.diagnostics[1].message, /must be off, info, warning or error/);
    // Open in the editor: computed from the text as it is typed, never from template analysis.
    await h.open(cfgUri, `rules:\n  ${RULE}: warning\n  rds-mult-az: off\n`);
    const typed = await h.diagnostics(cfgUri, (p) => p.version === 1);
    assert.deepStrictEqual(typed.diagnostics.map((d) => d.range.start.line), [2]);
    assert.match(typed.diagnostics[0].message, /Did you mean rds-multi-az\?/);
    const mark = h.published.length;
    await h.change(cfgUri, 2, [{ text: `rules:\n  ${RULE}: warning\n` }]);
    assert.deepStrictEqual((await h.diagnostics(cfgUri, (p) => p.version === 2, mark)).diagnostics, []);
    await h.close(cfgUri);
    await h.close(u);
  });

  it('does not read it in an untrusted workspace', async () => {
    const h = await start({ workspaceTrusted: false });
    const u = `${folder}/stack.yaml`;
    await h.open(u, BROKEN);
    assert.deepStrictEqual((await h.diagnostics(u)).diagnostics.map((d) => d.severity), [1]);
  });
});

describe('code action helpers', () => {
  const finding = (start: number, end: number, safe: boolean, title = `${start}`): Finding => ({
    rule: 'r',
    area: 'reference',
    severity: 'error',
    message: '',
    start,
    end,
    resource: null,
    fixes: [{ title, edits: [{ start, end, newText: 'x' }], safe }],
  });

  it('selects safe, non-overlapping fixes in document order', () => {
    const picked = selectFixAll([finding(10, 20, true, 'a'), finding(15, 25, true, 'b'), finding(0, 5, true, 'c'), finding(30, 31, false, 'd'), finding(20, 22, true, 'e')]);
    assert.deepStrictEqual(
      picked.map((f) => f.title),
      ['c', 'a', 'e'],
    );
    assert.deepStrictEqual(selectFixAll([finding(3, 3, true, 'a'), finding(3, 3, true, 'b')]).map((f) => f.title), ['a']);
  });

  it('matches requested kinds hierarchically', () => {
    assert.ok(wants(undefined, 'source.fixAll.cfn-resilience'));
    assert.ok(wants(['source'], 'source.fixAll.cfn-resilience'));
    assert.ok(wants(['source.fixAll'], 'source.fixAll.cfn-resilience'));
    assert.ok(!wants(['quickfix'], 'source.fixAll.cfn-resilience'));
    assert.ok(!wants(['source.fixAllX'], 'source.fixAll.cfn-resilience'));
  });
});

describe('fix all (core/fix/fix-all.ts)', () => {
  it('applies fixes that insert at the same place in successive passes until none is left', () => {
    // Four safe fixes of one RDS instance all insert at the end of its Properties: one pass
    // can take only one of them; the passes take the rest.
    const { analyze } = require('../../server/src/core/analyze') as typeof import('../../server/src/core/analyze');
    const { fixAll, diffEdit } = require('../../server/src/core/fix/fix-all') as typeof import('../../server/src/core/fix/fix-all');
    const { applyEdits: apply } = require('../../server/src/core/fix/apply') as typeof import('../../server/src/core/fix/apply');
    const text = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n      DBInstanceClass: db.t3.micro\n';
    const a = analyze(text);
    const before = a.findings.filter((f) => f.fixes.some((x) => x.safe)).map((f) => f.rule).sort();
    assert.ok(before.length >= 3, before.join());
    const r = fixAll(a);
    assert.ok(r.passes >= 2, `passes: ${r.passes}`);
    assert.deepStrictEqual(r.analysis.findings.filter((f) => f.fixes.some((x) => x.safe)).map((f) => f.rule), []);
    assert.match(r.text, /MultiAZ: true/);
    assert.match(r.text, /DeletionProtection: true/);
    const e = diffEdit(text, r.text)!;
    assert.strictEqual(apply(text, [e]), r.text);
    assert.strictEqual(diffEdit(text, text), undefined);
  });
});

describe('language server: "Fix all" resolved on demand', function () {
  this.timeout(20000);
  let h: Harness;
  let init: InitializeResult;
  const u = 'file:///work/resolve/template.yaml';
  const text = [
    'Resources:',
    '  Db:',
    '    Type: AWS::RDS::DBInstance',
    '    Properties:',
    '      Engine: mysql',
    '      DBInstanceClass: db.t3.micro',
    '',
  ].join('\n');

  before(async () => {
    h = new Harness();
    // VS Code's announcement: it resolves a code action's edit when the action is chosen.
    init = await h.initialize({ ...CAPABILITIES, textDocument: { ...CAPABILITIES.textDocument, codeAction: { resolveSupport: { properties: ['edit'] } } } });
  });

  after(async () => {
    await h?.shutdown();
  });

  it('offers the action without its edit, and computes the passes only on codeAction/resolve', async () => {
    assert.deepStrictEqual(init.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.cfn-resilience'], resolveProvider: true });
    await h.open(u, text);
    const diags = (await h.diagnostics(u)).diagnostics;
    assert.ok(diags.length >= 3, JSON.stringify(diags));
    const [offered] = await h.codeActions(u, diags[0].range, diags, ['source.fixAll']);
    assert.strictEqual(offered.title, 'Fix all resilience findings');
    assert.strictEqual(offered.edit, undefined);
    const resolved = await h.conn.sendRequest<CodeAction>('codeAction/resolve', offered);
    const fixed = applyEdits(text, editsOf(resolved, u));
    assert.match(fixed, /MultiAZ: true/);
    assert.match(fixed, /DeletionProtection: true/);
    const u2 = 'file:///work/resolve/fixed.yaml';
    await h.open(u2, fixed);
    assert.deepStrictEqual((await h.diagnostics(u2)).diagnostics, [], fixed);
    // Offered on an older version: resolving it after an edit gives no edit at all.
    await h.change(u, 2, [{ text: `${text}# edited\n` }]);
    const stale = await h.conn.sendRequest<CodeAction>('codeAction/resolve', offered);
    assert.strictEqual(stale.edit, undefined);
  });
});
