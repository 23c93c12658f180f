import { ruleTester } from './tester';

const sam = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n';
const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const queue = `  Orders:\n    Type: AWS::SQS::Queue\n`;
const samFn = (id: string, props = '', event = '') =>
  `  ${id}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n${props}      Events:\n        Orders:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Orders.Arn\n${event}`;
const fn = `  Worker:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      Role: arn:aws:iam::123456789012:role/worker\n      Code:\n        ZipFile: "def handler(e, c): pass"\n`;
const esm = (id: string, extra = '') => `  ${id}:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FunctionName: !Ref Worker\n      EventSourceArn: !GetAtt Orders.Arn\n${extra}`;

ruleTester('lambda-shared-queue-no-concurrency-limit', {
  valid: [
    { name: 'one consumer', yaml: `${sam}Resources:\n${queue}${samFn('A')}` },
    { name: 'two consumers, both bounded', yaml: `${sam}Resources:\n${queue}${samFn('A', '      ReservedConcurrentExecutions: 10\n')}${samFn('B', '', '            ScalingConfig:\n              MaximumConcurrency: 5\n')}` },
    { name: 'reserved concurrency from Globals', yaml: `${sam}Globals:\n  Function:\n    ReservedConcurrentExecutions: 20\nResources:\n${queue}${samFn('A')}${samFn('B')}` },
  ],
  invalid: [
    {
      name: 'two SAM consumers without limits: one finding each',
      yaml: `${sam}Resources:\n${queue}${samFn('A')}${samFn('B')}`,
      errors: [
        { message: 'A reads Orders (SQS event Orders of A), which B also reads, with no concurrency limit', resource: 'A', severity: 'info', text: 'Orders' },
        { message: 'B reads Orders (SQS event Orders of B), which A also reads', resource: 'B' },
      ],
    },
    {
      name: 'one bounded, the other not',
      yaml: `${head}Resources:\n${queue}${fn}${esm('First', '      ScalingConfig:\n        MaximumConcurrency: 5\n')}${esm('Second')}`,
      errors: [{ message: 'Worker reads Orders (event source mapping Second), which event source mapping First also reads', resource: 'Second', text: 'Second' }],
    },
    {
      name: 'a filter on a shared queue: warning whatever the concurrency',
      yaml: `${sam}Resources:\n${queue}${samFn('A', '      ReservedConcurrentExecutions: 5\n', "            FilterCriteria:\n              Filters:\n                - Pattern: '{\"body\": {\"type\": [\"a\"]}}'\n")}${samFn('B', '      ReservedConcurrentExecutions: 5\n')}`,
      errors: [{ message: 'SQS event Orders of A filters messages of Orders, which B also reads: Lambda deletes every message this source receives that its filter does not match', severity: 'warning', resource: 'A' }],
    },
  ],
});
