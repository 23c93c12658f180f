import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const subnet = (id: string, az: string, extra = '') => `  ${id}:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: 10.0.${id.length}.0/24\n      AvailabilityZone: ${az}\n${extra}`;
const vpc = '  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n';
const asg = (zones: string) => `  Group:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      MinSize: "2"\n      MaxSize: "4"\n${zones}`;
const a0 = '!Select [0, !GetAZs ""]';
const a1 = '!Select [1, !GetAZs ""]';

ruleTester('asg-single-az', {
  valid: [
    { name: 'two subnets in two zones', yaml: `${head}Resources:\n${vpc}${subnet('SubnetA', a0)}${subnet('SubnetB', a1)}${asg('      VPCZoneIdentifier: [!Ref SubnetA, !Ref SubnetB]\n')}` },
    { name: 'subnets from a List<AWS::EC2::Subnet::Id> parameter', yaml: `${head}Parameters:\n  Subnets:\n    Type: List<AWS::EC2::Subnet::Id>\nResources:\n${asg('      VPCZoneIdentifier: !Ref Subnets\n')}` },
    { name: 'a single list parameter inside a list', yaml: `${head}Parameters:\n  Subnets:\n    Type: CommaDelimitedList\nResources:\n${asg('      VPCZoneIdentifier: [!Ref Subnets]\n')}` },
    { name: 'two literal subnet IDs (zones unknown)', yaml: `${head}Resources:\n${asg('      VPCZoneIdentifier: [subnet-1, subnet-2]\n')}` },
    { name: 'subnets whose zone AWS picks', yaml: `${head}Resources:\n${vpc}  SubnetA:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: 10.0.1.0/24\n  SubnetB:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: 10.0.2.0/24\n${asg('      VPCZoneIdentifier: [!Ref SubnetA, !Ref SubnetB]\n')}` },
    { name: 'zones from two different parameters', yaml: `${head}Parameters:\n  Az1:\n    Type: AWS::EC2::AvailabilityZone::Name\n  Az2:\n    Type: AWS::EC2::AvailabilityZone::Name\nResources:\n${vpc}${subnet('SubnetA', '!Ref Az1')}${subnet('SubnetB', '!Ref Az2')}${asg('      VPCZoneIdentifier: [!Ref SubnetA, !Ref SubnetB]\n')}` },
    { name: 'a comma-separated import', yaml: `${head}Resources:\n${asg('      VPCZoneIdentifier: [!ImportValue private-subnets]\n')}` },
    { name: 'all zones of the region', yaml: `${head}Resources:\n${asg('      AvailabilityZones: !GetAZs ""\n')}` },
  ],
  invalid: [
    {
      name: 'one subnet; another zone exists in the VPC: fix adds it (flow list)',
      yaml: `${head}Resources:\n${vpc}${subnet('PublicSubnetA', a0, '      MapPublicIpOnLaunch: true\n')}${subnet('PrivateSubnetA', a0)}${subnet('PrivateSubnetB', a1)}${asg('      VPCZoneIdentifier: [!Ref PrivateSubnetA]\n')}`,
      errors: [{ message: "launches instances in a single subnet (PrivateSubnetA) in the region's first Availability Zone (index 0 of Fn::GetAZs): an outage of that zone", resource: 'Group', line: 31 }],
      fixTitles: ["Add PrivateSubnetB (the region's second Availability Zone (index 1 of Fn::GetAZs)) to VPCZoneIdentifier"],
      output: `${head}Resources:\n${vpc}${subnet('PublicSubnetA', a0, '      MapPublicIpOnLaunch: true\n')}${subnet('PrivateSubnetA', a0)}${subnet('PrivateSubnetB', a1)}${asg('      VPCZoneIdentifier: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]\n')}`,
    },
    {
      name: 'two subnets with the same Select index (block list): fix appends a line',
      yaml: `${head}Resources:\n${vpc}${subnet('SubnetA', a0)}${subnet('SubnetB', a0)}${subnet('SubnetC', a1)}${asg('      VPCZoneIdentifier:\n        - !Ref SubnetA\n        - !Ref SubnetB\n')}`,
      errors: [{ message: "two subnets (SubnetA, SubnetB) all in the region's first Availability Zone" }],
      output: `${head}Resources:\n${vpc}${subnet('SubnetA', a0)}${subnet('SubnetB', a0)}${subnet('SubnetC', a1)}${asg('      VPCZoneIdentifier:\n        - !Ref SubnetA\n        - !Ref SubnetB\n        - !Ref SubnetC\n')}`,
    },
    {
      name: 'same literal zone, no other subnet: no fix',
      yaml: `${head}Resources:\n${vpc}${subnet('SubnetA', 'us-east-1a')}${subnet('SubnetB', 'us-east-1a')}${asg('      VPCZoneIdentifier: [!Ref SubnetA, !Ref SubnetB]\n')}`,
      errors: [{ message: 'two subnets (SubnetA, SubnetB) all in us-east-1a' }],
      fixTitles: [],
    },
    {
      name: 'same zone parameter: says so',
      yaml: `${head}Parameters:\n  Az:\n    Type: AWS::EC2::AvailabilityZone::Name\nResources:\n${vpc}${subnet('SubnetA', '!Ref Az')}${subnet('SubnetB', '!Ref Az')}${asg('      VPCZoneIdentifier: [!Ref SubnetA, !Ref SubnetB]\n')}`,
      errors: [{ message: 'all in the zone given by parameter Az (whatever zone parameter Az names)' }],
    },
    {
      name: 'a single subnet ID parameter',
      yaml: `${head}Parameters:\n  Subnet:\n    Type: AWS::EC2::Subnet::Id\nResources:\n${asg('      VPCZoneIdentifier: [!Ref Subnet]\n')}`,
      errors: [{ message: 'a single subnet (parameter Subnet)' }],
      fixTitles: [],
    },
    {
      name: 'one Availability Zone without subnets',
      yaml: `${head}Resources:\n${asg(`      AvailabilityZones: [${a0}]\n`)}`,
      errors: [{ message: "is limited to one Availability Zone (the region's first Availability Zone" }],
    },
  ],
});
