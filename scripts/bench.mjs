#!/usr/bin/env node
/**
 * `npm run bench` (builds first): speed and memory of the CLI, the analysis core and the
 * language server, against the targets of docs/benchmarks.md, and against cfn-lint where
 * it is installed. Prints a table; writes everything as JSON (default .bench/results.json).
 *
 *   node scripts/bench.mjs [--quick] [--no-cfn-lint] [--profile] [--out FILE]
 *
 *   --quick        fewer repetitions and no 20k-line template (a smoke run, ~1 min)
 *   --no-cfn-lint  skip the cfn-lint comparison even when cfn-lint is installed
 *   --profile      write V8 CPU profiles (--cpu-prof) of the warm analyses and of the
 *                  language server to .bench/profiles/ (open in Chrome DevTools)
 *
 * Templates: generated ones (test/bench/generate.ts: VPC, RDS, ASG + ALB, SAM functions with
 * events) of about 1k, 2k, 5k and 20k lines, one as JSON, written to .bench/templates/; and
 * the largest templates of ../shared/corpus (skipped when the corpus is absent).
 *
 * Measured per template: cold CLI (`node bin/cfn-resilience.js check FILE`, a new process),
 * warm full analysis (parse + graph + all rules, in a process that has analyzed it before),
 * re-analysis after a one-character edit (200 edits: a character typed into a word, then
 * deleted), and didChange -> publishDiagnostics through a real stdio connection to
 * `node dist/server.js --stdio` (200 edits, each awaited). Then: server ready time, server
 * memory after opening the ten largest corpus templates, a keystroke replay, and the CLI over
 * the whole corpus against cfn-lint over the same files.
 *
 * Measurements that run in-process (warm, edits) use a fresh child process each, so one
 * template's garbage does not slow the next.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const opt = (f, d) => {
  const i = args.indexOf(f);
  return i >= 0 ? args[i + 1] : d;
};

const out = (p) => join(repo, 'out', p);
const BENCH = join(repo, '.bench');
const PROFILES = join(BENCH, 'profiles');

/** Targets (docs/benchmarks.md). */
export const TARGETS = {
  warm2k: { label: 'warm full analysis, 2,000-line template', limit: 50, unit: 'ms', better: 'lower' },
  didChange2k: { label: 'p95 didChange -> diagnostics, 2,000 lines', limit: 100, unit: 'ms', better: 'lower' },
  ready: { label: 'server ready (first diagnostics, small file)', limit: 500, unit: 'ms', better: 'lower' },
  rss: { label: 'server peak RSS, ten largest corpus templates open', limit: 150, unit: 'MB', better: 'lower' },
  corpusRatio: { label: 'CLI over the corpus vs cfn-lint', limit: 20, unit: '×', better: 'higher' },
};

const round = (x, d = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);
const MB = (b) => round(b / 1048576, 1);

function percentile(values, p) {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
const stats = (v) => ({ n: v.length, min: round(Math.min(...v)), p50: round(percentile(v, 50)), p95: round(percentile(v, 95)), max: round(Math.max(...v)) });

/**
 * `count` one-character edits: a character typed inside a word (a value, a key, a name),
 * then deleted again, so the text alternates between the original and a one-letter typo.
 * Returns [offset, insert] pairs: insert=true types 'x' at offset, false deletes it.
 */
export function editPlan(text, count, seed = 7) {
  const rand = require(out('test/unit/rng.js')).rng(seed); // the tests' seeded PRNG (mulberry32)
  const word = /[A-Za-z0-9]/;
  const candidates = [];
  for (let i = 1; i < text.length - 1; i++) if (word.test(text[i - 1]) && word.test(text[i])) candidates.push(i);
  const plan = [];
  for (let k = 0; k < count; k += 2) {
    const at = candidates[Math.floor(rand() * candidates.length)];
    plan.push([at, true], [at, false]);
  }
  return plan.slice(0, count);
}

// ─── child: in-process analysis timings ─────────────────────────────────────────────
async function childAnalysis(file, iterations, editCount) {
  const { analyze } = require(out('server/src/core/analyze.js'));
  const text = readFileSync(file, 'utf8');
  const opts = { fileName: file };
  let t = performance.now();
  const first = analyze(text, opts);
  const firstMs = performance.now() - t;
  for (let i = 0; i < 3; i++) analyze(text, opts);
  const warm = [];
  for (let i = 0; i < iterations; i++) {
    t = performance.now();
    analyze(text, opts);
    warm.push(performance.now() - t);
  }
  // Each edit is analyzed with the analysis of the text before it, as the server does.
  const edits = [];
    let previous = analyze(text, opts);
  for (const [at, insert] of editPlan(text, editCount)) {
    const edited = insert ? text.slice(0, at) + 'x' + text.slice(at) : text;
    t = performance.now();
    previous = analyze(edited, { ...opts, previous });
    edits.push(performance.now() - t);
  }
  process.stdout.write(
    JSON.stringify({
      firstMs,
      warm,
      edits,
      findings: first.findings.length,
      resources: first.template.resources.size,
      kind: first.kind,
      heapMB: MB(process.memoryUsage().heapUsed),
    }),
  );
}

// ─── helpers ────────────────────────────────────────────────────────────────────────
function timeProcess(cmd, argv, options = {}) {
  const t = performance.now();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 256 * 1048576, ...options });
  return { ms: performance.now() - t, status: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error };
}

function cfnLintVersion() {
  if (flag('--no-cfn-lint')) return null;
  const r = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return (r.stdout || r.stderr).trim();
}

function corpusManifest() {
  return require(out('test/bench/corpus.js')).corpusFiles();
}

function templates(quick) {
  const { generateTemplate } = require(out('test/bench/generate.js'));
  const dir = join(BENCH, 'templates');
  mkdirSync(dir, { recursive: true });
  const list = [];
  const gen = [
    ['gen-1k.yaml', { lines: 1000 }],
    ['gen-2k.yaml', { lines: 2000 }],
    ['gen-2k.json', { lines: 2000, format: 'json' }],
    ['gen-5k.yaml', { lines: 5000 }],
    ...(quick ? [] : [['gen-20k.yaml', { lines: 20000 }]]),
  ];
  for (const [name, o] of gen) {
    const path = join(dir, name);
    writeFileSync(path, generateTemplate(o));
    list.push({ name, path, source: 'generated' });
  }
  const corpus = corpusManifest().sort((a, b) => b.lines - a.lines);
  const largest = corpus.slice(0, quick ? 2 : 4);
  const yaml = corpus.filter((x) => x.format === 'yaml' && !largest.includes(x)).slice(0, quick ? 1 : 2);
  for (const c of [...largest, ...yaml]) list.push({ name: c.rel, path: c.path, source: 'corpus' });
  for (const t of list) {
    const text = readFileSync(t.path, 'utf8');
    t.lines = text.split(/\r\n|\r|\n/).length - (/[\r\n]$/.test(text) ? 1 : 0);
    t.chars = text.length;
  }
  return list;
}

function languageOf(path) {
  return path.endsWith('.json') || readFileSync(path, 'utf8').trimStart().startsWith('{') ? 'json' : 'yaml';
}

// ─── measurements ───────────────────────────────────────────────────────────────────
function measureCli(t, runs) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const r = timeProcess(process.execPath, [join(repo, 'bin/cfn-resilience.js'), 'check', t.path, '--format', 'json', '--fail-on', 'none']);
    if (r.status !== 0) throw new Error(`cfn-resilience check ${t.path} exited ${r.status}: ${r.stderr}`);
    ms.push(r.ms);
  }
  return stats(ms);
}

function measureInProcess(t, iterations, edits) {
  const nodeArgs = flag('--profile') ? ['--cpu-prof', '--cpu-prof-dir', PROFILES, '--cpu-prof-name', `analysis-${basename(t.path)}.cpuprofile`] : [];
  const r = timeProcess(process.execPath, [...nodeArgs, fileURLToPath(import.meta.url), '--child', t.path, '--iterations', String(iterations), '--edits', String(edits)]);
  if (r.status !== 0) throw new Error(`analysis child failed on ${t.path}:\n${r.stderr}`);
  const x = JSON.parse(r.stdout);
  return { firstMs: round(x.firstMs), warm: stats(x.warm), edit: stats(x.edits), findings: x.findings, resources: x.resources, kind: x.kind };
}

async function newClient(extraNodeArgs = []) {
  const { LspClient } = require(out('test/bench/lsp-client.js'));
  const nodeArgs = [...extraNodeArgs];
  return new LspClient({ nodeArgs });
}

async function measureLsp(t, editCount, profileName) {
  const { Lines } = require(out('test/bench/lsp-client.js'));
  const client = await newClient(profileName ? ['--cpu-prof', '--cpu-prof-dir', PROFILES, '--cpu-prof-name', profileName] : []);
  try {
    await client.initialize();
    const text = readFileSync(t.path, 'utf8');
    const lines = new Lines(text);
    const uri = pathToFileURL(t.path).href;
    let version = 1;
    const t0 = performance.now();
    await client.open(uri, text, languageOf(t.path), version);
    const opened = await client.analyzed(uri, version, 60_000);
    const openMs = (opened.publish?.at ?? opened.status.at) - t0;
    const latencies = [];
    const analysisMs = [];
    for (const [at, insert] of editPlan(text, editCount)) {
      const start = lines.positionAt(at);
      const change = insert
        ? { range: { start, end: start }, text: 'x' }
        : { range: { start, end: { line: start.line, character: start.character + 1 } }, text: '' };
      version++;
      const sent = performance.now();
      await client.change(uri, version, [change]);
      const { status, publish } = await client.analyzed(uri, version, 30_000);
      latencies.push((publish?.at ?? status.at) - sent);
      analysisMs.push(status.ms);
    }
    if (client.errors.length) throw new Error(`server logged errors: ${client.errors.slice(0, 3).join('\n')}`);
    return { openMs: round(openMs), didChange: stats(latencies), serverAnalysis: stats(analysisMs) };
  } finally {
    await client.shutdown();
  }
}

function measureCfnLint(paths) {
  const r = timeProcess('cfn-lint', ['--format', 'parseable', '--', ...paths]);
  if (r.error) return null;
  // cfn-lint's exit status is a mask of the severities it found: only a crash counts as a failure.
  if (/Traceback \(most recent call last\)/.test(r.stderr)) throw new Error(`cfn-lint failed (${r.status}): ${r.stderr.slice(-800)}`);
  return round(r.ms);
}

async function measureReady(runs) {
  const { LspClient } = require(out('test/bench/lsp-client.js'));
  const small = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref Nme\n';
  const ready = [];
  const init = [];
  for (let i = 0; i < runs; i++) {
    const c = new LspClient();
    try {
      const t0 = c.spawnedAt;
      await c.initialize();
      init.push(performance.now() - t0);
      await c.open('file:///bench/ready.yaml', small, 'yaml', 1);
      const p = await c.diagnostics('file:///bench/ready.yaml', (x) => x.version === 1, 10_000);
      if (!p.diagnostics.length) throw new Error('the small template should have one diagnostic (an unknown Ref target)');
      ready.push(p.at - t0);
    } finally {
      await c.shutdown();
    }
  }
  return { initialize: stats(init), firstDiagnostics: stats(ready) };
}

async function measureMemory(corpus) {
  const largest = [...corpus].sort((a, b) => b.lines - a.lines).slice(0, 10);
  const client = await newClient(flag('--profile') ? ['--cpu-prof', '--cpu-prof-dir', PROFILES, '--cpu-prof-name', 'server-open-ten.cpuprofile'] : []);
  try {
    await client.initialize();
    const before = client.memory();
    let version = 1;
    for (const c of largest) {
      const uri = pathToFileURL(c.path).href;
      await client.open(uri, readFileSync(c.path, 'utf8'), languageOf(c.path), version);
    }
    for (const c of largest) await client.analyzed(pathToFileURL(c.path).href, version, 60_000);
    // Ask every open document for symbols and code lenses too (the features' own caches).
    for (const c of largest) {
      const uri = pathToFileURL(c.path).href;
      await client.request('textDocument/documentSymbol', { textDocument: { uri } });
      await client.request('textDocument/codeLens', { textDocument: { uri } }).catch(() => null);
    }
    const after = client.memory();
    return {
      files: largest.map((c) => c.rel),
      lines: largest.reduce((n, c) => n + c.lines, 0),
      idleRssMB: before ? MB(before.rss) : null,
      rssMB: after ? MB(after.rss) : null,
      peakRssMB: after ? MB(after.peak) : null,
    };
  } finally {
    await client.shutdown();
  }
}

async function measureReplay(corpus, every) {
  const { replay } = require(out('test/bench/replay.js'));
  const pick = corpus.find((c) => c.rel.endsWith('aurora_postgres.template.yaml')) ?? corpus.filter((c) => c.format === 'yaml' && c.lines >= 900).sort((a, b) => a.lines - b.lines)[0];
  if (!pick) return null;
  const client = await newClient();
  try {
    await client.initialize();
    const r = await replay({ client, uri: 'file:///bench/replay.yaml', text: readFileSync(pick.path, 'utf8'), every });
    return {
      file: pick.rel,
      lines: pick.lines,
      keystrokes: r.steps,
      every,
      checkpoints: r.checkpoints,
      publishes: r.publishes,
      seconds: round(r.ms / 1000, 2),
      perKeystrokeMs: round(r.ms / r.steps, 3),
      checkpointLatency: stats(r.latencies),
      violations: r.violations.length,
      serverErrors: client.errors.length,
    };
  } finally {
    await client.shutdown();
  }
}

// ─── report ─────────────────────────────────────────────────────────────────────────
function table(rows, header) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c ?? '').padEnd(widths[i]) : String(c ?? '').padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function verdict(key, value) {
  const t = TARGETS[key];
  if (value === null || value === undefined || !Number.isFinite(value)) return { ...t, value: null, pass: null };
  const pass = t.better === 'lower' ? value < t.limit : value >= t.limit;
  return { ...t, value, pass };
}

async function main() {
  const quick = flag('--quick');
  const outFile = resolve(opt('--out', join(BENCH, 'results.json')));
  if (!existsSync(join(repo, 'dist/server.js')) || !existsSync(out('test/bench/generate.js'))) {
    console.error('bench: run `npm run build` first (npm run bench does)');
    process.exit(2);
  }
  if (flag('--profile')) {
    rmSync(PROFILES, { recursive: true, force: true });
    mkdirSync(PROFILES, { recursive: true });
  }
  const started = new Date();
  const load0 = loadavg();
  const cfnLint = cfnLintVersion();
  const corpus = corpusManifest();
  const list = templates(quick);
  const runs = quick ? 1 : 3;
  const iterations = quick ? 10 : 30;
  const editCount = quick ? 60 : 200;
  const log = (m) => process.stderr.write(m + '\n');
  log(`bench: ${list.length} templates, ${corpus.length} corpus files, cfn-lint ${cfnLint ?? 'not used'}${quick ? ' (quick)' : ''}`);

  const results = [];
  for (const t of list) {
    log(`  ${t.name} (${t.lines} lines)`);
    const r = { name: t.name, source: t.source, lines: t.lines, chars: t.chars };
    r.cli = measureCli(t, runs);
    Object.assign(r, measureInProcess(t, iterations, editCount));
    Object.assign(r, await measureLsp(t, editCount, flag('--profile') ? `server-${basename(t.path)}.cpuprofile` : undefined));
    if (cfnLint && !(quick && t.lines > 6000)) {
      r.cfnLintMs = measureCfnLint([t.path]);
      r.cfnLintRatio = r.cfnLintMs ? round(r.cfnLintMs / r.cli.p50) : null;
    }
    results.push(r);
  }

  log('  server ready');
  const ready = await measureReady(quick ? 3 : 7);
  let memory = null;
  let replayResult = null;
  let corpusRun = null;
  if (corpus.length) {
    log('  server memory (ten largest corpus templates)');
    memory = await measureMemory(corpus);
    log('  keystroke replay');
    replayResult = await measureReplay(corpus, quick ? 500 : 100);
    log(`  CLI over the corpus (${corpus.length} files)`);
    const paths = corpus.map((c) => c.path);
    const cli = [];
    for (let i = 0; i < runs; i++) {
      const r = timeProcess(process.execPath, [join(repo, 'bin/cfn-resilience.js'), 'check', '--format', 'json', '--fail-on', 'none', ...paths]);
      if (r.status !== 0) throw new Error(`cfn-resilience check (corpus) exited ${r.status}: ${r.stderr.slice(0, 500)}`);
      cli.push(r.ms);
    }
    corpusRun = { files: paths.length, lines: corpus.reduce((n, c) => n + c.lines, 0), cli: stats(cli) };
    if (cfnLint) {
      log('  cfn-lint over the corpus');
      corpusRun.cfnLintMs = measureCfnLint(paths);
      corpusRun.ratio = corpusRun.cfnLintMs ? round(corpusRun.cfnLintMs / corpusRun.cli.p50) : null;
    }
  }

  const two = results.find((r) => r.name === 'gen-2k.yaml');
  const targets = {
    warm2k: verdict('warm2k', two?.warm.p50),
    didChange2k: verdict('didChange2k', two?.didChange.p95),
    ready: verdict('ready', ready.firstDiagnostics.p50),
    rss: verdict('rss', memory?.peakRssMB),
    corpusRatio: verdict('corpusRatio', corpusRun?.ratio),
  };
  const report = {
    date: started.toISOString(),
    quick,
    machine: { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: cpus().length, cpu: cpus()[0]?.model, memoryGB: round(totalmem() / 2 ** 30), loadavgStart: load0.map((x) => round(x, 2)), loadavgEnd: loadavg().map((x) => round(x, 2)) },
    cfnLint,
    templates: results,
    ready,
    memory,
    replay: replayResult,
    corpus: corpusRun,
    targets,
  };
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify(report, null, 2) + '\n');

  // ─── print ───
  console.log(`\ncfn-resilience benchmark — ${report.date}, node ${process.version}, ${report.machine.cpus} CPUs, load ${report.machine.loadavgStart[0]} → ${report.machine.loadavgEnd[0]}${quick ? ' (quick)' : ''}\n`);
  console.log(
    table(
      results.map((r) => [
        r.name,
        r.lines,
        r.resources,
        r.cli.p50,
        r.warm.p50,
        `${r.edit.p50} / ${r.edit.p95}`,
        `${r.didChange.p50} / ${r.didChange.p95}`,
        r.serverAnalysis.p50,
        r.cfnLintMs ?? '—',
        r.cfnLintRatio ? `${r.cfnLintRatio}×` : '—',
      ]),
      ['template', 'lines', 'resources', 'cold CLI ms', 'warm ms', 'edit p50/p95 ms', 'didChange→diag p50/p95 ms', 'server analysis ms', 'cfn-lint ms', 'cfn-lint/CLI'],
    ),
  );
  console.log(`\nserver: initialize ${ready.initialize.p50} ms, first diagnostics ${ready.firstDiagnostics.p50} ms after spawn (p50 of ${ready.firstDiagnostics.n})`);
  if (memory) console.log(`server memory: ${memory.idleRssMB} MB idle; ${memory.rssMB} MB RSS, ${memory.peakRssMB} MB peak with the ten largest corpus templates open (${memory.lines} lines)`);
  if (replayResult) {
    const r = replayResult;
    console.log(`keystroke replay: ${r.file} (${r.lines} lines) typed and deleted, ${r.keystrokes} keystrokes in ${r.seconds} s (${r.perKeystrokeMs} ms each); diagnostics ${r.checkpointLatency.p50} / ${r.checkpointLatency.p95} ms (p50/p95) after every ${r.every}th; ${r.violations} violations, ${r.serverErrors} server errors`);
  }
  if (corpusRun) console.log(`corpus: ${corpusRun.files} files, ${corpusRun.lines} lines: CLI ${corpusRun.cli.p50} ms${corpusRun.cfnLintMs ? `, cfn-lint ${corpusRun.cfnLintMs} ms: ${corpusRun.ratio}× faster` : cfnLint ? '' : ' (no cfn-lint comparison: not installed, or --no-cfn-lint)'}`);
  console.log('\ntargets:');
  for (const v of Object.values(targets)) {
    const mark = v.pass === null ? 'n/a ' : v.pass ? 'PASS' : 'FAIL';
    console.log(`  ${mark}  ${v.label}: ${v.value ?? '—'} ${v.value === null ? '' : v.unit} (target ${v.better === 'lower' ? '<' : '≥'} ${v.limit} ${v.unit})`);
  }
  console.log(`\nwritten: ${relative(process.cwd(), outFile) || outFile}${flag('--profile') ? `; profiles in ${relative(process.cwd(), PROFILES)}` : ''}`);
}

if (flag('--child')) {
  await childAnalysis(opt('--child'), Number(opt('--iterations', '30')), Number(opt('--edits', '200')));
} else {
  main().catch((e) => {
    console.error(e?.stack ?? e);
    process.exit(1);
  });
}
