/** Core (offsets, plain data) -> LSP (UTF-16 positions, protocol types). */
import { Diagnostic, DiagnosticSeverity, DiagnosticRelatedInformation, Range } from 'vscode-languageserver/node';
import type { Finding, Fix, Severity } from '../core/types';
import type { LineIndex } from '../core/parse/lines';
import { docsUrl } from '../core/rules/contract';
import { DIAGNOSTIC_SOURCE, DiagnosticData, DiagnosticFix } from './protocol';

export function toRange(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.positionAt(start), end: lines.positionAt(Math.max(start, end)) };
}

export function toSeverity(s: Severity): DiagnosticSeverity {
  switch (s) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    default:
      return DiagnosticSeverity.Information;
  }
}

export function toFix(lines: LineIndex, fix: Fix): DiagnosticFix {
  return {
    title: fix.title,
    edits: fix.edits.map((e) => ({ range: toRange(lines, e.start, e.end), newText: e.newText })),
    ...(fix.preferred ? { preferred: true } : {}),
    ...(fix.safe ? { safe: true } : {}),
  };
}

export function toDiagnostic(finding: Finding, lines: LineIndex, uri: string, version: number): Diagnostic {
  const data: DiagnosticData = {
    version,
    rule: finding.rule,
    resource: finding.resource,
    fixes: finding.fixes.map((f) => toFix(lines, f)),
  };
  const d: Diagnostic = {
    range: toRange(lines, finding.start, finding.end),
    severity: toSeverity(finding.severity),
    source: DIAGNOSTIC_SOURCE,
    code: finding.rule,
    codeDescription: { href: docsUrl(finding.rule) },
    message: finding.message,
    data,
  };
  if (finding.related?.length) {
    d.relatedInformation = finding.related.map(
      (r): DiagnosticRelatedInformation => ({ location: { uri, range: toRange(lines, r.start, r.end) }, message: r.message }),
    );
  }
  return d;
}
