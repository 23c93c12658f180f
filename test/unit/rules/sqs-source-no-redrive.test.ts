import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const sam = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n';
const fn = `  Worker:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      Role: arn:aws:iam::123456789012:role/worker\n      Code:\n        ZipFile: "def handler(e, c): pass"\n`;
const esm = (source = '!GetAtt Orders.Arn') => `  Mapping:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FunctionName: !Ref Worker\n      EventSourceArn: ${source}\n`;
const samFn = (queue = '!GetAtt Orders.Arn') =>
  `  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n      Events:\n        Orders:\n          Type: SQS\n          Properties:\n            Queue: ${queue}\n`;

const snsFn = (sub: string) =>
  `  Topic:\n    Type: AWS::SNS::Topic\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n      Events:\n        Orders:\n          Type: SNS\n          Properties:\n            Topic: !Ref Topic\n            SqsSubscription:${sub}`;

ruleTester('sqs-source-no-redrive', {
  valid: [
    { name: 'queue with a RedrivePolicy', yaml: `${head}Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt Dlq.Arn\n        maxReceiveCount: 5\n  Dlq:\n    Type: AWS::SQS::Queue\n${fn}${esm()}` },
    { name: 'queue that feeds no function', yaml: `${head}Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n` },
    { name: 'mapping from a stream, not a queue', yaml: `${head}Resources:\n  Orders:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      ShardCount: 1\n${fn}${esm()}` },
    { name: 'queue given as an ARN parameter (nothing to check)', yaml: `${head}Parameters:\n  QueueArn:\n    Type: String\nResources:\n${fn}${esm('!Ref QueueArn')}` },
    { name: 'SAM: redrive policy written as a JSON string', yaml: `${sam}Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy: !Sub '{"deadLetterTargetArn": "\${Dlq.Arn}", "maxReceiveCount": 3}'\n  Dlq:\n    Type: AWS::SQS::Queue\n${samFn()}` },
    {
      name: 'redrive removed only when a condition is false (present by default)',
      yaml: `${head}Parameters:\n  Env:\n    Type: String\n    Default: prod\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy: !If\n        - IsProd\n        - deadLetterTargetArn: !GetAtt Dlq.Arn\n          maxReceiveCount: 5\n        - !Ref AWS::NoValue\n  Dlq:\n    Type: AWS::SQS::Queue\n${fn}${esm()}`,
    },
  ],
  invalid: [
    {
      name: 'SAM SNS event with SqsSubscription: true: SAM creates a queue without DLQ (no fix)',
      yaml: `${sam}Resources:\n${snsFn(' true\n')}`,
      errors: [{ message: 'SNS event Orders of Worker (through an SQS subscription): with SqsSubscription: true SAM creates the queue without a dead-letter queue', resource: 'Worker', text: 'Orders' }],
      fixTitles: [],
    },
    {
      name: 'SAM SNS event with SqsSubscription naming a template queue: the queue feeds the function',
      yaml: `${sam}Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n${snsFn('\n              QueueArn: !GetAtt Orders.Arn\n              QueueUrl: !Ref Orders\n')}`,
      errors: [{ message: 'Orders feeds Worker but has no RedrivePolicy', resource: 'Orders' }],
    },
    {
      name: 'event source mapping: add a DLQ and the RedrivePolicy',
      yaml: `${head}Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 60\n${fn}${esm()}`,
      errors: [{ message: 'Orders feeds Worker but has no RedrivePolicy to a dead-letter queue: a message Worker keeps failing on returns to the queue', resource: 'Orders', text: 'Orders', severity: 'warning' }],
      fixTitles: ['Add an SQS dead-letter queue (OrdersDeadLetterQueue) and a RedrivePolicy to Orders (maxReceiveCount 5)'],
      output: `${head}Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 60\n      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt OrdersDeadLetterQueue.Arn\n        maxReceiveCount: 5\n${fn}${esm()}  OrdersDeadLetterQueue:\n    Type: AWS::SQS::Queue\n    Properties:\n      MessageRetentionPeriod: 1209600\n`,
    },
    {
      name: 'SAM SQS event on a FIFO queue: FIFO dead-letter queue, queue without Properties',
      yaml: `${sam}Resources:\n${samFn()}  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      FifoQueue: true\n`,
      errors: [{ message: 'blocking its message group meanwhile' }],
      fixTitles: ['Add a FIFO dead-letter queue (OrdersDeadLetterQueue) and a RedrivePolicy to Orders (maxReceiveCount 5)'],
      output: `${sam}Resources:\n${samFn()}  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      FifoQueue: true\n      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt OrdersDeadLetterQueue.Arn\n        maxReceiveCount: 5\n  OrdersDeadLetterQueue:\n    Type: AWS::SQS::Queue\n    Properties:\n      MessageRetentionPeriod: 1209600\n      FifoQueue: true\n`,
    },
    {
      name: 'two consumers named once; a queue without Properties gets them',
      yaml: `${sam}Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n${samFn()}  Other:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n      Events:\n        Orders:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Orders.Arn\n`,
      errors: [{ message: 'Orders feeds Worker and Other but has no RedrivePolicy' }],
      output: `${sam}Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt OrdersDeadLetterQueue.Arn\n        maxReceiveCount: 5\n${samFn()}  Other:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n      Events:\n        Orders:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Orders.Arn\n  OrdersDeadLetterQueue:\n    Type: AWS::SQS::Queue\n    Properties:\n      MessageRetentionPeriod: 1209600\n`,
    },
    {
      name: 'RedrivePolicy without a target: the target is added, maxReceiveCount kept',
      yaml: `${head}Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n        maxReceiveCount: 3\n${fn}${esm()}`,
      errors: [{ message: 'no RedrivePolicy' }],
      output: `${head}Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n        maxReceiveCount: 3\n        deadLetterTargetArn: !GetAtt OrdersDeadLetterQueue.Arn\n${fn}${esm()}  OrdersDeadLetterQueue:\n    Type: AWS::SQS::Queue\n    Properties:\n      MessageRetentionPeriod: 1209600\n`,
    },
    {
      name: 'redrive only in production (absent by default): info without a fix',
      yaml: `${head}Parameters:\n  Env:\n    Type: String\n    Default: dev\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy: !If\n        - IsProd\n        - deadLetterTargetArn: !GetAtt Dlq.Arn\n          maxReceiveCount: 5\n        - !Ref AWS::NoValue\n  Dlq:\n    Type: AWS::SQS::Queue\n${fn}${esm()}`,
      errors: [{ message: 'Orders feeds Worker and has no dead-letter queue unless condition IsProd is true', severity: 'info' }],
      fixTitles: [],
    },
    {
      name: 'mapping through Sub of the queue ARN',
      yaml: `${head}Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n${fn}${esm('!Sub "${Orders.Arn}"')}`,
      errors: [{ message: 'Orders feeds Worker' }],
    },
  ],
});
