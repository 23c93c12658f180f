#!/usr/bin/env node
/**
 * Extracts a compact, lazily loadable resource-type index from the database that ships
 * with `@aws-cdk/aws-service-spec` (Apache-2.0) and writes `server/data/schema.json`.
 *
 *   node scripts/build-schema.mjs            # skips when the output is up to date
 *   node scripts/build-schema.mjs --force    # always rebuilds
 *   node scripts/build-schema.mjs --out FILE # other output path
 *
 * The package's own loader (`@cdklabs/tskb` hydration) is not used: the gzipped db is a
 * plain JSON dump `{ idCtr, schema: { resource: { entities: [...] }, typeDefinition: ...,
 * usesType: { forward: {...} }, ... } }`, and reading `resource` + `typeDefinition`
 * directly is all we need (~0.2 s instead of building the full in-memory graph).
 *
 * Output format (valid JSON, but laid out so the server never parses it whole):
 *
 *   line 1: {"header":{"format":"cfn-resilience-schema/1",...,"index":{"AWS::S3::Bucket":[off,len],...}},
 *   line 2: "types":{
 *   line n: "AWS::S3::Bucket":{...compact entry...},
 *   last  : }}
 *
 * `off`/`len` are byte offsets of each entry's object text, relative to the first byte
 * of line 2. The loader reads the file once into a Buffer, parses only line 1 (names +
 * offsets, ~60 KB), and `JSON.parse`s one entry the first time that type is asked for.
 *
 * Compact entry (see server/src/core/spec/format.ts, which must stay in sync):
 *   { d?: doc, p: { Prop: P }, a?: { Attr: { t: T, d?: doc } }, y?: { Type: { d?, p, g?: 1 } },
 *     s?: 1 (stateful), x?: transform, tg?: tag property name }
 *   P = { t: T, r?: 1 (required), d?: doc, x?: 1 (deprecated), dv?: default (string),
 *         u?: 'yes'|'maybe' (update causes replacement), pt?: [T] (previous types) }
 *   T = 'string'|'integer'|'number'|'boolean'|'json'|'timestamp'|'any'
 *     | '#Name'            reference to nested type `Name` of the same resource
 *     | ['L', T] | ['M', T] | ['U', T, T, ...]
 *     | ['S', 'a', 'b']    string enum      | ['I', 1, 2]  integer enum
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync, openSync, readSync, closeSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const FORMAT = 'cfn-resilience-schema/1';
/** Docs longer than this are cut to their first sentence (and to this length); --max-doc N. */
let MAX_DOC = 300;
/** Name used for the CloudFormation built-in `Tag` ({Key, Value}) when a resource uses it. */
const TAG_NAME = 'Tag';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');

function parseArgs(argv) {
  const opts = { force: false, out: join(repo, 'server', 'data', 'schema.json'), quiet: false, maxDoc: 300 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--force' || a === '-f') opts.force = true;
    else if (a === '--quiet' || a === '-q') opts.quiet = true;
    else if (a === '--out') opts.out = resolve(argv[++i]);
    else if (a === '--max-doc') opts.maxDoc = Number(argv[++i]);
    else if (a === '--no-docs') opts.maxDoc = 0;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/build-schema.mjs [--force] [--quiet] [--out FILE] [--max-doc N | --no-docs]');
      process.exit(0);
    } else {
      console.error(`build-schema: unknown argument ${a}`);
      process.exit(2);
    }
  }
  return opts;
}

function locatePackage() {
  const require = createRequire(join(repo, 'package.json'));
  let pkgJson;
  try {
    pkgJson = require.resolve('@aws-cdk/aws-service-spec/package.json');
  } catch {
    // Some packages do not export package.json; fall back to the main entry.
    const main = require.resolve('@aws-cdk/aws-service-spec');
    pkgJson = join(dirname(main), '..', 'package.json');
  }
  const dir = dirname(pkgJson);
  const pkg = JSON.parse(readFileSync(pkgJson, 'utf8'));
  return { dir, version: pkg.version, db: join(dir, 'db.json.gz') };
}

/** Reads only the first line (the header) of an existing output, or undefined. */
function readExistingHeader(file) {
  let fd;
  try {
    fd = openSync(file, 'r');
    const chunks = [];
    const chunk = Buffer.alloc(256 * 1024);
    for (let pos = 0, total = 0; total < 16 * 1024 * 1024; ) {
      const n = readSync(fd, chunk, 0, chunk.length, pos);
      if (n <= 0) return undefined;
      const part = Buffer.from(chunk.subarray(0, n));
      const nl = part.indexOf(10);
      if (nl >= 0) {
        chunks.push(part.subarray(0, nl));
        break;
      }
      chunks.push(part);
      pos += n;
      total += n;
    }
    const line = Buffer.concat(chunks).toString('utf8');
    const prefix = '{"header":';
    if (!line.startsWith(prefix) || !line.endsWith(',')) return undefined;
    return JSON.parse(line.slice(prefix.length, -1));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------
// Documentation shortening

const ABBREV = /(?:\be\.g|\bi\.e|\betc|\bvs|\bInc|\bLtd|\bapprox|\bNo|\bU\.S|\bSt)$/;

/** First sentence of the first paragraph, cut to about MAX_DOC characters. */
export function shortenDoc(text) {
  if (typeof text !== 'string' || MAX_DOC <= 0) return undefined;
  // Markdown links become their text: the hover links to the reference page anyway, and
  // the URLs are a sixth of all documentation bytes.
  let s = text
    .replace(/\r\n?/g, '\n')
    .replace(/\[([^\]\n]*)\]\([^)\s]*\)/g, '$1')
    .trim();
  if (!s) return undefined;
  if (s.length <= MAX_DOC) return s;
  s = s.split(/\n\s*\n/)[0].trim();
  // First sentence: a period (or ! ?) followed by whitespace/end, not after an abbreviation,
  // and not inside `code` or a markdown link target.
  let inCode = false;
  let depthParen = 0;
  let depthBracket = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '`') inCode = !inCode;
    if (inCode) continue;
    if (c === '[') depthBracket++;
    else if (c === ']') depthBracket = Math.max(0, depthBracket - 1);
    else if (c === '(') depthParen++;
    else if (c === ')') depthParen = Math.max(0, depthParen - 1);
    else if ((c === '.' || c === '!' || c === '?') && depthParen === 0 && depthBracket === 0 && i >= 15) {
      const next = s[i + 1];
      if (next === undefined || next === ' ' || next === '\n' || next === '\t') {
        if (c === '.' && ABBREV.test(s.slice(Math.max(0, i - 8), i))) continue;
        s = s.slice(0, i + 1);
        break;
      }
    }
  }
  if (s.length <= MAX_DOC) return s;
  let cut = s.slice(0, MAX_DOC);
  const sp = cut.lastIndexOf(' ');
  if (sp > MAX_DOC * 0.6) cut = cut.slice(0, sp);
  // Don't leave a half markdown link or an unterminated code span.
  const lb = cut.lastIndexOf('[');
  if (lb >= 0 && !/\]\([^)]*\)/.test(cut.slice(lb))) cut = cut.slice(0, lb);
  if ((cut.match(/`/g) || []).length % 2 === 1) cut = cut.slice(0, cut.lastIndexOf('`'));
  return cut.replace(/[\s,;:(]+$/, '') + ' …';
}

// ---------------------------------------------------------------------------------------
// Conversion

const PRIMITIVES = {
  string: 'string',
  integer: 'integer',
  number: 'number',
  boolean: 'boolean',
  json: 'json',
  'date-time': 'timestamp',
  null: 'any',
};

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!Number.isFinite(opts.maxDoc) || opts.maxDoc < 0) {
    console.error('build-schema: --max-doc needs a non-negative number');
    process.exit(2);
  }
  MAX_DOC = opts.maxDoc;
  const t0 = performance.now();
  let pkg;
  try {
    pkg = locatePackage();
  } catch (e) {
    const existing = readExistingHeader(opts.out);
    if (existing && existing.format === FORMAT) {
      console.warn(`build-schema: @aws-cdk/aws-service-spec not installed; keeping ${relative(process.cwd(), opts.out) || opts.out} (${existing.source})`);
      return;
    }
    console.error(`build-schema: cannot find @aws-cdk/aws-service-spec (npm install it as a devDependency): ${e.message}`);
    process.exit(1);
  }
  const source = `@aws-cdk/aws-service-spec@${pkg.version}`;
  const scriptText = readFileSync(fileURLToPath(import.meta.url));
  const generator = createHash('sha256').update(scriptText).digest('hex').slice(0, 16);

  if (!opts.force) {
    const existing = readExistingHeader(opts.out);
    let fresh = false;
    if (existing && existing.format === FORMAT && existing.source === source && existing.generator === generator && existing.maxDoc === opts.maxDoc) {
      try {
        fresh = statSync(opts.out).mtimeMs >= statSync(pkg.db).mtimeMs;
      } catch {
        fresh = false;
      }
    }
    if (fresh) {
      if (!opts.quiet) {
        console.log(`build-schema: ${relative(process.cwd(), opts.out) || opts.out} is up to date (${source}, ${existing.count} types); use --force to rebuild`);
      }
      return;
    }
  }

  const raw = JSON.parse(gunzipSync(readFileSync(pkg.db)).toString('utf8'));
  const schema = raw.schema;
  const entities = (coll) => (Array.isArray(coll.entities) ? coll.entities : Object.values(coll.entities));
  const resources = entities(schema.resource);
  const typeDefs = new Map(entities(schema.typeDefinition).map((t) => [t.$id, t]));

  const stats = { types: 0, sam: 0, nested: 0, properties: 0, attributes: 0, enums: 0, unions: 0, docsShortened: 0, problems: [] };

  const doc = (d) => {
    const s = shortenDoc(d);
    if (s !== undefined && typeof d === 'string' && s.length < d.trim().length) stats.docsShortened++;
    return s;
  };

  function convertResource(r) {
    const name = r.cloudFormationType;
    /** $id -> assigned nested type name */
    const idToName = new Map();
    const usedNames = new Set();
    const contentToName = new Map();
    /** name -> compact definition; filled in discovery order */
    const nested = {};
    let tagName;
    const pending = [];

    function refName(id) {
      let n = idToName.get(id);
      if (n !== undefined) return n;
      const def = typeDefs.get(id);
      if (!def) {
        stats.problems.push(`${name}: dangling type reference ${id}`);
        return undefined;
      }
      // Dedupe per resource: a definition identical to one already named shares its name;
      // a different definition with a name already taken gets a numeric suffix.
      const key = JSON.stringify([def.name, def.documentation ?? '', def.properties]);
      const same = contentToName.get(key);
      if (same !== undefined) {
        idToName.set(id, same);
        return same;
      }
      n = def.name;
      for (let i = 2; usedNames.has(n); i++) n = `${def.name}${i}`;
      usedNames.add(n);
      idToName.set(id, n);
      contentToName.set(key, n);
      pending.push([n, def]);
      return n;
    }

    function tagRef() {
      if (tagName === undefined) tagName = TAG_NAME; // resolved at the end (may collide)
      return '\u0000TAG';
    }

    function type(t) {
      switch (t.type) {
        case 'string':
          if (Array.isArray(t.allowedValues) && t.allowedValues.length) {
            stats.enums++;
            return ['S', ...t.allowedValues];
          }
          return 'string';
        case 'integer':
          if (Array.isArray(t.allowedValues) && t.allowedValues.length) {
            stats.enums++;
            return ['I', ...t.allowedValues];
          }
          return 'integer';
        case 'number':
        case 'boolean':
        case 'json':
        case 'date-time':
        case 'null':
          return PRIMITIVES[t.type];
        case 'tag':
          return tagRef();
        case 'ref': {
          const n = refName(t.reference.$ref);
          return n === undefined ? 'json' : `#${n}`;
        }
        case 'array':
          return ['L', type(t.element)];
        case 'map':
          return ['M', type(t.element)];
        case 'union': {
          stats.unions++;
          const members = t.types.map(type);
          // Collapse duplicates (e.g. two refs that map to the same name).
          const seen = new Set();
          const uniq = members.filter((m) => {
            const k = JSON.stringify(m);
            if (seen.has(k)) return false;
            seen.add(k);
            return true;
          });
          return uniq.length === 1 ? uniq[0] : ['U', ...uniq];
        }
        default:
          stats.problems.push(`${name}: unknown type kind ${JSON.stringify(t.type)}`);
          return 'any';
      }
    }

    function props(p) {
      const out = {};
      for (const [pn, prop] of Object.entries(p ?? {})) {
        if (prop.deprecated === 'IGNORE') continue; // incorrectly added to the spec upstream
        const e = { t: type(prop.type) };
        if (prop.required) e.r = 1;
        const d = doc(prop.documentation);
        if (d) e.d = d;
        if (prop.deprecated === 'WARN') e.x = 1;
        if (prop.defaultValue !== undefined && prop.defaultValue !== null) e.dv = String(prop.defaultValue);
        if (prop.causesReplacement === 'yes' || prop.causesReplacement === 'maybe') e.u = prop.causesReplacement;
        if (Array.isArray(prop.previousTypes) && prop.previousTypes.length) e.pt = prop.previousTypes.map(type);
        out[pn] = e;
        stats.properties++;
      }
      return out;
    }

    const entry = {};
    const rd = doc(r.documentation);
    if (rd) entry.d = rd;
    entry.p = props(r.properties);
    const attrs = {};
    for (const [an, a] of Object.entries(r.attributes ?? {})) {
      const e = { t: type(a.type) };
      const d = doc(a.documentation);
      if (d) e.d = d;
      attrs[an] = e;
      stats.attributes++;
    }
    if (Object.keys(attrs).length) entry.a = attrs;

    // Nested definitions, transitively (refs discovered while converting push to `pending`).
    while (pending.length) {
      const [n, def] = pending.shift();
      const e = {};
      const d = doc(def.documentation);
      if (d) e.d = d;
      e.p = props(def.properties);
      nested[n] = e;
      stats.nested++;
    }
    if (tagName !== undefined) {
      let n = TAG_NAME;
      for (let i = 2; usedNames.has(n); i++) n = i === 2 ? 'ResourceTag' : `ResourceTag${i}`;
      usedNames.add(n);
      tagName = n;
      nested[n] = {
        d: 'A key-value pair to associate with a resource.',
        p: {
          Key: { t: 'string', r: 1, d: 'The key name of the tag.' },
          Value: { t: 'string', r: 1, d: 'The value for the tag.' },
        },
        g: 1,
      };
      stats.nested++;
    }
    if (Object.keys(nested).length) entry.y = nested;
    if (r.isStateful) entry.s = 1;
    if (r.cloudFormationTransform) entry.x = r.cloudFormationTransform;
    if (r.tagInformation?.tagPropertyName) entry.tg = r.tagInformation.tagPropertyName;

    let text = JSON.stringify(entry);
    if (tagName !== undefined) text = text.split('"\\u0000TAG"').join(JSON.stringify(`#${tagName}`));
    return text;
  }

  const sorted = [...resources].sort((a, b) => (a.cloudFormationType < b.cloudFormationType ? -1 : a.cloudFormationType > b.cloudFormationType ? 1 : 0));
  const index = {};
  const lines = [];
  // Offsets are relative to the first byte after the header line, i.e. they include the
  // `"types":{\n` line that opens the body.
  const bodyStart = `"types":{\n`;
  let offset = Buffer.byteLength(bodyStart);
  const seen = new Set();
  for (const r of sorted) {
    const name = r.cloudFormationType;
    if (typeof name !== 'string' || seen.has(name)) continue;
    seen.add(name);
    const body = convertResource(r);
    const keyPart = `${JSON.stringify(name)}:`;
    const start = offset + Buffer.byteLength(keyPart);
    const len = Buffer.byteLength(body);
    index[name] = [start, len];
    const line = `${keyPart}${body},\n`;
    lines.push(line);
    offset += Buffer.byteLength(line);
    stats.types++;
    if (name.startsWith('AWS::Serverless::')) stats.sam++;
  }
  // Strip the comma of the last entry to keep the file valid JSON.
  if (lines.length) lines[lines.length - 1] = lines[lines.length - 1].replace(/,\n$/, '\n');

  const header = {
    format: FORMAT,
    version: 1,
    source,
    generator,
    license: 'Apache-2.0 (data derived from @aws-cdk/aws-service-spec)',
    maxDoc: opts.maxDoc,
    count: stats.types,
    index,
  };
  const headerLine = `{"header":${JSON.stringify(header)},\n`;
  const out = headerLine + bodyStart + lines.join('') + '}}\n';

  mkdirSync(dirname(opts.out), { recursive: true });
  const tmp = `${opts.out}.${process.pid}.tmp`;
  writeFileSync(tmp, out);
  renameSync(tmp, opts.out);

  // Self-check: the file is valid JSON and the offsets point at the entries.
  const check = readFileSync(opts.out);
  const nl = check.indexOf(10);
  const base = nl + 1;
  const probe = ['AWS::S3::Bucket', 'AWS::Serverless::Function', sorted[sorted.length - 1]?.cloudFormationType].filter((n) => n && index[n]);
  for (const n of probe) {
    const [o, l] = index[n];
    JSON.parse(check.toString('utf8', base + o, base + o + l));
  }
  JSON.parse(check.toString('utf8')); // whole-file validity

  const ms = performance.now() - t0;
  if (stats.problems.length) {
    console.warn(`build-schema: ${stats.problems.length} problem(s):\n  ${stats.problems.slice(0, 20).join('\n  ')}`);
  }
  if (!opts.quiet) {
    const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
    console.log(
      `build-schema: wrote ${relative(process.cwd(), opts.out) || opts.out} from ${source}: ` +
        `${kb(check.length)} (header ${kb(nl + 1)}), ${stats.types} types (${stats.sam} SAM), ` +
        `${stats.nested} nested types, ${stats.properties} properties, ${stats.attributes} attributes, ` +
        `${stats.enums} enums, ${stats.unions} unions, ${stats.docsShortened} docs shortened, ${ms.toFixed(0)} ms`,
    );
  }
}

main();
