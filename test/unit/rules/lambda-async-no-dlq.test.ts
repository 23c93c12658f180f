import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const sam = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n';
const role = `  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Principal:\n              Service: lambda.amazonaws.com\n            Action: sts:AssumeRole\n`;
const fn = (extra = '') => `  Worker:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      Role: !GetAtt Role.Arn\n      Code:\n        ZipFile: "def handler(e, c): pass"\n${extra}`;
const topic = `  Topic:\n    Type: AWS::SNS::Topic\n  Subscription:\n    Type: AWS::SNS::Subscription\n    Properties:\n      Protocol: lambda\n      TopicArn: !Ref Topic\n      Endpoint: !GetAtt Worker.Arn\n`;
const samFn = (extra = '', events = `      Events:\n        Upload:\n          Type: S3\n          Properties:\n            Bucket: !Ref Bucket\n            Events: s3:ObjectCreated:*\n`) =>
  `  Bucket:\n    Type: AWS::S3::Bucket\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n${extra}${events}`;
const policy = (q: string) =>
  `  ${q}SendPolicy:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: ${q}Send\n      Roles:\n        - !Ref Role\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: sqs:SendMessage\n            Resource: !GetAtt ${q}.Arn\n`;
const queue = (id: string) => `  ${id}:\n    Type: AWS::SQS::Queue\n    Properties:\n      MessageRetentionPeriod: 1209600\n`;

ruleTester('lambda-async-no-dlq', {
  valid: [
    { name: 'function with a DeadLetterConfig', yaml: `${head}Resources:\n${role}${fn('      DeadLetterConfig:\n        TargetArn: !GetAtt Dlq.Arn\n')}  Dlq:\n    Type: AWS::SQS::Queue\n${topic}` },
    {
      name: 'EventInvokeConfig resource with an OnFailure destination',
      yaml: `${head}Resources:\n${role}${fn()}${topic}  Invoke:\n    Type: AWS::Lambda::EventInvokeConfig\n    Properties:\n      FunctionName: !Ref Worker\n      Qualifier: $LATEST\n      DestinationConfig:\n        OnFailure:\n          Destination: !GetAtt Dlq.Arn\n  Dlq:\n    Type: AWS::SQS::Queue\n`,
    },
    { name: 'function invoked only synchronously (no invoker)', yaml: `${head}Resources:\n${role}${fn()}` },
    {
      name: 'SNS subscription of a queue, not the function',
      yaml: `${head}Resources:\n${role}${fn()}  Topic:\n    Type: AWS::SNS::Topic\n  Q:\n    Type: AWS::SQS::Queue\n  Subscription:\n    Type: AWS::SNS::Subscription\n    Properties:\n      Protocol: sqs\n      TopicArn: !Ref Topic\n      Endpoint: !GetAtt Q.Arn\n`,
    },
    { name: 'SAM: DeadLetterQueue on the function', yaml: `${sam}Resources:\n${samFn('      DeadLetterQueue:\n        Type: SNS\n        TargetArn: !Ref Alerts\n')}  Alerts:\n    Type: AWS::SNS::Topic\n` },
    { name: 'SAM: DeadLetterQueue from Globals', yaml: `${sam}Globals:\n  Function:\n    DeadLetterQueue:\n      Type: SQS\n      TargetArn: arn:aws:sqs:us-east-1:123456789012:dlq\nResources:\n${samFn()}` },
    {
      name: 'SAM: EventInvokeConfig OnFailure with Type only (SAM creates the queue)',
      yaml: `${sam}Resources:\n${samFn('      EventInvokeConfig:\n        MaximumRetryAttempts: 1\n        DestinationConfig:\n          OnFailure:\n            Type: SQS\n')}`,
    },
    {
      name: 'SAM: EventInvokeConfig in Globals merged with the function map',
      yaml: `${sam}Globals:\n  Function:\n    EventInvokeConfig:\n      DestinationConfig:\n        OnFailure:\n          Type: SNS\nResources:\n${samFn('      EventInvokeConfig:\n        MaximumRetryAttempts: 0\n')}`,
    },
    { name: 'SAM: SNS event through an SQS subscription (polled, not asynchronous)', yaml: `${sam}Resources:\n${samFn('', `      Events:\n        Orders:\n          Type: SNS\n          Properties:\n            Topic: !Ref Topic\n            SqsSubscription: true\n`)}  Topic:\n    Type: AWS::SNS::Topic\n` },
    { name: 'SAM: Api event only (synchronous)', yaml: `${sam}Resources:\n${samFn('', `      Events:\n        Get:\n          Type: Api\n          Properties:\n            Path: /\n            Method: get\n`)}` },
    {
      name: 'DLQ present by default, removed only when a condition is false',
      yaml: `${head}Parameters:\n  UseDlq:\n    Type: String\n    Default: "yes"\nConditions:\n  HasDlq: !Equals [!Ref UseDlq, "yes"]\nResources:\n${role}${fn('      DeadLetterConfig: !If\n        - HasDlq\n        - TargetArn: !GetAtt Dlq.Arn\n        - !Ref AWS::NoValue\n')}  Dlq:\n    Type: AWS::SQS::Queue\n${topic}`,
    },
  ],
  invalid: [
    {
      name: 'SNS subscription to a plain function: add a queue, the policy on its role, DependsOn',
      yaml: `${head}Resources:\n${role}${fn()}${topic}`,
      errors: [{ message: 'Worker is invoked asynchronously by SNS subscription Subscription but has no DeadLetterConfig and no EventInvokeConfig', resource: 'Worker', text: 'Worker', severity: 'warning' }],
      fixTitles: ['Add an SQS dead-letter queue (WorkerDeadLetterQueue) to Worker; grants role Role sqs:SendMessage on it'],
      output: `${head}Resources:\n${role}${fn('      DeadLetterConfig:\n        TargetArn: !GetAtt WorkerDeadLetterQueue.Arn\n')}    DependsOn: WorkerDeadLetterQueueSendPolicy\n${topic}${queue('WorkerDeadLetterQueue')}${policy('WorkerDeadLetterQueue')}`,
    },
    {
      name: 'S3 notification, EventBridge rule and topic subscription entry all count',
      yaml: `${head}Resources:\n${role}${fn()}  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      NotificationConfiguration:\n        LambdaConfigurations:\n          - Event: s3:ObjectCreated:*\n            Function: !GetAtt Worker.Arn\n  Rule:\n    Type: AWS::Events::Rule\n    Properties:\n      ScheduleExpression: rate(1 hour)\n      Targets:\n        - Id: w\n          Arn: !GetAtt Worker.Arn\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      Subscription:\n        - Protocol: lambda\n          Endpoint: !GetAtt Worker.Arn\n`,
      errors: [{ message: 'asynchronously by S3 bucket Bucket notifications, EventBridge rule Rule and 1 more but' }],
    },
    {
      name: 'invoked through an alias; existing DependsOn list is extended',
      yaml: `${head}Resources:\n${role}${fn()}    DependsOn:\n      - Role\n  Live:\n    Type: AWS::Lambda::Alias\n    Properties:\n      FunctionName: !Ref Worker\n      FunctionVersion: "1"\n      Name: live\n  Schedule:\n    Type: AWS::Scheduler::Schedule\n    Properties:\n      ScheduleExpression: rate(1 hour)\n      FlexibleTimeWindow:\n        Mode: "OFF"\n      Target:\n        Arn: !Ref Live\n        RoleArn: arn:aws:iam::123456789012:role/scheduler\n`,
      errors: [{ message: 'EventBridge Scheduler schedule Schedule' }],
      output: `${head}Resources:\n${role}${fn('      DeadLetterConfig:\n        TargetArn: !GetAtt WorkerDeadLetterQueue.Arn\n')}    DependsOn:\n      - Role\n      - WorkerDeadLetterQueueSendPolicy\n  Live:\n    Type: AWS::Lambda::Alias\n    Properties:\n      FunctionName: !Ref Worker\n      FunctionVersion: "1"\n      Name: live\n  Schedule:\n    Type: AWS::Scheduler::Schedule\n    Properties:\n      ScheduleExpression: rate(1 hour)\n      FlexibleTimeWindow:\n        Mode: "OFF"\n      Target:\n        Arn: !Ref Live\n        RoleArn: arn:aws:iam::123456789012:role/scheduler\n${queue('WorkerDeadLetterQueue')}${policy('WorkerDeadLetterQueue')}`,
    },
    {
      name: 'a single DependsOn becomes a list',
      yaml: `${head}Resources:\n${role}${fn()}    DependsOn: Role\n${topic}`,
      errors: [{ message: 'has no DeadLetterConfig' }],
      output: `${head}Resources:\n${role}${fn('      DeadLetterConfig:\n        TargetArn: !GetAtt WorkerDeadLetterQueue.Arn\n')}    DependsOn:\n      - Role\n      - WorkerDeadLetterQueueSendPolicy\n${topic}${queue('WorkerDeadLetterQueue')}${policy('WorkerDeadLetterQueue')}`,
    },
    {
      name: 'role from a parameter: the fix says to grant the permission',
      yaml: `${head}Parameters:\n  RoleArn:\n    Type: String\nResources:\n${fn().replace('!GetAtt Role.Arn', '!Ref RoleArn')}${topic}`,
      errors: [{ message: 'has no DeadLetterConfig' }],
      fixTitles: ["Add an SQS dead-letter queue (WorkerDeadLetterQueue) to Worker; grant Worker's execution role sqs:SendMessage on it before deploying"],
    },
    {
      name: 'SAM S3 event: DeadLetterQueue with the generated role',
      yaml: `${sam}Resources:\n${samFn()}`,
      errors: [{ message: 'Worker is invoked asynchronously by S3 event Upload but has no DeadLetterQueue and no EventInvokeConfig OnFailure destination', resource: 'Worker' }],
      fixTitles: ['Add an SQS dead-letter queue (WorkerDeadLetterQueue) to Worker; the SAM transform grants the function sqs:SendMessage on it'],
      output: `${sam}Resources:\n${samFn('', `      Events:\n        Upload:\n          Type: S3\n          Properties:\n            Bucket: !Ref Bucket\n            Events: s3:ObjectCreated:*\n      DeadLetterQueue:\n        Type: SQS\n        TargetArn: !GetAtt WorkerDeadLetterQueue.Arn\n`)}${queue('WorkerDeadLetterQueue')}`,
    },
    {
      name: 'SAM Schedule event: its DeadLetterConfig is for EventBridge delivery, not the function',
      yaml: `${sam}Resources:\n${samFn('', `      Events:\n        Hourly:\n          Type: Schedule\n          Properties:\n            Schedule: rate(1 hour)\n            DeadLetterConfig:\n              Type: SQS\n`)}`,
      errors: [{ message: 'Schedule event Hourly' }],
    },
    {
      name: 'SAM: EventInvokeConfig without an OnFailure destination',
      yaml: `${sam}Resources:\n${samFn('      EventInvokeConfig:\n        MaximumRetryAttempts: 0\n        DestinationConfig:\n          OnSuccess:\n            Type: SQS\n')}`,
      errors: [{ message: 'no DeadLetterQueue' }],
    },
    {
      name: 'DLQ only when a condition holds (absent by default): info, no fix',
      yaml: `${head}Parameters:\n  UseDlq:\n    Type: String\n    Default: "no"\nConditions:\n  HasDlq: !Equals [!Ref UseDlq, "yes"]\nResources:\n${role}${fn('      DeadLetterConfig: !If\n        - HasDlq\n        - TargetArn: !GetAtt Dlq.Arn\n        - !Ref AWS::NoValue\n')}  Dlq:\n    Type: AWS::SQS::Queue\n${topic}`,
      errors: [{ message: 'no dead-letter queue or on-failure destination unless condition HasDlq is true', severity: 'info' }],
      fixTitles: [],
    },
  ],
});
