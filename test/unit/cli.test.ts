/**
 * The CLI as a user runs it: `node bin/cfn-resilience.js` (the bundled dist/cli.js, so run
 * `npm run build` first) in a child process, in a scratch folder.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';

const repoRoot = path.resolve(__dirname, '../../..');
const BIN = path.join(repoRoot, 'bin/cfn-resilience.js');
const NON_TEMPLATES = path.join(repoRoot, 'test/fixtures/non-templates');
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let work = '';

function run(...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 20000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(rel: string, text: string): void {
  const file = path.join(work, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** The 1-based line and column of `needle` in a fixture file (the n-th occurrence). */
function locate(rel: string, needle: string, nth = 0): { line: number; column: number } {
  const text = fs.readFileSync(path.join(work, rel), 'utf8');
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in ${rel}`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

const BROKEN_REF = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !Ref Kye
      DisplayName: !GetAtt Queue.QueueName
`;

const SYNTAX = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Queue:
    Type: AWS::SQS::Queue
`;

const JSON_TEMPLATE = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Bucket": { "Type": "AWS::S3::Bucket", "DependsOn": "Missing" }
  }
}
`;

const SAM = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      InlineCode: exports.handler = async () => 1;
Outputs:
  Role:
    Value: !GetAtt FnRole.Arn
`;

describe('CLI (bin/cfn-resilience.js)', function () {
  this.timeout(30000);

  before(function () {
    assert.ok(fs.existsSync(path.join(repoRoot, 'dist/cli.js')), 'dist/cli.js is missing: run `npm run build` first');
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'cfnr-cli-'));
    write('infra/broken-ref.yaml', BROKEN_REF);
    write('infra/syntax.yml', SYNTAX);
    write('infra/nested/deeper/bucket.json', JSON_TEMPLATE);
    write('infra/nested/app.template', BROKEN_REF);
    write('infra/sam/template.yaml', SAM);
    write('infra/node_modules/pkg/template.yaml', SYNTAX);
    write('infra/.git/template.yaml', SYNTAX);
    write('infra/notes.txt', SYNTAX);
    for (const f of fs.readdirSync(NON_TEMPLATES)) fs.copyFileSync(path.join(NON_TEMPLATES, f), path.join(work, 'infra', f));
  });

  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  describe('exit codes and usage errors', () => {
    it('--version and --help exit 0', () => {
      const v = run('--version');
      assert.deepStrictEqual([v.code, v.stdout.trim(), v.stderr], [0, pkg.version, '']);
      const h = run('--help');
      assert.strictEqual(h.code, 0);
      assert.match(h.stdout, /cfn-resilience check \[--format text\|json\|sarif\] \[--fail-on error\|warning\|info\|none\]/);
    });

    const USAGE_ERRORS: [string[], RegExp][] = [
      [[], /^cfn-resilience: missing command$/],
      [['lint', 'x.yaml'], /^cfn-resilience: unknown command "lint"$/],
      [['check', '--bogus', 'infra'], /^cfn-resilience: unknown option --bogus$/],
      [['check', '--format', 'xml', 'infra'], /^cfn-resilience: --format must be one of text, json, sarif \(got "xml"\)$/],
      [['check', '--fail-on', 'fatal', 'infra'], /^cfn-resilience: --fail-on must be one of error, warning, info, none \(got "fatal"\)$/],
      [['check'], /^cfn-resilience: check needs at least one PATH/],
      [['check', '--max-file-size', '-3', 'infra'], /^cfn-resilience: --max-file-size must be a positive number/],
      [['graph', 'a.yaml', 'b.yaml'], /^cfn-resilience: graph needs exactly one FILE$/],
      [['graph', '--format', 'png', 'infra/broken-ref.yaml'], /^cfn-resilience: --format must be one of json, dot, mermaid/],
    ];
    for (const [args, message] of USAGE_ERRORS) {
      it(`${JSON.stringify(args)} → exit 2, exactly one error line, no usage dump, no stack trace`, () => {
        const r = run(...args);
        assert.strictEqual(r.code, 2);
        assert.strictEqual(r.stdout, '');
        const lines = r.stderr.trimEnd().split('\n');
        assert.strictEqual(lines.length, 1, r.stderr);
        assert.match(lines[0].replace(/ \(see cfn-resilience --help\)$/, ''), message);
        assert.match(lines[0], / \(see cfn-resilience --help\)$/);
        assert.ok(!/Usage:/.test(r.stderr), `no usage dump:\n${r.stderr}`);
      });
    }

    it('a missing file → exit 2 with exactly one stderr line, nothing on stdout', () => {
      for (const args of [['check', '--format', 'json', 'infra/broken-ref.yaml', 'nope/missing.yaml'], ['graph', 'missing.yaml']]) {
        const r = run(...args);
        assert.strictEqual(r.code, 2, args.join(' '));
        assert.strictEqual(r.stdout, '');
        const lines = r.stderr.trimEnd().split('\n');
        assert.strictEqual(lines.length, 1, r.stderr);
        assert.match(lines[0], /^cfn-resilience: no such file( or directory)?: \S*missing\.yaml$/);
      }
    });

    it('a missing --config file → exit 2, one line', () => {
      const r = run('check', '--config', 'nope.yaml', 'infra/broken-ref.yaml');
      assert.strictEqual(r.code, 2);
      assert.deepStrictEqual(r.stderr.trimEnd().split('\n').length, 1);
      assert.match(r.stderr, /^cfn-resilience: cannot read config nope\.yaml/);
    });

    it('an error finding → exit 1 (default --fail-on error); --fail-on none → exit 0', () => {
      assert.strictEqual(run('check', 'infra/syntax.yml').code, 1);
      assert.strictEqual(run('check', '--fail-on', 'none', 'infra/syntax.yml').code, 0);
      assert.strictEqual(run('check', '--fail-on=none', 'infra/syntax.yml').code, 0);
    });

    it('an explicitly named non-template → exit 0 at every --fail-on level', () => {
      for (const level of ['error', 'warning', 'info']) assert.strictEqual(run('check', '--fail-on', level, 'infra/package.json', 'infra/github-workflow.yml').code, 0);
    });

    it('--fail-on error|warning|info: exit 1 exactly when a finding reaches the level', () => {
      const rank: Record<string, number> = { info: 1, warning: 2, error: 3 };
      // As is, then with a config that lowers the two rules to warnings.
      write('warn.yaml', 'rules:\n  reference-unknown-target: warning\n  syntax-error: warning\n');
      for (const config of [[], ['--config', 'warn.yaml']]) {
        const json = JSON.parse(run('check', '--format', 'json', '--fail-on', 'none', ...config, 'infra/broken-ref.yaml').stdout);
        const worst = Math.max(0, ...json.files.flatMap((f: { findings: { severity: string }[] }) => f.findings.map((x) => rank[x.severity])));
        assert.ok(worst > 0, 'the file has findings');
        for (const level of ['error', 'warning', 'info']) {
          const r = run('check', '--fail-on', level, ...config, 'infra/broken-ref.yaml');
          assert.strictEqual(r.code, worst >= rank[level] ? 1 : 0, `config ${config.join(' ') || 'none'} --fail-on ${level}`);
        }
        const ref = json.files[0].findings.find((x: { rule: string }) => x.rule === 'reference-unknown-target');
        assert.strictEqual(ref.severity, config.length ? 'warning' : 'error');
      }
    });
  });

  describe('check --format json: the contract', () => {
    let result: any;
    before(() => {
      const r = run('check', '--format', 'json', '--fail-on', 'none', 'infra', 'infra/package.json');
      assert.strictEqual(r.code, 0);
      assert.strictEqual(r.stderr, '');
      result = JSON.parse(r.stdout);
    });

    it('directories are walked recursively; non-templates, node_modules, .git and other extensions are skipped', () => {
      assert.deepStrictEqual(
        result.files.map((f: { file: string; template: string }) => [f.file.split(path.sep).join('/'), f.template]),
        [
          ['infra/broken-ref.yaml', 'cloudformation'],
          ['infra/nested/app.template', 'cloudformation'],
          ['infra/nested/deeper/bucket.json', 'cloudformation'],
          ['infra/sam/template.yaml', 'sam'],
          ['infra/syntax.yml', 'cloudformation'],
          // Named on the command line: reported although it is not a template.
          ['infra/package.json', 'none'],
        ],
      );
      assert.deepStrictEqual(result.files[5].findings, []);
    });

    it('every field has the documented type; lines and columns are 1-based and ordered', () => {
      assert.deepStrictEqual(Object.keys(result).sort(), ['files', 'summary', 'version']);
      assert.strictEqual(result.version, 1);
      const AREAS = ['syntax', 'schema', 'reference', 'high-availability', 'fault-tolerance', 'disaster-recovery', 'scalability', 'serverless'];
      const REQUIRED = ['rule', 'area', 'severity', 'message', 'resource', 'line', 'column', 'endLine', 'endColumn'];
      let n = 0;
      for (const f of result.files) {
        assert.deepStrictEqual(Object.keys(f).sort(), ['file', 'findings', 'template']);
        assert.strictEqual(typeof f.file, 'string');
        assert.ok(['cloudformation', 'sam', 'none'].includes(f.template));
        assert.ok(Array.isArray(f.findings));
        const lines = fs.readFileSync(path.join(work, f.file), 'utf8').split(/\r?\n/);
        for (const x of f.findings) {
          n++;
          for (const k of REQUIRED) assert.ok(k in x, `${k} missing in ${JSON.stringify(x)}`);
          // The only extra field is the documented `fixable` flag.
          assert.deepStrictEqual(Object.keys(x).filter((k) => !REQUIRED.includes(k)), ['fixable']);
          assert.strictEqual(typeof x.fixable, 'boolean');
          assert.match(x.rule, /^[a-z0-9]+(-[a-z0-9]+)*$/);
          assert.ok(AREAS.includes(x.area), x.area);
          assert.ok(['error', 'warning', 'info'].includes(x.severity));
          assert.ok(typeof x.message === 'string' && x.message.length > 0);
          assert.ok(x.resource === null || typeof x.resource === 'string');
          for (const k of ['line', 'column', 'endLine', 'endColumn']) assert.ok(Number.isInteger(x[k]) && x[k] >= 1, `${k}=${x[k]}`);
          assert.ok(x.endLine > x.line || (x.endLine === x.line && x.endColumn >= x.column));
          assert.ok(x.line <= lines.length && x.endLine <= lines.length + 1);
          assert.ok(x.column <= lines[x.line - 1].length + 1, 'column within the line');
        }
      }
      assert.ok(n >= 4, `${n} findings`);
    });

    it('summary counts agree with the findings', () => {
      const all = result.files.flatMap((f: { findings: { severity: string }[] }) => f.findings);
      assert.deepStrictEqual(result.summary, {
        files: result.files.length,
        errors: all.filter((x: { severity: string }) => x.severity === 'error').length,
        warnings: all.filter((x: { severity: string }) => x.severity === 'warning').length,
        infos: all.filter((x: { severity: string }) => x.severity === 'info').length,
      });
    });

    it('the reference and syntax findings are where the text says', () => {
      const find = (file: string, rule: string) => result.files.find((f: { file: string }) => f.file.split(path.sep).join('/') === file).findings.filter((x: { rule: string }) => x.rule === rule);
      const [ref] = find('infra/broken-ref.yaml', 'reference-unknown-target');
      const kye = locate('infra/broken-ref.yaml', 'Kye');
      assert.deepStrictEqual(
        [ref.line, ref.column, ref.endLine, ref.endColumn, ref.resource, ref.severity, ref.area, ref.fixable],
        [kye.line, kye.column, kye.line, kye.column + 3, 'Topic', 'error', 'reference', false],
      );
      const [dup] = find('infra/syntax.yml', 'syntax-error');
      const second = locate('infra/syntax.yml', 'Queue:', 1);
      assert.deepStrictEqual([dup.line, dup.column, dup.endLine, dup.endColumn, dup.area], [second.line, second.column, second.line, second.column + 5, 'syntax']);
      const [dep] = find('infra/nested/deeper/bucket.json', 'reference-unknown-target');
      const missing = locate('infra/nested/deeper/bucket.json', 'Missing');
      assert.deepStrictEqual([dep.line, dep.column, dep.endColumn], [missing.line, missing.column, missing.column + 7]);
      // SAM-generated FnRole is known.
      assert.deepStrictEqual(find('infra/sam/template.yaml', 'reference-unknown-target'), []);
    });
  });

  describe('check --format text', () => {
    it('prints file, line:col, severity, message and rule, and a summary', () => {
      const r = run('check', 'infra/broken-ref.yaml');
      assert.strictEqual(r.code, 1);
      const kye = locate('infra/broken-ref.yaml', 'Kye');
      assert.match(r.stdout, /^infra[/\\]broken-ref\.yaml$/m);
      assert.match(r.stdout, new RegExp(`^  ${kye.line}:${kye.column}\\s+error\\s+Topic: Ref target "Kye" is not .* reference-unknown-target$`, 'm'));
      assert.match(r.stdout, /problems? \(\d+ errors?, \d+ warnings?, \d+ infos?\) in 1 file\n$/);
      assert.ok(!r.stdout.includes('\x1b['), 'no colors when not a TTY');
    });

    it('a clean run says so', () => {
      const r = run('check', 'infra/package.json');
      assert.deepStrictEqual([r.code, r.stdout], [0, '✔ no problems in 1 file\n']);
    });
  });

  describe('check --format sarif: valid for GitHub code scanning', () => {
    let sarif: any;
    before(() => {
      const r = run('check', '--format', 'sarif', 'infra');
      assert.strictEqual(r.code, 1);
      sarif = JSON.parse(r.stdout);
    });

    it('log: $schema, version 2.1.0, one run with a named tool', () => {
      assert.strictEqual(sarif.version, '2.1.0');
      assert.match(sarif.$schema, /sarif-2\.1\.0(-rtm\.\d+)?\.json$/);
      assert.strictEqual(sarif.runs.length, 1);
      const driver = sarif.runs[0].tool.driver;
      assert.strictEqual(driver.name, 'cfn-resilience');
      assert.strictEqual(driver.version, pkg.version);
      assert.ok(Array.isArray(sarif.runs[0].results));
    });

    it('rules: unique ids with shortDescription, fullDescription, help and a help URI', () => {
      const rules = sarif.runs[0].tool.driver.rules;
      assert.ok(rules.length >= 2);
      assert.strictEqual(new Set(rules.map((r: { id: string }) => r.id)).size, rules.length, 'unique ids');
      for (const r of rules) {
        assert.match(r.id, /^[a-z0-9-]+$/);
        assert.ok(r.shortDescription?.text, `${r.id} shortDescription`);
        assert.ok(r.fullDescription?.text, `${r.id} fullDescription`);
        assert.ok(r.help?.text, `${r.id} help.text`);
        assert.ok(typeof r.help.markdown === 'string');
        assert.match(r.helpUri, /^https:\/\//);
        assert.ok(['error', 'warning', 'note', 'none'].includes(r.defaultConfiguration.level));
        assert.ok(r.shortDescription.text.length <= 1024);
      }
      assert.ok(rules.some((r: { id: string }) => r.id === 'syntax-error'));
      assert.ok(rules.some((r: { id: string }) => r.id === 'reference-unknown-target'));
    });

    it('results: ruleId, ruleIndex pointing at the same rule, level, message, location with a 1-based region', () => {
      const run0 = sarif.runs[0];
      const rules = run0.tool.driver.rules;
      assert.ok(run0.results.length >= 4);
      const uris = new Set<string>();
      for (const res of run0.results) {
        assert.strictEqual(typeof res.ruleId, 'string');
        assert.ok(Number.isInteger(res.ruleIndex) && res.ruleIndex >= 0 && res.ruleIndex < rules.length, `ruleIndex ${res.ruleIndex}`);
        assert.strictEqual(rules[res.ruleIndex].id, res.ruleId);
        assert.ok(['error', 'warning', 'note'].includes(res.level));
        assert.ok(typeof res.message.text === 'string' && res.message.text.length > 0);
        assert.strictEqual(res.locations.length, 1);
        const loc = res.locations[0].physicalLocation;
        const uri: string = loc.artifactLocation.uri;
        assert.ok(!uri.startsWith('/') && !uri.startsWith('..') && !uri.includes('\\'), `relative URI: ${uri}`);
        uris.add(uri);
        const g = loc.region;
        for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(Number.isInteger(g[k]) && g[k] >= 1, `${k}=${g[k]}`);
        assert.ok(g.endLine > g.startLine || (g.endLine === g.startLine && g.endColumn > g.startColumn), 'a non-empty region');
      }
      assert.deepStrictEqual([...uris].sort(), ['infra/broken-ref.yaml', 'infra/nested/app.template', 'infra/nested/deeper/bucket.json', 'infra/syntax.yml']);
      // The base the URIs are relative to is declared.
      assert.match(run0.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
      assert.ok(run0.results.every((r: any) => r.locations[0].physicalLocation.artifactLocation.uriBaseId === '%SRCROOT%'));
    });

    it('files outside the working directory get absolute file:// URIs, without a base', () => {
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'cfnr-sarif-out-'));
      try {
        fs.copyFileSync(path.join(work, 'infra/broken-ref.yaml'), path.join(outside, 'stack with space.yaml'));
        const r = run('check', '--format', 'sarif', path.join(outside, 'stack with space.yaml'), '../' + path.basename(outside) + '/stack with space.yaml', 'infra/broken-ref.yaml');
        assert.strictEqual(r.code, 1, r.stderr);
        const results = JSON.parse(r.stdout).runs[0].results;
        const locs = results.map((x: any) => x.locations[0].physicalLocation.artifactLocation);
        const abs = locs.filter((l: any) => l.uri.startsWith('file://'));
        assert.ok(abs.length >= 1, JSON.stringify(locs));
        for (const l of abs) {
          assert.strictEqual(l.uriBaseId, undefined);
          assert.strictEqual(l.uri, pathToFileURL(path.join(outside, 'stack with space.yaml')).href);
          assert.ok(!l.uri.includes(' ') && !l.uri.includes('..'), l.uri);
        }
        // A path given relative but leading out of the working directory is not written as `../x`.
        assert.ok(locs.every((l: any) => !l.uri.startsWith('..')), JSON.stringify(locs));
        assert.ok(locs.some((l: any) => l.uri === 'infra/broken-ref.yaml' && l.uriBaseId === '%SRCROOT%'));
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });

    it('the same findings as the JSON format, at the same positions', () => {
      const json = JSON.parse(run('check', '--format', 'json', 'infra').stdout);
      const fromJson = json.files.flatMap((f: any) => f.findings.map((x: any) => `${f.file.split(path.sep).join('/')}:${x.line}:${x.column}:${x.rule}`)).sort();
      const fromSarif = sarif.runs[0].results.map((r: any) => `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}:${r.locations[0].physicalLocation.region.startColumn}:${r.ruleId}`).sort();
      assert.deepStrictEqual(fromSarif, fromJson);
    });
  });

  describe('graph', () => {
    it('--format json (the default): nodes and edges with 1-based lines', () => {
      for (const args of [['graph', 'infra/broken-ref.yaml'], ['graph', '--format', 'json', 'infra/broken-ref.yaml']]) {
        const r = run(...args);
        assert.strictEqual(r.code, 0);
        const g = JSON.parse(r.stdout);
        assert.deepStrictEqual(Object.keys(g).sort(), ['edges', 'nodes']);
        const ids = g.nodes.map((n: { id: string }) => n.id);
        assert.ok(ids.includes('Resources.Queue') && ids.includes('Resources.Topic'), ids.join(', '));
        const queue = g.nodes.find((n: { id: string }) => n.id === 'Resources.Queue');
        assert.deepStrictEqual([queue.kind, queue.type, queue.line], ['resource', 'AWS::SQS::Queue', locate('infra/broken-ref.yaml', 'Queue:').line]);
        const edge = g.edges.find((e: { from: string; to: string }) => e.from === 'Resources.Topic' && e.to === 'Resources.Queue');
        assert.ok(edge, JSON.stringify(g.edges));
        assert.deepStrictEqual([edge.kind, edge.line], ['GetAtt', locate('infra/broken-ref.yaml', 'Queue.QueueName').line]);
        for (const n of g.nodes) assert.ok(n.line === null || (Number.isInteger(n.line) && n.line >= 1));
      }
    });

    it('--format dot and mermaid', () => {
      const dot = run('graph', '--format', 'dot', 'infra/broken-ref.yaml');
      assert.strictEqual(dot.code, 0);
      assert.match(dot.stdout, /^digraph template \{\n/);
      assert.match(dot.stdout, /"Resources\.Topic" -> "Resources\.Queue" \[label="GetAtt"/);
      assert.match(dot.stdout, /\}\n$/);
      const mm = run('graph', '--format', 'mermaid', 'infra/broken-ref.yaml');
      assert.strictEqual(mm.code, 0);
      assert.match(mm.stdout, /^flowchart LR\n/);
      assert.match(mm.stdout, /n\d+ -->\|GetAtt\| n\d+/);
    });

    it('graph of a JSON template and of a SAM template', () => {
      const j = JSON.parse(run('graph', 'infra/nested/deeper/bucket.json').stdout);
      assert.ok(j.nodes.some((n: { id: string }) => n.id === 'Resources.Bucket'));
      const s = run('graph', 'infra/sam/template.yaml');
      assert.strictEqual(s.code, 0);
      assert.ok(JSON.parse(s.stdout).nodes.some((n: { id: string }) => n.id === 'Resources.Fn'));
    });
  });
});
