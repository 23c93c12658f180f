/**
 * The resilience report and the editor features built on the recovery model: the report
 * data and its Markdown/HTML renderings, the area scores, the recovery code lenses and
 * hover section, `cfn-resilience report` run as a user runs it (the bundled CLI: run
 * `npm run build` first), and the report rendered for every template of the shared corpus.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze } from '../../server/src/core/analyze';
import { buildReport, scoreAreas, ResilienceReport } from '../../server/src/core/recovery/report';
import { renderHtmlBody, renderHtmlPage, renderMarkdown } from '../../server/src/core/recovery/render';
import { recoveryLenses } from '../../server/src/core/features/codelens';
import { hover } from '../../server/src/core/features/hover';
import { recoveryHoverSection } from '../../server/src/core/features/hover-recovery';

const root = path.resolve(__dirname, '../../..');
const BIN = path.join(root, 'bin/cfn-resilience.js');
const FIXTURES = path.join(root, 'test/fixtures/recovery');
const HEAD = 'AWSTemplateFormatVersion: "2010-09-09"\n';

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, `${name}.yaml`), 'utf8');
}

function reportOf(text: string, file = 'template.yaml'): ResilienceReport {
  return buildReport(analyze(text, { fileName: file }), file);
}

describe('resilience report: data and renderings', () => {
  it('reports the strategy, the estimates per store and disruption, and the figures with sources', () => {
    const r = reportOf(fixture('warm-standby'), 'warm-standby.yaml');
    assert.strictEqual(r.version, 1);
    assert.strictEqual(r.strategy.id, 'warm-standby');
    assert.strictEqual(r.strategy.label, 'Warm standby');
    assert.deepStrictEqual(r.strategy.typical, { text: 'RPO and RTO 1–10 min', figure: 'strategy-warm-standby' });
    assert.deepStrictEqual(r.stores.map((s) => [s.id, s.line]), [['OrdersCluster', 7], ['DocumentsBucket', 32]]);
    const c = r.stores[0].disruptions;
    assert.deepStrictEqual([c.az.outcome.rpo.text, c.az.outcome.rto.text, c.az.outcome.mechanism], ['0', '≤ 30 s', 'failover to a replica instance']);
    assert.deepStrictEqual([c.region.outcome.rpo, c.region.outcome.rto.text], [{ low: 1, high: 1, text: '≈ 1 s' }, '≤ 1 min']);
    assert.deepStrictEqual(r.overall.region.limitedBy, ['OrdersCluster', 'DocumentsBucket']);
    const ids = r.figures.map((f) => f.id);
    for (const id of ['aurora-failover-replica', 'aurora-global-rpo', 's3-rtc', 'route53-failover', 'strategy-warm-standby']) assert.ok(ids.includes(id as never), id);
    assert.ok(r.figures.every((f) => /^https:\/\//.test(f.source.url)));
  });

  it('serializes "not recoverable" as null, and is valid JSON', () => {
    const r = reportOf(fixture('none'));
    const back = JSON.parse(JSON.stringify(r)) as ResilienceReport;
    const t = back.stores.find((s) => s.id === 'OrdersTable')!;
    assert.deepStrictEqual(t.disruptions.data.outcome.rpo, { low: null, high: null, text: 'none' });
    assert.deepStrictEqual(back.overall.region.rpo.high, null);
  });

  it('Markdown: strategy, estimates table, per-store detail, findings by area, scoring, figures', () => {
    const md = renderMarkdown(reportOf(fixture('pilot-light'), 'pilot-light.yaml'));
    assert.match(md, /^# Resilience report: pilot-light\.yaml\n\n\*\*DR strategy: Pilot light\*\* \(typical RPO and RTO for this class: 10 min–1 h\)/);
    assert.match(md, /\| Data store \| Instance or Availability Zone failure \| Data corruption or deletion \| Region outage \|/);
    assert.match(md, /\| `OrdersCluster` \(line 7\)<br>Aurora cluster \(aurora-postgresql\) \| RPO 0 · RTO ≤ 30 s<br>failover to a replica instance \|/);
    assert.match(md, /\| \*\*Template as a whole\*\* \|/);
    assert.match(md, /### DocumentsBucket — S3 bucket/);
    assert.match(md, /## Findings by area\n\n\| Area \| Score \| Grade \|/);
    assert.match(md, /## How the scores are computed\n\nEach area starts at 100/);
    assert.match(md, /\| Aurora Global Database: replication lag to a secondary Region \| ≈ 1 s \| \[Amazon Aurora Global Database\]\(https:\/\/aws\.amazon\.com\/rds\/aurora\/global-database\/\) \|/);
  });

  it('HTML: escapes everything taken from the template, and marks places with data-line', () => {
    const evil = `${HEAD}Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration: {Status: Enabled}\n      ReplicationConfiguration:\n        Role: r\n        Rules:\n          - Status: Enabled\n            Destination: {Bucket: "arn:aws:s3:::<img src=x onerror=alert(1)>"}\n`;
    const r = reportOf(evil, '<b>x</b>.yaml');
    const body = renderHtmlBody(r);
    assert.ok(!/<img|<b>x/.test(body), 'no markup from the template');
    assert.match(body, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(body, /<a class="loc" data-line="3" data-column="3" href="#store-Bucket">Bucket<\/a>/);
    assert.match(body, /<tr class="store" id="store-Bucket" data-store="Bucket">/);
    const page = renderHtmlPage(r);
    assert.match(page, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.match(page, /<title>Resilience report: &lt;b&gt;x&lt;\/b&gt;\.yaml<\/title>/);
    assert.ok(!/<script/i.test(page), 'the page has no script');
    assert.match(renderMarkdown(r), /arn:aws:s3:::\\<img src=x onerror=alert\(1\)\\>/);
  });

  it('a file that is not a template gets a one-line report', () => {
    const r = reportOf('name: ci\non: [push]\n', 'workflow.yml');
    assert.strictEqual(r.templateKind, 'none');
    assert.match(renderMarkdown(r), /_Not a CloudFormation or SAM template\._/);
    assert.match(renderHtmlBody(r), /Not a CloudFormation or SAM template\./);
  });
});

describe('resilience report: bad input never crashes it', () => {
  it('every prefix of the recovery fixtures (cut every 41 characters) gives a model, lenses, a hover and a report', () => {
    for (const name of fs.readdirSync(FIXTURES)) {
      const text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
      for (let cut = 0; cut <= text.length; cut += 41) {
        const part = text.slice(0, cut);
        const where = `${name} cut at ${cut}`;
        try {
          const a = analyze(part, { fileName: name, onRuleError: (id, e) => assert.fail(`${id}: ${e}`) });
          const r = buildReport(a, name);
          renderMarkdown(r);
          renderHtmlBody(r);
          for (const l of recoveryLenses(a)) assert.ok(l.start >= 0 && l.end <= part.length && l.title.length > 0, where);
          for (const s of a.recovery.stores) hover(a, s.start + 1);
        } catch (e) {
          assert.fail(`${where}: ${(e as Error).stack}`);
        }
      }
    }
  });
});

describe('resilience report: scores by area', () => {
  it('takes off the worst finding per resource: error 20, warning 10, info 2; template-level findings one by one', () => {
    const f = (area: 'high-availability' | 'reference', severity: 'error' | 'warning' | 'info', resource: string | null) => ({ area, severity, resource });
    const scores = scoreAreas([f('high-availability', 'warning', 'Db'), f('high-availability', 'info', 'Db'), f('high-availability', 'error', 'Cache'), f('high-availability', 'info', 'Vpc'), f('reference', 'warning', null), f('reference', 'warning', null)]);
    const ha = scores.find((s) => s.area === 'high-availability')!;
    assert.deepStrictEqual([ha.score, ha.grade, ha.computation], [68, 'C', '100 − 1 × 20 (error) − 1 × 10 (warning) − 1 × 2 (info) = 68']);
    assert.deepStrictEqual(ha.findings, { error: 1, warning: 1, info: 2 });
    const ref = scores.find((s) => s.area === 'reference')!;
    assert.deepStrictEqual([ref.score, ref.grade], [80, 'B']);
    const dr = scores.find((s) => s.area === 'disaster-recovery')!;
    assert.deepStrictEqual([dr.score, dr.grade, dr.computation], [100, 'A', '100 (no findings)']);
  });

  it('never goes below 0, and an area without rules has no score', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ area: 'high-availability' as const, severity: 'error' as const, resource: `R${i}` }));
    const ha = scoreAreas(many).find((s) => s.area === 'high-availability')!;
    assert.deepStrictEqual([ha.score, ha.grade], [0, 'F']);
    assert.match(ha.computation, /= -60 → 0$/);
    const empty = scoreAreas([]).filter((s) => s.rules === 0);
    for (const s of empty) assert.deepStrictEqual([s.score, s.grade, s.computation], [null, '–', 'no rules in this area yet']);
  });
});

describe('recovery in the editor: code lenses and hover', () => {
  const yaml = `${HEAD}Parameters:\n  MultiAZ:\n    Type: String\n    Default: "true"\n    AllowedValues: ["true", "false"]\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n      DBInstanceClass: db.m6g.large\n      AllocatedStorage: "20"\n      MultiAZ: !Ref MultiAZ\n  Topic:\n    Type: AWS::SNS::Topic\n`;

  it('one lens per disruption above each data store, none elsewhere', () => {
    const a = analyze(yaml, { format: 'yaml' });
    const lenses = recoveryLenses(a);
    assert.deepStrictEqual(
      lenses.map((l) => [l.resource, l.disruption, l.title, yaml.slice(l.start, l.end)]),
      [
        ['Db', 'az', 'AZ: RPO 0 · RTO 1–2 min · Multi-AZ failover (varies)', 'Db'],
        ['Db', 'data', 'Data: RPO ≈ 5 min · RTO 1–24 h · point-in-time restore', 'Db'],
        ['Db', 'region', 'Region: not recoverable · no copy outside the Region', 'Db'],
      ],
    );
    assert.deepStrictEqual(recoveryLenses(analyze('a: 1\n', { format: 'yaml' })), []);
  });

  it('the hover on the logical ID shows the estimates, what varies, the evidence and the sources', () => {
    const a = analyze(yaml, { format: 'yaml' });
    const h = hover(a, yaml.indexOf('  Db:') + 3);
    assert.ok(h);
    assert.match(h!.markdown, /\*\*Recovery\*\* \(estimated from the template\) — RDS DB instance \(mysql\)/);
    assert.match(h!.markdown, /- _instance or Availability Zone failure_: RPO 0 · RTO 1–2 min — Multi-AZ failover\n {2}- when parameter MultiAZ is false: RPO ≈ 5 min · RTO 1–24 h — point-in-time restore in another AZ/);
    assert.match(h!.markdown, /_Evidence_\n\n- MultiAZ: !Ref MultiAZ \(line 14\)/);
    assert.match(h!.markdown, /Sources: \[RDS Multi-AZ DB instance: data lost on failover\]\(https:\/\/docs\.aws\.amazon\.com\/AmazonRDS\/latest\/UserGuide\/Concepts\.MultiAZSingleStandby\.html\)/);
    assert.match(h!.markdown, /Template DR strategy: Backup and restore/);
    // The hover's other sections are still there, after it.
    assert.match(h!.markdown, /\*\*Depends on\*\* \(1\)[\s\S]*\*\*Recovery\*\*/);
    assert.deepStrictEqual(recoveryHoverSection(a, 'Topic'), []);
  });
});

// ---------------------------------------------------------------------------------------

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('cfn-resilience report (bin/cfn-resilience.js)', function () {
  this.timeout(30000);
  let work = '';
  const run = (...args: string[]): Run => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 20000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  before(() => {
    assert.ok(fs.existsSync(path.join(root, 'dist/cli.js')), 'dist/cli.js is missing: run `npm run build` first');
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'cfnr-report-'));
    for (const f of fs.readdirSync(FIXTURES)) fs.copyFileSync(path.join(FIXTURES, f), path.join(work, f));
    fs.writeFileSync(path.join(work, 'targets.yaml'), `${HEAD}Metadata:\n  cfn-resilience: {rpo: 15m, rto: 1d, region: off}\nResources:\n  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n`);
    fs.writeFileSync(path.join(work, 'notes.yaml'), 'title: notes\n');
  });

  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('writes Markdown by default and exits 0', () => {
    const r = run('report', 'pilot-light.yaml');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# Resilience report: pilot-light\.yaml/);
    assert.match(r.stdout, /\*\*DR strategy: Pilot light\*\*/);
  });

  it('--format json is the report data; --format html a standalone page; --output writes a file', () => {
    const j = run('report', '--format', 'json', 'multi-site.yaml');
    assert.strictEqual(j.code, 0, j.stderr);
    const data = JSON.parse(j.stdout) as ResilienceReport;
    assert.deepStrictEqual([data.version, data.file, data.strategy.id], [1, 'multi-site.yaml', 'multi-site']);
    const h = run('report', '--format=html', 'backup-and-restore.yaml');
    assert.strictEqual(h.code, 0, h.stderr);
    assert.match(h.stdout, /<strong>Backup and restore<\/strong>/);
    const o = run('report', '--format', 'html', '--output', 'out.html', 'none.yaml');
    assert.deepStrictEqual([o.code, o.stdout], [0, '']);
    assert.match(fs.readFileSync(path.join(work, 'out.html'), 'utf8'), /<strong>None<\/strong>/);
  });

  it('exits 1 when a declared recovery objective cannot be met; --fail-on changes the threshold', () => {
    const r = run('report', 'targets.yaml');
    assert.strictEqual(r.code, 1, r.stderr);
    assert.match(r.stdout, /dr-recovery-target-unmet/);
    assert.strictEqual(run('report', '--fail-on', 'none', 'targets.yaml').code, 0);
    assert.strictEqual(run('report', '--fail-on', 'info', 'none.yaml').code, 1);
    assert.strictEqual(run('report', 'none.yaml').code, 0, 'findings alone do not fail the report');
  });

  it('takes workspace targets from the configuration file', () => {
    fs.writeFileSync(path.join(work, 'cfg.yaml'), 'targets:\n  rpo: 1m\n  region: off\n');
    const r = run('report', '--config', 'cfg.yaml', 'backup-and-restore.yaml');
    assert.strictEqual(r.code, 1, r.stderr);
    assert.match(r.stdout, /RPO 1 min \(workspace default\)/);
    fs.writeFileSync(path.join(work, 'bad.yaml'), 'targets:\n  rpo: soon\n');
    const bad = run('report', '--config', 'bad.yaml', 'none.yaml');
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /bad\.yaml:2:8: Invalid RPO target "soon"/);
  });

  it('exits 2 on usage and input errors', () => {
    const cases: [string[], RegExp][] = [
      [['report'], /report needs exactly one FILE/],
      [['report', 'a.yaml', 'b.yaml'], /report needs exactly one FILE/],
      [['report', '--format', 'pdf', 'none.yaml'], /--format must be one of md, markdown, json, html/],
      [['report', 'missing.yaml'], /no such file: missing\.yaml/],
      [['report', 'notes.yaml'], /notes\.yaml is not a CloudFormation or SAM template/],
      [['report', '.'], /is a folder/],
    ];
    for (const [args, re] of cases) {
      const r = run(...args);
      assert.strictEqual(r.code, 2, `${args.join(' ')}: ${r.stdout}`);
      assert.match(r.stderr, re, args.join(' '));
    }
    assert.match(run('--help').stdout, /cfn-resilience report \[--format md\|json\|html\]/);
  });
});

// ---------------------------------------------------------------------------------------

const corpus = process.env.CFN_RESILIENCE_CORPUS ?? path.resolve(root, '../shared/corpus');

describe('resilience report over the shared corpus', function () {
  this.timeout(180000);
  before(function () {
    if (!fs.existsSync(corpus)) this.skip();
  });

  it('renders Markdown, HTML and JSON for every template without an error', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== 'cfnlint-results') walk(full);
        } else if (/\.(ya?ml|json|template)$/i.test(e.name)) files.push(full);
      }
    };
    walk(corpus);
    let templates = 0;
    let stores = 0;
    const strategies = new Map<string, number>();
    const failures: string[] = [];
    for (const file of files) {
      const rel = path.relative(corpus, file);
      try {
        const a = analyze(fs.readFileSync(file, 'utf8'), { fileName: file });
        if (a.kind === 'none') continue;
        templates++;
        const r = buildReport(a, rel);
        stores += r.stores.length;
        strategies.set(r.strategy.id, (strategies.get(r.strategy.id) ?? 0) + 1);
        const md = renderMarkdown(r);
        const html = renderHtmlPage(r);
        JSON.parse(JSON.stringify(r));
        assert.ok(md.startsWith('# Resilience report') && html.includes('</html>'));
        for (const s of r.stores) {
          assert.ok(s.line >= 1, `${rel}: ${s.id} line`);
          for (const d of ['az', 'data', 'region'] as const) assert.ok(s.disruptions[d].outcome.mechanism.length > 0, `${rel}: ${s.id} ${d}`);
        }
        assert.ok(r.strategy.evidence.length > 0, `${rel}: strategy without evidence`);
      } catch (e) {
        failures.push(`${rel}: ${(e as Error).stack ?? e}`);
      }
    }
    assert.deepStrictEqual(failures, []);
    assert.ok(templates > 200, `${templates} templates`);
    assert.ok(stores > 100, `${stores} data stores estimated`);
    assert.ok(strategies.size >= 2, JSON.stringify([...strategies]));
  });
});
