/**
 * The resilience report and the recovery code lenses through the language server over
 * stdio (`node dist/server.js --stdio`; run `npm run build` first): `cfnResilience/report`
 * on an open template, on a document that is not a template and on one that is not open;
 * the lenses above each data store and the diagnostic of a declared objective.
 */
import * as assert from 'assert';
import type * as rpc from 'vscode-jsonrpc/node';
import type { CodeLens, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ReportRequest, ReportResult, SHOW_REPORT_COMMAND } from '../../server/src/lsp/protocol';
import { LspClient, sleep } from './lsp-harness';

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Metadata:
  cfn-resilience:
    rpo: 15m
    rto: 1d
    region: off
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
  Topic:
    Type: AWS::SNS::Topic
`;

describe('LSP: resilience report and recovery code lenses', function () {
  this.timeout(20000);
  let c: LspClient;
  let conn: rpc.MessageConnection;
  let published: PublishDiagnosticsParams[];

  before(async () => {
    c = new LspClient();
    ({ conn, published } = c);
    await c.initialize({});
    await c.open('file:///w/orders.yaml', TEMPLATE, 'yaml', 3);
    await c.open('file:///w/notes.yaml', 'title: notes\n');
  });

  after(async () => {
    await c?.shutdown();
  });

  it('answers cfnResilience/report with the rendered report of the current version', async () => {
    const r: ReportResult = await conn.sendRequest(ReportRequest.type, { uri: 'file:///w/orders.yaml' });
    assert.strictEqual(r.state, 'ok', c.stderr);
    assert.strictEqual(r.version, 3);
    assert.strictEqual(r.title, 'orders.yaml');
    assert.strictEqual(r.strategy, 'none');
    assert.deepStrictEqual(r.stores, [{ id: 'Orders', line: 7, character: 2 }]);
    assert.match(r.html, /<h1>Resilience report <span class="file">orders\.yaml<\/span><\/h1>/);
    assert.match(r.html, /<tr class="store" id="store-Orders" data-store="Orders">/);
    assert.match(r.markdown, /dr-recovery-target-unmet/);
    assert.deepStrictEqual(r.scores.find((s) => s.area === 'disaster-recovery'), { area: 'disaster-recovery', score: 80 });
  });

  it('says when there is no report to give', async () => {
    const notTemplate: ReportResult = await conn.sendRequest(ReportRequest.type, { uri: 'file:///w/notes.yaml' });
    assert.deepStrictEqual([notTemplate.state, notTemplate.html, notTemplate.stores], ['not-a-template', '', []]);
    const notOpen: ReportResult = await conn.sendRequest(ReportRequest.type, { uri: 'file:///w/closed.yaml' });
    assert.strictEqual(notOpen.state, 'not-open');
    const bad: ReportResult = await conn.sendRequest(ReportRequest.type, { uri: 42 } as never);
    assert.strictEqual(bad.state, 'not-open');
  });

  it('puts the recovery lenses above the data store, running the report command with the store', async () => {
    const lenses: CodeLens[] = await conn.sendRequest('textDocument/codeLens', { textDocument: { uri: 'file:///w/orders.yaml' } });
    const ours = lenses.filter((l) => l.command?.command === SHOW_REPORT_COMMAND);
    assert.deepStrictEqual(
      ours.map((l) => [l.range.start.line, l.range.start.character, l.command!.title, l.command!.arguments]),
      [
        [7, 2, 'AZ: RPO 0 · RTO 0 · replicated across three AZs', ['file:///w/orders.yaml', 'Orders']],
        [7, 2, 'Data: not recoverable · no point-in-time recovery and no backup plan', ['file:///w/orders.yaml', 'Orders']],
        [7, 2, 'Region: not recoverable · no copy outside the Region', ['file:///w/orders.yaml', 'Orders']],
      ],
    );
    // The reference lenses are still there.
    assert.ok(lenses.some((l) => l.command?.title === '0 references' && l.range.start.line === 13));
  });

  it('publishes the unmet objective with its quick fix', async () => {
    const t0 = Date.now();
    let d: PublishDiagnosticsParams | undefined;
    while (!(d = published.find((p) => p.uri === 'file:///w/orders.yaml' && p.version === 3)) && Date.now() - t0 < 5000) await sleep(10);
    assert.ok(d, c.stderr);
    const ours = d!.diagnostics.filter((x) => x.code === 'dr-recovery-target-unmet');
    assert.strictEqual(ours.length, 1);
    assert.strictEqual(ours[0].severity, 1);
    assert.deepStrictEqual(ours[0].range, { start: { line: 7, character: 2 }, end: { line: 7, character: 8 } });
    assert.match(ours[0].message, /Orders \(DynamoDB table\) cannot meet the declared recovery objectives/);
    assert.deepStrictEqual((ours[0].data as { fixes: { title: string }[] }).fixes.map((f) => f.title), ['Enable point-in-time recovery']);
  });
});
