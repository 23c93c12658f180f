import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const sam = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n';
const rule = (target: string) => `  Nightly:\n    Type: AWS::Events::Rule\n    Properties:\n      ScheduleExpression: cron(0 2 * * ? *)\n      Targets:\n${target}`;
const topic = `  Alerts:\n    Type: AWS::SNS::Topic\n`;
const samFn = (props: string) =>
  `  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n      Events:\n        Nightly:\n          Type: Schedule\n          Properties:\n            Schedule: rate(1 day)\n${props}`;

ruleTester('eventbridge-target-no-dlq', {
  valid: [
    { name: 'target with a dead-letter queue', yaml: `${head}Resources:\n${topic}${rule('        - Id: alerts\n          Arn: !Ref Alerts\n          DeadLetterConfig:\n            Arn: !GetAtt Dlq.Arn\n')}  Dlq:\n    Type: AWS::SQS::Queue\n` },
    { name: 'SAM event with DeadLetterConfig Type SQS', yaml: `${sam}Resources:\n${samFn('            DeadLetterConfig:\n              Type: SQS\n')}` },
    { name: 'SAM event with DeadLetterConfig Arn', yaml: `${sam}Resources:\n${samFn('            DeadLetterConfig:\n              Arn: arn:aws:sqs:us-east-1:123456789012:dlq\n')}` },
    { name: 'targets from a parameter-driven list are not read', yaml: `${head}Parameters:\n  T:\n    Type: String\nResources:\n  Nightly:\n    Type: AWS::Events::Rule\n    Properties:\n      ScheduleExpression: rate(1 day)\n      Targets: !Ref AWS::NoValue\n` },
    {
      name: 'Scheduler schedule with a dead-letter queue',
      yaml: `${head}Resources:\n  Sched:\n    Type: AWS::Scheduler::Schedule\n    Properties:\n      ScheduleExpression: rate(1 hour)\n      FlexibleTimeWindow:\n        Mode: "OFF"\n      Target:\n        Arn: arn:aws:lambda:us-east-1:123456789012:function:f\n        RoleArn: arn:aws:iam::123456789012:role/s\n        DeadLetterConfig:\n          Arn: arn:aws:sqs:us-east-1:123456789012:dlq\n`,
    },
  ],
  invalid: [
    {
      name: 'rule target without a DLQ: queue, queue policy for EventBridge, DeadLetterConfig',
      yaml: `${head}Resources:\n${topic}${rule('        - Id: alerts\n          Arn: !Ref Alerts\n')}`,
      errors: [{ message: 'Target alerts of rule Nightly (SNS::Topic Alerts) has no dead-letter queue, with the default retry policy (185 attempts over 24 hours)', resource: 'Nightly', line: 10, severity: 'warning' }],
      fixTitles: ['Add an SQS dead-letter queue (NightlyDeadLetterQueue) for target alerts of Nightly, with a queue policy letting EventBridge send to it'],
      output: `${head}Resources:\n${topic}${rule('        - Id: alerts\n          Arn: !Ref Alerts\n          DeadLetterConfig:\n            Arn: !GetAtt NightlyDeadLetterQueue.Arn\n')}  NightlyDeadLetterQueue:\n    Type: AWS::SQS::Queue\n    Properties:\n      MessageRetentionPeriod: 1209600\n  NightlyDeadLetterQueuePolicy:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      Queues:\n        - !Ref NightlyDeadLetterQueue\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Principal:\n              Service: events.amazonaws.com\n            Action: sqs:SendMessage\n            Resource: !GetAtt NightlyDeadLetterQueue.Arn\n            Condition:\n              ArnEquals:\n                aws:SourceArn: !GetAtt Nightly.Arn\n`,
    },
    {
      name: 'two targets, one covered; a RetryPolicy without retries is named',
      yaml: `${head}Resources:\n${topic}${rule('        - Id: alerts\n          Arn: !Ref Alerts\n          DeadLetterConfig:\n            Arn: arn:aws:sqs:us-east-1:123456789012:dlq\n        - Id: second\n          Arn: arn:aws:lambda:us-east-1:123456789012:function:f\n          RetryPolicy:\n            MaximumRetryAttempts: 0\n')}`,
      errors: [{ message: 'Target second of rule Nightly (a lambda target) has no dead-letter queue, with a RetryPolicy that allows no retries' }],
    },
    {
      name: 'SAM Schedule event: DeadLetterConfig Type SQS',
      yaml: `${sam}Resources:\n${samFn('            RetryPolicy:\n              MaximumRetryAttempts: 5\n              MaximumEventAgeInSeconds: 7200\n')}`,
      errors: [{ message: 'Schedule event Nightly of function Worker has no DeadLetterConfig, with a RetryPolicy of 5 attempts over 2 hours', resource: 'Worker', text: 'Nightly' }],
      fixTitles: ['Set DeadLetterConfig: {Type: SQS} on event Nightly of Worker (SAM creates the queue and its policy)'],
      output: `${sam}Resources:\n${samFn('            RetryPolicy:\n              MaximumRetryAttempts: 5\n              MaximumEventAgeInSeconds: 7200\n            DeadLetterConfig:\n              Type: SQS\n')}`,
    },
    {
      name: 'SAM: DeadLetterConfig with only QueueLogicalId (SAM rejects it): Type is added',
      yaml: `${sam}Resources:\n${samFn('            DeadLetterConfig:\n              QueueLogicalId: MyDlq\n')}`,
      errors: [{ message: 'has a DeadLetterConfig with neither Arn nor Type (SAM rejects it)' }],
      output: `${sam}Resources:\n${samFn('            DeadLetterConfig:\n              QueueLogicalId: MyDlq\n              Type: SQS\n')}`,
    },
    {
      name: 'SAM state machine EventBridgeRule event',
      yaml: `${sam}Resources:\n  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: flow.asl.json\n      Events:\n        Changed:\n          Type: EventBridgeRule\n          Properties:\n            Pattern:\n              source: [aws.s3]\n`,
      errors: [{ message: 'EventBridgeRule event Changed of state machine Flow has no DeadLetterConfig' }],
    },
    {
      name: 'Scheduler schedule without a dead-letter queue (no quick fix)',
      yaml: `${head}Resources:\n  Sched:\n    Type: AWS::Scheduler::Schedule\n    Properties:\n      ScheduleExpression: rate(1 hour)\n      FlexibleTimeWindow:\n        Mode: "OFF"\n      Target:\n        Arn: arn:aws:lambda:us-east-1:123456789012:function:f\n        RoleArn: arn:aws:iam::123456789012:role/s\n`,
      errors: [{ message: "The target of schedule Sched (a lambda target) has no dead-letter queue", text: 'Sched' }],
      fixTitles: [],
    },
  ],
});
