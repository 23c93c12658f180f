/**
 * Declared recovery objectives. A template states them in its Metadata, a resource in its
 * own Metadata, and the workspace configuration (`.cfn-resilience.yaml`, `targets:`) gives
 * defaults; the more specific wins, objective by objective:
 *
 *   Metadata:
 *     cfn-resilience:
 *       rpo: 15m              # every disruption: az, data, region
 *       rto: 1h
 *       region: {rpo: 4h, rto: 24h}   # overrides for one disruption
 *       # data: off                    # not checked for this disruption
 *
 * Durations: 30s, 15m, 1h30m, 1d, PT15M, 0 (duration.ts).
 */
import { Node, isMap, isScalar } from '../parse/node';
import { DISRUPTIONS, Disruption } from './model';
import { parseDuration } from './duration';

export type Metric = 'rpo' | 'rto';
export const METRICS: readonly Metric[] = ['rpo', 'rto'];

export type TargetOrigin = 'config' | 'template' | 'resource';

export interface Objective {
  seconds: number;
  origin: TargetOrigin;
  /** Where it is written (absent for the workspace configuration). */
  start?: number;
  end?: number;
  /** As written, for messages ("15m"). */
  text: string;
}

/** Per disruption and metric, the objective (absent: none); `off` disruptions are not checked. */
export interface Targets {
  objectives: Partial<Record<Disruption, Partial<Record<Metric, Objective>>>>;
  off: Partial<Record<Disruption, { origin: TargetOrigin }>>;
}

export interface TargetIssue {
  message: string;
  start?: number;
  end?: number;
}

/** A read-only view of either a parsed node (with locations) or plain data (the configuration's options). */
interface View {
  kind: 'map' | 'scalar' | 'other';
  value?: unknown;
  get(key: string): View | undefined;
  keys(): string[];
  start?: number;
  end?: number;
}

function nodeView(n: Node): View {
  return {
    kind: isMap(n) ? 'map' : isScalar(n) ? 'scalar' : 'other',
    value: isScalar(n) ? n.value : undefined,
    get: (k) => {
      if (!isMap(n)) return undefined;
      const p = [...n.pairs].reverse().find((x) => x.key.value === k);
      return p ? nodeView(p.value) : undefined;
    },
    keys: () => (isMap(n) ? n.pairs.map((p) => String(p.key.value)) : []),
    start: n.start,
    end: Math.max(n.end, n.start + 1),
  };
}

function plainView(v: unknown): View {
  const isObj = typeof v === 'object' && v !== null && !Array.isArray(v);
  return {
    kind: isObj ? 'map' : v === null || ['string', 'number', 'boolean'].includes(typeof v) ? 'scalar' : 'other',
    value: isObj ? undefined : v,
    get: (k) => (isObj && Object.prototype.hasOwnProperty.call(v, k) ? plainView((v as Record<string, unknown>)[k]) : undefined),
    keys: () => (isObj ? Object.keys(v as object) : []),
  };
}

const OFF = new Set(['off', 'false', 'none', 'no']);

function isOff(v: View): boolean {
  return v.kind === 'scalar' && (v.value === false || (typeof v.value === 'string' && OFF.has(v.value.toLowerCase())));
}

function readObjective(v: View | undefined, metric: Metric, origin: TargetOrigin, issues: TargetIssue[], where: string): Objective | undefined {
  if (!v) return undefined;
  const loc = v.start !== undefined ? { start: v.start, end: v.end } : {};
  if (v.kind !== 'scalar') {
    issues.push({ message: `Invalid ${metric.toUpperCase()} target${where}: expected a duration such as 30s, 15m, 1h or 1d.`, ...loc });
    return undefined;
  }
  const p = parseDuration(v.value);
  if (!p.ok) {
    issues.push({ message: `Invalid ${metric.toUpperCase()} target${where} ${JSON.stringify(v.value)}: ${p.message}.`, ...loc });
    return undefined;
  }
  return { seconds: p.seconds, origin, text: String(v.value), ...loc };
}

function read(root: View | undefined, origin: TargetOrigin): { targets: Targets; issues: TargetIssue[]; declared: boolean } {
  const targets: Targets = { objectives: {}, off: {} };
  const issues: TargetIssue[] = [];
  // Absent, or an empty `cfn-resilience:` key: nothing declared.
  if (!root || (root.kind === 'scalar' && (root.value === null || root.value === ''))) return { targets, issues, declared: false };
  if (root.kind !== 'map') {
    if (origin !== 'config') issues.push({ message: 'cfn-resilience metadata must be a mapping (rpo:, rto:, ignore:, …).', ...(root.start !== undefined ? { start: root.start, end: root.end } : {}) });
    return { targets, issues, declared: false };
  }
  const top: Partial<Record<Metric, Objective>> = {};
  for (const m of METRICS) {
    const o = readObjective(root.get(m), m, origin, issues, '');
    if (o) top[m] = o;
  }
  let declared = Object.keys(top).length > 0;
  for (const d of DISRUPTIONS) {
    const dv = root.get(d);
    const own: Partial<Record<Metric, Objective>> = {};
    if (dv) {
      declared = true;
      if (isOff(dv)) {
        targets.off[d] = { origin };
        continue;
      }
      if (dv.kind !== 'map') {
        issues.push({ message: `"${d}" must be a mapping with rpo and/or rto, or off.`, ...(dv.start !== undefined ? { start: dv.start, end: dv.end } : {}) });
      } else {
        for (const k of dv.keys()) {
          if (!(METRICS as readonly string[]).includes(k)) {
            const kv = dv.get(k)!;
            issues.push({ message: `Unknown key "${k}" under "${d}": only rpo and rto.`, ...(kv.start !== undefined ? { start: kv.start, end: kv.end } : {}) });
          }
        }
        for (const m of METRICS) {
          const o = readObjective(dv.get(m), m, origin, issues, ` for ${d}`);
          if (o) own[m] = o;
        }
      }
    }
    const merged = { ...top, ...own };
    if (Object.keys(merged).length) targets.objectives[d] = merged;
  }
  return { targets, issues, declared };
}

/** Targets from a `cfn-resilience` metadata node (template or resource). */
export function targetsFromNode(node: Node | undefined, origin: 'template' | 'resource'): { targets: Targets; issues: TargetIssue[]; declared: boolean } {
  return read(node ? nodeView(node) : undefined, origin);
}

/** Targets from the configuration (plain data of `targets:`); issues carry no location. */
export function targetsFromConfig(value: unknown): { targets: Targets; issues: TargetIssue[]; declared: boolean } {
  if (value === undefined || value === null || (typeof value === 'object' && Object.keys(value as object).length === 0)) return { targets: { objectives: {}, off: {} }, issues: [], declared: false };
  return read(plainView(value), 'config');
}

/** Validation of a configuration `targets:` node, with locations (for config diagnostics). */
export function validateConfigTargets(node: Node): TargetIssue[] {
  return read(nodeView(node), 'config').issues;
}

/** `over` wins objective by objective; an `off` in `over` switches a disruption off, an objective in `over` switches it back on. */
export function mergeTargets(base: Targets, over: Targets): Targets {
  const out: Targets = { objectives: {}, off: { ...base.off } };
  for (const d of DISRUPTIONS) {
    const o = { ...(base.objectives[d] ?? {}), ...(over.objectives[d] ?? {}) };
    if (over.off[d]) {
      out.off[d] = over.off[d];
      continue;
    }
    if (over.objectives[d]) delete out.off[d];
    if (Object.keys(o).length) out.objectives[d] = o;
  }
  return out;
}

export function hasTargets(t: Targets): boolean {
  return DISRUPTIONS.some((d) => !t.off[d] && t.objectives[d] && Object.keys(t.objectives[d]!).length > 0);
}
