'use strict';
// Shared helpers for the end-to-end tests (run inside the VS Code extension host).
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { requestScreenshot, webviewAction } = require('./screenshot');

const SOURCE = 'cfn-resilience';
const EXTENSION_ID = process.env.CFN_E2E_EXTENSION_ID || 'cfn-resilience.cfn-resilience';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `probe` until it returns a truthy value; throw `describe()` when `timeoutMs` passes. */
async function waitFor(probe, { timeoutMs = 20000, intervalMs = 50, describe = () => 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}`);
    await sleep(intervalMs);
  }
}

/** URI of a file of the test workspace (the folder the window was opened on, else test/e2e/workspace). */
function fixtureUri(name) {
  for (const folder of vscode.workspace.workspaceFolders || []) {
    const uri = vscode.Uri.joinPath(folder.uri, name);
    if (uri.scheme !== 'file' || fs.existsSync(uri.fsPath)) return uri;
  }
  return vscode.Uri.file(path.join(__dirname, '..', 'workspace', name));
}

async function openFixture(name) {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(name));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** The diagnostics our extension published for `uri` (other extensions' are ignored). */
function ourDiagnostics(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Diagnostic.code as a plain value: it is either a string/number or `{ value, target }`. */
function codeOf(diagnostic) {
  const c = diagnostic.code;
  return c !== null && typeof c === 'object' ? c.value : c;
}

/** Wait until our diagnostics for `uri` contain one that satisfies `predicate`; returns that diagnostic. */
function waitForDiagnostic(uri, predicate, timeoutMs = 20000) {
  return waitFor(() => ourDiagnostics(uri).find(predicate), {
    timeoutMs,
    describe: () => `a matching ${SOURCE} diagnostic on ${path.basename(uri.path)}; have: ${describeDiagnostics(uri)}`,
  });
}

function describeDiagnostics(uri) {
  const all = vscode.languages.getDiagnostics(uri);
  if (!all.length) return '(none)';
  return all.map((d) => `[${d.source}:${codeOf(d)}] ${d.range.start.line}:${d.range.start.character}-` +
    `${d.range.end.line}:${d.range.end.character} ${d.message}`).join(' | ');
}

/**
 * Range of the `nth` occurrence of `needle` in the document, optionally narrowed to `inner` (a substring of
 * needle): positions come from the fixture text itself, never from hard-coded numbers.
 */
function rangeOf(doc, needle, inner = needle, nth = 0) {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `fixture ${path.basename(doc.uri.path)} has no occurrence #${nth} of ${JSON.stringify(needle)}`);
  }
  const innerAt = needle.indexOf(inner);
  assert.ok(innerAt >= 0, `${JSON.stringify(inner)} is not part of ${JSON.stringify(needle)}`);
  const start = at + innerAt;
  return new vscode.Range(doc.positionAt(start), doc.positionAt(start + inner.length));
}

const fmt = (r) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

/** The extension's API (activate's return value); asserts it has `view` (e.g. 'graph', 'report'). */
async function extensionApi(view) {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  const exports = ext.isActive ? ext.exports : await ext.activate();
  assert.ok(exports && exports[view], `the extension API has no ${view} view`);
  return exports;
}

/** Asserts `command` is in contributes.commands with "category: title" `label`. */
function assertContributed(command, label) {
  const contributed = (vscode.extensions.getExtension(EXTENSION_ID).packageJSON.contributes.commands || []).find((c) => c.command === command);
  assert.ok(contributed, `${command} is not in contributes.commands`);
  assert.strictEqual(`${contributed.category}: ${contributed.title}`, label);
}

/**
 * Wait until a webview panel of the extension (the graph or report view: `rendered` is what its webview last
 * reported, `current` the server's last answer) shows `doc` at its current version and satisfies `also(rendered)`;
 * returns `current`.
 */
async function waitForView(view, doc, what, also = () => true) {
  await waitFor(() => {
    const r = view.rendered;
    return r && r.uri === doc.uri.toString() && r.version === doc.version && view.current && view.current.version === doc.version && also(r);
  }, {
    timeoutMs: 30000,
    describe: () => `${what} of ${doc.uri.path.split('/').pop()} v${doc.version}; rendered: ${JSON.stringify(view.rendered)}, ` +
      `current: ${view.current ? `${view.current.uri.split('/').pop()} v${view.current.version} ${view.current.state}` : 'none'}`,
  });
  return view.current;
}

/** Wait until the active editor shows `doc` with exactly `range` selected. */
function waitForSelection(doc, range) {
  return waitFor(() => {
    const e = vscode.window.activeTextEditor;
    return e && e.document.uri.toString() === doc.uri.toString() && e.selection.isEqual(new vscode.Selection(range.start, range.end));
  }, {
    timeoutMs: 10000,
    describe: () => {
      const e = vscode.window.activeTextEditor;
      return `selection ${fmt(range)} in ${doc.uri.path.split('/').pop()}; active: ${e ? `${e.document.uri.path.split('/').pop()} ${fmt(e.selection)}` : 'none'}`;
    },
  });
}

/** Suite teardown: undo `doc`'s edits (a dirty file would make closeAllEditors ask to save it), close every editor. */
async function revertAndCloseAll(doc) {
  if (doc && doc.isDirty) {
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

module.exports = {
  SOURCE, EXTENSION_ID, sleep, waitFor, fixtureUri, openFixture, ourDiagnostics, codeOf, waitForDiagnostic,
  describeDiagnostics, rangeOf, fmt, extensionApi, assertContributed, waitForView, waitForSelection, revertAndCloseAll,
  /** screenshot('hover-on-bucket') -> PNG in run.js's --screenshot-dir (no-op without it) */
  screenshot: requestScreenshot,
  /** webviewAction({ selector, action: 'click' | 'press' | 'text' | 'count', key }) through run.js (null elsewhere) */
  webviewAction,
};
