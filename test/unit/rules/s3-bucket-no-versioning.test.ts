import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const bucket = (id: string, props = '') => `  ${id}:\n    Type: AWS::S3::Bucket\n${props ? `    Properties:\n${props}` : ''}`;
const replication = (dest: string) =>
  `      ReplicationConfiguration:\n        Role: arn:aws:iam::123456789012:role/replication\n        Rules:\n          - Status: Enabled\n            Destination:\n              Bucket: ${dest}\n`;
const versioned = '      VersioningConfiguration:\n        Status: Enabled\n';

ruleTester('s3-bucket-no-versioning', {
  valid: [
    { name: 'versioned data bucket', yaml: `${head}Resources:\n${bucket('Uploads', versioned)}` },
    { name: 'Object Lock implies versioning', yaml: `${head}Resources:\n${bucket('Vault', '      ObjectLockEnabled: true\n')}` },
    { name: 'website bucket', yaml: `${head}Resources:\n${bucket('Site', '      WebsiteConfiguration:\n        IndexDocument: index.html\n')}` },
    {
      name: 'bucket named like a Route 53 record of the template: it serves the site',
      yaml: `${head}Parameters:\n  Domain:\n    Type: String\nResources:\n${bucket('Site', '      BucketName: !Ref Domain\n')}  Record:\n    Type: AWS::Route53::RecordSet\n    Properties:\n      HostedZoneName: example.com.\n      Name: !Ref Domain\n      Type: A\n      TTL: "60"\n      ResourceRecords: [192.0.2.1]\n`,
    },
    { name: 'log bucket', yaml: `${head}Resources:\n${bucket('Logs', '      AccessControl: LogDeliveryWrite\n')}` },
    {
      name: 'flow-log destination',
      yaml: `${head}Resources:\n${bucket('FlowLogs')}  FlowLog:\n    Type: AWS::EC2::FlowLog\n    Properties:\n      ResourceId: vpc-123\n      ResourceType: VPC\n      TrafficType: ALL\n      LogDestinationType: s3\n      LogDestination: !GetAtt FlowLogs.Arn\n`,
    },
    { name: 'replication between versioned buckets', yaml: `${head}Resources:\n${bucket('Source', versioned + replication('!GetAtt Replica.Arn'))}${bucket('Replica', versioned)}` },
    {
      name: 'versioning chosen by a condition true with the defaults',
      yaml: `${head}Parameters:\n  Env:\n    Type: String\n    Default: prod\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n${bucket('Uploads', '      VersioningConfiguration: !If [IsProd, {Status: Enabled}, !Ref AWS::NoValue]\n')}`,
    },
  ],
  invalid: [
    {
      name: 'data bucket without versioning: the fix enables it',
      yaml: `${head}Resources:\n${bucket('Uploads', '      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: AES256\n')}`,
      errors: [
        {
          message: 'Uploads (S3 bucket holding data) has no versioning (no VersioningConfiguration): an object overwritten or deleted (by the application, a bug, a lifecycle rule or a person) is gone for good; with versioning, S3 keeps earlier versions and a delete only adds a delete marker, so they can be restored.',
          severity: 'warning',
          resource: 'Uploads',
          text: 'Uploads',
          line: 3,
        },
      ],
      fixTitles: ['Enable versioning (VersioningConfiguration Status: Enabled)'],
      output: `${head}Resources:\n${bucket('Uploads', '      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: AES256\n' + versioned)}`,
    },
    {
      name: 'a bucket without properties',
      yaml: `${head}Resources:\n${bucket('Data')}`,
      errors: [{ message: 'Data (S3 bucket holding data) has no versioning (no VersioningConfiguration)' }],
      output: `${head}Resources:\n${bucket('Data', versioned)}`,
    },
    {
      name: 'suspended versioning',
      yaml: `${head}Resources:\n${bucket('Uploads', '      VersioningConfiguration:\n        Status: Suspended\n')}`,
      errors: [{ message: 'Uploads (S3 bucket holding data) has no versioning (VersioningConfiguration Status: Suspended)', text: 'Suspended', line: 7 }],
      output: `${head}Resources:\n${bucket('Uploads', versioned)}`,
    },
    {
      name: 'replication source without versioning: an error (S3 rejects it)',
      yaml: `${head}Resources:\n${bucket('Source', replication('!GetAtt Replica.Arn'))}${bucket('Replica', versioned)}`,
      errors: [{ message: 'Source replicates its objects (ReplicationConfiguration) but has no versioning (no VersioningConfiguration): S3 refuses a replication configuration unless both the source and the destination buckets have versioning enabled', severity: 'error' }],
      output: `${head}Resources:\n${bucket('Source', replication('!GetAtt Replica.Arn') + versioned)}${bucket('Replica', versioned)}`,
    },
    {
      name: 'replication destination without versioning, found through the graph (even when it holds logs)',
      yaml: `${head}Resources:\n${bucket('Source', versioned + replication('!Sub "arn:${AWS::Partition}:s3:::${Replica}"'))}${bucket('Replica', '      AccessControl: LogDeliveryWrite\n')}`,
      errors: [{ message: 'Replica is the destination of the replication of Source but has no versioning (no VersioningConfiguration)', severity: 'error', resource: 'Replica' }],
      output: `${head}Resources:\n${bucket('Source', versioned + replication('!Sub "arn:${AWS::Partition}:s3:::${Replica}"'))}${bucket('Replica', '      AccessControl: LogDeliveryWrite\n' + versioned)}`,
    },
    {
      name: 'versioning from a condition false with the defaults: informational',
      yaml: `${head}Parameters:\n  Env:\n    Type: String\n    Default: dev\n    AllowedValues: [dev, prod]\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n${bucket('Uploads', '      VersioningConfiguration: !If [IsProd, {Status: Enabled}, !Ref AWS::NoValue]\n')}`,
      errors: [{ message: 'Uploads (S3 bucket holding data) has versioning off unless condition IsProd is true: while it is off,', severity: 'info', line: 13 }],
      fixTitles: [],
    },
    {
      name: 'status from a parameter without allowed values',
      yaml: `${head}Parameters:\n  Versioning:\n    Type: String\n    Default: Suspended\nResources:\n${bucket('Uploads', '      VersioningConfiguration:\n        Status: !Ref Versioning\n')}`,
      errors: [{ message: 'has versioning off unless parameter Versioning is set to Enabled (default Suspended)', severity: 'info' }],
    },
  ],
});
