/**
 * "CloudFormation: Show Resilience Report": a webview panel beside the editor with the
 * template's resilience report (recovery estimates per data store, DR strategy, findings
 * and scores by area), rendered by the server (`cfnResilience/report`, every text escaped
 * there) and styled by client/media/report.css. A click on a store, a piece of evidence or
 * a finding reveals it in the editor; the report follows edits (debounced). The recovery
 * code lenses open it scrolled to their data store.
 */
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { ReportRequest, ReportResult, SHOW_REPORT_COMMAND } from '../../server/src/lsp/protocol';
import type { ServerController } from './client';

export const REPORT_VIEW_TYPE = 'cfnResilience.report';
const LANGUAGES = new Set(['yaml', 'json']);
const DEBOUNCE_MS = 400;

type FromWebview = { type: 'ready' } | { type: 'reveal'; line: number; column: number } | { type: 'rendered'; uri: string; version: number; stores: number; focused: string | null };

/** What the webview last reported showing (tests read it through the extension API). */
export interface RenderedReport {
  uri: string;
  version: number;
  stores: number;
  focused: string | null;
}

export class ReportView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private report: ReportResult | undefined;
  private focus: string | undefined;
  private ready = false;
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private retries = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly panelDisposables: vscode.Disposable[] = [];
  rendered: RenderedReport | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly server: ServerController,
  ) {
    this.disposables.push(
      vscode.commands.registerCommand(SHOW_REPORT_COMMAND, (arg?: unknown, store?: unknown) => this.show(arg, typeof store === 'string' ? store : undefined)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.uri && e.document.uri.toString() === this.uri.toString() && e.contentChanges.length) this.schedule(DEBOUNCE_MS);
      }),
      server.onStatus((p) => {
        if (this.uri && p.uri === this.uri.toString() && p.state !== 'analyzing' && (!this.report || p.version !== this.report.version)) this.schedule(50);
      }),
      server.onDidChangeState((s) => s === 'running' && this.uri && this.schedule(0)),
    );
  }

  /** The report last received from the server (tests). */
  get current(): ReportResult | undefined {
    return this.report;
  }

  get visible(): boolean {
    return !!this.panel;
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
    const doc = uri ? await vscode.workspace.openTextDocument(uri).then(undefined, () => undefined) : undefined;
    if (!doc || !LANGUAGES.has(doc.languageId)) {
      void vscode.window.showInformationMessage('CloudFormation Resilience: open a CloudFormation or SAM template (YAML or JSON) to show its resilience report.');
      return;
    }
    if (!this.server.running) {
      await this.server.start().catch(() => undefined);
      if (!this.server.running) {
        void vscode.window.showErrorMessage('CloudFormation Resilience: the language server is not running. Run "CloudFormation: Restart Language Server".');
        return;
      }
    }
    const changed = !this.uri || this.uri.toString() !== doc.uri.toString();
    this.uri = doc.uri;
    this.focus = store;
    if (changed) this.report = undefined;
    if (this.panel) this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
    else this.createPanel();
    this.setTitle();
    if (this.ready) {
      if (this.report && !changed) this.post();
      this.schedule(0);
    }
  }

  private createPanel(): void {
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'client', 'media');
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'Resilience Report', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: false, enableFindWidget: true });
    this.panel = panel;
    this.ready = false;
    panel.webview.html = this.html(panel.webview, media);
    this.panelDisposables.push(
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.ready = false;
        this.uri = undefined;
        this.report = undefined;
        this.rendered = undefined;
        clearTimeout(this.timer);
        for (const d of this.panelDisposables.splice(0)) d.dispose();
      }),
      panel.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m)),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible) this.schedule(0);
      }),
    );
  }

  private onMessage(m: FromWebview): void {
    switch (m?.type) {
      case 'ready':
        this.ready = true;
        if (this.report) this.post();
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

  private schedule(ms: number): void {
    if (!this.panel || !this.uri || !this.ready) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), ms);
  }

  private async refresh(): Promise<void> {
    const uri = this.uri;
    if (!uri || !this.panel?.visible) return;
    if (!this.server.running) {
      void this.panel.webview.postMessage({ type: 'status', text: 'The language server is not running.' });
      return;
    }
    const client = this.server.languageClient;
    if (!client) return;
    const seq = ++this.seq;
    let r: ReportResult;
    try {
      r = await client.sendRequest(ReportRequest.type, { uri: client.code2ProtocolConverter.asUri(uri) });
    } catch (e) {
      this.server.output.appendLine(`Resilience report: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (seq !== this.seq || !this.uri || this.uri.toString() !== uri.toString()) return;
    if (r.state === 'not-open' && this.retries < 10) {
      // The server may not have seen the document yet (just opened).
      this.retries++;
      this.schedule(200);
      return;
    }
    this.retries = 0;
    this.report = r;
    this.setTitle();
    this.post();
    // The store a code lens asked for stays focused until the fresh report has shown it.
    this.focus = undefined;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc && r.state === 'ok' && r.version < doc.version) this.schedule(DEBOUNCE_MS);
  }

  private post(): void {
    if (!this.panel || !this.report) return;
    const r = this.report;
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

  private setTitle(): void {
    if (!this.panel || !this.uri) return;
    this.panel.title = `Resilience Report: ${this.uri.path.slice(this.uri.path.lastIndexOf('/') + 1)}`;
  }

  /** Select a place (1-based line and column) in an editor of the template. */
  private async reveal(line: number, column: number): Promise<void> {
    if (!this.uri) return;
    const pos = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
    const doc = await vscode.workspace.openTextDocument(this.uri);
    const word = doc.getWordRangeAtPosition(pos, /[A-Za-z0-9_.-]+/);
    const range = word ?? new vscode.Range(pos, pos);
    const uri = this.uri.toString();
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
    const col = visible?.viewColumn ?? (this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: col, selection: range, preserveFocus: false, preview: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, 'x');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'report.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'report.css'));
    const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `img-src ${webview.cspSource} data:`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>Resilience Report</title>
</head>
<body>
<div id="message" hidden></div>
<main id="report" aria-live="polite"></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
