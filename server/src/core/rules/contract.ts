/**
 * The rule contract (modelled on eslint's): one module per rule, exporting a `Rule`
 * with its metadata and a `check` that reads the model and the graph and reports
 * findings with their fixes. Rules never re-parse text.
 */
import { Area, Fix, RelatedLocation, Severity } from '../types';
import type { Template } from '../parse/template';
import type { Graph } from '../graph/graph';
import type { ReadFile } from '../parse/state-machine';

export interface RuleDocs {
  /** One paragraph: what the rule checks. */
  summary: string;
  /** Why it fails in production. */
  why: string;
  /** How to fix it. */
  fix: string;
  /** AWS documentation and Well-Architected Reliability pillar references. */
  references: { title: string; url: string }[];
}

export interface RuleMeta {
  /** kebab-case, equal to the file name. */
  id: string;
  area: Area;
  severity: Severity;
  title: string;
  docs: RuleDocs;
  /** Whether findings come with a fix. */
  fixable: boolean;
  /** Similar cfn-lint rule ids, if any (for users migrating). */
  cfnLint?: string[];
  /** Options the rule accepts from configuration, with defaults. */
  options?: Record<string, { description: string; default: unknown }>;
}

export interface Report {
  start: number;
  end: number;
  message: string;
  /** Logical ID of the resource concerned (default: none). */
  resource?: string | null;
  fixes?: Fix[];
  /** Overrides the rule's default severity for this finding only (e.g. error vs warning of one check). */
  severity?: Severity;
  related?: RelatedLocation[];
}

export interface RuleContext {
  readonly template: Template;
  readonly graph: Graph;
  /** This rule's options: configured values over the declared defaults. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Reads files next to the template (SAM `DefinitionUri`), when the host allows it. */
  readonly readFile?: ReadFile;
  report(r: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

export const DOCS_BASE = 'https://github.com/cfn-resilience/cfn-resilience/blob/main/docs/rules/';

export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
