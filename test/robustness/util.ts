/** Shared helpers of the robustness tests. */

export { rng } from '../unit/rng';
import * as assert from 'assert';
import type { Node, Pair } from '../../server/src/core/parse/node';

/** A tree as plain data (no parent links): every own property but `parent` and `pair`, NaN as a string. */
export function plainTree(n: Node | null): unknown {
  if (!n) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n)) {
    if (k === 'parent' || k === 'pair') continue;
    if (k === 'pairs') out.pairs = (v as Pair[]).map((p) => ({ start: p.start, end: p.end, key: plainTree(p.key), value: plainTree(p.value) }));
    else if (k === 'items') out.items = (v as Node[]).map(plainTree);
    else if (typeof v === 'number' && Number.isNaN(v)) out[k] = 'NaN';
    else out[k] = v;
  }
  return out;
}

/** Parent and pair links are those of a tree (each child points at its container). */
export function checkLinks(n: Node, parent: Node | null, pair: Pair | undefined, where: string): void {
  assert.strictEqual(n.parent, parent, `${where}: parent link of the node at ${n.start}`);
  assert.strictEqual(n.pair, pair, `${where}: pair link of the node at ${n.start}`);
  if (n.kind === 'map') {
    for (const p of n.pairs) {
      assert.strictEqual(p.parent, n, `${where}: parent of the pair at ${p.start}`);
      checkLinks(p.key, n, undefined, where);
      checkLinks(p.value, n, p, where);
    }
  } else if (n.kind === 'seq') for (const i of n.items) checkLinks(i, n, undefined, where);
}

