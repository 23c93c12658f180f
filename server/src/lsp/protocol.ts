/**
 * The custom protocol between the cfn-resilience server and its clients: the ONE place
 * where custom method names and payload types live. Imported by the server (lsp/) and by
 * the VS Code client, so it must import nothing at run time but the protocol package (the
 * `import type` of core payload types below is erased: the client bundles no server code).
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { LaneId, PlacedLane } from '../core/features/graph-layout';

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

/** `cfnResilience/graph` parameters. */
export interface GraphParams {
  uri: string;
  /** Include the pseudo-parameters used (`AWS::Region`…); default false. */
  pseudo?: boolean;
  /** Width / height of the view: the layout is shaped to fit it (default 1.6). */
  aspect?: number;
  /** Show the parameter, mapping, condition and output nodes; absent: only when the graph is not too large. */
  sections?: boolean;
}

export type GraphSeverity = 'error' | 'warning' | 'info';

/** Stack layer (resources), or the section lane of parameters, mappings, conditions, pseudo-parameters, imports, outputs. */
export type GraphLane = LaneId;

export interface GraphViewNodeData {
  /** `Section.Name` (`Resources.OrdersDb`), a pseudo-parameter (`AWS::Region`), or `Imports.<export>`. */
  id: string;
  kind: 'parameter' | 'resource' | 'condition' | 'mapping' | 'output' | 'pseudo' | 'import';
  name: string;
  /** Resource type, or null. */
  type: string | null;
  /** Short second line for non-resources (`Parameter · String`). */
  detail?: string;
  /** Range of the defining key, 0-based (null for pseudo-parameters and imports). */
  line: number | null;
  character: number | null;
  endLine: number | null;
  endCharacter: number | null;
  /** Worst finding on the node, or null. */
  severity: GraphSeverity | null;
  findings: number;
  /** Lane: the stack layer of a resource, or the section. */
  layer: GraphLane;
  /** Dependency column of a resource (0 = leftmost), -1 in the section lanes. */
  column: number;
  /** Box, in layout units (pixels at zoom 1). */
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface GraphViewEdgeData {
  /** The dependent. */
  from: string;
  /** What it depends on (the arrow end). */
  to: string;
  /** Kind drawn: the most telling of `kinds` (Ref, GetAtt, Sub, SAM, DependsOn, ImportValue, Export, FindInMap, Condition). */
  kind: string;
  /** Every kind of reference from `from` to `to` (parallel references are one edge). */
  kinds: string[];
  count: number;
  /** Cubic Bézier control points from `from` to `to`: start, c1, c2, end. */
  points: [number, number][];
}

/** A lane's band, in layout units, with its label and node count. */
export type GraphViewLaneData = PlacedLane;

export type GraphState = 'ok' | 'not-open' | 'not-a-template' | 'disabled' | 'too-large';

/** `cfnResilience/graph` result: the laid-out graph of the document's current version. */
export interface GraphResult {
  uri: string;
  /** Document version the graph describes (-1 when the document is not open). */
  version: number;
  /** Anything but 'ok' comes with no nodes. */
  state: GraphState;
  templateKind: 'cloudformation' | 'sam' | 'none';
  nodes: GraphViewNodeData[];
  edges: GraphViewEdgeData[];
  lanes: GraphViewLaneData[];
  width: number;
  height: number;
  /** Edge kinds present. */
  kinds: string[];
  /** Whether the parameter, mapping, condition and output nodes are included (GraphParams.sections, or the automatic choice). */
  sections: boolean;
  stats: {
    resources: number;
    /** Pseudo-parameter nodes left out (GraphParams.pseudo false). */
    hiddenPseudo: number;
    /** Parameter, mapping, condition and output nodes left out (`sections` false). */
    hiddenSections: number;
    /** Findings of the template, and those attached to no node. */
    findings: number;
    unattached: number;
    layoutMs: number;
  };
}

/** Client -> server: the dependency graph of an open template, laid out for the graph view. */
export namespace GraphRequest {
  export const method = 'cfnResilience/graph' as const;
  export const type = new RequestType<GraphParams, GraphResult, void>(method);
}

/** The command that opens the resilience report (the client registers it; recovery code lenses run it with `[uri, logicalId]`). */
export const SHOW_REPORT_COMMAND = 'cfnResilience.showReport';

/** `cfnResilience/report` parameters. */
export interface ReportParams {
  uri: string;
}

export type ReportState = 'ok' | 'not-open' | 'not-a-template' | 'disabled' | 'too-large';

/** `cfnResilience/report` result: the resilience report of the document's current version. */
export interface ReportResult {
  uri: string;
  /** Document version the report describes (-1 when the document is not open). */
  version: number;
  /** Anything but 'ok' comes with an empty report. */
  state: ReportState;
  /** The template's file name. */
  title: string;
  /** The report as an HTML fragment, every text escaped by the server (places carry data-line/data-column, 1-based). */
  html: string;
  markdown: string;
  /** DR strategy id (none, backup-and-restore, pilot-light, warm-standby, multi-site), null when not a template. */
  strategy: string | null;
  /** Data stores with the 0-based position of their logical ID. */
  stores: { id: string; line: number; character: number }[];
  scores: { area: string; score: number | null }[];
}

/** Client -> server: the resilience report of an open template. */
export namespace ReportRequest {
  export const method = 'cfnResilience/report' as const;
  export const type = new RequestType<ReportParams, ReportResult, void>(method);
}
