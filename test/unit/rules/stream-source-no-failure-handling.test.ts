import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const sam = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n';
const role = `  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Principal:\n              Service: lambda.amazonaws.com\n            Action: sts:AssumeRole\n`;
const fn = (r = '!GetAtt Role.Arn') => `  Worker:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      Role: ${r}\n      Code:\n        ZipFile: "def handler(e, c): pass"\n`;
const stream = `  Clicks:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      ShardCount: 1\n`;
const table = `  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions:\n        - AttributeName: pk\n          AttributeType: S\n      KeySchema:\n        - AttributeName: pk\n          KeyType: HASH\n      StreamSpecification:\n        StreamViewType: NEW_IMAGE\n`;
const esm = (extra = '', source = '!GetAtt Clicks.Arn') =>
  `  Mapping:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FunctionName: !Ref Worker\n      EventSourceArn: ${source}\n      StartingPosition: LATEST\n${extra}`;
const samFn = (extra = '', type = 'Kinesis', source = '!GetAtt Clicks.Arn') =>
  `  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n      Events:\n        Clicks:\n          Type: ${type}\n          Properties:\n            Stream: ${source}\n            StartingPosition: LATEST\n${extra}`;
const full = '      MaximumRetryAttempts: 3\n      BisectBatchOnFunctionError: true\n      DestinationConfig:\n        OnFailure:\n          Destination: arn:aws:sqs:us-east-1:123456789012:failed\n';

ruleTester('stream-source-no-failure-handling', {
  valid: [
    { name: 'all three set', yaml: `${head}Resources:\n${stream}${fn('arn:aws:iam::123456789012:role/w')}${esm(full)}` },
    { name: 'record age bound instead of retries, partial batch responses instead of bisect', yaml: `${head}Resources:\n${stream}${fn('arn:aws:iam::123456789012:role/w')}${esm('      MaximumRecordAgeInSeconds: 3600\n      FunctionResponseTypes: [ReportBatchItemFailures]\n      DestinationConfig:\n        OnFailure:\n          Destination: arn:aws:sqs:us-east-1:123456789012:failed\n')}` },
    { name: 'an SQS source is another rule', yaml: `${head}Resources:\n  Clicks:\n    Type: AWS::SQS::Queue\n${fn('arn:aws:iam::123456789012:role/w')}  Mapping:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FunctionName: !Ref Worker\n      EventSourceArn: !GetAtt Clicks.Arn\n` },
    { name: 'SAM DynamoDB event with everything', yaml: `${sam}Resources:\n${table}${samFn('            MaximumRetryAttempts: 2\n            BisectBatchOnFunctionError: true\n            DestinationConfig:\n              OnFailure:\n                Type: SQS\n                Destination: !GetAtt Failed.Arn\n', 'DynamoDB', '!GetAtt Table.StreamArn')}  Failed:\n    Type: AWS::SQS::Queue\n` },
    { name: 'source of unknown kind (parameter ARN)', yaml: `${head}Parameters:\n  SourceArn:\n    Type: String\nResources:\n${fn('arn:aws:iam::123456789012:role/w')}${esm('', '!Ref SourceArn')}` },
  ],
  invalid: [
    {
      name: 'plain mapping without anything: destination queue with a role policy, retries, bisect',
      yaml: `${head}Resources:\n${role}${stream}${fn()}${esm()}`,
      errors: [{ message: 'event source mapping Mapping reads a Kinesis stream (Clicks) and retries are unbounded', severity: 'warning', resource: 'Mapping', text: 'Mapping' }],
      fixTitles: ['Add an on-failure SQS queue (MappingFailureQueue), MaximumRetryAttempts: 5 and BisectBatchOnFunctionError: true to Mapping'],
      output: `${head}Resources:\n${role}${stream}${fn()}${esm('      DestinationConfig:\n        OnFailure:\n          Destination: !GetAtt MappingFailureQueue.Arn\n      MaximumRetryAttempts: 5\n      BisectBatchOnFunctionError: true\n')}    DependsOn: MappingFailureQueueSendPolicy\n  MappingFailureQueue:\n    Type: AWS::SQS::Queue\n    Properties:\n      MessageRetentionPeriod: 1209600\n  MappingFailureQueueSendPolicy:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: MappingFailureQueueSend\n      Roles:\n        - !Ref Role\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: sqs:SendMessage\n            Resource: !GetAtt MappingFailureQueue.Arn\n`,
    },
    {
      name: 'SAM Kinesis event: Type SQS destination (SAM grants the role)',
      yaml: `${sam}Resources:\n${stream}${samFn()}`,
      errors: [{ message: 'Kinesis event Clicks of Worker reads a Kinesis stream (Clicks) and retries are unbounded' }],
      fixTitles: ['Add an on-failure SQS queue (WorkerClicksFailureQueue), MaximumRetryAttempts: 5 and BisectBatchOnFunctionError: true to event Clicks of Worker'],
      output: `${sam}Resources:\n${stream}${samFn('            DestinationConfig:\n              OnFailure:\n                Type: SQS\n                Destination: !GetAtt WorkerClicksFailureQueue.Arn\n            MaximumRetryAttempts: 5\n            BisectBatchOnFunctionError: true\n')}  WorkerClicksFailureQueue:\n    Type: AWS::SQS::Queue\n    Properties:\n      MessageRetentionPeriod: 1209600\n`,
    },
    {
      name: 'bounded retries without a destination: records lost',
      yaml: `${head}Resources:\n${stream}${fn('arn:aws:iam::123456789012:role/w')}${esm('      MaximumRetryAttempts: 2\n      BisectBatchOnFunctionError: true\n')}`,
      errors: [{ message: 'there is no on-failure destination, so records given up on after the retries are lost without a trace.', severity: 'warning' }],
      fixTitles: ["Add an on-failure SQS queue (MappingFailureQueue) and grant Worker's execution role sqs:SendMessage on it before deploying to Mapping"],
    },
    {
      name: 'only bisect missing: info',
      yaml: `${sam}Resources:\n${table}${samFn('            MaximumRetryAttempts: 2\n            DestinationConfig:\n              OnFailure:\n                Type: SQS\n                Destination: arn:aws:sqs:us-east-1:123456789012:failed\n', 'DynamoDB', '!GetAtt Table.StreamArn')}`,
      errors: [{ message: 'DynamoDB event Clicks of Worker reads a DynamoDB stream (Table) and neither BisectBatchOnFunctionError nor ReportBatchItemFailures isolates a bad record', severity: 'info' }],
      output: `${sam}Resources:\n${table}${samFn('            MaximumRetryAttempts: 2\n            DestinationConfig:\n              OnFailure:\n                Type: SQS\n                Destination: arn:aws:sqs:us-east-1:123456789012:failed\n            BisectBatchOnFunctionError: true\n', 'DynamoDB', '!GetAtt Table.StreamArn')}`,
    },
    {
      name: 'retries -1 written explicitly, stream ARN literal',
      yaml: `${head}Resources:\n${fn('arn:aws:iam::123456789012:role/w')}${esm('      MaximumRetryAttempts: -1\n      BisectBatchOnFunctionError: true\n      DestinationConfig:\n        OnFailure:\n          Destination: arn:aws:sqs:us-east-1:123456789012:failed\n', 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks')}`,
      errors: [{ message: 'reads a Kinesis stream and retries are unbounded' }],
    },
  ],
});
