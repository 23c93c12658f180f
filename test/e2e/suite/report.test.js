'use strict';
// The resilience report ("CloudFormation: Show Resilience Report") and the recovery code lenses, on
// test/e2e/workspace/recovery.yaml: the command opens a webview with the server-rendered report, the lenses above each
// data store show its estimates and open the report at that store, the hover on a store shows the evidence, and the
// report follows edits (a quick fix that meets the declared objective). Names and positions come from the fixture.
const assert = require('assert');
const vscode = require('vscode');
const h = require('./helpers');

const FIXTURE = 'recovery.yaml';
const COMMAND = 'cfnResilience.showReport';
const TARGET_RULE = 'dr-recovery-target-unmet';

/** Wait until the webview reports showing the report of `doc` at its current version (and `focused`, when given). */
const shown = (report, doc, focused) =>
  h.waitForView(report, doc, `the report${focused ? ` focused on ${focused}` : ''}`, (r) => focused === undefined || r.focused === focused);

suite('Resilience report', () => {
  let doc;
  let report;

  suiteSetup(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    doc = await h.openFixture(FIXTURE);
    await h.waitForDiagnostic(doc.uri, (d) => h.codeOf(d) === TARGET_RULE);
    report = (await h.extensionApi('report')).report;
  });

  suiteTeardown(() => h.revertAndCloseAll(doc));

  test('recovery code lenses above each data store, beside the reference lens', async () => {
    const key = h.rangeOf(doc, '\n  OrdersDb:', 'OrdersDb');
    const lenses = await h.waitFor(async () => {
      const all = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri);
      const here = (all || []).filter((l) => l.range.start.isEqual(key.start) && l.command && l.command.command === COMMAND);
      return here.length === 3 ? here : null;
    }, { timeoutMs: 20000, describe: () => 'three recovery lenses above OrdersDb' });
    assert.deepStrictEqual(lenses.map((l) => l.command.title), [
      'AZ: RPO 0 · RTO 1–2 min · Multi-AZ failover',
      'Data: RPO ≈ 5 min · RTO 1–24 h · point-in-time restore',
      'Region: not recoverable · no copy outside the Region',
    ]);
    const all = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri);
    const tableKey = h.rangeOf(doc, '\n  OrdersTable:', 'OrdersTable');
    assert.ok(all.some((l) => l.range.start.isEqual(tableKey.start) && l.command && l.command.title === 'Data: not recoverable · no point-in-time recovery and no backup plan'));
    assert.ok(all.some((l) => l.range.start.isEqual(tableKey.start) && l.command && /^\d+ references?$/.test(l.command.title)), 'the reference lens is still there');
  });

  test('the command opens a webview with the report: strategy, estimates, findings and scores', async () => {
    h.assertContributed(COMMAND, 'CloudFormation: Show Resilience Report');

    await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand(COMMAND);
    const r = await shown(report, doc);
    assert.ok(report.visible, 'the panel is open');
    assert.strictEqual(r.state, 'ok');
    assert.strictEqual(r.title, FIXTURE);
    assert.strictEqual(r.strategy, 'none');
    assert.deepStrictEqual(r.stores.map((s) => s.id), ['OrdersTable', 'OrdersDb', 'DocumentsBucket']);
    assert.strictEqual(report.rendered.stores, 3, 'three data store rows drawn in the webview');
    assert.match(r.html, /<strong>None<\/strong>/);
    assert.match(r.html, /OrdersTable \(DynamoDB table\) cannot meet the declared recovery objectives/);
    // 100 minus the worst finding per resource: OrdersTable error (20), OrdersDb warning (10), DocumentsBucket info (2).
    assert.strictEqual(r.scores.find((s) => s.area === 'disaster-recovery').score, 68);
    if (typeof h.webviewAction === 'function') {
      const rows = await h.webviewAction({ selector: '#report tr.store', action: 'count' });
      if (rows) assert.strictEqual(rows.count, 3, JSON.stringify(rows));
    }
    await h.screenshot('report-view');
  });

  test('a click on a data store in the report selects its logical ID in the editor', async function () {
    if (typeof h.webviewAction !== 'function') this.skip(); // a harness that cannot act inside webviews
    await shown(report, doc);
    const editor = await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: false, viewColumn: vscode.ViewColumn.One });
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const clicked = await h.webviewAction({ selector: '#report a.loc[href="#store-OrdersDb"]', action: 'click' });
    if (!clicked) this.skip(); // no run.js to click for us (desktop VS Code)
    assert.ok(clicked.ok, JSON.stringify(clicked));
    const key = h.rangeOf(doc, '\n  OrdersDb:', 'OrdersDb');
    await h.waitForSelection(doc, key);
  });

  test('a recovery lens opens the report at its data store', async () => {
    const key = h.rangeOf(doc, '\n  DocumentsBucket:', 'DocumentsBucket');
    const all = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri);
    const lens = all.find((l) => l.range.start.isEqual(key.start) && l.command && l.command.command === COMMAND);
    assert.ok(lens, 'a recovery lens above DocumentsBucket');
    await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments || []));
    await shown(report, doc, 'DocumentsBucket');
  });

  test('the hover on a data store shows its recovery estimate and evidence', async () => {
    const at = h.rangeOf(doc, '\n  OrdersTable:', 'OrdersTable').start.translate(0, 2);
    const text = await h.waitFor(async () => {
      const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, at);
      const t = (hovers || []).flatMap((x) => x.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return /\*\*Recovery\*\*/.test(t) ? t : null;
    }, { timeoutMs: 20000, describe: () => 'a hover with a Recovery section' });
    assert.match(text, /\*\*Recovery\*\* \(estimated from the template\) — DynamoDB table/);
    assert.match(text, /_data corruption or deletion_: not recoverable — no point-in-time recovery and no backup plan/);
    assert.match(text, /PointInTimeRecoveryEnabled not set \(point-in-time recovery off\) \(line 9\)/);
  });

  test('the quick fix meets the objective and the report follows the edit', async () => {
    const diag = await h.waitForDiagnostic(doc.uri, (d) => h.codeOf(d) === TARGET_RULE && /OrdersTable/.test(d.message));
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, diag.range);
    const fix = (actions || []).find((a) => a.title === 'Enable point-in-time recovery');
    assert.ok(fix && fix.edit, `actions: ${(actions || []).map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'edit applied');
    await h.waitFor(() => !h.ourDiagnostics(doc.uri).some((d) => h.codeOf(d) === TARGET_RULE && /OrdersTable/.test(d.message)), {
      timeoutMs: 20000, describe: () => `no ${TARGET_RULE} on OrdersTable; have: ${h.describeDiagnostics(doc.uri)}`,
    });
    const r = await shown(report, doc);
    assert.ok(!/OrdersTable \(DynamoDB table\) cannot meet/.test(r.html), 'the report no longer lists the finding');
    assert.match(r.html, /PointInTimeRecoveryEnabled: true/);
  });
});
