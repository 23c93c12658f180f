/**
 * Code actions. Quick fixes come only from `Diagnostic.data` recorded when the
 * diagnostic was published (fixes keyed by document version; a diagnostic from another
 * version offers nothing). "Ignore <rule> for <resource>" / "… in this template" edit
 * the template's Metadata (core/fix/suppress.ts) on the cached analysis of the same
 * version. `source.fixAll.cfn-resilience` applies every fix marked safe, in passes
 * (core/fix/fix-all.ts), as one edit; clients that resolve code actions get that edit from
 * `codeAction/resolve`, so the passes run only when the action is chosen.
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
import type { TextEdit } from '../core/types';
import { diffEdit, fixAll, selectFixAll } from '../core/fix/fix-all';
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
  /** Client resolves a code action's edit on demand (`codeAction/resolve`). */
  resolveEdits?: boolean;
}

/** What a lazily offered "Fix all" carries to its resolve request. */
interface FixAllData {
  fixAll: true;
  uri: string;
  version: number;
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
    if (analysis && selectFixAll(analysis.findings).length) {
      const action: CodeAction = { title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, diagnostics: fixDiagnostics(params.context.diagnostics) };
      // The passes re-analyze the document: a client that resolves edits gets them only when
      // the action is chosen, not on every lightbulb request.
      if (deps.resolveEdits) out.push({ ...action, data: { fixAll: true, uri, version: doc.version } satisfies FixAllData });
      else {
        const change = fixAllEdit(analysis);
        if (change) out.push({ ...action, edit: edit([toLsp(analysis, change)]) });
      }
    }
  }
  return out;
}

const FIX_ALL_TITLE = 'Fix all resilience findings';

/** `codeAction/resolve`: the edit of a lazily offered "Fix all", for the version it was offered on. */
export function resolveCodeAction(action: CodeAction, deps: CodeActionDeps): CodeAction {
  const data = action.data as FixAllData | undefined;
  if (!data || data.fixAll !== true || typeof data.uri !== 'string') return action;
  const doc = deps.document(data.uri);
  const analysis = deps.analysis(data.uri);
  if (!doc || !analysis || doc.version !== data.version) return action;
  const change = fixAllEdit(analysis);
  if (!change) return action;
  const edits = [toLsp(analysis, change)];
  return {
    ...action,
    edit: deps.documentChanges ? { documentChanges: [{ textDocument: { uri: data.uri, version: doc.version }, edits }] } : { changes: { [data.uri]: edits } },
  };
}

function fixDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && isData(d.data) && d.data.fixes.some((f: DiagnosticFix) => f.safe));
}

const fixAllCache = new WeakMap<Analysis, TextEdit | null>();

/**
 * Every safe fix, applied in passes until none is left (core/fix/fix-all.ts), as one edit;
 * computed once per analysis (the lightbulb asks on every cursor move).
 */
function fixAllEdit(a: Analysis): TextEdit | undefined {
  let e = fixAllCache.get(a);
  if (e === undefined) {
    e = selectFixAll(a.findings).length ? (diffEdit(a.template.text, fixAll(a).text) ?? null) : null;
    fixAllCache.set(a, e);
  }
  return e ?? undefined;
}

function toLsp(a: Analysis, e: TextEdit): LspTextEdit {
  return { range: toRange(a.lines, e.start, e.end), newText: e.newText };
}
