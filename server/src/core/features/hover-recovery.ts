/**
 * The recovery section of the hover on a data store's logical ID: the estimate for each
 * disruption, the evidence it rests on (with line numbers), what changes with parameters,
 * what would improve it, and the sources of the figures. Read from the analysis's
 * recovery model (computed once per analysis); Markdown lines, empty for other resources.
 */
import type { Analysis } from '../analyze';
import { DISRUPTIONS, DISRUPTION_LABEL, Outcome } from '../recovery/model';
import { formatRange } from '../recovery/duration';
import { FIGURES } from '../recovery/figures';
import { STRATEGY_LABEL } from '../recovery/model';
import { escapeMarkdown } from '../util/text';

function cell(o: Outcome): string {
  if (!Number.isFinite(o.rpo.high) && !Number.isFinite(o.rto.high)) return `not recoverable — ${escapeMarkdown(o.mechanism)}`;
  return `RPO ${escapeMarkdown(formatRange(o.rpo))} · RTO ${escapeMarkdown(formatRange(o.rto))} — ${escapeMarkdown(o.mechanism)}`;
}

const MAX_EVIDENCE = 8;

/** Markdown lines for the hover of resource `id`; [] when it is not a data store the model estimates. */
export function recoveryHoverSection(a: Analysis, id: string): string[] {
  if (a.kind === 'none') return [];
  try {
    return section(a, id);
  } catch {
    // The hover's other sections matter more than this one: leave it out rather than lose them.
    return [];
  }
}

function section(a: Analysis, id: string): string[] {
  const s = a.recovery.byId.get(id);
  if (!s) return [];
  const line = (o: number) => a.lines.positionAt(o).line + 1;
  const out = [`**Recovery** (estimated from the template) — ${escapeMarkdown(s.label)}`, ''];
  for (const d of DISRUPTIONS) {
    const e = s.estimates[d];
    out.push(`- _${DISRUPTION_LABEL[d]}_: ${cell(e.outcome)}`);
    for (const alt of e.alternatives.slice(0, 3)) out.push(`  - ${escapeMarkdown(alt.when)}: ${cell(alt.outcome)}`);
  }
  if (s.evidence.length) {
    out.push('', '_Evidence_', '');
    for (const ev of s.evidence.slice(0, MAX_EVIDENCE)) out.push(`- ${escapeMarkdown(ev.text)}${ev.start !== undefined ? ` (line ${line(ev.start)})` : ''}`);
    if (s.evidence.length > MAX_EVIDENCE) out.push(`- … and ${s.evidence.length - MAX_EVIDENCE} more`);
  }
  const better = s.improvements.filter((i) => {
    const now = s.estimates[i.disruption].outcome;
    return i.outcome.rpo.high < now.rpo.high || i.outcome.rto.high < now.rto.high;
  });
  if (better.length) {
    out.push('', '_To improve_', '');
    for (const i of better.slice(0, 4)) out.push(`- ${DISRUPTION_LABEL[i.disruption]}: ${escapeMarkdown(i.action)} → RPO ${escapeMarkdown(formatRange(i.outcome.rpo))} · RTO ${escapeMarkdown(formatRange(i.outcome.rto))}${i.fix ? ' (quick fix)' : ''}`);
  }
  if (s.uncertain.length) out.push('', `_Uncertain_: ${escapeMarkdown(s.uncertain.join('; '))}`);
  const figs = [...new Set(DISRUPTIONS.flatMap((d) => s.estimates[d].outcome.figures))];
  if (figs.length) out.push('', `Sources: ${figs.map((f) => `[${escapeMarkdown(FIGURES[f].what)}](${FIGURES[f].source.url})`).join(' · ')}`);
  out.push('', `Template DR strategy: ${STRATEGY_LABEL[a.recovery.strategy.strategy]}`);
  return out;
}
