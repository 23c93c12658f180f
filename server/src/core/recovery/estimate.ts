/**
 * The recovery model of a template, computed once per analysis (cached per graph, which
 * `analyze()` builds once per document version) and shared by the target rule, the code
 * lenses, the hover and the report: per data store and disruption, the default
 * deployment's estimate, the range over every deployment the parameters and conditions
 * allow, the evidence and the changes that would improve it; the DR strategy; the
 * template-wide worst case.
 */
import type { Template, Resource } from '../parse/template';
import type { Graph } from '../graph/graph';
import { scalarString } from '../parse/node';
import { formatRange, union } from './duration';
import { DISRUPTIONS, Disruption, DisruptionEstimate, OverallEstimate, RecoveryModel, StoreEstimate } from './model';
import type { Outcome } from './model';
import { Ctx, Outcomes, StoreSpec } from './common';
import { DB_SPECS } from './stores-db';
import { OTHER_SPECS } from './stores-other';
import { enumerate, phraseWorld, World } from './worlds';
import { classifyStrategy } from './strategy';
import { opaqueProperties } from './read';

const SPECS: StoreSpec<Record<string, unknown>>[] = [...DB_SPECS, ...OTHER_SPECS];
const BY_TYPE = new Map<string, StoreSpec<Record<string, unknown>>[]>();
for (const s of SPECS) for (const t of s.types) BY_TYPE.set(t, [...(BY_TYPE.get(t) ?? []), s]);

/** Resource types the model estimates. */
export const STORE_TYPES: readonly string[] = [...BY_TYPE.keys()];

function key(o: Outcome): string {
  return `${o.mechanism}|${o.rpo.low}:${o.rpo.high}|${o.rto.low}:${o.rto.high}`;
}

function buildStore(spec: StoreSpec<Record<string, unknown>>, res: Resource, ctx: Ctx): StoreEstimate {
  const worlds = enumerate(ctx.t, spec.inputs(res, ctx));
  const def = worlds.find((w) => w.isDefault) ?? worlds[0];
  const per: { w: World<Record<string, unknown>>; o: Outcomes }[] = worlds.map((w) => ({ w, o: spec.estimate(w.values, res, ctx) }));
  const defOut = per.find((p) => p.w === def)!.o;
  const estimates = {} as Record<Disruption, DisruptionEstimate>;
  for (const d of DISRUPTIONS) {
    const outcome = defOut[d];
    let rpo = outcome.rpo;
    let rto = outcome.rto;
    const groups = new Map<string, { outcome: Outcome; whens: string[] }>();
    for (const p of per) {
      const o = p.o[d];
      rpo = union(rpo, o.rpo);
      rto = union(rto, o.rto);
      if (p.w === def || key(o) === key(outcome)) continue;
      const g = groups.get(key(o)) ?? { outcome: o, whens: [] };
      const phrase = phraseWorld(p.w, def);
      if (!g.whens.includes(phrase)) g.whens.push(phrase);
      groups.set(key(o), g);
    }
    estimates[d] = { disruption: d, outcome, rpo, rto, alternatives: [...groups.values()].map((g) => ({ outcome: g.outcome, when: g.whens.join(' or ') })) };
  }
  const uncertain = [...new Set(worlds.flatMap((w) => w.assumed))];
  if (worlds.length > 1) uncertain.push(`${worlds.length} deployments considered (parameters and conditions)`);
  const condition = scalarString(res.condition);
  return {
    id: res.id,
    type: res.type!,
    family: spec.family,
    label: spec.label(res, ctx),
    start: res.key.start,
    end: res.key.end,
    ...(condition ? { condition } : {}),
    estimates,
    evidence: spec.evidence(def.values, res, ctx),
    improvements: spec.improvements(def.values, res, ctx, defOut),
    uncertain,
  };
}

function overall(stores: StoreEstimate[]): Record<Disruption, OverallEstimate> {
  const out = {} as Record<Disruption, OverallEstimate>;
  for (const d of DISRUPTIONS) {
    if (!stores.length) {
      out[d] = { rpo: { low: 0, high: 0 }, rto: { low: 0, high: 0 }, limitedBy: [] };
      continue;
    }
    const os = stores.map((s) => s.estimates[d].outcome);
    const rpoHigh = Math.max(...os.map((o) => o.rpo.high));
    const rtoHigh = Math.max(...os.map((o) => o.rto.high));
    const rpoLow = Math.max(...os.map((o) => o.rpo.low));
    const rtoLow = Math.max(...os.map((o) => o.rto.low));
    // Stores at the worst value (none when the worst is 0: nothing limits).
    const limitedBy = stores.filter((s) => (rpoHigh > 0 && s.estimates[d].outcome.rpo.high === rpoHigh) || (rtoHigh > 0 && s.estimates[d].outcome.rto.high === rtoHigh)).map((s) => s.id);
    out[d] = { rpo: { low: rpoLow, high: rpoHigh }, rto: { low: rtoLow, high: rtoHigh }, limitedBy };
  }
  return out;
}

export interface RecoveryOptions {
  /** Called when estimating a store throws; the store is left out. */
  onError?: (resourceId: string, error: unknown) => void;
}

function compute(t: Template, graph: Graph, options: RecoveryOptions): RecoveryModel {
  const stores: StoreEstimate[] = [];
  if (t.kind !== 'none') {
    const ctx: Ctx = { t, graph };
    for (const res of t.resources.values()) {
      const specs = res.type ? BY_TYPE.get(res.type) : undefined;
      if (!specs || opaqueProperties(res)) continue;
      try {
        const s = specs.find((x) => x.accept(res, ctx));
        if (s) stores.push(buildStore(s, res, ctx));
      } catch (e) {
        options.onError?.(res.id, e);
      }
    }
  }
  stores.sort((a, b) => a.start - b.start);
  return { stores, byId: new Map(stores.map((s) => [s.id, s])), strategy: classifyStrategy(t, stores), overall: overall(stores) };
}

const memo = new WeakMap<Graph, RecoveryModel>();

/** The recovery model of an analyzed template (computed on first use, then shared). */
export function recoveryOf(t: Template, graph: Graph, options: RecoveryOptions = {}): RecoveryModel {
  let m = memo.get(graph);
  if (!m) {
    m = compute(t, graph, options);
    memo.set(graph, m);
  }
  return m;
}

/** "RPO ≈ 5 min · RTO 1–24 h · point-in-time restore" (or "RPO none · … " when nothing is recoverable). */
export function summary(o: Outcome): string {
  if (!Number.isFinite(o.rpo.high) && !Number.isFinite(o.rto.high)) return `not recoverable · ${o.mechanism}`;
  return `RPO ${formatRange(o.rpo)} · RTO ${formatRange(o.rto)} · ${o.mechanism}`;
}
