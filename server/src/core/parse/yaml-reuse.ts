/**
 * Partial re-read of a YAML template after an edit. An edit in an editor nearly always
 * stays inside one entry of a section (a resource, a parameter, an output…); when it does,
 * only that entry's lines are read again and the rest of the previous tree is copied with
 * its offsets moved by the edit's length change. (This was written when reading was three
 * quarters of an analysis; since the fast reader, yaml-fast.ts, a full read of a
 * 2,000-line template takes under a millisecond warm and this saves about half of that.)
 *
 * It applies only when the result is certain to equal a full read:
 *  - the base tree was read clean (no issue, no anchor, no alias: yaml.ts keeps those);
 *    the caller passes the last clean tree of the document, so a typo and its correction
 *    are both re-read against it (and a text back to the base's is a copy of it);
 *  - the changed text lies inside one entry of a block-mapping section, from its key to
 *    before the line of the next entry (or section); the entry's lines read on their own
 *    give exactly one pair without anchors, aliases or reader problems (the issues it may
 *    have are our own: unknown tags, keys that are calls, repeated keys, found identically
 *    in a full read), whose key starts where the old key started and does not repeat a
 *    sibling's key;
 *  - the ends of the enclosing section and root map are known in the new text.
 * Otherwise it answers undefined and the caller reads the whole text. The differential test
 * (test/robustness/yaml-reuse.test.ts) compares the two on thousands of edits.
 */
import type { MapNode, Node, Pair, ScalarNode, SeqNode } from './node';
import { cleanTreeText, markClean, MAX_SYNTAX_ISSUES, ParsedTree, parseYamlOnce } from './yaml';

/** Issues the conversion finds itself, the same in a fragment as in the whole text. */
const OWN_ISSUES = new Set(['unknown-tag', 'complex-key', 'yaml-DUPLICATE_KEY']);

/** Depth of an entry's pair map read on its own: root map 0, section map 1. */
const FRAGMENT_DEPTH = 1;

function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

function onlySpaces(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) !== 32) return false;
  return true;
}

/**
 * A copy of a subtree with every offset passed through `shift` (`pair` is set by the caller).
 * Objects are built field by field in the order yaml.ts builds them, so that copied and read
 * nodes share their hidden classes (every rule walks them); the differential test fails when
 * a node gains a property this copy does not know.
 */
function copy(n: Node, parent: MapNode | SeqNode | null, shift: (x: number) => number): Node {
  if (n.kind === 'scalar') {
    const s: ScalarNode = { kind: 'scalar', value: n.value, start: shift(n.start), end: shift(n.end), style: n.style, parent };
    if (n.tag !== undefined) s.tag = n.tag;
    return s;
  }
  if (n.kind === 'seq') {
    const seq: SeqNode = { kind: 'seq', items: [], flow: n.flow, start: shift(n.start), end: shift(n.end), parent };
    for (const item of n.items) seq.items.push(copy(item, seq, shift));
    return seq;
  }
  const map: MapNode = n.shortForm
    ? { kind: 'map', pairs: [], flow: n.flow, shortForm: true, start: shift(n.start), end: shift(n.end), parent }
    : { kind: 'map', pairs: [], flow: n.flow, start: shift(n.start), end: shift(n.end), parent };
  for (const p of n.pairs) map.pairs.push(copyPair(p, map, shift));
  return map;
}

function copyPair(p: Pair, parent: MapNode, shift: (x: number) => number): Pair {
  const key = copy(p.key, parent, shift) as Pair['key'];
  const value = copy(p.value, parent, shift);
  const pair: Pair = { key, value, start: shift(p.start), end: shift(p.end), parent };
  value.pair = pair;
  return pair;
}

/** Moves every offset of a freshly read subtree (nothing else refers to it) by `by`. */
function move(n: Node, by: number): void {
  n.start += by;
  n.end += by;
  if (n.kind === 'map') {
    for (const p of n.pairs) {
      p.start += by;
      p.end += by;
      move(p.key, by);
      move(p.value, by);
    }
  } else if (n.kind === 'seq') for (const item of n.items) move(item, by);
}

/**
 * The tree of `text`, re-reading only the entry an edit touched, or undefined when that
 * cannot be done with certainty (then read the whole text).
 */
export function reparseYaml(previousRoot: Node | null | undefined, text: string): ParsedTree | undefined {
  if (!previousRoot || previousRoot.kind !== 'map' || previousRoot.flow) return undefined;
  const old = cleanTreeText(previousRoot);
  if (old === undefined) return undefined;
  const root = previousRoot;
  if (old === text) {
    // Back to the base's text (a typo undone): a copy of its tree.
    const same = copy(root, null, (x) => x) as MapNode;
    markClean(same, text);
    return { root: same, issues: [] };
  }

  // The changed span: [a, oldEnd) of the old text became [a, a + newLength) of the new one.
  const min = Math.min(old.length, text.length);
  let a = 0;
  while (a < min && old.charCodeAt(a) === text.charCodeAt(a)) a++;
  let same = 0;
  while (same < min - a && old.charCodeAt(old.length - 1 - same) === text.charCodeAt(text.length - 1 - same)) same++;
  const oldEnd = old.length - same;
  const delta = text.length - old.length;

  // The section and the entry holding the change.
  let si = -1;
  for (let i = 0; i < root.pairs.length; i++) if (root.pairs[i].key.start <= a) si = i;
  if (si < 0) return undefined;
  const section = root.pairs[si];
  const body = section.value;
  if (body.kind !== 'map' || body.flow || body.shortForm || body.pairs.length === 0) return undefined;
  let ei = -1;
  for (let i = 0; i < body.pairs.length; i++) if (body.pairs[i].key.start <= a) ei = i;
  if (ei < 0) return undefined;
  const entry = body.pairs[ei];
  if (entry.key.end <= entry.key.start) return undefined;
  const fragmentStart = lineStart(old, entry.key.start);
  if (!onlySpaces(old, fragmentStart, entry.key.start)) return undefined;
  const next = body.pairs[ei + 1] ?? root.pairs[si + 1];
  let fragmentEnd: number;
  if (next) {
    fragmentEnd = lineStart(old, next.key.start);
    if (!onlySpaces(old, fragmentEnd, next.key.start) || fragmentEnd <= entry.key.start) return undefined;
    // The change must end before the next entry's line (deleting its line break joins it to this one).
    if (oldEnd >= fragmentEnd) return undefined;
  } else {
    fragmentEnd = old.length;
  }
  if (a < entry.key.start || oldEnd > fragmentEnd) return undefined;

  // Read the entry's new lines on their own.
  const fragment = text.slice(fragmentStart, fragmentEnd + delta);
  // A comment on the entry's last line (after an empty value, `Value: #x`) makes the reader
  // stretch the value's range over the next line's indentation, which a fragment does not have.
  const last = fragment.trimEnd();
  if (last.lastIndexOf('#') > last.lastIndexOf('\n')) return undefined;
  const once = parseYamlOnce(fragment, fragment, FRAGMENT_DEPTH);
  const froot = once.tree.root;
  if (once.anchored || once.readerProblems > 0 || !froot || froot.kind !== 'map' || froot.flow || froot.pairs.length !== 1) return undefined;
  if (once.tree.issues.length > MAX_SYNTAX_ISSUES || once.tree.issues.some((i) => !OWN_ISSUES.has(i.code))) return undefined;
  const fresh = froot.pairs[0];
  // An empty key (`  : x`) has no text of its own: the reader places it differently in a fragment.
  if (fresh.key.end <= fresh.key.start || fresh.key.start !== entry.key.start - fragmentStart) return undefined;
  if (fresh.key.value !== entry.key.value && body.pairs.some((p, i) => i !== ei && p.key.value === fresh.key.value)) return undefined;
  move(fresh.value, fragmentStart);
  move(fresh.key, fragmentStart);
  fresh.start += fragmentStart;
  fresh.end += fragmentStart;

  // Ends of the maps and pairs enclosing the entry. When the entry is its section's last,
  // the section map ends where the fragment's own map ends (the reader sees the same lines
  // there: what a map's range takes in after its last value depends on that value's kind);
  // the section pair and the root end with it when they did before.
  const bodyEnd = body.end > fragmentEnd ? body.end + delta : froot.end + fragmentStart;
  const enclosingEnd = (x: number): number | undefined => (x > fragmentEnd ? x + delta : x === body.end ? bodyEnd : undefined);
  const sectionEnd = enclosingEnd(section.end);
  const rootEnd = enclosingEnd(root.end);
  if (sectionEnd === undefined || rootEnd === undefined) return undefined;

  // Everything outside the entry: before it unchanged, after it moved by delta.
  const shift = (x: number) => (x >= fragmentEnd ? x + delta : x);
  const newRoot: MapNode = { kind: 'map', pairs: [], flow: false, start: root.start, end: rootEnd, parent: null };
  for (let i = 0; i < root.pairs.length; i++) {
    const p = root.pairs[i];
    if (i !== si) {
      newRoot.pairs.push(copyPair(p, newRoot, shift));
      continue;
    }
    const newBody: MapNode = { kind: 'map', pairs: [], flow: false, start: body.start, end: bodyEnd, parent: newRoot };
    const key = copy(section.key, newRoot, shift) as Pair['key'];
    const newSection: Pair = { key, value: newBody, start: section.start, end: sectionEnd, parent: newRoot };
    newBody.pair = newSection;
    for (let j = 0; j < body.pairs.length; j++) {
      if (j !== ei) {
        newBody.pairs.push(copyPair(body.pairs[j], newBody, shift));
        continue;
      }
      fresh.parent = newBody;
      fresh.key.parent = newBody;
      fresh.value.parent = newBody;
      newBody.pairs.push(fresh);
    }
    newRoot.pairs.push(newSection);
  }
  const issues = once.tree.issues.map((i) => ({ ...i, start: i.start + fragmentStart, end: i.end + fragmentStart }));
  if (!issues.length) markClean(newRoot, text);
  return { root: newRoot, issues };
}
