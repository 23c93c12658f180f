import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const broker = (engine: string, props: string) =>
  `  Broker:\n    Type: AWS::AmazonMQ::Broker\n    Properties:\n      BrokerName: orders\n      EngineType: ${engine}\n      HostInstanceType: mq.m5.large\n      PubliclyAccessible: false\n      AutoMinorVersionUpgrade: true\n      Users:\n        - Username: app\n          Password: secret-password\n${props}`;
const subnets = '  SubnetA:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: vpc-1\n      CidrBlock: 10.0.0.0/24\n      AvailabilityZone: !Select [0, !GetAZs ""]\n  SubnetB:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: vpc-1\n      CidrBlock: 10.0.1.0/24\n      AvailabilityZone: !Select [0, !GetAZs ""]\n';

ruleTester('mq-single-instance', {
  valid: [
    { name: 'ActiveMQ active/standby', yaml: `${head}Resources:\n${broker('ACTIVEMQ', '      DeploymentMode: ACTIVE_STANDBY_MULTI_AZ\n      SubnetIds: [subnet-a, subnet-b]\n')}` },
    { name: 'RabbitMQ cluster', yaml: `${head}Resources:\n${broker('RABBITMQ', '      DeploymentMode: CLUSTER_MULTI_AZ\n')}` },
    { name: 'mode from a parameter defaulting to Multi-AZ', yaml: `${head}Parameters:\n  Mode:\n    Type: String\n    Default: ACTIVE_STANDBY_MULTI_AZ\n    AllowedValues: [SINGLE_INSTANCE, ACTIVE_STANDBY_MULTI_AZ]\nResources:\n${broker('ACTIVEMQ', '      DeploymentMode: !Ref Mode\n')}` },
  ],
  invalid: [
    {
      name: 'ActiveMQ single instance without subnets listed: switch to active/standby (not safe: replacement)',
      yaml: `${head}Resources:\n${broker('ACTIVEMQ', '      DeploymentMode: SINGLE_INSTANCE\n')}`,
      errors: [{ message: 'Broker is a single-instance ActiveMQ broker (DeploymentMode: SINGLE_INSTANCE): when the broker instance or its Availability Zone fails', severity: 'warning', text: 'SINGLE_INSTANCE', line: 14 }],
      fixTitles: ['Set DeploymentMode: ACTIVE_STANDBY_MULTI_AZ (replaces the broker)'],
      output: `${head}Resources:\n${broker('ACTIVEMQ', '      DeploymentMode: ACTIVE_STANDBY_MULTI_AZ\n')}`,
    },
    {
      name: 'RabbitMQ single instance: cluster',
      yaml: `${head}Resources:\n${broker('RABBITMQ', '      DeploymentMode: "SINGLE_INSTANCE"\n      SubnetIds: [subnet-a]\n')}`,
      errors: [{ message: 'single-instance RabbitMQ broker' }],
      output: `${head}Resources:\n${broker('RABBITMQ', '      DeploymentMode: CLUSTER_MULTI_AZ\n      SubnetIds: [subnet-a]\n')}`,
    },
    {
      name: 'ActiveMQ with one subnet: no fix, the message says two are needed',
      yaml: `${head}Resources:\n${broker('ACTIVEMQ', '      DeploymentMode: SINGLE_INSTANCE\n      SubnetIds: [subnet-a]\n')}`,
      errors: [{ message: 'Before switching: ACTIVE_STANDBY_MULTI_AZ needs exactly two SubnetIds in different AZs (1 listed).' }],
      fixTitles: [],
    },
    {
      name: 'ActiveMQ with two subnets in the same zone',
      yaml: `${head}Resources:\n${subnets}${broker('ACTIVEMQ', '      DeploymentMode: SINGLE_INSTANCE\n      SubnetIds: [!Ref SubnetA, !Ref SubnetB]\n')}`,
      errors: [{ message: 'the two SubnetIds are in the same Availability Zone' }],
      fixTitles: [],
    },
    {
      name: 'subnets from a list parameter: the fix is offered, the message names the requirement',
      yaml: `${head}Parameters:\n  Subnets:\n    Type: List<AWS::EC2::Subnet::Id>\nResources:\n${broker('ACTIVEMQ', '      DeploymentMode: SINGLE_INSTANCE\n      SubnetIds: !Ref Subnets\n')}`,
      errors: [{ message: /ACTIVE_STANDBY_MULTI_AZ\)\. ACTIVE_STANDBY_MULTI_AZ needs exactly two SubnetIds in different AZs\.$/ }],
      fixTitles: ['Set DeploymentMode: ACTIVE_STANDBY_MULTI_AZ (replaces the broker)'],
    },
    {
      name: 'EBS storage and one subnet: no fix, both named',
      yaml: `${head}Resources:\n${broker('ACTIVEMQ', '      DeploymentMode: SINGLE_INSTANCE\n      StorageType: EBS\n      SubnetIds: [subnet-a]\n')}`,
      errors: [{ message: 'Before switching: active/standby brokers need StorageType EFS (the default), not EBS; ACTIVE_STANDBY_MULTI_AZ needs exactly two SubnetIds in different AZs (1 listed).' }],
      fixTitles: [],
    },
    {
      name: 'mode from a parameter defaulting to single instance: informational',
      yaml: `${head}Parameters:\n  Mode:\n    Type: String\n    Default: SINGLE_INSTANCE\n    AllowedValues: [SINGLE_INSTANCE, CLUSTER_MULTI_AZ]\nResources:\n${broker('RABBITMQ', '      DeploymentMode: !Ref Mode\n')}`,
      errors: [{ message: 'Broker runs a single broker instance unless parameter Mode is CLUSTER_MULTI_AZ', severity: 'info' }],
      fixTitles: [],
    },
  ],
});
