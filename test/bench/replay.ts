/**
 * Keystroke replay: types a template into the language server one character at a time
 * (one `didChange` per character, incremental sync, at the end of the document), then
 * deletes it again one character at a time, over a real stdio connection. Shared by the
 * robustness test (test/robustness/keystroke-replay.test.ts) and the benchmark.
 *
 * After every `every` steps (and at the end of each phase) the replay waits: the server
 * must publish diagnostics for exactly the version just sent and answer a request for
 * the document. Every publish on the way, awaited or not, is checked: it carries a
 * version, versions never go back, and every range lies inside the text of that version.
 * With `every: 1` it waits after each keystroke.
 */
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { Lines, LspClient, Publish } from './lsp-client';

export interface ReplayOptions {
  client: LspClient;
  uri: string;
  /** The text to type (line breaks are normalized to \n). */
  text: string;
  languageId?: string;
  /** Wait for diagnostics (and a request) after this many steps. */
  every: number;
  /** Time allowed for each wait. */
  timeoutMs?: number;
  /** Request sent at each wait to check the server answers (default textDocument/documentSymbol). */
  probe?: (client: LspClient, uri: string) => Promise<unknown>;
}

export interface ReplayResult {
  /** Keystrokes sent (typing plus deleting). */
  steps: number;
  /** Waits performed. */
  checkpoints: number;
  /** Publishes received for the document. */
  publishes: number;
  /** Wall time of the whole replay, ms. */
  ms: number;
  /** At each wait: ms from sending the last change to the publish of its version. */
  latencies: number[];
  /** Problems found (empty when the server behaved). */
  violations: string[];
}

export async function replay(o: ReplayOptions): Promise<ReplayResult> {
  const { client, uri } = o;
  const full = o.text.replace(/\r\n?/g, '\n');
  const lines = new Lines(full);
  const lineStarts: number[] = [0];
  for (let i = 0; i < full.length; i++) if (full.charCodeAt(i) === 10) lineStarts.push(i + 1);
  /** Document length at each version (the document is always a prefix of `full`). */
  const lengthAt: number[] = [];
  const violations: string[] = [];
  const latencies: number[] = [];
  const timeout = o.timeoutMs ?? 10_000;
  const firstIndex = client.published.length;
  let checked = firstIndex;
  let lastVersion = -1;
  let checkpoints = 0;
  let version = 1;
  let length = 0;
  const t0 = performance.now();

  const inside = (r: Range, len: number): boolean => {
    for (const p of [r.start, r.end]) {
      if (p.line < 0 || p.character < 0 || p.line >= lineStarts.length) return false;
      const start = lineStarts[p.line];
      if (start > len) return false;
      const nl = p.line + 1 < lineStarts.length ? lineStarts[p.line + 1] - 1 : full.length;
      if (start + p.character > Math.min(nl, len)) return false;
    }
    return r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  };

  /** Checks every publish received since the last call. */
  const audit = () => {
    for (; checked < client.published.length; checked++) {
      const p = client.published[checked];
      if (p.uri !== uri) continue;
      if (typeof p.version !== 'number') {
        violations.push(`a publish without a version`);
        continue;
      }
      if (p.version < lastVersion) violations.push(`version went back: ${lastVersion} then ${p.version}`);
      if (p.version > version) violations.push(`publish for version ${p.version} that was never sent (at ${version})`);
      lastVersion = Math.max(lastVersion, p.version);
      const len = lengthAt[p.version];
      if (len === undefined) continue;
      for (const d of p.diagnostics as Diagnostic[]) {
        if (!inside(d.range, len)) violations.push(`v${p.version}: ${d.code} range ${JSON.stringify(d.range)} outside the ${len}-character document`);
        const data = d.data as { version?: number } | undefined;
        if (data && typeof data.version === 'number' && data.version !== p.version) violations.push(`v${p.version}: diagnostic data for version ${data.version}`);
      }
    }
  };

  let sentAt = 0;
  const wait = async () => {
    checkpoints++;
    const v = version;
    try {
      const { status, publish } = await client.analyzed(uri, v, timeout);
      const count = status.errors + status.warnings + status.infos;
      if (publish) {
        latencies.push(Math.max(0, publish.at - sentAt));
        if (publish.diagnostics.length !== count) violations.push(`v${v}: ${publish.diagnostics.length} diagnostics published, the status says ${count}`);
      } else {
        latencies.push(Math.max(0, status.at - sentAt));
        // Nothing re-published: only right when the list is empty and the last one sent was empty too.
        const last = [...client.published].reverse().find((p) => p.uri === uri);
        if (count > 0 || (last && last.diagnostics.length > 0)) violations.push(`v${v}: analyzed (${status.state}, ${count} findings) but not published`);
      }
    } catch (e) {
      violations.push(`no analysis of version ${v}: ${(e as Error).message.split('\n')[0]}`);
    }
    try {
      await (o.probe ?? defaultProbe)(client, uri);
    } catch (e) {
      violations.push(`v${v}: request failed: ${(e as Error).message}`);
    }
    audit();
    if (client.exited) violations.push('the server exited');
  };

  lengthAt[version] = 0;
  await client.open(uri, '', o.languageId ?? 'yaml', version);
  let pos = { line: 0, character: 0 };
  let steps = 0;
  // Typing.
  for (let i = 0; i < full.length; i++) {
    const c = full[i];
    version++;
    length++;
    lengthAt[version] = length;
    sentAt = performance.now();
    void client.change(uri, version, [{ range: { start: pos, end: pos }, text: c }]);
    pos = c === '\n' ? { line: pos.line + 1, character: 0 } : { line: pos.line, character: pos.character + 1 };
    steps++;
    if (steps % o.every === 0 || i === full.length - 1) await wait();
    if (violations.length > 20 || client.exited) break;
  }
  // Deleting, from the end.
  for (let i = full.length - 1; i >= 0 && violations.length <= 20 && !client.exited; i--) {
    const start = lines.positionAt(i);
    version++;
    length--;
    lengthAt[version] = length;
    sentAt = performance.now();
    void client.change(uri, version, [{ range: { start, end: pos }, text: '' }]);
    pos = start;
    steps++;
    if (steps % o.every === 0 || i === 0) await wait();
  }
  audit();
  await client.close(uri);
  return {
    steps,
    checkpoints,
    publishes: client.published.slice(firstIndex).filter((p) => p.uri === uri).length,
    ms: performance.now() - t0,
    latencies,
    violations,
  };
}

const defaultProbe = (client: LspClient, uri: string) => client.request('textDocument/documentSymbol', { textDocument: { uri } });

export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
