import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const sam = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n';
const fn = '  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Handler: index.handler\n      Role: arn:aws:iam::123456789012:role/r\n      Code:\n        ZipFile: "def handler(e, c): return e"\n';
const role = 'arn:aws:iam::123456789012:role/sfn';
const machine = (props: string) => `Resources:\n${fn}  Machine:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      RoleArn: ${role}\n${props}`;

const lambdaRetry = [
  '            Retry:',
  '              - ErrorEquals:',
  '                  - Lambda.ClientExecutionTimeoutException',
  '                  - Lambda.ServiceException',
  '                  - Lambda.AWSLambdaException',
  '                  - Lambda.SdkClientException',
  '                IntervalSeconds: 2',
  '                MaxAttempts: 6',
  '                BackoffRate: 2',
  '',
].join('\n');

ruleTester('stepfunctions-task-no-retry', {
  valid: [
    {
      name: 'every task retries; Pass, Choice and Wait need nothing',
      yaml:
        head +
        machine(
          '      Definition:\n        StartAt: Invoke\n        States:\n          Invoke:\n            Type: Task\n            Resource: !GetAtt Fn.Arn\n            Retry:\n              - ErrorEquals: [States.ALL]\n            Next: Check\n          Check:\n            Type: Choice\n            Choices:\n              - Variable: $.ok\n                BooleanEquals: true\n                Next: Done\n            Default: Pause\n          Pause:\n            Type: Wait\n            Seconds: 5\n            Next: Done\n          Done:\n            Type: Pass\n            End: true\n',
        ),
    },
    {
      name: 'a Catch alone routes the failure',
      yaml: head + machine('      Definition:\n        StartAt: A\n        States:\n          A:\n            Type: Task\n            Resource: arn:aws:states:::dynamodb:putItem\n            Catch:\n              - ErrorEquals: [States.ALL]\n                Next: Failed\n            End: true\n          Failed:\n            Type: Fail\n'),
    },
    {
      name: 'definition in S3: not readable, no finding',
      yaml: head + machine('      DefinitionS3Location:\n        Bucket: my-bucket\n        Key: machine.json\n'),
    },
    {
      name: 'SAM DefinitionUri in S3',
      yaml: `${sam}Resources:\n  Machine:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: s3://bucket/machine.asl.json\n`,
    },
    {
      name: 'SAM local DefinitionUri the host cannot read',
      yaml: `${sam}Resources:\n  Machine:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: statemachine/machine.asl.json\n`,
    },
    {
      name: 'DefinitionString that is not JSON',
      yaml: head + machine('      DefinitionString: "{ not json"\n'),
    },
    {
      name: 'DefinitionString from a parameter',
      yaml: `${head}Parameters:\n  Def:\n    Type: String\n${machine('      DefinitionString: !Ref Def\n')}`,
    },
    {
      name: 'a task with Retry inside a DefinitionString',
      yaml: head + machine('      DefinitionString: !Sub |\n        {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "${Fn.Arn}", "Retry": [{"ErrorEquals": ["States.ALL"]}], "End": true}}}\n'),
    },
    {
      name: 'odd shapes never crash: States a list, a scalar state, Branches a string, a Definition chosen by a condition',
      yaml:
        `${head}Conditions:\n  A: !Equals [!Ref AWS::Region, us-east-1]\n` +
        machine('      Definition:\n        StartAt: X\n        States:\n          X: just-a-string\n          P:\n            Type: Parallel\n            Branches: nope\n          M:\n            Type: Map\n            ItemProcessor: [1, 2]\n') +
        '  Other:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      RoleArn: arn:aws:iam::123456789012:role/sfn\n      Definition: !If [A, {StartAt: X, States: [1, 2]}, !Ref AWS::NoValue]\n',
    },
  ],
  invalid: [
    {
      name: 'Lambda task in a Definition object: fix adds the Lambda retry',
      yaml: head + machine('      Definition:\n        StartAt: Invoke\n        States:\n          Invoke:\n            Type: Task\n            Resource: !GetAtt Fn.Arn\n            End: true\n'),
      errors: [{ message: 'Lambda task state "Invoke" of state machine Machine has neither Retry nor Catch', resource: 'Machine', text: 'Invoke', line: 18 }],
      fixTitles: ['Retry transient Lambda errors in "Invoke" (6 attempts, exponential backoff)'],
      output: head + machine(`      Definition:\n        StartAt: Invoke\n        States:\n          Invoke:\n            Type: Task\n            Resource: !GetAtt Fn.Arn\n            End: true\n${lambdaRetry}`),
    },
    {
      name: 'SDK integration: fix retries States.TaskFailed with backoff and jitter; empty Retry list counts as none',
      yaml: head + machine('      Definition:\n        StartAt: Put\n        States:\n          Put:\n            Type: Task\n            Resource: arn:aws:states:::dynamodb:putItem\n            Retry: []\n            End: true\n'),
      errors: [{ message: /^Task state "Put" of state machine Machine has neither Retry nor Catch: one transient error/, text: 'Put' }],
      output:
        head +
        machine(
          '      Definition:\n        StartAt: Put\n        States:\n          Put:\n            Type: Task\n            Resource: arn:aws:states:::dynamodb:putItem\n            Retry:\n              - ErrorEquals:\n                  - States.TaskFailed\n                IntervalSeconds: 2\n                MaxAttempts: 3\n                BackoffRate: 2\n                JitterStrategy: FULL\n            End: true\n',
        ),
    },
    {
      name: 'flow-style state: the Retry is written in flow style',
      yaml: head + machine('      Definition:\n        StartAt: Invoke\n        States:\n          Invoke: {Type: Task, Resource: "arn:aws:states:::lambda:invoke", End: true}\n'),
      errors: [{ message: 'Lambda task state "Invoke"', text: 'Invoke' }],
      output:
        head +
        machine(
          '      Definition:\n        StartAt: Invoke\n        States:\n          Invoke: {Type: Task, Resource: "arn:aws:states:::lambda:invoke", End: true, Retry: [{ErrorEquals: [Lambda.ClientExecutionTimeoutException, Lambda.ServiceException, Lambda.AWSLambdaException, Lambda.SdkClientException], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2}]}\n',
        ),
    },
    {
      name: 'DefinitionString in !Sub with a literal block: placed on the state inside the string, no fix',
      yaml: head + machine('      DefinitionString: !Sub |\n        {\n          "StartAt": "Invoke",\n          "States": {\n            "Invoke": {"Type": "Task", "Resource": "${Fn.Arn}", "Next": "Store"},\n            "Store": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "TimeoutSeconds": ${Timeout}, "End": true}\n          }\n        }\n'),
      errors: [
        { message: 'Lambda task state "Invoke"', text: 'Invoke', line: 19 },
        { message: /^Task state "Store"/, text: 'Store', line: 20 },
      ],
      fixTitles: [],
    },
    {
      name: 'DefinitionString in a folded block scalar',
      yaml: head + machine('      DefinitionString: >\n        {"StartAt": "Fold",\n        "States": {"Fold": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}}\n'),
      errors: [{ message: 'Task state "Fold"', text: 'Fold', line: 17 }],
    },
    {
      name: 'a literal block with an explicit indentation indicator',
      yaml: head + machine('      DefinitionString: |2\n          {"StartAt": "Deep", "States": {"Deep": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}}\n'),
      errors: [{ message: 'Task state "Deep"', text: 'Deep', line: 16 }],
    },
    {
      name: 'DefinitionString as a double-quoted string with escapes',
      yaml: head + machine('      DefinitionString: "{\\"StartAt\\": \\"Go\\", \\"States\\": {\\"Go\\": {\\"Type\\": \\"Task\\", \\"Resource\\": \\"arn:aws:states:::sqs:sendMessage\\", \\"End\\": true}}}"\n'),
      errors: [{ message: 'Task state "Go"', text: 'Go', line: 15 }],
    },
    {
      name: 'DefinitionString built with Fn::Join (pieces and a GetAtt)',
      yaml:
        head +
        machine(
          '      DefinitionString: !Join\n        - ""\n        - - "{"\n          - "  \\"StartAt\\": \\"Call\\","\n          - "  \\"States\\": {\\"Call\\": {\\"Type\\": \\"Task\\", \\"Resource\\": \\""\n          - !GetAtt Fn.Arn\n          - "\\", \\"End\\": true}}"\n          - "}"\n',
        ),
      errors: [{ message: 'Lambda task state "Call"', text: 'Call', line: 19 }],
    },
    {
      name: 'Parallel branches and Map processors are walked',
      yaml:
        head +
        machine(
          '      Definition:\n        StartAt: Fan\n        States:\n          Fan:\n            Type: Parallel\n            Branches:\n              - StartAt: Left\n                States:\n                  Left:\n                    Type: Task\n                    Resource: arn:aws:states:::sns:publish\n                    Retry: [{ErrorEquals: [States.ALL]}]\n                    End: true\n              - StartAt: Right\n                States:\n                  Right:\n                    Type: Task\n                    Resource: arn:aws:states:::sns:publish\n                    End: true\n            Next: Each\n          Each:\n            Type: Map\n            ItemProcessor:\n              StartAt: Item\n              States:\n                Item:\n                  Type: Task\n                  Resource: arn:aws:states:::lambda:invoke\n                  End: true\n            End: true\n',
        ),
      errors: [
        { message: 'Task state "Right", in branch 2 of Parallel state "Fan" of state machine Machine', text: 'Right' },
        { message: 'Lambda task state "Item", in Map state "Each"', text: 'Item' },
      ],
    },
    {
      name: 'SAM Definition with DefinitionSubstitutions naming a function',
      yaml: `${sam}Resources:\n${fn}  Machine:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionSubstitutions:\n        FnArn: !GetAtt Fn.Arn\n      Definition:\n        StartAt: Invoke\n        States:\n          Invoke:\n            Type: Task\n            Resource: ${'${FnArn}'}\n            End: true\n`,
      errors: [{ message: 'Lambda task state "Invoke"', text: 'Invoke' }],
      fixTitles: ['Retry transient Lambda errors in "Invoke" (6 attempts, exponential backoff)'],
    },
    {
      name: 'SAM local DefinitionUri read through the host: placed on the path',
      yaml: `${sam}Resources:\n  Machine:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: statemachine/machine.asl.json\n`,
      files: { 'statemachine/machine.asl.json': '{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}' },
      errors: [{ message: 'Lambda task state "A" of state machine Machine (in statemachine/machine.asl.json) has neither Retry nor Catch', text: 'statemachine/machine.asl.json', line: 7 }],
      fixTitles: [],
    },
    {
      name: 'SAM local YAML DefinitionUri',
      yaml: `${sam}Resources:\n  Machine:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: ./machine.asl.yaml\n`,
      files: { 'machine.asl.yaml': 'StartAt: A\nStates:\n  A:\n    Type: Task\n    Resource: arn:aws:states:::ecs:runTask.sync\n    End: true\n' },
      errors: [{ message: 'Task state "A" of state machine Machine (in ./machine.asl.yaml)' }],
    },
  ],
});
