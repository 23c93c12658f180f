'use strict';
// Ask test/e2e/run.js for a screenshot of the workbench, and wait until it is taken. A no-op elsewhere (desktop
// VS Code under @vscode/test-electron, or when run.js was not asked to keep screenshots).
const fs = require('fs');
const path = require('path');

/** `selector`: a CSS selector of the workbench page to crop to (for example '.part.editor'); the whole page without. */
async function requestScreenshot(name, { settleMs = 500, timeoutMs = 10000, selector = null } = {}) {
  const dir = process.env.CFN_E2E_SCREENSHOTS;
  if (!dir) return null;
  const safe = String(name).replace(/[^\w.-]+/g, '_');
  await new Promise((r) => setTimeout(r, settleMs)); // let the workbench paint what the test just did
  const done = path.join(dir, `${safe}.done`);
  fs.rmSync(done, { force: true });
  fs.writeFileSync(path.join(dir, `${safe}.request.tmp`), selector ? JSON.stringify({ selector }) : '');
  fs.renameSync(path.join(dir, `${safe}.request.tmp`), path.join(dir, `${safe}.request`));
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(done)) {
    if (Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 50));
  }
  return fs.readFileSync(done, 'utf8') || null; // the PNG's path, or null when run.js keeps no such shots
}

/**
 * Ask test/e2e/run.js to act inside a webview: `{ selector, action: 'click' | 'press' | 'fill' | 'text' | 'count', key?, value? }`.
 * Resolves with `{ ok, count, text?, error? }`, or null where nobody serves the request (desktop VS Code).
 */
let actions = 0;
async function webviewAction(request, { timeoutMs = 20000 } = {}) {
  const dir = process.env.CFN_E2E_SCREENSHOTS;
  if (!dir) return null;
  const name = `webview-action-${process.pid}-${++actions}`;
  const done = path.join(dir, `${name}.done`);
  fs.rmSync(done, { force: true });
  // written whole, then renamed: run.js never reads half a request
  fs.writeFileSync(path.join(dir, `${name}.tmp`), JSON.stringify({ timeoutMs: Math.max(1000, timeoutMs - 2000), ...request }));
  fs.renameSync(path.join(dir, `${name}.tmp`), path.join(dir, `${name}.action`));
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(done)) {
    if (Date.now() > deadline) throw new Error(`webview action ${JSON.stringify(request)}: no answer from run.js in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return JSON.parse(fs.readFileSync(done, 'utf8'));
}

module.exports = { requestScreenshot, webviewAction };
