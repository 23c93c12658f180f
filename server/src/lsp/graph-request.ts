/**
 * `cfnResilience/graph`: the laid-out dependency graph of an open document, from the
 * cached analysis of its current version (never a parse of its own).
 */
import type { CacheEntry } from './analysis-cache';
import { buildGraphView } from '../core/features/graph-view';
import type { GraphParams, GraphResult, GraphState } from './protocol';

export interface GraphDeps {
  /** The cache entry for the document's current version (undefined: not open). */
  entry(uri: string): CacheEntry | undefined;
}

export function emptyGraph(uri: string, state: GraphState, version = -1, templateKind: GraphResult['templateKind'] = 'none'): GraphResult {
  return {
    uri,
    version,
    state,
    templateKind,
    nodes: [],
    edges: [],
    lanes: [],
    width: 0,
    height: 0,
    kinds: [],
    sections: true,
    stats: { resources: 0, hiddenPseudo: 0, hiddenSections: 0, findings: 0, unattached: 0, layoutMs: 0 },
  };
}

export function provideGraph(params: GraphParams, deps: GraphDeps): GraphResult {
  const uri = params?.uri;
  if (typeof uri !== 'string') return emptyGraph(String(uri), 'not-open');
  const entry = deps.entry(uri);
  if (!entry) return emptyGraph(uri, 'not-open');
  if (entry.state !== 'analyzed' || !entry.analysis) return emptyGraph(uri, entry.state === 'disabled' ? 'disabled' : 'too-large', entry.version);
  const a = entry.analysis;
  if (a.kind === 'none') return emptyGraph(uri, 'not-a-template', entry.version);
  const aspect = typeof params.aspect === 'number' && isFinite(params.aspect) ? params.aspect : undefined;
  const sections = typeof params.sections === 'boolean' ? params.sections : 'auto';
  const view = buildGraphView(a, { pseudo: !!params.pseudo, sections, layout: { aspect } });
  const pos = (o: number | undefined) => (o === undefined ? null : a.lines.positionAt(o));
  return {
    uri,
    version: entry.version,
    state: 'ok',
    templateKind: a.kind,
    nodes: view.nodes.map((n) => {
      const s = pos(n.start);
      const e = pos(n.end);
      return {
        id: n.id,
        kind: n.kind,
        name: n.name,
        type: n.type,
        ...(n.detail ? { detail: n.detail } : {}),
        line: s?.line ?? null,
        character: s?.character ?? null,
        endLine: e?.line ?? null,
        endCharacter: e?.character ?? null,
        severity: n.severity,
        findings: n.findings,
        layer: n.lane,
        column: n.column,
        x: n.x,
        y: n.y,
        w: n.w,
        h: n.h,
      };
    }),
    edges: view.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind, kinds: e.kinds, count: e.count, points: e.points })),
    lanes: view.lanes,
    width: view.width,
    height: view.height,
    kinds: view.kinds,
    sections: view.sections,
    stats: {
      resources: a.template.resources.size,
      hiddenPseudo: view.hiddenPseudo,
      hiddenSections: view.hiddenSections,
      findings: a.findings.length,
      unattached: view.unattached,
      layoutMs: view.layoutMs,
    },
  };
}
