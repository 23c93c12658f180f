#!/usr/bin/env node
// Build: rule index -> schema data -> type-check + compile (out/, for tests) -> bundles (dist/, what ships).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, copyFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const log = (m) => quiet || console.log(m);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`build: ${cmd} ${args.join(' ')} failed`);
    process.exit(r.status ?? 1);
  }
}

run(process.execPath, ['scripts/gen-rules-index.mjs']);
if (existsSync(join(root, 'scripts/build-schema.mjs'))) run(process.execPath, ['scripts/build-schema.mjs']);

const t0 = Date.now();
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.']);
log(`tsc: ${Date.now() - t0} ms`);
run(process.execPath, ['scripts/gen-docs.mjs']);
run(process.execPath, ['scripts/gen-snippets.mjs']);

mkdirSync(join(root, 'dist'), { recursive: true });
const schema = join(root, 'server/data/schema.json');
if (existsSync(schema)) {
  const dst = join(root, 'dist/schema.json');
  if (!existsSync(dst) || statSync(dst).mtimeMs < statSync(schema).mtimeMs) copyFileSync(schema, dst);
}

const common = { bundle: true, mainFields: ['module', 'main'], platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, minify: true, logLevel: 'warning', legalComments: 'none' };
const t1 = Date.now();
const bundles = [
  { entry: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'] },
  { entry: 'server/src/server.ts', out: 'dist/server.js' },
  { entry: 'server/src/cli/main.ts', out: 'dist/cli.js' },
].filter((b) => existsSync(join(root, b.entry)));
await Promise.all(bundles.map((b) => esbuild.build({ ...common, entryPoints: [join(root, b.entry)], outfile: join(root, b.out), external: b.external ?? [] })));
log(`esbuild: ${Date.now() - t1} ms`);
