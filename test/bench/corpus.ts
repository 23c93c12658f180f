/**
 * The shared corpus of real templates (../shared/corpus next to the repository; tests skip
 * cleanly where it is absent). CFN_RESILIENCE_CORPUS overrides; a worktree one level deeper
 * (../../shared/corpus) is found too.
 */
import { existsSync, readFileSync } from 'fs';
import { join, resolve } from 'path';

const REPO = resolve(__dirname, '..', '..', '..');

export function corpusDir(): string | undefined {
  const candidates = [process.env.CFN_RESILIENCE_CORPUS, resolve(REPO, '..', 'shared', 'corpus'), resolve(REPO, '..', '..', 'shared', 'corpus')];
  return candidates.find((c): c is string => !!c && existsSync(join(c, 'MANIFEST.tsv')));
}

export interface CorpusFile {
  /** Absolute path. */
  path: string;
  /** Path inside the corpus, with forward slashes. */
  rel: string;
  format: 'yaml' | 'json';
  lines: number;
}

/** The corpus templates listed in MANIFEST.tsv (empty when there is no corpus). */
export function corpusFiles(): CorpusFile[] {
  const dir = corpusDir();
  if (!dir) return [];
  const rows = readFileSync(join(dir, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  return rows
    .map((r) => r.split('\t'))
    .map((c) => ({ path: join(dir, c[0]), rel: c[0], format: (c[5] === 'json' ? 'json' : 'yaml') as 'yaml' | 'json', lines: Number(c[6]) }))
    .filter((f) => existsSync(f.path));
}
