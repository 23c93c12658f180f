#!/usr/bin/env node
'use strict';
// End-to-end test runner: runs test/e2e/suite (or any extensionTestsPath module) inside a real VS Code extension
// host — code-server's VS Code server build, driven by headless Debian chromium through playwright-core.
// No Electron and no download at run time; install the prerequisites with scripts/ci-deps.sh.
//
// Usage: node test/e2e/run.js [options]
//   --dev DIR          extension under development (default: the repository root)
//   --vsix FILE        instead of loading --dev from source, install FILE into the temporary extensions dir with
//                      `code-server --install-extension` and test the installed extension
//   --tests FILE       extensionTestsPath module (default: test/e2e/suite/index.js)
//   --folder DIR       workspace to open (default: test/e2e/workspace); copied to a temp dir first unless --no-copy
//   --no-copy          open --folder in place (tests that save files would then change it)
//   --grep PATTERN     only run tests whose full title matches (passed to mocha in the suite)
//   --timeout MS       whole-run budget (default 180000); exceeded -> exit 124
//   --screenshot FILE  PNG of the workbench when the tests have finished (taken while the extension host is still
//                      up; on a time-out or crash, at that moment)
//   --screenshot-dir DIR  where shots requested by the tests go (helpers.screenshot('name') -> DIR/name.png);
//                      without it those requests are acknowledged and skipped
//   --results FILE     copy the suite's JSON results ({passes, failures, pending, tests[]}) here
//   --code-server BIN  (default: $CODE_SERVER, else the cache dir used by scripts/install-code-server.sh)
//   --chromium BIN     (default: $CHROMIUM, else /usr/bin/chromium)
//   --viewport WxH     size of the browser page (default 1400x900)
//   --verbose          also print code-server's output and all workbench/extension-host log lines
// Exit code: 0 all tests passed, 1 a test failed (or the test module could not run), 124 time-out,
//            2 harness error (code-server or chromium missing or failing to start, bad arguments).
// code-server and chromium run in their own process groups and are killed on every exit path of this process
// (normal end, error, SIGINT/SIGTERM/SIGHUP); a detached watchdog kills them if this process is SIGKILLed.

const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const util = require('util');

const REPO = path.resolve(__dirname, '..', '..');
const CODE_SERVER_VERSION = '4.100.3';
const EXIT = { pass: 0, fail: 1, harness: 2, timeout: 124 };

// ---------------------------------------------------------------------------------------------------------------
function parseArgs(argv) {
  const opts = {
    dev: REPO,
    vsix: null,
    tests: path.join(__dirname, 'suite', 'index.js'),
    folder: path.join(__dirname, 'workspace'),
    copy: true,
    grep: null,
    timeout: 180000,
    screenshot: null,
    screenshotDir: null,
    results: null,
    codeServer: process.env.CODE_SERVER || defaultCodeServer(),
    chromium: process.env.CHROMIUM || '/usr/bin/chromium',
    viewport: '1400x900',
    verbose: false,
  };
  const valued = { '--dev': 'dev', '--vsix': 'vsix', '--tests': 'tests', '--folder': 'folder', '--grep': 'grep',
    '--timeout': 'timeout', '--screenshot': 'screenshot', '--screenshot-dir': 'screenshotDir', '--results': 'results', '--code-server': 'codeServer',
    '--chromium': 'chromium', '--viewport': 'viewport' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') { opts.help = true; continue; }
    if (a === '--verbose') { opts.verbose = true; continue; }
    if (a === '--no-copy') { opts.copy = false; continue; }
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(0, eq) : a;
    if (!(key in valued)) throw new UsageError(`unknown option ${a}`);
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`${key} needs a value`);
    opts[valued[key]] = value;
  }
  opts.timeout = Number(opts.timeout);
  const vp = /^(\d+)x(\d+)$/.exec(opts.viewport);
  if (!vp) throw new UsageError('--viewport must be WIDTHxHEIGHT, for example 1400x900');
  opts.viewport = { width: Number(vp[1]), height: Number(vp[2]) };
  if (!(opts.timeout > 0)) throw new UsageError('--timeout must be a positive number of milliseconds');
  for (const k of ['dev', 'vsix', 'tests', 'folder', 'screenshot', 'screenshotDir', 'results']) if (opts[k]) opts[k] = path.resolve(opts[k]);
  return opts;
}

class UsageError extends Error {}

function defaultCodeServer() {
  const cache = process.env.CFN_RESILIENCE_CACHE || path.join(os.homedir(), '.cache', 'cfn-resilience');
  return path.join(cache, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', '.bin', 'code-server');
}

const t0 = Date.now();
const log = (msg) => process.stderr.write(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}\n`);

// ---------------------------------------------------------------------------------------------------------------
// Process cleanup: every process we start is a process-group leader; kill the groups synchronously on exit.
const groups = new Set();
let watchdog = null;

function killGroups(signal) {
  for (const pgid of groups) {
    try { process.kill(-pgid, signal); } catch { /* already gone */ }
  }
}

function startWatchdog() {
  // A detached helper that notices our death (its stdin pipe closes, which also happens on SIGKILL), then SIGKILLs
  // the process groups and removes the temp dir we told it about ("g PGID" / "d DIR" lines).
  const code = `
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => {});
    const groups = new Set(); const dirs = new Set(); let buf = '';
    process.stdin.on('data', (d) => {
      buf += d; let i;
      while ((i = buf.indexOf('\\n')) >= 0) {
        const line = buf.slice(0, i); buf = buf.slice(i + 1);
        if (line.startsWith('g ')) groups.add(+line.slice(2)); else if (line.startsWith('d ')) dirs.add(line.slice(2));
      }
    });
    process.stdin.on('close', () => {
      for (const g of groups) { try { process.kill(-g, 'SIGKILL'); } catch {} }
      setTimeout(() => {
        for (const d of dirs) { try { require('fs').rmSync(d, { recursive: true, force: true }); } catch {} }
        process.exit(0);
      }, 500);
    });
    process.stdin.resume();`;
  watchdog = spawn(process.execPath, ['-e', code], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  watchdog.unref();
  watchdog.stdin.on('error', () => {});
  // keep the pipe from holding our event loop open
  if (watchdog.stdin._handle && watchdog.stdin._handle.unref) watchdog.stdin._handle.unref();
}

function track(pgid) {
  groups.add(pgid);
  if (watchdog) watchdog.stdin.write(`g ${pgid}\n`);
}

function trackDir(dir) {
  if (watchdog && !process.env.CFN_E2E_KEEP_TMP) watchdog.stdin.write(`d ${dir}\n`);
}

process.on('exit', () => killGroups('SIGKILL')); // after the graceful path this finds nothing left to kill
for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(sig, () => { log(`${sig}: stopping`); process.exit(code); }); // 'exit' handlers kill the groups
}
process.on('uncaughtException', (e) => { log(`harness error: ${e && e.stack || e}`); process.exit(EXIT.harness); });
process.on('unhandledRejection', (e) => { log(`harness error: ${e && e.stack || e}`); process.exit(EXIT.harness); });

// ---------------------------------------------------------------------------------------------------------------
const freePort = () => new Promise((resolve, reject) => {
  const srv = net.createServer();
  srv.on('error', reject);
  srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function writeSettings(userDir) {
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'git.enabled': false,
    'chat.disableAIFeatures': true,
  }, null, 2));
}

// A do-nothing extension used as extensionDevelopmentPath in --vsix mode: VS Code only runs extension tests in an
// extension-development window, and the extension under test must come from the extensions dir, not from source.
function writeHostStub(dir) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: 'cfn-resilience-e2e-host', publisher: 'cfn-resilience-test', version: '0.0.0', private: true,
    engines: { vscode: '^1.100.0' }, activationEvents: [], contributes: {},
  }, null, 2));
}

function readManifest(dir) {
  try { return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')); } catch { return null; }
}

function installVsix(opts, userData, extDir) {
  log(`installing ${path.relative(process.cwd(), opts.vsix) || opts.vsix}`);
  const r = spawnSync(opts.codeServer, ['--config', '/dev/null', '--user-data-dir', userData, '--extensions-dir', extDir,
    '--install-extension', opts.vsix, '--force'], { encoding: 'utf8', timeout: 120000 });
  const out = `${r.stdout || ''}${r.stderr || ''}`;
  if (r.status !== 0 || !/successfully installed/i.test(out)) {
    process.stderr.write(out);
    throw new Error(`code-server --install-extension failed (exit ${r.status}${r.error ? `, ${r.error.message}` : ''})`);
  }
  const installed = fs.readdirSync(extDir).filter((d) => !d.startsWith('.') && fs.statSync(path.join(extDir, d)).isDirectory());
  if (installed.length !== 1) throw new Error(`expected one installed extension in ${extDir}, found: ${installed.join(', ') || 'none'}`);
  return path.join(extDir, installed[0]);
}

async function startCodeServer(opts, dirs, env) {
  const port = await freePort();
  const args = ['--config', '/dev/null', '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  const cs = spawn(opts.codeServer, args, { stdio: ['ignore', 'pipe', 'pipe'], env, detached: true });
  track(cs.pid);
  let output = '';
  const onData = (d) => { output += d; if (opts.verbose) process.stderr.write(`[code-server] ${d}`); };
  cs.stdout.on('data', onData);
  cs.stderr.on('data', onData);
  let exited = null;
  cs.on('exit', (code, signal) => { exited = { code, signal }; });
  cs.on('error', (e) => { exited = { error: e }; });
  const deadline = Date.now() + 60000;
  while (!/HTTP server listening/.test(output)) {
    if (exited) throw new Error(`code-server exited before listening (${JSON.stringify(exited)}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`code-server did not start within 60 s:\n${output}`);
    await sleep(50);
  }
  return { proc: cs, port, output: () => output, exited: () => exited };
}

// ---------------------------------------------------------------------------------------------------------------
// Workbench and extension-host log records (window.codeAutomationLog). The test output itself does not come from
// here (the suite tees its reporter into CFN_E2E_LOG, which we tail); without --verbose only errors are shown,
// minus the ones an offline sandbox always produces.
const OFFLINE_NOISE = /getaddrinfo|ENOTFOUND|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|Failed to load resource|open-vsx|marketplace/i;
function formatLogArgs(args) {
  const list = (args || []).map((a) => (typeof a === 'string' ? a : JSON.stringify(a)));
  return util.format(...list);
}
function showLogRecord(type, text, verbose) {
  if (verbose) return true;
  return type === 'error' && !OFFLINE_NOISE.test(text);
}

/** Print what the suite appends to `file`, as it grows. */
function tailFile(file, write) {
  let offset = 0;
  const pump = () => {
    let fd;
    try { fd = fs.openSync(file, 'r'); } catch { return; }
    try {
      const size = fs.fstatSync(fd).size;
      if (size > offset) {
        const buf = Buffer.alloc(size - offset);
        fs.readSync(fd, buf, 0, buf.length, offset);
        offset = size;
        write(buf.toString('utf8'));
      }
    } finally { fs.closeSync(fd); }
  };
  const timer = setInterval(pump, 100);
  return () => { clearInterval(timer); pump(); };
}

/**
 * Act inside a webview (the extension host cannot reach into one): find the frame holding `selector` (webviews
 * are nested iframes of the workbench page) and click it, press a key in it, fill it (an input), read its text, or
 * just count the matches.
 * Returns {ok, count?, error?}.
 */
async function webviewAction(page, req) {
  const deadline = Date.now() + (req.timeoutMs || 10000);
  for (;;) {
    for (const frame of page.frames()) {
      let count = 0;
      try { count = await frame.locator(req.selector).count(); } catch { continue; } // detached or not ready
      if (!count) continue;
      const target = frame.locator(req.selector).first();
      if (req.action === 'click') await target.click({ timeout: 5000, force: !!req.force });
      else if (req.action === 'press') await target.press(req.key, { timeout: 5000 });
      else if (req.action === 'fill') await target.fill(String(req.value), { timeout: 5000 });
      else if (req.action === 'text') return { ok: true, count, text: await target.textContent() };
      return { ok: true, count };
    }
    if (Date.now() > deadline) return { ok: false, error: `no frame has ${req.selector}` };
    await sleep(100);
  }
}

/**
 * Screenshots on request from the extension host: the suite writes NAME.request into `dir` and waits for
 * NAME.done. 'final' goes to --screenshot, other names to --screenshot-dir. Webview actions likewise:
 * NAME.action (JSON, see webviewAction) -> NAME.done (JSON result).
 */
function serveScreenshots(page, dir, opts) {
  const taken = new Set();
  let busy = false;
  const targetFor = (name) => {
    if (name === 'final') return opts.screenshot;
    if (!opts.screenshotDir) return null;
    fs.mkdirSync(opts.screenshotDir, { recursive: true });
    return path.join(opts.screenshotDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  };
  const poll = async () => {
    if (busy) return;
    busy = true;
    try {
      for (const f of fs.readdirSync(dir)) {
        if (f.endsWith('.action')) {
          const name = f.slice(0, -'.action'.length);
          let result;
          try {
            const req = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
            fs.rmSync(path.join(dir, f), { force: true });
            result = await webviewAction(page, req);
          } catch (e) {
            fs.rmSync(path.join(dir, f), { force: true });
            result = { ok: false, error: e.message };
          }
          fs.writeFileSync(path.join(dir, `${name}.done.tmp`), JSON.stringify(result));
          fs.renameSync(path.join(dir, `${name}.done.tmp`), path.join(dir, `${name}.done`)); // never read half-written
          continue;
        }
        if (!f.endsWith('.request')) continue;
        const name = f.slice(0, -'.request'.length);
        let req = {};
        try { req = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8') || '{}'); } catch { /* an empty request: the whole page */ }
        fs.rmSync(path.join(dir, f), { force: true });
        const target = targetFor(name);
        if (target) {
          // {selector}: only that part of the workbench (its bounding box, webviews over it included)
          const box = req.selector ? await page.locator(req.selector).first().boundingBox().catch(() => null) : null;
          await page.screenshot({ path: target, ...(box ? { clip: box } : {}) }).then(() => { taken.add(name); log(`screenshot: ${target}`); },
            (e) => log(`screenshot ${name} failed: ${e.message}`));
        }
        fs.writeFileSync(path.join(dir, `${name}.done`), target || '');
      }
    } catch (e) {
      log(`screenshot service: ${e.message}`);
    } finally { busy = false; }
  };
  const timer = setInterval(poll, 100);
  return { stop: () => clearInterval(timer), has: (name) => taken.has(name) };
}

async function main() {
  let opts;
  try { opts = parseArgs(process.argv.slice(2)); } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`run.js: ${e.message} (see --help)\n`);
    return EXIT.harness;
  }
  if (opts.help) {
    const header = [];
    for (const line of fs.readFileSync(__filename, 'utf8').split('\n').slice(2)) {
      if (!line.startsWith('//')) break;
      header.push(line.slice(3));
    }
    process.stdout.write(`${header.join('\n')}\n`);
    return EXIT.pass;
  }
  const problems = [];
  if (!fs.existsSync(opts.codeServer)) problems.push(`code-server not found at ${opts.codeServer} (run scripts/install-code-server.sh)`);
  if (!fs.existsSync(opts.chromium)) problems.push(`chromium not found at ${opts.chromium} (apt-get install chromium)`);
  if (!fs.existsSync(opts.tests)) problems.push(`test module not found: ${opts.tests}`);
  if (!fs.existsSync(opts.folder)) problems.push(`workspace folder not found: ${opts.folder}`);
  if (opts.vsix && !fs.existsSync(opts.vsix)) problems.push(`vsix not found: ${opts.vsix}`);
  if (!opts.vsix) {
    const manifest = readManifest(opts.dev);
    if (!manifest) problems.push(`no package.json in --dev ${opts.dev}`);
    else if (manifest.main && !fs.existsSync(path.resolve(opts.dev, manifest.main)) &&
      !fs.existsSync(path.resolve(opts.dev, `${manifest.main}.js`))) {
      problems.push(`the extension's main ${manifest.main} does not exist in ${opts.dev} (run npm run build)`);
    }
  }
  if (problems.length) { for (const p of problems) log(p); return EXIT.harness; }

  startWatchdog();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-e2e-'));
  trackDir(tmp);
  const dirs = {
    userData: path.join(tmp, 'user-data'),
    extensions: path.join(tmp, 'extensions'),
    workspace: opts.copy ? path.join(tmp, 'workspace') : opts.folder,
    results: path.join(tmp, 'results.json'),
    log: path.join(tmp, 'test-output.log'),
    shots: path.join(tmp, 'screenshot-requests'),
  };
  fs.mkdirSync(dirs.shots);
  process.on('exit', () => { if (!process.env.CFN_E2E_KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true }); });
  writeSettings(path.join(dirs.userData, 'User'));
  fs.mkdirSync(dirs.extensions, { recursive: true });
  if (opts.copy) fs.cpSync(opts.folder, dirs.workspace, { recursive: true });

  let devPath = opts.dev;
  let extensionRoot = opts.dev;
  if (opts.vsix) {
    extensionRoot = installVsix(opts, dirs.userData, dirs.extensions);
    devPath = path.join(tmp, 'host-stub');
    writeHostStub(devPath);
    log(`installed as ${path.basename(extensionRoot)}`);
  }
  const manifest = readManifest(extensionRoot) || {};

  // The extension host inherits code-server's environment: this is how the suite learns where to write results
  // and what it is testing.
  const env = { ...process.env,
    CFN_E2E_RESULTS: dirs.results,
    CFN_E2E_LOG: dirs.log,
    CFN_E2E_SCREENSHOTS: dirs.shots,
    CFN_E2E_FINAL_SCREENSHOT: opts.screenshot ? '1' : '',
    CFN_E2E_EXTENSION_ID: `${manifest.publisher}.${manifest.name}`,
    CFN_E2E_EXTENSION_ROOT: extensionRoot,
    CFN_E2E_MODE: opts.vsix ? 'vsix' : 'dev',
  };
  if (opts.grep) env.CFN_E2E_GREP = opts.grep; else delete env.CFN_E2E_GREP;
  delete env.VSCODE_IPC_HOOK_CLI; // when started from a VS Code terminal, do not talk to that VS Code
  env.EXTENSIONS_GALLERY = '{}';  // no marketplace: nothing to download, no offline errors

  const cs = await startCodeServer(opts, dirs, env);
  log(`code-server ${CODE_SERVER_VERSION} listening on 127.0.0.1:${cs.port} (pgid ${cs.proc.pid})`);

  const { chromium } = require('playwright-core');
  const server = await chromium.launchServer({
    executablePath: opts.chromium,
    headless: true,
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, // ours run process.exit -> 'exit' handlers
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  track(server.process().pid);
  const browser = await chromium.connect(server.wsEndpoint());
  const page = await browser.newPage({ viewport: opts.viewport });

  let finish;
  const finished = new Promise((r) => { finish = r; });
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = formatLogArgs(args);
    if (showLogRecord(type, text, opts.verbose)) process.stderr.write(`[workbench:${type}] ${text}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish({ kind: 'exit', code }));
  page.on('crash', () => finish({ kind: 'error', message: 'the workbench page crashed' }));
  if (opts.verbose) page.on('console', (m) => process.stderr.write(`[browser:${m.type()}] ${m.text()}\n`));

  const authority = `127.0.0.1:${cs.port}`;
  const remote = (p) => `vscode-remote://${authority}${p}`;
  const payload = [['extensionDevelopmentPath', remote(devPath)], ['extensionTestsPath', remote(opts.tests)]];
  const url = `http://${authority}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const stopTail = tailFile(dirs.log, (text) => process.stdout.write(text));
  const shots = serveScreenshots(page, dirs.shots, opts);
  const budget = Math.max(1000, opts.timeout - (Date.now() - t0));
  const timer = setTimeout(() => finish({ kind: 'timeout' }), budget);
  const csWatch = setInterval(() => {
    const ex = cs.exited();
    if (ex) finish({ kind: 'error', message: `code-server exited during the run (${JSON.stringify(ex)})` });
  }, 200);
  log(`opening the workbench (${opts.vsix ? 'installed vsix' : `dev ${path.relative(process.cwd(), devPath) || '.'}`}, workspace ${path.basename(opts.folder)})`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: budget });

  const outcome = await finished;
  stopTail();
  clearTimeout(timer);
  clearInterval(csWatch);

  shots.stop();
  if (opts.screenshot && !shots.has('final')) { // the suite did not get to ask for it: take it now
    await page.screenshot({ path: opts.screenshot }).then(() => log(`screenshot: ${opts.screenshot}`),
      (e) => log(`screenshot failed: ${e.message}`));
  }

  let results = null;
  try { results = JSON.parse(fs.readFileSync(dirs.results, 'utf8')); } catch { /* the suite did not get that far */ }
  if (results && opts.results) fs.writeFileSync(opts.results, JSON.stringify(results, null, 2));

  let code;
  if (outcome.kind === 'timeout') {
    log(`TIMEOUT after ${opts.timeout} ms`);
    code = EXIT.timeout;
  } else if (outcome.kind === 'error') {
    log(outcome.message);
    code = EXIT.harness;
  } else {
    code = outcome.code === 0 ? EXIT.pass : EXIT.fail;
  }
  if (code !== EXIT.pass && !opts.verbose) {
    const tail = cs.output().split('\n').slice(-30).join('\n');
    if (tail.trim()) process.stderr.write(`--- code-server output (last lines) ---\n${tail}\n`);
  }
  if (results) {
    process.stdout.write(`e2e: ${results.passes} passed, ${results.failures} failed, ${results.pending} pending\n`);
    if (code === EXIT.pass && results.failures > 0) code = EXIT.fail; // never report a pass over failed tests
  } else {
    process.stdout.write('e2e: no results from the test module (it did not load or did not finish)\n');
    if (code === EXIT.pass) code = EXIT.fail;
  }

  // graceful shutdown, then the 'exit' handler SIGKILLs whatever is left
  await browser.close().catch(() => {});
  await server.close().catch(() => {});
  killGroups('SIGTERM');
  const until = Date.now() + 3000;
  while (!cs.exited() && Date.now() < until) await sleep(50);
  log(`done: exit ${code}`);
  return code;
}

main().then((code) => process.exit(code), (e) => { log(`harness error: ${e && e.stack || e}`); process.exit(EXIT.harness); });
