/**
 * Pushes diagnostics (`textDocument/publishDiagnostics`, which every client supports),
 * debounced per document and never for a stale version:
 *
 * - a change (re)starts the document's timer (DEBOUNCE_MS); opening analyzes at once;
 * - every scheduled run gets a ticket; a newer schedule, a close or a settings change
 *   makes older tickets void, and a void ticket never publishes;
 * - after the (synchronous) analysis the run yields to the event loop, so changes that
 *   arrived meanwhile are applied first, then re-checks ticket and version;
 * - the published version is included, so clients can drop what they consider stale.
 */
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { looksLikeTemplateText } from '../core/parse/template';
import type { AnalysisCache, CacheEntry } from './analysis-cache';
import type { SettingsStore } from './settings';
import { toDiagnostic } from './convert';
import { DIAGNOSTIC_SOURCE, StatusNotification, StatusParams } from './protocol';

/** Quiet time after the last change before analyzing (ms). */
export const DEBOUNCE_MS = 60;
/** Documents at least this long get an 'analyzing' status before their analysis. */
const ANNOUNCE_LENGTH = 200_000;

export interface DiagnosticsDeps {
  connection: Connection;
  document(uri: string): TextDocument | undefined;
  settings: SettingsStore;
  cache: AnalysisCache;
  /** The diagnostics of a document that is a configuration file (`.cfn-resilience.yaml`), else undefined. */
  configDiagnostics?(uri: string, configFile: string, text: string): Diagnostic[] | undefined;
}

interface Pending {
  ticket: number;
  timer?: ReturnType<typeof setTimeout>;
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class DiagnosticsPublisher {
  private readonly pending = new Map<string, Pending>();
  /** Whether the last list published for a URI was non-empty (absent: nothing published). */
  private readonly published = new Map<string, boolean>();
  private tickets = 0;
  private disposed = false;

  constructor(private readonly deps: DiagnosticsDeps) {}

  /** Analyze after `delay` ms of quiet (0: on the next turn), replacing any scheduled run. */
  schedule(uri: string, delay: number = DEBOUNCE_MS): void {
    if (this.disposed) return;
    const old = this.pending.get(uri);
    if (old?.timer) clearTimeout(old.timer);
    const p: Pending = { ticket: ++this.tickets };
    p.timer = setTimeout(() => {
      p.timer = undefined;
      this.run(uri, p.ticket).catch((e) => this.deps.connection.console.error(`cfn-resilience: validating ${uri} failed: ${errorText(e)}`));
    }, delay);
    this.pending.set(uri, p);
  }

  /** Voids scheduled and running validations of a document. */
  cancel(uri: string): void {
    const p = this.pending.get(uri);
    if (p?.timer) clearTimeout(p.timer);
    this.pending.delete(uri);
  }

  /** The document was closed: stop, and clear what was published for it. */
  closed(uri: string): void {
    this.cancel(uri);
    if (this.published.get(uri)) this.deps.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
    this.published.delete(uri);
  }

  dispose(): void {
    this.disposed = true;
    for (const uri of [...this.pending.keys()]) this.cancel(uri);
  }

  private current(uri: string, ticket: number, version: number): boolean {
    return !this.disposed && this.pending.get(uri)?.ticket === ticket && this.deps.document(uri)?.version === version;
  }

  private async run(uri: string, ticket: number): Promise<void> {
    const doc = this.deps.document(uri);
    if (!doc) return;
    const version = doc.version;
    const settings = await this.deps.settings.get(uri);
    if (!this.current(uri, ticket, version)) return;
    const config = settings.enable ? this.deps.configDiagnostics?.(uri, settings.configFile, doc.getText()) : undefined;
    if (config) {
      this.send(uri, version, config);
      this.pending.delete(uri);
      return;
    }
    if (settings.enable && doc.getText().length >= ANNOUNCE_LENGTH) {
      this.status({ uri, version, state: 'analyzing', errors: 0, warnings: 0, infos: 0, ms: 0 });
    }
    const entry = this.deps.cache.entry(uri, settings);
    if (!entry || entry.version !== version) return;
    await nextTurn();
    if (!this.current(uri, ticket, version)) return;
    this.publish(entry);
    this.pending.delete(uri);
  }

  private publish(entry: CacheEntry): void {
    const { uri, version } = entry;
    let diagnostics: Diagnostic[] = [];
    let state: StatusParams['state'];
    if (entry.state === 'disabled') state = this.looksLikeTemplate(uri) ? 'disabled' : 'not-a-template';
    else if (entry.state === 'too-large') {
      if (this.looksLikeTemplate(uri)) {
        diagnostics = [
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            severity: DiagnosticSeverity.Warning,
            source: DIAGNOSTIC_SOURCE,
            code: 'file-too-large',
            message: `Not analyzed: the file has ${entry.length} characters, more than the cfnResilience.maxFileSize setting (${entry.settings.maxFileSize}).`,
          },
        ];
        state = 'findings';
      } else state = 'not-a-template';
    } else if (!entry.analysis || entry.analysis.kind === 'none') state = 'not-a-template';
    else {
      const a = entry.analysis;
      diagnostics = a.findings.map((f) => toDiagnostic(f, a.lines, uri, version));
      state = diagnostics.length ? 'findings' : 'ok';
    }
    this.send(uri, version, diagnostics);
    const count = (s: DiagnosticSeverity) => diagnostics.filter((d) => d.severity === s).length;
    this.status({
      uri,
      version,
      state,
      errors: count(DiagnosticSeverity.Error),
      warnings: count(DiagnosticSeverity.Warning),
      infos: count(DiagnosticSeverity.Information),
      ms: entry.ms,
    });
  }

  /** A cheap look at the head of a document that is not analyzed. */
  private looksLikeTemplate(uri: string): boolean {
    const doc = this.deps.document(uri);
    return !!doc && looksLikeTemplateText(doc.getText({ start: { line: 0, character: 0 }, end: { line: 2000, character: 0 } }));
  }

  private send(uri: string, version: number, diagnostics: Diagnostic[]): void {
    // An empty list after an empty list (or after nothing but an earlier clear) changes nothing for the client.
    if (diagnostics.length === 0 && this.published.get(uri) === false) return;
    this.deps.connection.sendDiagnostics({ uri, version, diagnostics }).catch(() => undefined);
    this.published.set(uri, diagnostics.length > 0);
  }

  private status(params: StatusParams): void {
    this.deps.connection.sendNotification(StatusNotification.type, params).catch(() => undefined);
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
