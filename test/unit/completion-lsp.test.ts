/**
 * Completion through the language server over stdio (`node dist/server.js --stdio`; run
 * `npm run build` first): the capability, text edits whose ranges are the token being typed
 * (YAML and JSON), snippets or plain text by client capability, label details, documentation on
 * `completionItem/resolve`, the re-trigger command for VS Code only, `insertTextMode: asIs`.
 */
import * as assert from 'assert';
import { existsSync } from 'fs';
import type { ClientCapabilities, CompletionItem, CompletionList, InitializeResult, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, SERVER, offsetAt, positionAt } from './lsp-harness';

class Client extends LspClient {
  private n = 0;

  /** Opens `src` (cursor marked with `|`) and asks for completion there. */
  async complete(src: string, ext: string, triggerCharacter?: string): Promise<{ text: string; items: CompletionItem[] }> {
    const at = src.indexOf('|');
    const text = src.slice(0, at) + src.slice(at + 1);
    const uri = `file:///tmp/authoring-lsp-${++this.n}.${ext}`;
    await this.open(uri, text, ext === 'json' ? 'json' : 'yaml');
    const position = positionAt(text, at);
    const context = triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 };
    const r = await this.conn.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position, context });
    return { text, items: r.items };
  }
}

function applied(text: string, item: CompletionItem): string {
  const e = item.textEdit as TextEdit;
  return text.slice(0, offsetAt(text, e.range.start)) + e.newText + text.slice(offsetAt(text, e.range.end));
}

function find(items: CompletionItem[], label: string): CompletionItem {
  const i = items.find((x) => x.label === label);
  assert.ok(i, `no ${label} among ${items.slice(0, 20).map((x) => x.label).join(', ')}`);
  return i;
}

const RICH: ClientCapabilities = {
  textDocument: {
    completion: {
      completionItem: {
        snippetSupport: true,
        labelDetailsSupport: true,
        documentationFormat: ['markdown', 'plaintext'],
        tagSupport: { valueSet: [1] },
        insertTextModeSupport: { valueSet: [1, 2] },
      },
    },
  },
};

const YAML = 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n';

describe('completion over LSP', function () {
  this.timeout(20000);

  describe('a rich client (VS Code)', () => {
    let c: Client;
    let init: InitializeResult;
    before(async () => {
      if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first`);
      c = new Client();
      init = await c.initialize(RICH, { clientInfo: { name: 'Visual Studio Code' } });
    });
    after(async () => c?.shutdown());

    it('announces completion with trigger characters and resolve', () => {
      assert.deepStrictEqual(init.capabilities.completionProvider, { triggerCharacters: [':', '.', '{', '"', ' ', '!'], resolveProvider: true });
    });

    it('completes a resource type in JSON with a range that is the string content only', async () => {
      const r = await c.complete('{"Resources": {"Bucket": {"Type": "AWS::S3::|", "Properties": {}}}}', 'json');
      const b = find(r.items, 'AWS::S3::Bucket');
      assert.strictEqual(applied(r.text, b), '{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {}}}}');
      assert.deepStrictEqual(b.labelDetails, { description: 'AWS::S3' });
      assert.strictEqual(b.documentation, undefined, 'documentation comes on resolve');
      const resolved = await c.conn.sendRequest<CompletionItem>('completionItem/resolve', b);
      assert.match((resolved.documentation as { value: string }).value, /aws-resource-s3-bucket\.html/);
    });

    it('inserts a property with its skeleton as a snippet, lines already indented (asIs)', async () => {
      const r = await c.complete(`${YAML}      Versio|\n`, 'yaml');
      const v = find(r.items, 'VersioningConfiguration');
      assert.strictEqual(v.insertTextFormat, 2);
      assert.strictEqual(v.insertTextMode, 1);
      assert.strictEqual((v.textEdit as TextEdit).newText, 'VersioningConfiguration:\n        Status: ${1|Enabled,Suspended|}');
      assert.strictEqual(v.kind, 10 /* Property */);
      assert.match((v.documentation as { value: string }).value, /cfn-s3-bucket-versioningconfiguration/);
    });

    it('reopens the list after Type: and !GetAtt X. in VS Code', async () => {
      const r = await c.complete('Resources:\n  Bucket:\n    Typ|\n', 'yaml');
      assert.deepStrictEqual(find(r.items, 'Type').command, { title: 'Suggest', command: 'editor.action.triggerSuggest' });
    });

    it('answers a trigger character: `.` after a GetAtt logical ID, a space after a colon', async () => {
      const r = await c.complete(`${YAML}      BucketName: !GetAtt Queue.|\n`, 'yaml', '.');
      assert.strictEqual(applied(r.text, find(r.items, 'QueueName')), `${YAML}      BucketName: !GetAtt Queue.QueueName\n`);
      const s = await c.complete(`${YAML}      VersioningConfiguration:\n        Status: |\n`, 'yaml', ' ');
      assert.deepStrictEqual(s.items.map((i) => i.label), ['Enabled', 'Suspended']);
      const free = await c.complete(`${YAML}      BucketName: |\n`, 'yaml', ' ');
      assert.deepStrictEqual(free.items, [], 'nothing pops up after a space in a free-text value');
    });

    it('answers nothing outside templates and for documents that are not open', async () => {
      assert.deepStrictEqual((await c.complete('name: build\non:\n  push: |\n', 'yaml')).items, []);
      const r = await c.conn.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri: 'file:///not/open.yaml' }, position: { line: 0, character: 0 } });
      assert.deepStrictEqual(r.items, []);
    });
  });

  describe('a minimal client (no snippets, plain text, not VS Code)', () => {
    let c: Client;
    before(async () => {
      c = new Client();
      await c.initialize({ textDocument: { completion: { completionItem: { documentationFormat: ['plaintext'] } } } }, { clientInfo: { name: 'Neovim' } });
    });
    after(async () => c?.shutdown());

    it('gets plain text with defaults, the description as detail, no command', async () => {
      const r = await c.complete(`${YAML}      Versio|\n`, 'yaml');
      const v = find(r.items, 'VersioningConfiguration');
      assert.strictEqual(v.insertTextFormat, 1);
      assert.strictEqual((v.textEdit as TextEdit).newText, 'VersioningConfiguration:\n        Status: Enabled');
      assert.strictEqual(v.insertTextMode, undefined);
      assert.strictEqual((v.documentation as { kind: string }).kind, 'plaintext');
      const t = await c.complete('Resources:\n  Bucket:\n    Typ|\n', 'yaml');
      assert.strictEqual(find(t.items, 'Type').command, undefined);
      const ty = await c.complete('Resources:\n  Bucket:\n    Type: AWS::S3::Buc|\n', 'yaml');
      assert.strictEqual(find(ty.items, 'AWS::S3::Bucket').detail, 'AWS::S3');
    });
  });
});
