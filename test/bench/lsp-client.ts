/**
 * A minimal LSP client over a real stdio connection to `node dist/server.js --stdio`, for
 * the benchmark (scripts/bench.mjs) and the robustness tests. Waiting is event-driven (a
 * publish resolves its waiter at once), so measured latencies carry no polling delay.
 */
import { spawn, ChildProcessWithoutNullStreams } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import * as rpc from 'vscode-jsonrpc/node';
import type { InitializeResult, PublishDiagnosticsParams, Range } from 'vscode-languageserver-protocol';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const SERVER_JS = join(REPO_ROOT, 'dist', 'server.js');

export interface Publish extends PublishDiagnosticsParams {
  /** performance.now() when the notification arrived. */
  at: number;
}

/** `cfnResilience/status`, sent after each analysis (also when the diagnostics did not change, so not re-published). */
export interface Status {
  uri: string;
  version: number;
  state: string;
  errors: number;
  warnings: number;
  infos: number;
  ms: number;
  at: number;
}

interface Waiter<T> {
  uri: string;
  pred: (p: T) => boolean;
  resolve: (p: T) => void;
}

export interface SpawnOptions {
  /** Settings answered to workspace/configuration (the `cfnResilience` section). */
  settings?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  /** Extra node flags (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Another server bundle (e.g. of an older build, to compare). */
  serverPath?: string;
}

export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly conn: rpc.MessageConnection;
  readonly published: Publish[] = [];
  readonly statuses: Status[] = [];
  /** window/logMessage messages of type Error (1). */
  readonly errors: string[] = [];
  readonly logs: string[] = [];
  /** performance.now() when the process was spawned. */
  readonly spawnedAt: number;
  settings: Record<string, unknown>;
  stderr = '';
  exited = false;
  private waiters: { publish: Waiter<Publish>[]; status: Waiter<Status>[] } = { publish: [], status: [] };

  constructor(options: SpawnOptions = {}) {
    this.settings = options.settings ?? {};
    this.spawnedAt = performance.now();
    this.proc = spawn(process.execPath, [...(options.nodeArgs ?? []), options.serverPath ?? SERVER_JS, '--stdio'], { cwd: REPO_ROOT, env: options.env ?? process.env });
    this.proc.stderr.on('data', (d) => (this.stderr += String(d)));
    this.proc.on('exit', () => {
      this.exited = true;
    });
    this.conn = rpc.createMessageConnection(new rpc.StreamMessageReader(this.proc.stdout), new rpc.StreamMessageWriter(this.proc.stdin));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const pub: Publish = { ...p, at: performance.now() };
      this.published.push(pub);
      this.waiters.publish = this.notify(this.waiters.publish, pub);
    });
    this.conn.onNotification('cfnResilience/status', (p: Omit<Status, 'at'>) => {
      const st: Status = { ...p, at: performance.now() };
      this.statuses.push(st);
      this.waiters.status = this.notify(this.waiters.status, st);
    });
    this.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      this.logs.push(p.message);
      if (p.type === 1) this.errors.push(p.message);
    });
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.listen();
  }

  async initialize(extra: { workspaceFolders?: { uri: string; name: string }[]; initializationOptions?: unknown } = {}): Promise<InitializeResult> {
    const result = await this.conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      ...extra,
      capabilities: {
        workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          definition: { linkSupport: true },
          rename: { prepareSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, languageId = 'yaml', version = 1): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: ({ range: Range; text: string } | { text: string })[]): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest<R>(method, params);
  }

  private notify<T extends { uri: string }>(waiters: Waiter<T>[], x: T): Waiter<T>[] {
    const still: Waiter<T>[] = [];
    for (const w of waiters) {
      if (w.uri === x.uri && w.pred(x)) w.resolve(x);
      else still.push(w);
    }
    return still;
  }

  private wait<T extends { uri: string }>(kind: 'publish' | 'status', list: T[], uri: string, pred: (p: T) => boolean, timeoutMs: number, from: number): Promise<T> {
    for (let i = from; i < list.length; i++) {
      const p = list[i];
      if (p.uri === uri && pred(p)) return Promise.resolve(p);
    }
    return new Promise<T>((resolve, reject) => {
      const waiters = this.waiters[kind] as unknown as Waiter<T>[];
      const w: Waiter<T> = {
        uri,
        pred,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      };
      const timer = setTimeout(() => {
        (this.waiters[kind] as unknown as Waiter<T>[]) = (this.waiters[kind] as unknown as Waiter<T>[]).filter((x) => x !== w);
        const got = this.published.filter((p) => p.uri === uri).map((p) => `v${p.version}:${p.diagnostics.length}`);
        reject(new Error(`no matching ${kind === 'publish' ? 'publishDiagnostics' : 'status'} for ${uri} within ${timeoutMs} ms (publishes: ${got.slice(-10).join(', ') || 'none'})${this.exited ? '; the server exited' : ''}\n${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      waiters.push(w);
    });
  }

  /** The first publish for `uri` (from index `from` of `published` on, received or to come) matching `pred`. */
  diagnostics(uri: string, pred: (p: Publish) => boolean = () => true, timeoutMs = 10_000, from = 0): Promise<Publish> {
    return this.wait('publish', this.published, uri, pred, timeoutMs, from);
  }

  /**
   * The first status for `uri` (from index `from` of `statuses` on) matching `pred`. The server
   * sends it right after publishing, also when an unchanged (empty) list is not re-published.
   */
  status(uri: string, pred: (p: Status) => boolean = () => true, timeoutMs = 10_000, from = 0): Promise<Status> {
    return this.wait('status', this.statuses, uri, pred, timeoutMs, from);
  }

  /** Waits until the server has analyzed `version` of `uri`; the publish of that version when there was one. */
  async analyzed(uri: string, version: number, timeoutMs = 10_000): Promise<{ status: Status; publish?: Publish }> {
    const status = await this.status(uri, (s) => s.version === version && s.state !== 'analyzing', timeoutMs);
    let publish: Publish | undefined;
    for (let i = this.published.length - 1; i >= 0; i--) {
      const p = this.published[i];
      if (p.uri === uri && p.version === version) {
        publish = p;
        break;
      }
    }
    return { status, publish };
  }

  /** Resident set size of the server now and at its peak (Linux /proc), in bytes; undefined elsewhere. */
  memory(): { rss: number; peak: number } | undefined {
    try {
      const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
      return { rss: kb('VmRSS'), peak: kb('VmHWM') };
    } catch {
      return undefined;
    }
  }

  async shutdown(): Promise<void> {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    if (!this.exited) {
      try {
        await Promise.race([this.conn.sendRequest('shutdown'), sleep(3000)]);
        await this.conn.sendNotification('exit');
      } catch {
        // already gone
      }
      await Promise.race([new Promise((r) => this.proc.once('exit', r)), sleep(3000)]);
    }
    if (!this.exited) this.proc.kill();
    this.conn.dispose();
  }
}

/** Line start offsets, for fast positionAt on big texts. */
export class Lines {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }
  positionAt(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }
}
