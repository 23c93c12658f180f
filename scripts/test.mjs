#!/usr/bin/env node
// `npm test`: everything, in order, with one summary at the end.
//   1. under CI=true: scripts/ci-deps.sh (apt packages + code-server; a no-op when present)
//   2. npm run build                      (out/ for the tests, dist/ bundles)
//   3. mocha --config .mocharc.json       (unit, rules, LSP, grammar, and the Neovim/Emacs client tests)
//   4. e2e from source                    (test/e2e/run.js: the extension loaded from this folder in code-server)
//   5. e2e from the packaged .vsix        (vsce package into a temp dir, installed with code-server --install-extension)
// Without CI=true, steps 4-5 are skipped with a message when chromium or code-server is missing; under CI they
// are required. Set CFN_TEST_VSIX=0 to skip step 5. Artifacts (results JSON, screenshots) go to test-results/.
// Exit status: 0 when every step passed; 1 otherwise. Last line: "N passed, N failed".
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CI = process.env.CI === 'true';
const artifacts = join(root, 'test-results');
const CODE_SERVER = process.env.CODE_SERVER || join(process.env.CFN_RESILIENCE_CACHE || join(homedir(), '.cache', 'cfn-resilience'),
  'code-server-4.100.3', 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const steps = [];
const t0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;
const banner = (title) => console.log(`\n━━ ${title} ${'━'.repeat(Math.max(4, 72 - title.length))}`);

/** Run a command; stream its output; optionally keep stdout for parsing. */
function run(cmd, args, { capture = false, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    let out = '';
    if (capture) child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.on('error', (e) => { console.error(`${cmd}: ${e.message}`); resolve({ status: 127, out }); });
    child.on('close', (status, signal) => resolve({ status: status ?? (signal ? 128 : 1), out }));
  });
}

/** Record a step. counts: {passed, failed, pending} when known. */
function record(name, { ok, ms, counts = null, note = '' }) {
  steps.push({ name, ok, ms, counts, note });
}

/** Totals from mocha's spec reporter epilogue ("  12 passing (3s)", "  1 pending", "  2 failing"). */
function mochaCounts(text) {
  const last = (re) => { let m, v = null; const g = new RegExp(re, 'gm'); while ((m = g.exec(text))) v = Number(m[1]); return v; };
  const passed = last(String.raw`^\s*(\d+) passing\b`);
  if (passed === null) return null;
  return { passed, failed: last(String.raw`^\s*(\d+) failing\b`) ?? 0, pending: last(String.raw`^\s*(\d+) pending\b`) ?? 0 };
}

function readE2eResults(file) {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    return { passed: r.passes, failed: r.failures, pending: r.pending };
  } catch { return null; }
}

async function e2e(name, extraArgs, resultsFile, screenshot) {
  banner(name);
  rmSync(resultsFile, { force: true });
  const started = Date.now();
  const r = await run(process.execPath, ['test/e2e/run.js', '--results', resultsFile, '--screenshot', screenshot, ...extraArgs]);
  const counts = readE2eResults(resultsFile);
  const note = r.status === 124 ? 'timed out' : r.status === 2 ? 'harness error' : '';
  record(name, { ok: r.status === 0, ms: Date.now() - started, counts, note });
}

async function main() {
  mkdirSync(artifacts, { recursive: true });

  if (CI) {
    banner('ci-deps (CI=true)');
    const started = Date.now();
    const r = await run('bash', ['scripts/ci-deps.sh']);
    record('ci-deps', { ok: r.status === 0, ms: Date.now() - started });
    if (r.status !== 0) return;
  }

  banner('build');
  {
    const started = Date.now();
    const r = await run('npm', ['run', 'build', '--silent']);
    record('build', { ok: r.status === 0, ms: Date.now() - started });
    if (r.status !== 0) return; // nothing to test
  }

  banner('mocha (unit, rules, LSP, grammar, editor clients)');
  {
    const started = Date.now();
    const mochaBin = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
    const args = [mochaBin, '--config', '.mocharc.json'];
    if (process.stdout.isTTY) args.push('--color');
    const r = await run(process.execPath, args, { capture: true });
    const counts = mochaCounts(r.out);
    record('mocha', { ok: r.status === 0, ms: Date.now() - started, counts,
      note: counts ? '' : `could not read mocha's totals (exit ${r.status})` });
  }

  const missing = [];
  if (!existsSync(CODE_SERVER)) missing.push(`code-server (${CODE_SERVER})`);
  if (!existsSync(CHROMIUM)) missing.push(`chromium (${CHROMIUM})`);
  if (missing.length && !CI) {
    const why = `${missing.join(' and ')} not installed; run scripts/ci-deps.sh to enable the end-to-end tests`;
    banner('e2e');
    console.log(`skipped: ${why}`);
    record('e2e', { ok: true, ms: 0, note: `SKIPPED: ${why}` });
    return;
  }

  await e2e('e2e (extension from source)', [], join(artifacts, 'e2e-dev.json'), join(artifacts, 'e2e-dev.png'));

  if (process.env.CFN_TEST_VSIX === '0') {
    record('e2e (.vsix)', { ok: true, ms: 0, note: 'SKIPPED: CFN_TEST_VSIX=0' });
    return;
  }
  banner('package .vsix');
  const tmp = mkdtempSync(join(tmpdir(), 'cfn-vsix-'));
  try {
    const vsix = join(tmp, 'cfn-resilience.vsix');
    const started = Date.now();
    const r = await run(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package',
      '--no-dependencies', '-o', vsix]);
    if (r.status !== 0 || !existsSync(vsix)) {
      record('package .vsix', { ok: false, ms: Date.now() - started, note: `vsce package failed (exit ${r.status})` });
      return;
    }
    await e2e('e2e (installed .vsix)', ['--vsix', vsix], join(artifacts, 'e2e-vsix.json'), join(artifacts, 'e2e-vsix.png'));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function summary() {
  banner('summary');
  let passed = 0;
  let failed = 0;
  let pending = 0;
  for (const s of steps) {
    const c = s.counts;
    if (c) { passed += c.passed; failed += c.failed; pending += c.pending; }
    // a failed step whose tests all passed (or that has no tests: build, harness error) still counts once
    if (!s.ok && (!c || c.failed === 0)) failed += 1;
    const detail = c ? `${c.passed} passed, ${c.failed} failed${c.pending ? `, ${c.pending} pending` : ''}` : '';
    console.log(`${s.ok ? 'ok  ' : 'FAIL'}  ${s.name.padEnd(30)} ${secs(s.ms).padStart(7)}  ${[detail, s.note].filter(Boolean).join('; ')}`);
  }
  const ok = steps.length > 0 && steps.every((s) => s.ok);
  console.log(`total ${secs(Date.now() - t0)}${pending ? `, ${pending} pending` : ''}${CI ? ' (CI)' : ''}`);
  console.log(`${passed} passed, ${failed} failed`);
  return ok ? 0 : 1;
}

main().then(
  () => process.exit(summary()),
  (e) => { console.error(e); record('test.mjs', { ok: false, ms: 0, note: String(e.message || e) }); process.exit(summary() || 1); },
);
