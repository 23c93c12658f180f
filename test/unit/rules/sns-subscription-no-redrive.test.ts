import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const sam = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n';
const topic = (props = '') => `  Topic:\n    Type: AWS::SNS::Topic\n${props}`;
const sub = (protocol: string, endpoint: string, extra = '') => `  Sub:\n    Type: AWS::SNS::Subscription\n    Properties:\n      Protocol: ${protocol}\n      TopicArn: !Ref Topic\n      Endpoint: ${endpoint}\n${extra}`;
const queue = `  Inbox:\n    Type: AWS::SQS::Queue\n`;
const policy = (q: string, source = '!Ref Topic') =>
  `  ${q}Policy:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      Queues:\n        - !Ref ${q}\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Principal:\n              Service: sns.amazonaws.com\n            Action: sqs:SendMessage\n            Resource: !GetAtt ${q}.Arn\n            Condition:\n              ArnEquals:\n                aws:SourceArn: ${source}\n`;
const samFn = (extra = '') =>
  `  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n      Events:\n        Orders:\n          Type: SNS\n          Properties:\n            Topic: !Ref Topic\n${extra}`;

ruleTester('sns-subscription-no-redrive', {
  valid: [
    { name: 'subscription with a RedrivePolicy', yaml: `${head}Resources:\n${topic()}${queue}${sub('sqs', '!GetAtt Inbox.Arn', '      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt Dlq.Arn\n')}  Dlq:\n    Type: AWS::SQS::Queue\n` },
    { name: 'email subscription (not checked)', yaml: `${head}Resources:\n${topic()}${sub('email', 'ops@example.com')}` },
    { name: 'SAM SNS event with a RedrivePolicy', yaml: `${sam}Resources:\n${topic()}${samFn('            RedrivePolicy:\n              deadLetterTargetArn: arn:aws:sqs:us-east-1:123456789012:dlq\n')}` },
    { name: 'topic with only an email subscription entry', yaml: `${head}Resources:\n${topic('    Properties:\n      Subscription:\n        - Protocol: email\n          Endpoint: ops@example.com\n')}` },
  ],
  invalid: [
    {
      name: 'SQS subscription: queue, queue policy for SNS and RedrivePolicy',
      yaml: `${head}Resources:\n${topic()}${queue}${sub('sqs', '!GetAtt Inbox.Arn')}`,
      errors: [{ message: 'SQS subscription Sub has no RedrivePolicy to a dead-letter queue: a message SNS cannot deliver', resource: 'Sub', text: 'Sub', severity: 'warning' }],
      fixTitles: ['Add an SQS dead-letter queue (SubDeadLetterQueue) and a RedrivePolicy to Sub, with a queue policy letting SNS send to it'],
      output: `${head}Resources:\n${topic()}${queue}${sub('sqs', '!GetAtt Inbox.Arn', '      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt SubDeadLetterQueue.Arn\n')}  SubDeadLetterQueue:\n    Type: AWS::SQS::Queue\n    Properties:\n      MessageRetentionPeriod: 1209600\n${policy('SubDeadLetterQueue')}`,
    },
    {
      name: 'Lambda subscription to a FIFO topic: FIFO dead-letter queue',
      yaml: `${head}Resources:\n${topic('    Properties:\n      FifoTopic: true\n')}${sub('lambda', 'arn:aws:lambda:us-east-1:123456789012:function:f')}`,
      errors: [{ message: 'Lambda subscription Sub has no RedrivePolicy' }],
      output: `${head}Resources:\n${topic('    Properties:\n      FifoTopic: true\n')}${sub('lambda', 'arn:aws:lambda:us-east-1:123456789012:function:f', '      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt SubDeadLetterQueue.Arn\n')}  SubDeadLetterQueue:\n    Type: AWS::SQS::Queue\n    Properties:\n      MessageRetentionPeriod: 1209600\n      FifoQueue: true\n${policy('SubDeadLetterQueue')}`,
    },
    {
      name: 'subscription entries of a topic cannot have one: advice, no fix',
      yaml: `${head}Resources:\n${queue}${topic('    Properties:\n      Subscription:\n        - Protocol: sqs\n          Endpoint: !GetAtt Inbox.Arn\n')}`,
      errors: [{ message: 'This SQS subscription of topic Topic cannot have a dead-letter queue', resource: 'Topic', line: 9 }],
      fixTitles: [],
    },
    {
      name: 'SAM SNS event: RedrivePolicy on the event',
      yaml: `${sam}Resources:\n${topic()}${samFn()}`,
      errors: [{ message: 'SNS event Orders of Worker subscribes the function without a RedrivePolicy', resource: 'Worker', text: 'Orders' }],
      output: `${sam}Resources:\n${topic()}${samFn('            RedrivePolicy:\n              deadLetterTargetArn: !GetAtt WorkerOrdersDeadLetterQueue.Arn\n')}  WorkerOrdersDeadLetterQueue:\n    Type: AWS::SQS::Queue\n    Properties:\n      MessageRetentionPeriod: 1209600\n${policy('WorkerOrdersDeadLetterQueue')}`,
    },
    {
      name: 'SAM SNS event through an SQS subscription',
      yaml: `${sam}Resources:\n${topic()}${samFn('            SqsSubscription: true\n')}`,
      errors: [{ message: 'subscribes an SQS queue without a RedrivePolicy' }],
    },
  ],
});
