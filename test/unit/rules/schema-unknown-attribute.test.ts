import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const sam = 'Transform: AWS::Serverless-2016-10-31\n';

ruleTester('schema-unknown-attribute', {
  valid: [
    {
      name: 'known attributes in both GetAtt forms and in Sub; nested-stack outputs; custom resources',
      yaml: `${head}Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties: {DBInstanceClass: db.t3.micro, Engine: mysql}\n  Stack:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: https://s3.amazonaws.com/b/t.yaml}\n  Seed:\n    Type: Custom::Seed\n    Properties: {ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:f}\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !GetAtt Db.Endpoint.Address\nOutputs:\n  A:\n    Value: !GetAtt [Db, Endpoint.Port]\n  B:\n    Value: !Sub "\${Db.Endpoint.Address}:\${Stack.Outputs.Port}"\n  C:\n    Value: !GetAtt Seed.Anything\n  D:\n    Value: !GetAtt Topic.TopicName\n`,
    },
    {
      name: 'SAM: attributes of the generated resource and references SAM resolves',
      yaml: `${sam}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {Runtime: python3.12, Handler: a.b, InlineCode: x, AutoPublishAlias: live}\n  Api:\n    Type: AWS::Serverless::Api\n    Properties: {StageName: prod}\nOutputs:\n  A:\n    Value: !GetAtt Fn.Arn\n  B:\n    Value: !Sub "\${Fn.Alias} \${Api.RootResourceId} \${Api.Stage}"\n  C:\n    Value: !GetAtt FnRole.Arn\n`,
    },
  ],
  invalid: [
    {
      name: 'a misspelt attribute with a fix (dotted form)',
      yaml: `${head}Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties: {KeyPolicy: {}}\nOutputs:\n  A:\n    Value: !GetAtt Key.Arnn\n`,
      errors: [{ message: 'Key (AWS::KMS::Key) has no attribute Arnn. Did you mean Arn?', text: 'Arnn', line: 8, resource: null }],
      fixTitles: ['Change to Arn'],
      output: `${head}Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties: {KeyPolicy: {}}\nOutputs:\n  A:\n    Value: !GetAtt Key.Arn\n`,
    },
    {
      name: 'list form and Sub form',
      yaml: `${head}Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties: {KeyPolicy: {}}\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      KmsMasterKeyId: !GetAtt [Key, KeyID]\n      DisplayName: !Sub "\${Key.Ar}"\n`,
      errors: [
        { message: 'Key (AWS::KMS::Key) has no attribute KeyID. Did you mean KeyId?', text: 'KeyID', resource: 'Topic' },
        { message: 'Key (AWS::KMS::Key) has no attribute Ar. Did you mean Arn?', text: 'Ar' },
      ],
      output: `${head}Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties: {KeyPolicy: {}}\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      KmsMasterKeyId: !GetAtt [Key, KeyId]\n      DisplayName: !Sub "\${Key.Ar}"\n`,
    },
    {
      name: 'SAM: an attribute neither the generated resource nor SAM has; GetAtt without attribute',
      yaml: `${sam}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {Runtime: python3.12, Handler: a.b, InlineCode: x}\nOutputs:\n  A:\n    Value: !GetAtt Fn.FunctionArn\n  B:\n    Value: !GetAtt Fn\n`,
      errors: [
        { message: 'Fn (AWS::Serverless::Function) has no attribute FunctionArn. Did you mean Arn?', text: 'FunctionArn' },
        { message: 'Fn::GetAtt Fn names no attribute' },
      ],
    },
    {
      name: 'a type without attributes: use Ref',
      yaml: `${head}Resources:\n  Model:\n    Type: AWS::ApiGateway::Model\n    Properties: {RestApiId: a}\nOutputs:\n  A:\n    Value: !GetAtt Model.Id\n`,
      errors: [{ message: 'Model (AWS::ApiGateway::Model) has no attribute Id. It has no attributes: use Ref for its identifier.' }],
      fixTitles: [],
    },
  ],
});
