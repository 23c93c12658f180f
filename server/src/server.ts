/**
 * Language server entry. `createConnection(ProposedFeatures.all)` picks the transport
 * from the command line: --node-ipc (how the VS Code client starts it), --stdio
 * (bin/cfn-resilience-lsp.js, Neovim, Emacs, Helix…) or --socket=N.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/start';
import { errorText } from './lsp/diagnostics';

declare const __VERSION__: string | undefined;

const connection = createConnection(ProposedFeatures.all);

// Last line of defence: log and keep serving (never recursing when logging itself fails).
let reporting = false;
const report = (what: string) => (e: unknown) => {
  if (reporting) return;
  reporting = true;
  try {
    connection.console.error(`cfn-resilience: ${what}: ${errorText(e)}`);
  } catch {
    // the connection is gone; nothing left to tell
  } finally {
    reporting = false;
  }
};
process.on('uncaughtException', report('uncaught exception'));
process.on('unhandledRejection', report('unhandled rejection'));

startServer(connection, typeof __VERSION__ === 'string' ? __VERSION__ : '0.1.0');
connection.listen();
