import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const table = (attrs = '', id = 'Orders') =>
  `  ${id}:\n    Type: AWS::DynamoDB::Table\n${attrs}    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions:\n        - AttributeName: pk\n          AttributeType: S\n      KeySchema:\n        - AttributeName: pk\n          KeyType: HASH\n`;
const db = (attrs = '', props = '') =>
  `  Db:\n    Type: AWS::RDS::DBInstance\n${attrs}    Properties:\n      Engine: postgres\n      DBInstanceClass: db.m6g.large\n      AllocatedStorage: "20"\n${props}`;
const bucket = (id: string, props = '', attrs = '') => `  ${id}:\n    Type: AWS::S3::Bucket\n${attrs}${props ? `    Properties:\n${props}` : ''}`;

ruleTester('data-store-deletion-policy', {
  valid: [
    { name: 'table with both policies Retain', yaml: `${head}Resources:\n${table('    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n')}` },
    { name: 'RetainExceptOnCreate counts for DeletionPolicy', yaml: `${head}Resources:\n${table('    DeletionPolicy: RetainExceptOnCreate\n    UpdateReplacePolicy: Retain\n')}` },
    { name: 'RDS instance: DeletionPolicy defaults to Snapshot, UpdateReplacePolicy set', yaml: `${head}Resources:\n${db('    UpdateReplacePolicy: Snapshot\n')}` },
    {
      name: 'Aurora instance of a cluster holds no data of its own',
      yaml: `${head}Resources:\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    DeletionPolicy: Snapshot\n    UpdateReplacePolicy: Snapshot\n    Properties:\n      Engine: aurora-postgresql\n  Instance:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: aurora-postgresql\n      DBClusterIdentifier: !Ref Cluster\n      DBInstanceClass: db.r6g.large\n`,
    },
    { name: 'read replica', yaml: `${head}Resources:\n  Replica:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      SourceDBInstanceIdentifier: orders\n      DBInstanceClass: db.m6g.large\n` },
    { name: 'Memcached keeps nothing', yaml: `${head}Resources:\n  Cache:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n      Engine: memcached\n      CacheNodeType: cache.t3.micro\n      NumCacheNodes: 1\n` },
    { name: 'website bucket', yaml: `${head}Resources:\n${bucket('Site', '      WebsiteConfiguration:\n        IndexDocument: index.html\n')}` },
    { name: 'log delivery bucket', yaml: `${head}Resources:\n${bucket('Logs', '      AccessControl: LogDeliveryWrite\n')}` },
    {
      name: 'destination of another bucket\'s access logs',
      yaml: `${head}Resources:\n${bucket('Logs')}${bucket('Data', '      LoggingConfiguration:\n        DestinationBucketName: !Ref Logs\n', '    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n')}`,
    },
    {
      name: 'CloudTrail bucket',
      yaml: `${head}Resources:\n${bucket('TrailBucket')}  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n      S3BucketName: !Ref TrailBucket\n`,
    },
    {
      name: 'ALB access logs bucket (load balancer attribute)',
      yaml: `${head}Resources:\n${bucket('AlbLogs')}  Alb:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Subnets: [subnet-1, subnet-2]\n      LoadBalancerAttributes:\n        - Key: access_logs.s3.enabled\n          Value: "true"\n        - Key: access_logs.s3.bucket\n          Value: !Ref AlbLogs\n`,
    },
    {
      name: 'CodePipeline artifact store',
      yaml: `${head}Resources:\n${bucket('Artifacts')}  Pipeline:\n    Type: AWS::CodePipeline::Pipeline\n    Properties:\n      RoleArn: arn:aws:iam::123456789012:role/p\n      ArtifactStore:\n        Type: S3\n        Location: !Ref Artifacts\n      Stages: []\n`,
    },
    {
      name: 'CloudFront origin: website content',
      yaml: `${head}Resources:\n${bucket('Content')}  Cdn:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        Origins:\n          - Id: s3\n            DomainName: !GetAtt Content.RegionalDomainName\n            S3OriginConfig: {}\n        DefaultCacheBehavior:\n          TargetOriginId: s3\n          ViewerProtocolPolicy: redirect-to-https\n`,
    },
    {
      name: 'policy from a condition that keeps the data with the default parameters',
      yaml: `${head}Parameters:\n  Env:\n    Type: String\n    Default: prod\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n${table('    DeletionPolicy: !If [IsProd, Retain, Delete]\n    UpdateReplacePolicy: !If [IsProd, Retain, Delete]\n')}`,
    },
    { name: 'EBS volume with Snapshot', yaml: `${head}Resources:\n  Volume:\n    Type: AWS::EC2::Volume\n    DeletionPolicy: Snapshot\n    UpdateReplacePolicy: Snapshot\n    Properties:\n      Size: 10\n      AvailabilityZone: us-east-1a\n` },
    { name: 'a queue is not a data store for this rule', yaml: `${head}Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n` },
  ],
  invalid: [
    {
      name: 'DynamoDB table without policies: the fix sets both to Retain',
      yaml: `${head}Resources:\n${table()}`,
      errors: [
        {
          message: 'Orders (DynamoDB table) has no DeletionPolicy or UpdateReplacePolicy: deleting the stack, removing the resource from the template or an update that replaces it deletes the table and its items with no final copy to restore from.',
          severity: 'warning',
          resource: 'Orders',
          text: 'Orders',
          line: 3,
        },
      ],
      fixTitles: ['Set DeletionPolicy and UpdateReplacePolicy to Retain'],
      output: `${head}Resources:\n${table()}    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n`,
    },
    {
      name: 'RDS instance: only UpdateReplacePolicy is missing; the fix makes both explicit',
      yaml: `${head}Resources:\n${db()}`,
      errors: [
        {
          message:
            'Db (RDS DB instance) has no UpdateReplacePolicy: an update that replaces it (a change to a property whose update requires replacement) deletes the old RDS DB instance and the database with no final snapshot to restore from; DeletionPolicy defaults to Snapshot for this type, UpdateReplacePolicy does not.',
          severity: 'warning',
          text: 'Db',
        },
      ],
      fixTitles: ['Set DeletionPolicy and UpdateReplacePolicy to Snapshot'],
      output: `${head}Resources:\n${db()}    DeletionPolicy: Snapshot\n    UpdateReplacePolicy: Snapshot\n`,
    },
    {
      name: 'explicit Delete on an EBS volume: the finding sits on the value, the fix replaces it',
      yaml: `${head}Resources:\n  Volume:\n    Type: AWS::EC2::Volume\n    DeletionPolicy: Delete\n    Properties:\n      Size: 10\n      AvailabilityZone: us-east-1a\n`,
      errors: [{ message: 'Volume (EBS volume) has DeletionPolicy Delete and no UpdateReplacePolicy: deleting the stack, removing the resource', text: 'Delete', line: 5 }],
      output: `${head}Resources:\n  Volume:\n    Type: AWS::EC2::Volume\n    DeletionPolicy: Snapshot\n    Properties:\n      Size: 10\n      AvailabilityZone: us-east-1a\n    UpdateReplacePolicy: Snapshot\n`,
    },
    {
      name: 'Fn::If false with the default parameters: informational, says when, no fix',
      yaml: `${head}Parameters:\n  Env:\n    Type: String\n    Default: dev\n    AllowedValues: [dev, prod]\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n${table('    DeletionPolicy: !If [IsProd, Retain, Delete]\n    UpdateReplacePolicy: Retain\n')}`,
      errors: [{ message: 'Orders (DynamoDB table) has DeletionPolicy Delete unless condition IsProd is true: deleting the stack or removing the resource from the template deletes the table and its items', severity: 'info', line: 12 }],
      fixTitles: [],
    },
    {
      name: 'policy from a parameter defaulting to Delete',
      yaml: `${head}Parameters:\n  Policy:\n    Type: String\n    Default: Delete\nResources:\n${table('    DeletionPolicy: !Ref Policy\n    UpdateReplacePolicy: Retain\n')}`,
      errors: [{ message: 'has DeletionPolicy Delete unless parameter Policy is set to Retain (default Delete)', severity: 'info' }],
    },
    {
      name: 'S3 bucket holding data: informational, Retain',
      yaml: `${head}Resources:\n${bucket('Uploads', '      VersioningConfiguration:\n        Status: Enabled\n')}`,
      errors: [{ message: 'Uploads (S3 bucket holding data) has no DeletionPolicy or UpdateReplacePolicy: deleting the stack, removing the resource from the template or an update that replaces it makes CloudFormation delete the bucket and its objects as soon as it is empty', severity: 'info' }],
      output: `${head}Resources:\n${bucket('Uploads', '      VersioningConfiguration:\n        Status: Enabled\n')}    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n`,
    },
    {
      name: 'Redis replication group: informational, Snapshot',
      yaml: `${head}Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: sessions\n      Engine: redis\n      CacheNodeType: cache.t3.micro\n`,
      errors: [{ message: 'Cache (ElastiCache replication group) has no DeletionPolicy or UpdateReplacePolicy: deleting the stack, removing the resource from the template or an update that replaces it deletes the cached data with no final snapshot to restore from (harmless if it only caches data kept elsewhere).', severity: 'info' }],
      output: `${head}Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: sessions\n      Engine: redis\n      CacheNodeType: cache.t3.micro\n    DeletionPolicy: Snapshot\n    UpdateReplacePolicy: Snapshot\n`,
    },
    {
      name: 'flow-style resource, EFS: both attributes inserted in the flow map',
      yaml: `${head}Resources:\n  Files: {Type: "AWS::EFS::FileSystem", Properties: {Encrypted: true}}\n`,
      errors: [{ message: 'Files (EFS file system) has no DeletionPolicy or UpdateReplacePolicy' }],
      output: `${head}Resources:\n  Files: {Type: "AWS::EFS::FileSystem", Properties: {Encrypted: true}, DeletionPolicy: Retain, UpdateReplacePolicy: Retain}\n`,
    },
    {
      name: 'SAM SimpleTable (SAM copies the policies to the table it generates)',
      yaml: `${head}Transform: AWS::Serverless-2016-10-31\nResources:\n  Sessions:\n    Type: AWS::Serverless::SimpleTable\n`,
      errors: [{ message: 'Sessions (DynamoDB table (SAM SimpleTable)) has no DeletionPolicy or UpdateReplacePolicy' }],
      output: `${head}Transform: AWS::Serverless-2016-10-31\nResources:\n  Sessions:\n    Type: AWS::Serverless::SimpleTable\n    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n`,
    },
    {
      name: 'Aurora cluster with DeletionPolicy Retain only',
      yaml: `${head}Resources:\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    DeletionPolicy: Retain\n    Properties:\n      Engine: aurora-mysql\n`,
      errors: [{ message: 'Cluster (RDS DB cluster) has no UpdateReplacePolicy: an update that replaces it', text: 'Cluster' }],
      output: `${head}Resources:\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    DeletionPolicy: Retain\n    Properties:\n      Engine: aurora-mysql\n    UpdateReplacePolicy: Snapshot\n`,
    },
  ],
});
