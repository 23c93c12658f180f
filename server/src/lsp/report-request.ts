/**
 * `cfnResilience/report`: the resilience report of an open document (recovery estimates,
 * DR strategy, findings and scores by area), from the cached analysis of its current
 * version, rendered by the core (HTML fragment and Markdown).
 */
import type { CacheEntry } from './analysis-cache';
import { buildReport } from '../core/recovery/report';
import { renderHtmlBody, renderMarkdown } from '../core/recovery/render';
import type { ReportParams, ReportResult, ReportState } from './protocol';

export interface ReportDeps {
  /** The cache entry for the document's current version (undefined: not open). */
  entry(uri: string): CacheEntry | undefined;
}

export function fileNameOf(uri: string): string {
  const p = uri.replace(/[?#].*$/, '');
  const name = p.slice(p.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

export function emptyReport(uri: string, state: ReportState, version = -1): ReportResult {
  return { uri, version, state, title: fileNameOf(uri), html: '', markdown: '', strategy: null, stores: [], scores: [] };
}

export function provideReport(params: ReportParams, deps: ReportDeps): ReportResult {
  const uri = params?.uri;
  if (typeof uri !== 'string') return emptyReport(String(uri), 'not-open');
  const entry = deps.entry(uri);
  if (!entry) return emptyReport(uri, 'not-open');
  if (entry.state !== 'analyzed' || !entry.analysis) return emptyReport(uri, entry.state === 'disabled' ? 'disabled' : 'too-large', entry.version);
  const a = entry.analysis;
  if (a.kind === 'none') return emptyReport(uri, 'not-a-template', entry.version);
  const title = fileNameOf(uri);
  const report = buildReport(a, title);
  return {
    uri,
    version: entry.version,
    state: 'ok',
    title,
    html: renderHtmlBody(report),
    markdown: renderMarkdown(report),
    strategy: report.strategy.id,
    stores: a.recovery.stores.map((s) => {
      const p = a.lines.positionAt(s.start);
      return { id: s.id, line: p.line, character: p.character };
    }),
    scores: report.areas.map((x) => ({ area: x.area, score: x.score })),
  };
}
