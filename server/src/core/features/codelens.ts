/**
 * "N references" above each parameter, resource, condition and mapping: the count and the
 * locations (what `editor.action.showReferences` shows), from the navigation index (one
 * pass over the references per document version, then a lookup per entity).
 */
import type { Analysis } from '../analyze';
import type { SectionName } from '../parse/template';
import { Range, navIndex, nameRange } from './navigation';

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
