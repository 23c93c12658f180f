/**
 * The shared corpus of real templates (../shared/corpus, skipped when absent):
 *  - every file is analyzed without an exception, every finding inside the document;
 *  - the reader reports syntax problems only where there are some;
 *  - a differential check against cfn-lint's own results for parse errors and unknown
 *    reference targets, with the known, explained differences listed one by one.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, Analysis } from '../../server/src/core/analyze';
import { AREAS } from '../../server/src/core/types';

const repoRoot = path.resolve(__dirname, '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');

const EXTENSIONS = ['.yaml', '.yml', '.json', '.template'];

function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'cfnlint-results') walk(full);
      } else if (EXTENSIONS.includes(path.extname(e.name).toLowerCase())) out.push(full);
    }
  };
  walk(corpus);
  return out;
}

const rel = (file: string) => path.relative(corpus, file).split(path.sep).join('/');

const PARSE_AND_REFERENCE_RULES = ['syntax-error', 'reference-unknown-target'];

const cache = new Map<string, Analysis>();
/** Analysis with only the parse and reference rules (what cfn-lint is compared on). */
function ours(relPath: string): Analysis {
  let a = cache.get(relPath);
  if (!a) {
    const file = path.join(corpus, relPath);
    a = analyze(fs.readFileSync(file, 'utf8'), { fileName: file, only: PARSE_AND_REFERENCE_RULES });
    cache.set(relPath, a);
  }
  return a;
}

describe('corpus: every real template', function () {
  this.timeout(60000);
  let files: string[] = [];

  before(function () {
    if (!fs.existsSync(corpus)) this.skip();
    files = corpusFiles();
  });

  it('is analyzed with all rules, without an exception, every range inside the document', () => {
    assert.ok(files.length > 200, `${files.length} files`);
    const failures: string[] = [];
    const ruleErrors: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      let a: Analysis;
      try {
        a = analyze(text, { fileName: file, onRuleError: (id, e) => ruleErrors.push(`${rel(file)}: rule ${id}: ${(e as Error)?.message}`) });
      } catch (e) {
        failures.push(`${rel(file)}: ${(e as Error).stack}`);
        continue;
      }
      const inside = (s: number, e: number) => Number.isInteger(s) && Number.isInteger(e) && s >= 0 && s <= e && e <= text.length;
      for (const f of a.findings) {
        if (!inside(f.start, f.end)) failures.push(`${rel(file)}: ${f.rule} range [${f.start}, ${f.end}) outside ${text.length}`);
        if (!AREAS.includes(f.area)) failures.push(`${rel(file)}: ${f.rule} area ${f.area}`);
        for (const fix of f.fixes) for (const e of fix.edits) if (!inside(e.start, e.end)) failures.push(`${rel(file)}: ${f.rule} fix edit outside`);
        for (const r of f.related ?? []) if (!inside(r.start, r.end)) failures.push(`${rel(file)}: ${f.rule} related outside`);
        const p = a.lines.positionAt(f.start);
        if (a.lines.offsetAt(p) !== f.start) failures.push(`${rel(file)}: ${f.rule} start is not on a character boundary of its line`);
      }
      for (const r of a.template.references) if (!inside(r.start, r.end)) failures.push(`${rel(file)}: reference ${r.target} range outside`);
      if (a.kind === 'none' && a.findings.length) failures.push(`${rel(file)}: findings on a non-template`);
    }
    assert.deepStrictEqual(failures, []);
    assert.deepStrictEqual(ruleErrors, [], 'no rule threw');
  });

  it('every reference range covers exactly the written name', () => {
    const wrong: string[] = [];
    let count = 0;
    for (const file of files) {
      const a = ours(rel(file));
      for (const r of a.template.references) {
        count++;
        const written = a.template.text.slice(r.start, r.end);
        // Names are written as is; a JSON escape (\u0041) or a YAML boolean would differ.
        if (written !== r.target) wrong.push(`${rel(file)}:${a.lines.positionAt(r.start).line + 1}: ${r.kind} ${JSON.stringify(r.target)} covers ${JSON.stringify(written)}`);
      }
    }
    assert.ok(count > 5000, `${count} references`);
    assert.deepStrictEqual(wrong, [
      // `Condition: False` (a YAML boolean): the name is read as "false"; the range covers what is written.
      'cfnlint-bad/conditions.yaml:84: Condition "false" covers "False"',
    ]);
  });

  it('the reader reports syntax problems only in the files that have them', () => {
    /** Files with genuine syntax problems, and what they are. */
    const EXPECTED: Record<string, string> = {
      'awslabs-cfn-templates/aws/solutions/CloudFrontCustomOriginLambda@Edge/CloudFront.yaml': 'Outputs EC2InstanceSGID is declared twice (lines 804 and 828)',
      'serverless-patterns/cloudfront-failover-apigw-http-api-lambda-rust/cloudfront.yml': 'a cache policy sets Name twice',
      'cfnlint-bad/core/config_invalid_json.json': 'missing comma in a list',
      'cfnlint-bad/core/config_invalid_yaml.yaml': 'a block sequence as a mapping key',
      'cfnlint-bad/core/parse_invalid_map.yaml': '!ImportValue on a mapping key',
      'cfnlint-bad/duplicate.json': 'duplicate resources',
      'cfnlint-bad/duplicate.yaml': 'duplicate resources',
      'cfnlint-bad/json_parse.json': 'missing colon',
      'cfnlint-bad/template.yaml': 'a sequence item inside a mapping',
    };
    const actual: Record<string, string> = {};
    for (const file of files) {
      const a = ours(rel(file));
      if (a.template.issues.some((i) => i.severity === 'error')) actual[rel(file)] = EXPECTED[rel(file)] ?? `unexpected: ${a.template.issues.map((i) => `${i.code} at line ${a.lines.positionAt(i.start).line + 1}`).join(', ')}`;
    }
    assert.deepStrictEqual(actual, EXPECTED);
  });
});

// ---------------------------------------------------------------------------------------------
// Differential check against cfn-lint.

interface CfnLintFinding {
  Rule: { Id: string };
  Message: string;
  Location: { Start: { LineNumber: number } };
}

/**
 * cfn-lint rules whose "'X' is not one of [...]" findings say that a name does not resolve:
 * Ref (E1020, formerly E1012), GetAtt (E1010), Sub (E1019), FindInMap (E1011), DependsOn
 * (E3005), conditions (E8002, E1028). E0000 is a template that cannot be parsed.
 */
const CFNLINT_REFERENCE_RULES = new Set(['E1012', 'E1020', 'E1010', 'E1019', 'E1011', 'E3005', 'E8002', 'E1028']);

function cfnLintClass(x: CfnLintFinding): boolean {
  if (x.Rule.Id === 'E0000') return true;
  return CFNLINT_REFERENCE_RULES.has(x.Rule.Id) && /^'[^']+' is not one of \[/.test(x.Message);
}

/**
 * Where the two tools disagree on a template, for a reason that is understood. The test
 * fails if any other template disagrees, and also if a listed one stops disagreeing.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'cfnlint-snapshot/integration/creationpolicy.yaml':
    'cfn-lint E1020: `CreationPolicy: !Ref ValidObject` names a defined resource; cfn-lint rejects the context (only parameters there), not the name',
  'cfnlint-snapshot/integration/custom-resources.yaml':
    "cfn-lint E1010: `!GetAtt KmsKey.ArnA` names a defined resource with an unknown attribute; attribute names are a schema check, not an unknown target",
};

/** Per template: the 1-based lines of cfn-lint's parse/reference findings. */
function cfnLintSnapshot(): Map<string, number[]> {
  const index = fs.readFileSync(path.join(corpus, 'cfnlint-results/RESULTS_INDEX.tsv'), 'utf8').trim().split('\n');
  const header = index[0].split('\t');
  const col = (name: string) => header.indexOf(name);
  const out = new Map<string, number[]>();
  for (const line of index.slice(1)) {
    const cells = line.split('\t');
    const template = cells[col('template_local_path')];
    const results = JSON.parse(fs.readFileSync(path.join(corpus, cells[col('result_file')]), 'utf8')) as CfnLintFinding[];
    assert.strictEqual(results.length, Number(cells[col('n_findings')]), `${cells[col('result_file')]} as indexed`);
    const lines = out.get(template) ?? [];
    for (const x of results) if (cfnLintClass(x) && !lines.includes(x.Location.Start.LineNumber)) lines.push(x.Location.Start.LineNumber);
    out.set(template, lines.sort((a, b) => a - b));
  }
  return out;
}

/** Per template: the 1-based lines of our syntax-error and reference-unknown-target findings. */
function ourLines(template: string): number[] {
  const a = ours(template);
  return [...new Set(a.findings.map((f) => a.lines.positionAt(f.start).line + 1))].sort((x, y) => x - y);
}

describe('corpus: differential check against cfn-lint (parse errors and unknown reference targets)', function () {
  this.timeout(60000);

  before(function () {
    if (!fs.existsSync(path.join(corpus, 'cfnlint-results/RESULTS_INDEX.tsv'))) this.skip();
  });

  it("cfn-lint's snapshot results: the same templates have findings, except the listed differences", () => {
    const snapshot = cfnLintSnapshot();
    assert.ok(snapshot.size >= 30, `${snapshot.size} templates in the snapshot`);
    const disagree: Record<string, string> = {};
    let both = 0;
    for (const [template, cfnLines] of snapshot) {
      const mine = ourLines(template);
      const theirs = cfnLines.length > 0;
      if (theirs !== mine.length > 0) disagree[template] = KNOWN_DIFFERENCES[template] ?? `cfn-lint lines ${JSON.stringify(cfnLines)}, ours ${JSON.stringify(mine)}`;
      else if (theirs) {
        both++;
        // Where both report, every cfn-lint line has one of ours.
        for (const l of cfnLines) assert.ok(mine.includes(l), `${template}: cfn-lint line ${l} not reported (ours: ${mine.join(', ')})`);
      }
    }
    assert.deepStrictEqual(disagree, KNOWN_DIFFERENCES);
    assert.ok(both >= 1, 'at least one template where both tools report');
  });

  it("the unknown target cfn-lint reports in aws-ec2-launchtemplate.yaml is ours, on the name", () => {
    const a = ours('cfnlint-snapshot/integration/aws-ec2-launchtemplate.yaml');
    assert.deepStrictEqual(
      a.findings.map((f) => [f.rule, a.template.text.slice(f.start, f.end), a.lines.positionAt(f.start).line + 1]),
      [['reference-unknown-target', 'NetworkInterface', 13]],
    );
  });

  /**
   * cfn-lint's integration test `test_good_templates.py` expects exit code 0 (no findings) or 4
   * (warnings only) for these, or results with no parse/reference errors (cfnlint-results/good/).
   */
  const CFNLINT_CLEAN = [
    'cfnlint-good/generic.yaml',
    'cfnlint-good/minimal.yaml',
    'cfnlint-good/conditions.yaml',
    'cfnlint-good/transform_serverless_api.yaml',
    'cfnlint-good/transform_serverless_function.yaml',
    'cfnlint-good/transform_serverless_globals.yaml',
    'cfnlint-good/transform_serverless_ignore_globals.yaml',
    'cfnlint-snapshot/issues/sam_w_conditions.yaml',
  ];
  for (const template of CFNLINT_CLEAN) {
    it(`cfn-lint finds no parse or reference error in ${template}; neither do we`, function () {
      if (!fs.existsSync(path.join(corpus, template))) this.skip();
      assert.deepStrictEqual(ourLines(template), []);
    });
  }

  /** cfn-lint's unit tests expect these not to parse (E0000 / a parse exception). */
  const CFNLINT_PARSE_ERRORS: [string, string, number[]][] = [
    ['cfnlint-bad/duplicate.yaml', 'test_duplicate.py: 3 matches (cfn-lint also marks the first occurrence; we mark each repeat)', [9, 13]],
    ['cfnlint-bad/duplicate.json', 'test_api.py: E0000 ×3 (as above)', [17, 23]],
    ['cfnlint-bad/json_parse.json', 'test_cfn_json.py: JSONDecodeError (a missing colon: the rest reads as it should)', [5]],
    ['cfnlint-bad/core/config_invalid_yaml.yaml', 'test_api.py: [E0000]', [7, 8]],
    ['cfnlint-bad/core/config_invalid_json.json', 'test_api.py: [E0000]', [8]],
    ['cfnlint-bad/core/parse_invalid_map.yaml', 'test_yaml.py: CfnParseError (unhashable key)', [18]],
    ['cfnlint-bad/template.yaml', 'test_yaml_template.py: the runner raises', [12]],
  ];
  for (const [template, cfnLint, lines] of CFNLINT_PARSE_ERRORS) {
    it(`cfn-lint cannot parse ${template} (${cfnLint}); we report syntax errors on lines ${lines.join(', ')}`, function () {
      if (!fs.existsSync(path.join(corpus, template))) this.skip();
      const a = ours(template);
      const syntaxLines = [...new Set(a.findings.filter((f) => f.rule === 'syntax-error').map((f) => a.lines.positionAt(f.start).line + 1))].sort((x, y) => x - y);
      assert.deepStrictEqual(syntaxLines, lines);
      // Unlike cfn-lint, the rest of the file is still analyzed: the model is not empty.
      assert.notStrictEqual(a.kind, 'none');
    });
  }
});
