#!/usr/bin/env node
'use strict';
// The language server over stdio (or --node-ipc / --socket=N, as vscode-languageserver accepts).
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}
require('../dist/server.js');
