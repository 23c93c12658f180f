/** Commands; each works (or says why it cannot) when the server is down. */
import * as vscode from 'vscode';
import type { ServerController } from './client';

export function registerCommands(context: vscode.ExtensionContext, server: ServerController): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('cfnResilience.restartServer', async () => {
      try {
        // restart() also starts a server that is stopped or never started.
        await server.restart();
        vscode.window.setStatusBarMessage('CloudFormation Resilience: server restarted', 3000);
      } catch (e) {
        const show = 'Show Output';
        const choice = await vscode.window.showErrorMessage(`CloudFormation Resilience: the server could not be restarted: ${e instanceof Error ? e.message : String(e)}`, show);
        if (choice === show) server.output.show(true);
      }
    }),
    vscode.commands.registerCommand('cfnResilience.showOutput', () => {
      // The channel belongs to the extension, not to a client: it exists even when no server runs.
      server.output.show(true);
      if (!server.running) server.output.appendLine('The language server is not running. Run "CloudFormation: Restart Language Server" to start it.');
    }),
  );
}
