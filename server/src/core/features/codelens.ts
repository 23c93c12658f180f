/**
 * "N references" above each parameter, resource, condition and mapping: the count and the
 * locations (what `editor.action.showReferences` shows), from the navigation index (one
 * pass over the references per document version, then a lookup per entity).
 */
import type { Analysis } from '../analyze';
import type { SectionName } from '../parse/template';
import { Range, navIndex, nameRange } from './navigation';
import { DISRUPTIONS, DISRUPTION_SHORT, Disruption } from '../recovery/model';
import { summary } from '../recovery/estimate';

export interface ReferenceLens {
  section: SectionName;
  name: string;
  /** The entity's key: where the lens goes and the position the references are shown for. */
  start: number;
  end: number;
  /** Every reference (name ranges), in source order. */
  locations: Range[];
  title: string;
}

const LENS_SECTIONS: readonly SectionName[] = ['Parameters', 'Resources', 'Conditions', 'Mappings'];

export function referencesTitle(n: number): string {
  return `${n} reference${n === 1 ? '' : 's'}`;
}

/** One lens per declared parameter, resource, condition and mapping, in source order. */
export function referenceLenses(a: Analysis): ReferenceLens[] {
  const t = a.template;
  if (t.kind === 'none') return [];
  const idx = navIndex(a);
  const out: ReferenceLens[] = [];
  for (const section of LENS_SECTIONS) {
    const map = section === 'Parameters' ? t.parameters : section === 'Resources' ? t.resources : section === 'Conditions' ? t.conditions : t.mappings;
    for (const e of map.values()) {
      const locations = (idx.byKey.get(`${section}.${e.id}`) ?? []).filter((s) => s.role === 'reference').map((s) => ({ start: s.start, end: s.end }));
      out.push({ section, name: e.id, ...nameRange(e.key, e.id, t.text), locations, title: referencesTitle(locations.length) });
    }
  }
  out.sort((x, y) => x.start - y.start);
  return out;
}

export interface RecoveryLens {
  /** Logical ID of the data store. */
  resource: string;
  disruption: Disruption;
  /** The store's logical ID (the reference lens sits there too). */
  start: number;
  end: number;
  /** "AZ: RPO 0 · RTO 1–2 min · Multi-AZ failover". */
  title: string;
}

/**
 * One lens per disruption above each data store the recovery model estimates: "AZ: RPO 0 ·
 * RTO 1–2 min · Multi-AZ failover", "Data: RPO ≈ 5 min · RTO 1–24 h · point-in-time restore",
 * "Region: not recoverable · no copy outside the Region". "(varies)" when parameters or
 * conditions change it (the hover says how).
 */
export function recoveryLenses(a: Analysis): RecoveryLens[] {
  if (a.template.kind === 'none') return [];
  const out: RecoveryLens[] = [];
  for (const s of a.recovery.stores) {
    const res = a.template.resources.get(s.id);
    if (!res) continue;
    const at = nameRange(res.key, s.id, a.template.text);
    for (const d of DISRUPTIONS) {
      const e = s.estimates[d];
      out.push({ resource: s.id, disruption: d, ...at, title: `${DISRUPTION_SHORT[d]}: ${summary(e.outcome)}${e.alternatives.length ? ' (varies)' : ''}` });
    }
  }
  return out;
}
