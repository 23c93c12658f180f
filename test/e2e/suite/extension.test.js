'use strict';
// The extension itself: activation and contributed commands.
const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const h = require('./helpers');

suite('Extension', () => {
  test('activates on a YAML file and registers its commands', async () => {
    const ext = vscode.extensions.getExtension(h.EXTENSION_ID);
    assert.ok(ext, `extension ${h.EXTENSION_ID} is not installed`);
    if (process.env.CFN_E2E_EXTENSION_ROOT) {
      // test/e2e/run.js says which copy must be under test (the source tree, or the installed .vsix)
      assert.strictEqual(fs.realpathSync(ext.extensionUri.fsPath), fs.realpathSync(process.env.CFN_E2E_EXTENSION_ROOT),
        'the extension was loaded from an unexpected folder');
    }
    await h.openFixture('broken-ref.yaml'); // activation must come from the activation events, not from us
    await h.waitFor(() => ext.isActive, { timeoutMs: 20000, describe: () => `${h.EXTENSION_ID} to activate` });

    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('cfnResilience.restartServer'), 'command cfnResilience.restartServer is not registered');
    const contributed = ((ext.packageJSON.contributes || {}).commands || []).map((c) => c.command);
    const missing = contributed.filter((c) => !commands.includes(c));
    assert.deepStrictEqual(missing, [], 'commands declared in package.json but not registered');
  });
});
