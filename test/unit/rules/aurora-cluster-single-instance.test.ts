import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';

const aurora = (engine = 'aurora-postgresql', extra = '') =>
  `  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: ${engine}\n      MasterUsername: admin\n      ManageMasterUserPassword: true\n${extra}`;
const inst = (id: string, clusterRef = '!Ref Cluster', extra = '') =>
  `  ${id}:\n    Type: AWS::RDS::DBInstance\n${extra}    Properties:\n      Engine: aurora-postgresql\n      DBClusterIdentifier: ${clusterRef}\n      DBInstanceClass: db.r6g.large\n`;

ruleTester('aurora-cluster-single-instance', {
  valid: [
    { name: 'Aurora writer and reader', yaml: `${head}Resources:\n${aurora()}${inst('Writer')}${inst('Reader')}` },
    { name: 'long-form Ref and a literal cluster name', yaml: `${head}Resources:\n${aurora('aurora-mysql', '      DBClusterIdentifier: Orders-DB\n')}${inst('Writer', '{Ref: Cluster}')}${inst('Reader', 'orders-db')}` },
    { name: 'both instances under the cluster condition', yaml: `${head}Conditions:\n  Create: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    Condition: Create\n    Properties:\n      Engine: aurora-postgresql\n${inst('Writer', '!Ref Cluster', '    Condition: Create\n')}${inst('Reader', '!Ref Cluster', '    Condition: Create\n')}` },
    { name: 'second instance under a condition that holds with the default parameters', yaml: `${head}Parameters:\n  MultiAZ:\n    Type: String\n    Default: "true"\n    AllowedValues: ["true", "false"]\nConditions:\n  IsMultiAZ: !Equals [!Ref MultiAZ, "true"]\nResources:\n${aurora()}${inst('Writer')}${inst('Reader', '!Ref Cluster', '    Condition: IsMultiAZ\n')}` },
    { name: 'Multi-AZ DB cluster of PostgreSQL creates its own instances', yaml: `${head}Resources:\n${aurora('postgres', '      DBClusterInstanceClass: db.m6gd.large\n')}` },
    { name: 'no instance in this template (instances elsewhere, or a headless secondary)', yaml: `${head}Resources:\n${aurora()}` },
    { name: 'engine from a parameter is not guessed', yaml: `${head}Parameters:\n  Engine:\n    Type: String\nResources:\n${aurora('!Ref Engine')}${inst('Writer')}` },
    {
      name: 'DocumentDB with three instances',
      yaml: `${head}Resources:\n  Docs:\n    Type: AWS::DocDB::DBCluster\n    Properties:\n      MasterUsername: admin\n      MasterUserPassword: secret123\n${['A', 'B', 'C'].map((i) => `  Docs${i}:\n    Type: AWS::DocDB::DBInstance\n    Properties:\n      DBClusterIdentifier: !Ref Docs\n      DBInstanceClass: db.r6g.large\n`).join('')}`,
    },
  ],
  invalid: [
    {
      name: 'Aurora with one instance: the fix adds a reader in the next zone of the same list',
      yaml: `${head}Resources:\n${aurora()}  Writer:\n    Type: AWS::RDS::DBInstance\n    DeletionPolicy: Delete\n    Properties:\n      Engine: aurora-postgresql\n      DBClusterIdentifier: !Ref Cluster\n      DBInstanceClass: db.r6g.large\n      DBInstanceIdentifier: orders-writer\n      AvailabilityZone: !Select [0, !GetAZs '']\n      PubliclyAccessible: false\n`,
      errors: [{ message: 'Aurora cluster Cluster has a single DB instance (Writer): when it or its Availability Zone fails', resource: 'Cluster', severity: 'warning', text: 'Cluster', line: 3 }],
      fixTitles: ['Add a second instance Reader to Cluster (PromotionTier 1)'],
      output: `${head}Resources:\n${aurora()}  Writer:\n    Type: AWS::RDS::DBInstance\n    DeletionPolicy: Delete\n    Properties:\n      Engine: aurora-postgresql\n      DBClusterIdentifier: !Ref Cluster\n      DBInstanceClass: db.r6g.large\n      DBInstanceIdentifier: orders-writer\n      AvailabilityZone: !Select [0, !GetAZs '']\n      PubliclyAccessible: false\n  Reader:\n    Type: AWS::RDS::DBInstance\n    DeletionPolicy: Delete\n    Properties:\n      Engine: aurora-postgresql\n      DBClusterIdentifier: !Ref Cluster\n      DBInstanceClass: db.r6g.large\n      PubliclyAccessible: false\n      AvailabilityZone: !Select [1, !GetAZs '']\n      PromotionTier: 1\n`,
    },
    {
      name: 'cluster under a condition, long-form Ref: the new instance carries the condition',
      yaml: `${head}Conditions:\n  Create: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    Condition: Create\n    Properties:\n      Engine: aurora-mysql\n  DbInstance1:\n    Type: AWS::RDS::DBInstance\n    Condition: Create\n    Properties:\n      Engine: aurora-mysql\n      DBClusterIdentifier:\n        Ref: Cluster\n      DBInstanceClass: db.serverless\n`,
      errors: [{ message: 'single DB instance (DbInstance1)', resource: 'Cluster' }],
      fixTitles: ['Add a second instance DbInstance2 to Cluster (PromotionTier 1)'],
      output: `${head}Conditions:\n  Create: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    Condition: Create\n    Properties:\n      Engine: aurora-mysql\n  DbInstance1:\n    Type: AWS::RDS::DBInstance\n    Condition: Create\n    Properties:\n      Engine: aurora-mysql\n      DBClusterIdentifier:\n        Ref: Cluster\n      DBInstanceClass: db.serverless\n  DbInstance2:\n    Type: AWS::RDS::DBInstance\n    Condition: Create\n    Properties:\n      Engine: aurora-mysql\n      DBClusterIdentifier: !Ref Cluster\n      DBInstanceClass: db.serverless\n      PromotionTier: 1\n`,
    },
    {
      name: 'second instance only under a condition: informational, no fix',
      yaml: `${head}Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n${aurora()}${inst('Writer')}${inst('Reader', '!Ref Cluster', '    Condition: IsProd\n')}`,
      errors: [{ message: 'Aurora cluster Cluster has 2 instances, but Reader exists only when condition IsProd holds: otherwise it runs on Writer alone', severity: 'info', resource: 'Cluster' }],
      fixTitles: [],
    },
    {
      name: 'instance found by the literal cluster name',
      yaml: `${head}Resources:\n${aurora('aurora-mysql', '      DBClusterIdentifier: orders\n')}${inst('Primary', 'orders')}`,
      errors: [{ message: 'single DB instance (Primary)' }],
      fixTitles: ['Add a second instance Replica to Cluster (PromotionTier 1)'],
    },
    {
      name: 'DocumentDB with one instance: no PromotionTier in the copy',
      yaml: `${head}Resources:\n  Docs:\n    Type: AWS::DocDB::DBCluster\n    Properties:\n      MasterUsername: admin\n      MasterUserPassword: secret123\n  DocsInstance:\n    Type: AWS::DocDB::DBInstance\n    Properties:\n      DBClusterIdentifier: !Ref Docs\n      DBInstanceClass: db.r6g.large\n`,
      errors: [{ message: 'DocumentDB cluster Docs has a single DB instance (DocsInstance)', resource: 'Docs' }],
      output: `${head}Resources:\n  Docs:\n    Type: AWS::DocDB::DBCluster\n    Properties:\n      MasterUsername: admin\n      MasterUserPassword: secret123\n  DocsInstance:\n    Type: AWS::DocDB::DBInstance\n    Properties:\n      DBClusterIdentifier: !Ref Docs\n      DBInstanceClass: db.r6g.large\n  DocsInstanceReplica:\n    Type: AWS::DocDB::DBInstance\n    Properties:\n      DBClusterIdentifier: !Ref Docs\n      DBInstanceClass: db.r6g.large\n`,
    },
    {
      name: 'Neptune with one instance, and the DependsOn is copied',
      yaml: `${head}Resources:\n  Graph:\n    Type: AWS::Neptune::DBCluster\n    Properties:\n      IamAuthEnabled: true\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n  GraphWriter:\n    Type: AWS::Neptune::DBInstance\n    DependsOn: [Role]\n    Properties:\n      DBClusterIdentifier: !Ref Graph\n      DBInstanceClass: db.r6g.large\n`,
      errors: [{ message: 'Neptune cluster Graph has a single DB instance (GraphWriter)' }],
      output: `${head}Resources:\n  Graph:\n    Type: AWS::Neptune::DBCluster\n    Properties:\n      IamAuthEnabled: true\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n  GraphWriter:\n    Type: AWS::Neptune::DBInstance\n    DependsOn: [Role]\n    Properties:\n      DBClusterIdentifier: !Ref Graph\n      DBInstanceClass: db.r6g.large\n  GraphReader:\n    Type: AWS::Neptune::DBInstance\n    DependsOn: Role\n    Properties:\n      DBClusterIdentifier: !Ref Graph\n      DBInstanceClass: db.r6g.large\n`,
    },
    {
      name: 'a DependsOn the copied properties already imply is not copied',
      yaml: `${head}Resources:\n${aurora()}${inst('Db1', '!Ref Cluster', '    DependsOn: Cluster\n')}`,
      errors: [{ message: 'single DB instance (Db1)' }],
      output: `${head}Resources:\n${aurora()}${inst('Db1', '!Ref Cluster', '    DependsOn: Cluster\n')}  Db2:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: aurora-postgresql\n      DBClusterIdentifier: !Ref Cluster\n      DBInstanceClass: db.r6g.large\n      PromotionTier: 1\n`,
    },
    {
      name: 'Aurora Serverless v1: informational',
      yaml: `${head}Resources:\n${aurora('aurora-mysql', '      EngineMode: serverless\n')}`,
      errors: [{ message: 'Cluster is Aurora Serverless v1, which runs on a single compute node', severity: 'info', text: 'serverless' }],
    },
  ],
});
