import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const a0 = '!Select [0, !GetAZs ""]';
const a1 = '!Select [1, !GetAZs ""]';
const subnet = (id: string, az: string, cond = '') => `  ${id}:\n    Type: AWS::EC2::Subnet\n${cond}    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: 10.0.${id.length}.0/24\n      AvailabilityZone: ${az}\n`;
const base = `${head}Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n${subnet('PublicA', a0)}  Eip:\n    Type: AWS::EC2::EIP\n    Properties:\n      Domain: vpc\n  Nat:\n    Type: AWS::EC2::NatGateway\n    Properties:\n      AllocationId: !GetAtt Eip.AllocationId\n      SubnetId: !Ref PublicA\n`;
const table = (id: string, nat = 'Nat', cond = '') => `  ${id}:\n    Type: AWS::EC2::RouteTable\n    Properties:\n      VpcId: !Ref Vpc\n  ${id}Default:\n    Type: AWS::EC2::Route\n${cond}    Properties:\n      RouteTableId: !Ref ${id}\n      DestinationCidrBlock: 0.0.0.0/0\n      NatGatewayId: ${nat.startsWith('!') ? nat : `!Ref ${nat}`}\n`;
const assoc = (table: string, subnetId: string) => `  ${subnetId}Association:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Properties:\n      RouteTableId: !Ref ${table}\n      SubnetId: !Ref ${subnetId}\n`;

ruleTester('nat-gateway-single-az', {
  valid: [
    { name: 'private subnets of one zone only', yaml: `${base}${subnet('PrivateA', a0)}${table('RtA')}${assoc('RtA', 'PrivateA')}` },
    {
      name: 'a NAT gateway per zone',
      yaml: `${base}${subnet('PublicB', a1)}  NatB:\n    Type: AWS::EC2::NatGateway\n    Properties:\n      AllocationId: eipalloc-1\n      SubnetId: !Ref PublicB\n${subnet('PrivateA', a0)}${subnet('PrivateB', a1)}${table('RtA')}${table('RtB', 'NatB')}${assoc('RtA', 'PrivateA')}${assoc('RtB', 'PrivateB')}`,
    },
    { name: 'regional NAT gateway', yaml: `${base.replace('      SubnetId: !Ref PublicA\n', '      AvailabilityMode: regional\n      VpcId: !Ref Vpc\n')}${subnet('PrivateA', a0)}${subnet('PrivateB', a1)}${table('Rt')}${assoc('Rt', 'PrivateA')}${assoc('Rt', 'PrivateB')}` },
    { name: 'zones of private subnets unknown', yaml: `${base}  PrivateA:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: 10.0.1.0/24\n  PrivateB:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: 10.0.2.0/24\n${table('Rt')}${assoc('Rt', 'PrivateA')}${assoc('Rt', 'PrivateB')}` },
    { name: 'route choosing the NAT with Fn::If', yaml: `${head}Parameters:\n  One:\n    Type: String\nConditions:\n  OneNat: !Equals [!Ref One, "yes"]\n${base.replace(head, '')}${subnet('PrivateA', a0)}${subnet('PrivateB', a1)}${table('RtA')}${table('RtB', '!If [OneNat, !Ref Nat, !Ref "AWS::NoValue"]')}${assoc('RtA', 'PrivateA')}${assoc('RtB', 'PrivateB')}` },
  ],
  invalid: [
    {
      name: 'two route tables in two zones to one NAT (the demo)',
      yaml: `${base}${subnet('PrivateA', a0)}${subnet('PrivateB', a1)}${table('RtA')}${table('RtB')}${assoc('RtA', 'PrivateA')}${assoc('RtB', 'PrivateB')}`,
      errors: [{ message: "Nat in Availability Zone index 0 is the outbound route for private subnets in 2 Availability Zones (PrivateA in Availability Zone index 0; PrivateB in Availability Zone index 1): an outage of the NAT gateway's zone cuts outbound traffic for the private subnets of the other zones.", resource: 'Nat', text: 'Nat' }],
      fixTitles: [],
    },
    {
      name: 'one route table shared by subnets of three zones (literal zones)',
      yaml: `${base.replace(a0, 'us-east-1a')}${subnet('PrivateA', 'us-east-1a')}${subnet('PrivateB', 'us-east-1b')}${subnet('PrivateC', 'us-east-1c')}${table('Rt')}${assoc('Rt', 'PrivateA')}${assoc('Rt', 'PrivateB')}${assoc('Rt', 'PrivateC')}`,
      errors: [{ message: 'private subnets in 3 Availability Zones (PrivateA in us-east-1a; PrivateB in us-east-1b; PrivateC in us-east-1c)' }],
    },
    {
      name: 'second zone only under a condition',
      yaml: `${head}Parameters:\n  Two:\n    Type: String\nConditions:\n  TwoZones: !Equals [!Ref Two, "yes"]\n${base.replace(head, '')}${subnet('PrivateA', a0)}${subnet('PrivateB', a1, '    Condition: TwoZones\n')}${table('Rt')}${assoc('Rt', 'PrivateA')}${assoc('Rt', 'PrivateB').replace('    Type: AWS::EC2::SubnetRouteTableAssociation\n', '    Type: AWS::EC2::SubnetRouteTableAssociation\n    Condition: TwoZones\n')}`,
      errors: [{ message: /in 2 Availability Zones \(.*\) when condition TwoZones holds: an outage/ }],
    },
    {
      name: 'zones from parameters',
      yaml: `${head}Parameters:\n  Az1:\n    Type: AWS::EC2::AvailabilityZone::Name\n  Az2:\n    Type: AWS::EC2::AvailabilityZone::Name\n${base.replace(head, '').replace(a0, '!Ref Az1')}${subnet('PrivateA', '!Ref Az1')}${subnet('PrivateB', '!Ref Az2')}${table('Rt')}${assoc('Rt', 'PrivateA')}${assoc('Rt', 'PrivateB')}`,
      errors: [{ message: 'PrivateB in zone from parameter Az2) if parameters Az1 and Az2 name different zones: an outage' }],
    },
  ],
});
