import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const dms = (props: string) => `  Replication:\n    Type: AWS::DMS::ReplicationInstance\n    Properties:\n      ReplicationInstanceClass: dms.c6i.large\n      AllocatedStorage: 50\n${props}`;
const fsx = (type: string, config: string) => `  Files:\n    Type: AWS::FSx::FileSystem\n    Properties:\n      FileSystemType: ${type}\n      StorageCapacity: 1024\n      SubnetIds: [subnet-a, subnet-b]\n${config}`;

ruleTester('dms-fsx-single-az', {
  valid: [
    { name: 'DMS Multi-AZ', yaml: `${head}Resources:\n${dms('      MultiAZ: true\n')}` },
    { name: 'DMS Serverless Multi-AZ', yaml: `${head}Resources:\n  Serverless:\n    Type: AWS::DMS::ReplicationConfig\n    Properties:\n      ReplicationConfigIdentifier: orders\n      ReplicationType: cdc\n      SourceEndpointArn: arn:src\n      TargetEndpointArn: arn:dst\n      TableMappings: {}\n      ComputeConfig:\n        MaxCapacityUnits: 16\n        MultiAZ: true\n` },
    { name: 'DMS from a parameter defaulting to Multi-AZ', yaml: `${head}Parameters:\n  MultiAZ:\n    Type: String\n    Default: "true"\n    AllowedValues: ["true", "false"]\nResources:\n${dms('      MultiAZ: !Ref MultiAZ\n')}` },
    { name: 'FSx for Windows Multi-AZ', yaml: `${head}Resources:\n${fsx('WINDOWS', '      WindowsConfiguration:\n        DeploymentType: MULTI_AZ_1\n        PreferredSubnetId: subnet-a\n        ThroughputCapacity: 32\n')}` },
    { name: 'FSx for ONTAP Multi-AZ', yaml: `${head}Resources:\n${fsx('ONTAP', '      OntapConfiguration:\n        DeploymentType: MULTI_AZ_2\n')}` },
    { name: 'FSx Windows configuration from a condition: not guessed', yaml: `${head}Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n${fsx('WINDOWS', '      WindowsConfiguration: !If [IsProd, {DeploymentType: MULTI_AZ_1, ThroughputCapacity: 64}, {ThroughputCapacity: 32}]\n')}` },
    { name: 'FSx for Lustre has no Multi-AZ type', yaml: `${head}Resources:\n${fsx('LUSTRE', '      LustreConfiguration:\n        DeploymentType: PERSISTENT_2\n')}` },
  ],
  invalid: [
    {
      name: 'DMS without MultiAZ: the fix sets it',
      yaml: `${head}Resources:\n${dms('      PubliclyAccessible: false\n')}`,
      errors: [{ message: 'Replication is a single-AZ DMS replication instance (MultiAZ not set, default false): when its host or Availability Zone fails, replication tasks stop', severity: 'warning', resource: 'Replication', text: 'Replication', line: 3 }],
      fixTitles: ['Set MultiAZ: true'],
      output: `${head}Resources:\n${dms('      PubliclyAccessible: false\n      MultiAZ: true\n')}`,
    },
    {
      name: 'DMS MultiAZ false with a zone: set it and remove the zone',
      yaml: `${head}Resources:\n${dms('      MultiAZ: false\n      AvailabilityZone: eu-west-1a\n')}`,
      errors: [{ message: '(MultiAZ: false)', text: 'false' }],
      fixTitles: ['Set MultiAZ: true and remove AvailabilityZone (review)'],
      output: `${head}Resources:\n${dms('      MultiAZ: true\n')}`,
    },
    {
      name: 'DMS Serverless without MultiAZ',
      yaml: `${head}Resources:\n  Serverless:\n    Type: AWS::DMS::ReplicationConfig\n    Properties:\n      ReplicationConfigIdentifier: orders\n      ReplicationType: cdc\n      SourceEndpointArn: arn:src\n      TargetEndpointArn: arn:dst\n      TableMappings: {}\n      ComputeConfig:\n        MaxCapacityUnits: 16\n`,
      errors: [{ message: 'Serverless is a single-AZ DMS Serverless replication (ComputeConfig.MultiAZ not set, default false)' }],
      output: `${head}Resources:\n  Serverless:\n    Type: AWS::DMS::ReplicationConfig\n    Properties:\n      ReplicationConfigIdentifier: orders\n      ReplicationType: cdc\n      SourceEndpointArn: arn:src\n      TargetEndpointArn: arn:dst\n      TableMappings: {}\n      ComputeConfig:\n        MaxCapacityUnits: 16\n        MultiAZ: true\n`,
    },
    {
      name: 'DMS from a parameter defaulting to false: informational',
      yaml: `${head}Parameters:\n  MultiAZ:\n    Type: String\n    Default: "false"\n    AllowedValues: ["true", "false"]\nResources:\n${dms('      MultiAZ: !Ref MultiAZ\n')}`,
      errors: [{ message: 'Replication is a single-AZ DMS replication instance unless parameter MultiAZ is true; while single-AZ', severity: 'info' }],
      fixTitles: [],
    },
    {
      name: 'FSx for Windows without a deployment type (default SINGLE_AZ_1)',
      yaml: `${head}Resources:\n${fsx('WINDOWS', '      WindowsConfiguration:\n        ThroughputCapacity: 32\n')}`,
      errors: [{ message: 'Files is a single-AZ FSx for Windows File Server file system (DeploymentType not set, default SINGLE_AZ_1): an outage of its Availability Zone makes the file system unavailable, as do its maintenance windows, and every client mounting it stalls until the AZ recovers; use DeploymentType MULTI_AZ_1', text: 'Files' }],
      fixTitles: [],
    },
    {
      name: 'FSx for ONTAP single-AZ',
      yaml: `${head}Resources:\n${fsx('ONTAP', '      OntapConfiguration:\n        DeploymentType: SINGLE_AZ_2\n')}`,
      errors: [{ message: '(DeploymentType SINGLE_AZ_2): its standby is in the same Availability Zone, so an outage of its Availability Zone makes the file system unavailable and every client', text: 'SINGLE_AZ_2' }],
    },
    {
      name: 'FSx for OpenZFS single-AZ with a standby in the same zone',
      yaml: `${head}Resources:\n${fsx('OPENZFS', '      OpenZFSConfiguration:\n        DeploymentType: SINGLE_AZ_HA_2\n')}`,
      errors: [{ message: 'single-AZ FSx for OpenZFS file system (DeploymentType SINGLE_AZ_HA_2): its standby is in the same Availability Zone' }],
    },
    {
      name: 'FSx for OpenZFS deployment type from a parameter defaulting to single-AZ: informational',
      yaml: `${head}Parameters:\n  Deployment:\n    Type: String\n    Default: SINGLE_AZ_1\n    AllowedValues: [SINGLE_AZ_1, MULTI_AZ_1]\nResources:\n${fsx('OPENZFS', '      OpenZFSConfiguration:\n        DeploymentType: !Ref Deployment\n')}`,
      errors: [{ message: 'Files is a single-AZ FSx for OpenZFS file system unless parameter Deployment is MULTI_AZ_1', severity: 'info' }],
    },
  ],
});
