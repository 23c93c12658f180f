import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';

ruleTester('reference-unknown-target', {
  valid: [
    { name: 'Ref to a resource, a parameter and a pseudo-parameter', yaml: `${head}Parameters:\n  Env:\n    Type: String\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub "\${Env}-\${AWS::Region}"\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Env\n      DisplayName: !GetAtt Bucket.Arn\n` },
    { name: 'Sub list form variables and escapes', yaml: `${head}Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub\n        - "\${Name}-\${!Literal}"\n        - Name: x\n` },
    { name: 'SAM generated role', yaml: `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: a.b\n      InlineCode: x\n  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: p\n      PolicyDocument: {}\n      Roles: [!Ref FnRole]\n` },
  ],
  invalid: [
    {
      name: 'typo in Ref with a did-you-mean fix',
      yaml: `${head}Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Buckt\n`,
      errors: [{ message: 'Did you mean Bucket?', resource: 'Topic', text: 'Buckt', line: 8 }],
      fixTitles: ['Change to Bucket'],
      output: `${head}Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Bucket\n`,
    },
    {
      name: 'GetAtt of a parameter, unknown DependsOn, unknown condition',
      yaml: `${head}Parameters:\n  P:\n    Type: String\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Condition: IsProd\n    DependsOn: Nothing\n    Properties:\n      TopicName: !GetAtt P.Arn\n`,
      errors: [
        { message: 'Condition target "IsProd" is not a condition', text: 'IsProd' },
        { message: 'DependsOn target "Nothing" is not a resource', text: 'Nothing' },
        { message: 'GetAtt needs a resource, but P is a parameter', text: 'P' },
      ],
    },
  ],
});
