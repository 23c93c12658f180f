import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const sam = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n';
const queue = (props = '') => `  Orders:\n    Type: AWS::SQS::Queue\n${props ? `    Properties:\n${props}` : ''}`;
const fn = (timeout = '') => `  Worker:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      Role: arn:aws:iam::123456789012:role/worker\n${timeout}      Code:\n        ZipFile: "def handler(e, c): pass"\n`;
const esm = `  Mapping:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FunctionName: !GetAtt Worker.Arn\n      EventSourceArn: !GetAtt Orders.Arn\n`;
const samFn = (timeout = '') =>
  `  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n${timeout}      Events:\n        Orders:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Orders.Arn\n`;

ruleTester('sqs-visibility-timeout-short', {
  valid: [
    { name: 'defaults: 30 s visibility, 3 s timeout', yaml: `${head}Resources:\n${queue()}${fn()}${esm}` },
    { name: 'exactly six times', yaml: `${head}Resources:\n${queue('      VisibilityTimeout: 60\n')}${fn('      Timeout: 10\n')}${esm}` },
    { name: 'SAM: Globals timeout, long visibility', yaml: `${sam}Globals:\n  Function:\n    Timeout: 30\nResources:\n${queue('      VisibilityTimeout: 180\n')}${samFn()}` },
    { name: 'visibility from a parameter without default (unknown)', yaml: `${head}Parameters:\n  Vis:\n    Type: Number\nResources:\n${queue('      VisibilityTimeout: !Ref Vis\n')}${fn('      Timeout: 60\n')}${esm}` },
    { name: 'SAM SNS event with SqsSubscription: true and a short function timeout', yaml: `${sam}Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n      Events:\n        Orders:\n          Type: SNS\n          Properties:\n            Topic: !Ref Topic\n            SqsSubscription: true\n` },
    { name: 'queue feeding no function', yaml: `${head}Resources:\n${queue('      VisibilityTimeout: 1\n')}` },
  ],
  invalid: [
    {
      name: 'below six times: warning, fix sets 6x',
      yaml: `${head}Resources:\n${queue('      VisibilityTimeout: 60\n')}${fn('      Timeout: 30\n')}${esm}`,
      errors: [{ message: "Orders has a VisibilityTimeout of 60 seconds, less than six times Worker's timeout of 30 seconds: when an invocation is slow", severity: 'warning', text: '60', resource: 'Orders' }],
      fixTitles: ["Set Orders VisibilityTimeout to 180 (six times Worker's timeout)"],
      output: `${head}Resources:\n${queue('      VisibilityTimeout: 180\n')}${fn('      Timeout: 30\n')}${esm}`,
    },
    {
      name: 'below the timeout: error (Lambda rejects the mapping)',
      yaml: `${head}Resources:\n${queue()}${fn('      Timeout: 60\n')}${esm}`,
      errors: [{ message: "Orders has the default VisibilityTimeout of 30 seconds, less than Worker's timeout of 60 seconds: Lambda rejects the event source mapping", severity: 'error', text: 'Orders' }],
      output: `${head}Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 360\n${fn('      Timeout: 60\n')}${esm}`,
    },
    {
      name: 'SAM: timeout from Globals, noted as such',
      yaml: `${sam}Globals:\n  Function:\n    Timeout: 20\nResources:\n${queue('      VisibilityTimeout: 30\n')}${samFn()}`,
      errors: [{ message: "less than six times Worker's timeout of 20 seconds (set in Globals)", severity: 'warning' }],
      output: `${sam}Globals:\n  Function:\n    Timeout: 20\nResources:\n${queue('      VisibilityTimeout: 120\n')}${samFn()}`,
    },
    {
      name: 'SAM: the function overrides Globals',
      yaml: `${sam}Globals:\n  Function:\n    Timeout: 1\nResources:\n${queue('      VisibilityTimeout: 30\n')}${samFn('      Timeout: 100\n')}`,
      errors: [{ message: "less than Worker's timeout of 100 seconds", severity: 'error' }],
    },
    {
      name: 'timeout from a parameter default: the message says so; a quoted value is replaced',
      yaml: `${head}Parameters:\n  FnTimeout:\n    Type: Number\n    Default: 29\nResources:\n${queue('      VisibilityTimeout: "30"\n')}${fn('      Timeout: !Ref FnTimeout\n')}${esm}`,
      errors: [{ message: "timeout of 29 seconds (with parameter FnTimeout at its default)" }],
      output: `${head}Parameters:\n  FnTimeout:\n    Type: Number\n    Default: 29\nResources:\n${queue('      VisibilityTimeout: 174\n')}${fn('      Timeout: !Ref FnTimeout\n')}${esm}`,
    },
    {
      name: 'SAM SNS event with SqsSubscription: true: the generated queue has 30 seconds',
      yaml: `${sam}Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n      Timeout: 10\n      Events:\n        Orders:\n          Type: SNS\n          Properties:\n            Topic: !Ref Topic\n            SqsSubscription: true\n`,
      errors: [{ message: "the queue SAM creates for SqsSubscription: true has the default VisibilityTimeout of 30 seconds, less than six times Worker's timeout of 10 seconds", severity: 'warning', text: 'Orders', resource: 'Worker' }],
      fixTitles: [],
    },
    {
      name: 'the longest of two consumers counts',
      yaml: `${sam}Resources:\n${queue('      VisibilityTimeout: 100\n')}${samFn('      Timeout: 10\n')}  Slow:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n      Timeout: 50\n      Events:\n        Orders:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Orders.Arn\n`,
      errors: [{ message: "less than six times Slow's timeout of 50 seconds" }],
    },
  ],
});
