import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const subnet = (id: string, az: string) => `  ${id}:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: vpc-1\n      CidrBlock: 10.0.${id.length}.0/24\n      AvailabilityZone: ${az}\n`;
const a0 = '!Select [0, !GetAZs ""]';
const a1 = '!Select [1, !GetAZs ""]';
const subnets = `${subnet('A', a0)}${subnet('B', a0)}${subnet('C', a1)}`;
const fn = (vpc: string) => `  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Handler: index.handler\n      Role: arn:aws:iam::123456789012:role/fn\n      Code:\n        ZipFile: "def handler(e, c): pass"\n${vpc}`;
const sam = 'Transform: AWS::Serverless-2016-10-31\n';
const samFn = (id: string, extra = '') => `  ${id}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: index.handler\n      InlineCode: "def handler(e, c): pass"\n${extra}`;

ruleTester('lambda-vpc-single-az', {
  valid: [
    { name: 'two zones', yaml: `${head}Resources:\n${subnets}${fn('      VpcConfig:\n        SecurityGroupIds: [sg-1]\n        SubnetIds: [!Ref A, !Ref C]\n')}` },
    { name: 'not in a VPC', yaml: `${head}Resources:\n${fn('')}` },
    { name: 'list parameter', yaml: `${head}Parameters:\n  Subnets:\n    Type: List<AWS::EC2::Subnet::Id>\nResources:\n${fn('      VpcConfig:\n        SecurityGroupIds: [sg-1]\n        SubnetIds: !Ref Subnets\n')}` },
    { name: 'SAM function overriding single-zone Globals', yaml: `${sam}Globals:\n  Function:\n    VpcConfig:\n      SecurityGroupIds: [sg-1]\n      SubnetIds: [!Ref A]\nResources:\n${subnets}${samFn('Api', '      VpcConfig:\n        SubnetIds: [!Ref A, !Ref C]\n')}` },
  ],
  invalid: [
    {
      name: 'two subnets in one zone',
      yaml: `${head}Resources:\n${subnets}${fn('      VpcConfig:\n        SecurityGroupIds: [sg-1]\n        SubnetIds: [!Ref A, !Ref B]\n')}`,
      errors: [{ message: "Fn runs in two subnets (A, B) all in the region's first Availability Zone (index 0 of Fn::GetAZs): an outage of that zone makes every invocation fail", resource: 'Fn', line: 31 }],
      fixTitles: [],
    },
    {
      name: 'one subnet ID parameter',
      yaml: `${head}Parameters:\n  Subnet:\n    Type: AWS::EC2::Subnet::Id\nResources:\n${fn('      VpcConfig:\n        SecurityGroupIds: [sg-1]\n        SubnetIds: [!Ref Subnet]\n')}`,
      errors: [{ message: 'Fn runs in a single subnet (parameter Subnet)' }],
    },
    {
      name: 'SAM Globals in one zone, reported once',
      yaml: `${sam}Globals:\n  Function:\n    VpcConfig:\n      SecurityGroupIds: [sg-1]\n      SubnetIds: [!Ref A, !Ref B]\nResources:\n${subnets}${samFn('One')}${samFn('Two')}`,
      errors: [{ message: 'Globals.Function.VpcConfig puts One, Two in two subnets (A, B) all in', resource: null, line: 6 }],
    },
  ],
});
