/**
 * Text edits that delete entries (map pairs, sequence items) from a template, YAML or JSON,
 * leaving it valid: block YAML entries go with their whole lines (and the comment lines
 * indented under them); flow YAML and JSON entries go with one separating comma; a map or
 * list whose every entry goes is removed itself, up to (not including) the root.
 *
 * `planned` lists entries other fixes of the same kind may remove too (e.g. every unused
 * condition of the section): the separator each edit takes is chosen so that any subset of
 * those fixes applied together still yields valid text.
 *
 * Used through `FixBuilder.remove` / `FixBuilder.removeProperty` (builder.ts).
 */
import type { Template } from '../parse/template';
import type { TextEdit } from '../types';
import { MapNode, Node, Pair, SeqNode, isMap, isSeq } from '../parse/node';

/** A map pair, or a sequence item. */
export type Entry = Pair | Node;

export function isPair(e: Entry): e is Pair {
  return (e as Pair).key !== undefined && (e as Node).kind === undefined;
}

function containerOf(e: Entry): MapNode | SeqNode | null {
  return isPair(e) ? e.parent : e.parent;
}

function entriesOf(c: MapNode | SeqNode): Entry[] {
  return isMap(c) ? c.pairs : c.items;
}

function startOf(e: Entry): number {
  return isPair(e) ? e.key.start : e.start;
}

function endOf(e: Entry): number {
  return isPair(e) ? Math.max(e.end, e.value.end) : e.end;
}

/** The entry that holds a container: its pair in the parent map, or itself as a parent-sequence item. */
function entryOfContainer(c: MapNode | SeqNode): Entry | undefined {
  const p = c.parent;
  if (!p) return undefined;
  if (isMap(p)) return c.pair;
  return c;
}

function lineOf(t: Template, off: number): number {
  return t.lines.positionAt(off).line;
}

function nextLineStart(t: Template, line: number): number {
  return line + 1 < t.lines.lineCount ? t.lines.lineStart(line + 1) : t.text.length;
}

function blockEdit(t: Template, e: Entry): TextEdit | undefined {
  const text = t.text;
  const s = startOf(e);
  const line = lineOf(t, s);
  const ls = t.lines.lineStart(line);
  const prefix = text.slice(ls, s);
  if (isPair(e) ? !/^[ \t]*$/.test(prefix) : !/^[ \t]*-[ \t]*$/.test(prefix)) return undefined;
  const column = prefix.length - prefix.replace(/^[ \t]*/, '').length;
  const end = endOf(e);
  let stop: number;
  const prevChar = text[end - 1];
  if (end > s && (prevChar === '\n' || prevChar === '\r') && t.lines.lineStart(lineOf(t, end)) === end) stop = end;
  else stop = nextLineStart(t, lineOf(t, end));
  // Comment lines indented under the entry belong to it.
  for (;;) {
    if (stop >= text.length) break;
    const l = lineOf(t, stop);
    const content = text.slice(stop, t.lines.lineEnd(l));
    const m = /^([ \t]*)#/.exec(content);
    if (!m || m[1].length <= column) break;
    stop = nextLineStart(t, l);
  }
  return { start: ls, end: stop, newText: '' };
}

function flowEdit(t: Template, c: MapNode | SeqNode, i: number, removed: Set<number>): TextEdit | undefined {
  const entries = entriesOf(c);
  const text = t.text;
  const own = (off: number) => /^[ \t]*$/.test(text.slice(t.lines.lineStart(lineOf(t, off)), off));
  const lineMode = entries.length > 1 && lineOf(t, startOf(entries[0])) !== lineOf(t, startOf(entries[entries.length - 1])) && entries.every((x) => own(startOf(x)));
  let keptAfter = false;
  for (let j = i + 1; j < entries.length; j++) if (!removed.has(j)) keptAfter = true;
  const cur = entries[i];
  if ((keptAfter || i === 0) && i + 1 < entries.length) {
    const next = entries[i + 1];
    if (lineMode) return { start: t.lines.lineStart(lineOf(t, startOf(cur))), end: t.lines.lineStart(lineOf(t, startOf(next))), newText: '' };
    return { start: startOf(cur), end: startOf(next), newText: '' };
  }
  if (i > 0) return { start: endOf(entries[i - 1]), end: endOf(cur), newText: '' };
  return undefined;
}

/**
 * Edits deleting every entry of `remove` (cascading to containers left empty). Undefined
 * when the text cannot be edited safely (an entry shares its line with something else in
 * block YAML, or the root itself would go).
 */
export function removalEdits(t: Template, remove: readonly Entry[], planned: readonly Entry[] = [], keep: (c: MapNode | SeqNode) => boolean = () => false): TextEdit[] | undefined {
  // Cascade: a container losing every entry goes as a whole (unless `keep` says it stays, e.g. it receives an insertion).
  let set = new Set<Entry>(remove);
  for (let changed = true; changed; ) {
    changed = false;
    const byContainer = new Map<MapNode | SeqNode, Entry[]>();
    for (const e of set) {
      const c = containerOf(e);
      if (!c) return undefined;
      let l = byContainer.get(c);
      if (!l) byContainer.set(c, (l = []));
      l.push(e);
    }
    for (const [c, list] of byContainer) {
      if (list.length < entriesOf(c).length || keep(c)) continue;
      const up = entryOfContainer(c);
      if (!up) return undefined;
      const next = new Set([...set].filter((e) => containerOf(e) !== c));
      next.add(up);
      set = next;
      changed = true;
      break;
    }
  }
  // Entries inside another removed entry need no edit of their own.
  const entries = [...set].filter((e) => ![...set].some((o) => o !== e && startOf(o) <= startOf(e) && endOf(o) >= endOf(e)));
  const plannedSet = new Set<Entry>([...planned, ...entries]);
  const edits: TextEdit[] = [];
  for (const e of entries) {
    const c = containerOf(e)!;
    let edit: TextEdit | undefined;
    if (!c.flow && t.format === 'yaml') edit = blockEdit(t, e);
    else {
      const all = entriesOf(c);
      const removed = new Set<number>();
      all.forEach((x, j) => plannedSet.has(x) && removed.add(j));
      edit = flowEdit(t, c, all.indexOf(e), removed);
    }
    if (!edit) return undefined;
    edits.push(edit);
  }
  edits.sort((a, b) => a.start - b.start);
  // Merge touching/overlapping deletions (two adjacent entries of one container).
  const merged: TextEdit[] = [];
  for (const e of edits) {
    const last = merged[merged.length - 1];
    if (last && e.start <= last.end) last.end = Math.max(last.end, e.end);
    else merged.push({ ...e });
  }
  return merged;
}

/** The sequence or map entry for a node: its pair when it is a map value, else itself (sequence item). */
export function entryOf(n: Node): Entry | undefined {
  if (!n.parent) return undefined;
  if (isMap(n.parent)) return n.pair;
  if (isSeq(n.parent)) return n;
  return undefined;
}
