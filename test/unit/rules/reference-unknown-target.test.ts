import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';

ruleTester('reference-unknown-target', {
  valid: [
    { name: 'Ref to a resource, a parameter and a pseudo-parameter', yaml: `${head}Parameters:\n  Env:\n    Type: String\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub "\${Env}-\${AWS::Region}"\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Env\n      DisplayName: !GetAtt Bucket.Arn\n` },
    { name: 'Sub list form variables and escapes', yaml: `${head}Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub\n        - "\${Name}-\${!Literal}"\n        - Name: x\n` },
    {
      name: 'Fn::ForEach: loop identifiers, names the loop generates (literal collection), references to them from outside',
      yaml: `${head}Transform: AWS::LanguageExtensions\nParameters:\n  Env:\n    Type: String\nResources:\n  Fn::ForEach::Topics:\n    - Name\n    - [Orders, Payments]\n    - Topic\${Name}:\n        Type: AWS::SNS::Topic\n        Properties:\n          TopicName: !Sub "\${Env}-\${Name}"\n      Queue\${Name}:\n        Type: AWS::SQS::Queue\n        DependsOn: Topic\${Name}\n        Properties:\n          QueueName: !Ref Name\n          Tags:\n            - Key: topic\n              Value: !Ref Topic\${Name}\n  Sub:\n    Type: AWS::SNS::Subscription\n    Properties:\n      TopicArn: !Ref TopicOrders\n      Endpoint: !GetAtt QueuePayments.Arn\n      Protocol: sqs\n`,
    },
    {
      name: 'Fn::ForEach over a parameter list: a name pattern that matches what the loop generates',
      yaml: `${head}Transform: AWS::LanguageExtensions\nParameters:\n  Names:\n    Type: CommaDelimitedList\nResources:\n  Fn::ForEach::Topics:\n    - Name\n    - !Ref Names\n    - Topic&{Name}:\n        Type: AWS::SNS::Topic\n      Queue&{Name}:\n        Type: AWS::SQS::Queue\n        DependsOn: Topic&{Name}\n`,
    },
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
    {
      name: 'Fn::ForEach body: a name that is neither a loop identifier nor declared',
      yaml: `${head}Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Topics:\n    - Name\n    - [Orders, Payments]\n    - Topic\${Name}:\n        Type: AWS::SNS::Topic\n        Properties:\n          TopicName: !Ref Nme\n`,
      errors: [{ message: 'Ref target "Nme" is not a parameter, resource or pseudo-parameter defined in this template. Did you mean Name?', text: 'Nme' }],
    },
    {
      name: 'Fn::ForEach body: a generated name that does not exist for one value of the collection',
      yaml: `${head}Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Queues:\n    - Name\n    - [Orders, Payments]\n    - Queue\${Name}:\n        Type: AWS::SQS::Queue\n        DependsOn: Topic\${Name}\n  TopicOrders:\n    Type: AWS::SNS::Topic\n`,
      errors: [{ message: 'DependsOn target "Topic${Name}" is not a resource defined in this template (in the Fn::ForEach loop it becomes "TopicPayments", which names nothing).', text: 'Topic${Name}' }],
    },
    {
      name: 'Fn::ForEach over a parameter list: a name pattern that matches nothing',
      yaml: `${head}Transform: AWS::LanguageExtensions\nParameters:\n  Names:\n    Type: CommaDelimitedList\nResources:\n  Fn::ForEach::Topics:\n    - Name\n    - !Ref Names\n    - Topic\${Name}:\n        Type: AWS::SNS::Topic\n      Queue\${Name}:\n        Type: AWS::SQS::Queue\n        DependsOn: Tpoic\${Name}\n`,
      errors: [{ message: 'DependsOn target "Tpoic${Name}" is not a resource defined in this template', text: 'Tpoic${Name}' }],
    },
    {
      name: 'the collection of a loop is outside it: its references are checked',
      yaml: `${head}Transform: AWS::LanguageExtensions\nParameters:\n  Names:\n    Type: CommaDelimitedList\nResources:\n  Fn::ForEach::Topics:\n    - Name\n    - !Ref Nmaes\n    - Topic\${Name}:\n        Type: AWS::SNS::Topic\n`,
      errors: [{ message: 'Ref target "Nmaes" is not a parameter, resource or pseudo-parameter defined in this template.', text: 'Nmaes' }],
    },
  ],
});
