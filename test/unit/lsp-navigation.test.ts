/**
 * Navigation through the language server over stdio (`node dist/server.js --stdio`; run
 * `npm run build` first): definition, references, highlights, prepareRename/rename
 * WorkspaceEdits, the documentSymbol hierarchy, hover Markdown and reference code lenses,
 * with a rich client (links, hierarchical symbols, versioned and annotated edits) and a
 * minimal one (plain locations, flat symbols, `changes`).
 */
import * as assert from 'assert';
import { existsSync } from 'fs';
import type { ResponseError } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  CodeLens,
  DocumentHighlight,
  DocumentSymbol,
  Hover,
  InitializeResult,
  Location,
  LocationLink,
  MarkupContent,
  Position,
  PublishDiagnosticsParams,
  Range,
  SymbolInformation,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { LspClient, SERVER, applyEdits, offsetAt, positionAt } from './lsp-harness';

class Server extends LspClient {
  request<R>(method: string, uri: string, position?: Position, extra: object = {}): Promise<R> {
    return this.conn.sendRequest(method, { textDocument: { uri }, ...(position ? { position } : {}), ...extra });
  }

  diagnostics(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.waitFor(() => this.published.find((p) => p.uri === uri && p.version === version), () => `no diagnostics for ${uri} v${version}\n${this.stderr}`);
  }
}

/** Position of `inner` inside the `nth` occurrence of `needle` (plus `delta` characters). */
function pos(text: string, needle: string, inner = needle, nth = 0, delta = 0): Position {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `no occurrence #${nth} of ${needle}`);
  }
  return positionAt(text, i + needle.indexOf(inner) + delta);
}

function range(text: string, needle: string, inner = needle, nth = 0): Range {
  const start = pos(text, needle, inner, nth);
  return { start, end: { line: start.line, character: start.character + inner.length } };
}

const slice = (text: string, r: Range) => text.slice(offsetAt(text, r.start), offsetAt(text, r.end));

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Condition: IsProd
  Worker:
    Type: AWS::Lambda::Function
    DependsOn: [Queue]
    Properties:
      Role: !Sub "arn:aws:iam::\${AWS::AccountId}:role/\${Env}"
      Code: { ZipFile: "x" }
      Handler: index.handler
      Runtime: nodejs20.x
      Environment:
        Variables:
          QUEUE: !GetAtt Queue.Arn
          URL: !Sub "\${Queue.QueueUrl}"
Outputs:
  QueueUrl:
    Value: !Ref Queue
    Condition: IsProd
`;

const RICH: ClientCapabilities = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: false } } },
  textDocument: {
    publishDiagnostics: { versionSupport: true },
    definition: { linkSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    rename: { prepareSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

describe('language server: navigation (stdio)', function () {
  this.timeout(20000);
  let s: Server;
  let init: InitializeResult;
  let n = 0;
  const uri = (ext = 'yaml') => `file:///work/nav${++n}/template.${ext}`;

  before(async function () {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first`);
    s = new Server();
    init = await s.initialize(RICH);
  });

  after(async () => {
    await s?.shutdown();
  });

  it('announces the navigation capabilities', () => {
    const c = init.capabilities;
    assert.strictEqual(c.definitionProvider, true);
    assert.strictEqual(c.referencesProvider, true);
    assert.strictEqual(c.documentHighlightProvider, true);
    assert.strictEqual(c.hoverProvider, true);
    assert.deepStrictEqual(c.renameProvider, { prepareProvider: true });
    assert.deepStrictEqual(c.documentSymbolProvider, { label: 'CloudFormation' });
    assert.deepStrictEqual(c.codeLensProvider, { resolveProvider: false });
  });

  it('goes to the definition with a link from the exact name (Ref, GetAtt, Sub, DependsOn, Condition)', async () => {
    const u = uri();
    await s.open(u, TEMPLATE);
    const key = range(TEMPLATE, '  Queue:', 'Queue');
    for (const [needle, inner] of [
      ['!Ref Queue', 'Queue'],
      ['!GetAtt Queue.Arn', 'Queue'],
      ['${Queue.QueueUrl}', 'Queue'],
      ['[Queue]', 'Queue'],
    ]) {
      const links = await s.request<LocationLink[]>('textDocument/definition', u, pos(TEMPLATE, needle, inner, 0, 2));
      assert.strictEqual(links.length, 1, needle);
      assert.deepStrictEqual(links[0].originSelectionRange, range(TEMPLATE, needle, inner), needle);
      assert.deepStrictEqual(links[0].targetSelectionRange, key, needle);
      assert.strictEqual(links[0].targetUri, u);
      assert.strictEqual(slice(TEMPLATE, links[0].targetRange), 'Queue:\n    Type: AWS::SQS::Queue\n    Condition: IsProd');
    }
    const cond = await s.request<LocationLink[]>('textDocument/definition', u, pos(TEMPLATE, 'Condition: IsProd', 'IsProd', 1));
    assert.deepStrictEqual(cond.map((l) => l.targetSelectionRange), [range(TEMPLATE, '  IsProd:', 'IsProd')]);
    assert.deepStrictEqual(await s.request('textDocument/definition', u, pos(TEMPLATE, '${AWS::AccountId}', 'AWS')), []);
    assert.deepStrictEqual(await s.request('textDocument/definition', u, pos(TEMPLATE, 'Handler: index', 'index')), []);
  });

  it('finds references, with and without the declaration, and highlights them', async () => {
    const u = uri();
    await s.open(u, TEMPLATE);
    const p = pos(TEMPLATE, '  Queue:', 'Queue');
    const without = await s.request<Location[]>('textDocument/references', u, p, { context: { includeDeclaration: false } });
    const expected = [range(TEMPLATE, '[Queue]', 'Queue'), range(TEMPLATE, '!GetAtt Queue', 'Queue'), range(TEMPLATE, '${Queue.', 'Queue'), range(TEMPLATE, '!Ref Queue', 'Queue')];
    assert.deepStrictEqual(without, expected.map((r) => ({ uri: u, range: r })));
    const withDecl = await s.request<Location[]>('textDocument/references', u, p, { context: { includeDeclaration: true } });
    assert.deepStrictEqual(withDecl.map((l) => l.range), [range(TEMPLATE, '  Queue:', 'Queue'), ...expected]);
    const hs = await s.request<DocumentHighlight[]>('textDocument/documentHighlight', u, pos(TEMPLATE, '!Ref Env', 'Env'));
    assert.deepStrictEqual(hs, [
      { range: range(TEMPLATE, '  Env:', 'Env'), kind: 3 },
      { range: range(TEMPLATE, '!Ref Env', 'Env'), kind: 2 },
      { range: range(TEMPLATE, '/${Env}', 'Env'), kind: 2 },
    ]);
  });

  it('prepares a rename (range and placeholder) or says why not', async () => {
    const u = uri();
    await s.open(u, TEMPLATE);
    assert.deepStrictEqual(await s.request('textDocument/prepareRename', u, pos(TEMPLATE, '${Queue.', 'Queue')), { range: range(TEMPLATE, '${Queue.', 'Queue'), placeholder: 'Queue' });
    assert.strictEqual(await s.request('textDocument/prepareRename', u, pos(TEMPLATE, 'Runtime')), null);
    await assert.rejects(s.request('textDocument/prepareRename', u, pos(TEMPLATE, '${AWS::AccountId}', 'AWS')), (e: ResponseError<unknown>) => {
      assert.match(e.message, /pseudo parameter that CloudFormation defines/);
      return true;
    });
  });

  it('renames with one versioned WorkspaceEdit; the result analyzes clean', async () => {
    const u = uri();
    await s.open(u, TEMPLATE);
    await s.diagnostics(u, 1);
    const edit = await s.request<WorkspaceEdit>('textDocument/rename', u, pos(TEMPLATE, '!Ref Env', 'Env'), { newName: 'Stage' });
    assert.strictEqual(edit.changes, undefined);
    assert.strictEqual(edit.changeAnnotations, undefined);
    const [doc] = edit.documentChanges as TextDocumentEdit[];
    assert.deepStrictEqual(doc.textDocument, { uri: u, version: 1 });
    const out = applyEdits(TEMPLATE, doc.edits as TextEdit[]);
    assert.strictEqual(out, TEMPLATE.replace('  Env:', '  Stage:').replace('!Ref Env', '!Ref Stage').replace('/${Env}', '/${Stage}'));
    const u2 = uri();
    await s.open(u2, out);
    assert.deepStrictEqual((await s.diagnostics(u2, 1)).diagnostics.filter((d) => d.code === 'reference-unknown-target'), []);
  });

  it('asks for confirmation when a rename replaces a resource holding data', async () => {
    const u = uri();
    await s.open(u, TEMPLATE);
    const edit = await s.request<WorkspaceEdit>('textDocument/rename', u, pos(TEMPLATE, '  Queue:', 'Queue'), { newName: 'Inbox' });
    const [doc] = edit.documentChanges as TextDocumentEdit[];
    assert.strictEqual(doc.edits.length, 5);
    for (const e of doc.edits) assert.strictEqual((e as { annotationId?: string }).annotationId, 'cfn-resilience.replacement');
    const ann = edit.changeAnnotations!['cfn-resilience.replacement'];
    assert.strictEqual(ann.needsConfirmation, true);
    assert.strictEqual(ann.label, 'Rename replaces Queue when deployed');
    assert.match(ann.description!, /Queue \(AWS::SQS::Queue\) holds data/);
    const out = applyEdits(TEMPLATE, doc.edits as TextEdit[]);
    assert.match(out, /DependsOn: \[Inbox\][\s\S]*!GetAtt Inbox\.Arn[\s\S]*\$\{Inbox\.QueueUrl\}[\s\S]*!Ref Inbox\n/);
  });

  it('refuses an invalid or clashing name with the reason', async () => {
    const u = uri();
    await s.open(u, TEMPLATE);
    for (const [newName, re] of [
      ['My-Queue', /must be alphanumeric/],
      ['Env', /already the name of a parameter\. Parameters and resources share one namespace/],
    ] as const) {
      await assert.rejects(s.request('textDocument/rename', u, pos(TEMPLATE, '  Worker:', 'Worker'), { newName }), (e: ResponseError<unknown>) => {
        assert.match(e.message, re);
        return true;
      });
    }
  });

  it('outlines the template as a hierarchy of sections and entries', async () => {
    const u = uri();
    await s.open(u, TEMPLATE);
    const symbols = await s.request<DocumentSymbol[]>('textDocument/documentSymbol', u);
    const shape = (d: DocumentSymbol): unknown => [d.name, d.kind, d.detail ?? null, ...(d.children ? [d.children.map(shape)] : [])];
    assert.deepStrictEqual(symbols.map(shape), [
      ['AWSTemplateFormatVersion', 2, '2010-09-09'],
      ['Parameters', 3, null, [['Env', 13, 'String']]],
      ['Conditions', 3, null, [['IsProd', 17, null]]],
      [
        'Resources',
        3,
        null,
        [
          ['Queue', 24, 'AWS::SQS::Queue'],
          ['Worker', 12, 'AWS::Lambda::Function'],
        ],
      ],
      ['Outputs', 3, null, [['QueueUrl', 7, null]]],
    ]);
    const queue = symbols[3].children![0];
    assert.deepStrictEqual(queue.selectionRange, range(TEMPLATE, '  Queue:', 'Queue'));
    assert.deepStrictEqual(queue.range.start, queue.selectionRange.start);
    assert.deepStrictEqual(queue.range.end, pos(TEMPLATE, 'Condition: IsProd', 'Condition: IsProd', 0, 17));
  });

  it('hovers a logical ID with its type, dependencies and dependents; null elsewhere', async () => {
    const u = uri();
    await s.open(u, TEMPLATE);
    const h = await s.request<Hover>('textDocument/hover', u, pos(TEMPLATE, '!GetAtt Queue.Arn', 'Queue'));
    assert.deepStrictEqual(h.range, range(TEMPLATE, '!GetAtt Queue.Arn', 'Queue'));
    const md = h.contents as MarkupContent;
    assert.strictEqual(md.kind, 'markdown');
    assert.match(md.value, /^\*\*Resource\*\* `Queue` — \[AWS::SQS::Queue\]\(https:\/\/docs\.aws\.amazon\.com\/[^)]*aws-resource-sqs-queue\.html\)/);
    assert.match(md.value, /\*\*Depends on\*\* \(1\)\n\n- `IsProd` \(condition\) — Condition/);
    assert.match(md.value, /\*\*Used by\*\* \(2\)\n\n- `Worker` \(AWS::Lambda::Function\) — DependsOn, GetAtt Arn, Sub QueueUrl\n- `QueueUrl` \(output\) — Ref/);
    const worker = (await s.request<Hover>('textDocument/hover', u, pos(TEMPLATE, '  Worker:', 'Worker'))).contents as MarkupContent;
    assert.match(worker.value, /\*\*Depends on\*\* \(3\)\n\n- `Queue` \(AWS::SQS::Queue\) — DependsOn, GetAtt Arn, Sub QueueUrl\n- `AWS::AccountId` \(pseudo parameter\) — Sub\n- `Env` \(parameter\) — Sub/);
    assert.strictEqual(await s.request('textDocument/hover', u, pos(TEMPLATE, 'Runtime: nodejs', 'nodejs')), null);
    assert.strictEqual(await s.request('textDocument/hover', u, { line: 999, character: 0 }), null);
    assert.strictEqual(await s.request('textDocument/hover', 'file:///not/open.yaml', { line: 0, character: 0 }), null);
  });

  it('puts an "N references" lens on each entity, opening the references', async () => {
    const u = uri();
    await s.open(u, TEMPLATE);
    const lenses = await s.request<CodeLens[]>('textDocument/codeLens', u);
    assert.deepStrictEqual(
      lenses.map((l) => [slice(TEMPLATE, l.range), l.command?.title, l.command?.command]),
      [
        ['Env', '2 references', 'editor.action.showReferences'],
        ['IsProd', '2 references', 'editor.action.showReferences'],
        ['Queue', '4 references', 'editor.action.showReferences'],
        ['Worker', '0 references', ''],
      ],
    );
    const queue = lenses[2];
    const [argUri, argPos, locations] = queue.command!.arguments as [string, Position, Location[]];
    assert.strictEqual(argUri, u);
    assert.deepStrictEqual(argPos, range(TEMPLATE, '  Queue:', 'Queue').start);
    assert.deepStrictEqual(
      locations.map((l) => [l.uri, slice(TEMPLATE, l.range), l.range.start.line]),
      [
        [u, 'Queue', pos(TEMPLATE, '[Queue]').line],
        [u, 'Queue', pos(TEMPLATE, '!GetAtt Queue').line],
        [u, 'Queue', pos(TEMPLATE, '${Queue.').line],
        [u, 'Queue', pos(TEMPLATE, '!Ref Queue').line],
      ],
    );
  });

  it('answers on the current version after an edit, and with nothing for non-templates', async () => {
    const u = uri();
    await s.open(u, TEMPLATE);
    const changed = TEMPLATE.replace('!Ref Queue\n', '!Ref Worker\n');
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [{ text: changed }] });
    const refs = await s.request<Location[]>('textDocument/references', u, pos(changed, '  Worker:', 'Worker'), { context: { includeDeclaration: false } });
    assert.deepStrictEqual(refs.map((l) => l.range), [range(changed, '!Ref Worker', 'Worker')]);
    const other = uri();
    const compose = 'services:\n  web:\n    image: nginx\n';
    await s.open(other, compose);
    assert.deepStrictEqual(await s.request('textDocument/documentSymbol', other), []);
    assert.deepStrictEqual(await s.request('textDocument/codeLens', other), []);
    assert.strictEqual(await s.request('textDocument/hover', other, { line: 1, character: 3 }), null);
    assert.deepStrictEqual(await s.request('textDocument/definition', other, { line: 1, character: 3 }), []);
  });

  it('navigates JSON templates too', async () => {
    const u = uri('json');
    const text = JSON.stringify({ Resources: { Bucket: { Type: 'AWS::S3::Bucket' }, Topic: { Type: 'AWS::SNS::Topic', DependsOn: 'Bucket', Properties: { TopicName: { 'Fn::Sub': '${Bucket.Arn}' }, DisplayName: { 'Fn::GetAtt': ['Bucket', 'Arn'] } } } } }, null, 2);
    await s.open(u, text, 'json');
    const refs = await s.request<Location[]>('textDocument/references', u, pos(text, '"Bucket": {', 'Bucket'), { context: { includeDeclaration: true } });
    assert.deepStrictEqual(refs.map((l) => slice(text, l.range)), ['Bucket', 'Bucket', 'Bucket', 'Bucket']);
    const edit = await s.request<WorkspaceEdit>('textDocument/rename', u, pos(text, '"DependsOn": "Bucket"', 'Bucket'), { newName: 'Store' });
    const out = applyEdits(text, (edit.documentChanges as TextDocumentEdit[])[0].edits as TextEdit[]);
    const o = JSON.parse(out);
    assert.deepStrictEqual(Object.keys(o.Resources), ['Store', 'Topic']);
    assert.deepStrictEqual(o.Resources.Topic.DependsOn, 'Store');
    assert.deepStrictEqual(o.Resources.Topic.Properties, { TopicName: { 'Fn::Sub': '${Store.Arn}' }, DisplayName: { 'Fn::GetAtt': ['Store', 'Arn'] } });
  });
});

describe('language server: navigation with a minimal client', function () {
  this.timeout(20000);
  let s: Server;
  let init: InitializeResult;
  const u = 'file:///work/minimal/template.yaml';

  before(async function () {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first`);
    s = new Server();
    init = await s.initialize({ textDocument: { hover: { contentFormat: ['plaintext'] } } });
    await s.open(u, TEMPLATE);
  });

  after(async () => {
    await s?.shutdown();
  });

  it('announces rename without prepare, and answers with Locations, flat symbols, changes and plain text', async () => {
    assert.strictEqual(init.capabilities.renameProvider, true);
    const defs = await s.request<Location[]>('textDocument/definition', u, pos(TEMPLATE, '!Ref Queue', 'Queue'));
    assert.deepStrictEqual(defs, [{ uri: u, range: range(TEMPLATE, '  Queue:', 'Queue') }]);
    const symbols = await s.request<SymbolInformation[]>('textDocument/documentSymbol', u);
    assert.deepStrictEqual(
      symbols.filter((x) => x.containerName === 'Resources').map((x) => [x.name, x.kind, x.location.uri]),
      [
        ['Queue', 24, u],
        ['Worker', 12, u],
      ],
    );
    const edit = await s.request<WorkspaceEdit>('textDocument/rename', u, pos(TEMPLATE, '  Queue:', 'Queue'), { newName: 'Inbox' });
    assert.strictEqual(edit.documentChanges, undefined);
    assert.strictEqual(edit.changes![u].length, 5);
    const h = await s.request<Hover>('textDocument/hover', u, pos(TEMPLATE, '  Env:', 'Env'));
    assert.strictEqual((h.contents as MarkupContent).kind, 'plaintext');
  });
});
