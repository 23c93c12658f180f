/**
 * A trap for anything that would run a program or reach the network, and a log of every
 * file read. Loaded into the language server with `node --require out/test/robustness/trap.js`
 * (env CFN_TRAP_LOG: the log file, one JSON line per event), or installed in-process with
 * `installTrap()`. Trapped calls are logged and then fail.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
// The module object itself (an `import * as` namespace is a read-only copy).
const fs = require('fs') as typeof import('fs');

export interface TrapEvent {
  kind: 'exec' | 'network' | 'read';
  what: string;
  detail: string;
}

type Sink = (e: TrapEvent) => void;

const TRAPPED: [string, string[], TrapEvent['kind']][] = [
  ['child_process', ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'], 'exec'],
  ['http', ['request', 'get'], 'network'],
  ['https', ['request', 'get'], 'network'],
  ['http2', ['connect'], 'network'],
  ['net', ['connect', 'createConnection'], 'network'],
  ['tls', ['connect'], 'network'],
  ['dns', ['lookup', 'resolve', 'resolve4', 'resolve6'], 'network'],
  ['dgram', ['createSocket'], 'network'],
];
const READS: string[] = ['readFileSync', 'readFile', 'openSync', 'open', 'createReadStream', 'readdirSync', 'readdir', 'statSync', 'stat', 'existsSync', 'lstatSync'];

/** Installs the trap; returns a function that removes it. */
export function installTrap(sink: Sink): () => void {
  const restore: (() => void)[] = [];
  const undo = () => {
    for (const r of restore.reverse()) r();
  };
  try {
    patchAll(sink, restore);
  } catch (e) {
    undo();
    throw e;
  }
  return undo;
}

function patchAll(sink: Sink, restore: (() => void)[]): void {
  const patch = (mod: Record<string, unknown>, name: string, make: (orig: (...a: unknown[]) => unknown) => (...a: unknown[]) => unknown) => {
    const orig = mod[name] as ((...a: unknown[]) => unknown) | undefined;
    if (typeof orig !== 'function') return;
    mod[name] = make(orig);
    restore.push(() => (mod[name] = orig));
  };
  for (const [modName, fns, kind] of TRAPPED) {
    const mod = require(modName) as Record<string, unknown>;
    for (const fn of fns) {
      patch(mod, fn, () => (...args: unknown[]) => {
        sink({ kind, what: `${modName}.${fn}`, detail: String(args[0]).slice(0, 200) });
        throw new Error(`trapped: ${modName}.${fn}`);
      });
    }
  }
  const g = globalThis as { fetch?: unknown };
  if (typeof g.fetch === 'function') {
    const orig = g.fetch;
    g.fetch = (...args: unknown[]) => {
      sink({ kind: 'network', what: 'fetch', detail: String(args[0]).slice(0, 200) });
      return Promise.reject(new Error('trapped: fetch'));
    };
    restore.push(() => (g.fetch = orig));
  }
  const fsm = fs as unknown as Record<string, unknown>;
  for (const fn of READS) {
    patch(fsm, fn, (orig) => function (this: unknown, ...args: unknown[]) {
      const p = args[0];
      if (typeof p === 'string' || p instanceof URL || Buffer.isBuffer(p)) sink({ kind: 'read', what: `fs.${fn}`, detail: String(p) });
      return orig.apply(this, args);
    });
  }
}

// Preloaded with --require: log to CFN_TRAP_LOG.
const log = process.env.CFN_TRAP_LOG;
if (log && require.main !== module) {
  const append = fs.appendFileSync;
  installTrap((e) => append(log, JSON.stringify(e) + '\n'));
}
