/**
 * Hostile input: alias bombs, 10,000 levels of nesting (YAML and JSON), a 20 MB file, binary
 * garbage, JSON with a byte-order mark and CRLF line ends, 5,000 resources. Each gets bounded
 * time (and, through the server, bounded memory) and a clear diagnostic where it is
 * rejected; the language server keeps serving the other open documents meanwhile.
 *
 * Time bounds are generous (a loaded 2-core machine runs several suites at once): they
 * catch a hang or a quadratic blow-up, not a regression of a few percent (npm run bench
 * measures those).
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { analyze, Analysis } from '../../server/src/core/analyze';
import { ALIAS_EXPANSION_BUDGET, MAX_DEPTH, MAX_SYNTAX_ISSUES } from '../../server/src/core/parse/yaml';
import { generateTemplate } from '../bench/generate';
import { LspClient, REPO_ROOT, SERVER_JS } from '../bench/lsp-client';
import { rng } from './util';

const H = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n';
const QUEUE = `${H}  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n`;
const JSON_HEAD = '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Properties": ';

function timed(text: string, fileName: string, limitMs: number): Analysis {
  const t0 = performance.now();
  const a = analyze(text, { fileName });
  const ms = performance.now() - t0;
  assert.ok(ms < limitMs, `${fileName}: ${ms.toFixed(0)} ms (limit ${limitMs})`);
  for (const f of a.findings) assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.rule} out of range`);
  return a;
}

const codes = (a: Analysis) => a.template.issues.map((i) => i.code);

/** Alias bombs, each expanding to far more than the budget. */
export const BOMBS: Record<string, string> = {
  'billion laughs (sequences)': (() => {
    let t = 'AWSTemplateFormatVersion: "2010-09-09"\nMetadata:\n  a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
    let prev = 'a';
    for (const n of 'bcdefghij') {
      t += `  ${n}: &${n} [${Array(10).fill(`*${prev}`).join(', ')}]\n`;
      prev = n;
    }
    return `${t}Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n`;
  })(),
  'billion laughs (mappings, block style)': (() => {
    let t = 'AWSTemplateFormatVersion: "2010-09-09"\nMappings:\n  M0: &m0\n    k: {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8}\n';
    for (let i = 1; i < 9; i++) t += `  M${i}: &m${i}\n${Array.from({ length: 8 }, (_, j) => `    k${j}: *m${i - 1}`).join('\n')}\n`;
    return `${t}Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n`;
  })(),
  'one big anchor aliased a thousand times': (() => {
    const big = Array.from({ length: 1000 }, (_, i) => `"v${i}"`).join(', ');
    const refs = Array.from({ length: 1000 }, (_, i) => `  r${i}: *big`).join('\n');
    return `AWSTemplateFormatVersion: "2010-09-09"\nMetadata:\n  big: &big [${big}]\n${refs}\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n`;
  })(),
};

/** 10,000 levels of nesting in every form the readers know. */
export const DEEP: Record<string, [string, string]> = {
  'YAML flow sequences': [`${QUEUE}      X: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, 'deep.yaml'],
  'YAML flow mappings': [`${QUEUE}      X: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`, 'deep.yaml'],
  'YAML block sequences on one line': [`${QUEUE}      X:\n        ${'- '.repeat(10_000)}v\n`, 'deep.yaml'],
  'YAML unclosed flow sequences': [`${QUEUE}      X: ${'['.repeat(10_000)}\n`, 'deep.yaml'],
  'JSON arrays': [`${JSON_HEAD}{"X": ${'['.repeat(10_000)}${']'.repeat(10_000)}}}}}`, 'deep.json'],
  'JSON objects': [`${JSON_HEAD}${'{"a": '.repeat(10_000)}1${'}'.repeat(10_000)}}}}`, 'deep.json'],
  'JSON unclosed arrays': [`${JSON_HEAD}{"X": ${'['.repeat(10_000)}`, 'deep.json'],
};

/** A JSON template with a byte-order mark and CRLF line ends, and an unknown Ref target on line 8. */
export const BOM_CRLF = '\uFEFF' + ['{', '  "AWSTemplateFormatVersion": "2010-09-09",', '  "Resources": {', '    "Queue": {', '      "Type": "AWS::SQS::Queue",', '      "Properties": {', '        "DelaySeconds": 5,', '        "QueueName": {"Ref": "Missing"}', '      }', '    }', '  }', '}', ''].join('\r\n');

/** A valid template of 20 million characters (about 200,000 queues). */
function twentyMegabytes(): string {
  const parts = [H];
  let n = H.length;
  for (let i = 0; n < 20_000_000; i++) {
    const u = `  Queue${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: orders-${i}\n`;
    parts.push(u);
    n += u.length;
  }
  return parts.join('');
}

function garbage(seed: number, bytes: number): string {
  const rand = rng(seed);
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < b.length; i++) b[i] = Math.floor(rand() * 256);
  return b.toString('latin1');
}

describe('hostile input: the analysis core', function () {
  this.timeout(120_000);

  for (const [name, text] of Object.entries(BOMBS)) {
    it(`alias bomb, ${name}: cut off at the budget with a diagnostic on an alias, the rest analyzed`, () => {
      const a = timed(text, 'bomb.yaml', 5_000);
      const bombs = a.template.issues.filter((i) => i.code === 'yaml-ALIAS_BOMB');
      assert.strictEqual(bombs.length, 1, codes(a).join(', '));
      assert.match(text.slice(bombs[0].start, bombs[0].end), /^\*\w+$/);
      assert.match(bombs[0].message, new RegExp(`more than ${ALIAS_EXPANSION_BUDGET} nodes`));
      assert.strictEqual(a.template.resources.get('Queue')?.type, 'AWS::SQS::Queue');
      assert.ok(a.findings.some((f) => f.rule === 'syntax-error' && f.start === bombs[0].start), 'reported as a finding');
    });
  }

  for (const [name, [text, fileName]] of Object.entries(DEEP)) {
    it(`10,000 levels of ${name}: one nesting diagnostic, the resource around it kept`, () => {
      const a = timed(text, fileName, 10_000);
      const deep = a.template.issues.filter((i) => i.code === 'nesting-too-deep');
      assert.strictEqual(deep.length, 1, codes(a).join(', '));
      assert.match(deep[0].message, new RegExp(`deeper than ${MAX_DEPTH} levels`));
      // The model keeps what is around the nesting (for JSON it was lost past ~5,000 levels).
      assert.strictEqual(a.template.resources.get('Queue')?.type, 'AWS::SQS::Queue', codes(a).join(', '));
      // Unclosed flow levels each miss their bracket: the reader's errors stop at the cap.
      assert.ok(a.template.issues.length <= MAX_SYNTAX_ISSUES + 1, codes(a).join(', '));
    });
  }

  it('binary garbage, 1 MB: not a template, bounded time', () => {
    for (const [seed, fileName] of [[1, 'garbage.yaml'], [2, 'garbage.json'], [3, 'garbage.template']] as const) {
      const text = garbage(seed, 1_000_000);
      const a = timed(text, fileName, 15_000);
      assert.strictEqual(a.findings.length === 0 || a.kind !== 'none', true);
    }
  });

  it('binary garbage after a template head: a template with syntax errors, at most 101 of them', () => {
    const a = timed(`${QUEUE}      X: ${garbage(4, 200_000)}`, 'garbage.yaml', 15_000);
    assert.notStrictEqual(a.kind, 'none');
    assert.ok(a.template.issues.length <= 101, `${a.template.issues.length} issues`);
    assert.strictEqual(a.template.resources.get('Queue')?.type, 'AWS::SQS::Queue');
  });

  it('JSON with a byte-order mark and CRLF line ends: read clean, the finding at its line and column', () => {
    const a = timed(BOM_CRLF, 'bom.json', 2_000);
    assert.deepStrictEqual(a.template.issues, []);
    const f = a.findings.filter((x) => x.rule === 'reference-unknown-target');
    assert.strictEqual(f.length, 1);
    assert.strictEqual(BOM_CRLF.slice(f[0].start, f[0].end), 'Missing');
    assert.deepStrictEqual(a.lines.positionAt(f[0].start), { line: 7, character: 30 });
    // The same template without the mark and with LF: the same findings, one character earlier per line.
    const plain = analyze(BOM_CRLF.slice(1).replace(/\r\n/g, '\n'), { fileName: 'plain.json' });
    assert.deepStrictEqual(plain.findings.map((x) => [x.rule, x.message]), a.findings.map((x) => [x.rule, x.message]));
  });

  it('5,000 resources (YAML and JSON): analyzed in bounded time', () => {
    for (const format of ['yaml', 'json'] as const) {
      const text = generateTemplate({ resources: 5000, format });
      const a = timed(text, `big.${format}`, 30_000);
      assert.ok(a.template.resources.size >= 5000);
      assert.deepStrictEqual(a.template.issues, []);
      assert.ok(a.findings.length > 0);
    }
  });
});

describe('hostile input: the CLI', function () {
  this.timeout(60_000);
  let dir: string;
  const cli = join(REPO_ROOT, 'bin', 'cfn-resilience.js');

  before(function () {
    if (!existsSync(join(REPO_ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run npm run build first');
    dir = mkdtempSync(join(tmpdir(), 'bench-hostile-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a 20 MB template is rejected with a diagnostic, quickly; the other files are analyzed', () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, twentyMegabytes());
    writeFileSync(join(dir, 'small.yaml'), `${QUEUE}      QueueName: !Ref Nowhere\n`);
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', dir], { encoding: 'utf8' });
    const ms = performance.now() - t0;
    assert.ok(ms < 20_000, `${ms} ms`);
    assert.strictEqual(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { files: { file: string; findings: { rule: string; message: string }[] }[] };
    const bigResult = out.files.find((f) => f.file.endsWith('big.yaml'))!;
    assert.match(bigResult.findings[0].message, /^Not analyzed: \d+ (characters|bytes) is over the limit of 5000000 characters \(--max-file-size\)\.$/);
    const small = out.files.find((f) => f.file.endsWith('small.yaml'))!;
    assert.deepStrictEqual(small.findings.map((f) => f.rule), ['reference-unknown-target']);
  });

  it('--max-file-size rejects a file over the limit without reading it when its size in bytes already says so', () => {
    const f = join(dir, 'mid.yaml');
    writeFileSync(f, `${QUEUE}      QueueName: ${'x'.repeat(5000)}\n`);
    const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--max-file-size', '1000', f], { encoding: 'utf8' });
    const out = JSON.parse(r.stdout) as { files: { findings: { message: string }[] }[] };
    assert.match(out.files[0].findings[0].message, /^Not analyzed: \d+ bytes is over the limit of 1000 characters/);
    const r2 = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--max-file-size', '3000', f], { encoding: 'utf8' });
    const out2 = JSON.parse(r2.stdout) as { files: { findings: { message: string }[] }[] };
    assert.match(out2.files[0].findings[0].message, /^Not analyzed: \d+ characters is over the limit of 3000 characters/);
  });
});

describe('hostile input: the language server keeps serving the workspace', function () {
  this.timeout(180_000);
  let client: LspClient;
  const normal = 'file:///hostile/normal.yaml';
  const NORMAL = `${QUEUE}      QueueName: !Ref Nme\n`;
  let version = 1;

  before(async function () {
    if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run npm run build first`);
    client = new LspClient();
    await client.initialize();
    await client.open(normal, NORMAL, 'yaml', 1);
    await client.diagnostics(normal, (p) => p.version === 1);
  });

  after(async () => {
    await client?.shutdown();
  });

  /** Edits the normal document; its diagnostics must come back quickly. */
  async function normalStillServed(label: string): Promise<void> {
    version++;
    const t0 = performance.now();
    await client.change(normal, version, [{ range: { start: { line: 5, character: 23 }, end: { line: 5, character: 23 } }, text: 'x' }]);
    const p = await client.diagnostics(normal, (x) => x.version === version, 15_000);
    assert.ok(performance.now() - t0 < 15_000, label);
    assert.deepStrictEqual(p.diagnostics.map((d) => d.code), ['reference-unknown-target'], label);
  }

  const docs: [string, string, string, (codes: (string | number | undefined)[]) => void][] = [
    ...Object.entries(BOMBS).map(([name, text], i): [string, string, string, (c: (string | number | undefined)[]) => void] => [`bomb${i}.yaml`, text, 'yaml', (c) => assert.ok(c.includes('syntax-error'), `${name}: ${c.join(',')}`)]),
    ...Object.entries(DEEP).map(([name, [text, fileName]], i): [string, string, string, (c: (string | number | undefined)[]) => void] => [
      `deep${i}.${fileName.endsWith('json') ? 'json' : 'yaml'}`,
      text,
      fileName.endsWith('json') ? 'json' : 'yaml',
      (c) => assert.ok(c.includes('syntax-error'), `${name}: ${c.join(',')}`),
    ]),
    ['garbage.yaml', garbage(9, 300_000), 'yaml', () => undefined],
    ['bom-crlf.json', BOM_CRLF, 'json', (c) => assert.deepStrictEqual(c, ['reference-unknown-target'])],
    ['five-thousand.yaml', generateTemplate({ resources: 5000 }), 'yaml', (c) => assert.ok(c.length > 0)],
  ];

  it('opens every hostile document alongside a normal one: each is analyzed or rejected, the normal one still served', async () => {
    for (const [name, text, languageId, check] of docs) {
      const uri = `file:///hostile/${name}`;
      await client.open(uri, text, languageId, 1);
      const { status, publish } = await client.analyzed(uri, 1, 60_000);
      check((publish?.diagnostics ?? []).map((d) => d.code as string));
      assert.ok(status.state !== 'analyzing');
      await normalStillServed(`after ${name}`);
    }
    assert.deepStrictEqual(client.errors, []);
  });

  it('a 20 MB template is not analyzed: a file-too-large diagnostic at once; memory stays bounded', async () => {
    const uri = 'file:///hostile/twenty-mb.yaml';
    const t0 = performance.now();
    await client.open(uri, twentyMegabytes(), 'yaml', 1);
    const p = await client.diagnostics(uri, (x) => x.version === 1, 60_000);
    assert.ok(performance.now() - t0 < 30_000);
    assert.deepStrictEqual(p.diagnostics.map((d) => d.code), ['file-too-large']);
    assert.match(p.diagnostics[0].message, /^Not analyzed: the file has \d+ characters, more than the cfnResilience\.maxFileSize setting \(5000000\)\.$/);
    await normalStillServed('after 20 MB');
    await client.close(uri);
    const mem = client.memory();
    // Everything above is open at once (bar the 20 MB file, closed): well under half a gigabyte.
    if (mem) assert.ok(mem.rss < 512 * 1048576, `RSS ${(mem.rss / 1048576).toFixed(0)} MB`);
    assert.deepStrictEqual(client.errors, []);
  });

  it('the size limit is a setting: lowering it rejects the normal document, raising it analyzes it again', async () => {
    client.settings = { maxFileSize: 100 };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const rejected = await client.diagnostics(normal, (p) => p.diagnostics.some((d) => d.code === 'file-too-large'), 10_000, client.published.length);
    assert.match(rejected.diagnostics[0].message, /maxFileSize setting \(100\)/);
    client.settings = {};
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const back = await client.diagnostics(normal, (p) => p.diagnostics.some((d) => d.code === 'reference-unknown-target'), 10_000, client.published.length);
    assert.strictEqual(back.diagnostics.length, 1);
  });
});
