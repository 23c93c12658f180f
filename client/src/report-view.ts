/**
 * "CloudFormation: Show Resilience Report": a webview panel beside the editor with the
 * template's resilience report (recovery estimates per data store, DR strategy, findings
 * and scores by area), rendered by the server (`cfnResilience/report`, every text escaped
 * there) and styled by client/media/report.css. A click on a store, a piece of evidence or
 * a finding reveals it in the editor; the report follows edits (debounced). The recovery
 * code lenses open it scrolled to their data store.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReportRequest, ReportResult, SHOW_REPORT_COMMAND } from '../../server/src/lsp/protocol';
import type { ServerController } from './client';
import { WebviewPanelView } from './webview-panel';

export const REPORT_VIEW_TYPE = 'cfnResilience.report';

type FromWebview = { type: 'ready' } | { type: 'reveal'; line: number; column: number } | { type: 'rendered'; uri: string; version: number; stores: number; focused: string | null };

/** What the webview last reported showing (tests read it through the extension API). */
export interface RenderedReport {
  uri: string;
  version: number;
  stores: number;
  focused: string | null;
}

export class ReportView extends WebviewPanelView<ReportResult, FromWebview> {
  private focus: string | undefined;
  rendered: RenderedReport | undefined;

  constructor(context: vscode.ExtensionContext, server: ServerController) {
    super(context, server, {
      viewType: REPORT_VIEW_TYPE,
      title: 'Resilience Report',
      what: 'resilience report',
      logLabel: 'Resilience report',
      script: 'report.js',
      style: 'report.css',
      body: '<div id="message" hidden></div>\n<main id="report" aria-live="polite"></main>',
      debounceMs: 400,
      enableFindWidget: true,
    });
    this.disposables.push(vscode.commands.registerCommand(SHOW_REPORT_COMMAND, (arg?: unknown, store?: unknown) => this.show(arg, typeof store === 'string' ? store : undefined)));
  }

  /** `arg`: a Uri, a URI string (from a code lens), or nothing (the active editor); `store`: a logical ID to scroll to. */
  async show(arg?: unknown, store?: string): Promise<void> {
    let uri: vscode.Uri | undefined;
    if (arg instanceof vscode.Uri) uri = arg;
    else if (typeof arg === 'string') {
      try {
        uri = vscode.Uri.parse(arg, true);
      } catch {
        uri = undefined;
      }
    } else uri = vscode.window.activeTextEditor?.document.uri;
    const changed = await this.open(uri);
    if (changed === undefined) return;
    this.focus = store;
    if (this.ready) {
      if (this.result && !changed) this.post();
      this.schedule(0);
    }
  }

  protected closed(): void {
    this.rendered = undefined;
  }

  protected onMessage(m: FromWebview): void {
    switch (m?.type) {
      case 'ready':
        this.ready = true;
        if (this.result) this.post();
        this.schedule(0);
        break;
      case 'reveal':
        if (typeof m.line === 'number' && typeof m.column === 'number') void this.reveal(m.line, m.column);
        break;
      case 'rendered':
        this.rendered = { uri: m.uri, version: m.version, stores: m.stores, focused: m.focused };
        break;
    }
  }

  protected send(client: LanguageClient, uri: string): Promise<ReportResult> {
    return client.sendRequest(ReportRequest.type, { uri });
  }

  protected override accept(r: ReportResult): void {
    super.accept(r);
    // The store a code lens asked for stays focused until the fresh report has shown it.
    this.focus = undefined;
  }

  protected post(): void {
    if (!this.panel || !this.result) return;
    const r = this.result;
    const text =
      r.state === 'ok'
        ? undefined
        : r.state === 'not-a-template'
          ? 'This file is not a CloudFormation or SAM template.'
          : r.state === 'disabled'
            ? 'Analysis is turned off for this file (cfnResilience.enable).'
            : r.state === 'too-large'
              ? 'This file is larger than cfnResilience.maxFileSize: it is not analyzed.'
              : 'Waiting for the language server…';
    void this.panel.webview.postMessage({ type: 'report', uri: r.uri, version: r.version, html: r.html, stores: r.stores.length, text, focus: this.focus ?? null });
  }

  /** Select a place (1-based line and column) in an editor of the template. */
  private async reveal(line: number, column: number): Promise<void> {
    if (!this.uri) return;
    const pos = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
    const doc = await vscode.workspace.openTextDocument(this.uri);
    const word = doc.getWordRangeAtPosition(pos, /[A-Za-z0-9_.-]+/);
    await this.showInEditor(doc, word ?? new vscode.Range(pos, pos));
  }
}
