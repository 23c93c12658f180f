/**
 * The format-neutral document tree. YAML and JSON both parse into it; every node and
 * every key carries exact offsets [start, end) into the source text.
 *
 * Short-form tags are normalized: `!Ref X` becomes a one-pair map node whose key is the
 * scalar "Ref" spanning the tag text (`shortForm: true`), so rules see one shape for
 * `!GetAtt A.B`, `{Fn::GetAtt: [A, B]}` and `{"Fn::GetAtt": ["A", "B"]}`.
 */

export type ScalarValue = string | number | boolean | null;

interface NodeBase {
  start: number;
  end: number;
  parent: MapNode | SeqNode | null;
  /** The pair this node is the value of, if any. */
  pair?: Pair;
}

export interface ScalarNode extends NodeBase {
  kind: 'scalar';
  value: ScalarValue;
  /** Source style: plain, quoted or block; JSON strings are 'double'. */
  style: 'plain' | 'single' | 'double' | 'block' | 'json';
  /** Present on YAML scalars whose tag is not a CloudFormation intrinsic (e.g. `!!str`). */
  tag?: string;
}

export interface Pair {
  key: ScalarNode;
  value: Node;
  start: number;
  end: number;
  parent: MapNode;
}

export interface MapNode extends NodeBase {
  kind: 'map';
  pairs: Pair[];
  flow: boolean;
  /** True for a map synthesized from a short-form tag (`!Ref X`). */
  shortForm?: boolean;
}

export interface SeqNode extends NodeBase {
  kind: 'seq';
  items: Node[];
  flow: boolean;
}

export type Node = ScalarNode | MapNode | SeqNode;

export function isMap(n: Node | null | undefined): n is MapNode {
  return !!n && n.kind === 'map';
}
export function isSeq(n: Node | null | undefined): n is SeqNode {
  return !!n && n.kind === 'seq';
}
export function isScalar(n: Node | null | undefined): n is ScalarNode {
  return !!n && n.kind === 'scalar';
}

/** The pair with the given key (last one wins, as in CloudFormation, when keys repeat). */
export function getPair(map: Node | null | undefined, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  for (let i = map.pairs.length - 1; i >= 0; i--) {
    if (map.pairs[i].key.value === key) return map.pairs[i];
  }
  return undefined;
}

export function get(map: Node | null | undefined, key: string): Node | undefined {
  return getPair(map, key)?.value;
}

/** Walks a path of keys (strings) and indexes (numbers). */
export function getPath(node: Node | null | undefined, path: readonly (string | number)[]): Node | undefined {
  let cur: Node | undefined = node ?? undefined;
  for (const step of path) {
    if (!cur) return undefined;
    if (typeof step === 'number') cur = isSeq(cur) ? cur.items[step] : undefined;
    else cur = get(cur, step);
  }
  return cur;
}

/** The scalar's value as a string (numbers and booleans stringified), or undefined. */
export function scalarString(n: Node | null | undefined): string | undefined {
  if (!isScalar(n) || n.value === null) return undefined;
  return String(n.value);
}

/** A scalar's value as CloudFormation sees it for booleans: true/"true" -> true, false/"false" -> false. */
export function scalarBoolean(n: Node | null | undefined): boolean | undefined {
  if (!isScalar(n)) return undefined;
  if (n.value === true || n.value === 'true' || n.value === 'True' || n.value === 'TRUE') return true;
  if (n.value === false || n.value === 'false' || n.value === 'False' || n.value === 'FALSE') return false;
  return undefined;
}

export function scalarNumber(n: Node | null | undefined): number | undefined {
  if (!isScalar(n) || n.value === null || n.value === '') return undefined;
  const v = typeof n.value === 'number' ? n.value : Number(n.value);
  return Number.isFinite(v) ? v : undefined;
}

/** Depth-first walk; return false from the callback to skip a node's children. */
export function walk(node: Node, visit: (n: Node) => boolean | void): void {
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (visit(n) === false) continue;
    if (n.kind === 'map') {
      for (let i = n.pairs.length - 1; i >= 0; i--) stack.push(n.pairs[i].value);
    } else if (n.kind === 'seq') {
      for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
    }
  }
}

/** The innermost node whose range contains the offset (keys included). */
export function nodeAt(root: Node, offset: number): { node: Node; key?: Pair } | undefined {
  let found: { node: Node; key?: Pair } | undefined;
  let cur: Node | undefined = root;
  while (cur) {
    if (offset < cur.start || offset > cur.end) break;
    found = { node: cur };
    let next: Node | undefined;
    if (cur.kind === 'map') {
      for (const p of cur.pairs) {
        if (offset >= p.key.start && offset <= p.key.end) return { node: p.key, key: p };
        if (offset >= p.value.start && offset <= p.value.end && p.value.end > p.value.start) {
          next = p.value;
          break;
        }
      }
    } else if (cur.kind === 'seq') {
      next = cur.items.find((i) => offset >= i.start && offset <= i.end);
    }
    cur = next;
  }
  return found;
}

/** Keys from the root down to this node, e.g. ['Resources', 'Bucket', 'Properties', 'Tags', 0]. */
export function pathOf(node: Node): (string | number)[] {
  const path: (string | number)[] = [];
  let n: Node = node;
  while (n.parent) {
    const p: MapNode | SeqNode = n.parent;
    if (p.kind === 'map') path.push(n.pair ? String(n.pair.key.value) : '?');
    else path.push(p.items.indexOf(n));
    n = p;
  }
  return path.reverse();
}
