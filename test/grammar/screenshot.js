#!/usr/bin/env node
'use strict';
// Shows the CloudFormation injection grammars in a real VS Code (code-server) and takes screenshots.
//
//   node test/grammar/screenshot.js [OUT_DIR]      (default OUT_DIR: a new folder under the system temp dir)
//
// Needs code-server (scripts/install-code-server.sh; or CODE_SERVER=/path/to/code-server) and a Chromium
// (CHROMIUM=/path, default /usr/bin/chromium). It starts code-server on 127.0.0.1 with a throw-away extension that
// contributes only syntaxes/*.injection.tmLanguage.json (no build needed), opens the fixtures of test/grammar with the
// Default Dark Modern theme, saves yaml.png and json.png, and checks the colours the editor actually rendered:
// intrinsic functions, pseudo-parameters and resource types must differ from plain keys and strings.
// Not part of the mocha run (it takes a browser and about half a minute).

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

function findCodeServer() {
  if (process.env.CODE_SERVER) return process.env.CODE_SERVER;
  const cache = process.env.CFN_RESILIENCE_CACHE || path.join(os.homedir(), '.cache', 'cfn-resilience');
  const installs = fs.existsSync(cache) ? fs.readdirSync(cache).filter((n) => /^code-server-[\d.]+$/.test(n)) : [];
  for (const name of installs.sort().reverse()) {
    const bin = path.join(cache, name, 'node_modules', '.bin', 'code-server');
    if (fs.existsSync(bin)) return bin;
  }
  throw new Error('code-server not found: run scripts/install-code-server.sh or set CODE_SERVER');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { redirect: 'manual' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

/** A minimal extension folder that contributes just the two injection grammars. */
function writePreviewExtension(extensionsDir) {
  const dir = path.join(extensionsDir, 'cfn-resilience.grammar-preview-0.0.0');
  fs.mkdirSync(path.join(dir, 'syntaxes'), { recursive: true });
  const grammars = [];
  for (const lang of ['yaml', 'json']) {
    const file = `cloudformation.${lang}.injection.tmLanguage.json`;
    fs.copyFileSync(path.join(ROOT, 'syntaxes', file), path.join(dir, 'syntaxes', file));
    const { scopeName } = JSON.parse(fs.readFileSync(path.join(ROOT, 'syntaxes', file), 'utf8'));
    grammars.push({ scopeName, path: `./syntaxes/${file}`, injectTo: [`source.${lang}`] });
  }
  const manifest = {
    name: 'grammar-preview',
    publisher: 'cfn-resilience',
    version: '0.0.0',
    engines: { vscode: '^1.100.0' },
    contributes: { grammars },
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
}

/** [text, css colour] of every rendered token on the first editor line that contains `needle`. */
async function renderedTokens(page, needle) {
  return page.evaluate((n) => {
    const text = (el) => el.textContent.replace(/\u00a0/g, ' '); // the editor renders spaces as no-break spaces
    for (const line of document.querySelectorAll('.monaco-editor .view-line')) {
      if (!text(line).includes(n)) continue;
      return [...line.querySelectorAll('span > span')].map((s) => [text(s), getComputedStyle(s).color]);
    }
    return [];
  }, needle);
}

async function colourOf(page, needle, text) {
  const tokens = await renderedTokens(page, needle);
  const token = tokens.find(([t]) => t.includes(text));
  assert.ok(token, `no rendered token with ${JSON.stringify(text)} on the line with ${JSON.stringify(needle)}: ${JSON.stringify(tokens)}`);
  return token[1];
}

async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.waitForTimeout(800);
  await page.keyboard.type(name);
  await page.waitForTimeout(1200);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab.active[aria-label^="${name}"]`, { timeout: 20000 });
  await page.waitForTimeout(2500);
}

async function main() {
  const { chromium } = require('playwright-core');
  const out = path.resolve(process.argv[2] || fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-grammar-shots-')));
  fs.mkdirSync(out, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-grammar-cs-'));
  const extensions = path.join(work, 'extensions');
  const userData = path.join(work, 'data');
  const workspace = path.join(work, 'workspace');
  writePreviewExtension(extensions);
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.colorTheme': 'Default Dark Modern',
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'security.workspace.trust.enabled': false,
      'editor.minimap.enabled': false,
      'editor.fontSize': 14,
    }),
  );
  fs.mkdirSync(workspace);
  for (const f of ['template.yaml', 'template.json']) fs.copyFileSync(path.join(__dirname, 'fixtures', f), path.join(workspace, f));

  const port = await freePort();
  const server = spawn(
    findCodeServer(),
    ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--extensions-dir', extensions, '--user-data-dir', userData,
      '--disable-telemetry', '--disable-update-check', workspace],
    { stdio: 'ignore', detached: true },
  );
  let browser;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60000);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
    const page = await browser.newPage({ viewport: { width: 1100, height: 1650 } });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.waitForTimeout(3000);
    await page.keyboard.press('Control+B'); // hide the side bar

    await openFile(page, 'template.yaml');
    await page.screenshot({ path: path.join(out, 'yaml.png') });
    const yamlKey = await colourOf(page, 'LongAtt:', 'LongAtt');
    const yamlString = await colourOf(page, 'Prose:', 'Use !Ref here');
    const checks = [
      ['YAML Fn::GetAtt key', await colourOf(page, 'Fn::GetAtt: [MyBucket', 'Fn::GetAtt'), yamlKey],
      ['YAML !GetAtt tag name', await colourOf(page, 'Value: !GetAtt', 'GetAtt'), yamlString],
      ['YAML resource type', await colourOf(page, 'Type: AWS::S3::Bucket', 'AWS::S3::Bucket'), yamlString],
      ['YAML ${AWS::Region} in a block scalar', await colourOf(page, 'folded ${AWS::Region}', 'AWS::Region'), yamlString],
    ];

    await openFile(page, 'template.json');
    await page.screenshot({ path: path.join(out, 'json.png') });
    const jsonKey = await colourOf(page, '"QueueName"', 'QueueName');
    const jsonString = await colourOf(page, '"Literal": "Ref"', 'Ref');
    checks.push(
      ['JSON "Fn::Sub" key', await colourOf(page, '"QueueName"', 'Fn::Sub'), jsonKey],
      ['JSON ${AWS::StackName}', await colourOf(page, '"QueueName"', 'AWS::StackName'), jsonString],
      ['JSON resource type', await colourOf(page, '"Type": "AWS::SQS::Queue"', 'AWS::SQS::Queue'), jsonString],
    );
    for (const [what, got, plain] of checks) {
      assert.notEqual(got, plain, `${what} is rendered in the plain colour ${plain}: the injection is not active`);
      console.log(`ok  ${what}: ${got} (plain: ${plain})`);
    }
    console.log(`screenshots: ${path.join(out, 'yaml.png')} ${path.join(out, 'json.png')}`);
  } finally {
    if (browser) await browser.close();
    try {
      process.kill(-server.pid, 'SIGTERM'); // code-server and the processes it started
    } catch {
      // already gone
    }
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
