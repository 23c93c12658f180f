/**
 * Shared contracts of the analysis core. Everything here is plain data: offsets are
 * UTF-16 code-unit offsets into the document text (what JavaScript strings index by),
 * converted to line/column only at the edges (LSP layer, CLI).
 */

/** Areas a finding belongs to; the CLI's JSON contract lists exactly these. */
export type Area =
  | 'syntax'
  | 'schema'
  | 'reference'
  | 'high-availability'
  | 'fault-tolerance'
  | 'disaster-recovery'
  | 'scalability'
  | 'serverless';

export const AREAS: readonly Area[] = [
  'syntax',
  'schema',
  'reference',
  'high-availability',
  'fault-tolerance',
  'disaster-recovery',
  'scalability',
  'serverless',
];

export type Severity = 'error' | 'warning' | 'info';

/** A text replacement: replace [start, end) with newText. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The obvious fix for the finding (LSP: isPreferred). */
  preferred?: boolean;
  /** Safe to apply without review ("Fix all" applies only these). */
  safe?: boolean;
}

export interface RelatedLocation {
  start: number;
  end: number;
  message: string;
}

export interface Finding {
  rule: string;
  area: Area;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  /** Logical ID of the resource (or other entity) the finding is about, or null. */
  resource: string | null;
  fixes: Fix[];
  related?: RelatedLocation[];
}

export type TemplateKind = 'cloudformation' | 'sam' | 'none';
export type SourceFormat = 'yaml' | 'json';
