/**
 * Building blocks shared by the per-store estimators: outcomes made from the figures
 * table, picking the best of several recovery paths, AWS Backup coverage as an input, and
 * small quick-fix helpers (FixBuilder edits that set one property).
 */
import type { Resource, Template } from '../parse/template';
import type { Graph } from '../graph/graph';
import type { Fix } from '../types';
import { FixBuilder } from '../fix/builder';
import type { FixValue } from '../fix/value';
import { NEVER, Range, formatSeconds, range } from './duration';
import { FIGURES, FigureId } from './figures';
import type { Disruption, Evidence, Improvement, Outcome, StoreFamily } from './model';
import { BackupRule, Coverage, backupCoverage } from './backup';
import { Choice, conditionChoices, fixed, mergeAtoms } from './worlds';

export interface Ctx {
  t: Template;
  graph: Graph;
}

/** The range of a documented figure. */
export function fig(id: FigureId): Range {
  const f = FIGURES[id];
  return range(f.low, f.high);
}

export function outcome(rpo: Range, rto: Range, mechanism: string, figures: FigureId[], notes?: string[]): Outcome {
  return { rpo, rto, mechanism, figures, ...(notes && notes.length ? { notes } : {}) };
}

/** Nothing to recover from. */
export function lost(mechanism: string, notes?: string[], rto: Range = NEVER, figures: FigureId[] = []): Outcome {
  return outcome(NEVER, rto, mechanism, figures, notes);
}

/** The best path: least data lost (worst case), then fastest (worst case). */
export function best(...options: (Outcome | undefined)[]): Outcome {
  const list = options.filter((o): o is Outcome => !!o);
  list.sort((a, b) => a.rpo.high - b.rpo.high || a.rto.high - b.rto.high || a.rpo.low - b.rpo.low || a.rto.low - b.rto.low);
  return list[0] ?? lost('no recovery path');
}

/** What AWS Backup / DLM coverage gives a store in one deployment. */
export interface PlanBackup {
  coverage: Coverage[];
  /** Best in-Region recovery point. */
  local?: { rpo: Range; figures: FigureId[]; label: string; note?: string };
  /** Best copy in another Region. */
  remote?: { rpo: Range; figures: FigureId[]; label: string; note?: string };
}

function ruleRpo(r: BackupRule): { rpo: Range; figures: FigureId[]; note?: string } {
  if (r.continuous) return { rpo: fig('backup-continuous'), figures: ['backup-continuous'] };
  if (r.interval === undefined) return { rpo: range(0, 86400), figures: [], note: `the schedule of ${r.label} (${r.schedule}) cannot be read: daily assumed` };
  return { rpo: range(0, r.interval), figures: [] };
}

function summarize(coverage: Coverage[]): PlanBackup {
  const out: PlanBackup = { coverage };
  for (const c of coverage) {
    for (const r of c.rules) {
      const x = ruleRpo(r);
      const label = `${c.kind === 'dlm' ? '' : 'AWS Backup '}${r.label}${r.continuous ? ' (continuous)' : r.interval !== undefined ? ` (every ${formatSeconds(r.interval)})` : ''}`;
      if (!out.local || x.rpo.high < out.local.rpo.high) out.local = { ...x, label };
      if (r.crossRegion !== 'no') {
        // A copy runs after the backup it copies: the same recovery point, later.
        const note = r.crossRegion === 'maybe' ? `assumes the copy destination of ${r.label} is in another Region (the template does not tell)` : x.note;
        const rx = { rpo: r.continuous ? range(0, 86400) : x.rpo, figures: x.figures.filter((f) => f !== 'backup-continuous'), label: `${label}, copied to another Region`, ...(note ? { note } : {}) };
        if (r.continuous) rx.note = [rx.note, 'continuous backups are copied as snapshots: daily copies assumed'].filter(Boolean).join('; ');
        if (!out.remote || rx.rpo.high < out.remote.rpo.high) out.remote = rx;
      }
    }
  }
  return out;
}

/** The AWS Backup / DLM coverage of a store as an input: one choice per combination of the resource conditions it lives under. */
export function planChoices(ctx: Ctx, res: Resource): Choice<PlanBackup>[] {
  const list = backupCoverage(ctx.t, ctx.graph).get(res.id) ?? [];
  if (!list.length) return fixed({ coverage: [] });
  let acc: Choice<Coverage[]>[] = [{ value: [], when: [] }];
  for (const c of list) {
    let present: Choice<boolean>[] = fixed(true);
    for (const cond of c.conditions) {
      const next: Choice<boolean>[] = [];
      for (const p of present) for (const q of conditionChoices(ctx.t, cond)) {
        const when = mergeAtoms(p.when, q.when);
        if (when) next.push({ value: p.value && q.value, when });
      }
      present = next;
    }
    const next: Choice<Coverage[]>[] = [];
    for (const a of acc) for (const p of present) {
      const when = mergeAtoms(a.when, p.when);
      if (when) next.push({ value: p.value ? [...a.value, c] : a.value, when });
    }
    acc = next.slice(0, 16);
  }
  return acc.map((a) => ({ value: summarize(a.value), when: a.when }));
}

/** Restore from AWS Backup / DLM in the Region, if covered. */
export function planLocal(p: PlanBackup, rto: Range = fig('restore-hours'), rtoFigure: FigureId = 'restore-hours'): Outcome | undefined {
  if (!p.local) return undefined;
  return outcome(p.local.rpo, rto, `restore from ${p.local.label}`, [...p.local.figures, rtoFigure], p.local.note ? [p.local.note] : undefined);
}

/** Restore from a copy in another Region, if any. */
export function planRemote(p: PlanBackup, rto: Range = fig('restore-hours'), rtoFigure: FigureId = 'restore-hours'): Outcome | undefined {
  if (!p.remote) return undefined;
  return outcome(p.remote.rpo, rto, `restore from ${p.remote.label}`, [...p.remote.figures, rtoFigure], p.remote.note ? [p.remote.note] : undefined);
}

export function planEvidence(p: PlanBackup): Evidence[] {
  return p.coverage.map((c) => ({ text: `${c.kind === 'dlm' ? 'Snapshotted by DLM policy' : 'Backed up by AWS Backup selection'} ${c.by} (${c.via})`, start: c.start, end: c.end }));
}

export const NO_REGION_COPY = 'no copy outside the Region';

/** A fix setting properties of a resource (undefined when the builder cannot make the edit safely). */
export function setFix(t: Template, res: Resource, title: string, values: [string[], FixValue][], safe = true, preferred = true): Fix | undefined {
  const b = new FixBuilder(t);
  for (const [path, v] of values) b.setProperty(res, path, v);
  const edits = b.build();
  if (!edits) return undefined;
  return { title, edits, preferred, safe };
}

export function improvement(disruption: Disruption, action: string, o: Outcome, fix?: () => Fix | undefined): Improvement {
  return { disruption, action, outcome: o, ...(fix ? { fix } : {}) };
}

/** What every estimator produces for one deployment. */
export type Outcomes = Record<Disruption, Outcome>;

export interface StoreSpec<V extends Record<string, unknown>> {
  family: StoreFamily;
  types: readonly string[];
  /** Is this resource a data store of this family (an Aurora instance, a replica of a store of the template, are not)? */
  accept(res: Resource, ctx: Ctx): boolean;
  label(res: Resource, ctx: Ctx): string;
  inputs(res: Resource, ctx: Ctx): { [K in keyof V]: Choice<V[K]>[] };
  estimate(v: V, res: Resource, ctx: Ctx): Outcomes;
  evidence(v: V, res: Resource, ctx: Ctx): Evidence[];
  improvements(v: V, res: Resource, ctx: Ctx, now: Outcomes): Improvement[];
}

/** Type helper keeping each spec's input type. */
export function spec<V extends Record<string, unknown>>(s: StoreSpec<V>): StoreSpec<Record<string, unknown>> {
  return s as unknown as StoreSpec<Record<string, unknown>>;
}
