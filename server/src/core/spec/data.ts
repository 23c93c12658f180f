/**
 * The only place in the analysis core that touches the file system: finds and reads the
 * schema built by `scripts/build-schema.mjs`.
 */
import * as fs from 'fs';
import * as path from 'path';

export const SCHEMA_ENV = 'CFN_RESILIENCE_SCHEMA';
export const SCHEMA_FILE = 'schema.json';

/**
 * Where the schema may live, relative to this module, in order:
 *  - esbuild bundles in `dist/` (the build copies the file to `dist/schema.json`);
 *  - tsc output `out/server/src/core/spec/` -> `server/data/schema.json` of the repo;
 *  - running from sources (`server/src/core/spec/`, e.g. ts-node) -> `server/data/`.
 */
export function schemaCandidates(dir: string = __dirname): string[] {
  const fromEnv = process.env[SCHEMA_ENV];
  const list = [
    path.join(dir, SCHEMA_FILE),
    path.join(dir, '..', '..', '..', '..', '..', 'server', 'data', SCHEMA_FILE),
    path.join(dir, '..', '..', '..', 'data', SCHEMA_FILE),
    path.join(dir, '..', '..', '..', '..', '..', 'dist', SCHEMA_FILE),
  ];
  return fromEnv ? [path.resolve(fromEnv)] : list;
}

export interface SchemaFile {
  path: string;
  data: Buffer;
}

/**
 * Reads the schema file. With `CFN_RESILIENCE_SCHEMA` set, only that path is tried.
 * Throws an Error listing the places tried when none exists.
 */
export function readSchemaFile(explicitPath?: string): SchemaFile {
  const candidates = explicitPath ? [path.resolve(explicitPath)] : schemaCandidates();
  for (const p of candidates) {
    let data: Buffer;
    try {
      data = fs.readFileSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      throw new Error(`cannot read resource schema ${p}: ${(e as Error).message}`);
    }
    return { path: p, data };
  }
  throw new Error(
    `resource schema ${SCHEMA_FILE} not found (run "node scripts/build-schema.mjs" or set ${SCHEMA_ENV}); tried: ${candidates.join(', ')}`,
  );
}
