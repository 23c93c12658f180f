/**
 * A language client for the tests that speak to the bundled server over stdio
 * (`node dist/server.js --stdio`; run `npm run build` first): spawn, JSON-RPC connection,
 * initialize, open, wait for diagnostics, shutdown; and the text helpers they share
 * (positions and offsets, applying text edits).
 */
import { spawn, ChildProcessWithoutNullStreams } from 'child_process';
import { join } from 'path';
import * as rpc from 'vscode-jsonrpc/node';
import type { ClientCapabilities, InitializeResult, Position, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver-protocol';

export const ROOT = join(__dirname, '..', '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly conn: rpc.MessageConnection;
  /** Every textDocument/publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  stderr = '';

  /** `configuration`: the answer to each workspace/configuration item (default: null, the server's defaults). */
  constructor(configuration: (item: { scopeUri?: string; section?: string }) => unknown = () => null) {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT });
    this.proc.stderr.on('data', (d) => (this.stderr += String(d)));
    this.conn = rpc.createMessageConnection(new rpc.StreamMessageReader(this.proc.stdout), new rpc.StreamMessageWriter(this.proc.stdin));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => this.published.push(p));
    this.conn.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) => p.items.map(configuration));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.listen();
  }

  /** initialize (with `rootUri: null` unless `extra` says otherwise), then initialized. */
  async initialize(capabilities: ClientCapabilities, extra: object = {}): Promise<InitializeResult> {
    const r = await this.conn.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, ...extra, capabilities });
    await this.conn.sendNotification('initialized', {});
    return r;
  }

  open(uri: string, text: string, languageId = 'yaml', version = 1): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Polls `find` every 5 ms until it returns something; throws `describe()` after `timeout` ms. */
  async waitFor<T>(find: () => T | undefined, describe: () => string, timeout = 5000): Promise<T> {
    const t0 = Date.now();
    for (;;) {
      const hit = find();
      if (hit !== undefined) return hit;
      if (Date.now() - t0 > timeout) throw new Error(describe());
      await sleep(5);
    }
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), sleep(2000)]);
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    await Promise.race([new Promise((r) => this.proc.once('exit', r)), sleep(2000)]);
    if (this.proc.exitCode === null) this.proc.kill();
    this.conn.dispose();
  }
}

/** Offset of an LSP position (UTF-16 character) in `text`; past the last line: the end of the text. */
export function offsetAt(text: string, pos: Position): number {
  let line = 0;
  let i = 0;
  while (line < pos.line) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) return text.length;
    i = nl + 1;
    line++;
  }
  return i + pos.character;
}

/** The position just before `offset`. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** `text` with `edits` (non-overlapping, against `text`) applied. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const xs = edits.map((e) => ({ s: offsetAt(text, e.range.start), e: offsetAt(text, e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  let out = text;
  for (const x of xs) out = out.slice(0, x.s) + x.t + out.slice(x.e);
  return out;
}
