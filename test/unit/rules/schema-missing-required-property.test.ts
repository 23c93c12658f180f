import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const sam = 'Transform: AWS::Serverless-2016-10-31\n';

ruleTester('schema-missing-required-property', {
  valid: [
    {
      name: 'all required properties set, including in nested types and list items',
      yaml: `${head}Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: arn:aws:iam::123456789012:role/r\n      Code: {ZipFile: x}\n      SnapStart: {ApplyOn: None}\n      Tags:\n        - Key: a\n          Value: b\n`,
    },
    {
      name: 'Properties as Fn::If: each branch checked; an AWS::NoValue branch or an intrinsic is not',
      yaml: `${head}Conditions:\n  Prod: !Equals [a, b]\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties: !If\n      - Prod\n      - {Role: r, Code: {ZipFile: x}}\n      - {Role: r2, Code: {ZipFile: y}}\n  Other:\n    Type: AWS::Lambda::Function\n    Properties:\n      Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://b/k}}\n`,
    },
    {
      name: 'SAM: required properties set through Globals, and SAM types without required properties',
      yaml: `${sam}Globals:\n  WebSocketApi:\n    RouteSelectionExpression: $request.body.action\nResources:\n  Ws:\n    Type: AWS::Serverless::WebSocketApi\n    Properties:\n      Routes:\n        $default: {FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:f}\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: a.b\n      InlineCode: x\n      Events:\n        Stream:\n          Type: Kinesis\n          Properties:\n            Stream: arn:aws:kinesis:us-east-1:123456789012:stream/s\n        Cron:\n          Type: Schedule\n`,
    },
    {
      name: 'custom resource with a ServiceToken',
      yaml: `${head}Resources:\n  C:\n    Type: Custom::Seed\n    Properties:\n      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:f\n`,
    },
  ],
  invalid: [
    {
      name: 'resource without Properties: reported on the logical ID',
      yaml: `${head}Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n`,
      errors: [{ message: 'resource Fn (AWS::Lambda::Function) is missing required properties Code, Role.', resource: 'Fn', text: 'Fn', line: 3 }],
    },
    {
      name: 'one missing property, and one whose value is AWS::NoValue',
      yaml: `${head}Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: !Ref AWS::NoValue\n      Code: {ZipFile: x}\n`,
      errors: [{ message: 'resource Fn (AWS::Lambda::Function) is missing required property Role.', text: 'Fn' }],
    },
    {
      name: 'in a nested type (on its key) and in a list item',
      yaml: `${head}Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: r\n      Code: {ZipFile: x}\n      SnapStart: {}\n      Tags:\n        - Key: a\n`,
      errors: [
        { message: 'SnapStart is missing required property ApplyOn.', text: 'SnapStart' },
        { message: 'Tags[0] is missing required property Value.', text: 'Key' },
      ],
    },
    {
      name: 'in one branch of an Fn::If on Properties',
      yaml: `${head}Conditions:\n  Prod: !Equals [a, b]\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties: !If\n      - Prod\n      - {Role: r, Code: {ZipFile: x}}\n      - {Role: r2}\n`,
      errors: [{ message: 'resource Fn (AWS::Lambda::Function) is missing required property Code.', text: 'Fn' }],
    },
    {
      name: 'a required property an Fn::If removes in one branch, and Properties: !Ref AWS::NoValue',
      yaml: `${head}Conditions:\n  Prod: !Equals [a, b]\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: r\n      Code: !If [Prod, {ZipFile: x}, !Ref AWS::NoValue]\n  Q:\n    Type: AWS::Lambda::Function\n    Properties: !Ref AWS::NoValue\n`,
      errors: [
        { message: 'resource Fn (AWS::Lambda::Function) is missing required property Code when condition Prod is false (the Fn::If gives AWS::NoValue).', text: 'Fn' },
        { message: 'resource Q (AWS::Lambda::Function) is missing required properties Code, Role.', text: 'Q' },
      ],
    },
    {
      name: 'SAM: Api StageName, an event without its required properties, a custom resource without ServiceToken',
      yaml: `${sam}Resources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      Name: a\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: a.b\n      InlineCode: x\n      Events:\n        Bucket:\n          Type: S3\n          Properties:\n            Bucket: !Ref B\n        Topic:\n          Type: SNS\n  B:\n    Type: AWS::S3::Bucket\n  C:\n    Type: Custom::Seed\n    Properties:\n      Size: 1\n`,
      errors: [
        { message: 'resource Api (AWS::Serverless::Api) is missing required property StageName.', text: 'Api' },
        { message: 'Event Events.Bucket (S3) is missing required property Events.', text: 'Properties' },
        { message: 'Event Events.Topic (SNS) has no Properties: it is missing required property Topic.', text: 'Topic' },
        { message: 'resource C (Custom::Seed) is missing required property ServiceToken.', text: 'C' },
      ],
    },
    {
      name: 'SAM: a Globals value does not count for a resource that ignores Globals',
      yaml: `${sam}Globals:\n  WebSocketApi:\n    RouteSelectionExpression: $request.body.action\nResources:\n  Ws:\n    Type: AWS::Serverless::WebSocketApi\n    IgnoreGlobals: "*"\n    Properties:\n      Routes:\n        $default: {FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:f}\n`,
      errors: [{ message: 'resource Ws (AWS::Serverless::WebSocketApi) is missing required property RouteSelectionExpression.' }],
    },
  ],
});
