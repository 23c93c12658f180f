/**
 * Code actions. Quick fixes come only from `Diagnostic.data` recorded when the
 * diagnostic was published (fixes keyed by document version; a diagnostic from another
 * version offers nothing). "Ignore <rule> for <resource>" / "… in this template" edit
 * the template's Metadata (core/fix/suppress.ts) on the cached analysis of the same
 * version. `source.fixAll.cfn-resilience` applies every fix marked safe, skipping fixes
 * whose edits overlap one already taken.
 */
import {
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  Diagnostic,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Fix, TextEdit } from '../core/types';
import type { Analysis } from '../core/analyze';
import { suppressEdits, SuppressScope } from '../core/fix/suppress';
import { toRange } from './convert';
import { DIAGNOSTIC_SOURCE, DiagnosticData, DiagnosticFix, FIX_ALL_KIND } from './protocol';

export interface CodeActionDeps {
  document(uri: string): TextDocument | undefined;
  /** The cached analysis of the document's current version. */
  analysis(uri: string): Analysis | undefined;
  /** Client accepts `documentChanges` (versioned edits). */
  documentChanges: boolean;
}

/** Does a requested `only` list admit this kind? (`source` admits `source.fixAll.x`.) */
export function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

function isData(d: unknown): d is DiagnosticData {
  const x = d as DiagnosticData;
  return !!x && typeof x === 'object' && typeof x.version === 'number' && typeof x.rule === 'string' && Array.isArray(x.fixes);
}

export function provideCodeActions(params: CodeActionParams, deps: CodeActionDeps): CodeAction[] {
  const uri = params.textDocument.uri;
  const doc = deps.document(uri);
  if (!doc) return [];
  const only = params.context.only;
  const out: CodeAction[] = [];
  const edit = (edits: LspTextEdit[]): WorkspaceEdit =>
    deps.documentChanges ? { documentChanges: [{ textDocument: { uri, version: doc.version }, edits }] } : { changes: { [uri]: edits } };

  if (wants(only, CodeActionKind.QuickFix)) {
    const ignores = new Map<string, CodeAction>();
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isData(diagnostic.data)) continue;
      const data = diagnostic.data;
      if (data.version !== doc.version) continue;
      for (const fix of data.fixes) {
        out.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          ...(fix.preferred ? { isPreferred: true } : {}),
          edit: edit(fix.edits.map((e) => ({ range: e.range, newText: e.newText }))),
        });
      }
      const analysis = deps.analysis(uri);
      if (!analysis) continue;
      const scopes: [string, SuppressScope][] = [];
      if (data.resource && analysis.template.resources.has(data.resource)) scopes.push([`Ignore ${data.rule} for ${data.resource}`, { resource: data.resource }]);
      scopes.push([`Ignore ${data.rule} in this template`, 'template']);
      for (const [title, scope] of scopes) {
        const seen = ignores.get(title);
        if (seen) {
          seen.diagnostics!.push(diagnostic);
          continue;
        }
        const edits = suppressEdits(analysis.template, data.rule, scope);
        if (!edits) continue;
        ignores.set(title, {
          title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: edit(edits.map((e) => toLsp(analysis, e))),
        });
      }
    }
    out.push(...ignores.values());
  }

  if (wants(only, FIX_ALL_KIND)) {
    const analysis = deps.analysis(uri);
    const fixes = analysis ? selectFixAll(analysis.findings) : [];
    if (analysis && fixes.length) {
      out.push({
        title: 'Fix all resilience findings',
        kind: FIX_ALL_KIND,
        diagnostics: fixDiagnostics(params.context.diagnostics),
        edit: edit(fixes.flatMap((f) => f.edits).map((e) => toLsp(analysis, e))),
      });
    }
  }
  return out;
}

function fixDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && isData(d.data) && d.data.fixes.some((f: DiagnosticFix) => f.safe));
}

function toLsp(a: Analysis, e: TextEdit): LspTextEdit {
  return { range: toRange(a.lines, e.start, e.end), newText: e.newText };
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

/**
 * The safe fixes of a set of findings that can be applied together: in document order,
 * each fix whole or not at all, none overlapping an earlier one (one pass; the next
 * analysis offers what remains).
 */
export function selectFixAll(findings: readonly Finding[]): Fix[] {
  const candidates = findings.flatMap((f) => f.fixes.filter((x) => x.safe && x.edits.length > 0));
  candidates.sort((a, b) => Math.min(...a.edits.map((e) => e.start)) - Math.min(...b.edits.map((e) => e.start)));
  const taken: TextEdit[] = [];
  const chosen: Fix[] = [];
  for (const fix of candidates) {
    const own = fix.edits;
    const selfOverlap = own.some((e, i) => own.some((o, j) => i < j && overlaps(e, o)));
    if (selfOverlap || own.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    taken.push(...own);
    chosen.push(fix);
  }
  return chosen;
}
