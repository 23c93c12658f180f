'use strict';
// The language server as other editors see it: stdio transport, pushed diagnostics, UTF-16 positions.
// Drives `node bin/cfn-resilience-lsp.js --stdio` from headless Neovim (test/clients/nvim-probe.lua) and, when
// Emacs is installed, from eglot (test/clients/eglot-probe.el).
//
// Skips (with a message) when the built server or an editor is missing, except under CI=true, where a missing
// server build, Neovim, or Emacs with eglot fails (scripts/ci-deps.sh installs them; CFN_CI_EMACS=0 leaves Emacs
// out and makes the eglot test optional again). CFN_RESILIENCE_LSP_CMD='["node","/path/server.js","--stdio"]'
// replaces the server command.
const assert = require('assert');
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, 'fixtures');
const IS_CI = process.env.CI === 'true';
const EMACS_REQUIRED = IS_CI && process.env.CFN_CI_EMACS !== '0';
const RULE = 'reference-unknown-target';
const BROKEN_NAME = 'DoesNotExist';

function which(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try { fs.accessSync(p, fs.constants.X_OK); return p; } catch { /* next */ }
  }
  return null;
}

/** The server command, or null (with the reason) when it is not built. */
function serverCommand() {
  if (process.env.CFN_RESILIENCE_LSP_CMD) return { cmd: JSON.parse(process.env.CFN_RESILIENCE_LSP_CMD) };
  const bin = path.join(REPO, 'bin', 'cfn-resilience-lsp.js');
  const bundle = path.join(REPO, 'dist', 'server.js');
  for (const f of [bin, bundle]) {
    if (!fs.existsSync(f)) return { missing: `${path.relative(REPO, f)} does not exist (run npm run build)` };
  }
  return { cmd: [process.execPath, bin, '--stdio'] };
}

/** Temp dir holding a copy of a fixture, plus private XDG dirs so the editors read and write nothing of the user's. */
function sandbox(fixture) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-clients-'));
  const work = path.join(dir, 'workspace');
  fs.mkdirSync(work);
  const file = path.join(work, fixture);
  fs.copyFileSync(path.join(FIXTURES, fixture), file);
  const xdg = {};
  for (const k of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME']) {
    xdg[k] = path.join(dir, k.toLowerCase());
    fs.mkdirSync(xdg[k]);
  }
  return { dir, file, xdg, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Run an editor probe; resolves with its parsed JSON output (plus stderr and the exit status for messages). */
function runProbe(command, args, env, outFile, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', () => {});
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      let output = null;
      try { output = JSON.parse(fs.readFileSync(outFile, 'utf8')); } catch { /* reported below */ }
      if (!output) {
        reject(new Error(`${path.basename(command)} probe produced no result (exit ${status}, signal ${signal})\n${stderr}`));
        return;
      }
      resolve({ output, stderr, status });
    });
  });
}

/** Expected LSP range of the broken name, from the fixture text: JS string indexes are UTF-16 code units. */
function expectedRange(file) {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  const line = lines.findIndex((l) => l.includes(`!Ref ${BROKEN_NAME}`));
  assert.ok(line >= 0, `fixture ${file} has no "!Ref ${BROKEN_NAME}"`);
  const character = lines[line].indexOf(`!Ref ${BROKEN_NAME}`) + '!Ref '.length;
  return { start: { line, character }, end: { line, character: character + BROKEN_NAME.length } };
}

const codeOf = (d) => (d.code !== null && typeof d.code === 'object' ? d.code.value : d.code);

function assertBrokenRefDiagnostic(output, file, extra) {
  const diagnostics = output.diagnostics || [];
  const found = diagnostics.filter((d) => codeOf(d) === RULE);
  const context = `client: ${output.client}; diagnostics: ${JSON.stringify(diagnostics)}${extra ? `\n${extra}` : ''}`;
  assert.strictEqual(found.length, 1, `expected one ${RULE} diagnostic; ${context}`);
  assert.strictEqual(found[0].source, 'cfn-resilience', `source; ${context}`);
  assert.deepStrictEqual(found[0].range, expectedRange(file), `range of ${BROKEN_NAME} (UTF-16 columns); ${context}`);
}

function skipOrFail(ctx, message, mustFail) {
  if (mustFail) assert.fail(message);
  console.log(`      (skipped: ${message})`);
  ctx.skip();
}

describe('Language server in other editors (stdio)', function () {
  this.timeout(40000);
  let server;
  let box;

  before(function () {
    server = serverCommand();
  });

  afterEach(function () {
    if (box) box.cleanup();
    box = null;
  });

  it('Neovim: a broken !Ref is reported with the exact range of the name', async function () {
    if (!which('nvim')) skipOrFail(this, 'nvim is not installed (apt-get install neovim)', IS_CI);
    if (server.missing) skipOrFail(this, server.missing, IS_CI);
    box = sandbox('broken-ref.yaml');
    const out = path.join(box.dir, 'nvim.json');
    const started = Date.now();
    const { output } = await runProbe('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n',
      '-c', `luafile ${path.join(__dirname, 'nvim-probe.lua')}`], {
      ...box.xdg,
      PROBE_CMD: JSON.stringify(server.cmd),
      PROBE_FILE: box.file,
      PROBE_OUT: out,
      PROBE_TIMEOUT_MS: '15000',
    }, out, 30000);
    const log = path.join(box.xdg.XDG_CACHE_HOME, 'nvim', 'lsp.log');
    const serverLog = fs.existsSync(log) ? `lsp.log:\n${fs.readFileSync(log, 'utf8').slice(-4000)}` : '';
    assert.ok(!output.error, `probe error: ${output.error}\n${serverLog}`);
    assert.ok(output.initialized, `server did not initialize\n${serverLog}`);
    assertBrokenRefDiagnostic(output, box.file, serverLog);
    if (process.env.CFN_CLIENTS_VERBOSE) {
      console.log(`      ${output.client}: first publish ${output.timings.first_publish_ms} ms, run ${Date.now() - started} ms`);
    }
  });

  it('Emacs eglot: a broken !Ref is reported with the exact range of the name', async function () {
    if (!which('emacs')) skipOrFail(this, 'emacs is not installed (apt-get install emacs-nox elpa-eglot)', EMACS_REQUIRED);
    if (server.missing) skipOrFail(this, server.missing, IS_CI);
    box = sandbox('broken-ref.yaml');
    const out = path.join(box.dir, 'eglot.json');
    const { output, stderr } = await runProbe('emacs', ['--batch', '-Q', '-l', path.join(__dirname, 'eglot-probe.el')], {
      ...box.xdg,
      HOME: box.dir, // eglot/emacs may write under ~ (e.g. ~/.emacs.d)
      PROBE_CMD: JSON.stringify(server.cmd),
      PROBE_FILE: box.file,
      PROBE_OUT: out,
      PROBE_TIMEOUT_MS: '15000',
    }, out, 30000);
    if (output.error && /^eglot not available/.test(output.error)) {
      skipOrFail(this, `eglot is not usable here: ${output.error}`, EMACS_REQUIRED);
    }
    assert.ok(!output.error, `probe error: ${output.error}\n${stderr.slice(-3000)}`);
    assertBrokenRefDiagnostic(output, box.file, stderr.slice(-3000));
  });
});
