/**
 * Seeded fuzzing of the analysis and every editor feature (fuzz-cases.ts). A worker thread
 * runs the cases; a watchdog here fails the test, naming the case, when one runs longer
 * than CASE_LIMIT_MS (a hang), and every failing case is listed with how to re-run it alone.
 *
 *   CFN_FUZZ_CASES=20000 npx mocha out/test/robustness/fuzz.test.js   more cases
 *   CFN_FUZZ_SEED=7 …                                                 another run
 *   CFN_FUZZ_ONLY=1234 …                                              one case
 */
import * as assert from 'assert';
import { join } from 'path';
import { Worker } from 'worker_threads';
import type { WorkerInput, WorkerMessage } from './fuzz-worker';
import { corpusDir } from '../bench/corpus';

const CASES = Number(process.env.CFN_FUZZ_CASES) || 2000;
const SEED = Number(process.env.CFN_FUZZ_SEED) || 20260101;
const ONLY = process.env.CFN_FUZZ_ONLY !== undefined ? Number(process.env.CFN_FUZZ_ONLY) : undefined;
/** A case (analysis + every feature at ~10 positions + fixes) taking longer than this is a hang. */
const CASE_LIMIT_MS = Number(process.env.CFN_FUZZ_CASE_LIMIT_MS) || 10_000;

interface Outcome {
  cases: number;
  failures: { index: number; what: string; error: string }[];
  slowest?: { index: number; ms: number; what: string };
  hang?: { index: number; what: string };
}

function run(input: WorkerInput): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'fuzz-worker.js'), { workerData: input });
    const out: Outcome = { cases: 0, failures: [] };
    let current: { index: number; what: string } | undefined;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        out.hang = current;
        void worker.terminate();
      }, CASE_LIMIT_MS);
    };
    arm();
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'start') {
        current = { index: m.index, what: m.what };
        arm();
      } else if (m.type === 'fail') out.failures.push({ index: m.index, what: m.what, error: m.error });
      else if (m.type === 'done') {
        out.cases = m.cases;
        out.slowest = m.slowest;
      }
    });
    worker.on('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(e);
    });
    worker.on('exit', () => {
      if (timer) clearTimeout(timer);
      resolve(out);
    });
  });
}

function report(o: Outcome, mode: string): string {
  const lines = o.failures.slice(0, 10).map((f) => `case ${f.index} (${f.what}):\n${f.error.split('\n').slice(0, 6).join('\n')}`);
  if (o.failures.length > 10) lines.push(`… and ${o.failures.length - 10} more`);
  return `${o.failures.length} failing ${mode} cases (seed ${SEED}; re-run one with CFN_FUZZ_ONLY=<case>):\n${lines.join('\n\n')}`;
}

describe('fuzz: mutated templates through the analysis and every feature', function () {
  this.timeout(CASE_LIMIT_MS + 120_000 + CASES * 250);

  it(`${ONLY !== undefined ? `case ${ONLY}` : `${CASES} seeded cases`}: no exception, no hang, every range inside the document`, async () => {
    const o = await run({ mode: 'random', runSeed: SEED, from: 0, to: CASES, only: ONLY });
    assert.ok(!o.hang, `case ${o.hang?.index} ran over ${CASE_LIMIT_MS} ms (a hang?): ${o.hang?.what}`);
    assert.deepStrictEqual(o.failures.map((f) => f.index), [], report(o, 'random'));
    assert.strictEqual(o.cases, ONLY !== undefined ? 1 : CASES);
    if (process.env.CFN_VERBOSE) console.log(`      slowest: case ${o.slowest?.index}, ${o.slowest?.ms.toFixed(0)} ms (${o.slowest?.what})`);
  });

  it('every truncation at a line start of a YAML and a JSON template', async function () {
    const names = corpusDir()
      ? ['awslabs-cfn-templates/aws/services/RDS/RDS_MySQL_With_Read_Replica.yaml', 'awslabs-cfn-templates/aws/services/SQS/SQSFIFOQueue.json', 'sam/translator-input/sns_sqs.yaml']
      : ['generated.yaml', 'generated.json'];
    const o = await run({ mode: 'truncate', runSeed: SEED, from: 0, to: 0, names });
    assert.ok(!o.hang, `truncation ran over ${CASE_LIMIT_MS} ms: ${o.hang?.what}`);
    assert.deepStrictEqual(o.failures.map((f) => `${f.what}`), [], report(o, 'truncation'));
    assert.ok(o.cases > 200, `${o.cases} truncations`);
  });
});
