/** The CLI's result model: what every output format renders. Lines and columns are 1-based. */
import { Area, Finding, Severity, TemplateKind } from '../core/types';
import { LineIndex } from '../core/parse/lines';

export interface CliFinding {
  rule: string;
  area: Area;
  severity: Severity;
  message: string;
  resource: string | null;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
}

export interface CliFile {
  file: string;
  template: TemplateKind;
  findings: CliFinding[];
}

export interface CliResult {
  version: 1;
  files: CliFile[];
  summary: { files: number; errors: number; warnings: number; infos: number };
}

export function toCliFinding(f: Finding, lines: LineIndex): CliFinding {
  const s = lines.positionAt(f.start);
  const e = lines.positionAt(f.end);
  return {
    rule: f.rule,
    area: f.area,
    severity: f.severity,
    message: f.message,
    resource: f.resource,
    line: s.line + 1,
    column: s.character + 1,
    endLine: e.line + 1,
    endColumn: e.character + 1,
    fixable: f.fixes.length > 0,
  };
}

export function summarize(files: CliFile[]): CliResult {
  const summary = { files: files.length, errors: 0, warnings: 0, infos: 0 };
  for (const f of files) {
    for (const x of f.findings) {
      if (x.severity === 'error') summary.errors++;
      else if (x.severity === 'warning') summary.warnings++;
      else summary.infos++;
    }
  }
  return { version: 1, files, summary };
}
