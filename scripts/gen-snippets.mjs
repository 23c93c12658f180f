#!/usr/bin/env node
// Generates the VS Code snippet files snippets/yaml.json and snippets/json.json from the single source of truth,
// snippets/src/*.yaml (one resilient pattern per file, written once in YAML).
//
// Source file fields:
//   prefix       cfn-… or sam-… (what the user types)
//   name         the snippet's title
//   description  one or two sentences: what the pattern is and why it is resilient
//   needs        prefixes of other snippets whose resources this one references by default (the snippet test
//                inserts them into the same template; the user usually already has them, e.g. the VPC)
//   body         the pattern, in YAML, with short-form tags, 2-space indentation, and tab stops written as
//                  $[1:Default]   a tab stop with its default text
//                  $[1]           a mirror of tab stop 1 (same text, typed once)
//                  $[2|a,b,c|]    a choice, the first one being the default
//                Everything else is literal text: `${AWS::Region}` in a Sub string stays as written.
//
// The JSON body is the YAML body converted by the project's own YAML reader (out/, so run this after tsc, as
// `npm run build` does) with short-form tags in long form; a tab stop whose default makes a YAML number or boolean
// becomes an unquoted JSON number or boolean. JSON is indented with tabs, which VS Code turns into the editor's own
// indentation when it inserts the snippet; YAML keeps its 2 spaces (see yamlBody).
//
//   node scripts/gen-snippets.mjs           write the files when they changed
//   node scripts/gen-snippets.mjs --check   exit 1 when a file is out of date
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const srcDir = join(root, 'snippets/src');
const check = process.argv.includes('--check');

const parserPath = join(root, 'out/server/src/core/parse/template.js');
if (!existsSync(parserPath)) {
  console.error('gen-snippets: out/ is missing; run tsc (npm run build) first');
  process.exit(2);
}
const { parseTemplate } = require(parserPath);

/** The plain data of a parsed node, intrinsics in long form (as a JSON template writes them). */
function toData(n) {
  if (!n) return null;
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(toData);
  const o = {};
  for (const p of n.pairs) {
    const k = String(p.key.value);
    let v = toData(p.value);
    // `!GetAtt A.B` -> {"Fn::GetAtt": ["A", "B"]}, the form JSON templates use.
    if (k === 'Fn::GetAtt' && typeof v === 'string' && v.includes('.')) v = [v.slice(0, v.indexOf('.')), v.slice(v.indexOf('.') + 1)];
    o[k] = v;
  }
  return o;
}

function parseYamlStrict(text, where) {
  const t = parseTemplate(text, { format: 'yaml' });
  const errors = t.issues.filter((i) => i.severity === 'error');
  if (errors.length) {
    const e = errors[0];
    const line = text.slice(0, e.start).split('\n').length;
    throw new Error(`${where}: line ${line}: ${e.message}`);
  }
  return t.root;
}

const STOP = /\$\[(\d+)(?::([^\]]*)|\|([^\]]*)\|)?\]/g;

/**
 * Splits a source body into literal text and tab stops. Returns the stops (number -> default / choices) and a
 * function writing the body with each stop replaced by `replace(stop, index)`.
 */
function scan(body, where) {
  const stops = new Map();
  const parts = [];
  let last = 0;
  for (const m of body.matchAll(STOP)) {
    parts.push(body.slice(last, m.index));
    const n = Number(m[1]);
    const def = m[2];
    const choices = m[3] !== undefined ? m[3].split(',') : undefined;
    const s = stops.get(n) ?? { n, default: undefined, choices: undefined };
    if (def !== undefined) {
      if (s.default !== undefined && s.default !== def) throw new Error(`${where}: tab stop ${n} has two defaults`);
      if (/["\\\n]/.test(def)) throw new Error(`${where}: the default of tab stop ${n} must not contain quotes, backslashes or line breaks`);
      s.default = def;
    }
    if (choices) {
      if (s.choices) throw new Error(`${where}: choice ${n} is written twice (mirror it with $[${n}])`);
      s.choices = choices;
    }
    stops.set(n, s);
    parts.push({ n });
    last = m.index + m[0].length;
  }
  parts.push(body.slice(last));
  if (body.replace(STOP, '').includes('$[')) throw new Error(`${where}: malformed tab stop near "${body.slice(body.replace(STOP, '').indexOf('$['), 40)}"`);
  for (const s of stops.values()) if (s.default === undefined && !s.choices && s.n !== 0) throw new Error(`${where}: tab stop ${s.n} has no default`);
  const write = (replace) => parts.map((p) => (typeof p === 'string' ? p : replace(stops.get(p.n)))).join('');
  return { stops, write };
}

const defaultText = (s) => (s.choices ? s.choices[0] : (s.default ?? ''));

/** Snippet-syntax escapes: `$` and `\` everywhere, `}` (and `,` `|` in choices) inside placeholders. */
const escText = (s) => s.replace(/[\\$]/g, '\\$&');
const escDefault = (s) => s.replace(/[\\$}]/g, '\\$&');
const escChoice = (s) => s.replace(/[\\$},|]/g, '\\$&');

/** Writes the stops in snippet syntax: the default at the first occurrence, mirrors after it. */
function placeholders() {
  const seen = new Set();
  return (s) => {
    const first = !seen.has(s.n);
    seen.add(s.n);
    if (!first || s.n === 0) return `\${${s.n}}`;
    if (s.choices) return `\${${s.n}|${s.choices.map(escChoice).join(',')}|}`;
    return `\${${s.n}:${escDefault(s.default)}}`;
  };
}

function yamlBody(src, where) {
  const { write } = scan(src.body, where);
  // Literal text is escaped; sentinels keep the stops apart until then.
  const marks = [];
  const marked = write((s) => {
    marks.push(s);
    return `\u0000${marks.length - 1}\u0000`;
  });
  const ph = placeholders();
  const text = escText(marked).replace(/\u0000(\d+)\u0000/g, (_, i) => ph(marks[Number(i)]));
  // Spaces, not tabs: a tab would become the editor's indentation unit, and with a unit other than two the lines
  // under a compact `- Key:` item would no longer line up with its first key.
  return text.replace(/\n+$/, '').split('\n');
}

const isScalar = (v) => v === null || typeof v !== 'object';
const isIntrinsic = (v) => v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && /^(Ref|Condition|Fn::.*)$/.test(Object.keys(v)[0]);
const inline = (v) => (Array.isArray(v) ? `[${v.map(inline).join(', ')}]` : v && typeof v === 'object' ? `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`).join(', ')}}` : JSON.stringify(v));

/** Tab-indented JSON in the usual template style: short intrinsic calls and lists of scalars stay on one line. */
function pretty(v, indent) {
  if (isScalar(v)) return JSON.stringify(v);
  const one = inline(v);
  const short = one.length <= 80;
  if (short && (isIntrinsic(v) || (Array.isArray(v) && v.every((x) => isScalar(x) || isIntrinsic(x))))) return one;
  const inner = indent + '\t';
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return `[\n${v.map((x) => inner + pretty(x, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v);
  if (!entries.length) return '{}';
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${pretty(x, inner)}`).join(',\n')}\n${indent}}`;
}

function jsonBody(src, where) {
  const { stops, write } = scan(src.body, where);
  const sentinel = (n) => `zzTabStop${n}zz`;
  const withSentinels = write((s) => sentinel(s.n));
  const withDefaults = write(defaultText);
  const marked = toData(parseYamlStrict(withSentinels, `${where} (tab stops as names)`));
  const expanded = toData(parseYamlStrict(withDefaults, `${where} (tab stops at their defaults)`));
  // Where a whole value is one tab stop whose default YAML reads as a number or boolean, JSON writes it unquoted.
  const RAW = (n) => `zzRawTabStop${n}zz`;
  const unquote = (m, e) => {
    if (typeof m === 'string') {
      const hit = /^zzTabStop(\d+)zz$/.exec(m);
      if (hit && (typeof e === 'number' || typeof e === 'boolean')) return RAW(hit[1]);
      return m;
    }
    if (Array.isArray(m)) return m.map((x, i) => unquote(x, Array.isArray(e) ? e[i] : undefined));
    if (m && typeof m === 'object') {
      const o = {};
      // Keys may hold tab stops too: walk both trees by position.
      const ev = e && typeof e === 'object' ? Object.values(e) : [];
      Object.entries(m).forEach(([k, v], i) => (o[k] = unquote(v, ev[i])));
      return o;
    }
    return m;
  };
  const data = unquote(marked, expanded);
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${where}: the body must be a mapping of logical IDs`);
  // The members of the Resources object, without its braces: inserted between other resources.
  const lines = [];
  const entries = Object.entries(data);
  entries.forEach(([k, v], i) => {
    const json = `${JSON.stringify(k)}: ${pretty(v, '')}`.split('\n');
    if (i < entries.length - 1) json[json.length - 1] += ',';
    lines.push(...json);
  });
  const ph = placeholders();
  const text = escText(lines.join('\n'))
    .replace(/"zzRawTabStop(\d+)zz"/g, (_, n) => ph(stops.get(Number(n))))
    .replace(/zzTabStop(\d+)zz/g, (_, n) => ph(stops.get(Number(n))));
  if (/zz(Raw)?TabStop/.test(text)) throw new Error(`${where}: a tab stop was lost in the JSON form`);
  return text.split('\n');
}

function loadSources(dir = srcDir) {
  const out = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    const where = `snippets/src/${f}`;
    const root0 = parseYamlStrict(readFileSync(join(dir, f), 'utf8'), where);
    const src = toData(root0);
    for (const k of ['prefix', 'name', 'description', 'body']) {
      if (typeof src[k] !== 'string' || !src[k].trim()) throw new Error(`${where}: "${k}" is required`);
    }
    if (!/^(cfn|sam)-[a-z0-9-]+$/.test(src.prefix)) throw new Error(`${where}: prefix must be cfn-… or sam-… (lower case)`);
    if (`${src.prefix}.yaml` !== f) throw new Error(`${where}: the file must be named after its prefix (${src.prefix}.yaml)`);
    out.push({ file: f, where, ...src, needs: src.needs ?? [] });
  }
  const prefixes = new Set(out.map((s) => s.prefix));
  for (const s of out) for (const n of s.needs) if (!prefixes.has(n)) throw new Error(`${s.where}: needs unknown snippet ${n}`);
  return out;
}

function generate() {
  const sources = loadSources();
  const yaml = {};
  const json = {};
  for (const s of sources) {
    const description = s.description.replace(/\s+/g, ' ').trim();
    yaml[s.name] = { prefix: s.prefix, description, body: yamlBody(s, s.where) };
    json[s.name] = { prefix: s.prefix, description, body: jsonBody(s, s.where) };
  }
  return {
    'snippets/yaml.json': JSON.stringify(yaml, null, 2) + '\n',
    'snippets/json.json': JSON.stringify(json, null, 2) + '\n',
  };
}

let files;
try {
  files = generate();
} catch (e) {
  console.error(`gen-snippets: ${e.message}`);
  process.exit(1);
}
const stale = [];
for (const [rel, text] of Object.entries(files)) {
  const file = join(root, rel);
  if (existsSync(file) && readFileSync(file, 'utf8') === text) continue;
  stale.push(rel);
  if (!check) writeFileSync(file, text);
}
if (check && stale.length) {
  console.error(`gen-snippets: out of date: ${stale.join(', ')} (run node scripts/gen-snippets.mjs)`);
  process.exit(1);
}
if (!check && stale.length && process.argv.includes('--verbose')) console.log(`gen-snippets: wrote ${stale.join(', ')}`);
