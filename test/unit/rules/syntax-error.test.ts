import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';

ruleTester('syntax-error', {
  valid: [
    { name: 'every short-form tag', yaml: `${head}Conditions:\n  A: !Equals [!Ref AWS::Region, us-east-1]\n  B: !Not [!Condition A]\n  C: !And [!Condition A, !Or [!Condition B, !Condition A]]\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Join ['-', !Split [',', !Select [0, !GetAZs '']]]\n      DisplayName: !If [A, !Base64 x, !Sub '\${AWS::Region}']\n      Tags: !If [A, [], !Ref AWS::NoValue]\n` },
    { name: 'under-indented quoted continuation lines, as CloudFormation accepts them', yamlOnly: true, yaml: `${head}Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !Sub '{\n          "a": 1\n      }'\n` },
  ],
  invalid: [
    { name: 'duplicate key', yamlOnly: true, yaml: `${head}Resources:\n  T:\n    Type: AWS::SNS::Topic\n  T:\n    Type: AWS::SQS::Queue\n`, errors: [{ message: 'Map keys must be unique', line: 5 }] },
    { name: 'tab indentation', yamlOnly: true, yaml: `${head}Resources:\n  T:\n\tType: AWS::SNS::Topic\n`, errors: [{ message: 'Tabs are not allowed', line: 4 }] },
    { name: 'unknown tag', yamlOnly: true, yaml: `${head}Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Reff X\n`, errors: [{ message: 'Unknown tag !Reff', text: '!Reff', line: 6 }] },
    { name: 'unterminated string, reported at its opening quote', yamlOnly: true, yaml: `${head}Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: "abc\n`, errors: [{ message: 'Missing closing', line: 6 }] },
  ],
});
