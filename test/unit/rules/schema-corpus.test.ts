/**
 * The schema rules on the AWS-authored templates of ../shared/corpus (AWS samples, Quick
 * Starts, Serverless Patterns, the SAM repository's own templates, the ECS reference
 * architecture): every finding must be a defect explained below. A new finding there is
 * either a false positive to fix or a defect to explain here. Skips where the corpus is absent.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../../server/src/core/analyze';

const root = path.resolve(__dirname, '../../../..');
const corpus = path.resolve(root, '../shared/corpus');
const AWS_AUTHORED = ['awslabs-cfn-templates', 'quickstart', 'serverless-patterns', 'sam', 'ecs-refarch'];
const EXT = /\.(ya?ml|json|template)$/i;

/** `rule|template|line` -> the defect. */
const EXPLAINED: Record<string, string> = {
  'schema-unknown-property|awslabs-cfn-templates/aws/services/NeptuneDB/Neptune.yaml|352':
    'Port is read-only on AWS::Neptune::DBCluster (the writable property is DBPort, Port was deprecated): the cluster listens on the default 8182 whatever the Port parameter says (warning).',
  'schema-value-type|awslabs-cfn-templates/aws/services/RDS/RDS_MySQL_With_Read_Replica.yaml|93':
    'DBSecurityGroupIngress is a list of Ingress; the sample writes one mapping (cfn-lint E3012 agrees).',
  'schema-unknown-resource-attribute|awslabs-cfn-templates/aws/solutions/CloudFrontCustomOriginLambda@Edge/CloudFront.yaml|334':
    'Description written beside Type on an AWS::IAM::Role: CloudFormation rejects unknown resource attributes ("Invalid template resource property").',
  'schema-unknown-resource-attribute|awslabs-cfn-templates/aws/solutions/CloudFrontCustomOriginLambda@Edge/CloudFront.yaml|353': 'Same as line 334, on another resource.',
  'schema-unknown-property|awslabs-cfn-templates/aws/solutions/CloudFrontCustomOriginLambda@Edge/CloudFront.yaml|682':
    'ViewerCertificate has no ACMCertificateIdentifier (the property is AcmCertificateArn). cfn-lint stops earlier on this file (duplicate keys), so it does not see it.',
  'schema-unknown-resource-attribute|serverless-patterns/eventbridge-lambda/template.yaml|9':
    'Description beside Type on an AWS::Serverless::Function: the SAM transform drops it, so the function has no description (warning).',
  // SAM's own error fixtures (sam/translator-input/error_*.yaml): invalid on purpose, the
  // expected transform errors are in sam/translator-expected-errors/.
  'schema-missing-required-property|sam/translator-input/error_connector.yaml|9': 'Error fixture: an AWS::Lambda::Function without Role (SAM expects "Unable to get IAM role name").',
  'schema-unknown-resource-type|sam/translator-input/error_connector.yaml|20': "Error fixture: a resource without Type (SAM expects \"'Type' is missing\").",
  'schema-unknown-resource-type|sam/translator-input/error_connector.yaml|25': 'Error fixture: AWS::Fancy::CoolType is deliberately not a type.',
  'schema-missing-required-property|sam/translator-input/error_connector.yaml|159': "Error fixture: a connector without Permissions (SAM expects \"Missing required property 'Permissions'\").",
  'schema-value-type|sam/translator-input/error_api_invalid_auth.yaml|116': "Error fixture: Auth is a string (SAM expects \"Property 'Auth' should be a map\").",
  'schema-value-type|sam/translator-input/error_api_invalid_auth.yaml|252': "Error fixture: DefaultAuthorizer is an intrinsic mapping (SAM expects \"Property 'Auth.DefaultAuthorizer' should be a string\").",
};

function walk(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (EXT.test(e.name)) out.push(full);
  }
  return out;
}

describe('schema rules on AWS-authored templates', function () {
  this.timeout(60000);
  before(function () {
    if (!fs.existsSync(corpus)) this.skip();
  });

  it('reports only explained defects', () => {
    const got = new Map<string, string>();
    for (const dir of AWS_AUTHORED) {
      for (const file of walk(path.join(corpus, dir))) {
        const rel = path.relative(corpus, file).split(path.sep).join('/');
        const a = analyze(fs.readFileSync(file, 'utf8'), { fileName: file });
        for (const f of a.findings) {
          if (f.area !== 'schema') continue;
          got.set(`${f.rule}|${rel}|${a.lines.positionAt(f.start).line + 1}`, f.message);
        }
      }
    }
    const unexplained = [...got].filter(([k]) => !EXPLAINED[k]).map(([k, m]) => `${k}: ${m}`);
    assert.deepStrictEqual(unexplained, [], 'new schema findings on AWS-authored templates: fix the false positive or explain the defect');
    assert.deepStrictEqual(Object.keys(EXPLAINED).filter((k) => !got.has(k)), [], 'explained findings no longer reported: remove them');
  });
});
