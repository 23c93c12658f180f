/**
 * Completion over LSP: `textDocument/completion` and `completionItem/resolve`, answered from the
 * cached analysis of the document's current version through the core (core/features/completion,
 * plain offsets), converted at the edge to what the client says it supports: snippets or plain
 * text, label details or a detail line, Markdown or plain documentation, the deprecated tag,
 * `insertTextMode: asIs` (the core writes the indentation of inserted lines itself). Every item
 * carries a `textEdit` whose range is on the cursor's line and holds exactly the token being
 * typed (in JSON the string's content, never past it).
 */
import {
  ClientCapabilities,
  CompletionItem,
  CompletionItemKind,
  CompletionItemTag,
  CompletionList,
  CompletionParams,
  CompletionTriggerKind,
  Connection,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  ServerCapabilities,
  TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionDocsKey,
  CompletionItem as CoreItem,
  CompletionKind,
  completion,
  completionDocs,
  snippetToPlain,
} from '../core/features/completion';
import { getAnalysis } from './analysis-cache';
import { toRange } from './convert';
import { guardRequest } from './guard';
import { errorText } from './diagnostics';

/** Characters after which editors ask again: `AWS::`, `Queue.`, `${`, a JSON quote, `Key: `, `!`. */
export const COMPLETION_TRIGGERS = [':', '.', '{', '"', ' ', '!'];

/** VS Code's command that opens the suggestion list (after `Type: `, `!Ref `, `!GetAtt X.`). */
const TRIGGER_SUGGEST = 'editor.action.triggerSuggest';

const KIND: Record<CompletionKind, CompletionItemKind> = {
  section: CompletionItemKind.Module,
  type: CompletionItemKind.Class,
  property: CompletionItemKind.Property,
  attribute: CompletionItemKind.Field,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  parameter: CompletionItemKind.Variable,
  resource: CompletionItemKind.Reference,
  pseudo: CompletionItemKind.Constant,
  condition: CompletionItemKind.Variable,
  mapping: CompletionItemKind.Struct,
  key: CompletionItemKind.Keyword,
  function: CompletionItemKind.Function,
  keyword: CompletionItemKind.Keyword,
};

interface Support {
  snippets: boolean;
  labelDetails: boolean;
  markdown: boolean;
  deprecatedTag: boolean;
  asIs: boolean;
  /** The client runs VS Code's own commands (the suggest widget can be reopened). */
  vscode: boolean;
}

interface ItemData {
  docs?: CompletionDocsKey;
}

export interface CompletionFeature {
  /** The capabilities to announce, given the client's (call from onInitialize). */
  capabilities(client: ClientCapabilities, clientName?: string): ServerCapabilities;
}

export function registerCompletion(connection: Connection, documents: TextDocuments<TextDocument>): CompletionFeature {
  const support: Support = { snippets: false, labelDetails: false, markdown: true, deprecatedTag: false, asIs: false, vscode: false };

  const docs = (md: string) => (support.markdown ? { kind: MarkupKind.Markdown, value: md } : { kind: MarkupKind.PlainText, value: md });

  const convert = (lines: NonNullable<ReturnType<typeof getAnalysis>>['lines'], c: CoreItem): CompletionItem => {
    const newText = c.snippet && !support.snippets ? snippetToPlain(c.insertText) : c.insertText;
    const item: CompletionItem = {
      label: c.label,
      kind: KIND[c.kind],
      textEdit: { range: toRange(lines, c.start, c.end), newText },
      insertTextFormat: c.snippet && support.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    };
    if (support.asIs && newText.includes('\n')) item.insertTextMode = InsertTextMode.asIs;
    if (c.description && support.labelDetails) item.labelDetails = { description: c.description };
    const detail = c.detail ?? (!support.labelDetails ? c.description : undefined);
    if (detail) item.detail = detail;
    if (c.documentation) item.documentation = docs(c.documentation);
    if (c.sortText) item.sortText = c.sortText;
    if (c.filterText) item.filterText = c.filterText;
    if (c.deprecated) {
      if (support.deprecatedTag) item.tags = [CompletionItemTag.Deprecated];
      else item.deprecated = true;
    }
    if (c.retrigger && support.vscode) item.command = { title: 'Suggest', command: TRIGGER_SUGGEST };
    if (c.docs) item.data = { docs: c.docs } satisfies ItemData;
    return item;
  };

  connection.onCompletion(
    guardRequest(connection, 'completion', (): CompletionList => ({ isIncomplete: false, items: [] }), (p: CompletionParams): CompletionList => {
      if (!documents.get(p.textDocument.uri)) return { isIncomplete: false, items: [] };
      const a = getAnalysis(p.textDocument.uri);
      if (!a) return { isIncomplete: false, items: [] };
      const offset = a.lines.offsetAt(p.position);
      const trigger = p.context?.triggerKind === CompletionTriggerKind.TriggerCharacter ? p.context.triggerCharacter : undefined;
      const r = completion(a, offset, trigger ? { trigger } : {});
      return { isIncomplete: false, items: r.items.map((i) => convert(a.lines, i)) };
    }),
  );

  connection.onCompletionResolve((item: CompletionItem): CompletionItem => {
    try {
      const data = item.data as ItemData | undefined;
      if (data?.docs && !item.documentation) {
        const md = completionDocs(data.docs);
        if (md) item.documentation = docs(md);
      }
    } catch (e) {
      connection.console.error(`cfn-resilience: completionItem/resolve failed: ${errorText(e)}`);
    }
    return item;
  });

  return {
    capabilities(client: ClientCapabilities, clientName?: string): ServerCapabilities {
      const ci = client.textDocument?.completion?.completionItem;
      support.snippets = !!ci?.snippetSupport;
      support.labelDetails = !!ci?.labelDetailsSupport;
      const formats = ci?.documentationFormat;
      support.markdown = !formats || formats.includes(MarkupKind.Markdown);
      support.deprecatedTag = !!ci?.tagSupport?.valueSet?.includes(CompletionItemTag.Deprecated);
      support.asIs = !!ci?.insertTextModeSupport?.valueSet?.includes(InsertTextMode.asIs);
      support.vscode = /visual studio code|vscode|code-server|codium|cursor/i.test(clientName ?? '');
      return { completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: true } };
    },
  };
}
