'use strict';
// The dependency graph view ("CloudFormation: Show Dependency Graph") on test/e2e/workspace/graph.yaml: the command
// opens a webview that draws the server's laid-out graph, nodes carry the worst finding on them, a click on a node
// selects its key in the editor, and the graph follows edits and the active template. Expected names and positions
// come from the fixture text.
const assert = require('assert');
const vscode = require('vscode');
const h = require('./helpers');

const FIXTURE = 'graph.yaml';
const COMMAND = 'cfnResilience.showGraph';

/** Wait until the webview reports having drawn the graph of `doc` at its current version; returns the graph. */
const drawn = (graph, doc, what = 'the graph') => h.waitForView(graph, doc, `${what} to be drawn`);

const edge = (g, from, to) => g.edges.find((e) => e.from === from && e.to === to);
const node = (g, id) => g.nodes.find((n) => n.id === id);

suite('Dependency graph view', () => {
  let doc;
  let graph;

  suiteSetup(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    doc = await h.openFixture(FIXTURE);
    await h.waitForDiagnostic(doc.uri, (d) => h.codeOf(d) === 'reference-unknown-target');
    graph = (await h.extensionApi('graph')).graph;
  });

  suiteTeardown(() => h.revertAndCloseAll(doc));

  test('the command is contributed and opens a webview with the template\'s graph, laid out in lanes', async () => {
    h.assertContributed(COMMAND, 'CloudFormation: Show Dependency Graph');

    await vscode.commands.executeCommand(COMMAND);
    const g = await drawn(graph, doc);
    assert.ok(graph.visible, 'the panel is open');
    assert.strictEqual(g.state, 'ok');
    assert.strictEqual(g.templateKind, 'cloudformation');

    // every declared name is a node (pseudo-parameters are hidden by default), in the lane of its section or layer
    const declared = [...doc.getText().matchAll(/^(Parameters|Conditions|Mappings|Resources|Outputs):\n((?: {2}.*\n)+)/gm)]
      .flatMap(([, section, body]) => [...body.matchAll(/^ {2}(\w+):/gm)].map((m) => `${section}.${m[1]}`));
    assert.deepStrictEqual(g.nodes.map((n) => n.id).sort(), declared.sort());
    const lane = (id) => node(g, id).layer;
    assert.deepStrictEqual(
      ['Parameters.Stage', 'Conditions.IsProd', 'Mappings.Sizes', 'Resources.Vpc', 'Resources.Worker', 'Resources.JobsQueue', 'Resources.Database', 'Resources.WorkerRole', 'Resources.Alarm', 'Outputs.QueueUrl'].map(lane),
      ['parameter', 'condition', 'mapping', 'network', 'compute', 'integration', 'data', 'security', 'observability', 'output'],
    );
    assert.deepStrictEqual(g.lanes.map((l) => l.id), ['parameter', 'mapping', 'condition', 'compute', 'integration', 'data', 'security', 'network', 'observability', 'output']);
    // the dependent is left of its dependency; boxes lie inside the drawing
    for (const [from, to] of [['Resources.Worker', 'Resources.SubnetA'], ['Resources.SubnetA', 'Resources.Vpc'], ['Resources.JobsQueue', 'Resources.DeadLetters']]) {
      assert.ok(node(g, from).x + node(g, from).w <= node(g, to).x, `${from} left of ${to}`);
    }
    for (const n of g.nodes) assert.ok(n.x >= 0 && n.y >= 0 && n.x + n.w <= g.width && n.y + n.h <= g.height, `${n.id} inside the drawing`);

    // edges by kind, from the dependent to what it depends on, parallel references collapsed
    assert.deepStrictEqual(edge(g, 'Resources.Worker', 'Resources.JobsQueue').kinds, ['Sub', 'DependsOn']);
    assert.deepStrictEqual(edge(g, 'Resources.JobsQueue', 'Resources.DeadLetters').kinds, ['GetAtt']);
    assert.deepStrictEqual(edge(g, 'Resources.Worker', 'Mappings.Sizes').kinds, ['FindInMap']);
    assert.deepStrictEqual(edge(g, 'Resources.Worker', 'Parameters.Stage').kinds, ['Ref']);
    assert.deepStrictEqual(edge(g, 'Outputs.DatabaseEndpoint', 'Conditions.IsProd').kinds, ['Condition']);
    assert.ok(edge(g, 'Outputs.DatabaseEndpoint', 'Resources.Database'), 'output → database');
    for (const e of g.edges) assert.strictEqual(e.points.length, 4, `${e.from} → ${e.to} is routed`);

    // the webview drew all of it
    assert.strictEqual(graph.rendered.nodes, g.nodes.length, 'nodes drawn');
    assert.strictEqual(graph.rendered.edges, g.edges.length, 'edges drawn');
    const inView = await h.webviewAction({ selector: '#canvas .node', action: 'count' });
    if (inView) assert.strictEqual(inView.count, g.nodes.length, `nodes in the webview's DOM: ${JSON.stringify(inView)}`);
    await h.screenshot('graph-view');
  });

  test('nodes carry the worst finding on them', async () => {
    const g = await drawn(graph, doc);
    const worst = Object.fromEntries(g.nodes.filter((n) => n.severity).map((n) => [n.id, n.severity]));
    // Alarm: a broken !Ref (error); Database: MultiAZ false (warning); Worker: infos only
    assert.strictEqual(worst['Resources.Alarm'], 'error', JSON.stringify(worst));
    assert.strictEqual(worst['Resources.Database'], 'warning', JSON.stringify(worst));
    assert.strictEqual(worst['Resources.Worker'], 'info', JSON.stringify(worst));
    assert.strictEqual(worst['Resources.Vpc'], undefined, JSON.stringify(worst));
    const errors = await h.webviewAction({ selector: '#canvas .node.sev-error', action: 'count' });
    if (errors) assert.strictEqual(errors.count, 1, JSON.stringify(errors));
  });

  test('a click on a node selects its key in the editor', async function () {
    await drawn(graph, doc);
    // move the cursor away first, so the selection we check can only come from the click
    const editor = await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: false, viewColumn: vscode.ViewColumn.One });
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const clicked = await h.webviewAction({ selector: '#canvas .node[data-id="Resources.Database"]', action: 'click' });
    if (!clicked) this.skip(); // no run.js to click for us (desktop VS Code)
    assert.ok(clicked.ok, JSON.stringify(clicked));
    const key = h.rangeOf(doc, '\n  Database:', 'Database');
    await h.waitForSelection(doc, key);
  });

  test('the graph follows edits: a new resource, a fixed reference', async () => {
    const before = await drawn(graph, doc);
    assert.ok(!node(before, 'Resources.AlarmTopic'));
    const edit = new vscode.WorkspaceEdit();
    const outputs = doc.getText().indexOf('\nOutputs:') + 1;
    edit.insert(doc.uri, doc.positionAt(outputs), '  AlarmTopic:\n    Type: AWS::SNS::Topic\n');
    assert.ok(await vscode.workspace.applyEdit(edit), 'edit applied');
    const after = await drawn(graph, doc, 'the edited graph');
    assert.ok(node(after, 'Resources.AlarmTopic'), 'the new resource is a node');
    assert.deepStrictEqual(edge(after, 'Resources.Alarm', 'Resources.AlarmTopic').kinds, ['Ref']);
    assert.notStrictEqual(node(after, 'Resources.Alarm').severity, 'error', 'the broken reference is fixed');
    assert.strictEqual(graph.rendered.nodes, before.nodes.length + 1);
  });

  test('the graph follows the active editor to another template, and not to other YAML', async () => {
    const other = await h.openFixture('navigation.yaml');
    const g = await drawn(graph, other, 'the other template\'s graph');
    assert.ok(node(g, 'Resources.OrdersQueue'));
    await h.openFixture('not-a-template.yaml');
    await h.sleep(1000);
    assert.strictEqual(graph.rendered.uri, other.uri.toString(), 'a file that is not a template leaves the graph as it is');
  });
});
