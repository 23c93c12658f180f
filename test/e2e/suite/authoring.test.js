'use strict';
// Authoring in the real editor: completion (YAML and JSON, half-typed), hover from the schema, and snippet insertion
// (the inserted pattern must leave no diagnostic of ours). Fixtures: authoring.yaml, authoring.json, snippets.yaml,
// snippets.json in test/e2e/workspace; every expected position comes from the fixture text.
const assert = require('assert');
const vscode = require('vscode');
const h = require('./helpers');

/** The position right after `needle` (its `nth` occurrence). */
function after(doc, needle, nth = 0) {
  return h.rangeOf(doc, needle, needle, nth).end;
}

/** Our completion items at `position` (asked until the server answers; the snippet provider's are in the list too). */
async function completionsAt(doc, position, label, trigger) {
  return h.waitFor(async () => {
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, position, trigger);
    const items = (list && list.items) || [];
    return items.some((i) => labelOf(i) === label) ? items : null;
  }, { timeoutMs: 30000, describe: () => `a completion item ${label} at ${position.line}:${position.character}` });
}

const labelOf = (i) => (typeof i.label === 'string' ? i.label : i.label.label);

/** The range an item replaces (a Range, or {inserting, replacing}). */
const replaceRange = (i) => (i.range && i.range.replacing ? i.range.replacing : i.range);
const insertText = (i) => (typeof i.insertText === 'string' ? i.insertText : i.insertText.value);

async function hoverText(doc, position) {
  return h.waitFor(async () => {
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, position);
    const text = (hovers || []).flatMap((x) => x.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    return text.includes('AWS reference') ? text : null;
  }, { timeoutMs: 30000, describe: () => `a hover at ${position.line}:${position.character}` });
}

/** Puts the cursor at `position` of `doc` in the active editor. */
async function cursorAt(doc, position) {
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  editor.selection = new vscode.Selection(position, position);
  return editor;
}

suite('Authoring', () => {
  test('completes a property in half-typed YAML with its value skeleton, and a GetAtt attribute', async () => {
    const doc = await h.openFixture('authoring.yaml');
    const pos = after(doc, '      Versio');
    const items = await completionsAt(doc, pos, 'VersioningConfiguration');
    const item = items.find((i) => labelOf(i) === 'VersioningConfiguration');
    assert.ok(replaceRange(item).isEqual(h.rangeOf(doc, '      Versio', 'Versio')), `range ${h.fmt(replaceRange(item))}`);
    assert.strictEqual(insertText(item), 'VersioningConfiguration:\n        Status: ${1|Enabled,Suspended|}');
    assert.ok(!items.some((i) => labelOf(i) === 'BucketName'), 'a property already present is not offered');

    const attrs = await completionsAt(doc, after(doc, '!GetAtt OrdersQueue.'), 'QueueUrl', '.');
    const arn = attrs.find((i) => labelOf(i) === 'Arn');
    assert.ok(arn && replaceRange(arn).isEmpty, 'attributes are inserted after the dot');

    // The suggest widget as the user sees it (kept with --screenshot-dir).
    await cursorAt(doc, pos);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await h.sleep(1500);
    await h.screenshot('authoring-completion');
    await vscode.commands.executeCommand('hideSuggestWidget');
  });

  test('completes a resource type in JSON replacing only the string content', async () => {
    const doc = await h.openFixture('authoring.json');
    const items = await completionsAt(doc, after(doc, '"Type": "AWS::SQS::'), 'AWS::SQS::Queue');
    const item = items.find((i) => labelOf(i) === 'AWS::SQS::Queue');
    assert.ok(replaceRange(item).isEqual(h.rangeOf(doc, '"Type": "AWS::SQS::"', 'AWS::SQS::')), `range ${h.fmt(replaceRange(item))}`);
    assert.strictEqual(insertText(item), 'AWS::SQS::Queue');
  });

  test('hovers a property, a resource type and an intrinsic function with documentation and reference links', async () => {
    const doc = await h.openFixture('authoring.yaml');
    const prop = await hoverText(doc, h.rangeOf(doc, 'VisibilityTimeout: 180', 'VisibilityTimeout').start.translate(0, 2));
    assert.match(prop, /\*\*VisibilityTimeout\*\* — `Integer`/);
    assert.match(prop, /aws-resource-sqs-queue\.html#cfn-sqs-queue-visibilitytimeout/);
    const type = await hoverText(doc, h.rangeOf(doc, 'Type: AWS::S3::Bucket', 'AWS::S3::Bucket').start.translate(0, 3));
    assert.match(type, /\*\*AWS::S3::Bucket\*\* — resource type/);
    const sub = await hoverText(doc, h.rangeOf(doc, '!Sub', '!Sub').start.translate(0, 1));
    assert.match(sub, /\*\*Fn::Sub\*\* \(`!Sub`\) — intrinsic function/);
  });

  for (const [fixture, lang] of [['snippets.yaml', 'yaml'], ['snippets.json', 'json']]) {
    test(`inserts the SQS dead-letter snippet into ${fixture}: no diagnostic of ours remains`, async () => {
      const doc = await h.openFixture(fixture);
      const line = doc.lineAt(3);
      await cursorAt(doc, line.range.end);
      // The snippets are contributed for the language: their prefixes are offered where a resource goes.
      const offered = await completionsAt(doc, line.range.end, 'cfn-sqs-dlq');
      for (const p of ['cfn-rds-multi-az', 'cfn-vpc-2az', 'sam-function-sqs']) assert.ok(offered.some((i) => labelOf(i) === p), `snippet ${p} offered in ${lang}`);
      const ok = await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: lang, name: 'SQS queue with its dead-letter queue' });
      assert.notStrictEqual(ok, false);
      await h.waitFor(() => doc.getText().includes('OrdersDeadLetterQueue'), { describe: () => `the snippet in ${fixture}:\n${doc.getText()}` });
      // The server analyzes the new text: the hover on the inserted queue comes from it.
      await hoverText(doc, h.rangeOf(doc, 'AWS::SQS::Queue', 'AWS::SQS::Queue').start.translate(0, 3));
      // Past the server's debounce the diagnostics of the new version are in; none may stay for a while.
      await h.sleep(1500);
      await h.waitFor(() => h.ourDiagnostics(doc.uri).length === 0, { timeoutMs: 15000, describe: () => `no diagnostics on ${fixture}; have: ${h.describeDiagnostics(doc.uri)}\n${doc.getText()}` });
      const quietUntil = Date.now() + 1000;
      while (Date.now() < quietUntil) {
        assert.deepStrictEqual(h.ourDiagnostics(doc.uri).map((d) => d.message), [], `${fixture}:\n${doc.getText()}`);
        await h.sleep(100);
      }
      await h.screenshot(`authoring-snippet-${lang}`);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });
  }
});
