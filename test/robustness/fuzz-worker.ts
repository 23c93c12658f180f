/**
 * Worker thread of fuzz.test.ts: runs cases [from, to) of a seeded run (or the line
 * truncations of a few templates) and reports each case before running it, so the parent's
 * watchdog can name the case that hangs.
 */
import { parentPort, workerData } from 'worker_threads';
import { analyze } from '../../server/src/core/analyze';
import { CaseSpec, makeCase, runCase, seeds, truncations } from './fuzz-cases';
import { rng } from './util';

export interface WorkerInput {
  mode: 'random' | 'truncate';
  runSeed: number;
  from: number;
  to: number;
  /** truncate mode: names of the seeds to sweep. */
  names?: string[];
  /** Run only this case index (reproduction). */
  only?: number;
}

export type WorkerMessage =
  | { type: 'start'; index: number; what: string }
  | { type: 'fail'; index: number; what: string; error: string }
  | { type: 'done'; cases: number; slowest: { index: number; ms: number; what: string }; seeds: number };

const input = workerData as WorkerInput;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const list = seeds();
for (const s of list) {
  if (!s.name.endsWith('.json')) s.base = analyze(s.text, { fileName: s.name });
}
let slowest = { index: -1, ms: 0, what: '' };
let count = 0;

function one(c: CaseSpec): void {
  const what = `${c.fileName} <- ${c.steps.join('; ')}`;
  post({ type: 'start', index: c.index, what });
  const t0 = performance.now();
  try {
    runCase(c, rng(input.runSeed + c.index * 7919));
  } catch (e) {
    post({ type: 'fail', index: c.index, what, error: (e as Error)?.stack ?? String(e) });
  }
  const ms = performance.now() - t0;
  if (ms > slowest.ms) slowest = { index: c.index, ms, what };
  count++;
}

if (input.mode === 'truncate') {
  for (const name of input.names ?? []) {
    const seed = list.find((s) => s.name === name);
    if (seed) for (const c of truncations(seed)) one(c);
  }
} else if (input.only !== undefined) {
  one(makeCase(list, input.runSeed, input.only));
} else {
  for (let i = input.from; i < input.to; i++) one(makeCase(list, input.runSeed, i));
}
post({ type: 'done', cases: count, slowest, seeds: list.length });
