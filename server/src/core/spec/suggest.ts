/**
 * "Did you mean" for resource type names. Pure; built once per name list.
 *
 * Matching is case-insensitive and uses the optimal-string-alignment distance (Levenshtein
 * plus adjacent transpositions, so `Bukcet` is one edit from `Bucket`), bounded so a miss
 * costs a few comparisons per name. When the service part is known (`AWS::EC2::…`) the
 * resource part is also compared within that service, which also finds prefixes
 * (`AWS::EC2::Security` -> `SecurityGroup`, …).
 */

/** Optimal-string-alignment distance, or `max + 1` as soon as it must exceed `max`. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  // Three rolling rows (the transposition looks two rows back).
  let prev2 = new Array<number>(lb + 1);
  let prev = new Array<number>(lb + 1);
  let cur = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = prev[j - 1] + cost;
      const del = prev[j] + 1;
      if (del < v) v = del;
      const ins = cur[j - 1] + 1;
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        const tr = prev2[j - 2] + 1;
        if (tr < v) v = tr;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb] <= max ? prev[lb] : max + 1;
}

interface Candidate {
  name: string;
  score: number;
}

export class TypeNameSuggester {
  private readonly lower: string[];
  private readonly exact = new Map<string, string>();
  /** lower-case `vendor::service` -> indices into names */
  private readonly services = new Map<string, number[]>();

  constructor(private readonly names: readonly string[]) {
    this.lower = names.map((n) => n.toLowerCase());
    this.lower.forEach((l, i) => {
      this.exact.set(l, names[i]);
      const cut = l.lastIndexOf('::');
      if (cut > 0) {
        const svc = l.slice(0, cut);
        let bucket = this.services.get(svc);
        if (!bucket) this.services.set(svc, (bucket = []));
        bucket.push(i);
      }
    });
  }

  /** Up to `max` known names close to `input`, best first; empty when nothing is close. */
  suggest(input: string, max = 3): string[] {
    const q = input.trim().toLowerCase().replace(/\s+/g, '');
    if (!q) return [];
    const hit = this.exact.get(q) ?? this.exact.get(`aws::${q}`);
    if (hit !== undefined) return [hit];

    const found = new Map<string, number>();
    const offer = (i: number, score: number): void => {
      const n = this.names[i];
      const old = found.get(n);
      if (old === undefined || score < old) found.set(n, score);
    };

    // Normalise separators people get wrong: `AWS:S3:Bucket`, `AWS::S3:::Bucket`, `AWS.S3.Bucket`.
    const norm = q.replace(/:+/g, '::').replace(/^([a-z0-9]+)\.([a-z0-9]+)\.([a-z0-9]+)$/, '$1::$2::$3');
    const queries = [norm];
    if (norm.split('::').length === 2) queries.push(`aws::${norm}`);

    for (const s of queries) {
      const hit2 = this.exact.get(s);
      if (hit2 !== undefined) return [hit2];
      const bound = Math.max(2, Math.floor(s.length / 6));
      for (let i = 0; i < this.lower.length; i++) {
        const d = boundedDistance(s, this.lower[i], bound);
        if (d <= bound) offer(i, d);
      }
      // Within a known service: compare only the resource part, more tolerantly.
      const cut = s.lastIndexOf('::');
      if (cut > 0) {
        const bucket = this.services.get(s.slice(0, cut));
        const res = s.slice(cut + 2);
        if (bucket && res) {
          const rb = Math.max(2, Math.floor(res.length / 3));
          for (const i of bucket) {
            const l = this.lower[i];
            const other = l.slice(l.lastIndexOf('::') + 2);
            const d = boundedDistance(res, other, rb);
            if (d <= rb) offer(i, d + 0.5);
            else if (res.length >= 3 && (other.startsWith(res) || res.startsWith(other))) {
              offer(i, 1.5 + Math.abs(other.length - res.length) / 100);
            }
          }
        }
      }
    }

    const list: Candidate[] = [...found].map(([name, score]) => ({ name, score }));
    if (!list.length) return [];
    list.sort((a, b) => a.score - b.score || a.name.length - b.name.length || (a.name < b.name ? -1 : 1));
    const best = list[0].score;
    return list
      .filter((c) => c.score <= best + 1)
      .slice(0, max)
      .map((c) => c.name);
  }
}
