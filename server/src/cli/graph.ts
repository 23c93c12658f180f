/** `cfn-resilience graph [--format json|dot|mermaid] FILE` */
import { analyze } from '../core/analyze';
import { Graph } from '../core/graph/graph';
import { LineIndex } from '../core/parse/lines';
import { parseArgs } from './args';
import { UsageError } from './errors';
import { readTemplateFile } from './files';

export interface GraphJson {
  nodes: { id: string; kind: string; type: string | null; line: number | null }[];
  edges: { from: string; to: string; kind: string; line: number; label?: string }[];
}

export function graphToJson(g: Graph, lines: LineIndex): GraphJson {
  return {
    nodes: [...g.nodes.values()].map((n) => ({ id: n.id, kind: n.kind, type: n.type, line: n.start === undefined ? null : lines.positionAt(n.start).line + 1 })),
    edges: g.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind, line: lines.positionAt(e.start).line + 1, ...(e.label ? { label: e.label } : {}) })),
  };
}

const DOT_SHAPE: Record<string, string> = { parameter: 'parallelogram', resource: 'box', condition: 'diamond', mapping: 'folder', output: 'note', pseudo: 'plaintext', import: 'cds' };
const DOT_STYLE: Record<string, string> = { DependsOn: 'dashed', Condition: 'dotted', SAM: 'bold' };

function q(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

export function graphToDot(g: GraphJson): string {
  const out = ['digraph template {', '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=10];', '  edge [fontname="Helvetica", fontsize=8];'];
  for (const n of g.nodes) {
    const label = n.type ? `${n.id.replace(/^[A-Za-z]+\./, '')}\\n${n.type}` : n.id.replace(/^[A-Za-z]+\./, '');
    out.push(`  ${q(n.id)} [shape=${DOT_SHAPE[n.kind] ?? 'box'}, label="${label.replace(/"/g, '\\"')}"];`);
  }
  for (const e of g.edges) out.push(`  ${q(e.from)} -> ${q(e.to)} [label=${q(e.kind)}${DOT_STYLE[e.kind] ? `, style=${DOT_STYLE[e.kind]}` : ''}];`);
  out.push('}');
  return out.join('\n') + '\n';
}

export function graphToMermaid(g: GraphJson): string {
  const ids = new Map<string, string>();
  g.nodes.forEach((n, i) => ids.set(n.id, `n${i}`));
  const esc = (s: string) => s.replace(/"/g, '#quot;');
  const shape: Record<string, [string, string]> = { parameter: ['[/', '/]'], resource: ['[', ']'], condition: ['{', '}'], mapping: ['[(', ')]'], output: ['>', ']'], pseudo: ['([', '])'], import: ['[[', ']]'] };
  const out = ['flowchart LR'];
  for (const n of g.nodes) {
    const [a, b] = shape[n.kind] ?? ['[', ']'];
    const label = n.type ? `${n.id.replace(/^[A-Za-z]+\./, '')}<br/><small>${n.type}</small>` : n.id.replace(/^[A-Za-z]+\./, '');
    out.push(`  ${ids.get(n.id)}${a}"${esc(label)}"${b}`);
  }
  for (const e of g.edges) {
    const arrow = e.kind === 'DependsOn' || e.kind === 'Condition' ? '-.->' : '-->';
    out.push(`  ${ids.get(e.from)} ${arrow}|${e.kind}| ${ids.get(e.to)}`);
  }
  return out.join('\n') + '\n';
}

export function graphCommand(argv: string[]): number {
  const { flags, positional } = parseArgs(argv, { format: { values: ['json', 'dot', 'mermaid'] } });
  if (positional.length !== 1) throw new UsageError('graph needs exactly one FILE');
  const text = readTemplateFile(positional[0], 'graph');
  // The graph needs the model only: no rule runs.
  const a = analyze(text, { fileName: positional[0], only: [] });
  const json = graphToJson(a.graph, a.lines);
  const format = (flags.format as string) ?? 'json';
  process.stdout.write(format === 'dot' ? graphToDot(json) : format === 'mermaid' ? graphToMermaid(json) : JSON.stringify(json, null, 2) + '\n');
  return 0;
}
