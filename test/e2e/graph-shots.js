#!/usr/bin/env node
'use strict';
// Screenshots of the dependency graph view in code-server on real templates from ../shared/corpus (not part of
// `npm test`: it needs the corpus, and its output is pictures for people to look at, docs/images/ in the README).
//
// Usage: node test/e2e/graph-shots.js [--out DIR] [--corpus DIR] [--viewport WxH] [--keep]
//   --out DIR        where the PNGs go (default test-results/graph-shots)
//   --corpus DIR     default ../shared/corpus
//   --viewport WxH   browser page size (default 1600x1000)
//   --write-only DIR write the templates into DIR and stop (to look at them, or their layout, without code-server)
//
// Templates: the corpus template whose resource count is nearest 50, and, as no corpus template has 300 resources,
// a composite of the largest ones (each entity renamed with a per-template prefix by the server's own rename, then
// the sections merged) of about 300 resources. Both are written to a temporary workspace, opened in code-server by
// test/e2e/run.js with test/e2e/graph-shots/index.js as the test module, which takes the shots.
// Needs `npm run build` (the shots use the built extension and out/ for counting and renaming).
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..');

function args(argv) {
  const o = { out: path.join(REPO, 'test-results', 'graph-shots'), corpus: path.resolve(REPO, '..', 'shared', 'corpus'), viewport: '1600x1000', keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--keep') o.keep = true;
    else if (a === '--out') o.out = path.resolve(argv[++i]);
    else if (a === '--corpus') o.corpus = path.resolve(argv[++i]);
    else if (a === '--viewport') o.viewport = argv[++i];
    else if (a === '--write-only') o.writeOnly = path.resolve(argv[++i]);
    else if (a === '--help' || a === '-h') o.help = true;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

function load(rel) {
  const file = path.join(REPO, 'out', rel);
  if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO, file)} is missing: run npm run build`);
  return require(file);
}

/** Every template of the corpus with its resource count (cfn-lint's result copies left out). */
function templates(corpus, analyze) {
  const found = [];
  const walk = (dir) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      const st = fs.statSync(p);
      if (st.isDirectory()) {
        if (name !== 'cfnlint-results' && name !== 'cfnlint-bad') walk(p);
      } else if (/\.(ya?ml|json|template)$/i.test(name) && st.size < 2_000_000) {
        let a;
        try { a = analyze(fs.readFileSync(p, 'utf8'), { fileName: p }); } catch { continue; }
        if (a.kind !== 'none') found.push({ file: p, resources: a.template.resources.size, kind: a.kind });
      }
    }
  };
  walk(corpus);
  return found;
}

/** The template with every parameter, condition, mapping, resource and output renamed `${prefix}${name}`. */
function prefixed(text, fileName, prefix, analyze, renameEdits) {
  const a = analyze(text, { fileName });
  const t = a.template;
  const edits = [];
  for (const map of [t.parameters, t.conditions, t.mappings, t.resources, t.outputs]) {
    for (const e of map.values()) {
      const r = renameEdits(a, e.key.start + 1, `${prefix}${e.id}`);
      if (r.edits) edits.push(...r.edits);
    }
  }
  edits.sort((x, y) => y.start - x.start);
  let out = text;
  let limit = Infinity;
  for (const e of edits) {
    if (e.end > limit) continue; // overlapping (never expected): keep the first
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

/** One YAML template made of the given ones (prefixes P1, P2…), short-form tags kept as they are. */
function composite(files, analyze, renameEdits) {
  const YAML = require(path.join(REPO, 'node_modules', 'yaml'));
  const merged = new YAML.Document({ AWSTemplateFormatVersion: '2010-09-09' });
  const sections = ['Parameters', 'Conditions', 'Mappings', 'Resources', 'Outputs'];
  const sam = files.some((f) => f.kind === 'sam');
  if (sam) merged.set('Transform', 'AWS::Serverless-2016-10-31');
  merged.set('Description', `Composite of ${files.length} corpus templates (${files.map((f) => path.basename(f.file)).join(', ')}), each entity prefixed with the template's number, for the dependency graph screenshots.`);
  for (const s of sections) merged.set(s, merged.createNode({}));
  files.forEach((f, i) => {
    const text = prefixed(fs.readFileSync(f.file, 'utf8'), f.file, `T${i + 1}`, analyze, renameEdits);
    const doc = YAML.parseDocument(text, { uniqueKeys: false, strict: false, prettyErrors: false });
    for (const s of sections) {
      const from = doc.get(s, true);
      if (!from || !from.items) continue;
      const to = merged.get(s, true);
      for (const pair of from.items) to.items.push(pair);
    }
  });
  for (const s of sections) if (!merged.get(s, true).items.length) merged.delete(s);
  return merged.toString({ lineWidth: 0, collectionStyle: 'block' });
}

function main() {
  const o = args(process.argv.slice(2));
  if (o.help) {
    process.stdout.write(fs.readFileSync(__filename, 'utf8').split('\n').slice(2).filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n') + '\n');
    return 0;
  }
  if (!fs.existsSync(o.corpus)) {
    console.error(`graph-shots: no corpus at ${o.corpus}`);
    return 2;
  }
  const { analyze } = load('server/src/core/analyze.js');
  const { renameEdits } = load('server/src/core/features/navigation.js');
  const all = templates(o.corpus, analyze);
  const near50 = [...all].sort((a, b) => Math.abs(a.resources - 50) - Math.abs(b.resources - 50) || a.file.localeCompare(b.file))[0];
  const largest = [...all].sort((a, b) => b.resources - a.resources || a.file.localeCompare(b.file));
  const parts = [];
  let total = 0;
  for (const t of largest) {
    if (total >= 290) break;
    parts.push(t);
    total += t.resources;
  }

  const ws = o.writeOnly || fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-graph-shots-'));
  fs.mkdirSync(ws, { recursive: true });
  const ext50 = path.extname(near50.file) === '.json' ? '.json' : '.yaml';
  const name50 = `${path.basename(path.dirname(near50.file))}${ext50}`;
  fs.copyFileSync(near50.file, path.join(ws, name50));
  const text300 = composite(parts, analyze, renameEdits);
  const a300 = analyze(text300, { fileName: 'composite-300.yaml' });
  fs.writeFileSync(path.join(ws, 'composite-300.yaml'), text300);
  const degree = new Map();
  for (const e of a300.graph.edges) {
    if (!e.from.startsWith('Resources.') || !e.to.startsWith('Resources.')) continue;
    for (const [a, b] of [[e.from, e.to], [e.to, e.from]]) {
      if (!degree.has(a)) degree.set(a, new Set());
      degree.get(a).add(b);
    }
  }
  // the zoomed-in shot centres on a resource with a finding (the worst first), among them the one with most neighbours
  const RANK = { error: 3, warning: 2, info: 1 };
  const worst = new Map();
  for (const f of a300.findings) if (f.resource) worst.set(f.resource, Math.max(worst.get(f.resource) || 0, RANK[f.severity]));
  const busiest = [...degree].map(([id, near]) => ({ name: id.slice('Resources.'.length), near: near.size }))
    .sort((a, b) => (worst.get(b.name) || 0) - (worst.get(a.name) || 0) || b.near - a.near || a.name.localeCompare(b.name))[0].name;
  const a50 = analyze(fs.readFileSync(near50.file, 'utf8'), { fileName: near50.file });
  const flagged = a50.findings.filter((f) => f.resource && a50.template.resources.has(f.resource)).sort((x, y) => RANK[y.severity] - RANK[x.severity]);
  const plan = [
    { file: name50, source: path.relative(o.corpus, near50.file), resources: near50.resources, shot: 'graph-50', layout: 'beside',
      click: flagged.length ? flagged[0].resource : [...a50.template.resources.keys()][0] },
    { file: 'composite-300.yaml', source: parts.map((p) => path.relative(o.corpus, p.file)).join(' + '), resources: a300.template.resources.size,
      shot: 'graph-300', layout: 'maximized', zoom: busiest },
  ];
  fs.writeFileSync(path.join(ws, 'shots.json'), JSON.stringify(plan, null, 2));
  for (const p of plan) console.log(`${p.shot}: ${p.resources} resources (${p.source})`);
  if (o.writeOnly) return 0;

  fs.mkdirSync(o.out, { recursive: true });
  const r = spawnSync(process.execPath, [path.join(__dirname, 'run.js'), '--tests', path.join(__dirname, 'graph-shots', 'index.js'),
    '--folder', ws, '--screenshot-dir', o.out, '--viewport', o.viewport, '--timeout', '240000'], { stdio: 'inherit' });
  if (o.keep) console.log(`workspace kept: ${ws}`);
  else fs.rmSync(ws, { recursive: true, force: true });
  return r.status ?? 1;
}

try {
  process.exit(main());
} catch (e) {
  console.error(`graph-shots: ${e.message}`);
  process.exit(2);
}
