/** Levenshtein distance, bounded: returns max+1 as soon as the distance must exceed max. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** The candidates closest to `name` (case-insensitive), within a distance that scales with length. */
export function closest(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = name.toLowerCase();
  const max = Math.max(1, Math.min(4, Math.floor(name.length / 3)));
  const scored: [number, string][] = [];
  for (const c of candidates) {
    const cl = c.toLowerCase();
    const d = cl === lower ? 0 : editDistance(lower, cl, max);
    if (d <= max) scored.push([d, c]);
    else if (lower.length >= 4 && (cl.includes(lower) || lower.includes(cl)) && cl.length >= 4) scored.push([max, c]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  return scored.slice(0, limit).map((s) => s[1]);
}

/** "a", "a or b", "a, b or c" */
export function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** " Did you mean a, b or c?" (with its leading space), or '' when there is nothing to suggest. */
export function didYouMean(near: string[]): string {
  return near.length ? ` Did you mean ${orList(near)}?` : '';
}

/** Template text made inert in Markdown (hovers): no emphasis, code, links, HTML or block starts. */
export function escapeMarkdown(s: string): string {
  // Brackets escaped, parentheses cannot form a link; a leading #, + or - could start a block.
  return s.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`).replace(/^([#+-])/, '\\$1');
}
