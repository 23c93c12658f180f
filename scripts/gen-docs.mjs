#!/usr/bin/env node
// Generates docs/rules/<id>.md and docs/rules/README.md from each rule's metadata, and the
// rules table in README.md between the <!-- rules:start --> and <!-- rules:end --> markers.
// Reads the compiled rule index (run after tsc). `--check` exits 1 when a file would change.
import { readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync, unlinkSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { ALL_RULES } = require(join(root, 'out/server/src/core/rules/index.generated.js'));
const check = process.argv.includes('--check');
let stale = [];

function write(file, text) {
  const old = existsSync(file) ? readFileSync(file, 'utf8') : null;
  if (old === text) return;
  stale.push(file);
  if (!check) writeFileSync(file, text);
}

const AREA_ORDER = ['syntax', 'schema', 'reference', 'high-availability', 'fault-tolerance', 'disaster-recovery', 'scalability', 'serverless'];
const rules = [...ALL_RULES].sort((a, b) => AREA_ORDER.indexOf(a.meta.area) - AREA_ORDER.indexOf(b.meta.area) || a.meta.id.localeCompare(b.meta.id));
const dir = join(root, 'docs/rules');
mkdirSync(dir, { recursive: true });

for (const r of rules) {
  const m = r.meta;
  const opts = Object.entries(m.options ?? {});
  const text = [
    `# ${m.id}`,
    '',
    `**${m.title}**`,
    '',
    `| area | default severity | quick fix | similar cfn-lint rules |`,
    `|---|---|---|---|`,
    `| ${m.area} | ${m.severity} | ${m.fixable ? 'yes' : 'no'} | ${m.cfnLint?.length ? m.cfnLint.join(', ') : 'none'} |`,
    '',
    '## What it checks',
    '',
    m.docs.summary,
    '',
    '## Why it matters in production',
    '',
    m.docs.why,
    '',
    '## How to fix',
    '',
    m.docs.fix,
    '',
    ...(opts.length ? ['## Options', '', '| option | default | meaning |', '|---|---|---|', ...opts.map(([k, v]) => `| \`${k}\` | \`${JSON.stringify(v.default)}\` | ${v.description} |`), ''] : []),
    '## Configuration',
    '',
    'Turn the rule off or change its severity in `.cfn-resilience.yaml` (or the `cfnResilience.rules` setting):',
    '',
    '```yaml',
    'rules:',
    `  ${m.id}: ${m.severity === 'error' ? 'warning' : 'off'}`,
    '```',
    '',
    'Suppress it for one resource (or, at the top level, for the whole template):',
    '',
    '```yaml',
    'Metadata:',
    '  cfn-resilience:',
    `    ignore: [${m.id}]`,
    '```',
    '',
    '## References',
    '',
    ...m.docs.references.map((x) => `- [${x.title}](${x.url})`),
    '',
    '_This page is generated from the rule\'s metadata by `scripts/gen-docs.mjs`._',
    '',
  ].join('\n');
  write(join(dir, `${m.id}.md`), text);
}
const ids = new Set(rules.map((r) => `${r.meta.id}.md`));
for (const f of readdirSync(dir)) {
  if (f.endsWith('.md') && f !== 'README.md' && !ids.has(f)) {
    stale.push(join(dir, f));
    if (!check) unlinkSync(join(dir, f));
  }
}

const table = (link) =>
  ['| rule | area | severity | fix | what it checks |', '|---|---|---|---|---|', ...rules.map((r) => `| [${r.meta.id}](${link}${r.meta.id}.md) | ${r.meta.area} | ${r.meta.severity} | ${r.meta.fixable ? 'yes' : ''} | ${r.meta.title} |`)].join('\n');
write(join(dir, 'README.md'), `# Rules\n\n${rules.length} rules, by area. Each page says what the rule checks, why it matters in production, how to fix it, and how to configure or suppress it.\n\n${table('')}\n`);

const readme = join(root, 'README.md');
if (existsSync(readme)) {
  const text = readFileSync(readme, 'utf8');
  const re = /(<!-- rules:start -->)[\s\S]*?(<!-- rules:end -->)/;
  if (re.test(text)) write(readme, text.replace(re, `$1\n${table('docs/rules/')}\n$2`));
}
if (check && stale.length) {
  console.error(`gen-docs: out of date: ${stale.join(', ')} (run npm run build)`);
  process.exit(1);
}
