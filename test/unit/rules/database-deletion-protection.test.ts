import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const keys = '      KeySchema:\n        - AttributeName: pk\n          KeyType: HASH\n      AttributeDefinitions:\n        - AttributeName: pk\n          AttributeType: S\n';
const table = (extra = '') => `  Orders:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n${keys}${extra}`;
const db = (props = '') => `  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n      DBInstanceClass: db.m6g.large\n      AllocatedStorage: "20"\n${props}`;

ruleTester('database-deletion-protection', {
  valid: [
    { name: 'RDS instance protected', yaml: `${head}Resources:\n${db('      DeletionProtection: true\n')}` },
    { name: 'DynamoDB table protected', yaml: `${head}Resources:\n${table('      DeletionProtectionEnabled: "true"\n')}` },
    { name: 'Aurora instance: the cluster carries the protection', yaml: `${head}Resources:\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-mysql\n      DeletionProtection: true\n  Instance:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: aurora-mysql\n      DBClusterIdentifier: !Ref Cluster\n      DBInstanceClass: db.r6g.large\n` },
    { name: 'read replica', yaml: `${head}Resources:\n  Replica:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      SourceDBInstanceIdentifier: orders\n      DBInstanceClass: db.m6g.large\n` },
    {
      name: 'from a condition that is true with the default parameters',
      yaml: `${head}Parameters:\n  Env:\n    Type: String\n    Default: prod\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n${db('      DeletionProtection: !If [IsProd, true, false]\n')}`,
    },
    { name: 'a queue is not a database', yaml: `${head}Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n` },
  ],
  invalid: [
    {
      name: 'DynamoDB table without it: the fix turns it on',
      yaml: `${head}Resources:\n${table()}`,
      errors: [
        {
          message: 'Orders (DynamoDB table) has deletion protection off (DeletionProtectionEnabled not set, default false): one delete call (from the console, a script, or a stack deletion or replacement whose policy is Delete) removes it; with deletion protection on, every delete fails until the setting is turned off first.',
          severity: 'warning',
          resource: 'Orders',
          text: 'Orders',
          line: 3,
        },
      ],
      fixTitles: ['Turn on deletion protection (DeletionProtectionEnabled: true)'],
      output: `${head}Resources:\n${table('      DeletionProtectionEnabled: true\n')}`,
    },
    {
      name: 'RDS instance with it explicitly off',
      yaml: `${head}Resources:\n${db('      DeletionProtection: false\n')}`,
      errors: [{ message: 'Db (RDS DB instance) has deletion protection off (DeletionProtection: false)', text: 'false', line: 9 }],
      output: `${head}Resources:\n${db('      DeletionProtection: true\n')}`,
    },
    {
      name: 'Neptune cluster without Properties: the fix creates them',
      yaml: `${head}Resources:\n  Graph:\n    Type: AWS::Neptune::DBCluster\n`,
      errors: [{ message: 'Graph (Neptune cluster) has deletion protection off (DeletionProtection not set, default false)' }],
      output: `${head}Resources:\n  Graph:\n    Type: AWS::Neptune::DBCluster\n    Properties:\n      DeletionProtection: true\n`,
    },
    {
      name: 'DocumentDB cluster from a parameter defaulting to false: informational',
      yaml: `${head}Parameters:\n  Protect:\n    Type: String\n    Default: "false"\n    AllowedValues: ["true", "false"]\nResources:\n  Docs:\n    Type: AWS::DocDB::DBCluster\n    Properties:\n      MasterUsername: admin\n      DeletionProtection: !Ref Protect\n`,
      errors: [{ message: 'Docs (DocumentDB cluster) has deletion protection off unless parameter Protect is true: while it is off,', severity: 'info', line: 12 }],
      fixTitles: [],
    },
    {
      name: 'Aurora cluster',
      yaml: `${head}Resources:\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-postgresql\n`,
      errors: [{ message: 'Cluster (RDS DB cluster) has deletion protection off' }],
      output: `${head}Resources:\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-postgresql\n      DeletionProtection: true\n`,
    },
    {
      name: 'global table: one finding per unprotected replica',
      yaml: `${head}Resources:\n  Global:\n    Type: AWS::DynamoDB::GlobalTable\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n${keys}      Replicas:\n        - Region: us-east-1\n          DeletionProtectionEnabled: true\n        - Region: eu-west-1\n        - Region: ap-south-1\n          DeletionProtectionEnabled: false\n`,
      errors: [
        { message: 'Global (DynamoDB global table, the replica in eu-west-1) has deletion protection off (DeletionProtectionEnabled not set, default false)', text: 'eu-west-1' },
        { message: 'Global (DynamoDB global table, the replica in ap-south-1) has deletion protection off (DeletionProtectionEnabled: false)', text: 'false' },
      ],
      output: `${head}Resources:\n  Global:\n    Type: AWS::DynamoDB::GlobalTable\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n${keys}      Replicas:\n        - Region: us-east-1\n          DeletionProtectionEnabled: true\n        - Region: eu-west-1\n          DeletionProtectionEnabled: true\n        - Region: ap-south-1\n          DeletionProtectionEnabled: false\n`,
    },
  ],
});
