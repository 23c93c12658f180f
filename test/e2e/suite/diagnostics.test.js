'use strict';
// Diagnostics pushed by the language server, as the editor shows them.
const assert = require('assert');
const h = require('./helpers');

suite('Diagnostics', () => {
  test('a !Ref to an undeclared name is reported on that name', async () => {
    const doc = await h.openFixture('broken-ref.yaml');
    const expected = h.rangeOf(doc, '!Ref DoesNotExist', 'DoesNotExist');
    const d = await h.waitForDiagnostic(doc.uri, (x) => h.codeOf(x) === 'reference-unknown-target');
    assert.strictEqual(d.source, h.SOURCE);
    assert.strictEqual(h.codeOf(d), 'reference-unknown-target');
    assert.strictEqual(d.range.start.line, expected.start.line, `start line (${h.fmt(d.range)} vs ${h.fmt(expected)})`);
    assert.strictEqual(d.range.start.character, expected.start.character,
      `start character (${h.fmt(d.range)} vs ${h.fmt(expected)})`);
    assert.ok(d.range.end.isEqual(expected.end), `end of range: got ${h.fmt(d.range)}, expected ${h.fmt(expected)}`);
  });

  test('a YAML file that is not a template gets no diagnostics', async () => {
    // Open the non-template first, then the template: once the template has its diagnostics the server has seen
    // both documents; give it a moment more, and the non-template must still have none of ours.
    const other = await h.openFixture('not-a-template.yaml');
    const template = await h.openFixture('broken-ref.yaml');
    await h.waitForDiagnostic(template.uri, (x) => h.codeOf(x) === 'reference-unknown-target');
    const settleUntil = Date.now() + 1500;
    while (Date.now() < settleUntil) {
      assert.deepStrictEqual(h.ourDiagnostics(other.uri).map((x) => x.message), [],
        `not-a-template.yaml got diagnostics: ${h.describeDiagnostics(other.uri)}`);
      await h.sleep(100);
    }
  });

  test('"Fix all resilience findings" comes with its edit once VS Code resolves it', async () => {
    const vscode = require('vscode');
    const doc = await h.openFixture('recovery.yaml');
    await h.waitForDiagnostic(doc.uri, (x) => h.codeOf(x) === 'database-deletion-protection');
    const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    // The server offers it without an edit (the passes re-analyze); resolving one item computes it.
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, whole, 'source.fixAll.cfn-resilience', 1);
    const fixAll = (actions || []).filter((a) => a.title === 'Fix all resilience findings');
    assert.strictEqual(fixAll.length, 1, JSON.stringify((actions || []).map((a) => a.title)));
    const edits = fixAll[0].edit && fixAll[0].edit.get(doc.uri);
    assert.ok(edits && edits.length === 1, 'one edit for the document');
    assert.match(edits[0].newText, /DeletionProtection: true/);
  });
});
