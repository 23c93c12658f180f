/**
 * Durations: parsing what users write as recovery targets (`15m`, `1h30m`, `PT15M`, `0`)
 * and formatting the model's ranges for people ("≈ 5 min", "1–2 min", "≤ 30 s", "none").
 * Everything is in seconds; `Infinity` means "no recovery point / cannot recover".
 */

export interface Range {
  /** Seconds; Infinity: not recoverable. */
  low: number;
  high: number;
}

export const NEVER: Range = Object.freeze({ low: Infinity, high: Infinity });
export const ZERO: Range = Object.freeze({ low: 0, high: 0 });

export function range(low: number, high = low): Range {
  return { low: Math.min(low, high), high: Math.max(low, high) };
}

/** The smallest range holding both. */
export function union(a: Range, b: Range): Range {
  return { low: Math.min(a.low, b.low), high: Math.max(a.high, b.high) };
}

const UNIT_SECONDS: Record<string, number> = {
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400,
};

export type ParsedDuration = { ok: true; seconds: number } | { ok: false; message: string };

const ISO = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/**
 * `30s`, `15m`, `15min`, `1h`, `1h30m`, `2d`, `1.5h`, `PT15M` (ISO 8601), `0`. A bare number
 * other than 0 is refused: "15" could mean seconds or minutes.
 */
export function parseDuration(input: unknown): ParsedDuration {
  if (typeof input === 'number') {
    if (input === 0) return { ok: true, seconds: 0 };
    return { ok: false, message: `a bare number is ambiguous: write a unit (${input}s, ${input}m, ${input}h)` };
  }
  if (typeof input !== 'string') return { ok: false, message: 'expected a duration such as 30s, 15m, 1h or 1d' };
  const s = input.trim();
  if (s === '') return { ok: false, message: 'empty duration: write one such as 30s, 15m, 1h or 1d' };
  if (/^0+(\.0+)?$/.test(s)) return { ok: true, seconds: 0 };
  if (/^\d+(\.\d+)?$/.test(s)) return { ok: false, message: `"${s}" has no unit: write ${s}s, ${s}m or ${s}h` };
  const iso = ISO.exec(s);
  if (iso && s.length > 1 && !/T$/i.test(s)) {
    const [, d, h, m, sec] = iso;
    const total = Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(sec ?? 0);
    return { ok: true, seconds: total };
  }
  const re = /(\d+(?:\.\d+)?)\s*([a-z]+)/gi;
  let total = 0;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const unit = UNIT_SECONDS[m[2].toLowerCase()];
    if (unit === undefined) return { ok: false, message: `unknown unit "${m[2]}" in "${s}": use s, m, h or d` };
    if (s.slice(consumed, m.index).trim() !== '') break;
    total += Number(m[1]) * unit;
    consumed = m.index + m[0].length;
  }
  if (consumed === 0 || s.slice(consumed).trim() !== '') return { ok: false, message: `"${s}" is not a duration: write one such as 30s, 15m, 1h30m or 1d` };
  return { ok: true, seconds: total };
}

function trim(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** One duration in the unit that reads best: "0", "30 s", "5 min", "1.5 h", "2 d". */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return 'never';
  if (s <= 0) return '0';
  if (s < 60) return `${trim(s)} s`;
  if (s < 3600) return `${trim(s / 60)} min`;
  if (s < 86400 * 2) return `${trim(s / 3600)} h`;
  return `${trim(s / 86400)} d`;
}

function unitOf(s: number): [number, string] {
  if (s < 60) return [1, 's'];
  if (s < 3600) return [60, 'min'];
  if (s < 86400 * 2) return [3600, 'h'];
  return [86400, 'd'];
}

/**
 * A range for people: "0", "≈ 5 min", "≤ 30 s", "1–2 min", "15 min–2 h", "none" (Infinity),
 * "≥ 1 h" (open-ended high).
 */
export function formatRange(r: Range): string {
  if (!Number.isFinite(r.low)) return 'none';
  if (r.high <= 0) return '0';
  if (!Number.isFinite(r.high)) return r.low <= 0 ? 'unbounded' : `≥ ${formatSeconds(r.low)}`;
  if (r.low === r.high) return `≈ ${formatSeconds(r.low)}`;
  if (r.low <= 0) return `≤ ${formatSeconds(r.high)}`;
  const [ul] = unitOf(r.low);
  const [uh, nh] = unitOf(r.high);
  if (ul === uh) return `${trim(r.low / ul)}–${trim(r.high / uh)} ${nh}`;
  return `${formatSeconds(r.low)}–${formatSeconds(r.high)}`;
}

/** A target for messages: "15 min", "0", "1 h". */
export function formatTarget(s: number): string {
  return formatSeconds(s);
}
