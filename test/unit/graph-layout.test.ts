/**
 * The graph view's layout (server/src/core/features/graph-layout.ts) and model
 * (graph-view.ts): properties every layout must have, on synthetic graphs and on corpus
 * templates of about 50 and 300 resources (../shared/corpus, skipped when absent).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/core/analyze';
import { GraphLayout, LANE_ORDER, LayoutEdgeInput, LayoutNodeInput, layoutGraph, stackLayer } from '../../server/src/core/features/graph-layout';
import { buildGraphView } from '../../server/src/core/features/graph-view';
import { rng } from './rng';

const root = path.resolve(__dirname, '../../..');
const corpus = path.resolve(root, '../shared/corpus');

/** Every node once; no two boxes overlap; edges of resources run from a left column to a right one (cycles aside). */
function checkLayout(nodes: readonly LayoutNodeInput[], edges: readonly LayoutEdgeInput[], l: GraphLayout, allowBack = 0): void {
  assert.strictEqual(l.nodes.length, new Set(nodes.map((n) => n.id)).size, 'every node placed once');
  const byId = new Map(l.nodes.map((n) => [n.id, n]));
  for (const n of nodes) assert.ok(byId.has(n.id), `${n.id} placed`);
  for (const n of l.nodes) {
    assert.ok(Number.isFinite(n.x) && Number.isFinite(n.y), `${n.id} has coordinates`);
    assert.ok(n.x >= 0 && n.y >= 0 && n.x + n.w <= l.width && n.y + n.h <= l.height, `${n.id} inside the drawing`);
  }
  // Overlaps, by a sweep over x.
  const sorted = [...l.nodes].sort((a, b) => a.x - b.x);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].x < a.x + a.w; j++) {
      const b = sorted[j];
      const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
      assert.ok(!overlap, `${a.id} and ${b.id} overlap`);
    }
  }
  // Each node inside its lane.
  const lanes = new Map(l.lanes.map((x) => [x.id, x]));
  for (const n of l.nodes) {
    const lane = lanes.get(n.lane);
    assert.ok(lane, `lane ${n.lane} of ${n.id} drawn`);
    assert.ok(n.y >= lane.y && n.y + n.h <= lane.y + lane.h, `${n.id} inside lane ${n.lane}`);
  }
  // Lanes in LANE_ORDER, top to bottom, not overlapping.
  for (let i = 1; i < l.lanes.length; i++) {
    assert.ok(LANE_ORDER.indexOf(l.lanes[i - 1].id) < LANE_ORDER.indexOf(l.lanes[i].id), 'lane order');
    assert.ok(l.lanes[i - 1].y + l.lanes[i - 1].h <= l.lanes[i].y, 'lanes do not overlap');
  }
  // Dependency direction: the dependent's column is left of its dependency's.
  let back = 0;
  for (const e of edges) {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (!a || !b || a === b || a.column < 0 || b.column < 0) continue;
    if (a.column >= b.column) back++;
  }
  assert.ok(back <= allowBack, `${back} resource edges against the column order (allowed ${allowBack})`);
  // Routes: four control points, starting on the dependent's box and ending on the dependency's.
  const on = (p: [number, number], n: { x: number; y: number; w: number; h: number }) =>
    p[0] >= n.x - 0.6 && p[0] <= n.x + n.w + 0.6 && p[1] >= n.y - 0.6 && p[1] <= n.y + n.h + 0.6;
  for (const e of l.edges) {
    assert.strictEqual(e.points.length, 4, 'cubic Bézier');
    assert.ok(on(e.points[0], byId.get(e.from)!), `edge ${e.from} -> ${e.to} starts on ${e.from}`);
    assert.ok(on(e.points[3], byId.get(e.to)!), `edge ${e.from} -> ${e.to} ends on ${e.to}`);
  }
}

const TYPES = ['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::Lambda::Function', 'AWS::IAM::Role', 'AWS::SQS::Queue', 'AWS::DynamoDB::Table', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::Logs::LogGroup', 'Custom::Thing'];

/** A synthetic template graph: parameters, resources depending on earlier ones (a DAG), outputs. */
function synthetic(resources: number, seed: number): { nodes: LayoutNodeInput[]; edges: LayoutEdgeInput[] } {
  const r = rng(seed);
  const nodes: LayoutNodeInput[] = [];
  const edges: LayoutEdgeInput[] = [];
  const params = Math.max(2, Math.round(resources / 10));
  for (let i = 0; i < params; i++) nodes.push({ id: `Parameters.P${i}`, kind: 'parameter', type: null });
  nodes.push({ id: 'Conditions.IsProd', kind: 'condition', type: null });
  edges.push({ from: 'Conditions.IsProd', to: 'Parameters.P0' });
  for (let i = 0; i < resources; i++) {
    const id = `Resources.R${i}`;
    nodes.push({ id, kind: 'resource', type: TYPES[Math.floor(r() * TYPES.length)] });
    const deps = i === 0 ? 0 : Math.floor(r() * 4);
    for (let d = 0; d < deps; d++) edges.push({ from: id, to: `Resources.R${Math.floor(r() * i)}` });
    if (r() < 0.3) edges.push({ from: id, to: `Parameters.P${Math.floor(r() * params)}` });
    if (r() < 0.05) edges.push({ from: id, to: 'Conditions.IsProd' });
  }
  for (let i = 0; i < Math.round(resources / 8); i++) {
    nodes.push({ id: `Outputs.O${i}`, kind: 'output', type: null });
    edges.push({ from: `Outputs.O${i}`, to: `Resources.R${Math.floor(r() * resources)}` });
  }
  return { nodes, edges };
}

/** Quick scan: templates by number of resource types written (no parse), largest first. */
function corpusBySize(): { file: string; count: number }[] {
  const out: { file: string; count: number }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(ya?ml|json|template)$/i.test(e.name)) {
        const text = fs.readFileSync(full, 'utf8');
        const count = (text.match(/["']?Type["']?\s*:\s*["']?(AWS|Custom)::[A-Za-z0-9]+::/g) ?? []).length;
        if (count) out.push({ file: full, count });
      }
    }
  };
  walk(corpus);
  return out.sort((a, b) => b.count - a.count || a.file.localeCompare(b.file));
}

function viewInput(text: string, file: string, prefix = ''): { nodes: LayoutNodeInput[]; edges: LayoutEdgeInput[]; resources: number } {
  const a = analyze(text, { fileName: file });
  const nodes = [...a.graph.nodes.values()].filter((n) => n.kind !== 'pseudo').map((n) => ({ id: prefix + n.id, kind: n.kind, type: n.type }));
  const ids = new Set(nodes.map((n) => n.id));
  const edges = a.graph.edges.map((e) => ({ from: prefix + e.from, to: prefix + e.to })).filter((e) => ids.has(e.from) && ids.has(e.to));
  return { nodes, edges, resources: a.template.resources.size };
}

describe('graph layout', () => {
  it('stack layers from resource types', () => {
    assert.strictEqual(stackLayer('AWS::EC2::Subnet'), 'network');
    assert.strictEqual(stackLayer('AWS::EC2::SecurityGroup'), 'network');
    assert.strictEqual(stackLayer('AWS::EC2::Instance'), 'compute');
    assert.strictEqual(stackLayer('AWS::EC2::FlowLog'), 'observability');
    assert.strictEqual(stackLayer('AWS::RDS::DBCluster'), 'data');
    assert.strictEqual(stackLayer('AWS::S3::Bucket'), 'data');
    assert.strictEqual(stackLayer('AWS::Lambda::Function'), 'compute');
    assert.strictEqual(stackLayer('AWS::AutoScaling::AutoScalingGroup'), 'compute');
    assert.strictEqual(stackLayer('AWS::SQS::Queue'), 'integration');
    assert.strictEqual(stackLayer('AWS::StepFunctions::StateMachine'), 'integration');
    assert.strictEqual(stackLayer('AWS::ElasticLoadBalancingV2::Listener'), 'edge');
    assert.strictEqual(stackLayer('AWS::Route53::RecordSet'), 'edge');
    assert.strictEqual(stackLayer('AWS::IAM::Role'), 'security');
    assert.strictEqual(stackLayer('AWS::KMS::Key'), 'security');
    assert.strictEqual(stackLayer('AWS::Logs::LogGroup'), 'observability');
    assert.strictEqual(stackLayer('AWS::Serverless::Function'), 'compute');
    assert.strictEqual(stackLayer('AWS::Serverless::Api'), 'edge');
    assert.strictEqual(stackLayer('AWS::Serverless::SimpleTable'), 'data');
    assert.strictEqual(stackLayer('Custom::Anything'), 'other');
    assert.strictEqual(stackLayer('AWS::CloudFormation::Stack'), 'other');
    assert.strictEqual(stackLayer(null), 'other');
  });

  it('a chain runs left to right, dependents first; sections get their own lanes', () => {
    const nodes: LayoutNodeInput[] = [
      { id: 'Parameters.Env', kind: 'parameter', type: null },
      { id: 'Resources.Vpc', kind: 'resource', type: 'AWS::EC2::VPC' },
      { id: 'Resources.Subnet', kind: 'resource', type: 'AWS::EC2::Subnet' },
      { id: 'Resources.Fn', kind: 'resource', type: 'AWS::Lambda::Function' },
      { id: 'Outputs.FnArn', kind: 'output', type: null },
    ];
    const edges = [
      { from: 'Resources.Subnet', to: 'Resources.Vpc' },
      { from: 'Resources.Fn', to: 'Resources.Subnet' },
      { from: 'Resources.Fn', to: 'Parameters.Env' },
      { from: 'Outputs.FnArn', to: 'Resources.Fn' },
    ];
    const l = layoutGraph(nodes, edges);
    checkLayout(nodes, edges, l);
    const at = new Map(l.nodes.map((n) => [n.id, n]));
    assert.deepStrictEqual(
      ['Resources.Fn', 'Resources.Subnet', 'Resources.Vpc'].map((id) => at.get(id)!.column),
      [0, 1, 2],
    );
    assert.strictEqual(at.get('Parameters.Env')!.lane, 'parameter');
    assert.strictEqual(at.get('Resources.Fn')!.lane, 'compute');
    assert.strictEqual(at.get('Resources.Vpc')!.lane, 'network');
    assert.strictEqual(at.get('Outputs.FnArn')!.lane, 'output');
    assert.ok(at.get('Parameters.Env')!.y < at.get('Resources.Fn')!.y, 'parameters above resources');
    assert.ok(at.get('Outputs.FnArn')!.y > at.get('Resources.Vpc')!.y, 'outputs below resources');
    // The output sits under the function it reads.
    assert.ok(Math.abs(at.get('Outputs.FnArn')!.x - at.get('Resources.Fn')!.x) < 1, 'output placed under its resource');
  });

  it('a leaf resource is pulled next to its only dependent', () => {
    const nodes: LayoutNodeInput[] = ['A', 'B', 'C', 'D', 'Role'].map((n) => ({ id: `Resources.${n}`, kind: 'resource', type: n === 'Role' ? 'AWS::IAM::Role' : 'AWS::SQS::Queue' }));
    const edges = [
      { from: 'Resources.A', to: 'Resources.B' },
      { from: 'Resources.B', to: 'Resources.C' },
      { from: 'Resources.C', to: 'Resources.D' },
      { from: 'Resources.A', to: 'Resources.Role' },
    ];
    const l = layoutGraph(nodes, edges);
    checkLayout(nodes, edges, l);
    const at = new Map(l.nodes.map((n) => [n.id, n]));
    assert.strictEqual(at.get('Resources.Role')!.column, at.get('Resources.A')!.column + 1);
  });

  it('cycles, self-loops, duplicate and dangling edges do not break it', () => {
    const nodes: LayoutNodeInput[] = ['A', 'B', 'C'].map((n) => ({ id: `Resources.${n}`, kind: 'resource', type: 'AWS::SNS::Topic' }));
    const edges = [
      { from: 'Resources.A', to: 'Resources.B' },
      { from: 'Resources.B', to: 'Resources.C' },
      { from: 'Resources.C', to: 'Resources.A' },
      { from: 'Resources.A', to: 'Resources.B' },
      { from: 'Resources.A', to: 'Resources.A' },
      { from: 'Resources.A', to: 'Resources.Missing' },
    ];
    const l = layoutGraph(nodes, edges);
    checkLayout(nodes, edges, l, 1);
    assert.strictEqual(l.edges.length, 3, 'one edge per pair, no self-loop, no dangling edge');
  });

  it('empty graph and a graph without resources', () => {
    const empty = layoutGraph([], []);
    assert.deepStrictEqual([empty.nodes.length, empty.edges.length, empty.lanes.length], [0, 0, 0]);
    const nodes: LayoutNodeInput[] = [
      { id: 'Parameters.A', kind: 'parameter', type: null },
      { id: 'Outputs.B', kind: 'output', type: null },
    ];
    const l = layoutGraph(nodes, [{ from: 'Outputs.B', to: 'Parameters.A' }]);
    checkLayout(nodes, [], l);
  });

  it('300 resources: placed, no overlaps, consistent direction, deterministic, shaped by the aspect', () => {
    const { nodes, edges } = synthetic(300, 7);
    const l = layoutGraph(nodes, edges);
    checkLayout(nodes, edges, l);
    assert.deepStrictEqual(layoutGraph(nodes, edges), l, 'same input, same layout');
    const wide = layoutGraph(nodes, edges, { aspect: 3 });
    const tall = layoutGraph(nodes, edges, { aspect: 0.5 });
    checkLayout(nodes, edges, wide);
    checkLayout(nodes, edges, tall);
    assert.ok(wide.width / wide.height > tall.width / tall.height, `aspect 3 gives ${wide.width}x${wide.height}, 0.5 gives ${tall.width}x${tall.height}`);
  });

  it('many random graphs keep the properties', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const { nodes, edges } = synthetic(5 + seed * 7, seed);
      checkLayout(nodes, edges, layoutGraph(nodes, edges, { aspect: 0.5 + (seed % 5) / 2 }));
    }
  });
});

describe('graph view model', () => {
  const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "\${Env}-\${AWS::Region}-q"
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          Q: !Ref Queue
          QARN: !GetAtt Queue.Arn
          BAD: !Ref Nowhere
  Role:
    Type: AWS::IAM::Role
Outputs:
  QueueUrl:
    Value: !Ref Queue
`;

  it('worst finding per node, pseudo-parameters hidden by default, parallel edges collapsed', () => {
    const a = analyze(TEMPLATE, { fileName: 't.yaml' });
    const v = buildGraphView(a);
    const fn = v.nodes.find((n) => n.id === 'Resources.Fn')!;
    assert.ok(a.findings.some((f) => f.rule === 'reference-unknown-target'), 'the template has a broken reference');
    assert.strictEqual(fn.severity, 'error');
    assert.ok(fn.findings >= 1);
    assert.ok(!v.nodes.some((n) => n.kind === 'pseudo'), 'pseudo-parameters hidden');
    assert.strictEqual(v.hiddenPseudo, 1);
    const toQueue = v.edges.filter((e) => e.from === 'Resources.Fn' && e.to === 'Resources.Queue');
    assert.strictEqual(toQueue.length, 1, 'one edge per pair');
    assert.deepStrictEqual(toQueue[0].kinds, ['Ref', 'GetAtt']);
    assert.strictEqual(toQueue[0].kind, 'Ref');
    assert.strictEqual(toQueue[0].count, 2);
    assert.ok(v.kinds.includes('Sub') && v.kinds.includes('GetAtt'));
    const q = v.nodes.find((n) => n.id === 'Resources.Queue')!;
    assert.strictEqual(q.lane, 'integration');
    assert.strictEqual(TEMPLATE.slice(q.start, q.end), 'Queue');
    const env = v.nodes.find((n) => n.id === 'Parameters.Env')!;
    assert.strictEqual(env.detail, 'Parameter · String');

    const withPseudo = buildGraphView(a, { pseudo: true });
    assert.ok(withPseudo.nodes.some((n) => n.id === 'AWS::Region' && n.lane === 'pseudo'));
    assert.strictEqual(withPseudo.hiddenPseudo, 0);
  });

  it('leaves the parameter, mapping, condition and output lanes out of very large graphs unless asked', () => {
    const big = ['AWSTemplateFormatVersion: "2010-09-09"', 'Parameters:'];
    for (let i = 0; i < 60; i++) big.push(`  P${i}:`, '    Type: String');
    big.push('Resources:');
    for (let i = 0; i < 200; i++) big.push(`  Q${i}:`, '    Type: AWS::SQS::Queue', '    Properties:', `      QueueName: !Ref P${i % 60}`);
    big.push('Outputs:', '  First:', '    Value: !Ref Q0');
    const a = analyze(big.join('\n') + '\n', { fileName: 'big.yaml' });
    const auto = buildGraphView(a);
    assert.strictEqual(auto.sections, false, `${a.graph.nodes.size} nodes: the section lanes start hidden`);
    assert.strictEqual(auto.hiddenSections, 61);
    assert.deepStrictEqual(new Set(auto.nodes.map((n) => n.kind)), new Set(['resource']));
    assert.ok(auto.edges.every((e) => e.from.startsWith('Resources.') && e.to.startsWith('Resources.')), 'no edge to a hidden node');
    assert.ok(!auto.lanes.some((l) => l.id === 'parameter' || l.id === 'output'));
    const all = buildGraphView(a, { sections: true });
    assert.strictEqual(all.sections, true);
    assert.strictEqual(all.hiddenSections, 0);
    assert.strictEqual(all.nodes.filter((n) => n.kind === 'parameter').length, 60);
    assert.ok(all.edges.some((e) => e.to === 'Parameters.P0'));
    // small graphs show them by default, and can leave them out
    const small = analyze(TEMPLATE, { fileName: 't.yaml' });
    assert.strictEqual(buildGraphView(small).sections, true);
    const none = buildGraphView(small, { sections: false });
    assert.ok(!none.nodes.some((n) => n.kind === 'parameter' || n.kind === 'output'));
    assert.strictEqual(none.hiddenSections, 2);
  });

  it('gives a crowded lane more rows instead of widening every column', () => {
    // 150 subnets and route tables on one VPC (Network), a few functions and roles (Compute, Security)
    const nodes: LayoutNodeInput[] = [{ id: 'Resources.Vpc', kind: 'resource', type: 'AWS::EC2::VPC' }];
    const edges: LayoutEdgeInput[] = [];
    for (let i = 0; i < 150; i++) {
      nodes.push({ id: `Resources.S${i}`, kind: 'resource', type: 'AWS::EC2::Subnet' });
      edges.push({ from: `Resources.S${i}`, to: 'Resources.Vpc' });
    }
    for (let i = 0; i < 6; i++) {
      nodes.push({ id: `Resources.F${i}`, kind: 'resource', type: 'AWS::Lambda::Function' }, { id: `Resources.R${i}`, kind: 'resource', type: 'AWS::IAM::Role' });
      edges.push({ from: `Resources.F${i}`, to: `Resources.R${i}` }, { from: `Resources.F${i}`, to: `Resources.S${i}` });
    }
    const l = layoutGraph(nodes, edges, { aspect: 1.6 });
    checkLayout(nodes, edges, l);
    const lane = (id: string) => l.lanes.find((x) => x.id === id)!;
    assert.ok(lane('network').h > 3 * lane('compute').h, `network ${lane('network').h} vs compute ${lane('compute').h}`);
    const one = layoutGraph(nodes, edges, { aspect: 1.6, maxRows: 6 });
    checkLayout(nodes, edges, one);
    assert.strictEqual(lane('compute').h, l.lanes.find((x) => x.id === 'compute')!.h);
    assert.ok(one.lanes.find((x) => x.id === 'network')!.h < lane('network').h, 'maxRows caps every lane');
    // the chosen shape fits a 1.6 view at least as well as one row limit for all lanes would
    const fit = (g: GraphLayout) => Math.min(1.6 / g.width, 1 / g.height);
    for (const rows of [4, 8, 12, 20, 40]) assert.ok(fit(l) >= fit(layoutGraph(nodes, edges, { aspect: 1.6, maxRows: rows })) * 0.97, `vs maxRows ${rows}`);
  });

  const sized = fs.existsSync(corpus) ? corpusBySize() : [];
  const near50 = [...sized].sort((a, b) => Math.abs(a.count - 50) - Math.abs(b.count - 50))[0];

  it('a corpus template of about 50 resources', function () {
    if (!near50) return this.skip();
    const text = fs.readFileSync(near50.file, 'utf8');
    const { nodes, edges, resources } = viewInput(text, near50.file);
    assert.ok(resources >= 30, `${path.relative(corpus, near50.file)} has ${resources} resources`);
    checkLayout(nodes, edges, layoutGraph(nodes, edges), 2);
    const v = buildGraphView(analyze(text, { fileName: near50.file }));
    assert.strictEqual(v.nodes.filter((n) => n.kind === 'resource').length, resources);
  });

  it('about 300 resources from the corpus (its largest templates side by side)', function () {
    if (!sized.length) return this.skip();
    // No single corpus template has 300 resources: lay out the largest ones together as one graph.
    const nodes: LayoutNodeInput[] = [];
    const edges: LayoutEdgeInput[] = [];
    let resources = 0;
    for (const [i, t] of sized.entries()) {
      if (resources >= 300) break;
      const part = viewInput(fs.readFileSync(t.file, 'utf8'), t.file, `T${i}:`);
      nodes.push(...part.nodes);
      edges.push(...part.edges);
      resources += part.resources;
    }
    assert.ok(resources >= 300, `${resources} resources`);
    const l = layoutGraph(nodes, edges);
    checkLayout(nodes, edges, l, 4);
    assert.deepStrictEqual(layoutGraph(nodes, edges), l, 'deterministic');
  });
});
