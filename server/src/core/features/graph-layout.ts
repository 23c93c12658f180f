/**
 * Layout of the dependency graph for the graph view: pure TypeScript, no dependencies,
 * deterministic (same input, same output), linear-ish in the size of the graph.
 *
 * The picture it makes, top to bottom:
 *
 *   - input lanes: Parameters, Mappings, Conditions, pseudo-parameters, Imports. Their
 *     nodes have no place in the dependency order worth showing (everything can use them),
 *     so each is placed above the resources that use it (barycentre of their x) and packed
 *     into as few rows as fit;
 *   - resource lanes, one per stack layer (edge, compute, integration, data, security,
 *     network, observability, other, from the resource type's service). Across all of them
 *     resources sit in dependency columns: longest-path layering over the dependency
 *     direction (cycles broken at DFS back edges), tightened so that a resource sits just
 *     right of its nearest dependent, dependents on the left and what they depend on to
 *     the right. Inside a (lane, column) cell the order comes from a few barycentric
 *     sweeps (crossing reduction); crowded cells wrap into sub-columns, with a row limit per
 *     lane chosen so the whole fits the view's aspect (`maxRows` sets one for all lanes);
 *   - an Outputs lane, each output under the resources it reads.
 *
 * Edges come out as cubic Bézier control points (start, c1, c2, end), from the dependent
 * to its dependency (the arrow end), leaving and entering by the sides facing each other.
 */
import type { GraphNodeKind } from '../graph/graph';

export type StackLayer = 'edge' | 'compute' | 'integration' | 'data' | 'security' | 'network' | 'observability' | 'other';
export type InputLane = 'parameter' | 'mapping' | 'condition' | 'pseudo' | 'import';
export type LaneId = InputLane | StackLayer | 'output';

/** Top-to-bottom order of the lanes. */
export const LANE_ORDER: readonly LaneId[] = [
  'parameter',
  'mapping',
  'condition',
  'pseudo',
  'import',
  'edge',
  'compute',
  'integration',
  'data',
  'security',
  'network',
  'observability',
  'other',
  'output',
];

export const LANE_LABEL: Record<LaneId, string> = {
  parameter: 'Parameters',
  mapping: 'Mappings',
  condition: 'Conditions',
  pseudo: 'Pseudo-parameters',
  import: 'Imports',
  edge: 'Edge · load balancers, APIs, CDN, DNS',
  compute: 'Compute',
  integration: 'Integration · queues, topics, events, workflows',
  data: 'Data',
  security: 'Security · IAM, KMS, secrets',
  network: 'Network',
  observability: 'Observability',
  other: 'Other',
  output: 'Outputs',
};

const INPUT_LANES = new Set<LaneId>(['parameter', 'mapping', 'condition', 'pseudo', 'import']);

const SERVICE_LAYER: Record<string, StackLayer> = {};
function services(layer: StackLayer, names: string): void {
  for (const n of names.split(/\s+/)) if (n) SERVICE_LAYER[n] = layer;
}
services('network', 'EC2 Route53Resolver NetworkFirewall DirectConnect ServiceDiscovery VpcLattice NetworkManager EC2InstanceConnect');
services('edge', 'ElasticLoadBalancing ElasticLoadBalancingV2 ApiGateway ApiGatewayV2 CloudFront Route53 WAF WAFv2 WAFRegional CertificateManager GlobalAccelerator AppSync Amplify');
services('compute', 'Lambda ECS EKS AutoScaling Batch ElasticBeanstalk AppRunner ApplicationAutoScaling ImageBuilder EMR EMRServerless Lightsail GameLift OpsWorks ECR AutoScalingPlans');
services('data', 'RDS DynamoDB S3 S3Express ElastiCache EFS FSx Neptune DocDB DocDBElastic Redshift RedshiftServerless OpenSearchService OpenSearchServerless Elasticsearch Glue Backup Timestream Cassandra MemoryDB QLDB LakeFormation Athena DAX DMS DataSync');
services('integration', 'SQS SNS Events StepFunctions Kinesis KinesisFirehose KinesisAnalytics KinesisAnalyticsV2 Pipes MSK AmazonMQ Scheduler EventSchemas SES IoT AppFlow MWAA');
services('security', 'IAM KMS SecretsManager Cognito ACMPCA SSO GuardDuty SecurityHub Inspector InspectorV2 Macie AccessAnalyzer Detective Shield Config RolesAnywhere');
services('observability', 'CloudWatch Logs CloudTrail XRay Synthetics ApplicationInsights Oam RUM InternetMonitor');

const EC2_COMPUTE = new Set(['Instance', 'LaunchTemplate', 'SpotFleet', 'EC2Fleet', 'Host', 'CapacityReservation', 'PlacementGroup']);
const SERVERLESS_LAYER: Record<string, StackLayer> = {
  Function: 'compute',
  LayerVersion: 'compute',
  Api: 'edge',
  HttpApi: 'edge',
  GraphQLApi: 'edge',
  StateMachine: 'integration',
  Connector: 'integration',
  SimpleTable: 'data',
  Application: 'other',
};

/** The stack layer of a resource type (`AWS::EC2::Subnet` -> network), `other` when unknown. */
export function stackLayer(type: string | null | undefined): StackLayer {
  if (!type) return 'other';
  const parts = type.split('::');
  if (parts[0] !== 'AWS' || parts.length < 3) return 'other';
  const [, service, name] = parts;
  if (service === 'Serverless') return SERVERLESS_LAYER[name] ?? 'other';
  if (service === 'EC2') {
    if (EC2_COMPUTE.has(name)) return 'compute';
    if (name === 'Volume' || name === 'VolumeAttachment') return 'data';
    if (name === 'FlowLog') return 'observability';
    if (name === 'KeyPair') return 'security';
    return 'network';
  }
  return SERVICE_LAYER[service] ?? 'other';
}

/** The lane a node goes in. */
export function laneOf(kind: GraphNodeKind, type: string | null | undefined): LaneId {
  switch (kind) {
    case 'resource':
      return stackLayer(type);
    case 'output':
      return 'output';
    default:
      return kind;
  }
}

export interface LayoutNodeInput {
  id: string;
  kind: GraphNodeKind;
  type: string | null;
}

/** `from` depends on `to` (the direction of the graph's edges). */
export interface LayoutEdgeInput {
  from: string;
  to: string;
}

export interface LayoutOptions {
  nodeWidth?: number;
  nodeHeight?: number;
  /** Vertical gap between nodes of a cell. */
  rowGap?: number;
  /** Horizontal gap between dependency columns (where the edges run). */
  columnGap?: number;
  /** Gap between the sub-columns of a crowded cell. */
  subColumnGap?: number;
  /** Most rows a cell takes before it wraps into sub-columns (default: the value that best fits `aspect`). */
  maxRows?: number;
  /** Width / height of the view the graph is shown in (default 1.6): the layout is shaped to fit it at the largest zoom. */
  aspect?: number;
  /** Crossing-reduction sweeps (default 6). */
  sweeps?: number;
}

export interface PlacedNode {
  id: string;
  lane: LaneId;
  /** Dependency column of a resource (0 = leftmost), -1 for nodes of the input and output lanes. */
  column: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  /** Cubic Bézier control points from `from` (the dependent) to `to` (the dependency): start, c1, c2, end. */
  points: [number, number][];
}

export interface PlacedLane {
  id: LaneId;
  label: string;
  x: number;
  y: number;
  w: number;
  h: number;
  count: number;
}

export interface GraphLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  lanes: PlacedLane[];
  width: number;
  height: number;
  columns: number;
}

const LANE_HEADER = 26;
const LANE_PAD = 12;
const LANE_GAP = 8;
const MARGIN = 16;

interface Work {
  id: string;
  index: number;
  lane: LaneId;
  deps: number[];
  dependents: number[];
  column: number;
  x: number;
  y: number;
}

/**
 * Lays out nodes and edges (edges naming unknown nodes and self-loops are ignored;
 * parallel edges are drawn once). Resources come first in every ordering decision in
 * the order given, which makes the result deterministic.
 */
export function layoutGraph(nodesIn: readonly LayoutNodeInput[], edgesIn: readonly LayoutEdgeInput[], options: LayoutOptions = {}): GraphLayout {
  const W = options.nodeWidth ?? 180;
  const H = options.nodeHeight ?? 40;
  const rowGap = options.rowGap ?? 10;
  const colGap = options.columnGap ?? 72;
  const subGap = options.subColumnGap ?? 14;
  const rowH = H + rowGap;

  // ---- nodes and (deduplicated) adjacency -------------------------------------------
  const work: Work[] = [];
  const byId = new Map<string, number>();
  for (const n of nodesIn) {
    if (byId.has(n.id)) continue;
    byId.set(n.id, work.length);
    work.push({ id: n.id, index: work.length, lane: laneOf(n.kind, n.type), deps: [], dependents: [], column: -1, x: 0, y: 0 });
  }
  const pairs = new Set<string>();
  const edges: [number, number][] = [];
  for (const e of edgesIn) {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (a === undefined || b === undefined || a === b) continue;
    const key = `${a},${b}`;
    if (pairs.has(key)) continue;
    pairs.add(key);
    edges.push([a, b]);
    work[a].deps.push(b);
    work[b].dependents.push(a);
  }
  const isResourceLane = (l: LaneId) => !INPUT_LANES.has(l) && l !== 'output';
  const resources = work.filter((n) => isResourceLane(n.lane));
  const isRes = (i: number) => isResourceLane(work[i].lane);

  // ---- layering: longest path over resource dependencies, cycles broken -------------
  // Iterative DFS from each resource in input order; an edge to a node still on the
  // stack closes a cycle and is left out of the layering. Post-order puts every
  // dependency before its dependents.
  const state = new Uint8Array(work.length); // 0 new, 1 on stack, 2 done
  const back = new Set<string>();
  const post: number[] = [];
  for (const r of resources) {
    if (state[r.index]) continue;
    const stack: [number, number][] = [[r.index, 0]];
    state[r.index] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const node = work[top[0]];
      if (top[1] < node.deps.length) {
        const d = node.deps[top[1]++];
        if (!isRes(d)) continue;
        if (state[d] === 1) back.add(`${node.index},${d}`);
        else if (state[d] === 0) {
          state[d] = 1;
          stack.push([d, 0]);
        }
      } else {
        state[node.index] = 2;
        post.push(node.index);
        stack.pop();
      }
    }
  }
  const forward = (a: number, b: number) => isRes(a) && isRes(b) && !back.has(`${a},${b}`);
  const level = new Int32Array(work.length);
  for (const i of post) {
    let l = 0;
    for (const d of work[i].deps) if (forward(i, d)) l = Math.max(l, level[d] + 1);
    level[i] = l;
  }
  // Tighten: a resource moves up to just below its lowest dependent, so leaves (a role,
  // a bucket) sit next to what uses them instead of all piling up in the last column.
  for (let k = post.length - 1; k >= 0; k--) {
    const i = post[k];
    let min = Infinity;
    for (const p of work[i].dependents) if (forward(p, i)) min = Math.min(min, level[p] - 1);
    if (min !== Infinity && min > level[i]) level[i] = min;
  }
  let maxLevel = 0;
  for (const r of resources) maxLevel = Math.max(maxLevel, level[r.index]);
  for (const r of resources) r.column = maxLevel - level[r.index];
  const columns = resources.length ? maxLevel + 1 : 0;

  // ---- cells: (lane, column) -> nodes in order ---------------------------------------
  const resourceLanes = LANE_ORDER.filter((l) => isResourceLane(l) && resources.some((r) => r.lane === l));
  const cells = new Map<string, number[]>();
  const cellKey = (lane: LaneId, col: number) => `${lane}|${col}`;
  for (const r of resources) {
    const k = cellKey(r.lane, r.column);
    let c = cells.get(k);
    if (!c) cells.set(k, (c = []));
    c.push(r.index);
  }
  const laneMaxRows = options.maxRows !== undefined ? new Map(resourceLanes.map((l) => [l, Math.max(2, options.maxRows!)] as [LaneId, number])) : bestMaxRows();
  const rowLimit = (lane: LaneId) => laneMaxRows.get(lane) ?? 2;
  const rowsOf = (lane: LaneId, n: number) => Math.min(n, rowLimit(lane));
  const subColsOf = (lane: LaneId, n: number) => Math.ceil(n / rowLimit(lane));

  /**
   * The row limit of each resource lane, so that the layout fits a view of the requested aspect
   * at the largest zoom: sizes estimated from the cell counts alone (the order inside cells does
   * not change them). Candidates: one row limit for every lane, or, per lane, the rows its
   * largest cell needs to wrap into at most K sub-columns (for each K). With the latter a crowded lane
   * (Network, often half the resources) grows taller instead of widening every column for all
   * lanes and stretching the edges of the sparse ones across the picture.
   */
  function bestMaxRows(): Map<LaneId, number> {
    const aspect = options.aspect && options.aspect > 0.1 && options.aspect < 10 ? options.aspect : 1.6;
    const largest = new Map<LaneId, number>(resourceLanes.map((l) => [l, 1]));
    let maxCell = 1;
    for (const [k, cell] of cells) {
      const lane = k.slice(0, k.indexOf('|')) as LaneId;
      largest.set(lane, Math.max(largest.get(lane)!, cell.length));
      maxCell = Math.max(maxCell, cell.length);
    }
    const sideCounts = new Map<LaneId, number>();
    for (const n of work) if (!isResourceLane(n.lane)) sideCounts.set(n.lane, (sideCounts.get(n.lane) ?? 0) + 1);
    const limitsFor = (k: number) => new Map<LaneId, number>(resourceLanes.map((l) => [l, Math.max(Math.min(2, largest.get(l)!), Math.ceil(largest.get(l)! / k))]));
    const score = (limits: Map<LaneId, number>): number => {
      let width = 0;
      for (let c = 0; c < columns; c++) {
        let sub = 1;
        for (const lane of resourceLanes) sub = Math.max(sub, Math.ceil((cells.get(cellKey(lane, c))?.length ?? 0) / limits.get(lane)!));
        width += sub * W + (sub - 1) * subGap + colGap;
      }
      width = Math.max(width - colGap, 4 * W + 3 * subGap) + 2 * (MARGIN + LANE_PAD);
      let height = 2 * MARGIN;
      for (const lane of resourceLanes) height += LANE_HEADER + limits.get(lane)! * rowH + LANE_PAD + LANE_GAP;
      const perRow = Math.max(1, Math.floor((width - 2 * (MARGIN + LANE_PAD) + subGap) / (W + subGap)));
      for (const count of sideCounts.values()) height += LANE_HEADER + Math.ceil((count * 1.25) / perRow) * rowH + LANE_PAD + LANE_GAP;
      return Math.min(aspect / width, 1 / height);
    };
    // candidates: each K, and (what suits small graphs better) one row limit for all lanes
    const candidates: Map<LaneId, number>[] = [];
    for (let k = 1; k <= Math.min(maxCell, 40); k++) candidates.push(limitsFor(k));
    for (let r = 2; r <= Math.max(2, Math.min(maxCell, 60)); r++) candidates.push(new Map(resourceLanes.map((l) => [l, Math.min(r, largest.get(l)!)])));
    let best = candidates[0];
    let bestScore = score(best);
    for (const limits of candidates.slice(1)) {
      const sc = score(limits);
      if (sc > bestScore * 1.0001) {
        bestScore = sc;
        best = limits;
      }
    }
    return best;
  }

  // Column x positions and widths (a column is as wide as its most-wrapped cell).
  const colX: number[] = [];
  const colW: number[] = [];
  let x = MARGIN + LANE_PAD;
  for (let c = 0; c < columns; c++) {
    let sub = 1;
    for (const lane of resourceLanes) sub = Math.max(sub, subColsOf(lane, cells.get(cellKey(lane, c))?.length ?? 0));
    colX.push(x);
    colW.push(sub * W + (sub - 1) * subGap);
    x += colW[c] + colGap;
  }
  const resourceRight = columns ? x - colGap + LANE_PAD : MARGIN;

  // Lane heights are fixed by the cell sizes; only the order inside cells changes below.
  const laneRows = new Map<LaneId, number>();
  for (const lane of resourceLanes) {
    let rows = 1;
    for (let c = 0; c < columns; c++) rows = Math.max(rows, rowsOf(lane, cells.get(cellKey(lane, c))?.length ?? 0));
    laneRows.set(lane, rows);
  }

  const place = (lane: LaneId, col: number, top: number) => {
    const cell = cells.get(cellKey(lane, col));
    if (!cell) return;
    const rows = rowsOf(lane, cell.length);
    cell.forEach((i, k) => {
      const n = work[i];
      n.x = colX[col] + Math.floor(k / rows) * (W + subGap);
      n.y = top + (k % rows) * rowH;
    });
  };

  // Provisional vertical positions (the input and output lanes, not known yet, count as
  // nothing) for the crossing reduction.
  const laneTop = new Map<LaneId, number>();
  {
    let y = 0;
    for (const lane of resourceLanes) {
      laneTop.set(lane, y + LANE_HEADER);
      y += LANE_HEADER + laneRows.get(lane)! * rowH + LANE_PAD + LANE_GAP;
    }
  }
  const placeAll = () => {
    for (const lane of resourceLanes) for (let c = 0; c < columns; c++) place(lane, c, laneTop.get(lane)!);
  };
  placeAll();

  // ---- crossing reduction: barycentric sweeps inside each cell ------------------------
  const sweeps = options.sweeps ?? 6;
  const centreY = (i: number) => work[i].y + H / 2;
  for (let s = 0; s < sweeps; s++) {
    const leftToRight = s % 2 === 0;
    for (let k = 0; k < columns; k++) {
      const c = leftToRight ? k : columns - 1 - k;
      for (const lane of resourceLanes) {
        const cell = cells.get(cellKey(lane, c));
        if (!cell || cell.length < 2) continue;
        const key = new Map<number, number>();
        for (const i of cell) {
          const n = work[i];
          let sum = 0;
          let cnt = 0;
          // Prefer the neighbours on the side the sweep comes from; fall back to all of them.
          for (const pass of [0, 1]) {
            for (const j of [...n.deps, ...n.dependents]) {
              if (!isRes(j) || work[j].column === c) continue;
              if (pass === 0 && (work[j].column < c) !== leftToRight) continue;
              sum += centreY(j);
              cnt++;
            }
            if (cnt) break;
          }
          key.set(i, cnt ? sum / cnt : centreY(i));
        }
        const pos = new Map(cell.map((i, k2) => [i, k2] as [number, number]));
        cell.sort((a, b) => key.get(a)! - key.get(b)! || pos.get(a)! - pos.get(b)!);
        place(lane, c, laneTop.get(lane)!);
      }
    }
  }

  // ---- input and output lanes: packed rows under/over their neighbours ---------------
  const areaLeft = MARGIN + LANE_PAD;
  const areaRight = Math.max(resourceRight - LANE_PAD, areaLeft + 4 * W + 3 * subGap);
  const cx = (i: number) => work[i].x + W / 2;
  const desired = new Map<number, number>();
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);
  const known = (i: number) => isRes(i) || desired.has(i);
  const xOf = (i: number) => (isRes(i) ? cx(i) : desired.get(i)!);
  // Conditions by what uses them, then parameters by what uses them (resources, conditions), the rest likewise.
  for (const lane of ['condition', 'mapping', 'pseudo', 'import', 'parameter', 'output'] as LaneId[]) {
    for (const n of work) {
      if (n.lane !== lane) continue;
      const near = lane === 'output' ? n.deps : n.dependents;
      let m = mean(near.filter(known).map(xOf));
      if (m === undefined) m = mean([...n.deps, ...n.dependents].filter(known).map(xOf));
      if (m !== undefined) desired.set(n.index, m);
    }
  }
  const packed = new Map<LaneId, number>(); // lane -> rows
  /**
   * Rows of a section lane: each node goes to the free slot nearest its wanted x, in the
   * row where that slot is nearest; a new row opens only when every slot is far off and the
   * lane is still within one row of the fewest it could have.
   */
  const pack = (lane: LaneId) => {
    const members = work.filter((n) => n.lane === lane);
    if (!members.length) return;
    const order = members
      .map((n, k) => ({ n, k, d: desired.get(n.index) }))
      .sort((a, b) => (a.d ?? Infinity) - (b.d ?? Infinity) || a.k - b.k);
    const maxLeft = Math.max(areaLeft, areaRight - W);
    const perRow = Math.max(1, Math.floor((areaRight - areaLeft + subGap) / (W + subGap)));
    const rowLimit = Math.ceil(members.length / perRow) + 1;
    const rows: number[][] = []; // left edges, sorted
    const slot = (row: number[], want: number): number | undefined => {
      // gaps: [areaLeft, first - gap], [end + gap, next - gap], …, [last end + gap, maxLeft]
      let best: number | undefined;
      let from = areaLeft;
      for (let i = 0; i <= row.length; i++) {
        const to = i < row.length ? row[i] - subGap - W : maxLeft;
        if (to >= from - 0.5) {
          const x = Math.min(Math.max(want, from), to);
          if (best === undefined || Math.abs(x - want) < Math.abs(best - want)) best = x;
        }
        if (i < row.length) from = row[i] + W + subGap;
      }
      return best;
    };
    for (const { n, d } of order) {
      const want = d === undefined ? areaLeft : Math.min(Math.max(d - W / 2, areaLeft), maxLeft);
      let bestRow = -1;
      let bestX = 0;
      for (let r = 0; r < rows.length; r++) {
        const x = slot(rows[r], want);
        if (x !== undefined && (bestRow < 0 || Math.abs(x - want) < Math.abs(bestX - want) - 0.5)) {
          bestRow = r;
          bestX = x;
        }
      }
      if (bestRow < 0 || (Math.abs(bestX - want) > 1.5 * W && rows.length < rowLimit)) {
        rows.push([]);
        bestRow = rows.length - 1;
        bestX = want;
      }
      const row = rows[bestRow];
      let i = 0;
      while (i < row.length && row[i] < bestX) i++;
      row.splice(i, 0, bestX);
      n.x = bestX;
      n.y = bestRow; // row index for now
    }
    packed.set(lane, rows.length);
  };
  for (const lane of LANE_ORDER) if (!isResourceLane(lane)) pack(lane);

  // ---- final vertical placement -------------------------------------------------------
  const lanes: PlacedLane[] = [];
  let y = MARGIN;
  const laneWidth = areaRight + LANE_PAD - MARGIN;
  for (const lane of LANE_ORDER) {
    const resource = isResourceLane(lane);
    const rows = resource ? laneRows.get(lane) : packed.get(lane);
    if (!rows) continue;
    const top = y + LANE_HEADER;
    const count = work.reduce((a, n) => a + (n.lane === lane ? 1 : 0), 0);
    if (resource) {
      for (let c = 0; c < columns; c++) place(lane, c, top);
    } else {
      for (const n of work) if (n.lane === lane) n.y = top + n.y * rowH;
    }
    const h = LANE_HEADER + rows * rowH - rowGap + LANE_PAD;
    lanes.push({ id: lane, label: LANE_LABEL[lane], x: MARGIN, y, w: laneWidth, h, count });
    y += h + LANE_GAP;
  }
  const width = MARGIN + laneWidth + MARGIN;
  const height = y - LANE_GAP + MARGIN;

  // ---- edges ----------------------------------------------------------------------------
  const placedEdges: PlacedEdge[] = edges.map(([a, b]) => ({ from: work[a].id, to: work[b].id, points: route(work[a], work[b], isRes(a) && isRes(b), W, H) }));

  return {
    nodes: work.map((n) => ({ id: n.id, lane: n.lane, column: n.column, x: n.x, y: n.y, w: W, h: H })),
    edges: placedEdges,
    lanes,
    width,
    height,
    columns,
  };
}

const round = (v: number) => Math.round(v * 10) / 10;

/** Bézier control points from `a` (dependent) to `b` (dependency). */
function route(a: Work, b: Work, resources: boolean, W: number, H: number): [number, number][] {
  const pt = (x: number, y: number): [number, number] => [round(x), round(y)];
  const bend = (d: number) => Math.min(160, Math.max(24, Math.abs(d) / 2));
  if (resources || a.y === b.y) {
    if (b.x >= a.x + W + 8) {
      // dependency to the right: right side -> left side
      const s = pt(a.x + W, a.y + H / 2);
      const e = pt(b.x, b.y + H / 2);
      const d = bend(e[0] - s[0]);
      return [s, pt(s[0] + d, s[1]), pt(e[0] - d, e[1]), e];
    }
    if (b.x + W + 8 <= a.x) {
      // to the left (an edge that closes a cycle): left side -> right side, bowing outwards
      const s = pt(a.x, a.y + H / 2);
      const e = pt(b.x + W, b.y + H / 2);
      const d = bend(s[0] - e[0]) + 40;
      return [s, pt(s[0] - d, s[1] + 20), pt(e[0] + d, e[1] + 20), e];
    }
    // same column: out of the right side and back in
    const s = pt(a.x + W, a.y + H / 2);
    const e = pt(b.x + W, b.y + H / 2);
    const d = 28 + Math.min(60, Math.abs(e[1] - s[1]) / 6);
    return [s, pt(s[0] + d, s[1]), pt(e[0] + d, e[1]), e];
  }
  if (b.y < a.y) {
    // dependency above (a parameter, a condition, a resource an output reads): top -> bottom
    const s = pt(a.x + W / 2, a.y);
    const e = pt(b.x + W / 2, b.y + H);
    const d = bend(s[1] - e[1]);
    return [s, pt(s[0], s[1] - d), pt(e[0], e[1] + d), e];
  }
  const s = pt(a.x + W / 2, a.y + H);
  const e = pt(b.x + W / 2, b.y);
  const d = bend(e[1] - s[1]);
  return [s, pt(s[0], s[1] + d), pt(e[0], e[1] - d), e];
}
