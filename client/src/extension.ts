/** Extension entry: activate / deactivate only; the work lives in client.ts, commands.ts, status.ts. */
import * as vscode from 'vscode';
import { CLIENT_NAME, ServerController } from './client';
import { registerCommands } from './commands';
import { StatusBar } from './status';
import { GraphView } from './graph-view';
import { ReportView } from './report-view';

let server: ServerController | undefined;

export interface ExtensionApi {
  /** The controller of the language server (tests). */
  server: ServerController;
  status: StatusBar;
  /** The dependency graph view (tests). */
  graph: GraphView;
  /** The resilience report view (tests). */
  report: ReportView;
}

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME);
  server = new ServerController(context, output);
  const status = new StatusBar(server);
  context.subscriptions.push(output, server, status);
  registerCommands(context, server);
  const graph = new GraphView(context, server);
  context.subscriptions.push(graph);
  const report = new ReportView(context, server);
  context.subscriptions.push(report);
  // Trust decides whether the server reads the workspace's .cfn-resilience.yaml: start it again with the new answer.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void server?.restart().catch(() => undefined)));
  try {
    await server.start();
  } catch {
    // Logged in the output channel; the restart command can try again.
  }
  return { server, status, graph, report };
}

export async function deactivate(): Promise<void> {
  const s = server;
  server = undefined;
  await s?.stop();
}
