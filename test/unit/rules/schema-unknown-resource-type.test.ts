import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';

ruleTester('schema-unknown-resource-type', {
  valid: [
    {
      name: 'known types, SAM types the spec lacks, and types nobody can know',
      yaml: `${head}Resources:\n  A:\n    Type: AWS::S3::Bucket\n  B:\n    Type: AWS::Serverless::Function\n    Properties: {Runtime: python3.12, Handler: a.b, InlineCode: x}\n  C:\n    Type: AWS::Serverless::Connector\n    Properties: {Source: {Id: B}, Destination: {Id: A}, Permissions: [Read]}\n  D:\n    Type: Custom::Whatever\n    Properties: {ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:f}\n  E:\n    Type: AWS::CloudFormation::CustomResource\n    Properties: {ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:f}\n  F:\n    Type: MyOrg::Network::Vpc::MODULE\n  G:\n    Type: MyOrg::Svc::Thing\n  H:\n    Type: Alexa::ASK::Skill\n    Properties: {AuthenticationConfiguration: {ClientId: a, ClientSecret: b, RefreshToken: c}, SkillPackage: {S3Bucket: b, S3Key: k}, VendorId: v}\n`,
    },
  ],
  invalid: [
    {
      name: 'a misspelt type with a did-you-mean fix',
      yaml: `${head}Resources:\n  Topic:\n    Type: AWS::SNS::Topci\n`,
      errors: [{ message: 'Unknown resource type AWS::SNS::Topci. Did you mean AWS::SNS::Topic?', resource: 'Topic', text: 'AWS::SNS::Topci', line: 4 }],
      fixTitles: ['Change to AWS::SNS::Topic'],
      output: `${head}Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n`,
    },
    {
      name: 'wrong case, quoted: the quotes stay',
      yaml: `${head}Resources:\n  Queue:\n    Type: "aws::sqs::queue"\n`,
      errors: [{ message: 'Unknown resource type aws::sqs::queue. Did you mean AWS::SQS::Queue' }],
      output: `${head}Resources:\n  Queue:\n    Type: "AWS::SQS::Queue"\n`,
    },
    {
      name: 'no Type, an empty entry, a non-map entry and a Type that is not a string',
      yaml: `${head}Parameters:\n  T:\n    Type: String\nResources:\n  NoType:\n    Properties: {}\n  Empty:\n  List: [a]\n  Computed:\n    Type: !Ref T\n`,
      errors: [
        { message: 'Resource NoType has no Type.', text: 'NoType' },
        { message: 'Resource Empty is empty', text: 'Empty' },
        { message: 'Resource List is not a mapping', text: 'List' },
        { message: 'The Type of Computed must be a resource type name written as a literal string.' },
      ],
    },
    {
      name: 'an unknown AWS type with no close name: no fix',
      yaml: `${head}Resources:\n  X:\n    Type: AWS::Fancy::CoolType\n`,
      errors: [{ message: 'Unknown resource type AWS::Fancy::CoolType.' }],
      fixTitles: [],
    },
  ],
});
