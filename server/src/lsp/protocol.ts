/**
 * The custom protocol between the cfn-resilience server and its clients: the ONE place
 * where custom method names and payload types live. Imported by the server (lsp/) and by
 * the VS Code client, so it must import nothing but the protocol package.
 */
import { NotificationType } from 'vscode-languageserver-protocol';

/** `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'cfn-resilience';

/** Code action kind of "Fix all resilience findings" (ask for it with `source.fixAll`). */
export const FIX_ALL_KIND = 'source.fixAll.cfn-resilience';

/** Configuration section read with `workspace/configuration` and synchronized by the client. */
export const CONFIG_SECTION = 'cfnResilience';

/** Files watched for changes to the workspace configuration (default name of `cfnResilience.configFile`). */
export const CONFIG_FILE_GLOB = '**/.cfn-resilience.{yaml,yml}';

/** `initializationOptions` the VS Code client sends (all optional for other clients). */
export interface InitializationOptions {
  /** The client sends `workspace/didChangeConfiguration` and file events itself: do not register for them. */
  configurationSynchronized?: boolean;
  /** false in an untrusted workspace: the workspace's configuration file is not read. */
  workspaceTrusted?: boolean;
  /** Settings (section `cfnResilience`) for clients without `workspace/configuration`. */
  settings?: Record<string, unknown>;
}

export type StatusState = 'analyzing' | 'ok' | 'findings' | 'disabled' | 'not-a-template';

/** Server -> client after each analysis of an open document (and once before slow ones). */
export interface StatusParams {
  uri: string;
  /** Document version the status describes. */
  version: number;
  state: StatusState;
  errors: number;
  warnings: number;
  infos: number;
  /** Analysis time in milliseconds (0 when nothing was analyzed). */
  ms: number;
}

export namespace StatusNotification {
  export const method = 'cfnResilience/status' as const;
  export const type = new NotificationType<StatusParams>(method);
}

/** One recorded fix, with ranges already in LSP positions for the recorded version. */
export interface DiagnosticFix {
  title: string;
  edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[];
  preferred?: boolean;
  safe?: boolean;
}

/** `Diagnostic.data` of every finding: code actions read only this (never the message). */
export interface DiagnosticData {
  /** Document version the finding (and its fixes) were computed for. */
  version: number;
  rule: string;
  /** Logical ID of the resource the finding is about, or null. */
  resource: string | null;
  fixes: DiagnosticFix[];
}
