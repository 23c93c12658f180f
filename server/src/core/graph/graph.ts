/**
 * The dependency graph: built once per document version from the model's references
 * and shared by every rule and feature. Edges point from the dependent to what it
 * depends on and keep the source range where they are written.
 */
import type { Template, Entity } from '../parse/template';
import type { Reference } from '../parse/references';
import { PSEUDO_SET } from '../parse/intrinsics';

export type GraphNodeKind = 'parameter' | 'resource' | 'condition' | 'mapping' | 'output' | 'pseudo' | 'import';
export type EdgeKind = 'Ref' | 'GetAtt' | 'Sub' | 'DependsOn' | 'Condition' | 'FindInMap' | 'ImportValue' | 'SAM';

export interface GraphNode {
  /** `Section.Name` (`Resources.OrdersDb`), a pseudo-parameter name (`AWS::Region`), or `Imports.<export>`. */
  id: string;
  kind: GraphNodeKind;
  name: string;
  type: string | null;
  /** Range of the defining key (absent for pseudo-parameters and imports). */
  start?: number;
  end?: number;
  entity?: Entity;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  start: number;
  end: number;
  /** The reference this edge comes from (absent for SAM implicit links). */
  ref?: Reference;
  /** For SAM links: what creates it, e.g. `Events.Orders (SQS)`. */
  label?: string;
}

const SECTION_KIND: Record<string, GraphNodeKind> = {
  Parameters: 'parameter',
  Resources: 'resource',
  Conditions: 'condition',
  Mappings: 'mapping',
  Outputs: 'output',
};

export class Graph {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges: GraphEdge[] = [];
  private readonly outIdx = new Map<string, GraphEdge[]>();
  private readonly inIdx = new Map<string, GraphEdge[]>();

  addNode(n: GraphNode): void {
    if (!this.nodes.has(n.id)) this.nodes.set(n.id, n);
  }

  addEdge(e: GraphEdge): void {
    this.edges.push(e);
    let o = this.outIdx.get(e.from);
    if (!o) this.outIdx.set(e.from, (o = []));
    o.push(e);
    let i = this.inIdx.get(e.to);
    if (!i) this.inIdx.set(e.to, (i = []));
    i.push(e);
  }

  /** Edges leaving a node: what it depends on. */
  dependencies(id: string): readonly GraphEdge[] {
    return this.outIdx.get(id) ?? [];
  }

  /** Edges entering a node: what depends on it. */
  dependents(id: string): readonly GraphEdge[] {
    return this.inIdx.get(id) ?? [];
  }

  /** Logical IDs of resources that reference the given resource, by any edge kind. */
  resourcesReferencing(resourceId: string): string[] {
    const out = new Set<string>();
    for (const e of this.dependents(`Resources.${resourceId}`)) if (e.from.startsWith('Resources.')) out.add(e.from.slice(10));
    return [...out];
  }
}

export function resourceNodeId(id: string): string {
  return `Resources.${id}`;
}

/** The graph node a reference resolves to, or undefined when the name is unknown. */
export function resolveReference(t: Template, r: Reference): string | undefined {
  switch (r.expects) {
    case 'refable':
      if (t.parameters.has(r.target)) return `Parameters.${r.target}`;
      if (t.resources.has(r.target)) return `Resources.${r.target}`;
      if (PSEUDO_SET.has(r.target)) return r.target;
      return undefined;
    case 'resource':
      return t.resources.has(r.target) ? `Resources.${r.target}` : undefined;
    case 'condition':
      return t.conditions.has(r.target) ? `Conditions.${r.target}` : undefined;
    case 'mapping':
      return t.mappings.has(r.target) ? `Mappings.${r.target}` : undefined;
    case 'export':
      return `Imports.${r.target}`;
  }
}

const EDGE_KIND: Record<Reference['kind'], EdgeKind> = {
  Ref: 'Ref',
  GetAtt: 'GetAtt',
  Sub: 'Sub',
  DependsOn: 'DependsOn',
  Condition: 'Condition',
  If: 'Condition',
  FindInMap: 'FindInMap',
  ImportValue: 'ImportValue',
};

export function buildGraph(t: Template): Graph {
  const g = new Graph();
  for (const map of [t.parameters, t.resources, t.conditions, t.mappings, t.outputs] as Map<string, Entity>[]) {
    for (const e of map.values()) {
      g.addNode({
        id: `${e.section}.${e.id}`,
        kind: SECTION_KIND[e.section],
        name: e.id,
        type: e.section === 'Resources' ? ((e as { type?: string }).type ?? null) : null,
        start: e.key.start,
        end: e.key.end,
        entity: e,
      });
    }
  }
  for (const r of t.references) {
    if (!r.from) continue;
    const from = `${r.from.section}.${r.from.id}`;
    if (!g.nodes.has(from)) continue;
    const to = resolveReference(t, r);
    if (!to) continue;
    if (!g.nodes.has(to)) {
      if (r.expects === 'export') g.addNode({ id: to, kind: 'import', name: r.target, type: null });
      else g.addNode({ id: to, kind: 'pseudo', name: r.target, type: null });
    }
    g.addEdge({ from, to, kind: EDGE_KIND[r.kind], start: r.start, end: r.end, ref: r });
  }
  return g;
}
