/**
 * Differential test of the schema rules against cfn-lint's own results on the corpus
 * (../shared/corpus/cfnlint-results, mapped to templates by RESULTS_INDEX.tsv).
 *
 * For every template with a stored result and every cfn-lint check we have a counterpart
 * for, both tools must report findings in the same resources (they anchor a finding on
 * different lines of it); every disagreement must be listed in EXPLAINED with the reason.
 * Runs stored with E3012 in strict mode ("30" is not a number) are not compared for E3012:
 * CloudFormation converts such strings, and so do we.
 * The comparison is printed so a reviewer sees the overlap, not just a green tick.
 * Skips cleanly where the corpus is absent.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../../server/src/core/analyze';

const root = path.resolve(__dirname, '../../../..');
const corpus = path.resolve(root, '../shared/corpus');
const index = path.join(corpus, 'cfnlint-results/RESULTS_INDEX.tsv');

/** cfn-lint check -> our rule(s). */
export const COUNTERPARTS: Record<string, string[]> = {
  E3002: ['schema-unknown-property'],
  E3003: ['schema-missing-required-property'],
  E3012: ['schema-value-type'],
  E3001: ['schema-unknown-resource-type', 'schema-unknown-resource-attribute'],
  E3006: ['schema-unknown-resource-type'],
  E1010: ['schema-unknown-attribute'],
};

/**
 * Disagreements, keyed `template|check|line` (`line` of the finding only one side reports),
 * with why. `ours` = we report and cfn-lint does not; `theirs` = the reverse.
 */
const EXPLAINED: Record<string, string> = {
  // The template declares `myFunctionRole` (a DynamoDB table) while the SAM transform
  // generates the IAM role of `myFunction` under that same logical ID and overwrites it.
  // cfn-lint lints the transformed template and so reports the table's properties as
  // unknown (E3002) and mistyped (E3012) for an AWS::IAM::Role. In the source the table is
  // valid; the defect is the logical-ID clash, which is not a schema finding.
  'cfnlint-bad/transform_serverless_template.yaml|E3002|theirs':
    'cfn-lint reports the properties of the DynamoDB table myFunctionRole against the IAM role SAM generates under the same logical ID (an ID clash, not a schema error of the source).',
  'cfnlint-bad/transform_serverless_template.yaml|E3012|theirs': 'Same ID clash as E3002: the value is checked against the generated AWS::IAM::Role.',
  // `Properties: !Ref AWS::NoValue` removes Properties: cfn-lint reports the value's type
  // (E3012, "is not of type object"), we report what the removal leaves missing (E3003).
  'cfnlint-snapshot/integration/ref-no-value.yaml|E3012|theirs':
    'IamRole2 and CloudFront1 have Properties: !Ref AWS::NoValue; cfn-lint reports it as a type error, we as the required properties it leaves missing (counted below as ours for E3003).',
  'cfnlint-snapshot/integration/ref-no-value.yaml|E3003|ours': 'The same two resources as the E3012 entry above, classified as missing required properties.',
  // An attribute that exists, used where its type does not fit (cfn-lint E1010 "is not of
  // type string"): the attribute is not unknown, so no schema-unknown-attribute finding.
  'cfnlint-snapshot/integration/getatt-types.yaml|E1010|theirs':
    'cfn-lint reports an Integer attribute (CapacityReservation.InstanceCount) used where a String is required; the attribute exists (GetAtt reads properties of registry types), so it is not an unknown attribute.',
};

interface CfnLintFinding {
  Rule: { Id: string };
  Location: { Start: { LineNumber: number } };
  Message: string;
}

interface Row {
  template: string;
  check: string;
  /** Lines each tool reports. */
  theirs: number[];
  ours: number[];
  /** Where each finding is: the resource's logical ID, or `line N` outside resources. */
  theirPlaces: string[];
  ourPlaces: string[];
}

function readIndex(): { template: string; result: string; mode: string }[] {
  const lines = fs.readFileSync(index, 'utf8').split('\n').filter(Boolean);
  const head = lines[0].split('\t');
  const col = (n: string) => head.indexOf(n);
  return lines.slice(1).map((l) => {
    const c = l.split('\t');
    return { result: c[col('result_file')], template: c[col('template_local_path')], mode: c[col('lint_mode')].split(' ')[0] };
  });
}

/** One result per template: the default run, else non-strict, else any (strict runs are E3012-strict: its E3012s are ignored). */
function pickResults(): Map<string, { result: string; strict: boolean }> {
  const rank = (m: string) => (m === 'default' ? 0 : m === 'non-strict' ? 1 : m === 'strict' ? 3 : 2);
  const best = new Map<string, { result: string; mode: string }>();
  for (const r of readIndex()) {
    const cur = best.get(r.template);
    if (!cur || rank(r.mode) < rank(cur.mode)) best.set(r.template, { result: r.result, mode: r.mode });
  }
  return new Map([...best].map(([t, v]) => [t, { result: v.result, strict: v.mode === 'strict' }]));
}

export function differential(): Row[] {
  const rows: Row[] = [];
  for (const [template, { result, strict }] of pickResults()) {
    const file = path.join(corpus, template);
    if (!fs.existsSync(file)) continue;
    const theirs = JSON.parse(fs.readFileSync(path.join(corpus, result), 'utf8')) as CfnLintFinding[];
    const text = fs.readFileSync(file, 'utf8');
    const a = analyze(text, { fileName: file });
    // The two tools anchor a finding differently (cfn-lint: the Properties key or the value;
    // we: the logical ID or the key); they agree when they point into the same resource.
    const place = (line: number): string => {
      const offset = a.lines.lineStart(line - 1);
      let best: { id: string; start: number } | undefined;
      for (const r of a.template.resources.values()) {
        const start = a.lines.lineStart(a.lines.positionAt(r.pair.start).line);
        if (offset >= start && offset <= r.pair.end && (!best || start > best.start)) best = { id: r.id, start };
      }
      return best ? best.id : `line ${line}`;
    };
    for (const [check, rules] of Object.entries(COUNTERPARTS)) {
      if (strict && check === 'E3012') continue;
      const t = [...new Set(theirs.filter((f) => f.Rule.Id === check).map((f) => f.Location.Start.LineNumber))].sort((x, y) => x - y);
      const o = [...new Set(a.findings.filter((f) => rules.includes(f.rule)).map((f) => a.lines.positionAt(f.start).line + 1))].sort((x, y) => x - y);
      if (!t.length && !o.length) continue;
      rows.push({ template, check, theirs: t, ours: o, theirPlaces: [...new Set(t.map(place))], ourPlaces: [...new Set(o.map(place))] });
    }
  }
  return rows;
}

describe('schema rules vs cfn-lint results (differential)', function () {
  this.timeout(60000);
  before(function () {
    if (!fs.existsSync(index)) this.skip();
  });

  it('agrees with cfn-lint on every template, except for explained differences', () => {
    const rows = differential();
    const unexplained: string[] = [];
    const report: string[] = [];
    for (const r of rows) {
      const onlyTheirs = r.theirPlaces.filter((p) => !r.ourPlaces.includes(p));
      const onlyOurs = r.ourPlaces.filter((p) => !r.theirPlaces.includes(p));
      const both = r.theirPlaces.filter((p) => r.ourPlaces.includes(p));
      report.push(`${r.check} ${r.template}: cfn-lint lines [${r.theirs.join(', ')}], ours [${r.ours.join(', ')}]; agree on [${both.join(', ')}]${onlyTheirs.length ? `, only cfn-lint [${onlyTheirs.join(', ')}]` : ''}${onlyOurs.length ? `, only ours [${onlyOurs.join(', ')}]` : ''}`);
      if (onlyTheirs.length && !EXPLAINED[`${r.template}|${r.check}|theirs`]) unexplained.push(`${r.template}|${r.check}|theirs (${onlyTheirs.join(', ')})`);
      if (onlyOurs.length && !EXPLAINED[`${r.template}|${r.check}|ours`]) unexplained.push(`${r.template}|${r.check}|ours (${onlyOurs.join(', ')})`);
    }
    if (process.env.SHOW_DIFFERENTIAL) console.log(report.join('\n'));
    assert.deepStrictEqual(unexplained, [], `unexplained differences with cfn-lint:\n${report.join('\n')}`);
    // The overlap is not empty: the comparison compares something.
    assert.ok(rows.filter((r) => r.theirPlaces.some((p) => r.ourPlaces.includes(p))).length >= 3, 'too little agreement: the comparison is broken');
  });

  it('every explained difference still occurs (no stale allow-list entries)', () => {
    const rows = differential();
    const seen = new Set<string>();
    for (const r of rows) {
      if (r.theirPlaces.some((p) => !r.ourPlaces.includes(p))) seen.add(`${r.template}|${r.check}|theirs`);
      if (r.ourPlaces.some((p) => !r.theirPlaces.includes(p))) seen.add(`${r.template}|${r.check}|ours`);
    }
    assert.deepStrictEqual(Object.keys(EXPLAINED).filter((k) => !seen.has(k)), []);
  });
});
