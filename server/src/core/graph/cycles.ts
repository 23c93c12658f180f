/**
 * Circular dependencies among resources: strongly connected components (Tarjan, iterative)
 * of the resource subgraph, each with a closed walk through all its members for messages.
 */
import { DEPENDENCY_KINDS, Graph, GraphEdge } from './graph';

export interface Cycle {
  /** Member node ids (`Resources.X`), in document order. */
  members: string[];
  /** A closed walk through every member, from the first member back to it: [A, B, C, A]. */
  path: string[];
  /** For each hop of `path`, every edge between the two nodes (in source order). */
  hops: GraphEdge[][];
}

/** Edges that order resource creation: Ref, GetAtt, Sub, DependsOn between resources, except SAM-generated ones. */
export function isDependencyEdge(e: GraphEdge): boolean {
  return DEPENDENCY_KINDS.has(e.kind) && !e.viaGenerated && e.from.startsWith('Resources.') && e.to.startsWith('Resources.');
}

/** Tarjan's strongly connected components over the nodes given, following accepted edges. */
export function stronglyConnected(g: Graph, nodes: readonly string[], accept: (e: GraphEdge) => boolean): string[][] {
  const inSet = new Set(nodes);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let next = 0;
  const succ = (v: string) => {
    const s: string[] = [];
    for (const e of g.dependencies(v)) if (accept(e) && inSet.has(e.to)) s.push(e.to);
    return s;
  };
  for (const root of nodes) {
    if (index.has(root)) continue;
    // Explicit call stack: [node, successors, position].
    const frames: [string, string[], number][] = [];
    const open = (v: string) => {
      index.set(v, next);
      low.set(v, next);
      next++;
      stack.push(v);
      onStack.add(v);
      frames.push([v, succ(v), 0]);
    };
    open(root);
    while (frames.length) {
      const f = frames[frames.length - 1];
      const [v, ss] = f;
      if (f[2] < ss.length) {
        const w = ss[f[2]++];
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      frames.pop();
      if (frames.length) {
        const u = frames[frames.length - 1][0];
        low.set(u, Math.min(low.get(u)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        out.push(comp);
      }
    }
  }
  return out;
}

/** Shortest path (BFS, edges in source order) from `from` to the first node satisfying `goal`, inside `within`. */
function shortest(g: Graph, from: string, goal: (n: string) => boolean, within: Set<string>, accept: (e: GraphEdge) => boolean): string[] | undefined {
  const prev = new Map<string, string>();
  const queue = [from];
  const seen = new Set([from]);
  for (let qi = 0; qi < queue.length; qi++) {
    const v = queue[qi];
    for (const e of g.dependencies(v)) {
      if (!accept(e) || !within.has(e.to)) continue;
      if (goal(e.to)) {
        const path = [e.to];
        for (let c: string | undefined = v; c !== undefined; c = prev.get(c)) path.push(c);
        return path.reverse();
      }
      if (seen.has(e.to)) continue;
      seen.add(e.to);
      prev.set(e.to, v);
      queue.push(e.to);
    }
  }
  return undefined;
}

/** Circular dependencies among resources, one per strongly connected component (self-references included). */
export function resourceCycles(g: Graph, accept: (e: GraphEdge) => boolean = isDependencyEdge): Cycle[] {
  const resources = [...g.nodes.values()].filter((n) => n.kind === 'resource').map((n) => n.id);
  const order = new Map(resources.map((id, i) => [id, i]));
  const cycles: Cycle[] = [];
  for (const comp of stronglyConnected(g, resources, accept)) {
    const members = comp.sort((a, b) => order.get(a)! - order.get(b)!);
    const within = new Set(members);
    const first = members[0];
    if (members.length === 1 && !g.dependencies(first).some((e) => accept(e) && e.to === first)) continue;
    const path = [first];
    const remaining = new Set(members.slice(1));
    let cur = first;
    while (remaining.size) {
      const leg = shortest(g, cur, (n) => remaining.has(n), within, accept);
      if (!leg) break;
      for (const n of leg.slice(1)) {
        path.push(n);
        remaining.delete(n);
      }
      cur = path[path.length - 1];
    }
    const back = shortest(g, cur, (n) => n === first, within, accept);
    if (back) path.push(...back.slice(1));
    const hops: GraphEdge[][] = [];
    for (let i = 0; i + 1 < path.length; i++) hops.push(g.dependencies(path[i]).filter((e) => accept(e) && e.to === path[i + 1]));
    cycles.push({ members, path, hops });
  }
  cycles.sort((a, b) => order.get(a.members[0])! - order.get(b.members[0])!);
  return cycles;
}
