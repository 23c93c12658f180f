/**
 * Wires the LSP features onto a connection. Transport-agnostic: server.ts creates the
 * connection (IPC when started by the VS Code client, stdio with --stdio), tests may pass
 * any connection.
 */
import {
  CodeAction,
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  InitializeParams,
  InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'url';
import { AnalysisCache, setAnalysisCache } from './analysis-cache';
import { DiagnosticsPublisher, errorText } from './diagnostics';
import { DEFAULT_SETTINGS, SettingsStore } from './settings';
import { ConfigFiles, NO_FILE_CONFIG } from './config-file';
import { provideCodeActions, resolveCodeAction } from './code-actions';
import { guardNotification, guardRequest } from './guard';
import { registerNavigation } from './navigation';
import { registerCompletion } from './completion';
import { CONFIG_FILE_GLOB, CONFIG_SECTION, FIX_ALL_KIND, GraphRequest, ReportRequest } from './protocol';
import { emptyGraph, provideGraph } from './graph-request';
import { emptyReport, provideReport } from './report-request';

function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return fileURLToPath(a) === fileURLToPath(b);
  } catch {
    return false;
  }
}

export interface ServerState {
  documents: TextDocuments<TextDocument>;
  cache: AnalysisCache;
}

export function startServer(connection: Connection, version = '0.0.0'): ServerState {
  const documents = new TextDocuments(TextDocument);
  let settings: SettingsStore | undefined;
  let diagnostics: DiagnosticsPublisher | undefined;
  let documentChanges = false;
  let resolveEdits = false;
  let registerConfigurationChange = false;
  let registerWatchedFiles = false;
  let workspaceFolderEvents = false;
  let configFiles: ConfigFiles | undefined;
  const loggedRuleErrors = new Set<string>();

  const cache = new AnalysisCache({
    document: (uri) => documents.get(uri),
    settings: (uri) => settings?.peek(uri) ?? DEFAULT_SETTINGS,
    config: (uri, s) => configFiles?.forDocument(uri, s.configFile) ?? NO_FILE_CONFIG,
    onRuleError: (uri, ruleId, error) => {
      // Once per rule and message: a broken rule would otherwise log on every keystroke.
      const key = `${ruleId}\u0000${error instanceof Error ? error.message : String(error)}`;
      if (loggedRuleErrors.has(key)) return;
      if (loggedRuleErrors.size > 500) loggedRuleErrors.clear();
      loggedRuleErrors.add(key);
      connection.console.error(`cfn-resilience: rule ${ruleId} failed on ${uri}: ${errorText(error)}`);
    },
  });
  setAnalysisCache(cache);
  const navigation = registerNavigation(connection, documents);
  const completion = registerCompletion(connection, documents);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    const pull = !!caps.workspace?.configuration;
    documentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
    resolveEdits = !!caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
    // Pull-model clients learn of changes by registering for them, unless the client
    // already synchronizes the section on its own (the VS Code client says so).
    const init = (params.initializationOptions ?? {}) as { configurationSynchronized?: boolean; workspaceTrusted?: boolean };
    const synchronized = !!init.configurationSynchronized;
    registerConfigurationChange = pull && !synchronized && !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    registerWatchedFiles = !synchronized && !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    workspaceFolderEvents = !!caps.workspace?.workspaceFolders;
    // The VS Code client says whether the workspace is trusted; other clients open what the user chose.
    configFiles = new ConfigFiles(
      (m) => connection.console.warn(`cfn-resilience: ${m}`),
      init.workspaceTrusted !== false,
      // A configuration file open in the editor gets its diagnostics from its own text instead.
      (uri, list) => {
        if (!documents.all().some((d) => sameFile(d.uri, uri))) connection.sendDiagnostics({ uri, diagnostics: list }).catch(() => undefined);
      },
    );
    configFiles.setFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    settings = new SettingsStore(connection, pull, params.initializationOptions);
    diagnostics = new DiagnosticsPublisher({
      connection,
      document: (uri) => documents.get(uri),
      settings,
      cache,
      configDiagnostics: (uri, configFile, text) => configFiles?.documentDiagnostics(uri, configFile, text),
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: resolveEdits },
        ...navigation.capabilities(caps),
        ...completion.capabilities(caps, params.clientInfo?.name),
        ...(workspaceFolderEvents ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'cfn-resilience', version },
    };
  });

  connection.onInitialized(
    guardNotification(connection, 'initialized', () => {
      if (registerConfigurationChange) connection.client.register(DidChangeConfigurationNotification.type, { section: CONFIG_SECTION }).catch(() => undefined);
      if (registerWatchedFiles) connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: CONFIG_FILE_GLOB }] }).catch(() => undefined);
      if (workspaceFolderEvents) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guardNotification(connection, 'didChangeWorkspaceFolders', (e) => {
            configFiles?.addFolders(
              e.added.map((f) => f.uri),
              e.removed.map((f) => f.uri),
            );
            revalidateAll();
          }),
        );
      }
    }),
  );

  const revalidateAll = () => {
    for (const doc of documents.all()) diagnostics?.schedule(doc.uri);
  };

  connection.onDidChangeWatchedFiles(
    guardNotification(connection, 'didChangeWatchedFiles', () => {
      configFiles?.invalidate();
      revalidateAll();
    }),
  );

  const opened = new Set<string>();
  documents.onDidOpen(
    guardNotification(connection, 'didOpen', (e) => {
      opened.add(e.document.uri);
      diagnostics?.schedule(e.document.uri, 0);
    }),
  );
  documents.onDidChangeContent(
    guardNotification(connection, 'didChange', (e) => {
      // TextDocuments reports an open as a content change too: that one is already scheduled.
      if (opened.delete(e.document.uri)) return;
      diagnostics?.schedule(e.document.uri);
    }),
  );
  documents.onDidClose(
    guardNotification(connection, 'didClose', (e) => {
      const uri = e.document.uri;
      opened.delete(uri);
      diagnostics?.closed(uri);
      cache.delete(uri);
      settings?.forget(uri);
      // A configuration file closed in the editor: its problems on disk are published again.
      if (/\.cfn-resilience\.ya?ml$/.test(uri)) {
        configFiles?.invalidate();
        revalidateAll();
      }
    }),
  );

  connection.onDidChangeConfiguration(
    guardNotification(connection, 'didChangeConfiguration', (params) => {
      settings?.changed(params);
      configFiles?.invalidate();
      cache.clear();
      revalidateAll();
    }),
  );

  const codeActionDeps = () => ({ document: (uri: string) => documents.get(uri), analysis: (uri: string) => cache.get(uri), documentChanges, resolveEdits });
  connection.onCodeAction(guardRequest(connection, 'codeAction', (): CodeAction[] => [], (params) => provideCodeActions(params, codeActionDeps())));
  // On failure the action comes back as it was (without an edit), never an empty answer.
  connection.onCodeActionResolve((action) => guardRequest(connection, 'codeAction/resolve', () => action, (a: CodeAction) => resolveCodeAction(a, codeActionDeps()))(action));

  connection.onRequest(
    GraphRequest.type,
    guardRequest(connection, 'graph', () => emptyGraph('', 'not-open'), (params) => provideGraph(params, { entry: (uri) => cache.entry(uri) })),
  );

  connection.onRequest(
    ReportRequest.type,
    guardRequest(connection, 'report', () => emptyReport('', 'not-open'), (params) => provideReport(params, { entry: (uri) => cache.entry(uri) })),
  );

  connection.onShutdown(() => diagnostics?.dispose());

  documents.listen(connection);
  return { documents, cache };
}
