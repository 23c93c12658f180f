import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const sam = 'Transform: AWS::Serverless-2016-10-31\n';

ruleTester('schema-unknown-property', {
  valid: [
    {
      name: 'nested types, lists of nested types, tags, Fn::If branches and AWS::NoValue',
      yaml: `${head}Conditions:\n  Prod: !Equals [!Ref "AWS::Region", us-east-1]\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: b\n      VersioningConfiguration:\n        Status: Enabled\n      LifecycleConfiguration:\n        Rules:\n          - Status: Enabled\n            ExpirationInDays: 30\n      Tags:\n        - Key: k\n          Value: v\n      LoggingConfiguration: !If\n        - Prod\n        - DestinationBucketName: logs\n        - !Ref AWS::NoValue\n`,
    },
    {
      name: 'free-form JSON (policy documents) is never checked',
      yaml: `${head}Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Principal: {Service: lambda.amazonaws.com}\n            Action: sts:AssumeRole\n            Whatever: 1\n`,
    },
    {
      name: 'custom resources, modules and registry types take any property',
      yaml: `${head}Resources:\n  A:\n    Type: Custom::Thing\n    Properties:\n      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:f\n      Anything: 1\n  B:\n    Type: AWS::CloudFormation::CustomResource\n    Properties:\n      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:f\n      Other: 2\n  C:\n    Type: MyOrg::Svc::Thing::MODULE\n    Properties:\n      X: 1\n  D:\n    Type: MyOrg::Svc::Thing\n    Properties:\n      Y: 2\n`,
    },
    {
      name: 'SAM: properties newer than the CloudFormation spec, Globals, events the spec does not know',
      yaml: `${sam}Globals:\n  Function:\n    Runtime: python3.12\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      CodeUri: {Bucket: b, Key: k, Version: "3"}\n      LoggingConfig:\n        LogFormat: JSON\n      SnapStart:\n        ApplyOn: PublishedVersions\n      RuntimeManagementConfig:\n        UpdateRuntimeOn: Auto\n      PropagateTags: true\n      Events:\n        Queue:\n          Type: SQS\n          Properties:\n            Queue: arn:aws:sqs:us-east-1:123456789012:q\n            FunctionResponseTypes: [ReportBatchItemFailures]\n            ScalingConfig: {MaximumConcurrency: 5}\n        Kafka:\n          Type: MSK\n          Properties:\n            Stream: arn:aws:kafka:us-east-1:123456789012:cluster/c\n            Topics: [t]\n            StartingPosition: LATEST\n        Cron:\n          Type: ScheduleV2\n          Properties:\n            ScheduleExpression: rate(1 minute)\n        Rule:\n          Type: CloudWatchEvent\n          Properties:\n            Pattern: {source: [aws.ec2]}\n            DeadLetterConfig: {Type: SQS}\n            RetryPolicy: {MaximumRetryAttempts: 2}\n  Conn:\n    Type: AWS::Serverless::Connector\n    Properties:\n      Source: {Id: Fn}\n      Destination: {Id: Fn}\n      Permissions: [Read]\n`,
    },
    {
      name: 'a map expanded by Fn::Transform, and a template running a macro',
      yaml: `${head}Transform: [MyMacro]\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      Fn::Transform:\n        Name: AWS::Include\n        Parameters: {Location: s3://b/k}\n      Whatever: 1\n`,
    },
    {
      name: 'properties of the nested types of an Fn::If at the top of Properties',
      yaml: `${head}Conditions:\n  Prod: !Equals [a, b]\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties: !If\n      - Prod\n      - {QueueName: a, DelaySeconds: 1}\n      - {QueueName: b}\n`,
    },
  ],
  invalid: [
    {
      name: 'a misspelt property with a did-you-mean fix',
      yaml: `${head}Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketNmae: my-bucket\n`,
      errors: [{ message: 'BucketNmae is not a property of AWS::S3::Bucket. Did you mean BucketName?', resource: 'Bucket', text: 'BucketNmae', line: 6, severity: 'error' }],
      fixTitles: ['Change to BucketName'],
      output: `${head}Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: my-bucket\n`,
    },
    {
      name: 'in a nested type inside a list, with a fix',
      yaml: `${head}Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n        - Kye: a\n          Value: b\n`,
      errors: [{ message: 'Tags[0].Kye is not a property of Tag. Did you mean Key?', text: 'Kye' }],
      output: `${head}Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n        - Key: a\n          Value: b\n`,
    },
    {
      name: 'in both branches of an Fn::If',
      yaml: `${head}Conditions:\n  Prod: !Equals [a, b]\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration: !If\n        - Prod\n        - Status: Enabled\n          Mode: x\n        - Status: Suspended\n          Staus: y\n`,
      errors: [
        { message: 'VersioningConfiguration.Mode is not a property of VersioningConfiguration.', text: 'Mode' },
        { message: 'VersioningConfiguration.Staus is not a property of VersioningConfiguration. Did you mean Status?', text: 'Staus' },
      ],
    },
    {
      name: 'SAM: a misspelt function property and an unknown event property',
      yaml: `${sam}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtme: python3.12\n      Handler: a.b\n      InlineCode: x\n      Events:\n        Q:\n          Type: SQS\n          Properties:\n            Queue: arn:aws:sqs:us-east-1:123456789012:q\n            BatchSzie: 5\n`,
      errors: [
        { message: 'Runtme is not a property of AWS::Serverless::Function. Did you mean Runtime?', text: 'Runtme' },
        { message: 'Events.Q.Properties.BatchSzie is not a property of a SAM SQS event. Did you mean BatchSize?', text: 'BatchSzie' },
      ],
      output: `${sam}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: a.b\n      InlineCode: x\n      Events:\n        Q:\n          Type: SQS\n          Properties:\n            Queue: arn:aws:sqs:us-east-1:123456789012:q\n            BatchSzie: 5\n`,
    },
    {
      name: 'SAM: a pass-through property is checked against the CloudFormation type',
      yaml: `${sam}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: a.b\n      InlineCode: x\n      LoggingConfig:\n        LogGrup: g\n`,
      errors: [{ message: 'LoggingConfig.LogGrup is not a property of LoggingConfig. Did you mean LogGroup?' }],
      output: `${sam}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: a.b\n      InlineCode: x\n      LoggingConfig:\n        LogGroup: g\n`,
    },
    {
      name: 'SAM: an event key other than Type and Properties is dropped by the transform (warning)',
      yaml: `${sam}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: a.b\n      InlineCode: x\n      Events:\n        Q:\n          Type: SQS\n          Condition: Prod\n          Properties:\n            Queue: arn:aws:sqs:us-east-1:123456789012:q\n`,
      errors: [{ message: 'Events.Q.Condition is not a property of a SAM event source (the transform ignores it).', severity: 'warning', text: 'Condition' }],
    },
    {
      name: 'a read-only attribute written as a property (warning) with the writable one offered',
      yaml: `${head}Resources:\n  Graph:\n    Type: AWS::Neptune::DBCluster\n    Properties:\n      Port: 8182\n`,
      errors: [{ message: 'Port is a read-only attribute of AWS::Neptune::DBCluster (returned by Fn::GetAtt), not a property you can set: its value is ignored. Did you mean DBPort?', severity: 'warning' }],
      output: `${head}Resources:\n  Graph:\n    Type: AWS::Neptune::DBCluster\n    Properties:\n      DBPort: 8182\n`,
    },
    {
      name: 'several suggestions: one fix each, none preferred',
      yaml: `${head}Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueNam: q\n`,
      errors: [{ message: /QueueNam is not a property of AWS::SQS::Queue\. Did you mean QueueName/ }],
      fixTitles: ['Change to QueueName'],
      output: `${head}Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: q\n`,
    },
  ],
});
