import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const versioned = '      VersioningConfiguration:\n        Status: Enabled\n';
const bucket = (id: string, props = '') => `  ${id}:\n    Type: AWS::S3::Bucket\n    Properties:\n${versioned}${props}`;
const rules = (...dests: string[]) =>
  `      ReplicationConfiguration:\n        Role: arn:aws:iam::123456789012:role/replication\n        Rules:\n${dests.map((d, i) => `          - Id: rule${i}\n            Status: Enabled\n            Priority: ${i}\n            Filter: {}\n            DeleteMarkerReplication: {Status: Disabled}\n            Destination:\n              Bucket: ${d}\n`).join('')}`;

ruleTester('s3-replication-same-region', {
  valid: [
    { name: 'destination ARN written literally: its Region cannot be told', yaml: `${head}Resources:\n${bucket('Source', rules('arn:aws:s3:::orders-replica-eu-west-1'))}` },
    {
      name: 'destination from a parameter',
      yaml: `${head}Parameters:\n  ReplicaArn:\n    Type: String\nResources:\n${bucket('Source', rules('!Ref ReplicaArn'))}`,
    },
    { name: 'one rule to this stack, one to a bucket elsewhere', yaml: `${head}Resources:\n${bucket('Source', rules('!GetAtt Local.Arn', 'arn:aws:s3:::dr-copy'))}${bucket('Local')}` },
    { name: 'a Sub naming another bucket than the one referenced', yaml: `${head}Resources:\n${bucket('Source', rules('!Sub "arn:aws:s3:::${Local}-dr"'))}${bucket('Local')}` },
    {
      name: 'the only same-stack rule is disabled',
      yaml: `${head}Resources:\n${bucket('Source', rules('!GetAtt Local.Arn').replace('Status: Enabled\n            Priority', 'Status: Disabled\n            Priority'))}${bucket('Local')}`,
    },
    { name: 'no replication', yaml: `${head}Resources:\n${bucket('Source')}` },
  ],
  invalid: [
    {
      name: 'replication to a bucket of the same stack (GetAtt)',
      yaml: `${head}Resources:\n${bucket('Source', rules('!GetAtt Replica.Arn'))}${bucket('Replica')}`,
      errors: [
        {
          message: 'Source replicates only to Replica, a bucket of this stack and so of the same Region (same-Region replication): it protects against losing one bucket, not the Region; a Regional event affects the source and the replica alike. For disaster recovery, replicate to a bucket in another Region.',
          severity: 'info',
          resource: 'Source',
          line: 17,
        },
      ],
    },
    {
      name: 'Sub and Join forms, two rules',
      yaml: `${head}Resources:\n${bucket('Source', rules('!Sub "arn:${AWS::Partition}:s3:::${A}"', "!Join ['', ['arn:aws:s3:::', !Ref B]]"))}${bucket('A')}${bucket('B')}`,
      errors: [{ message: 'Source replicates only to A and B, buckets of this stack' }],
    },
    {
      name: 'Fn::If between two buckets of the stack',
      yaml: `${head}Parameters:\n  UseB:\n    Type: String\n    Default: "no"\nConditions:\n  IsB: !Equals [!Ref UseB, "yes"]\nResources:\n${bucket('Source', rules('!If [IsB, !GetAtt B.Arn, !GetAtt A.Arn]'))}${bucket('A')}${bucket('B')}`,
      errors: [{ message: 'Source replicates only to B and A, buckets of this stack' }],
    },
  ],
});
