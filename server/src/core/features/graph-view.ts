/**
 * The graph view's model, from an analysis already made (nothing is parsed again): the
 * graph's nodes with the worst finding on each, its edges collapsed per (from, to) pair,
 * and the layout. Offsets only; the LSP layer turns them into positions.
 */
import type { Analysis } from '../analyze';
import type { EdgeKind, GraphNodeKind } from '../graph/graph';
import type { Severity } from '../types';
import { GraphLayout, LayoutOptions, PlacedEdge, PlacedLane, PlacedNode, layoutGraph } from './graph-layout';

export interface GraphViewOptions {
  /** Show the pseudo-parameters used (`AWS::Region`…) and their edges (default false: they clutter every template). */
  pseudo?: boolean;
  /**
   * Show the Parameters, Mappings, Conditions and Outputs lanes. 'auto' (the default): shown
   * unless the graph has more than `SECTIONS_AUTO_MAX_NODES` nodes, where they would crowd out
   * the resources (a 300-resource template often has 200 more of them).
   */
  sections?: boolean | 'auto';
  layout?: LayoutOptions;
}

/** Above this many nodes, 'auto' leaves out the section lanes (parameters, mappings, conditions, outputs). */
export const SECTIONS_AUTO_MAX_NODES = 250;
const SECTION_KINDS = new Set<GraphNodeKind>(['parameter', 'mapping', 'condition', 'output']);

/** A node of the layout with what the view shows on it. */
export interface GraphViewNode extends PlacedNode {
  kind: GraphNodeKind;
  name: string;
  type: string | null;
  /** A short second line: the parameter's type, the output's export… (absent for resources). */
  detail?: string;
  /** Range of the defining key (absent for pseudo-parameters and imports). */
  start?: number;
  end?: number;
  severity: Severity | null;
  findings: number;
}

export interface GraphViewEdge extends PlacedEdge {
  /** The kind the edge is drawn as: the first of `kinds` in `EDGE_KIND_ORDER`. */
  kind: EdgeKind;
  /** Every kind of reference between the pair. */
  kinds: EdgeKind[];
  /** Number of references collapsed into this edge. */
  count: number;
}

export interface GraphView {
  nodes: GraphViewNode[];
  edges: GraphViewEdge[];
  lanes: PlacedLane[];
  width: number;
  height: number;
  columns: number;
  /** Edge kinds present (after hiding pseudo-parameters), in `EDGE_KIND_ORDER`. */
  kinds: EdgeKind[];
  /** Pseudo-parameter nodes left out (0 when shown). */
  hiddenPseudo: number;
  /** Whether the section lanes are shown (the 'auto' choice made). */
  sections: boolean;
  /** Parameter, mapping, condition and output nodes left out (0 when shown). */
  hiddenSections: number;
  /** Findings not attached to any node (template-level). */
  unattached: number;
  layoutMs: number;
}

/** Drawing priority of edge kinds: a Ref/GetAtt between two nodes says more than a DependsOn beside it. */
export const EDGE_KIND_ORDER: readonly EdgeKind[] = ['Ref', 'GetAtt', 'Sub', 'SAM', 'DependsOn', 'ImportValue', 'Export', 'FindInMap', 'Condition'];

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const SECTION_PREFIXES = ['Resources.', 'Parameters.', 'Outputs.', 'Conditions.', 'Mappings.'];

export function buildGraphView(analysis: Analysis, options: GraphViewOptions = {}): GraphView {
  const g = analysis.graph;
  const candidates = [...g.nodes.values()].filter((n) => options.pseudo || n.kind !== 'pseudo');
  const sections = options.sections === undefined || options.sections === 'auto' ? candidates.length <= SECTIONS_AUTO_MAX_NODES : options.sections;
  const nodes = sections ? candidates : candidates.filter((n) => !SECTION_KINDS.has(n.kind));
  const shown = new Set(nodes.map((n) => n.id));

  // Worst finding per node: by the finding's `resource`, else by where it is written.
  const worst = new Map<string, { severity: Severity; count: number }>();
  const spans = nodes
    .filter((n) => n.entity)
    .map((n) => ({ id: n.id, start: n.entity!.pair.start, end: n.entity!.pair.end }))
    .sort((a, b) => a.start - b.start);
  const byOffset = (o: number): string | undefined => {
    let lo = 0;
    let hi = spans.length - 1;
    let hit: string | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].start <= o) {
        if (o < spans[mid].end || (o === spans[mid].end && o === spans[mid].start)) hit = spans[mid].id;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return hit;
  };
  let unattached = 0;
  for (const f of analysis.findings) {
    let id: string | undefined;
    if (f.resource) id = SECTION_PREFIXES.map((p) => p + f.resource).find((x) => shown.has(x));
    id ??= byOffset(f.start);
    if (!id) {
      unattached++;
      continue;
    }
    const w = worst.get(id);
    if (!w) worst.set(id, { severity: f.severity, count: 1 });
    else {
      w.count++;
      if (RANK[f.severity] > RANK[w.severity]) w.severity = f.severity;
    }
  }

  // Collapse parallel edges.
  const collapsed = new Map<string, { from: string; to: string; kinds: Set<EdgeKind>; count: number }>();
  for (const e of g.edges) {
    if (!shown.has(e.from) || !shown.has(e.to) || e.from === e.to) continue;
    const key = `${e.from}\u0000${e.to}`;
    let c = collapsed.get(key);
    if (!c) collapsed.set(key, (c = { from: e.from, to: e.to, kinds: new Set(), count: 0 }));
    c.kinds.add(e.kind);
    c.count++;
  }

  const t0 = performance.now();
  const layout: GraphLayout = layoutGraph(
    nodes.map((n) => ({ id: n.id, kind: n.kind, type: n.type })),
    [...collapsed.values()],
    options.layout,
  );
  const layoutMs = performance.now() - t0;
  const placed = new Map(layout.nodes.map((p) => [p.id, p]));
  const routes = new Map(layout.edges.map((e) => [`${e.from}\u0000${e.to}`, e.points]));

  const present = new Set<EdgeKind>();
  const edges: GraphViewEdge[] = [];
  for (const [key, c] of collapsed) {
    const kinds = EDGE_KIND_ORDER.filter((k) => c.kinds.has(k));
    kinds.forEach((k) => present.add(k));
    edges.push({ from: c.from, to: c.to, kind: kinds[0], kinds, count: c.count, points: routes.get(key) ?? [] });
  }

  return {
    nodes: nodes.map((n): GraphViewNode => {
      const p = placed.get(n.id)!;
      const w = worst.get(n.id);
      const detail = detailOf(n.kind, (n.entity as { type?: string } | undefined)?.type);
      return {
        id: n.id,
        kind: n.kind,
        name: n.name,
        type: n.type,
        ...(detail ? { detail } : {}),
        ...(n.start !== undefined ? { start: n.start, end: n.end } : {}),
        severity: w?.severity ?? null,
        findings: w?.count ?? 0,
        lane: p.lane,
        column: p.column,
        x: p.x,
        y: p.y,
        w: p.w,
        h: p.h,
      };
    }),
    edges,
    lanes: layout.lanes,
    width: layout.width,
    height: layout.height,
    columns: layout.columns,
    kinds: EDGE_KIND_ORDER.filter((k) => present.has(k)),
    hiddenPseudo: options.pseudo ? 0 : g.nodes.size - candidates.length,
    sections,
    hiddenSections: candidates.length - nodes.length,
    unattached,
    layoutMs: Math.round(layoutMs * 100) / 100,
  };
}

function detailOf(kind: GraphNodeKind, parameterType: string | undefined): string | undefined {
  switch (kind) {
    case 'parameter':
      return parameterType ? `Parameter · ${parameterType}` : 'Parameter';
    case 'condition':
      return 'Condition';
    case 'mapping':
      return 'Mapping';
    case 'output':
      return 'Output';
    case 'pseudo':
      return 'Pseudo-parameter';
    case 'import':
      return 'Imported export';
    default:
      return undefined;
  }
}
