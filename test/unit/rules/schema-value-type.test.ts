import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const params = `Parameters:\n  Subnets:\n    Type: List<AWS::EC2::Subnet::Id>\n  Subnet:\n    Type: AWS::EC2::Subnet::Id\n  Names:\n    Type: CommaDelimitedList\n`;

ruleTester('schema-value-type', {
  valid: [
    {
      name: 'numeric strings, boolean strings, numbers and booleans where strings are expected',
      yaml: `${head}Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: "30"\n      DelaySeconds: 5\n      FifoQueue: "true"\n      ContentBasedDeduplication: false\n      QueueName: 12345\n`,
    },
    {
      name: 'intrinsics whose result fits, and ones that cannot be known',
      yaml: `${head}${params}Mappings:\n  M:\n    a: {list: [x, y]}\nResources:\n  Db:\n    Type: AWS::RDS::DBSubnetGroup\n    Properties:\n      DBSubnetGroupDescription: !Join [",", !Ref Names]\n      SubnetIds: !Ref Subnets\n  Db2:\n    Type: AWS::RDS::DBSubnetGroup\n    Properties:\n      DBSubnetGroupDescription: !Select [0, !Ref Names]\n      SubnetIds: !FindInMap [M, a, list]\n  Db3:\n    Type: AWS::RDS::DBSubnetGroup\n    Properties:\n      DBSubnetGroupDescription: d\n      SubnetIds: !Split [",", !Join [",", !Ref Subnets]]\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: d\n      VpcId: !Ref Vpc\n  Nic:\n    Type: AWS::EC2::NetworkInterface\n    Properties:\n      SubnetId: !Ref Subnet\n      GroupSet: [!GetAtt Vpc.DefaultSecurityGroup, !Ref Sg]\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt Vpc.CidrBlock\n`,
    },
    {
      name: 'a value of an earlier type of the property, and a packaged Code path',
      yaml: `${head}Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: r\n      Code: ./src\n`,
    },
    {
      name: 'SAM: a string where the SAM spec says Boolean (HttpApi CorsConfiguration accepts an origin string)',
      yaml: `Transform: AWS::Serverless-2016-10-31\nResources:\n  Http:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      CorsConfiguration: "'https://example.com'"\n      DefinitionBody: {openapi: "3.0.1"}\n`,
    },
    {
      name: 'Fn::If branches and free-form JSON',
      yaml: `${head}Conditions:\n  Prod: !Equals [a, b]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: !If [Prod, 1, !Ref AWS::NoValue]\n      RedrivePolicy: {deadLetterTargetArn: x, maxReceiveCount: "5"}\n`,
    },
  ],
  invalid: [
    {
      name: 'a scalar where a list of tags is expected, a word where an integer is expected',
      yaml: `${head}Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: five\n      Tags: prod\n`,
      errors: [
        { message: 'DelaySeconds expects Integer, but the value is the string "five".', text: 'five', resource: 'Q' },
        { message: 'Tags expects List of Tag, but the value is the string "prod".', text: 'prod' },
      ],
    },
    {
      name: 'a boolean property that is not true/false, a mapping where a string is expected, a list where a string is expected',
      yaml: `${head}Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      FifoQueue: yes\n      QueueName:\n        name: q\n      KmsMasterKeyId: [a, b]\n`,
      errors: [
        { message: 'FifoQueue expects Boolean, but the value is the string "yes".', text: 'yes' },
        { message: 'QueueName expects String, but the value is a mapping.', text: 'QueueName' },
        { message: 'KmsMasterKeyId expects String, but the value is a list.', text: 'KmsMasterKeyId' },
      ],
    },
    {
      name: 'a single value where a list is expected, a list where a single value is expected',
      yaml: `${head}${params}Resources:\n  Db:\n    Type: AWS::RDS::DBSubnetGroup\n    Properties:\n      DBSubnetGroupDescription: !Ref Names\n      SubnetIds: !Ref Subnet\n  Nic:\n    Type: AWS::EC2::NetworkInterface\n    Properties:\n      SubnetId: !GetAZs ""\n      GroupSet: !Join [",", [a, b]]\n`,
      errors: [
        { message: 'DBSubnetGroupDescription expects String, but Ref to parameter Names (CommaDelimitedList) returns a list.', line: 13 },
        { message: 'SubnetIds expects List of String, but Ref to parameter Subnet (AWS::EC2::Subnet::Id) returns a single value.' },
        { message: 'SubnetId expects String, but Fn::GetAZs returns a list.' },
        { message: 'GroupSet expects List of String, but Fn::Join returns a single value.' },
      ],
    },
    {
      name: 'a mapping where a list is expected, a list attribute where a string is expected, in an Fn::If branch',
      yaml: `${head}Conditions:\n  Prod: !Equals [a, b]\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !If [Prod, !GetAtt Vpc.CidrBlockAssociations, q]\n      Tags:\n        Key: a\n        Value: b\n`,
      errors: [
        { message: 'QueueName expects String, but Fn::GetAtt Vpc.CidrBlockAssociations returns a list.', line: 12 },
        { message: 'Tags expects List of Tag, but the value is a mapping.', text: 'Tags' },
      ],
    },
    {
      name: 'Properties that is not a mapping; SAM top-level value shapes',
      yaml: `Transform: AWS::Serverless-2016-10-31\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: [a]\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: a.b\n      InlineCode: x\n      MemorySize: large\n      AutoPublishAlias: {Name: live}\n`,
      errors: [
        { message: 'Properties of Q must be a mapping of property names to values.' },
        { message: 'MemorySize expects Number, but the value is the string "large".', text: 'large' },
        { message: 'AutoPublishAlias expects String, but the value is a mapping.', text: 'AutoPublishAlias' },
      ],
    },
    {
      name: 'SAM: Events that is not a map, an event Properties that is not a map',
      yaml: `Transform: AWS::Serverless-2016-10-31\nResources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: a.b\n      InlineCode: x\n      Events: [Api]\n  B:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: a.b\n      InlineCode: x\n      Events:\n        Q:\n          Type: SQS\n          Properties: arn:aws:sqs:us-east-1:123456789012:q\n`,
      errors: [
        { message: 'Events expects Map of EventSource, but the value is a list.', resource: 'A' },
        { message: 'Events.Q.Properties expects SQSEvent, but the value is the string "arn:aws:sqs:us-east-1:123456789012:q".', resource: 'B' },
      ],
    },
  ],
});
