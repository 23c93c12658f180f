/** Problems found while reading the text (before any rule runs). */
export interface SyntaxIssue {
  /** Stable code: 'yaml-<CODE>' from the YAML reader, 'json-<Code>', or our own. */
  code: string;
  message: string;
  start: number;
  end: number;
  severity: 'error' | 'warning';
}
