/**
 * Template detection, both sides, with real files: templates from the shared corpus are
 * recognized (CloudFormation or SAM); other YAML/JSON files (workflows, manifests,
 * package.json, …) are `kind: 'none'` and get no findings at all.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/core/analyze';
import { parseTemplate } from '../../server/src/core/parse/template';

const repoRoot = path.resolve(__dirname, '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const nonTemplates = path.join(repoRoot, 'test/fixtures/non-templates');

function read(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

describe('detection: real templates are recognized', function () {
  this.timeout(30000);
  before(function () {
    if (!fs.existsSync(corpus)) this.skip();
  });

  /** [corpus path, expected kind, why it is a template]. */
  const CASES: [string, 'cloudformation' | 'sam', string][] = [
    ['awslabs-cfn-templates/aws/services/DynamoDB/DynamoDB_Secondary_Indexes.yaml', 'cloudformation', 'YAML with AWSTemplateFormatVersion'],
    ['awslabs-cfn-templates/aws/services/SQS/SQSStandardQueue.json', 'cloudformation', 'JSON'],
    ['awslabs-cfn-templates/aws/services/CloudFormation/Elasticache-snapshot.template', 'cloudformation', 'JSON with a .template extension'],
    ['awslabs-cfn-templates/aws/solutions/LambdaStaticIP/lambda-static.cfn.yaml', 'cloudformation', '.cfn.yaml'],
    ['cfnlint-snapshot/integration/aws-dynamodb-table.yaml', 'cloudformation', 'no version line: AWS:: resource types only'],
    ['cfnlint-snapshot/integration/custom-resources.yaml', 'cloudformation', 'no version line: AWS:: types'],
    ['sam/integration/combination__function_with_sqs.yaml', 'sam', 'SAM without a Transform line (AWS::Serverless::Function)'],
    ['sam/translator-input/basic_application.yaml', 'sam', 'SAM without a Transform line'],
    ['serverless-patterns/apigw-lambda-sfn-transcribe-translate-polly-sam/template.yaml', 'sam', 'Transform as a list'],
    ['cfnlint-good/transform/language_extension.yaml', 'sam', 'Transform list with LanguageExtensions and SAM'],
    ['serverless-patterns/sqs-lambda/template.yaml', 'sam', 'Transform string'],
    ['sam/translator-output/basic_application.json', 'cloudformation', 'SAM translator output: plain CloudFormation JSON'],
    ['quickstart/microsoft-activedirectory/archive/Template_1_AD_2012R2.template', 'cloudformation', 'large JSON'],
    ['cfnlint-good/functions/foreach.yaml', 'cloudformation', 'Fn::ForEach resources'],
  ];

  for (const [rel, kind, why] of CASES) {
    it(`${rel} → ${kind} (${why})`, () => {
      const file = path.join(corpus, rel);
      const a = analyze(read(file), { fileName: file });
      assert.strictEqual(a.kind, kind);
      assert.ok(a.template.resources.size + a.template.forEach.length > 0, 'has resources');
    });
  }

  it('detection does not depend on AWSTemplateFormatVersion: Transform list alone → sam', () => {
    const file = path.join(corpus, 'serverless-patterns/apigw-lambda-sfn-transcribe-translate-polly-sam/template.yaml');
    const text = read(file).replace(/^AWSTemplateFormatVersion:.*\n/m, '');
    assert.ok(!text.includes('AWSTemplateFormatVersion'));
    const t = parseTemplate(text, { fileName: file });
    assert.deepStrictEqual(t.transforms, ['AWS::Serverless-2016-10-31']);
    assert.strictEqual(t.kind, 'sam');
  });

  it('detection does not depend on AWSTemplateFormatVersion: AWS:: types alone → cloudformation (JSON)', () => {
    const file = path.join(corpus, 'awslabs-cfn-templates/aws/services/SQS/SQSStandardQueue.json');
    const json = JSON.parse(read(file));
    delete json.AWSTemplateFormatVersion;
    assert.strictEqual(parseTemplate(JSON.stringify(json, null, 2), { fileName: 'q.json' }).kind, 'cloudformation');
    // And with no resources and no version, it is no longer a template.
    delete json.Resources;
    assert.strictEqual(parseTemplate(JSON.stringify(json, null, 2), { fileName: 'q.json' }).kind, 'none');
  });

  it('every corpus template listed in MANIFEST.tsv is detected, with the SAM flag agreeing', () => {
    const rows = read(path.join(corpus, 'MANIFEST.tsv')).trim().split('\n').slice(1).map((l) => l.split('\t'));
    let checked = 0;
    const wrong: string[] = [];
    for (const [local, , , , , , , hasSam, serverlessTypes, label] of rows) {
      const file = path.join(corpus, local);
      if (!fs.existsSync(file)) continue;
      // Expected SAM-translator error outputs and cfn-lint's deliberately broken files are not templates.
      if (local.startsWith('sam/translator-expected-errors/') || /cfnlint-bad\/(empty_file|not_cloudformation)\.yaml$/.test(local)) continue;
      const kind = parseTemplate(read(file), { fileName: file }).kind;
      // The SAM translator's expected outputs are plain CloudFormation, although their text
      // mentions AWS::Serverless::* (in connector metadata), which sets the manifest's grep flag.
      const sam = label !== 'sam-expected-transform-output' && (hasSam === 'yes' || serverlessTypes === 'yes');
      if (kind !== (sam ? 'sam' : 'cloudformation')) wrong.push(`${local}: ${kind}, manifest SAM=${sam}`);
      checked++;
    }
    assert.ok(checked > 200, `checked ${checked}`);
    assert.deepStrictEqual(wrong, []);
  });

  it("cfn-lint's not-a-template fixtures are not templates", () => {
    for (const rel of ['cfnlint-bad/not_cloudformation.yaml', 'cfnlint-bad/empty_file.yaml']) {
      const a = analyze(read(path.join(corpus, rel)), { fileName: rel });
      assert.strictEqual(a.kind, 'none', rel);
      assert.deepStrictEqual(a.findings, []);
    }
  });
});

describe('detection: other YAML and JSON files get nothing', () => {
  const files = fs.readdirSync(nonTemplates).sort();

  it('the fixture set is complete', () => {
    assert.deepStrictEqual(files, [
      'ansible-playbook.yml',
      'docker-compose.yml',
      'empty.yaml',
      'github-workflow.yml',
      'k8s-manifests.yaml',
      'lambda-test-event.json',
      'openapi.yaml',
      'package.json',
      'resources-without-aws-types.json',
      'resources-without-aws-types.yaml',
      'tsconfig.json',
      'whitespace-only.yml',
    ]);
  });

  for (const name of files) {
    it(`${name} → none, zero findings`, () => {
      const file = path.join(nonTemplates, name);
      const a = analyze(read(file), { fileName: file });
      assert.strictEqual(a.kind, 'none');
      assert.deepStrictEqual(a.findings, []);
      assert.deepStrictEqual(a.template.references, [], 'no references are collected');
    });
  }

  it('the tricky ones really carry the bait (so the test above means something)', () => {
    // The workflow embeds a template in a run script, the playbook in a template_body.
    assert.match(read(path.join(nonTemplates, 'github-workflow.yml')), /AWSTemplateFormatVersion/);
    assert.match(read(path.join(nonTemplates, 'ansible-playbook.yml')), /Type: AWS::SQS::Queue/);
    // The k8s file is multi-document, and a later document has template-like keys.
    const k8s = parseTemplate(read(path.join(nonTemplates, 'k8s-manifests.yaml')), { fileName: 'k8s.yaml' });
    assert.ok(k8s.issues.some((i) => i.code === 'yaml-MULTIPLE_DOCUMENTS'));
    // tsconfig.json has comments and trailing commas: errors for a template, silence here.
    assert.ok(parseTemplate(read(path.join(nonTemplates, 'tsconfig.json')), { fileName: 'tsconfig.json' }).issues.length > 0);
    // Resources maps whose types are not AWS::/Custom::/Alexa::
    const res = parseTemplate(read(path.join(nonTemplates, 'resources-without-aws-types.yaml')), { fileName: 'r.yaml' });
    assert.deepStrictEqual([...res.resources.keys()], ['web', 'db', 'cache']);
  });

  it('Custom:: and Alexa:: resource types make a template; other prefixes do not', () => {
    const kind = (type: string) => parseTemplate(`Resources:\n  R:\n    Type: ${type}\n`, { fileName: 't.yaml' }).kind;
    assert.strictEqual(kind('Custom::Seed'), 'cloudformation');
    assert.strictEqual(kind('Alexa::ASK::Skill'), 'cloudformation');
    assert.strictEqual(kind('AWS::SQS::Queue'), 'cloudformation');
    assert.strictEqual(kind('AWS::Serverless::Function'), 'sam');
    assert.strictEqual(kind('Redis::Cluster'), 'none');
    assert.strictEqual(kind('aws::sqs::queue'), 'none');
    assert.strictEqual(kind('"AWS::"'), 'none');
  });

  it('a SAM Transform alone (string or list) makes a SAM template; another transform alone does not', () => {
    const kind = (transform: string) => parseTemplate(`Transform: ${transform}\nResources: {}\n`, { fileName: 't.yaml' }).kind;
    assert.strictEqual(kind('AWS::Serverless-2016-10-31'), 'sam');
    assert.strictEqual(kind('[AWS::LanguageExtensions, AWS::Serverless-2016-10-31]'), 'sam');
    assert.strictEqual(kind('AWS::LanguageExtensions'), 'none');
  });

  it('AWSTemplateFormatVersion alone makes a template (so a half-written one is analyzed)', () => {
    const a = analyze('AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: Nope\n', { fileName: 't.yaml', only: ['reference-unknown-target'] });
    assert.strictEqual(a.kind, 'cloudformation');
    assert.strictEqual(a.findings.length, 1);
    assert.strictEqual(parseTemplate('AWSTemplateFormatVersion: "2010-09-09"\n', { fileName: 't.yaml' }).kind, 'cloudformation');
  });
});
