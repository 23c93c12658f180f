/**
 * docs/recovery-figures.md, rendered from the figures table (figures.ts). A unit test
 * compares the file with this output (`UPDATE_SNAPSHOTS=1` rewrites it), so the document
 * and the code cannot drift apart.
 */
import { formatRange } from './duration';
import { FIGURES, FIGURE_IDS } from './figures';

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function figuresMarkdown(): string {
  const out = [
    '# Recovery figures',
    '',
    'Every number the recovery model uses (RPO and RTO estimates in code lenses, hovers, diagnostics and the resilience report) comes from this table, with the page it is taken from. The table lives in `server/src/core/recovery/figures.ts`; this page is rendered from it and a test keeps the two equal. How the figures are combined: [recovery.md](recovery.md).',
    '',
    '"Derived" marks the few entries where AWS documents the behaviour but not a number (or only an order of magnitude such as "hours"): the note says which range we chose and why.',
    '',
    '| id | figure | value | basis | what AWS documents | source |',
    '|---|---|---|---|---|---|',
  ];
  for (const id of FIGURE_IDS) {
    const f = FIGURES[id];
    const value = formatRange({ low: f.low, high: f.high });
    const basis = f.basis === 'derived' ? `derived: ${cell(f.note ?? '')}` : 'documented';
    out.push(`| \`${id}\` | ${cell(f.what)} | ${cell(value)} | ${basis} | ${cell(f.statement)} | [${cell(f.source.title)}](${f.source.url}) |`);
  }
  out.push('', `${FIGURE_IDS.length} figures. Values are shown as the model formats them: "≈ 5 min" a single typical value, "≤ 30 s" up to, "1–2 min" a range.`, '');
  return out.join('\n');
}
