/** The status bar item, fed by `cfnResilience/status`, shown while a template is the active editor. */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/lsp/protocol';
import type { ServerController, ServerState } from './client';

const LANGUAGES = new Set(['yaml', 'json']);

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly statuses = new Map<string, StatusParams>();
  private server: ServerState = 'starting';
  private readonly disposables: vscode.Disposable[] = [];

  constructor(controller: ServerController) {
    this.item = vscode.window.createStatusBarItem('cfnResilience.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'CloudFormation Resilience';
    this.disposables.push(
      this.item,
      controller.onStatus((p) => {
        this.statuses.set(p.uri, p);
        this.refresh();
      }),
      controller.onDidChangeState((s) => {
        this.server = s;
        if (s !== 'running') this.statuses.forEach((p, uri) => p.state === 'analyzing' && this.statuses.delete(uri));
        this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.statuses.delete(d.uri.toString());
        this.refresh();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('cfnResilience.enable') && this.refresh()),
    );
    this.refresh();
  }

  /** Last status for a document (for tests and other features). */
  get(uri: string): StatusParams | undefined {
    return this.statuses.get(uri);
  }

  refresh(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !LANGUAGES.has(doc.languageId)) return this.item.hide();
    const status = this.statuses.get(doc.uri.toString());
    if (!status || status.state === 'not-a-template') return this.item.hide();
    if (this.server === 'stopped') {
      return this.show('$(shield) CFN $(debug-disconnect)', 'The language server is not running. Click to restart it.', 'cfnResilience.restartServer');
    }
    // The setting was just turned off: say so before the server's next status arrives.
    const enabled = vscode.workspace.getConfiguration('cfnResilience', doc.uri).get<boolean>('enable', true);
    const state = enabled ? status.state : 'disabled';
    switch (state) {
      case 'analyzing':
        return this.show('$(sync~spin) CFN', 'Analyzing…', 'cfnResilience.showOutput');
      case 'disabled':
        return this.show('$(circle-slash) CFN', 'Analysis is turned off by the `cfnResilience.enable` setting.', {
          title: 'Open setting',
          command: 'workbench.action.openSettings',
          arguments: ['cfnResilience.enable'],
        });
      case 'ok':
        return this.show('$(shield) CFN ✓', `No findings · analyzed in ${status.ms} ms`, 'workbench.actions.view.problems');
      case 'findings': {
        const parts: string[] = [];
        if (status.errors) parts.push(`${status.errors} ✖`);
        if (status.warnings) parts.push(`${status.warnings} ⚠`);
        if (status.infos) parts.push(`${status.infos} ℹ`);
        const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
        const detail = [plural(status.errors, 'error'), plural(status.warnings, 'warning'), plural(status.infos, 'info')].join(', ');
        return this.show(`$(shield) CFN ${parts.join(' ')}`, `${detail} · analyzed in ${status.ms} ms\n\nClick to open the Problems view.`, 'workbench.actions.view.problems');
      }
    }
  }

  private show(text: string, tooltip: string, command: string | vscode.Command): void {
    this.item.text = text;
    const md = new vscode.MarkdownString(`**CloudFormation Resilience**\n\n${tooltip}`);
    this.item.tooltip = md;
    this.item.command = command;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
