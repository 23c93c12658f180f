/**
 * "CloudFormation: Show Dependency Graph": a webview panel beside the editor showing the
 * template's dependency graph, laid out by the server (`cfnResilience/graph`) and drawn as
 * SVG by client/media/graph.js (bundled, no CDN). A click on a node reveals it in the
 * editor; the graph follows edits (debounced) and the active template.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { GraphParams, GraphRequest, GraphResult, StatusParams } from '../../server/src/lsp/protocol';
import type { ServerController } from './client';
import { LANGUAGES, WebviewPanelView } from './webview-panel';

export const GRAPH_VIEW_TYPE = 'cfnResilience.graph';
export const SHOW_GRAPH_COMMAND = 'cfnResilience.showGraph';
/** Context key: the active editor holds a template (editor title button). */
const TEMPLATE_CONTEXT = 'cfnResilience.activeTemplate';

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

const BODY = `<div id="toolbar" role="toolbar">
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
<div id="tip" hidden></div>`;

export class GraphView extends WebviewPanelView<GraphResult, FromWebview> {
  private pseudo = false;
  /** Parameters, mappings, conditions and outputs shown; undefined (until the user says): the server decides by the graph's size. */
  private sections: boolean | undefined;
  /** Width / height of the webview's drawing area, as it last said. */
  private aspect: number | undefined;
  /** The aspect of the last request sent (the one an accepted answer was laid out for). */
  private sentAspect: number | undefined;
  /** The aspect the current graph was laid out for. */
  private graphAspect: number | undefined;
  private readonly templates = new Map<string, boolean>();
  /** Last graph the webview drew. */
  rendered: RenderedGraph | undefined;

  constructor(context: vscode.ExtensionContext, server: ServerController) {
    super(context, server, {
      viewType: GRAPH_VIEW_TYPE,
      title: 'Dependency Graph',
      what: 'dependency graph',
      logLabel: 'Dependency graph',
      script: 'graph.js',
      style: 'graph.css',
      body: BODY,
      debounceMs: 300,
    });
    this.disposables.push(
      vscode.commands.registerCommand(SHOW_GRAPH_COMMAND, (arg?: unknown) => this.show(arg)),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        this.updateContext();
        this.follow(editor);
      }),
    );
    this.updateContext();
  }

  async show(arg?: unknown): Promise<void> {
    const changed = await this.open(arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri);
    // A new webview asks once it knows its size ('ready').
    if (changed !== undefined && this.ready) this.schedule(0);
  }

  protected override onStatus(p: StatusParams): void {
    if (p.state !== 'analyzing') this.templates.set(p.uri, p.state !== 'not-a-template');
    this.updateContext();
    super.onStatus(p);
  }

  protected closed(): void {
    this.sections = undefined;
    this.rendered = undefined;
  }

  protected onMessage(m: FromWebview): void {
    switch (m?.type) {
      case 'ready':
        this.ready = true;
        if (validAspect(m.aspect)) this.aspect = m.aspect;
        if (this.result && this.graphAspect === this.aspect) this.post();
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
    void this.request(uri).then((g) => {
      // Only a template replaces what is shown; another YAML file leaves the graph as it is.
      if (!g || g.state !== 'ok' || !this.panel) return;
      if (vscode.window.activeTextEditor?.document.uri.toString() !== uri.toString()) return;
      this.uri = uri;
      this.accept(g);
    });
  }

  protected send(client: LanguageClient, uri: string): Promise<GraphResult> {
    this.sentAspect = this.aspect;
    const params: GraphParams = { uri, pseudo: this.pseudo, aspect: this.aspect };
    if (this.sections !== undefined) params.sections = this.sections;
    return client.sendRequest(GraphRequest.type, params);
  }

  protected override accept(g: GraphResult): void {
    this.graphAspect = this.sentAspect;
    super.accept(g);
  }

  protected post(): void {
    if (!this.panel || !this.result || !this.uri) return;
    void this.panel.webview.postMessage({ type: 'graph', graph: this.result, fileName: this.fileName(), pseudo: this.pseudo, aspect: this.graphAspect ?? 0 });
  }

  /** Select the node's key in an editor of the template (the one showing it, else beside the graph). */
  private async reveal(id: string): Promise<void> {
    const node = this.result?.nodes.find((n) => n.id === id);
    if (!node || !this.uri || node.line === null || node.character === null) return;
    const start = new vscode.Position(node.line, node.character);
    const end = new vscode.Position(node.endLine ?? node.line, node.endCharacter ?? node.character);
    await this.showInEditor(await vscode.workspace.openTextDocument(this.uri), new vscode.Range(start, end));
  }

  private updateContext(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const on = !!doc && LANGUAGES.has(doc.languageId) && this.templates.get(doc.uri.toString()) === true;
    void vscode.commands.executeCommand('setContext', TEMPLATE_CONTEXT, on);
  }
}

function validAspect(a: unknown): a is number {
  return typeof a === 'number' && isFinite(a) && a > 0.1 && a < 10;
}
