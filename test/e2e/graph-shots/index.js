'use strict';
// extensionTestsPath module of test/e2e/graph-shots.js: for each entry of the workspace's shots.json, open the
// template, show its dependency graph, wait until the webview has drawn it, and take screenshots (the whole graph,
// and for large ones a zoomed-in part found with the view's search box). Fails when a graph is not drawn.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const h = require('../suite/helpers');

async function shoot(entry, graph) {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const doc = await h.openFixture(entry.file);
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('cfnResilience.showGraph');
  // the graph is in the second editor group: give it most of the window, or all of it
  await vscode.commands.executeCommand('workbench.action.focusSecondEditorGroup');
  if (entry.layout === 'maximized') await vscode.commands.executeCommand('workbench.action.toggleMaximizeEditorGroup');
  else for (let i = 0; i < 3; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
  await h.waitFor(() => graph.rendered && graph.rendered.uri === doc.uri.toString() && graph.rendered.version === doc.version && graph.rendered.nodes > 0,
    { timeoutMs: 60000, describe: () => `the graph of ${entry.file}; rendered ${JSON.stringify(graph.rendered)}` });
  const g = graph.current;
  const resources = g.nodes.filter((n) => n.kind === 'resource').length;
  assert.strictEqual(resources, entry.resources, `${entry.file}: resources drawn`);
  console.log(`${entry.shot}: ${entry.file}: ${g.nodes.length} nodes, ${g.edges.length} edges, ${g.stats.findings} findings, ` +
    `${g.width}x${g.height} px, layout ${g.stats.layoutMs} ms`);
  // the webview asks for a layout of its new shape once resizing settles: wait for that one
  const first = graph.current;
  await h.waitFor(() => graph.current !== first && graph.rendered.version === doc.version, { timeoutMs: 5000 }).catch(() => null);
  await h.screenshot(entry.shot, { settleMs: 1000, selector: '.part.editor' });
  if (entry.click) {
    // a click on a node: its key is selected in the editor, the node and its neighbours stand out
    const r = await h.webviewAction({ selector: `#canvas .node[data-id="Resources.${entry.click}"]`, action: 'click' });
    assert.ok(r && r.ok, JSON.stringify(r));
    await h.waitFor(() => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.toString() === doc.uri.toString() && e.document.getText(e.selection) === entry.click;
    }, { timeoutMs: 10000, describe: () => `${entry.click} selected in the editor` });
    await h.screenshot(`${entry.shot}-click`, { settleMs: 1000, selector: '.part.editor' });
  }
  if (entry.zoom) {
    const r = await h.webviewAction({ selector: '#search', action: 'fill', value: entry.zoom });
    assert.ok(r && r.ok, JSON.stringify(r));
    await h.webviewAction({ selector: '#search', action: 'press', key: 'Enter' });
    await h.webviewAction({ selector: '#search', action: 'press', key: 'Escape' });
    await h.webviewAction({ selector: '#viewport', action: 'press', key: 'Escape' }); // no selection: every node in full colour
    await h.screenshot(`${entry.shot}-zoom`, { settleMs: 800, selector: '.part.editor' });
  }
}

exports.run = async function run() {
  const root = vscode.workspace.workspaceFolders[0].uri.fsPath;
  const plan = JSON.parse(fs.readFileSync(path.join(root, 'shots.json'), 'utf8'));
  const ext = vscode.extensions.getExtension(h.EXTENSION_ID);
  const results = { passes: 0, failures: 0, pending: 0, tests: [] };
  try {
    await h.openFixture(plan[0].file);
    await h.waitFor(() => ext.isActive, { timeoutMs: 30000, describe: () => 'activation' });
    const graph = ext.exports.graph;
    for (const entry of plan) {
      const started = Date.now();
      try {
        await shoot(entry, graph);
        results.passes++;
        results.tests.push({ title: entry.shot, state: 'passed', durationMs: Date.now() - started });
      } catch (e) {
        results.failures++;
        results.tests.push({ title: entry.shot, state: 'failed', error: String(e.stack || e) });
        console.error(`${entry.shot}: ${e.stack || e}`);
      }
    }
  } finally {
    if (process.env.CFN_E2E_RESULTS) fs.writeFileSync(process.env.CFN_E2E_RESULTS, JSON.stringify(results, null, 2));
    if (process.env.CFN_E2E_LOG) fs.appendFileSync(process.env.CFN_E2E_LOG, `${results.tests.map((t) => `${t.state} ${t.title}${t.error ? `\n${t.error}` : ''}`).join('\n')}\n`);
  }
  if (results.failures) throw new Error(`${results.failures} screenshot(s) failed`);
};
