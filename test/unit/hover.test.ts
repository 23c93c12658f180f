/**
 * Hover from the schema and the language (core/features/hover.ts `schemaHover`): resource types,
 * properties at any depth (SAM included) with their documentation and AWS reference anchor,
 * intrinsic functions in every form, resource attributes and sections; YAML and JSON. The hover on
 * logical IDs (type, dependencies, findings) is tested with navigation (navigation.test.ts).
 */
import * as assert from 'assert';
import { analyze } from '../../server/src/core/analyze';
import { hover, INTRINSIC_DOCS, intrinsicDocsUrl } from '../../server/src/core/features/hover';
import { SHORT_TAGS } from '../../server/src/core/parse/intrinsics';

function at(text: string, needle: string, inner = needle): number {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `no ${needle}`);
  return i + needle.indexOf(inner) + 1;
}

function hoverText(text: string, needle: string, inner = needle, fileName = 't.yaml'): { md: string; range: string } | undefined {
  const h = hover(analyze(text, { fileName }), at(text, needle, inner));
  return h ? { md: h.markdown, range: text.slice(h.start, h.end) } : undefined;
}

const YAML = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Queue:
    Type: AWS::SQS::Queue
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      VisibilityTimeout: 60
      QueueName: !Sub "\${AWS::StackName}-orders"
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      Subscription:
        - Endpoint: !GetAtt Queue.Arn
          Protocol: sqs
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      CodeUri: src/
      LoggingConfig:
        LogFormat: JSON
      Events:
        Orders:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
            BatchSize: 10
Outputs:
  Url:
    Value:
      Fn::GetAtt: [Queue, QueueUrl]
`;

describe('hover: schema', () => {
  it('describes a resource type with its documentation and reference page', () => {
    const h = hoverText(YAML, 'AWS::SQS::Queue')!;
    assert.strictEqual(h.range, 'AWS::SQS::Queue');
    assert.match(h.md, /^\*\*AWS::SQS::Queue\*\* — resource type\n\nThe AWS::SQS::Queue resource creates an Amazon SQS standard or FIFO queue\./);
    assert.match(h.md, /\[AWS reference\]\(https:\/\/docs\.aws\.amazon\.com\/AWSCloudFormation\/latest\/TemplateReference\/aws-resource-sqs-queue\.html\)$/);
    assert.match(hoverText(YAML, 'AWS::Serverless::Function')!.md, /needs the `AWS::Serverless-2016-10-31` transform[\s\S]*serverless-application-model\/latest\/developerguide\/sam-resource-function\.html/);
  });

  it('describes a property with its type, documentation and anchor, at the top and in nested types', () => {
    const top = hoverText(YAML, 'VisibilityTimeout')!;
    assert.strictEqual(top.range, 'VisibilityTimeout');
    assert.match(top.md, /^\*\*VisibilityTimeout\*\* — `Integer`\n\nProperty of `AWS::SQS::Queue`\n\nThe length of time during which a message will be unavailable/);
    assert.match(top.md, /aws-resource-sqs-queue\.html#cfn-sqs-queue-visibilitytimeout\)$/);
    const nested = hoverText(YAML, 'Protocol')!.md;
    assert.match(nested, /^\*\*Protocol\*\* — `String` · required\n\nProperty of `Subscription` \(AWS::SNS::Topic\)/);
    assert.match(nested, /aws-properties-sns-topic-subscription\.html#cfn-sns-topic-subscription-protocol\)$/);
    const name = hoverText(YAML, 'QueueName: !Sub', 'QueueName')!.md;
    assert.match(name, /Changing it \*\*replaces\*\* the resource/);
  });

  it('describes SAM properties, event properties by the event type, and pass-through properties', () => {
    assert.match(hoverText(YAML, 'CodeUri')!.md, /^\*\*CodeUri\*\* — `String \| S3Location`/);
    assert.match(hoverText(YAML, 'BatchSize')!.md, /^\*\*BatchSize\*\* — `Number`/);
    assert.match(hoverText(YAML, 'Runtime: python', 'Runtime')!.md, /^\*\*Runtime\*\* — `String`[\s\S]*sam-resource-function\.html#sam-function-runtime\)$/);
    // A property SAM passes through to AWS::Lambda::Function (newer than the SAM schema): its CloudFormation documentation.
    assert.match(hoverText(YAML, 'LoggingConfig')!.md, /^\*\*LoggingConfig\*\* — `LoggingConfig`[\s\S]*aws-resource-lambda-function\.html#cfn-lambda-function-loggingconfig\)$/);
    assert.match(hoverText(YAML, 'LogFormat')!.md, /^\*\*LogFormat\*\* — `String`[\s\S]*aws-properties-lambda-function-loggingconfig\.html#cfn-lambda-function-loggingconfig-logformat\)$/);
  });

  it('describes intrinsic functions in short form, long form and JSON', () => {
    const sub = hoverText(YAML, '!Sub')!;
    assert.strictEqual(sub.range, '!Sub');
    assert.match(sub.md, /^\*\*Fn::Sub\*\* \(`!Sub`\) — intrinsic function/);
    assert.match(sub.md, /intrinsic-function-reference-sub\.html\)$/);
    assert.match(hoverText(YAML, 'Fn::GetAtt:')!.md, /^\*\*Fn::GetAtt\*\* \(`!GetAtt`\)/);
    const json = '{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Fn::Join": ["-", ["a", {"Ref": "AWS::StackName"}]]}}}}}';
    assert.match(hoverText(json, '"Fn::Join"', 'Fn::Join', 't.json')!.md, /^\*\*Fn::Join\*\*/);
    assert.match(hoverText(json, '"Ref"', 'Ref', 't.json')!.md, /^\*\*Ref\*\* \(`!Ref`\)/);
    assert.match(hoverText(json, '"QueueName"', 'QueueName', 't.json')!.md, /^\*\*QueueName\*\* — `String`/);
    assert.match(hoverText(json, '"AWS::SQS::Queue"', 'AWS', 't.json')!.md, /^\*\*AWS::SQS::Queue\*\* — resource type/);
    const cond = 'Conditions:\n  A: !Equals [a, b]\n  B: !Not [!Condition A]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n';
    assert.match(hoverText(cond, '!Equals')!.md, /conditions\.html#intrinsic-function-reference-conditions-equals\)$/);
    assert.match(hoverText(cond, '!Condition')!.md, /^\*\*Condition\*\* \(`!Condition`\)/);
  });

  it('documents every short-form tag, with a reference page', () => {
    for (const fn of Object.values(SHORT_TAGS)) {
      if (['Fn::Contains', 'Fn::EachMemberEquals', 'Fn::EachMemberIn', 'Fn::RefAll', 'Fn::ValueOf', 'Fn::ValueOfAll', 'Fn::Implies'].includes(fn)) continue;
      const d = INTRINSIC_DOCS.find((x) => x.fn === fn);
      assert.ok(d, `no documentation for ${fn}`);
      assert.match(intrinsicDocsUrl(d), /^https:\/\/docs\.aws\.amazon\.com\/AWSCloudFormation\/latest\/TemplateReference\/intrinsic-function-reference-[A-Za-z0-9]+\.html/);
    }
  });

  it('describes resource attributes and sections, and nothing on values or unknown keys', () => {
    assert.match(hoverText(YAML, 'DeletionPolicy')!.md, /^\*\*DeletionPolicy\*\* — resource attribute[\s\S]*aws-attribute-deletionpolicy\.html\)$/);
    assert.match(hoverText(YAML, 'Outputs')!.md, /^\*\*Outputs\*\* — template section/);
    assert.strictEqual(hoverText(YAML, 'Protocol: sqs', 'sqs'), undefined);
    assert.strictEqual(hoverText(YAML, 'app.handler'), undefined);
    assert.strictEqual(hoverText('Resources:\n  X:\n    Type: Custom::Thing\n    Properties:\n      Anything: 1\n', 'Anything'), undefined);
    assert.strictEqual(hoverText('a: b\nc: AWS::S3::Bucket\n', 'AWS::S3::Bucket'), undefined, 'not a template');
  });

  it('keeps the logical-ID hover (type, dependencies, findings) where a name is', () => {
    const h = hoverText(YAML, '!GetAtt Queue.Arn', 'Queue')!;
    assert.strictEqual(h.range, 'Queue');
    assert.match(h.md, /^\*\*Resource\*\* `Queue`/);
    assert.match(h.md, /\*\*Used by\*\*/);
  });
});
