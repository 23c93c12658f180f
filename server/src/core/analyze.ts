/**
 * The one entry point of the analysis core: text -> model -> graph -> findings.
 * The LSP layer and the CLI both call this; neither re-derives anything it holds.
 */
import { Finding, SourceFormat, TemplateKind } from './types';
import { LineIndex } from './parse/lines';
import { parseTemplate, Template } from './parse/template';
import { buildGraph, Graph } from './graph/graph';
import { runRules, EngineOptions } from './engine/engine';
import { recoveryOf } from './recovery/estimate';
import type { RecoveryModel } from './recovery/model';

export interface AnalyzeOptions extends EngineOptions {
  /** Used to pick YAML or JSON when `format` is absent (".json" -> json, otherwise sniffed). */
  fileName?: string;
  format?: SourceFormat;
  /**
   * The analysis of the document's previous version: a YAML edit inside one entry of a
   * section then re-reads only that entry (parse/yaml-reuse.ts). Never changes the result.
   */
  previous?: Analysis;
}

export interface Analysis {
  template: Template;
  graph: Graph;
  /** Sorted by start offset. Empty when the document is not a template. */
  findings: Finding[];
  kind: TemplateKind;
  lines: LineIndex;
  /** RPO/RTO estimates and DR strategy: computed on first use (by a rule, a lens, the report), then shared. */
  readonly recovery: RecoveryModel;
  /** The options this analysis ran with (fix-all re-analyzes with the same ones). */
  readonly options: AnalyzeOptions;
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const template = parseTemplate(text, { fileName: options.fileName, format: options.format, previous: options.previous?.template });
  const graph = buildGraph(template);
  const findings = template.kind === 'none' ? [] : runRules(template, graph, options);
  return {
    template,
    graph,
    findings,
    kind: template.kind,
    lines: template.lines,
    options,
    get recovery() {
      return recoveryOf(template, graph);
    },
  };
}
