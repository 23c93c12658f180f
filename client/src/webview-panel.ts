/**
 * What the dependency graph and the resilience report views share: one webview panel beside
 * the editor showing a server result for one template, its lifecycle (create, reveal, hide,
 * dispose), live update on edits and analysis (debounced, stale answers dropped, retried while
 * the server has not seen a just-opened document), revealing a place in the editor, and the
 * page around the view's script (CSP with a nonce, no remote content).
 */
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { StatusParams } from '../../server/src/lsp/protocol';
import type { ServerController } from './client';

/** Languages a template can be in (the server decides what is a template). */
export const LANGUAGES = new Set(['yaml', 'json']);

/** A server answer about one version of a document. */
export interface PanelResult {
  state: string;
  version: number;
}

export interface PanelSpec {
  viewType: string;
  /** Panel and page title; the panel adds `: <file name>`. */
  title: string;
  /** What the view shows, for "open a template to show its …". */
  what: string;
  /** Prefix of request errors in the output channel. */
  logLabel: string;
  /** Script and style sheet in client/media. */
  script: string;
  style: string;
  /** The page's body before its script. */
  body: string;
  /** Delay after an edit before asking again. */
  debounceMs: number;
  enableFindWidget?: boolean;
}

export abstract class WebviewPanelView<R extends PanelResult, M extends { type: string }> implements vscode.Disposable {
  protected panel: vscode.WebviewPanel | undefined;
  protected uri: vscode.Uri | undefined;
  /** The result last accepted from the server. */
  protected result: R | undefined;
  /** The webview has loaded its script (it said 'ready'). */
  protected ready = false;
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private retries = 0;
  protected readonly disposables: vscode.Disposable[] = [];
  private readonly panelDisposables: vscode.Disposable[] = [];

  constructor(
    protected readonly context: vscode.ExtensionContext,
    protected readonly server: ServerController,
    private readonly spec: PanelSpec,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.uri && e.document.uri.toString() === this.uri.toString() && e.contentChanges.length) this.schedule(spec.debounceMs);
      }),
      server.onStatus((p) => this.onStatus(p)),
      server.onDidChangeState((s) => s === 'running' && this.uri && this.schedule(0)),
    );
  }

  /** The result last received from the server (tests). */
  get current(): R | undefined {
    return this.result;
  }

  get visible(): boolean {
    return !!this.panel;
  }

  /** Sends the view's request for `uri`. */
  protected abstract send(client: LanguageClient, uri: string): Promise<R>;
  /** Posts the current result to the webview. */
  protected abstract post(): void;
  protected abstract onMessage(m: M): void;
  /** The panel was closed: forget the view's own state. */
  protected abstract closed(): void;

  /** Analysis finished (an edit, a settings change): what is shown may have changed. */
  protected onStatus(p: StatusParams): void {
    if (this.uri && p.uri === this.uri.toString() && p.state !== 'analyzing' && (!this.result || p.version !== this.result.version)) this.schedule(50);
  }

  /**
   * Shows the panel for `uri` (a template open in an editor or on disk), starting the server
   * when it is not running. Undefined when it cannot; else whether the document changed.
   */
  protected async open(uri: vscode.Uri | undefined): Promise<boolean | undefined> {
    const doc = uri ? await vscode.workspace.openTextDocument(uri).then(undefined, () => undefined) : undefined;
    if (!doc || !LANGUAGES.has(doc.languageId)) {
      void vscode.window.showInformationMessage(`CloudFormation Resilience: open a CloudFormation or SAM template (YAML or JSON) to show its ${this.spec.what}.`);
      return undefined;
    }
    if (!this.server.running) {
      await this.server.start().catch(() => undefined);
      if (!this.server.running) {
        void vscode.window.showErrorMessage('CloudFormation Resilience: the language server is not running. Run "CloudFormation: Restart Language Server".');
        return undefined;
      }
    }
    const changed = !this.uri || this.uri.toString() !== doc.uri.toString();
    this.uri = doc.uri;
    if (changed) this.result = undefined;
    if (this.panel) this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
    else this.createPanel();
    this.setTitle();
    return changed;
  }

  private createPanel(): void {
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'client', 'media');
    const panel = vscode.window.createWebviewPanel(
      this.spec.viewType,
      this.spec.title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: false, enableFindWidget: !!this.spec.enableFindWidget },
    );
    this.panel = panel;
    this.ready = false;
    panel.webview.html = this.html(panel.webview, media);
    this.panelDisposables.push(
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.ready = false;
        this.uri = undefined;
        this.result = undefined;
        this.closed();
        clearTimeout(this.timer);
        for (const d of this.panelDisposables.splice(0)) d.dispose();
      }),
      panel.webview.onDidReceiveMessage((m: M) => this.onMessage(m)),
      panel.onDidChangeViewState((e) => {
        // A hidden webview is torn down: it asks again ('ready') when shown; catch up on edits missed meanwhile.
        if (e.webviewPanel.visible) this.schedule(0);
      }),
    );
  }

  protected schedule(ms: number): void {
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
    const r = await this.request(uri);
    if (!r || !this.uri || this.uri.toString() !== uri.toString()) return;
    if (r.state === 'not-open' && this.retries < 10) {
      // The server may not have seen the document yet (just opened).
      this.retries++;
      this.schedule(200);
      return;
    }
    this.retries = 0;
    this.accept(r);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc && r.state === 'ok' && r.version < doc.version) this.schedule(this.spec.debounceMs);
  }

  /** The server's answer for `uri`; undefined on an error or when a later request was sent meanwhile. */
  protected async request(uri: vscode.Uri): Promise<R | undefined> {
    const client = this.server.languageClient;
    if (!client || !this.server.running) return undefined;
    const seq = ++this.seq;
    try {
      const r = await this.send(client, client.code2ProtocolConverter.asUri(uri));
      return seq === this.seq ? r : undefined;
    } catch (e) {
      this.server.output.appendLine(`${this.spec.logLabel}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  protected accept(r: R): void {
    this.result = r;
    this.setTitle();
    this.post();
  }

  /** The shown document's file name. */
  protected fileName(): string {
    return this.uri ? this.uri.path.slice(this.uri.path.lastIndexOf('/') + 1) : '';
  }

  private setTitle(): void {
    if (!this.panel || !this.uri) return;
    this.panel.title = `${this.spec.title}: ${this.fileName()}`;
  }

  /** Selects `range` in an editor of `doc` (the one showing it, else one beside the panel). */
  protected async showInEditor(doc: vscode.TextDocument, range: vscode.Range): Promise<void> {
    const uri = doc.uri.toString();
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
    const column = visible?.viewColumn ?? (this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, selection: range, preserveFocus: false, preview: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, 'x');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(media, this.spec.script));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(media, this.spec.style));
    const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `img-src ${webview.cspSource} data:`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>${this.spec.title}</title>
</head>
<body>
${this.spec.body}
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
