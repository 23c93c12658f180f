'use strict';
// extensionTestsPath module: the same contract as with @vscode/test-electron (export run(): Promise<void>), so this
// suite runs unchanged in code-server (node test/e2e/run.js) and in desktop VS Code. It loads every *.test.js
// file next to it into one mocha run (TDD UI: suite/test/suiteSetup), one file per editor feature.
// Environment (set by test/e2e/run.js, all optional):
//   CFN_E2E_RESULTS  write {passes, failures, pending, tests[]} as JSON to this path when the run ends
//   CFN_E2E_LOG      also append the reporter's output to this file (code-server forwards the extension host's
//                    console only as unformatted log records; run.js prints this file instead)
//   CFN_E2E_GREP     only run tests whose full title matches this regular expression
//   CFN_E2E_SCREENSHOTS, CFN_E2E_FINAL_SCREENSHOT  screenshot requests to run.js (see screenshot.js); the final
//                    one is taken here, before the extension host shuts down and its diagnostics disappear
const fs = require('fs');
const path = require('path');
const util = require('util');
const Mocha = require('mocha');
const { requestScreenshot } = require('./screenshot');

function teeReporterOutput(file) {
  const Base = Mocha.reporters.Base;
  const original = Base.consoleLog;
  Base.consoleLog = (...args) => {
    try { fs.appendFileSync(file, `${util.format(...args)}\n`); } catch { /* the console still gets it */ }
    original(...args);
  };
}

exports.run = function run() {
  const mocha = new Mocha({
    ui: 'tdd',
    reporter: 'spec',
    color: false,
    timeout: 60000,
    slow: 5000,
  });
  if (process.env.CFN_E2E_LOG) teeReporterOutput(process.env.CFN_E2E_LOG);
  if (process.env.CFN_E2E_GREP) mocha.grep(new RegExp(process.env.CFN_E2E_GREP));
  for (const f of fs.readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, f));
  }

  const results = { passes: 0, failures: 0, pending: 0, tests: [] };
  const record = (test, state, err) => {
    results.tests.push({
      title: test.fullTitle(),
      state,
      durationMs: test.duration,
      error: err ? String((err && err.stack) || err) : undefined,
    });
  };
  const writeResults = () => {
    if (!process.env.CFN_E2E_RESULTS) return;
    try { fs.writeFileSync(process.env.CFN_E2E_RESULTS, JSON.stringify(results, null, 2)); } catch (e) {
      console.error(`could not write ${process.env.CFN_E2E_RESULTS}: ${e.message}`);
    }
  };

  return new Promise((resolve, reject) => {
    let runner;
    try {
      runner = mocha.run(async (failures) => {
        writeResults();
        if (process.env.CFN_E2E_FINAL_SCREENSHOT) await requestScreenshot('final').catch(() => null);
        if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed`));
        else resolve();
      });
    } catch (e) {
      results.failures += 1;
      results.tests.push({ title: 'loading the test files', state: 'failed', error: String(e.stack || e) });
      writeResults();
      reject(e);
      return;
    }
    runner.on('pass', (t) => { results.passes += 1; record(t, 'passed'); });
    runner.on('fail', (t, err) => { results.failures += 1; record(t, 'failed', err); });
    runner.on('pending', (t) => { results.pending += 1; record(t, 'pending'); });
  });
};
