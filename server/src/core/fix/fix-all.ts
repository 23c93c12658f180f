/**
 * "Fix all": every safe fix of an analysis, applied in passes. One pass takes the safe fixes
 * that do not overlap (several fixes of one resource often insert at the same place, the end
 * of its Properties); the text is re-analyzed with the same options and the next pass takes
 * what the new analysis offers, until nothing safe is left or a pass bound is reached (a
 * fix that re-creates its own finding cannot loop forever).
 */
import { analyze, Analysis } from '../analyze';
import type { Finding, Fix, TextEdit } from '../types';
import { applyEdits } from './apply';

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

/**
 * The safe fixes of a set of findings that can be applied together: in document order,
 * each fix whole or not at all, none overlapping an earlier one.
 */
export function selectFixAll(findings: readonly Finding[]): Fix[] {
  const candidates = findings.flatMap((f) => f.fixes.filter((x) => x.safe && x.edits.length > 0));
  candidates.sort((a, b) => Math.min(...a.edits.map((e) => e.start)) - Math.min(...b.edits.map((e) => e.start)));
  const taken: TextEdit[] = [];
  const chosen: Fix[] = [];
  for (const fix of candidates) {
    const own = fix.edits;
    const selfOverlap = own.some((e, i) => own.some((o, j) => i < j && overlaps(e, o)));
    if (selfOverlap || own.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    taken.push(...own);
    chosen.push(fix);
  }
  return chosen;
}

export interface FixAllResult {
  /** The text with every fix applied (the input text when nothing applied). */
  text: string;
  /** The titles of the fixes applied, pass by pass. */
  applied: string[];
  passes: number;
  /** The analysis of the final text. */
  analysis: Analysis;
}

export function fixAll(start: Analysis, maxPasses = 10): FixAllResult {
  let analysis = start;
  let text = start.template.text;
  const applied: string[] = [];
  let passes = 0;
  while (passes < maxPasses) {
    const fixes = selectFixAll(analysis.findings);
    if (!fixes.length) break;
    const next = applyEdits(text, fixes.flatMap((f) => f.edits));
    if (next === text) break;
    passes++;
    applied.push(...fixes.map((f) => f.title));
    text = next;
    analysis = analyze(text, analysis.options);
    // A fix that breaks the document is never kept: stop at the last text that parsed cleanly.
    if (analysis.template.issues.some((i) => i.severity === 'error') && !start.template.issues.some((i) => i.severity === 'error')) {
      return fixAll(start, passes - 1);
    }
  }
  return { text, applied, passes, analysis };
}

/** One edit turning `before` into `after`: the span between their common prefix and suffix. */
export function diffEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return { start: p, end: before.length - s, newText: after.slice(p, after.length - s) };
}
