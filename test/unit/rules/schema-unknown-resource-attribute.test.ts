import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';

ruleTester('schema-unknown-resource-attribute', {
  valid: [
    {
      name: 'every resource attribute; Version on custom resources; SAM Connectors and IgnoreGlobals',
      yaml: `${head}Transform: AWS::Serverless-2016-10-31\nConditions:\n  C: !Equals [a, a]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {}\n    DependsOn: []\n    Condition: C\n    Metadata: {}\n    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n    UpdatePolicy: {}\n    CreationPolicy: {}\n    Connectors:\n      Read:\n        Properties: {Destination: {Id: Fn}, Permissions: [Read]}\n  Seed:\n    Type: Custom::Seed\n    Version: "1.0"\n    Properties: {ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:f}\n  Fn:\n    Type: AWS::Serverless::Function\n    IgnoreGlobals: "*"\n    Properties: {Runtime: python3.12, Handler: a.b, InlineCode: x}\n  Included:\n    Type: AWS::SQS::Queue\n    Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://b/k}}\n`,
    },
    {
      name: 'a template that runs a macro may use its own keys',
      yaml: `${head}Transform: Count\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Count: 3\n`,
    },
  ],
  invalid: [
    {
      name: 'a misspelt attribute with a fix',
      yaml: `${head}Resources:\n  A:\n    Type: AWS::SQS::Queue\n  B:\n    Type: AWS::SQS::Queue\n    DependOn: A\n`,
      errors: [{ message: 'DependOn is not a resource attribute. Did you mean DependsOn?', text: 'DependOn', resource: 'B', line: 7, severity: 'error' }],
      fixTitles: ['Change to DependsOn'],
      output: `${head}Resources:\n  A:\n    Type: AWS::SQS::Queue\n  B:\n    Type: AWS::SQS::Queue\n    DependsOn: A\n`,
    },
    {
      name: 'a property written beside Type; on a SAM resource the transform drops it (warning)',
      yaml: `${head}Transform: AWS::Serverless-2016-10-31\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    QueueName: q\n  Fn:\n    Type: AWS::Serverless::Function\n    Description: d\n    Properties: {Runtime: python3.12, Handler: a.b, InlineCode: x}\n`,
      errors: [
        { message: 'QueueName is not a resource attribute (properties go under Properties).', severity: 'error' },
        { message: 'Description is not a resource attribute (properties go under Properties): the SAM transform ignores it.', severity: 'warning' },
      ],
    },
    {
      name: 'Connectors outside SAM templates',
      yaml: `${head}Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Connectors: {}\n`,
      errors: [{ message: 'Connectors is not a resource attribute' }],
    },
  ],
});
