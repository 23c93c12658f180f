/**
 * The dependency graph: built once per document version (in `analyze()`) from the model's
 * references and shared by every rule and feature. Edges point from the dependent to what
 * it depends on and keep the source range where they are written.
 *
 * Nodes: parameters, resources, conditions, mappings, outputs (`Section.Name`), the
 * pseudo-parameters used (`AWS::Region`) and export names (`Imports.<name>`: every name a
 * `Fn::ImportValue` reads; when an output of this template exports that name, an `Export`
 * edge leads from the import node to the output).
 *
 * Edges: one per reference (`Ref`, `GetAtt`, each `${X}`/`${X.Attr}` of `Sub`, `DependsOn`,
 * resource/output `Condition`, `Fn::If` and `Condition` inside Conditions (kind `Condition`),
 * `FindInMap`, `ImportValue`; also those in `DeletionPolicy`/`UpdateReplacePolicy`, see
 * `policyReferences`), `Export`, and SAM's implicit links (kind `SAM`, see sam.ts).
 * References written where no node exists (`Rules`, SAM `Globals`, `Fn::ForEach` bodies)
 * make no edge but count as usages (`Graph.usages`).
 */
import type { Template, Entity } from '../parse/template';
import { Reference } from '../parse/references';
import { PSEUDO_SET, asIntrinsic } from '../parse/intrinsics';
import { Node, get, isMap, isScalar, isSeq, pathOf, scalarString, walk } from '../parse/node';
import { addSamEdges, generatedOwnedProperty, SamLink } from './sam';

export type GraphNodeKind = 'parameter' | 'resource' | 'condition' | 'mapping' | 'output' | 'pseudo' | 'import';
export type EdgeKind = 'Ref' | 'GetAtt' | 'Sub' | 'DependsOn' | 'Condition' | 'FindInMap' | 'ImportValue' | 'Export' | 'SAM';

/** Edge kinds that make a resource depend on another one at deployment time. */
export const DEPENDENCY_KINDS: ReadonlySet<EdgeKind> = new Set<EdgeKind>(['Ref', 'GetAtt', 'Sub', 'DependsOn']);

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

/** An `Fn::If` branch an edge is written in: it exists only when `condition` evaluates to `value`. */
export interface Guard {
  condition: string;
  value: boolean;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** Range of the referenced name (for `Export`: the export name; for SAM links: the reference inside the property). */
  start: number;
  end: number;
  /** The reference this edge comes from (reference edges, and SAM links made of a written reference). */
  ref?: Reference;
  /** The node written at the source: the intrinsic map, the DependsOn/Condition scalar, a SAM connector `Id`. */
  node?: Node;
  /** For SAM links: what creates it, e.g. `Events.Orders (SQS)`, `Policies.SQSPollerPolicy`, `DeadLetterQueue (SQS)`. */
  label?: string;
  /** For SAM links: structured form of the label. */
  sam?: SamLink;
  /** `Fn::If` branches around the reference, outermost first (empty/absent: unconditional). */
  under?: Guard[];
  /**
   * The reference is written in an `AWS::Serverless::*` resource, inside a property the SAM
   * transform turns into separate resources (`Events`, `FunctionUrlConfig`, …): the
   * generated resources depend on the target, not the resource itself.
   */
  viaGenerated?: boolean;
}

/** A reference found through a property path (see `Graph.referencesAt`). */
export interface PathReference {
  edge: GraphEdge;
  /** Logical ID of the resource the reference is written in. */
  source: string;
  /** Node id of what it points at. */
  target: string;
  /** Path of the written node below the source entity, e.g. ['Properties', 'Dimensions', 0, 'Value']. */
  path: (string | number)[];
}

export interface PathQueryOptions {
  /** Only references written in resources of these types. */
  fromType?: string | readonly string[];
  /** Only references to resources of these types (referencesFrom). */
  toType?: string | readonly string[];
  /** Edge kinds to consider (default: Ref, GetAtt, Sub). */
  kinds?: readonly EdgeKind[];
  /** Skip references inside `Fn::If` branches. */
  unconditional?: boolean;
}

/** A path pattern: keys, indexes, or '*' for any single step. */
export type PathPattern = readonly (string | number)[];

const SECTION_KIND: Record<string, GraphNodeKind> = {
  Parameters: 'parameter',
  Resources: 'resource',
  Conditions: 'condition',
  Mappings: 'mapping',
  Outputs: 'output',
};

const DEFAULT_PATH_KINDS: readonly EdgeKind[] = ['Ref', 'GetAtt', 'Sub'];

export function matchesPrefix(path: readonly (string | number)[], prefix: PathPattern): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const p = prefix[i];
    if (p === '*') continue;
    if (p !== path[i] && String(p) !== String(path[i])) return false;
  }
  return true;
}

function typeMatches(type: string | null | undefined, want: string | readonly string[] | undefined): boolean {
  if (want === undefined) return true;
  if (!type) return false;
  return typeof want === 'string' ? type === want : want.includes(type);
}

export class Graph {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges: GraphEdge[] = [];
  /** Export name (literal, or the text of an `Fn::Sub`) -> node id of the output that exports it. */
  readonly exportsByName = new Map<string, string>();
  /** Template-wide facts found while building (used by rules that must stay quiet when they hold). */
  readonly facts = { fnTransform: false, dynamicMapName: false, macros: [] as string[] };
  private readonly outIdx = new Map<string, GraphEdge[]>();
  private readonly inIdx = new Map<string, GraphEdge[]>();
  private readonly usageIdx = new Map<string, Reference[]>();
  private readonly pathCache = new WeakMap<GraphEdge, (string | number)[]>();

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

  /** @internal Records that a reference (from anywhere, Rules and Globals included) names the node. */
  addUsage(target: string, r: Reference): void {
    let u = this.usageIdx.get(target);
    if (!u) this.usageIdx.set(target, (u = []));
    u.push(r);
  }

  /** A node id for `id`: node ids are taken as they are, a bare logical ID as a resource. */
  id(id: string): string {
    if (this.nodes.has(id)) return id;
    const r = `Resources.${id}`;
    return this.nodes.has(r) ? r : id;
  }

  node(id: string): GraphNode | undefined {
    return this.nodes.get(this.id(id));
  }

  /** Edges leaving a node: what it depends on. */
  dependencies(id: string): readonly GraphEdge[] {
    return this.outIdx.get(this.id(id)) ?? [];
  }

  /** Edges entering a node: what depends on it. */
  dependents(id: string): readonly GraphEdge[] {
    return this.inIdx.get(this.id(id)) ?? [];
  }

  /** Edges from `a` to `b` (any kind, in source order). */
  edgesBetween(a: string, b: string): GraphEdge[] {
    const to = this.id(b);
    return this.dependencies(a).filter((e) => e.to === to);
  }

  /** Logical IDs of resources that reference the given resource, by any edge kind. */
  resourcesReferencing(resourceId: string): string[] {
    const out = new Set<string>();
    for (const e of this.dependents(this.id(resourceId))) if (e.from.startsWith('Resources.')) out.add(e.from.slice(10));
    return [...out];
  }

  /**
   * Every reference that names the node, wherever it is written: entities, but also the
   * `Rules` section, SAM `Globals` and `Fn::ForEach` bodies, which have no node of their own.
   */
  usages(id: string): readonly Reference[] {
    return this.usageIdx.get(this.id(id)) ?? [];
  }

  /** Path of the edge's written node below its source entity (`['Properties', 'Queue']`). */
  pathOf(e: GraphEdge): (string | number)[] {
    let p = this.pathCache.get(e);
    if (!p) {
      p = e.node ? pathOf(e.node).slice(2) : [];
      this.pathCache.set(e, p);
    }
    return p;
  }

  /**
   * References to `target` written in resources under a property path: which
   * `AWS::Lambda::EventSourceMapping` has `EventSourceArn` pointing at queue Q is
   * `referencesAt('Q', ['Properties', 'EventSourceArn'], { fromType: 'AWS::Lambda::EventSourceMapping' })`;
   * which alarm has a dimension on instance I is `referencesAt('I', ['Properties', 'Dimensions'], …)`.
   * Intrinsic wrappers stay in the path after the property (`['Properties', 'EventSourceArn', 'Fn::If', 1]`),
   * so a prefix ending at the property matches them all. '*' matches any one step.
   */
  referencesAt(target: string, prefix: PathPattern, opts: PathQueryOptions = {}): PathReference[] {
    const kinds = opts.kinds ?? DEFAULT_PATH_KINDS;
    const out: PathReference[] = [];
    const to = this.id(target);
    for (const e of this.dependents(to)) {
      if (!kinds.includes(e.kind) || !e.from.startsWith('Resources.')) continue;
      if (opts.unconditional && e.under?.length) continue;
      if (!typeMatches(this.nodes.get(e.from)?.type, opts.fromType)) continue;
      const path = this.pathOf(e);
      if (matchesPrefix(path, prefix)) out.push({ edge: e, source: e.from.slice(10), target: to, path });
    }
    return out;
  }

  /**
   * References written in resource `source` under a property path: the subnets an ASG's
   * `VPCZoneIdentifier` names are `referencesFrom('Asg', ['Properties', 'VPCZoneIdentifier'])`.
   */
  referencesFrom(source: string, prefix: PathPattern, opts: PathQueryOptions = {}): PathReference[] {
    const kinds = opts.kinds ?? DEFAULT_PATH_KINDS;
    const from = this.id(source);
    const out: PathReference[] = [];
    for (const e of this.dependencies(from)) {
      if (!kinds.includes(e.kind)) continue;
      if (opts.unconditional && e.under?.length) continue;
      if (!typeMatches(this.nodes.get(e.to)?.type, opts.toType)) continue;
      const path = this.pathOf(e);
      if (matchesPrefix(path, prefix)) out.push({ edge: e, source: from.replace(/^Resources\./, ''), target: e.to, path });
    }
    return out;
  }

  /** Node ids reachable from `id` along edges of the given kinds (default: every kind), `id` excluded. */
  reachable(id: string, kinds?: readonly EdgeKind[]): Set<string> {
    const start = this.id(id);
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length) {
      const n = stack.pop()!;
      for (const e of this.dependencies(n)) {
        if (kinds && !kinds.includes(e.kind)) continue;
        if (e.to !== start && !seen.has(e.to)) {
          seen.add(e.to);
          stack.push(e.to);
        }
      }
    }
    return seen;
  }

  /** The SAM implicit links leaving a resource (optionally of one `via`, e.g. 'Events'). */
  samLinks(resourceId: string, via?: SamLink['via']): GraphEdge[] {
    return this.dependencies(resourceId).filter((e) => e.kind === 'SAM' && (!via || e.sam?.via === via));
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

/** The `Fn::If` branches enclosing `node` up to (not beyond) `stop`, outermost first. */
export function guardsOf(node: Node, stop?: Node): Guard[] {
  const out: Guard[] = [];
  let child: Node = node;
  for (let p = node.parent; p && p !== stop; child = p, p = p.parent) {
    if (!isSeq(p) || !p.parent || !isMap(p.parent)) continue;
    const intr = asIntrinsic(p.parent);
    if (!intr || intr.fn !== 'Fn::If' || intr.arg !== p) continue;
    const i = p.items.indexOf(child);
    const cond = scalarString(p.items[0]);
    if ((i === 1 || i === 2) && cond) out.push({ condition: cond, value: i === 1 });
  }
  return out.reverse();
}

/** An export name written as a literal or a plain `Fn::Sub` string (the key exports and imports are matched by). */
export function exportKey(n: Node | undefined): string | undefined {
  if (!n) return undefined;
  if (isScalar(n)) return scalarString(n);
  const intr = asIntrinsic(n);
  if (intr?.fn === 'Fn::Sub' && isScalar(intr.arg)) return scalarString(intr.arg);
  return undefined;
}

const KNOWN_TRANSFORMS = new Set(['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions', 'AWS::CodeDeployBlueGreen', 'AWS::SecretsManager-2020-07-23']);

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
    const to = resolveReference(t, r);
    if (!to) continue;
    if (!g.nodes.has(to)) {
      if (r.expects === 'export') g.addNode({ id: to, kind: 'import', name: r.target, type: null });
      else g.addNode({ id: to, kind: 'pseudo', name: r.target, type: null });
    }
    g.addUsage(to, r);
    if (!r.from) continue;
    const from = `${r.from.section}.${r.from.id}`;
    const src = g.nodes.get(from);
    if (!src) continue;
    const edge: GraphEdge = { from, to, kind: EDGE_KIND[r.kind], start: r.start, end: r.end, ref: r, node: r.node };
    if (r.kind !== 'DependsOn' && r.kind !== 'Condition') {
      const under = guardsOf(r.node, src.entity?.value);
      if (under.length) edge.under = under;
    }
    if (src.kind === 'resource' && src.type?.startsWith('AWS::Serverless::') && src.entity && generatedOwnedProperty(src.type, src.entity.value, r.start)) edge.viaGenerated = true;
    g.addEdge(edge);
  }

  // Facts: Fn::Transform anywhere (AWS::Include and macros may bring references in), FindInMap
  // whose map name is computed, ImportValue of a Sub-built name, macros named in Transform.
  if (t.root) {
    walk(t.root, (n) => {
      const intr = asIntrinsic(n);
      if (!intr) return;
      if (intr.fn === 'Fn::Transform') g.facts.fnTransform = true;
      else if (intr.fn === 'Fn::FindInMap' && isSeq(intr.arg) && intr.arg.items[0] && !isScalar(intr.arg.items[0])) g.facts.dynamicMapName = true;
      else if (intr.fn === 'Fn::ImportValue' && !isScalar(intr.arg)) {
        const key = exportKey(intr.arg);
        const from = entityOf(t, n);
        if (key !== undefined && from) {
          const to = `Imports.${key}`;
          g.addNode({ id: to, kind: 'import', name: key, type: null });
          const edge: GraphEdge = { from, to, kind: 'ImportValue', start: intr.arg.start, end: intr.arg.end, node: n };
          const under = guardsOf(n, g.nodes.get(from)?.entity?.value);
          if (under.length) edge.under = under;
          g.addEdge(edge);
        }
      }
    });
  }
  g.facts.macros = t.transforms.filter((x) => !KNOWN_TRANSFORMS.has(x));

  // Output exports: Imports.<name> -> Outputs.<id>.
  for (const o of t.outputs.values()) {
    const nameNode = get(get(o.value, 'Export'), 'Name');
    const key = exportKey(nameNode);
    if (key === undefined || !nameNode) continue;
    const oid = `Outputs.${o.id}`;
    if (!g.exportsByName.has(key)) g.exportsByName.set(key, oid);
    const imp = `Imports.${key}`;
    if (g.nodes.has(imp)) g.addEdge({ from: imp, to: oid, kind: 'Export', start: nameNode.start, end: nameNode.end, node: nameNode });
  }

  addSamEdges(g, t);
  return g;
}

/** Node id of the parameter/resource/condition/mapping/output whose definition contains `n`. */
function entityOf(t: Template, n: Node): string | undefined {
  const path = pathOf(n);
  const section = path[0];
  if (typeof section !== 'string' || !SECTION_KIND[section] || path.length < 2) return undefined;
  const id = `${section}.${String(path[1])}`;
  const map = section === 'Resources' ? t.resources : section === 'Outputs' ? t.outputs : section === 'Parameters' ? t.parameters : section === 'Conditions' ? t.conditions : t.mappings;
  return map.has(String(path[1])) ? id : undefined;
}

/**
 * References in `DeletionPolicy` / `UpdateReplacePolicy` (`!Ref Param`, `!If [Cond, …]`,
 * `!FindInMap […]`), which CloudFormation resolves: part of the model's reference list.
 */
export function policyReferences(t: Template): Reference[] {
  const inPolicy = (n: Node): boolean => {
    for (let c: Node | null = n; c; c = c.parent) {
      const k = c.pair?.key.value;
      if ((k === 'DeletionPolicy' || k === 'UpdateReplacePolicy') && c.parent?.pair && t.resources.get(String(c.parent.pair.key.value))?.value === c.parent) return true;
    }
    return false;
  };
  return t.references.filter((r) => r.from?.section === 'Resources' && inPolicy(r.node));
}
