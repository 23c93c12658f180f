/** Public surface of the analysis core (editor-agnostic: no vscode, no LSP types). */
export * from './types';
export { analyze, Analysis, AnalyzeOptions } from './analyze';
export { LineIndex, Position } from './parse/lines';
export { parseTemplate, Template, Resource, Parameter, Entity, detectFormat } from './parse/template';
export { Reference } from './parse/references';
export { Graph, GraphNode, GraphEdge, buildGraph } from './graph/graph';
export { Rule, RuleMeta, docsUrl } from './rules/contract';
export { ALL_RULES } from './rules/index.generated';
export { runRules, EngineOptions, RuleSetting } from './engine/engine';
