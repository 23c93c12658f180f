'use strict';
// Ask test/e2e/run.js for a screenshot of the workbench, and wait until it is taken. A no-op elsewhere (desktop
// VS Code under @vscode/test-electron, or when run.js was not asked to keep screenshots).
const fs = require('fs');
const path = require('path');

async function requestScreenshot(name, { settleMs = 500, timeoutMs = 10000 } = {}) {
  const dir = process.env.CFN_E2E_SCREENSHOTS;
  if (!dir) return null;
  const safe = String(name).replace(/[^\w.-]+/g, '_');
  await new Promise((r) => setTimeout(r, settleMs)); // let the workbench paint what the test just did
  const done = path.join(dir, `${safe}.done`);
  fs.rmSync(done, { force: true });
  fs.writeFileSync(path.join(dir, `${safe}.request`), '');
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(done)) {
    if (Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 50));
  }
  return fs.readFileSync(done, 'utf8') || null; // the PNG's path, or null when run.js keeps no such shots
}

module.exports = { requestScreenshot };
