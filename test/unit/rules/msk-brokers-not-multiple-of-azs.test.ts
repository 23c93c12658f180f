import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const msk = (brokers: string, subnets: string, instance = 'kafka.m7g.large') =>
  `  Kafka:\n    Type: AWS::MSK::Cluster\n    Properties:\n      ClusterName: orders\n      KafkaVersion: 3.6.0\n      NumberOfBrokerNodes: ${brokers}\n      BrokerNodeGroupInfo:\n        InstanceType: ${instance}\n        ClientSubnets: ${subnets}\n`;
const subnet = (id: string, az: string) => `  ${id}:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: vpc-1\n      CidrBlock: 10.0.${id.length}.0/24\n      AvailabilityZone: ${az}\n`;

ruleTester('msk-brokers-not-multiple-of-azs', {
  valid: [
    { name: 'six brokers over three subnets', yaml: `${head}Resources:\n${msk('6', '[subnet-a, subnet-b, subnet-c]')}` },
    { name: 'three subnets in three zones, through the graph', yaml: `${head}Resources:\n${subnet('SubnetA', '!Select [0, !GetAZs ""]')}${subnet('SubnetBB', '!Select [1, !GetAZs ""]')}${subnet('SubnetCCC', '!Select [2, !GetAZs ""]')}${msk('3', '[!Ref SubnetA, !Ref SubnetBB, !Ref SubnetCCC]')}` },
    { name: 'subnets from a list parameter are not counted', yaml: `${head}Parameters:\n  Subnets:\n    Type: List<AWS::EC2::Subnet::Id>\nResources:\n${msk('4', '!Ref Subnets')}` },
    { name: 'broker count from a parameter that fits in every case', yaml: `${head}Parameters:\n  Brokers:\n    Type: Number\n    Default: 3\n    AllowedValues: [3, 6, 9]\nResources:\n${msk('!Ref Brokers', '[subnet-a, subnet-b, subnet-c]')}` },
  ],
  invalid: [
    {
      name: 'four brokers over three subnets: rejected, the fix rounds up',
      yaml: `${head}Resources:\n${msk('4', '[subnet-a, subnet-b, subnet-c]')}`,
      errors: [{ message: 'Kafka has 4 broker nodes for 3 client subnets: Amazon MSK spreads brokers evenly over the subnets\' Availability Zones and rejects a count that is not a multiple of 3; use 6 (or 3).', severity: 'error', resource: 'Kafka', text: '4', line: 8 }],
      fixTitles: ['Set NumberOfBrokerNodes to 6'],
      output: `${head}Resources:\n${msk('6', '[subnet-a, subnet-b, subnet-c]')}`,
    },
    {
      name: 'one client subnet',
      yaml: `${head}Resources:\n${msk('1', '[subnet-a]')}`,
      errors: [{ message: 'Kafka lists 1 client subnet: Amazon MSK requires two or three subnets, each in a different Availability Zone', severity: 'error', line: 11 }],
      fixTitles: [],
    },
    {
      name: 'Express brokers over two subnets',
      yaml: `${head}Resources:\n${msk('2', '[subnet-a, subnet-b]', 'express.m7g.large')}`,
      errors: [{ message: 'requires three subnets for Express brokers', severity: 'error' }],
    },
    {
      name: 'two subnets in the same zone, through the graph',
      yaml: `${head}Resources:\n${subnet('SubnetA', '!Select [0, !GetAZs ""]')}${subnet('SubnetBB', '!Select [0, !GetAZs ""]')}${msk('2', '\n          - !Ref SubnetA\n          - !Ref SubnetBB')}`,
      errors: [{ message: 'Kafka has client subnets in the same Availability Zone (SubnetA and SubnetBB): Amazon MSK requires each client subnet in a different AZ', severity: 'error' }],
    },
    {
      name: 'two subnets, two brokers: accepted, but an AZ loss takes half the brokers',
      yaml: `${head}Resources:\n${msk('2', '[subnet-a, subnet-b]')}`,
      errors: [{ message: 'Kafka spreads its brokers over two Availability Zones: an outage of one takes half the brokers', severity: 'warning' }],
      fixTitles: [],
    },
    {
      name: 'broker count from a parameter whose every value is wrong',
      yaml: `${head}Parameters:\n  Brokers:\n    Type: Number\n    Default: 4\n    AllowedValues: [4]\nResources:\n${msk('!Ref Brokers', '[subnet-a, subnet-b, subnet-c]')}`,
      errors: [{ message: 'Kafka has 4 broker nodes for 3 client subnets' }],
      fixTitles: [],
    },
  ],
});
