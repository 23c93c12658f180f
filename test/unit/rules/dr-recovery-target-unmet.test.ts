import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
/** Template Metadata declaring objectives (YAML flow map body). */
const meta = (body: string) => `Metadata:\n  cfn-resilience: {${body}}\n`;

const table = (extra = '', id = 'Table') =>
  `  ${id}:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions:\n        - AttributeName: id\n          AttributeType: S\n      KeySchema:\n        - AttributeName: id\n          KeyType: HASH\n${extra}`;
const PITR = '      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: true\n';

const db = (extra = '') => `  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.m6g.large\n      AllocatedStorage: "20"\n${extra}`;

const cluster = `  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-mysql\n      MasterUsername: admin\n      ManageMasterUserPassword: true\n  Writer:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: aurora-mysql\n      DBClusterIdentifier: !Ref Cluster\n      DBInstanceClass: db.r6g.large\n`;

const bucket = (rtc: boolean) =>
  `  Docs:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration:\n        Status: Enabled\n      ReplicationConfiguration:\n        Role: arn:aws:iam::123456789012:role/replication\n        Rules:\n          - Status: Enabled\n            Destination:\n              Bucket: arn:aws:s3:::docs-replica\n${rtc ? '              ReplicationTime:\n                Status: Enabled\n                Time:\n                  Minutes: 15\n              Metrics:\n                Status: Enabled\n                EventThreshold:\n                  Minutes: 15\n' : ''}`;

const cache = `  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: sessions\n      Engine: redis\n      CacheNodeType: cache.t3.micro\n      NumCacheClusters: 1\n`;

const efs = (extra = '') => `  Files:\n    Type: AWS::EFS::FileSystem\n    Properties:\n      Encrypted: true\n${extra}`;

const multiAzParam = (def: string) => `Parameters:\n  MultiAZ:\n    Type: String\n    Default: "${def}"\n    AllowedValues: ["true", "false"]\n`;

ruleTester('dr-recovery-target-unmet', {
  valid: [
    { name: 'no objective declared: nothing is checked', yaml: `${head}Resources:\n${table()}${db('      BackupRetentionPeriod: 0\n')}` },
    { name: 'an empty cfn-resilience key declares nothing', yaml: `${head}Metadata:\n  cfn-resilience:\nResources:\n${table()}` },
    { name: 'only an ignore list', yaml: `${head}Metadata:\n  cfn-resilience:\n    ignore: [rds-multi-az]\nResources:\n${table()}` },
    { name: 'DynamoDB with PITR meets 15 min / 24 h (Region outages out of scope)', yaml: `${head}${meta('rpo: 15m, rto: 24h, region: off')}Resources:\n${table(PITR)}` },
    { name: 'Multi-AZ RDS with backups meets an AZ RTO of 5 minutes', yaml: `${head}${meta('az: {rpo: 0, rto: 5m}, data: off, region: off')}Resources:\n${db('      MultiAZ: true\n      BackupRetentionPeriod: 7\n')}` },
    { name: 'Aurora with two instances meets an AZ RTO of 1 minute', yaml: `${head}${meta('az: {rto: 1m}')}Resources:\n${cluster}  Reader:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: aurora-mysql\n      DBClusterIdentifier: !Ref Cluster\n      DBInstanceClass: db.r6g.large\n` },
    { name: 'S3 replication with Replication Time Control meets a 15-minute Region RPO', yaml: `${head}${meta('region: {rpo: 15m}')}Resources:\n${bucket(true)}` },
    { name: 'workspace default met', yaml: `${head}Resources:\n${table(PITR)}`, options: { 'dr-recovery-target-unmet': { targets: { rpo: '15m', rto: '1d', region: 'off' } } } },
    { name: 'the template switches off a disruption the workspace default checks', yaml: `${head}${meta('region: off')}Resources:\n${table(PITR)}`, options: { 'dr-recovery-target-unmet': { targets: { rpo: '15m', rto: '1d' } } } },
    { name: 'a resource without a data store ignores resource objectives', yaml: `${head}Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Metadata:\n      cfn-resilience: {rpo: 0}\n` },
    { name: 'ISO 8601 and combined durations', yaml: `${head}${meta('rpo: PT15M, rto: 1d2h, region: off')}Resources:\n${table(PITR)}` },
  ],
  invalid: [
    {
      name: 'DynamoDB without PITR: the fix enables it',
      yaml: `${head}${meta('rpo: 15m, rto: 24h, region: off')}Resources:\n${table()}`,
      errors: [{ message: 'Table (DynamoDB table) cannot meet the declared recovery objectives: for a data corruption or deletion, estimated not recoverable (no point-in-time recovery and no backup plan) against RPO 15 min, RTO 24 h. To close the gap: enable point-in-time recovery (RPO ≈ 5 min, RTO 1–24 h).', severity: 'error', resource: 'Table', text: 'Table', line: 5 }],
      fixTitles: ['Enable point-in-time recovery'],
      output: `${head}${meta('rpo: 15m, rto: 24h, region: off')}Resources:\n${table(PITR)}`,
    },
    {
      name: 'single-AZ RDS against an AZ RTO of 5 minutes: the fix sets MultiAZ',
      yaml: `${head}${meta('az: {rto: 5m}')}Resources:\n${db('      BackupRetentionPeriod: 7\n')}`,
      errors: [{ message: /^Db \(RDS DB instance \(postgres\)\) cannot meet the declared recovery objective: for an instance or Availability Zone failure, estimated RTO 1–24 h \(point-in-time restore in another AZ\) against RTO 5 min\. To close the gap: set MultiAZ: true/, severity: 'error' }],
      fixTitles: ['Set MultiAZ: true'],
      output: `${head}${meta('az: {rto: 5m}')}Resources:\n${db('      BackupRetentionPeriod: 7\n      MultiAZ: true\n')}`,
    },
    {
      name: 'single-instance Aurora against an AZ RTO of 1 minute: the fix adds an instance',
      yaml: `${head}${meta('az: {rto: 1m}')}Resources:\n${cluster}`,
      errors: [{ message: 'estimated RTO ≤ 10 min (the service recreates the only instance) against RTO 1 min. To close the gap: add a second DB instance in another AZ (PromotionTier 1) (RPO 0, RTO ≤ 30 s)', resource: 'Cluster', text: 'Cluster' }],
      fixTitles: ['Add a second instance Reader to Cluster'],
      output: `${head}${meta('az: {rto: 1m}')}Resources:\n${cluster}  Reader:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: aurora-mysql\n      DBClusterIdentifier: !Ref Cluster\n      DBInstanceClass: db.r6g.large\n      PromotionTier: 1\n`,
    },
    {
      name: 'S3 replication without RTC straddles a 15-minute RPO: a warning, the fix turns RTC on',
      yaml: `${head}${meta('region: {rpo: 15m}')}Resources:\n${bucket(false)}`,
      errors: [{ message: 'Docs (S3 bucket) may not meet the declared recovery objective: for a Region outage, estimated RPO 15 min–2 h (cross-Region replication) against RPO 15 min. To close the gap: turn on Replication Time Control (15 minutes) (RPO ≤ 15 min, RTO 0).', severity: 'warning' }],
      fixTitles: ['Turn on S3 Replication Time Control (15 minutes)'],
      output: `${head}${meta('region: {rpo: 15m}')}Resources:\n${bucket(true)}`,
    },
    {
      name: 'ElastiCache without a replica against an AZ RTO of 1 minute',
      yaml: `${head}${meta('az: {rto: 1m}')}Resources:\n${cache}`,
      errors: [{ message: 'Cache (ElastiCache replication group (redis)) cannot meet the declared recovery objective: for an instance or Availability Zone failure, estimated RTO 5–30 min (no replica and no backup: the cache comes back empty) against RTO 1 min. To close the gap: add a replica and turn on automatic failover and Multi-AZ (RPO ≤ 1 s, RTO 10 s–1 min).' }],
      fixTitles: ['Add a replica and turn on automatic failover and Multi-AZ'],
      output: `${head}${meta('az: {rto: 1m}')}Resources:\n${cache.replace('NumCacheClusters: 1', 'NumCacheClusters: 2')}      AutomaticFailoverEnabled: true\n      MultiAZEnabled: true\n`,
    },
    {
      name: 'EFS without backups against daily objectives: the fix turns automatic backups on',
      yaml: `${head}${meta('rpo: 1d, rto: 1d, region: off')}Resources:\n${efs()}`,
      errors: [{ message: 'for a data corruption or deletion, estimated not recoverable (no automatic backups and no backup plan) against RPO 24 h, RTO 24 h. To close the gap: turn on automatic backups (BackupPolicy: ENABLED) (RPO ≤ 24 h, RTO 1–24 h).' }],
      fixTitles: ['Turn on automatic backups (BackupPolicy: ENABLED)'],
      output: `${head}${meta('rpo: 1d, rto: 1d, region: off')}Resources:\n${efs('      BackupPolicy:\n        Status: ENABLED\n')}`,
    },
    {
      name: 'a Region RTO no change of the table meets alone: no quick fix',
      yaml: `${head}${meta('region: {rto: 1h}')}Resources:\n${table(PITR)}`,
      errors: [{ message: 'estimated not recoverable (no copy outside the Region) against RTO 1 h. To close the gap: make it a DynamoDB global table with a replica in another Region (AWS::DynamoDB::GlobalTable; the table is replaced) (RPO ≤ 1 s, RTO 0).' }],
      fixTitles: [],
    },
    {
      name: 'an objective no change reaches: says what it needs',
      yaml: `${head}${meta('data: {rpo: 1m}')}Resources:\n${table(PITR)}`,
      errors: [{ message: 'estimated RPO ≈ 5 min (point-in-time restore) against RPO 1 min. To close the gap: no change to Table alone is enough for a data corruption or deletion: RPO 1 min needs more frequent or continuous backups, or a different objective.' }],
      fixTitles: [],
    },
    {
      name: 'the estimate depends on a parameter whose default misses the objective',
      yaml: `${head}${meta('az: {rto: 5m}')}${multiAzParam('false')}Resources:\n${db('      MultiAZ: !Ref MultiAZ\n')}`,
      errors: [{ message: 'estimated RTO 1–24 h (point-in-time restore in another AZ) (met when parameter MultiAZ is true) against RTO 5 min', severity: 'error' }],
      // MultiAZ comes from the parameter: no edit of the property (the deployer chooses).
      fixTitles: [],
    },
    {
      name: 'met with the default parameters, missed in another deployment: informational',
      yaml: `${head}${meta('az: {rto: 5m}')}${multiAzParam('true')}Resources:\n${db('      MultiAZ: !Ref MultiAZ\n')}`,
      errors: [{ message: 'Db (RDS DB instance (postgres)) does not always meet the declared recovery objective: for an instance or Availability Zone failure, estimated RTO 1–24 h (point-in-time restore in another AZ) when parameter MultiAZ is false against RTO 5 min.', severity: 'info' }],
    },
    {
      name: 'workspace default objectives are named as such',
      yaml: `${head}Resources:\n${table()}`,
      options: { 'dr-recovery-target-unmet': { targets: { rpo: '15m', rto: '1d', region: 'off' } } },
      errors: [{ message: 'against RPO 15 min (workspace default), RTO 24 h (workspace default)' }],
      fixTitles: ['Enable point-in-time recovery'],
    },
    {
      name: 'objectives on the resource itself override the template',
      yaml: `${head}${meta('rpo: 1d, rto: 1d, region: off')}Resources:\n  Table:\n    Type: AWS::DynamoDB::Table\n    Metadata:\n      cfn-resilience: {data: {rpo: 1m}}\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions:\n        - AttributeName: id\n          AttributeType: S\n      KeySchema:\n        - AttributeName: id\n          KeyType: HASH\n${PITR}`,
      errors: [{ message: 'against RPO 1 min (set on the resource)', resource: 'Table' }],
    },
    {
      name: 'bad objectives are reported where they are written',
      yaml: `${head}Metadata:\n  cfn-resilience:\n    rpo: fast\n    rto: 15\n    region: {rpo: 1h, rtp: 2h}\n    data: yes\nResources:\n${table(PITR)}`,
      errors: [
        { message: 'Invalid RPO target "fast": "fast" is not a duration: write one such as 30s, 15m, 1h30m or 1d.', text: 'fast', line: 4, severity: 'error', resource: null },
        { message: 'Invalid RTO target 15: a bare number is ambiguous: write a unit (15s, 15m, 15h).', text: '15', line: 5 },
        { message: 'Unknown key "rtp" under "region": only rpo and rto.', text: '2h', line: 6 },
        { message: '"data" must be a mapping with rpo and/or rto, or off.', text: 'yes', line: 7 },
        { message: 'Table (DynamoDB table) cannot meet the declared recovery objective: for a Region outage, estimated not recoverable (no copy outside the Region) against RPO 1 h.', resource: 'Table', line: 9 },
      ],
    },
  ],
});
