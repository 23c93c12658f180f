/**
 * The resilience report of one template, as plain JSON-safe data: per data store the
 * estimated RPO/RTO for each disruption (with alternatives, evidence and improvements),
 * the DR strategy with its evidence, the template-wide worst case, the findings by area
 * with a score per area and how it is computed, and the figures used with their sources.
 * Rendered by render.ts (Markdown, HTML) and serialized as is for `--format json`.
 * Ranges are seconds; `null` means "not recoverable".
 */
import type { Analysis } from '../analyze';
import { AREAS, Area, Severity } from '../types';
import { ALL_RULES } from '../rules/index.generated';
import { formatRange, Range } from './duration';
import { FIGURES, FigureId } from './figures';
import { DISRUPTIONS, Disruption, Outcome, STRATEGY_LABEL, Strategy } from './model';

export interface ReportRange {
  /** Seconds; null: not recoverable. */
  low: number | null;
  high: number | null;
  /** "≈ 5 min", "1–2 min", "none". */
  text: string;
}

export interface ReportOutcome {
  rpo: ReportRange;
  rto: ReportRange;
  mechanism: string;
  figures: FigureId[];
  notes: string[];
}

export interface ReportLocation {
  /** 1-based. */
  line: number;
  column: number;
}

export interface ReportStore extends ReportLocation {
  id: string;
  type: string;
  label: string;
  condition?: string;
  disruptions: Record<Disruption, { outcome: ReportOutcome; rpo: ReportRange; rto: ReportRange; alternatives: { when: string; outcome: ReportOutcome }[] }>;
  evidence: ({ text: string } & Partial<ReportLocation>)[];
  improvements: { disruption: Disruption; action: string; outcome: ReportOutcome; quickFix: boolean }[];
  uncertain: string[];
  /** Findings about this resource, by severity. */
  findings: Record<Severity, number>;
}

export interface ReportFinding extends ReportLocation {
  rule: string;
  area: Area;
  severity: Severity;
  message: string;
  resource: string | null;
  fixable: boolean;
}

export interface AreaScore {
  area: Area;
  /** 0–100; null when the area has no rule yet. */
  score: number | null;
  grade: string;
  /** Rules in the area (enabled or not). */
  rules: number;
  findings: Record<Severity, number>;
  /** Resources (or template-level findings) whose worst finding is of each severity. */
  affected: Record<Severity, number>;
  /** "100 − 2 × 10 (warnings) − 1 × 2 (info) = 78". */
  computation: string;
}

export interface ResilienceReport {
  version: 1;
  file: string;
  templateKind: 'cloudformation' | 'sam' | 'none';
  strategy: {
    id: Strategy;
    label: string;
    evidence: ({ text: string } & Partial<ReportLocation>)[];
    next?: string;
    alternative?: { id: Strategy; label: string; when: string };
    /** The whitepaper's typical RPO/RTO for the class. */
    typical?: { text: string; figure: FigureId };
  };
  overall: Record<Disruption, { rpo: ReportRange; rto: ReportRange; limitedBy: string[] }>;
  stores: ReportStore[];
  areas: AreaScore[];
  findings: ReportFinding[];
  /** Figures the estimates of this report use. */
  figures: { id: FigureId; what: string; value: string; basis: 'documented' | 'derived'; statement: string; note?: string; source: { title: string; url: string } }[];
  scoring: string;
}

export const WEIGHTS: Readonly<Record<Severity, number>> = { error: 20, warning: 10, info: 2 };

export const SCORING =
  'Each area starts at 100. Every resource with findings in the area takes off the weight of its worst finding there (error 20, warning 10, info 2); findings not about a resource count one by one. The score is never below 0. Grades: A ≥ 90, B ≥ 75, C ≥ 50, D ≥ 25, F below. An area without rules yet has no score. Estimates and the strategy are not part of the scores: they are reported as they are.';

export function grade(score: number | null): string {
  if (score === null) return '–';
  return score >= 90 ? 'A' : score >= 75 ? 'B' : score >= 50 ? 'C' : score >= 25 ? 'D' : 'F';
}

export function reportRange(r: Range): ReportRange {
  return { low: Number.isFinite(r.low) ? r.low : null, high: Number.isFinite(r.high) ? r.high : null, text: formatRange(r) };
}

function reportOutcome(o: Outcome): ReportOutcome {
  return { rpo: reportRange(o.rpo), rto: reportRange(o.rto), mechanism: o.mechanism, figures: [...o.figures], notes: [...(o.notes ?? [])] };
}

const zero = (): Record<Severity, number> => ({ error: 0, warning: 0, info: 0 });

export function scoreAreas(findings: readonly { area: Area; severity: Severity; resource: string | null }[]): AreaScore[] {
  const rulesPer = new Map<Area, number>();
  for (const r of ALL_RULES) rulesPer.set(r.meta.area, (rulesPer.get(r.meta.area) ?? 0) + 1);
  const rank: Record<Severity, number> = { info: 1, warning: 2, error: 3 };
  return AREAS.map((area) => {
    const fs = findings.filter((f) => f.area === area);
    const counts = zero();
    for (const f of fs) counts[f.severity]++;
    const worst = new Map<string, Severity>();
    const affected = zero();
    for (const f of fs) {
      if (f.resource === null) {
        affected[f.severity]++;
        continue;
      }
      const w = worst.get(f.resource);
      if (!w || rank[f.severity] > rank[w]) worst.set(f.resource, f.severity);
    }
    for (const s of worst.values()) affected[s]++;
    const rules = rulesPer.get(area) ?? 0;
    if (rules === 0) return { area, score: null, grade: grade(null), rules, findings: counts, affected, computation: 'no rules in this area yet' };
    const penalty = affected.error * WEIGHTS.error + affected.warning * WEIGHTS.warning + affected.info * WEIGHTS.info;
    const score = Math.max(0, 100 - penalty);
    const terms = (['error', 'warning', 'info'] as const).filter((s) => affected[s]).map((s) => `${affected[s]} × ${WEIGHTS[s]} (${s})`);
    return { area, score, grade: grade(score), rules, findings: counts, affected, computation: terms.length ? `100 − ${terms.join(' − ')} = ${100 - penalty}${100 - penalty < 0 ? ' → 0' : ''}` : '100 (no findings)' };
  });
}

/** The report of an analyzed template. `file` is how the template is named in it. */
export function buildReport(a: Analysis, file: string): ResilienceReport {
  const lines = a.lines;
  const loc = (offset: number): ReportLocation => {
    const p = lines.positionAt(offset);
    return { line: p.line + 1, column: p.character + 1 };
  };
  const m = a.recovery;
  const used = new Set<FigureId>();
  const out = (o: Outcome): ReportOutcome => {
    o.figures.forEach((f) => used.add(f));
    return reportOutcome(o);
  };
  const stores: ReportStore[] = m.stores.map((s) => {
    const findings = zero();
    for (const f of a.findings) if (f.resource === s.id) findings[f.severity]++;
    const disruptions = {} as ReportStore['disruptions'];
    for (const d of DISRUPTIONS) {
      const e = s.estimates[d];
      disruptions[d] = { outcome: out(e.outcome), rpo: reportRange(e.rpo), rto: reportRange(e.rto), alternatives: e.alternatives.map((x) => ({ when: x.when, outcome: out(x.outcome) })) };
    }
    return {
      id: s.id,
      type: s.type,
      label: s.label,
      ...loc(s.start),
      ...(s.condition ? { condition: s.condition } : {}),
      disruptions,
      evidence: s.evidence.map((e) => ({ text: e.text, ...(e.start !== undefined ? loc(e.start) : {}) })),
      improvements: s.improvements.map((i) => ({ disruption: i.disruption, action: i.action, outcome: out(i.outcome), quickFix: !!i.fix })),
      uncertain: [...s.uncertain],
      findings,
    };
  });
  const st = m.strategy;
  if (st.figure) used.add(st.figure);
  st.figures.forEach((f) => used.add(f));
  const typical = st.figure ? { text: `RPO and RTO ${formatRange({ low: FIGURES[st.figure].low, high: FIGURES[st.figure].high })}`, figure: st.figure } : undefined;
  const overall = {} as ResilienceReport['overall'];
  for (const d of DISRUPTIONS) overall[d] = { rpo: reportRange(m.overall[d].rpo), rto: reportRange(m.overall[d].rto), limitedBy: [...m.overall[d].limitedBy] };
  const findings: ReportFinding[] = a.findings.map((f) => ({ rule: f.rule, area: f.area, severity: f.severity, message: f.message, resource: f.resource, fixable: f.fixes.length > 0, ...loc(f.start) }));
  return {
    version: 1,
    file,
    templateKind: a.kind,
    strategy: {
      id: st.strategy,
      label: STRATEGY_LABEL[st.strategy],
      evidence: st.evidence.map((e) => ({ text: e.text, ...(e.start !== undefined ? loc(e.start) : {}) })),
      ...(st.next ? { next: st.next } : {}),
      ...(st.alternative ? { alternative: { id: st.alternative.strategy, label: STRATEGY_LABEL[st.alternative.strategy], when: st.alternative.when } } : {}),
      ...(typical ? { typical } : {}),
    },
    overall,
    stores,
    areas: scoreAreas(a.findings),
    findings,
    figures: [...used].sort().map((id) => {
      const f = FIGURES[id];
      return { id, what: f.what, value: formatRange({ low: f.low, high: f.high }), basis: f.basis, statement: f.statement, ...(f.note ? { note: f.note } : {}), source: { ...f.source } };
    }),
    scoring: SCORING,
  };
}
