'use strict';
// Navigation through the real editor commands: go to definition, find references, rename (and hover, outline,
// reference lenses), on test/e2e/workspace/navigation.yaml. Every expected position comes from the fixture text.
const assert = require('assert');
const vscode = require('vscode');
const h = require('./helpers');

const FIXTURE = 'navigation.yaml';

/** Location | LocationLink -> { uri, range } (the name range for links). */
function target(loc) {
  return loc.targetUri ? { uri: loc.targetUri, range: loc.targetSelectionRange || loc.targetRange } : { uri: loc.uri, range: loc.range };
}

const same = (a, b) => a.start.isEqual(b.start) && a.end.isEqual(b.end);

/** The position `delta` characters into `inner` of the `nth` `needle` (inside the name, not on its edge). */
function positionIn(doc, needle, inner = needle, nth = 0, delta = 1) {
  return h.rangeOf(doc, needle, inner, nth).start.translate(0, delta);
}

/** Ask the editor until our server answers (it may still be starting), only counting results in `doc`. */
async function definitionsOf(doc, position) {
  return h.waitFor(async () => {
    const r = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', doc.uri, position);
    const ours = (r || []).map(target).filter((l) => l.uri.toString() === doc.uri.toString());
    return ours.length ? ours : null;
  }, { timeoutMs: 30000, describe: () => `a definition at ${position.line}:${position.character}` });
}

/** Applies text edits to a string (positions from the document). */
function applied(doc, edits) {
  const text = doc.getText();
  const sorted = edits.map((e) => ({ s: doc.offsetAt(e.range.start), e: doc.offsetAt(e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  let out = text;
  for (const x of sorted) out = out.slice(0, x.s) + x.t + out.slice(x.e);
  return out;
}

function editsFor(workspaceEdit, uri) {
  const entry = workspaceEdit.entries().find(([u]) => u.toString() === uri.toString());
  return entry ? entry[1] : [];
}

suite('Navigation', () => {
  let doc;

  suiteSetup(async () => {
    doc = await h.openFixture(FIXTURE);
  });

  test('go to definition from Ref, GetAtt (both forms), Sub, DependsOn and a condition name', async () => {
    const queueKey = h.rangeOf(doc, '  OrdersQueue:', 'OrdersQueue');
    for (const [needle, inner] of [
      ['!Ref OrdersQueue', 'OrdersQueue'],
      ['!GetAtt OrdersQueue.Arn', 'OrdersQueue'],
      ['[OrdersQueue, Arn]', 'OrdersQueue'],
      ['${OrdersQueue.QueueName}', 'OrdersQueue'],
      ['DependsOn: [OrdersQueue]', 'OrdersQueue'],
    ]) {
      const defs = await definitionsOf(doc, positionIn(doc, needle, inner));
      assert.strictEqual(defs.length, 1, `${needle}: ${defs.map((d) => h.fmt(d.range)).join(', ')}`);
      assert.ok(same(defs[0].range, queueKey), `${needle}: got ${h.fmt(defs[0].range)}, expected ${h.fmt(queueKey)}`);
    }
    const stage = await definitionsOf(doc, positionIn(doc, '"orders-${Stage}"', 'Stage'));
    assert.ok(same(stage[0].range, h.rangeOf(doc, '  Stage:', 'Stage')), h.fmt(stage[0].range));
    const cond = await definitionsOf(doc, positionIn(doc, 'Condition: IsProd', 'IsProd'));
    assert.ok(same(cond[0].range, h.rangeOf(doc, '  IsProd:', 'IsProd')), h.fmt(cond[0].range));
  });

  test('find references lists the declaration and every use, and nothing else', async () => {
    await definitionsOf(doc, positionIn(doc, '!Ref OrdersQueue', 'OrdersQueue'));
    const locations = await vscode.commands.executeCommand('vscode.executeReferenceProvider', doc.uri, positionIn(doc, '  OrdersQueue:', 'OrdersQueue'));
    const ours = locations.filter((l) => l.uri.toString() === doc.uri.toString()).map((l) => l.range).sort((a, b) => a.start.compareTo(b.start));
    const expected = [
      h.rangeOf(doc, '  OrdersQueue:', 'OrdersQueue'),
      h.rangeOf(doc, '[OrdersQueue]', 'OrdersQueue'),
      h.rangeOf(doc, '${OrdersQueue.', 'OrdersQueue'),
      h.rangeOf(doc, '!GetAtt OrdersQueue', 'OrdersQueue'),
      h.rangeOf(doc, '[OrdersQueue, Arn]', 'OrdersQueue'),
      h.rangeOf(doc, '!Ref OrdersQueue', 'OrdersQueue'),
    ];
    assert.deepStrictEqual(ours.map(h.fmt), expected.map(h.fmt));
  });

  test('rename updates the key and every reference, inside Sub strings and the GetAtt dotted form too', async () => {
    await definitionsOf(doc, positionIn(doc, '!Ref OrdersQueue', 'OrdersQueue'));
    const edit = await vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', doc.uri, positionIn(doc, '!GetAtt OrdersQueue.Arn', 'OrdersQueue'), 'Inbox');
    const edits = editsFor(edit, doc.uri);
    assert.strictEqual(edits.length, 6, edits.map((e) => `${h.fmt(e.range)} ${e.newText}`).join(' | '));
    const out = applied(doc, edits);
    assert.strictEqual(out, doc.getText().split('OrdersQueue').join('Inbox'));
    assert.match(out, /TopicName: !Sub "\$\{Inbox\.QueueName\}-events"/);
    assert.match(out, /Endpoint: !GetAtt Inbox\.Arn/);
    // The rename is only computed: the document is untouched.
    assert.ok(doc.getText().includes('OrdersQueue:'));
  });

  test('rename of a parameter; a name that is not alphanumeric or clashes is refused with the reason', async () => {
    await definitionsOf(doc, positionIn(doc, '!Ref OrdersQueue', 'OrdersQueue'));
    const edit = await vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', doc.uri, positionIn(doc, '  Stage:', 'Stage'), 'Environment');
    const out = applied(doc, editsFor(edit, doc.uri));
    assert.strictEqual(out, doc.getText().replace('  Stage:', '  Environment:').replace('!Ref Stage', '!Ref Environment').replace('${Stage}', '${Environment}'));
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', doc.uri, positionIn(doc, '  OrdersTopic:', 'OrdersTopic'), 'Orders-Topic')),
      /alphanumeric/,
    );
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', doc.uri, positionIn(doc, '  OrdersTopic:', 'OrdersTopic'), 'Stage')),
      /share one namespace/,
    );
  });

  test('hover on a logical ID shows what it depends on and what uses it; outline and reference lenses', async () => {
    await definitionsOf(doc, positionIn(doc, '!Ref OrdersQueue', 'OrdersQueue'));
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, positionIn(doc, '!Ref OrdersQueue', 'OrdersQueue'));
    const text = hovers.flatMap((x) => x.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*Resource\*\* `OrdersQueue`/);
    assert.match(text, /\*\*Depends on\*\* \(1\)\n\n- `Stage` \(parameter\) — Sub/);
    assert.match(text, /\*\*Used by\*\* \(2\)\n\n- `OrdersTopic` \(AWS::SNS::Topic\) — DependsOn, Sub QueueName, GetAtt Arn\n- `QueueUrl` \(output\) — Ref/);

    const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
    const resources = symbols.find((s) => s.name === 'Resources');
    assert.ok(resources, `outline: ${symbols.map((s) => s.name).join(', ')}`);
    assert.deepStrictEqual(resources.children.map((c) => [c.name, c.detail]), [['OrdersQueue', 'AWS::SQS::Queue'], ['OrdersTopic', 'AWS::SNS::Topic']]);

    const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri);
    const queueLens = lenses.find((l) => same(l.range, h.rangeOf(doc, '  OrdersQueue:', 'OrdersQueue')));
    assert.ok(queueLens && queueLens.command, `lenses: ${lenses.map((l) => `${h.fmt(l.range)} ${l.command && l.command.title}`).join(' | ')}`);
    assert.strictEqual(queueLens.command.title, '5 references');
  });

  test('a click on a reference lens opens the references peek (arguments converted for VS Code)', async () => {
    await definitionsOf(doc, positionIn(doc, '!Ref OrdersQueue', 'OrdersQueue'));
    await vscode.window.showTextDocument(doc, { preview: false });
    const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri);
    const key = h.rangeOf(doc, '  OrdersQueue:', 'OrdersQueue');
    const lens = lenses.find((l) => same(l.range, key));
    assert.ok(lens && lens.command, 'a lens on OrdersQueue');
    const { command, arguments: args } = lens.command;
    assert.strictEqual(command, 'editor.action.showReferences');
    // what VS Code's command requires: (Uri, Position, Location[]); raw LSP JSON makes it throw "illegal argument"
    assert.ok(args[0] instanceof vscode.Uri, `uri argument: ${JSON.stringify(args[0])}`);
    assert.strictEqual(args[0].toString(), doc.uri.toString());
    assert.ok(args[1] instanceof vscode.Position && args[1].isEqual(key.start), `position argument: ${JSON.stringify(args[1])}`);
    assert.ok(Array.isArray(args[2]) && args[2].every((l) => l instanceof vscode.Location), 'locations argument');
    assert.strictEqual(args[2].length, 5);
    // a lens with no reference is plain text, not a command
    const topic = lenses.find((l) => same(l.range, h.rangeOf(doc, '  OrdersTopic:', 'OrdersTopic')));
    assert.ok(topic && topic.command && topic.command.title === '0 references' && !topic.command.command, JSON.stringify(topic && topic.command));

    // what a click does: run the lens's command with its arguments
    await vscode.commands.executeCommand(command, ...args);
    const peek = await h.webviewAction({ selector: '.monaco-editor .peekview-widget .ref-tree .monaco-list-row', action: 'count' });
    if (peek) assert.strictEqual(peek.count, 5, `rows in the references peek: ${JSON.stringify(peek)}`);
    await h.screenshot('references-peek');
    await vscode.commands.executeCommand('closeReferenceSearch');
  });
});
