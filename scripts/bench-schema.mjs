#!/usr/bin/env node
/**
 * Measures the resource-type schema: load time and memory of the lazy loader
 * (server/src/core/spec), first and cached lookups, decoding everything, and optionally
 * the package's own loader for comparison.
 *
 *   node scripts/bench-schema.mjs [--schema FILE] [--compare] [--json]
 *
 * The spec module is bundled with esbuild into .bench/spec/ (independent of the state of
 * the rest of the tree), and every measurement runs in a fresh `node --expose-gc` process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const opt = (f) => {
  const i = args.indexOf(f);
  return i >= 0 ? args[i + 1] : undefined;
};

const MB = (n) => Math.round((n / 1048576) * 10) / 10;
const ms = (t0) => Math.round((performance.now() - t0) * 100) / 100;

function mem() {
  globalThis.gc?.();
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, external: m.external };
}
const delta = (a, b) => ({ rssMB: MB(b.rss - a.rss), heapMB: MB(b.heap - a.heap), externalMB: MB(b.external - a.external) });

function child(mode, bundle) {
  const require = createRequire(import.meta.url);
  const out = { mode };
  if (mode === 'lazy') {
    const m0 = mem();
    let t = performance.now();
    const spec = require(bundle);
    out.requireMs = ms(t);
    t = performance.now();
    const names = spec.resourceTypeNames();
    out.loadMs = ms(t);
    const m1 = mem();
    out.types = names.length;
    out.source = spec.schemaInfo().source;
    if (spec.schemaInfo().error) throw new Error(spec.schemaInfo().error);
    out.afterLoad = delta(m0, m1);
    out.baselineRssMB = MB(m0.rss);

    t = performance.now();
    const rds = spec.getResourceType('AWS::RDS::DBInstance');
    out.firstLookupMs = ms(t);
    t = performance.now();
    spec.getResourceType('AWS::RDS::DBInstance');
    out.cachedLookupMs = ms(t);
    t = performance.now();
    spec.getPropertyType('AWS::Lambda::Function', 'Code');
    out.firstNestedLookupMs = ms(t);
    t = performance.now();
    spec.resolvePath('AWS::AutoScaling::AutoScalingGroup', 'Tags[0].Key');
    out.resolvePathMs = ms(t);
    t = performance.now();
    spec.getResourceType('AWS::QuickSight::Dashboard');
    out.largestTypeLookupMs = ms(t);
    t = performance.now();
    spec.suggestResourceType('AWS::S3::Bukcet');
    out.firstSuggestMs = ms(t);
    t = performance.now();
    spec.suggestResourceType('AWS::Lambda::Functon');
    out.suggestMs = ms(t);
    void rds;
    const m2 = mem();
    out.afterFewLookups = delta(m0, m2);

    t = performance.now();
    let nested = 0;
    for (const n of names) {
      const r = spec.getResourceType(n);
      for (const tn of r.typeNames) {
        spec.getPropertyType(n, tn);
        nested++;
      }
    }
    out.decodeAllMs = ms(t);
    out.nestedTypes = nested;
    out.afterDecodeAll = delta(m0, mem());
  } else if (mode === 'package') {
    const m0 = mem();
    const t = performance.now();
    const { loadAwsServiceSpecSync } = require(join(repo, 'node_modules', '@aws-cdk', 'aws-service-spec'));
    const db = loadAwsServiceSpecSync();
    out.loadMs = ms(t);
    out.types = db.all('resource').length;
    out.afterLoad = delta(m0, mem());
  }
  process.stdout.write(JSON.stringify(out));
}

if (flag('--child')) {
  child(opt('--child'), opt('--bundle'));
} else {
  const schema = resolve(opt('--schema') ?? join(repo, 'server', 'data', 'schema.json'));
  if (!existsSync(schema)) {
    console.error(`bench-schema: ${schema} not found; run: node scripts/build-schema.mjs`);
    process.exit(1);
  }
  const outDir = join(repo, '.bench', 'spec');
  mkdirSync(outDir, { recursive: true });
  const bundle = join(outDir, 'spec.js');
  const esbuild = await import('esbuild');
  esbuild.buildSync({
    entryPoints: [join(repo, 'server', 'src', 'core', 'spec', 'spec.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: bundle,
    logLevel: 'warning',
  });
  const run = (mode) => {
    const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', mode, '--bundle', bundle], {
      env: { ...process.env, CFN_RESILIENCE_SCHEMA: schema },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`bench-schema (${mode}) failed:\n${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  const { statSync } = await import('node:fs');
  const result = { schema, fileMB: MB(statSync(schema).size), lazy: run('lazy') };
  if (flag('--compare')) result.package = run('package');
  if (flag('--json')) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    const l = result.lazy;
    console.log(`schema     ${result.schema} (${result.fileMB} MB, ${l.types} types, ${l.source})`);
    console.log(`load       ${l.loadMs} ms (require ${l.requireMs} ms); heap +${l.afterLoad.heapMB} MB, external +${l.afterLoad.externalMB} MB, rss +${l.afterLoad.rssMB} MB (process baseline ${l.baselineRssMB} MB)`);
    console.log(`lookup     first AWS::RDS::DBInstance ${l.firstLookupMs} ms, cached ${l.cachedLookupMs} ms, nested ${l.firstNestedLookupMs} ms, resolvePath ${l.resolvePathMs} ms, largest type ${l.largestTypeLookupMs} ms`);
    console.log(`suggest    first ${l.firstSuggestMs} ms (builds index), then ${l.suggestMs} ms`);
    console.log(`few used   heap +${l.afterFewLookups.heapMB} MB, rss +${l.afterFewLookups.rssMB} MB`);
    console.log(`decode all ${l.decodeAllMs} ms (${l.types} types, ${l.nestedTypes} nested); heap +${l.afterDecodeAll.heapMB} MB, rss +${l.afterDecodeAll.rssMB} MB`);
    if (result.package) {
      const p = result.package;
      console.log(`package    loadAwsServiceSpecSync ${p.loadMs} ms, ${p.types} types; heap +${p.afterLoad.heapMB} MB, rss +${p.afterLoad.rssMB} MB`);
    }
  }
}
