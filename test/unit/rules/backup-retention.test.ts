import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const db = (props = '', id = 'Db') => `  ${id}:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.m6g.large\n      AllocatedStorage: "20"\n${props}`;
const cluster = (type: string, props = '') => `  Cluster:\n    Type: ${type}\n    Properties:\n${props}      MasterUsername: admin\n`;
const table = (pitr: string) =>
  `  Orders:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      KeySchema:\n        - AttributeName: pk\n          KeyType: HASH\n      AttributeDefinitions:\n        - AttributeName: pk\n          AttributeType: S\n      PointInTimeRecoverySpecification:\n${pitr}`;

ruleTester('backup-retention', {
  valid: [
    { name: 'RDS instance keeping 7 days', yaml: `${head}Resources:\n${db('      BackupRetentionPeriod: 7\n')}` },
    { name: 'RDS instance keeping 35 days, as a string', yaml: `${head}Resources:\n${db('      BackupRetentionPeriod: "35"\n')}` },
    { name: 'Aurora instance: the cluster keeps the backups', yaml: `${head}Resources:\n${db('      DBClusterIdentifier: orders\n')}` },
    { name: 'read replica', yaml: `${head}Resources:\n  Replica:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      SourceDBInstanceIdentifier: orders\n      DBInstanceClass: db.m6g.large\n` },
    { name: 'Aurora cluster keeping 14 days', yaml: `${head}Resources:\n${cluster('AWS::RDS::DBCluster', '      Engine: aurora-mysql\n      BackupRetentionPeriod: 14\n')}` },
    { name: 'a shorter threshold from the configuration', options: { 'backup-retention': { minDays: 1 } }, yaml: `${head}Resources:\n${db()}` },
    { name: 'Memcached has no snapshots', yaml: `${head}Resources:\n  Cache:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n      Engine: memcached\n      CacheNodeType: cache.t3.micro\n      NumCacheNodes: 1\n` },
    {
      name: 'parameter whose default is long enough',
      yaml: `${head}Parameters:\n  Retention:\n    Type: Number\n    Default: 14\nResources:\n${db('      BackupRetentionPeriod: !Ref Retention\n')}`,
    },
    { name: 'DynamoDB with PITR and the default recovery period (35 days)', yaml: `${head}Resources:\n${table('        PointInTimeRecoveryEnabled: true\n')}` },
    { name: 'DynamoDB with PITR off: dynamodb-no-pitr says so, not this rule', yaml: `${head}Resources:\n${table('        PointInTimeRecoveryEnabled: false\n        RecoveryPeriodInDays: 1\n')}` },
    {
      name: 'snapshots set by a custom resource that receives the group and a retention',
      yaml: `${head}Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: sessions\n      CacheNodeType: cache.t3.micro\n  EnableSnapshots:\n    Type: Custom::Snapshots\n    Properties:\n      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:snapshots\n      ClusterId: !Ref Cache\n      SnapshotRetentionLimit: 14\n`,
    },
    { name: 'a retention from an import cannot be told', yaml: `${head}Resources:\n${db('      BackupRetentionPeriod: !ImportValue retention\n')}` },
  ],
  invalid: [
    {
      name: 'RDS instance without a retention (default 1 day): the fix sets 7',
      yaml: `${head}Resources:\n${db()}`,
      errors: [
        {
          message: 'Db keeps automated backups for only 1 day (BackupRetentionPeriod not set, default 1), under the 7 days expected: point-in-time recovery reaches back only 1 day, so corruption or a deletion noticed later cannot be undone.',
          severity: 'warning',
          resource: 'Db',
          text: 'Db',
          line: 3,
        },
      ],
      fixTitles: ['Keep automated backups for 7 days (BackupRetentionPeriod: 7)'],
      output: `${head}Resources:\n${db('      BackupRetentionPeriod: 7\n')}`,
    },
    {
      name: 'backups off on an RDS instance: not a safe fix (the instance goes offline)',
      yaml: `${head}Resources:\n${db('      BackupRetentionPeriod: "0"\n')}`,
      errors: [{ message: 'Db has automated backups turned off (BackupRetentionPeriod: 0): there are no automated snapshots and no point-in-time recovery', line: 9 }],
      fixTitles: ['Keep automated backups for 7 days (BackupRetentionPeriod: 7); the instance goes offline while the first backup is taken'],
      output: `${head}Resources:\n${db('      BackupRetentionPeriod: "7"\n')}`,
    },
    {
      name: 'a threshold of 14 days from the configuration',
      options: { 'backup-retention': { minDays: 14 } },
      yaml: `${head}Resources:\n${cluster('AWS::RDS::DBCluster', '      Engine: aurora-postgresql\n      BackupRetentionPeriod: 7\n')}`,
      errors: [{ message: 'Cluster keeps automated backups for only 7 days (BackupRetentionPeriod: 7), under the 14 days expected' }],
      output: `${head}Resources:\n${cluster('AWS::RDS::DBCluster', '      Engine: aurora-postgresql\n      BackupRetentionPeriod: 14\n')}`,
    },
    {
      name: 'DocumentDB cluster with the default of 1 day',
      yaml: `${head}Resources:\n${cluster('AWS::DocDB::DBCluster')}`,
      errors: [{ message: 'Cluster keeps automated backups for only 1 day (BackupRetentionPeriod not set, default 1)' }],
      output: `${head}Resources:\n${cluster('AWS::DocDB::DBCluster')}      BackupRetentionPeriod: 7\n`,
    },
    {
      name: 'Neptune cluster keeping 3 days',
      yaml: `${head}Resources:\n  Graph:\n    Type: AWS::Neptune::DBCluster\n    Properties:\n      BackupRetentionPeriod: 3\n`,
      errors: [{ message: 'Graph keeps automated backups for only 3 days (BackupRetentionPeriod: 3)' }],
      output: `${head}Resources:\n  Graph:\n    Type: AWS::Neptune::DBCluster\n    Properties:\n      BackupRetentionPeriod: 7\n`,
    },
    {
      name: 'Redshift with automated snapshots off',
      yaml: `${head}Resources:\n  Warehouse:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      NodeType: ra3.xlplus\n      ClusterType: multi-node\n      NumberOfNodes: 2\n      DBName: dw\n      MasterUsername: admin\n      AutomatedSnapshotRetentionPeriod: 0\n`,
      errors: [{ message: 'Warehouse has automated snapshots turned off (AutomatedSnapshotRetentionPeriod: 0)', severity: 'warning' }],
      fixTitles: ['Keep automated snapshots for 7 days (AutomatedSnapshotRetentionPeriod: 7)'],
    },
    {
      name: 'Redis replication group without snapshots (default 0): informational',
      yaml: `${head}Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: sessions\n      CacheNodeType: cache.t3.micro\n`,
      errors: [{ message: 'Cache has automatic snapshots turned off (SnapshotRetentionLimit not set, default 0): no daily snapshot is taken', severity: 'info' }],
      output: `${head}Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: sessions\n      CacheNodeType: cache.t3.micro\n      SnapshotRetentionLimit: 7\n`,
    },
    {
      name: 'retention from a parameter defaulting to 1: informational, the fix sets the default',
      yaml: `${head}Parameters:\n  Retention:\n    Type: Number\n    Default: 1\n    MinValue: 0\n    MaxValue: 35\nResources:\n${db('      BackupRetentionPeriod: !Ref Retention\n')}`,
      errors: [{ message: 'Db keeps automated backups for less than 7 days unless parameter Retention is set to 7 or more (default 1): point-in-time recovery reaches back less than 7 days', severity: 'info', line: 15 }],
      fixTitles: ['Set parameter Retention Default to 7'],
      output: `${head}Parameters:\n  Retention:\n    Type: Number\n    Default: 7\n    MinValue: 0\n    MaxValue: 35\nResources:\n${db('      BackupRetentionPeriod: !Ref Retention\n')}`,
    },
    {
      name: 'Fn::If choosing 1 day outside production: informational, no fix',
      yaml: `${head}Parameters:\n  Env:\n    Type: String\n    Default: dev\n    AllowedValues: [dev, prod]\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n${db('      BackupRetentionPeriod: !If [IsProd, 30, 1]\n')}`,
      errors: [{ message: 'Db keeps automated backups for less than 7 days unless condition IsProd is true', severity: 'info' }],
      fixTitles: [],
    },
    {
      name: 'a mapping giving 0 everywhere: a warning without a fix',
      yaml: `${head}Mappings:\n  Env:\n    dev:\n      Retention: 0\n    prod:\n      Retention: 0\nParameters:\n  Env:\n    Type: String\n    Default: dev\n    AllowedValues: [dev, prod]\nResources:\n${db('      BackupRetentionPeriod: !FindInMap [Env, !Ref Env, Retention]\n')}`,
      errors: [{ message: 'Db has automated backups turned off (BackupRetentionPeriod: 0)', severity: 'warning' }],
      fixTitles: [],
    },
    {
      name: 'DynamoDB point-in-time recovery kept for 3 days',
      yaml: `${head}Resources:\n${table('        PointInTimeRecoveryEnabled: true\n        RecoveryPeriodInDays: 3\n')}`,
      errors: [{ message: 'Orders keeps point-in-time recovery for only 3 days (RecoveryPeriodInDays: 3), under the 7 days expected: point-in-time recovery reaches back only 3 days', text: '3' }],
      output: `${head}Resources:\n${table('        PointInTimeRecoveryEnabled: true\n        RecoveryPeriodInDays: 7\n')}`,
    },
    {
      name: 'global table replica with a 1-day recovery period',
      yaml: `${head}Resources:\n  Global:\n    Type: AWS::DynamoDB::GlobalTable\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      KeySchema:\n        - AttributeName: pk\n          KeyType: HASH\n      AttributeDefinitions:\n        - AttributeName: pk\n          AttributeType: S\n      Replicas:\n        - Region: us-east-1\n          PointInTimeRecoverySpecification:\n            PointInTimeRecoveryEnabled: true\n        - Region: eu-west-1\n          PointInTimeRecoverySpecification:\n            PointInTimeRecoveryEnabled: true\n            RecoveryPeriodInDays: 1\n`,
      errors: [{ message: 'Global (replica in eu-west-1) keeps point-in-time recovery for only 1 day (RecoveryPeriodInDays: 1)' }],
    },
  ],
});
