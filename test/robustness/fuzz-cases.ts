/**
 * Deterministic fuzzing of the whole core: seeded mutations of real templates (delete,
 * insert, duplicate and swap lines and characters, truncate at a line, change indentation,
 * inject tags, anchors and aliases, break JSON punctuation), then the analysis with every
 * rule and every editor feature at random positions (hover, definition, references,
 * highlights, prepare-rename and rename, symbols, code lenses, the graph view, completion
 * when present, every fix applied and re-analyzed, the "ignore" edits). Each case checks:
 * no exception, every range inside the document, and that re-analysis with the previous
 * version's analysis (the partial YAML re-read) finds exactly what a fresh analysis finds.
 *
 * Run by fuzz.test.ts in a worker thread under a watchdog (a hang is reported with its case).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyze, Analysis } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/fix/apply';
import { suppressEdits } from '../../server/src/core/fix/suppress';
import { hover } from '../../server/src/core/features/hover';
import { definitionLinks, highlights, prepareRename, references, renameEdits } from '../../server/src/core/features/navigation';
import { documentSymbols, OutlineSymbol } from '../../server/src/core/features/symbols';
import { referenceLenses } from '../../server/src/core/features/codelens';
import { buildGraphView } from '../../server/src/core/features/graph-view';
import type { TextEdit } from '../../server/src/core/types';
import { generateTemplate } from '../bench/generate';
import { corpusFiles } from '../bench/corpus';
import { rng } from './util';

type Completion = (a: Analysis, offset: number, opts?: { trigger?: string }) => { items: { start: number; end: number; label: string }[] };

/** Completion is added by another change; called when the module exists. */
function loadCompletion(): Completion | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const m = require('../../server/src/core/features/completion') as { completion?: Completion };
    return typeof m.completion === 'function' ? m.completion : undefined;
  } catch {
    return undefined;
  }
}
export const completion = loadCompletion();

export interface Seed {
  name: string;
  text: string;
  /** Analysis of the unmutated text (the "previous version" of every mutation). */
  base?: Analysis;
}

const REPO = join(__dirname, '..', '..', '..');

/** The templates mutated: small and mid-size corpus templates (YAML and JSON), generated ones, the repo's examples. */
export function seeds(maxLines = 700): Seed[] {
  const out: Seed[] = [
    { name: 'generated.yaml', text: generateTemplate({ lines: 500, seed: 4 }) },
    { name: 'generated.json', text: generateTemplate({ lines: 500, seed: 8, format: 'json' }) },
  ];
  for (const f of ['examples/web-app-single-az.yaml', 'examples/orders-serverless.yaml', 'examples/broken-references.json']) {
    try {
      out.push({ name: f, text: readFileSync(join(REPO, f), 'utf8') });
    } catch {
      // examples absent: the others suffice
    }
  }
  for (const f of corpusFiles()) if (f.lines <= maxLines) out.push({ name: f.rel, text: readFileSync(f.path, 'utf8') });
  return out;
}

const NASTY = ['"', "'", '{', '}', '[', ']', ':', ': ', ',', '\t', '!', '&', '*', '\n', '\r\n', '\r', '#', '|', '>', '- ', '${', '\\', '\uFEFF', '😀', '\u0000', '%', '@', '`', '?', ' '];
const TAGS = ['!Ref ', '!GetAtt ', '!Sub ', '!If ', '!Select ', '!Base64 ', '!Join ', '!FindInMap ', '!Condition ', '!GetAZs ', '!Split ', '!ImportValue ', '!Bogus ', '!!str ', '!!binary ', '!!map ', '!!seq ', '!<tag:yaml.org,2002:str> ', '&anchor ', '*anchor ', '!Ref\n', '!Sub [', '!Transform '];
const WORDS = ['Resources', 'Type', 'Properties', 'Ref', 'Fn::GetAtt', 'DependsOn', 'Condition', 'AWS::NoValue', 'AWS::Region', 'Fn::If', 'Fn::ForEach::Loop', '${AWS::StackName}', 'true', '-1', '1e400', '0x1F', 'null', '~', '""', "''"];

type Mutation = (text: string, rand: () => number) => [string, string];

const pick = <T>(xs: readonly T[], rand: () => number): T => xs[Math.floor(rand() * xs.length)];

function lineSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  let s = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') {
      out.push([s, i + 1]);
      s = i + 1;
    }
  }
  if (s < text.length || out.length === 0) out.push([s, text.length]);
  return out;
}

const MUTATIONS: [string, Mutation][] = [
  ['delete line', (t, r) => {
    const [s, e] = pick(lineSpans(t), r);
    return [t.slice(0, s) + t.slice(e), `delete line at ${s}`];
  }],
  ['insert line', (t, r) => {
    const lines = lineSpans(t);
    const [s] = pick(lines, r);
    const [a, b] = pick(lines, r);
    return [t.slice(0, s) + t.slice(a, b) + (t[b - 1] === '\n' ? '' : '\n') + t.slice(s), `copy line ${a} to ${s}`];
  }],
  ['duplicate line', (t, r) => {
    const [s, e] = pick(lineSpans(t), r);
    return [t.slice(0, e) + t.slice(s, e) + t.slice(e), `duplicate line at ${s}`];
  }],
  ['swap lines', (t, r) => {
    const lines = lineSpans(t);
    const i = Math.floor(r() * lines.length);
    const j = Math.min(lines.length - 1, i + 1 + Math.floor(r() * 5));
    if (i === j) return [t, 'swap nothing'];
    const [as, ae] = lines[i];
    const [bs, be] = lines[j];
    return [t.slice(0, as) + t.slice(bs, be) + t.slice(ae, bs) + t.slice(as, ae) + t.slice(be), `swap lines at ${as} and ${bs}`];
  }],
  ['delete characters', (t, r) => {
    const at = Math.floor(r() * t.length);
    const n = 1 + Math.floor(r() * (r() < 0.8 ? 2 : 40));
    return [t.slice(0, at) + t.slice(at + n), `delete ${n} at ${at}`];
  }],
  ['insert character', (t, r) => {
    const at = Math.floor(r() * (t.length + 1));
    const c = pick(NASTY, r);
    return [t.slice(0, at) + c + t.slice(at), `insert ${JSON.stringify(c)} at ${at}`];
  }],
  ['swap characters', (t, r) => {
    const at = Math.floor(r() * Math.max(1, t.length - 1));
    return [t.slice(0, at) + t.slice(at + 1, at + 2) + t.slice(at, at + 1) + t.slice(at + 2), `swap characters at ${at}`];
  }],
  ['truncate at a line', (t, r) => {
    const [s] = pick(lineSpans(t), r);
    return [t.slice(0, s), `truncate at ${s}`];
  }],
  ['truncate mid-line', (t, r) => {
    const at = Math.floor(r() * t.length);
    return [t.slice(0, at), `truncate at ${at}`];
  }],
  ['change indentation', (t, r) => {
    const [s, e] = pick(lineSpans(t), r);
    const line = t.slice(s, e);
    const indent = /^[ \t]*/.exec(line)![0].length;
    const k = r();
    const next = k < 0.4 ? ' '.repeat(1 + Math.floor(r() * 4)) + line : k < 0.8 ? line.slice(Math.min(indent, 1 + Math.floor(r() * 4))) : '\t' + line.slice(Math.min(indent, 2));
    return [t.slice(0, s) + next + t.slice(e), `reindent line at ${s}`];
  }],
  ['inject tag', (t, r) => {
    // After a key's colon or a list dash, where a value starts.
    const spots: number[] = [];
    for (const m of t.matchAll(/(: |- )/g)) spots.push(m.index! + m[0].length);
    const at = spots.length ? pick(spots, r) : Math.floor(r() * t.length);
    const tag = pick(TAGS, r);
    return [t.slice(0, at) + tag + t.slice(at), `tag ${JSON.stringify(tag)} at ${at}`];
  }],
  ['replace a word', (t, r) => {
    const words = [...t.matchAll(/[A-Za-z][\w:.]*/g)];
    if (!words.length) return [t, 'no word'];
    const w = pick(words, r);
    const by = r() < 0.5 ? pick(WORDS, r) : pick(words, r)[0];
    return [t.slice(0, w.index!) + by + t.slice(w.index! + w[0].length), `word at ${w.index} -> ${by}`];
  }],
  ['break punctuation', (t, r) => {
    const spots: number[] = [];
    for (const m of t.matchAll(/[{}[\],:"]/g)) spots.push(m.index!);
    if (!spots.length) return [t, 'no punctuation'];
    const at = pick(spots, r);
    return [t.slice(0, at) + (r() < 0.5 ? '' : pick(['{', '}', '[', ']', ',', ':', '"'], r)) + t.slice(at + 1), `punctuation at ${at}`];
  }],
  ['self reference', (t, r) => {
    // `DependsOn`/`Ref` naming the resource it is in, or another: cycles.
    const keys = [...t.matchAll(/^ {2}([A-Za-z0-9]+):\s*$/gm)].map((m) => m[1]);
    const spots = [...t.matchAll(/^( {4})Type: .*$/gm)];
    if (!keys.length || !spots.length) return [t, 'no resource'];
    const m = pick(spots, r);
    const at = m.index! + m[0].length;
    return [t.slice(0, at) + `\n    DependsOn: ${pick(keys, r)}` + t.slice(at), `DependsOn at ${at}`];
  }],
];

export interface CaseSpec {
  index: number;
  seed: Seed;
  text: string;
  fileName: string;
  steps: string[];
  /** Skip the re-analyses of fixes, renames and ignores (for long sweeps). */
  light?: boolean;
}

/** The `index`th case of a run (independent of the others: a failing case can be re-run alone). */
export function makeCase(seedsList: Seed[], runSeed: number, index: number): CaseSpec {
  const rand = rng((runSeed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const seed = seedsList[Math.floor(rand() * seedsList.length)];
  let text = seed.text;
  const steps: string[] = [];
  const n = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) {
    const [name, m] = MUTATIONS[Math.floor(rand() * MUTATIONS.length)];
    const [next, what] = m(text, rand);
    steps.push(`${name}: ${what}`);
    text = next;
  }
  return { index, seed, text, fileName: seed.name, steps };
}

/** Every truncation of a template at a line start (the "truncate at every line" sweep). */
export function truncations(seed: Seed): CaseSpec[] {
  return lineSpans(seed.text).map(([s], i) => ({ index: i, seed, text: seed.text.slice(0, s), fileName: seed.name, steps: [`truncate at line ${i + 1}`], light: true }));
}

class Problem extends Error {}

function inside(what: string, start: number | undefined, end: number | undefined, len: number): void {
  if (start === undefined && end === undefined) return;
  if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > len) {
    throw new Problem(`${what}: range [${start}, ${end}) is not inside the ${len}-character document`);
  }
}

function checkEdits(what: string, edits: readonly TextEdit[], len: number): void {
  for (const e of edits) {
    inside(what, e.start, e.end, len);
    if (typeof e.newText !== 'string') throw new Problem(`${what}: edit without text`);
  }
}

function checkSymbols(list: OutlineSymbol[], len: number): void {
  for (const s of list) {
    inside(`symbol ${s.name}`, s.start, s.end, len);
    inside(`symbol ${s.name} selection`, s.selectionStart, s.selectionEnd, len);
    if (s.selectionStart < s.start || s.selectionEnd > s.end) throw new Problem(`symbol ${s.name}: selection outside its range`);
    if (s.children) checkSymbols(s.children, len);
  }
}

function checkAnalysis(a: Analysis, len: number): void {
  for (const f of a.findings) {
    inside(`finding ${f.rule}`, f.start, f.end, len);
    for (const fix of f.fixes) checkEdits(`fix of ${f.rule}`, fix.edits, len);
    for (const r of f.related ?? []) inside(`related of ${f.rule}`, r.start, r.end, len);
    if (typeof f.message !== 'string' || !f.message) throw new Problem(`finding ${f.rule} without a message`);
  }
  for (const i of a.template.issues) inside(`issue ${i.code}`, i.start, i.end, len);
  if (a.kind === 'none' && a.findings.length) throw new Problem('findings on a document that is not a template');
}

/** Findings as comparable data. */
const findingsOf = (a: Analysis) => JSON.stringify(a.findings);

/**
 * Runs one case; throws (with what failed) on an exception or a violated property.
 * `rand` picks the positions the features are asked about.
 */
export function runCase(c: CaseSpec, rand: () => number): void {
  const { text, fileName } = c;
  const len = text.length;
  const a = analyze(text, { fileName, onRuleError: (id, e) => { throw new Problem(`rule ${id} threw: ${(e as Error)?.stack ?? e}`); } });
  checkAnalysis(a, len);

  // The analysis with the previous version's (the server's path) finds the same.
  if (c.seed.base) {
    const again = analyze(text, { fileName, previous: c.seed.base });
    if (findingsOf(again) !== findingsOf(a)) throw new Problem('analysis with the previous version differs from a fresh analysis');
  }

  // Features at random positions, at the findings and at both ends.
  const offsets = [0, len, ...Array.from({ length: c.light ? 2 : 5 }, () => Math.floor(rand() * (len + 1)))];
  for (const f of a.findings.slice(0, c.light ? 1 : 3)) offsets.push(f.start, f.end);
  let renamed = c.light;
  for (const off of offsets) {
    const h = hover(a, off);
    if (h) {
      inside('hover', h.start, h.end, len);
      if (typeof h.markdown !== 'string') throw new Problem('hover without text');
    }
    for (const l of definitionLinks(a, off)) {
      inside('definition origin', l.origin.start, l.origin.end, len);
      inside('definition name', l.name.start, l.name.end, len);
      inside('definition full', l.full.start, l.full.end, len);
    }
    for (const r of references(a, off, true)) inside('reference', r.start, r.end, len);
    for (const r of highlights(a, off)) inside('highlight', r.start, r.end, len);
    const pr = prepareRename(a, off);
    if (pr && 'start' in pr) {
      inside('prepareRename', pr.start, pr.end, len);
      const result = renameEdits(a, off, `${pr.placeholder || 'X'}Renamed`);
      if ('edits' in result) {
        checkEdits('rename', result.edits, len);
        // One rename per case is applied and analyzed again.
        if (!renamed) {
          renamed = true;
          const after = applyEdits(text, result.edits);
          checkAnalysis(analyze(after, { fileName }), after.length);
        }
      }
    }
    if (completion) {
      for (const item of completion(a, off).items) inside(`completion ${item.label}`, item.start, item.end, len);
    }
  }
  checkSymbols(documentSymbols(a), len);
  for (const l of referenceLenses(a)) {
    inside(`code lens ${l.name}`, l.start, l.end, len);
    for (const r of l.locations) inside(`code lens ${l.name} location`, r.start, r.end, len);
  }
  const view = buildGraphView(a);
  for (const n of view.nodes) {
    inside(`graph node ${n.id}`, n.start, n.end, len);
    if (![n.x, n.y, n.w, n.h].every(Number.isFinite)) throw new Problem(`graph node ${n.id} placed at a non-finite position`);
  }
  for (const e of view.edges) {
    if (!view.nodes.some((n) => n.id === e.from) || !view.nodes.some((n) => n.id === e.to)) throw new Problem(`graph edge ${e.from} -> ${e.to} to a missing node`);
    if (!e.points.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y))) throw new Problem(`graph edge ${e.from} -> ${e.to} with a non-finite point`);
  }

  if (c.light) return;
  // Every fix of one finding, applied and analyzed again; an ignore edit likewise.
  const withFixes = a.findings.filter((f) => f.fixes.length);
  for (const f of withFixes.length ? [withFixes[Math.floor(rand() * withFixes.length)]] : []) {
    for (const fix of f.fixes) {
      let fixed: string;
      try {
        fixed = applyEdits(text, fix.edits);
      } catch (e) {
        throw new Problem(`fix "${fix.title}" of ${f.rule} has overlapping edits: ${(e as Error).message}`);
      }
      checkAnalysis(analyze(fixed, { fileName }), fixed.length);
    }
  }
  const target = a.findings[Math.floor(rand() * a.findings.length)];
  if (target) {
    for (const scope of [target.resource && rand() < 0.5 ? { resource: target.resource } : ('template' as const)]) {
      const edits = suppressEdits(a.template, target.rule, scope);
      if (!edits) continue;
      checkEdits(`ignore ${target.rule}`, edits, len);
      const ignored = applyEdits(text, edits);
      checkAnalysis(analyze(ignored, { fileName }), ignored.length);
    }
  }
}
