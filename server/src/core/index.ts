/** Public surface of the analysis core (editor-agnostic: no vscode, no LSP types). */
export * from './types';
export { analyze, Analysis, AnalyzeOptions } from './analyze';
export { LineIndex, Position } from './parse/lines';
export { parseTemplate, Template, Resource, Parameter, Entity, detectFormat } from './parse/template';
export { Reference, LoopScope, loopNames } from './parse/references';
export { Graph, GraphNode, GraphEdge, buildGraph } from './graph/graph';
export * from './graph/resolve';
export { Cycle, isDependencyEdge, stronglyConnected, resourceCycles } from './graph/cycles';
export { FixBuilder, SetOptions, NameSpace, nameEdit, styleOf } from './fix/builder';
export { FixValue, Intrinsic, ref, getAtt, sub } from './fix/value';
export { applyEdits } from './fix/apply';
export { suppressEdits, SuppressScope } from './fix/suppress';
export { Rule, RuleMeta, docsUrl } from './rules/contract';
export { ALL_RULES } from './rules/index.generated';
export { runRules, EngineOptions, RuleSetting } from './engine/engine';
