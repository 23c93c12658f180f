import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const sam = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n';
const fn = `  Worker:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      Role: arn:aws:iam::123456789012:role/worker\n      Code:\n        ZipFile: "def handler(e, c): pass"\n`;
const queue = `  Orders:\n    Type: AWS::SQS::Queue\n`;
const esm = (extra = '', source = '!GetAtt Orders.Arn') => `  Mapping:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FunctionName: !Ref Worker\n      EventSourceArn: ${source}\n${extra}`;
const samFn = (extra = '') =>
  `  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n      Events:\n        Orders:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Orders.Arn\n${extra}`;

ruleTester('sqs-source-no-partial-batch', {
  valid: [
    { name: 'ReportBatchItemFailures set', yaml: `${head}Resources:\n${queue}${fn}${esm('      FunctionResponseTypes:\n        - ReportBatchItemFailures\n')}` },
    { name: 'batch size 1', yaml: `${head}Resources:\n${queue}${fn}${esm('      BatchSize: 1\n')}` },
    { name: 'SAM: batch size 1', yaml: `${sam}Resources:\n${queue}${samFn('            BatchSize: 1\n')}` },
    { name: 'stream source (another rule)', yaml: `${head}Resources:\n  Orders:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      ShardCount: 1\n${fn}${esm('      StartingPosition: LATEST\n')}` },
    { name: 'batch size from a parameter without default', yaml: `${head}Parameters:\n  Size:\n    Type: Number\nResources:\n${queue}${fn}${esm('      BatchSize: !Ref Size\n')}` },
    { name: 'response types from a parameter (may be the setting)', yaml: `${head}Parameters:\n  Types:\n    Type: CommaDelimitedList\nResources:\n${queue}${fn}${esm('      FunctionResponseTypes: !Ref Types\n')}` },
    { name: 'SAM SNS event through SqsSubscription (no FunctionResponseTypes there)', yaml: `${sam}Resources:\n${queue}  Topic:\n    Type: AWS::SNS::Topic\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n      Events:\n        Orders:\n          Type: SNS\n          Properties:\n            Topic: !Ref Topic\n            SqsSubscription:\n              QueueArn: !GetAtt Orders.Arn\n              QueueUrl: !Ref Orders\n              BatchSize: 5\n` },
  ],
  invalid: [
    {
      name: 'mapping with the default batch size: set the response type',
      yaml: `${head}Resources:\n${queue}${fn}${esm()}`,
      errors: [{ message: 'event source mapping Mapping delivers up to 10 messages per batch (the default batch size) to Worker without FunctionResponseTypes: [ReportBatchItemFailures]', severity: 'info', resource: 'Mapping', text: 'Mapping' }],
      fixTitles: ['Set FunctionResponseTypes: [ReportBatchItemFailures] on Mapping (the handler must then return batchItemFailures)'],
      output: `${head}Resources:\n${queue}${fn}${esm('      FunctionResponseTypes:\n        - ReportBatchItemFailures\n')}`,
    },
    {
      name: 'SAM SQS event with a batch size of 5',
      yaml: `${sam}Resources:\n${queue}${samFn('            BatchSize: 5\n')}`,
      errors: [{ message: 'SQS event Orders of Worker delivers up to 5 messages per batch without', resource: 'Worker', text: 'Orders' }],
      output: `${sam}Resources:\n${queue}${samFn('            BatchSize: 5\n            FunctionResponseTypes:\n              - ReportBatchItemFailures\n')}`,
    },
    {
      name: 'queue ARN written literally',
      yaml: `${head}Resources:\n${fn}${esm('      BatchSize: 10\n', 'arn:aws:sqs:us-east-1:123456789012:orders')}`,
      errors: [{ message: 'up to 10 messages per batch to Worker' }],
    },
    {
      name: 'an empty response type list',
      yaml: `${head}Resources:\n${queue}${fn}${esm('      FunctionResponseTypes: []\n')}`,
      errors: [{ message: 'without FunctionResponseTypes' }],
      output: `${head}Resources:\n${queue}${fn}${esm('      FunctionResponseTypes:\n        - ReportBatchItemFailures\n')}`,
    },
  ],
});
