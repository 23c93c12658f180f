/**
 * The LanguageClient, over IPC, and its lifecycle. A new LanguageClient is made for
 * each start, so a server that failed to start (or crashed for good) can always be
 * started again from the restart command.
 */
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, Middleware, RevealOutputChannelOn, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { CONFIG_FILE_GLOB, CONFIG_SECTION, InitializationOptions, StatusNotification, StatusParams } from '../../server/src/lsp/protocol';

/** Also the prefix of the `cfnResilience.trace.server` setting the client reads. */
export const CLIENT_ID = 'cfnResilience';
export const CLIENT_NAME = 'CloudFormation Resilience';

/** YAML and JSON on disk, unsaved, and in virtual workspaces; the server decides what is a template. */
export const DOCUMENT_SELECTOR = ['file', 'untitled', 'vscode-vfs'].flatMap((scheme) => [
  { scheme, language: 'yaml' },
  { scheme, language: 'json' },
]);

export type ServerState = 'starting' | 'running' | 'stopped';

export class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  private readonly stateEmitter = new vscode.EventEmitter<ServerState>();
  private readonly statusEmitter = new vscode.EventEmitter<StatusParams>();
  /** One watcher for the extension's lifetime, shared by every client started. */
  private readonly configWatcher = vscode.workspace.createFileSystemWatcher(CONFIG_FILE_GLOB);
  /** Server running state changes. */
  readonly onDidChangeState = this.stateEmitter.event;
  /** `cfnResilience/status` notifications. */
  readonly onStatus = this.statusEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.OutputChannel,
  ) {}

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  get running(): boolean {
    return !!this.client && this.client.state === State.Running;
  }

  start(): Promise<void> {
    if (this.running) return Promise.resolve();
    if (!this.starting) {
      this.starting = this.doStart().finally(() => (this.starting = undefined));
    }
    return this.starting;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      if (client.state !== State.Stopped) await client.stop(2000);
    } catch (e) {
      this.output.appendLine(`Stopping the server: ${String(e)}`);
    }
    try {
      await client.dispose(2000);
    } catch {
      // already gone
    }
    this.stateEmitter.fire('stopped');
  }

  async restart(): Promise<void> {
    await this.starting?.catch(() => undefined);
    await this.stop();
    await this.start();
  }

  dispose(): void {
    void this.stop();
    this.stateEmitter.dispose();
    this.statusEmitter.dispose();
    this.configWatcher.dispose();
  }

  private async doStart(): Promise<void> {
    await this.stop();
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      synchronize: { configurationSection: CONFIG_SECTION, fileEvents: this.configWatcher },
      // The server pulls settings per document; these are a fallback, and tell it not to register for what we synchronize.
      initializationOptions: (): InitializationOptions => {
        const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
        const settings = { enable: c.get('enable'), rules: c.get('rules'), configFile: c.get('configFile'), maxFileSize: c.get('maxFileSize') };
        return { configurationSynchronized: true, workspaceTrusted: vscode.workspace.isTrusted, settings };
      },
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      middleware: referenceLensMiddleware(() => client),
    };
    const client: LanguageClient = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    client.onDidChangeState((e) => {
      if (this.client !== client) return;
      this.stateEmitter.fire(e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped');
    });
    client.onNotification(StatusNotification.type, (p) => this.statusEmitter.fire(p));
    this.client = client;
    this.stateEmitter.fire('starting');
    try {
      await client.start();
    } catch (e) {
      this.output.appendLine(`The language server did not start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      this.stateEmitter.fire('stopped');
      throw e;
    }
  }
}

/** The command of the server's "N references" lenses (VS Code's own). */
export const SHOW_REFERENCES_COMMAND = 'editor.action.showReferences';

/**
 * The server's reference lenses carry `editor.action.showReferences` with LSP arguments
 * (`[uri: string, position: {line, character}, locations: {uri, range}[]]`), as every LSP
 * client gets them; VS Code's command wants `(Uri, Position, Location[])` and fails on the
 * raw JSON. This middleware converts them, so a click on a lens opens the references peek.
 */
export function referenceLensMiddleware(client: () => LanguageClient | undefined): Middleware {
  const convert = (lens: vscode.CodeLens): vscode.CodeLens => {
    const c = client();
    const cmd = lens.command;
    if (!c || !cmd || cmd.command !== SHOW_REFERENCES_COMMAND || !Array.isArray(cmd.arguments) || cmd.arguments.length !== 3) return lens;
    const [uri, position, locations] = cmd.arguments as unknown[];
    if (uri instanceof vscode.Uri) return lens; // already converted
    if (typeof uri !== 'string' || !isPosition(position) || !Array.isArray(locations)) return lens;
    const p2c = c.protocol2CodeConverter;
    lens.command = {
      ...cmd,
      arguments: [p2c.asUri(uri), p2c.asPosition(position), locations.filter(isLocation).map((l) => p2c.asLocation(l))],
    };
    return lens;
  };
  return {
    provideCodeLenses: async (document, token, next) => {
      const lenses = await next(document, token);
      return lenses ? lenses.map(convert) : lenses;
    },
    resolveCodeLens: async (lens, token, next) => {
      const resolved = await next(lens, token);
      return resolved ? convert(resolved) : resolved;
    },
  };
}

function isPosition(p: unknown): p is { line: number; character: number } {
  return !!p && typeof p === 'object' && typeof (p as { line?: unknown }).line === 'number' && typeof (p as { character?: unknown }).character === 'number';
}

function isLocation(l: unknown): l is { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } } {
  if (!l || typeof l !== 'object') return false;
  const { uri, range } = l as { uri?: unknown; range?: { start?: unknown; end?: unknown } };
  return typeof uri === 'string' && !!range && isPosition(range.start) && isPosition(range.end);
}
