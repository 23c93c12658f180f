import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const vpc = '  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n';
const subnet = (id: string, az?: string) => `  ${id}:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: 10.0.${id.length}.0/24\n${az ? `      AvailabilityZone: ${az}\n` : ''}`;
const a0 = '!Select [0, !GetAZs ""]';
const a1 = '!Select [1, !GetAZs ""]';

ruleTester('vpc-single-az', {
  valid: [
    { name: 'subnets in two zones', yaml: `${head}Resources:\n${vpc}${subnet('A', a0)}${subnet('B', a0)}${subnet('C', a1)}` },
    { name: 'a single subnet', yaml: `${head}Resources:\n${vpc}${subnet('A', a0)}` },
    { name: 'zones picked by AWS', yaml: `${head}Resources:\n${vpc}${subnet('A')}${subnet('B')}` },
    { name: 'zones from two parameters', yaml: `${head}Parameters:\n  Az1:\n    Type: AWS::EC2::AvailabilityZone::Name\n  Az2:\n    Type: AWS::EC2::AvailabilityZone::Name\nResources:\n${vpc}${subnet('A', '!Ref Az1')}${subnet('B', '!Ref Az2')}` },
    { name: 'a literal and an index (cannot tell)', yaml: `${head}Resources:\n${vpc}${subnet('A', 'us-east-1a')}${subnet('B', a0)}` },
  ],
  invalid: [
    {
      name: 'all subnets at index 0',
      yaml: `${head}Resources:\n${vpc}${subnet('PublicA', a0)}${subnet('PrivateA', a0)}`,
      errors: [{ message: "Vpc has two subnets (PublicA, PrivateA) all in the region's first Availability Zone (index 0 of Fn::GetAZs): an outage of that zone takes down everything built on this network", resource: 'Vpc', text: 'Vpc' }],
      fixTitles: [],
    },
    {
      name: 'three subnets in one literal zone',
      yaml: `${head}Resources:\n${vpc}${subnet('A', 'eu-west-1b')}${subnet('B', 'eu-west-1b')}${subnet('C', 'eu-west-1b')}`,
      errors: [{ message: 'Vpc has 3 subnets (A, B, C) all in eu-west-1b' }],
    },
    {
      name: 'one zone parameter',
      yaml: `${head}Parameters:\n  Az:\n    Type: AWS::EC2::AvailabilityZone::Name\nResources:\n${vpc}${subnet('A', '!Ref Az')}${subnet('B', '!Ref Az')}`,
      errors: [{ message: 'all in the zone given by parameter Az (whatever zone parameter Az names)' }],
    },
  ],
});
