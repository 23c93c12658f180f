/**
 * "CloudFormation: Show Dependency Graph": a webview panel beside the editor showing the
 * template's dependency graph, laid out by the server (`cfnResilience/graph`) and drawn as
 * SVG by client/media/graph.js (bundled, no CDN). A click on a node reveals it in the
 * editor; the graph follows edits (debounced) and the active template.
 */
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { GraphParams, GraphRequest, GraphResult } from '../../server/src/lsp/protocol';
import type { ServerController } from './client';

export const GRAPH_VIEW_TYPE = 'cfnResilience.graph';
export const SHOW_GRAPH_COMMAND = 'cfnResilience.showGraph';
/** Context key: the active editor holds a template (editor title button). */
const TEMPLATE_CONTEXT = 'cfnResilience.activeTemplate';
const LANGUAGES = new Set(['yaml', 'json']);
const DEBOUNCE_MS = 300;

type FromWebview =
  | { type: 'ready'; aspect?: number }
  | { type: 'reveal'; id: string }
  | { type: 'options'; pseudo?: boolean; sections?: boolean; aspect?: number }
  | { type: 'rendered'; uri: string; version: number; nodes: number; edges: number };

/** What the webview last reported drawing (tests read it through the extension API). */
export interface RenderedGraph {
  uri: string;
  version: number;
  nodes: number;
  edges: number;
}

export class GraphView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private graph: GraphResult | undefined;
  private pseudo = false;
  /** Parameters, mappings, conditions and outputs shown; undefined (until the user says): the server decides by the graph's size. */
  private sections: boolean | undefined;
  /** Width / height of the webview's drawing area, as it last said. */
  private aspect: number | undefined;
  /** The aspect `graph` was laid out for. */
  private graphAspect: number | undefined;
  /** The webview has loaded its script (it says 'ready' with its size). */
  private ready = false;
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private retries = 0;
  private readonly templates = new Map<string, boolean>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly panelDisposables: vscode.Disposable[] = [];
  /** Last graph the webview drew. */
  rendered: RenderedGraph | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly server: ServerController,
  ) {
    this.disposables.push(
      vscode.commands.registerCommand(SHOW_GRAPH_COMMAND, (arg?: unknown) => this.show(arg)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.uri && e.document.uri.toString() === this.uri.toString() && e.contentChanges.length) this.schedule(DEBOUNCE_MS);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        this.updateContext();
        this.follow(editor);
      }),
      server.onStatus((p) => {
        if (p.state !== 'analyzing') this.templates.set(p.uri, p.state !== 'not-a-template');
        this.updateContext();
        // Analysis finished (an edit, a settings change): the colours may have changed.
        if (this.uri && p.uri === this.uri.toString() && p.state !== 'analyzing' && (!this.graph || p.version !== this.graph.version)) this.schedule(50);
      }),
      server.onDidChangeState((s) => s === 'running' && this.uri && this.schedule(0)),
    );
    this.updateContext();
  }

  /** The graph last received from the server (tests). */
  get current(): GraphResult | undefined {
    return this.graph;
  }

  get visible(): boolean {
    return !!this.panel;
  }

  async show(arg?: unknown): Promise<void> {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    const doc = uri ? await vscode.workspace.openTextDocument(uri).then(undefined, () => undefined) : undefined;
    if (!doc || !LANGUAGES.has(doc.languageId)) {
      void vscode.window.showInformationMessage('CloudFormation Resilience: open a CloudFormation or SAM template (YAML or JSON) to show its dependency graph.');
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
    if (changed) this.graph = undefined;
    if (this.panel) {
      this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
    } else {
      this.createPanel();
    }
    this.setTitle();
    // A new webview asks once it knows its size ('ready').
    if (this.ready) this.schedule(0);
  }

  private createPanel(): void {
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'client', 'media');
    const panel = vscode.window.createWebviewPanel(
      GRAPH_VIEW_TYPE,
      'Dependency Graph',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: false },
    );
    this.panel = panel;
    this.ready = false;
    panel.webview.html = this.html(panel.webview, media);
    this.panelDisposables.push(
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.ready = false;
        this.uri = undefined;
        this.graph = undefined;
        this.sections = undefined;
        this.rendered = undefined;
        clearTimeout(this.timer);
        for (const d of this.panelDisposables.splice(0)) d.dispose();
      }),
      panel.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m)),
      panel.onDidChangeViewState((e) => {
        // A hidden webview is torn down: it asks again ('ready') when shown; catch up on edits missed meanwhile.
        if (e.webviewPanel.visible) this.schedule(0);
      }),
    );
  }

  private onMessage(m: FromWebview): void {
    switch (m?.type) {
      case 'ready':
        this.ready = true;
        if (validAspect(m.aspect)) this.aspect = m.aspect;
        if (this.graph && this.graphAspect === this.aspect) this.post();
        else this.schedule(0);
        break;
      case 'reveal':
        void this.reveal(m.id);
        break;
      case 'options':
        if (typeof m.pseudo === 'boolean') this.pseudo = m.pseudo;
        if (typeof m.sections === 'boolean') this.sections = m.sections;
        if (validAspect(m.aspect)) this.aspect = m.aspect;
        this.schedule(0);
        break;
      case 'rendered':
        this.rendered = { uri: m.uri, version: m.version, nodes: m.nodes, edges: m.edges };
        break;
    }
  }

  /** The active editor changed: follow it when it shows another template. */
  private follow(editor: vscode.TextEditor | undefined): void {
    if (!this.panel || !editor || !LANGUAGES.has(editor.document.languageId)) return;
    const uri = editor.document.uri;
    if (this.uri && uri.toString() === this.uri.toString()) return;
    if (this.templates.get(uri.toString()) === false) return;
    const aspect = this.aspect;
    void this.request(uri).then((g) => {
      // Only a template replaces what is shown; another YAML file leaves the graph as it is.
      if (!g || g.state !== 'ok' || !this.panel) return;
      if (vscode.window.activeTextEditor?.document.uri.toString() !== uri.toString()) return;
      this.uri = uri;
      this.graphAspect = aspect;
      this.accept(g);
    });
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
      this.panel.webview.postMessage({ type: 'status', text: 'The language server is not running.' });
      return;
    }
    const aspect = this.aspect;
    const g = await this.request(uri);
    if (!g || !this.uri || this.uri.toString() !== uri.toString()) return;
    this.graphAspect = aspect;
    if (g.state === 'not-open' && this.retries < 10) {
      // The server may not have seen the document yet (just opened).
      this.retries++;
      this.schedule(200);
      return;
    }
    this.retries = 0;
    this.accept(g);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc && g.state === 'ok' && g.version < doc.version) this.schedule(DEBOUNCE_MS);
  }

  private async request(uri: vscode.Uri): Promise<GraphResult | undefined> {
    const client = this.server.languageClient;
    if (!client || !this.server.running) return undefined;
    const seq = ++this.seq;
    try {
      const params: GraphParams = { uri: client.code2ProtocolConverter.asUri(uri), pseudo: this.pseudo, aspect: this.aspect };
      if (this.sections !== undefined) params.sections = this.sections;
      const g = await client.sendRequest(GraphRequest.type, params);
      return seq === this.seq ? g : undefined;
    } catch (e) {
      this.server.output.appendLine(`Dependency graph: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  private accept(g: GraphResult): void {
    this.graph = g;
    this.setTitle();
    this.post();
  }

  private post(): void {
    if (!this.panel || !this.graph || !this.uri) return;
    const name = this.uri.path.slice(this.uri.path.lastIndexOf('/') + 1);
    void this.panel.webview.postMessage({ type: 'graph', graph: this.graph, fileName: name, pseudo: this.pseudo, aspect: this.graphAspect ?? 0 });
  }

  private setTitle(): void {
    if (!this.panel || !this.uri) return;
    this.panel.title = `Dependency Graph: ${this.uri.path.slice(this.uri.path.lastIndexOf('/') + 1)}`;
  }

  /** Select the node's key in an editor of the template (the one showing it, else beside the graph). */
  private async reveal(id: string): Promise<void> {
    const node = this.graph?.nodes.find((n) => n.id === id);
    if (!node || !this.uri || node.line === null || node.character === null) return;
    const start = new vscode.Position(node.line, node.character);
    const end = new vscode.Position(node.endLine ?? node.line, node.endCharacter ?? node.character);
    const range = new vscode.Range(start, end);
    const uri = this.uri.toString();
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
    const column = visible?.viewColumn ?? (this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(this.uri, { viewColumn: column, selection: range, preserveFocus: false, preview: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private updateContext(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const on = !!doc && LANGUAGES.has(doc.languageId) && this.templates.get(doc.uri.toString()) === true;
    void vscode.commands.executeCommand('setContext', TEMPLATE_CONTEXT, on);
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = makeNonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'graph.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'graph.css'));
    const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `img-src ${webview.cspSource} data:`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>Dependency Graph</title>
</head>
<body>
<div id="toolbar" role="toolbar">
  <span id="title" class="title"></span>
  <input id="search" type="search" placeholder="Find a node (Enter: next)" aria-label="Find a node" spellcheck="false">
  <span id="matches" class="matches"></span>
  <span class="spacer"></span>
  <label class="check" title="Show the parameters, mappings, conditions and outputs (left out by default on very large graphs)"><input id="sections" type="checkbox"> Parameters &amp; outputs</label>
  <label class="check" title="Show the pseudo-parameters the template uses (AWS::Region…)"><input id="pseudo" type="checkbox"> Pseudo-parameters</label>
  <button id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">−</button>
  <button id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
  <button id="zoom-fit" title="Fit the whole graph (0)">Fit</button>
  <button id="zoom-reset" title="Actual size (1)">100%</button>
</div>
<div id="viewport" tabindex="0" aria-label="Dependency graph: drag to pan, wheel to zoom, click a node to reveal it"><svg id="canvas" xmlns="http://www.w3.org/2000/svg"></svg><div id="gutter" hidden></div></div>
<div id="legend" aria-label="Legend"></div>
<div id="message" hidden></div>
<div id="tip" hidden></div>
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

function validAspect(a: unknown): a is number {
  return typeof a === 'number' && isFinite(a) && a > 0.1 && a < 10;
}

function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, 'x');
}
