import * as assert from 'assert';
import { ruleTester } from './tester';
import { analyze } from '../../../server/src/core/analyze';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const sam = 'Transform: AWS::Serverless-2016-10-31\n';

ruleTester('schema-value-not-allowed', {
  valid: [
    {
      name: 'allowed values, values written with intrinsics, open strings',
      yaml: `${head}Parameters:\n  Format:\n    Type: String\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: r\n      Code: {ZipFile: x}\n      PackageType: Zip\n      LoggingConfig:\n        LogFormat: !Ref Format\n        ApplicationLogLevel: INFO\n      Runtime: python3.99\n`,
    },
  ],
  invalid: [
    {
      name: 'a case slip, fixed to the allowed value',
      yaml: `${head}Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: r\n      Code: {ZipFile: x}\n      PackageType: zip\n`,
      errors: [{ message: 'PackageType "zip" is not an allowed value. Did you mean Zip? Allowed: Image, Zip.', severity: 'warning', text: 'zip', resource: 'Fn' }],
      fixTitles: ['Change to Zip'],
      output: `${head}Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: r\n      Code: {ZipFile: x}\n      PackageType: Zip\n`,
    },
    {
      name: 'a quoted value in a nested type keeps its quotes',
      yaml: `${head}Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: r\n      Code: {ZipFile: x}\n      LoggingConfig:\n        LogFormat: "Json"\n`,
      errors: [{ message: 'LoggingConfig.LogFormat "Json" is not an allowed value. Did you mean JSON?' }],
      output: `${head}Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: r\n      Code: {ZipFile: x}\n      LoggingConfig:\n        LogFormat: "JSON"\n`,
    },
    {
      name: 'a value with no close allowed value: no fix',
      yaml: `${head}Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: r\n      Code: {ZipFile: x}\n      RecursiveLoop: Sometimes\n`,
      errors: [{ message: 'RecursiveLoop "Sometimes" is not an allowed value. Allowed: Allow, Terminate.' }],
      fixTitles: [],
    },
    {
      name: 'SAM: an unknown event type',
      yaml: `${sam}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: a.b\n      InlineCode: x\n      Events:\n        Q:\n          Type: Sqs\n          Properties:\n            Queue: arn:aws:sqs:us-east-1:123456789012:q\n            BatchSize: 1\n`,
      errors: [{ message: 'Events.Q.Type "Sqs" is not an event type of AWS::Serverless::Function. Did you mean SQS?', text: 'Sqs' }],
      output: `${sam}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: a.b\n      InlineCode: x\n      Events:\n        Q:\n          Type: SQS\n          Properties:\n            Queue: arn:aws:sqs:us-east-1:123456789012:q\n            BatchSize: 1\n`,
    },
  ],
});

describe('schema fixes: which are safe for "fix all"', () => {
  it('a case-only change is safe and preferred; a typo fix is preferred but not safe', () => {
    const a = analyze(`${head}Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: r\n      Code: {ZipFile: x}\n      PackageType: zip\n      Handlr: a.b\n`, { format: 'yaml' });
    const enumFix = a.findings.find((f) => f.rule === 'schema-value-not-allowed')!.fixes;
    assert.deepStrictEqual(enumFix.map((f) => [f.title, f.preferred, f.safe]), [['Change to Zip', true, true]]);
    const keyFix = a.findings.find((f) => f.rule === 'schema-unknown-property')!.fixes;
    assert.deepStrictEqual(keyFix.map((f) => [f.title, f.preferred, f.safe]), [['Change to Handler', true, undefined]]);
  });
});
