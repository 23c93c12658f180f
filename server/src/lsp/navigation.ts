/**
 * Navigation handlers: definition, references, document highlights, rename (with
 * prepareRename), document symbols, hover and code lenses. Each answers from the cached
 * analysis of the document's current version (`getAnalysis`) through the core features
 * (core/features/*, plain offsets) and converts at the edge. Every handler is guarded; on a
 * document that is not a template (or not open) they answer with nothing.
 */
import {
  AnnotatedTextEdit,
  ClientCapabilities,
  CodeLens,
  CodeLensParams,
  Connection,
  DefinitionParams,
  DocumentHighlight,
  DocumentHighlightKind,
  DocumentHighlightParams,
  DocumentSymbol,
  DocumentSymbolParams,
  Hover,
  HoverParams,
  Location,
  LocationLink,
  LSPErrorCodes,
  MarkupKind,
  PrepareRenameParams,
  Range,
  ReferenceParams,
  RenameParams,
  ResponseError,
  ServerCapabilities,
  SymbolInformation,
  SymbolKind,
  TextDocuments,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../core/analyze';
import type { LineIndex } from '../core/parse/lines';
import { definitionLinks, highlights, prepareRename, references, renameEdits } from '../core/features/navigation';
import { documentSymbols, OutlineKind, OutlineSymbol } from '../core/features/symbols';
import { hover } from '../core/features/hover';
import { recoveryLenses, referenceLenses } from '../core/features/codelens';
import { SHOW_REPORT_COMMAND } from './protocol';
import { getAnalysis } from './analysis-cache';
import { toRange } from './convert';
import { guardRequest } from './guard';

/** The command a reference lens runs (VS Code's; its arguments are `[uri, position, locations]`). */
export const SHOW_REFERENCES_COMMAND = 'editor.action.showReferences';

/** Label of the change annotation put on a rename that replaces a resource holding data. */
export const REPLACEMENT_ANNOTATION = 'cfn-resilience.replacement';

const SYMBOL_KIND: Record<OutlineKind, SymbolKind> = {
  module: SymbolKind.Module,
  namespace: SymbolKind.Namespace,
  class: SymbolKind.Class,
  object: SymbolKind.Object,
  function: SymbolKind.Function,
  variable: SymbolKind.Variable,
  boolean: SymbolKind.Boolean,
  enum: SymbolKind.Enum,
  enumMember: SymbolKind.EnumMember,
  property: SymbolKind.Property,
  event: SymbolKind.Event,
  interface: SymbolKind.Interface,
  struct: SymbolKind.Struct,
  key: SymbolKind.Key,
  array: SymbolKind.Array,
  string: SymbolKind.String,
  constant: SymbolKind.Constant,
};

export interface NavigationFeatures {
  /** The capabilities to announce, given the client's (call from onInitialize). */
  capabilities(client: ClientCapabilities): ServerCapabilities;
}

interface ClientSupport {
  documentChanges: boolean;
  changeAnnotations: boolean;
  definitionLinks: boolean;
  hierarchicalSymbols: boolean;
  markdownHover: boolean;
}

function toDocumentSymbol(lines: LineIndex, s: OutlineSymbol): DocumentSymbol {
  const d: DocumentSymbol = {
    name: s.name,
    kind: SYMBOL_KIND[s.kind],
    range: toRange(lines, s.start, s.end),
    selectionRange: toRange(lines, s.selectionStart, s.selectionEnd),
  };
  if (s.detail) d.detail = s.detail;
  if (s.children?.length) d.children = s.children.map((c) => toDocumentSymbol(lines, c));
  return d;
}

function flatten(lines: LineIndex, uri: string, symbols: OutlineSymbol[], container: string | undefined, out: SymbolInformation[]): SymbolInformation[] {
  for (const s of symbols) {
    out.push({ name: s.name, kind: SYMBOL_KIND[s.kind], location: { uri, range: toRange(lines, s.start, s.end) }, ...(container ? { containerName: container } : {}) });
    if (s.children) flatten(lines, uri, s.children, s.name, out);
  }
  return out;
}

export function registerNavigation(connection: Connection, documents: TextDocuments<TextDocument>): NavigationFeatures {
  const support: ClientSupport = { documentChanges: false, changeAnnotations: false, definitionLinks: false, hierarchicalSymbols: true, markdownHover: true };

  /** The analysis of an open template, with the offset of a position. */
  const at = (uri: string, position?: { line: number; character: number }): { a: Analysis; offset: number } | undefined => {
    const a = getAnalysis(uri);
    if (!a || a.kind === 'none') return undefined;
    return { a, offset: position ? a.lines.offsetAt(position) : 0 };
  };

  connection.onDefinition(
    guardRequest(connection, 'definition', (): Location[] | LocationLink[] => [], (p: DefinitionParams): Location[] | LocationLink[] => {
      const c = at(p.textDocument.uri, p.position);
      if (!c) return [];
      const links = definitionLinks(c.a, c.offset);
      const lines = c.a.lines;
      if (support.definitionLinks) {
        return links.map((l) => ({
          originSelectionRange: toRange(lines, l.origin.start, l.origin.end),
          targetUri: p.textDocument.uri,
          targetRange: toRange(lines, l.full.start, l.full.end),
          targetSelectionRange: toRange(lines, l.name.start, l.name.end),
        }));
      }
      return links.map((l) => ({ uri: p.textDocument.uri, range: toRange(lines, l.name.start, l.name.end) }));
    }),
  );

  connection.onReferences(
    guardRequest(connection, 'references', (): Location[] => [], (p: ReferenceParams): Location[] => {
      const c = at(p.textDocument.uri, p.position);
      if (!c) return [];
      return references(c.a, c.offset, !!p.context?.includeDeclaration).map((r) => ({ uri: p.textDocument.uri, range: toRange(c.a.lines, r.start, r.end) }));
    }),
  );

  connection.onDocumentHighlight(
    guardRequest(connection, 'documentHighlight', (): DocumentHighlight[] => [], (p: DocumentHighlightParams): DocumentHighlight[] => {
      const c = at(p.textDocument.uri, p.position);
      if (!c) return [];
      const kind = { read: DocumentHighlightKind.Read, write: DocumentHighlightKind.Write, text: DocumentHighlightKind.Text } as const;
      return highlights(c.a, c.offset).map((h) => ({ range: toRange(c.a.lines, h.start, h.end), kind: kind[h.kind] }));
    }),
  );

  connection.onPrepareRename(
    guardRequest(connection, 'prepareRename', () => null, (p: PrepareRenameParams) => {
      const c = at(p.textDocument.uri, p.position);
      if (!c) return null;
      const r = prepareRename(c.a, c.offset);
      if (!r) return null;
      if ('error' in r) return new ResponseError(LSPErrorCodes.RequestFailed, r.error);
      return { range: toRange(c.a.lines, r.start, r.end), placeholder: r.placeholder };
    }),
  );

  connection.onRenameRequest(
    guardRequest(connection, 'rename', () => null, (p: RenameParams) => {
      const uri = p.textDocument.uri;
      const c = at(uri, p.position);
      const doc = documents.get(uri);
      if (!c || !doc) return null;
      const r = renameEdits(c.a, c.offset, p.newName);
      if ('error' in r) return new ResponseError(LSPErrorCodes.RequestFailed, r.error);
      const lines = c.a.lines;
      const edits: TextEdit[] = r.edits.map((e) => ({ range: toRange(lines, e.start, e.end), newText: e.newText }));
      if (!support.documentChanges) return { changes: { [uri]: edits } } satisfies WorkspaceEdit;
      if (r.replacement && support.changeAnnotations) {
        // A resource holding data: ask before applying (the editor shows the refactoring preview).
        const annotated: AnnotatedTextEdit[] = edits.map((e) => ({ ...e, annotationId: REPLACEMENT_ANNOTATION }));
        return {
          documentChanges: [{ textDocument: { uri, version: doc.version }, edits: annotated }],
          changeAnnotations: { [REPLACEMENT_ANNOTATION]: { label: `Rename replaces ${r.replacement.resource} when deployed`, description: r.replacement.message, needsConfirmation: true } },
        } satisfies WorkspaceEdit;
      }
      return { documentChanges: [{ textDocument: { uri, version: doc.version }, edits }] } satisfies WorkspaceEdit;
    }),
  );

  connection.onDocumentSymbol(
    guardRequest(connection, 'documentSymbol', (): DocumentSymbol[] | SymbolInformation[] => [], (p: DocumentSymbolParams): DocumentSymbol[] | SymbolInformation[] => {
      const c = at(p.textDocument.uri);
      if (!c) return [];
      const symbols = documentSymbols(c.a);
      if (support.hierarchicalSymbols) return symbols.map((s) => toDocumentSymbol(c.a.lines, s));
      return flatten(c.a.lines, p.textDocument.uri, symbols, undefined, []);
    }),
  );

  connection.onHover(
    guardRequest(connection, 'hover', (): Hover | null => null, (p: HoverParams): Hover | null => {
      const c = at(p.textDocument.uri, p.position);
      if (!c) return null;
      const h = hover(c.a, c.offset);
      if (!h) return null;
      return { contents: { kind: support.markdownHover ? MarkupKind.Markdown : MarkupKind.PlainText, value: h.markdown }, range: toRange(c.a.lines, h.start, h.end) };
    }),
  );

  connection.onCodeLens(
    guardRequest(connection, 'codeLens', (): CodeLens[] => [], (p: CodeLensParams): CodeLens[] => {
      const uri = p.textDocument.uri;
      const c = at(uri);
      if (!c) return [];
      const lines = c.a.lines;
      const refs = referenceLenses(c.a).map((l): CodeLens => {
        const range: Range = toRange(lines, l.start, l.end);
        const locations: Location[] = l.locations.map((r) => ({ uri, range: toRange(lines, r.start, r.end) }));
        // No command for 0 references: the lens is then plain text.
        return { range, command: { title: l.title, command: locations.length ? SHOW_REFERENCES_COMMAND : '', arguments: locations.length ? [uri, range.start, locations] : undefined } };
      });
      // Recovery estimates above each data store; a click opens the resilience report at that store.
      let recovery: CodeLens[] = [];
      try {
        recovery = recoveryLenses(c.a).map((l): CodeLens => ({ range: toRange(lines, l.start, l.end), command: { title: l.title, command: SHOW_REPORT_COMMAND, arguments: [uri, l.resource] } }));
      } catch (e) {
        connection.console.error(`cfn-resilience: recovery lenses failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      return [...refs, ...recovery];
    }),
  );

  return {
    capabilities(client: ClientCapabilities): ServerCapabilities {
      support.documentChanges = !!client.workspace?.workspaceEdit?.documentChanges;
      support.changeAnnotations = !!client.workspace?.workspaceEdit?.changeAnnotationSupport;
      support.definitionLinks = !!client.textDocument?.definition?.linkSupport;
      support.hierarchicalSymbols = !!client.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport;
      const formats = client.textDocument?.hover?.contentFormat;
      support.markdownHover = !formats || formats.includes(MarkupKind.Markdown);
      return {
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        documentSymbolProvider: { label: 'CloudFormation' },
        hoverProvider: true,
        renameProvider: client.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
        codeLensProvider: { resolveProvider: false },
      };
    },
  };
}
