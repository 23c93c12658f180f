import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const subnet = (id: string, az: string) => `  ${id}:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: vpc-1\n      CidrBlock: 10.0.${id.length}.0/24\n      AvailabilityZone: ${az}\n`;
const fs = (props = '      Encrypted: true\n') => `  FileSystem:\n    Type: AWS::EFS::FileSystem\n    Properties:\n${props}`;
const mt = (id: string, subnetRef: string) => `  ${id}:\n    Type: AWS::EFS::MountTarget\n    Properties:\n      FileSystemId: !Ref FileSystem\n      SubnetId: ${subnetRef}\n      SecurityGroups: [sg-1]\n`;
const a0 = '!Select [0, !GetAZs ""]';
const a1 = '!Select [1, !GetAZs ""]';

ruleTester('efs-one-zone', {
  valid: [
    { name: 'mount targets in two zones', yaml: `${head}Resources:\n${subnet('A', a0)}${subnet('B', a1)}${fs()}${mt('MountA', '!Ref A')}${mt('MountB', '!Ref B')}` },
    { name: 'no mount target in this template', yaml: `${head}Resources:\n${fs()}` },
    { name: 'mount targets in subnets from a list parameter (zones unknown)', yaml: `${head}Parameters:\n  Subnets:\n    Type: List<AWS::EC2::Subnet::Id>\nResources:\n${fs()}${mt('MountA', '!Select [0, !Ref Subnets]')}${mt('MountB', '!Select [1, !Ref Subnets]')}` },
  ],
  invalid: [
    {
      name: 'One Zone storage',
      yaml: `${head}Resources:\n${fs('      AvailabilityZoneName: us-east-1a\n')}`,
      errors: [{ message: 'FileSystem uses EFS One Zone storage in us-east-1a: an outage of that zone makes the file system unavailable', resource: 'FileSystem', text: 'us-east-1a' }],
      fixTitles: [],
    },
    {
      name: 'One Zone storage in a zone from Select',
      yaml: `${head}Resources:\n${fs(`      AvailabilityZoneName: ${a0}\n`)}`,
      errors: [{ message: "One Zone storage in the region's first Availability Zone" }],
    },
    {
      name: 'a single mount target',
      yaml: `${head}Resources:\n${subnet('A', a0)}${fs()}${mt('MountA', '!Ref A')}`,
      errors: [{ message: "FileSystem stores data across zones but its only mount target (MountA) is in a single subnet (A) in the region's first Availability Zone (index 0 of Fn::GetAZs): an outage of that zone cuts every client off", text: 'FileSystem' }],
    },
    {
      name: 'two mount targets in subnets of one zone parameter',
      yaml: `${head}Parameters:\n  Az:\n    Type: AWS::EC2::AvailabilityZone::Name\nResources:\n${subnet('A', '!Ref Az')}${subnet('B', '!Ref Az')}${fs()}${mt('MountA', '!Ref A')}${mt('MountB', '!GetAtt B.SubnetId')}`,
      errors: [{ message: 'its mount targets (MountA, MountB) are in two subnets (A, B) all in the zone given by parameter Az (whatever zone parameter Az names)' }],
    },
  ],
});
