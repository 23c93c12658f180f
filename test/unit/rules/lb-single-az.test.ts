import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const subnet = (id: string, az: string) => `  ${id}:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: vpc-1\n      CidrBlock: 10.0.${id.length}.0/24\n      AvailabilityZone: ${az}\n`;
const a0 = '!Select [0, !GetAZs ""]';
const a1 = '!Select [1, !GetAZs ""]';
const lb = (props: string) => `  LoadBalancer:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n${props}`;
const subnets = `${subnet('PublicA', a0)}${subnet('PublicB', a0)}${subnet('PublicC', a1)}`;

ruleTester('lb-single-az', {
  valid: [
    { name: 'two zones', yaml: `${head}Resources:\n${subnets}${lb('      Subnets: [!Ref PublicA, !Ref PublicC]\n')}` },
    { name: 'subnet mappings in two zones', yaml: `${head}Resources:\n${subnets}${lb('      Type: network\n      SubnetMappings:\n        - SubnetId: !Ref PublicB\n        - SubnetId: !Ref PublicC\n')}` },
    { name: 'list parameter', yaml: `${head}Parameters:\n  Subnets:\n    Type: List<AWS::EC2::Subnet::Id>\nResources:\n${lb('      Subnets: !Ref Subnets\n')}` },
    { name: 'literal subnet IDs', yaml: `${head}Resources:\n${lb('      Subnets: [subnet-1, subnet-2]\n')}` },
    { name: 'classic load balancer over all zones', yaml: `${head}Resources:\n  Elb:\n    Type: AWS::ElasticLoadBalancing::LoadBalancer\n    Properties:\n      AvailabilityZones: !GetAZs ""\n      Listeners: []\n` },
  ],
  invalid: [
    {
      name: 'ALB with two subnets in one zone (the demo)',
      yaml: `${head}Resources:\n${subnets}${lb('      Subnets: [!Ref PublicA, !Ref PublicB]\n')}`,
      errors: [{ message: "has two subnets (PublicA, PublicB) all in the region's first Availability Zone (index 0 of Fn::GetAZs): Application Load Balancers need subnets in at least two zones", resource: 'LoadBalancer', line: 24 }],
      fixTitles: [],
    },
    {
      name: 'NLB with one subnet mapping',
      yaml: `${head}Resources:\n${subnets}${lb('      Type: network\n      SubnetMappings:\n        - SubnetId: !Ref PublicC\n')}`,
      errors: [{ message: "has a single subnet (PublicC) in the region's second Availability Zone (index 1 of Fn::GetAZs): an outage of that zone takes the application's entry point down" }],
    },
    {
      name: 'literal zones',
      yaml: `${head}Resources:\n${subnet('A', 'eu-west-1a')}${subnet('B', 'eu-west-1a')}${lb('      Type: network\n      Subnets: [!Ref A, !Ref B]\n')}`,
      errors: [{ message: 'all in eu-west-1a' }],
    },
    {
      name: 'classic load balancer with one zone',
      yaml: `${head}Resources:\n  Elb:\n    Type: AWS::ElasticLoadBalancing::LoadBalancer\n    Properties:\n      AvailabilityZones: [us-east-1a]\n      Listeners: []\n`,
      errors: [{ message: 'Elb is in one Availability Zone (us-east-1a)', resource: 'Elb' }],
    },
    {
      name: 'classic load balancer with one subnet',
      yaml: `${head}Resources:\n${subnet('A', 'eu-west-1a')}  Elb:\n    Type: AWS::ElasticLoadBalancing::LoadBalancer\n    Properties:\n      Subnets: [!Ref A]\n      Listeners: []\n`,
      errors: [{ message: 'Elb has a single subnet (A) in eu-west-1a' }],
    },
  ],
});
