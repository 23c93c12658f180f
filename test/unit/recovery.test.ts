/**
 * The recovery model (server/src/core/recovery): per data store and disruption, the
 * estimate read from what the template configures, with the documented figures behind
 * it; ranges over parameters and conditions; AWS Backup and DLM coverage; the DR strategy
 * on purpose-made templates (test/fixtures/recovery); durations; the figures document.
 * Every figure of the table must be used by at least one assertion here (last test).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/core/analyze';
import { recoveryOf } from '../../server/src/core/recovery/estimate';
import { FIGURES, FIGURE_IDS, FigureId } from '../../server/src/core/recovery/figures';
import { figuresMarkdown } from '../../server/src/core/recovery/figures-doc';
import { formatRange, parseDuration } from '../../server/src/core/recovery/duration';
import { scheduleInterval } from '../../server/src/core/recovery/backup';
import { Disruption, Outcome, RecoveryModel, StoreEstimate } from '../../server/src/core/recovery/model';
import { targetsFromNode } from '../../server/src/core/recovery/targets';
import { parseConfig } from '../../server/src/core/config';

const root = path.resolve(__dirname, '../../..');
const HEAD = 'AWSTemplateFormatVersion: "2010-09-09"\n';

/** Figures asserted by the tests of this file. */
const used = new Set<FigureId>();

function model(yaml: string): RecoveryModel {
  const a = analyze(yaml, { format: 'yaml', onRuleError: (id, e) => assert.fail(`rule ${id} threw: ${e}`) });
  return a.recovery;
}

function store(m: RecoveryModel, id: string): StoreEstimate {
  const s = m.byId.get(id);
  assert.ok(s, `no estimate for ${id}; stores: ${m.stores.map((x) => x.id).join(', ')}`);
  return s!;
}

type Want = [rpo: string, rto: string, mechanism?: RegExp];

function check(o: Outcome, want: Want, where: string): void {
  assert.strictEqual(formatRange(o.rpo), want[0], `${where}: RPO (${o.mechanism})`);
  assert.strictEqual(formatRange(o.rto), want[1], `${where}: RTO (${o.mechanism})`);
  if (want[2]) assert.match(o.mechanism, want[2], `${where}: mechanism`);
  o.figures.forEach((f) => used.add(f));
}

/** Asserts the default estimates of one store; returns it. */
function expectStore(yaml: string, id: string, want: Partial<Record<Disruption, Want>>, label?: RegExp): StoreEstimate {
  const s = store(model(yaml), id);
  if (label) assert.match(s.label, label);
  for (const [d, w] of Object.entries(want) as [Disruption, Want][]) check(s.estimates[d].outcome, w, `${id} ${d}`);
  return s;
}

const NONE: [string, string] = ['none', 'none'];

const rds = (props: string, id = 'Db') => `  ${id}:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.m6g.large\n      AllocatedStorage: "20"\n${props}`;
const ddb = (props = '', id = 'Table') => `  ${id}:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n${props}`;
const instances = (type: string, cluster: string, n: number, engine?: string) =>
  Array.from({ length: n }, (_, i) => `  ${cluster}Instance${i + 1}:\n    Type: ${type}\n    Properties:\n${engine ? `      Engine: ${engine}\n` : ''}      DBClusterIdentifier: !Ref ${cluster}\n      DBInstanceClass: db.r6g.large\n`).join('');

describe('recovery model: RDS', () => {
  it('single-AZ instance with automated backups: point-in-time restore, nothing outside the Region', () => {
    const s = expectStore(`${HEAD}Resources:\n${rds('      BackupRetentionPeriod: 7\n')}`, 'Db', { az: ['≈ 5 min', '1–24 h', /point-in-time restore in another AZ/], data: ['≈ 5 min', '1–24 h', /^point-in-time restore$/], region: [...NONE, /no copy outside the Region/] }, /RDS DB instance \(postgres\)/);
    assert.ok(s.estimates.az.outcome.notes?.some((n) => /host failure/.test(n)));
    assert.ok(s.estimates.data.outcome.notes?.some((n) => /DeletionPolicy/.test(n)), 'no DeletionPolicy: the backups go with the stack');
    assert.deepStrictEqual(s.improvements.filter((i) => i.fix).map((i) => i.fix!()!.title), ['Set MultiAZ: true']);
  });

  it('Multi-AZ instance: synchronous standby, 60–120 s failover', () => {
    expectStore(`${HEAD}Resources:\n${rds('      MultiAZ: true\n')}`, 'Db', { az: ['0', '1–2 min', /Multi-AZ failover/] });
  });

  it('backups off and no replica: nothing to recover from', () => {
    const s = expectStore(`${HEAD}Resources:\n${rds('      BackupRetentionPeriod: 0\n')}`, 'Db', { az: NONE, data: [...NONE, /no automated backups/] });
    assert.ok(s.improvements.some((i) => i.disruption === 'data' && /BackupRetentionPeriod: 7/.test(i.action) && i.fix?.()?.edits.length));
  });

  it('DeletionPolicy Snapshot: no warning about losing the backups with the stack', () => {
    const s = expectStore(`${HEAD}Resources:\n${rds('      BackupRetentionPeriod: 7\n').replace('    Properties:', '    DeletionPolicy: Snapshot\n    Properties:')}`, 'Db', { data: ['≈ 5 min', '1–24 h'] });
    assert.ok(!s.estimates.data.outcome.notes?.length);
  });

  it('a read replica in the template: promotion for an AZ failure, and the replica is not a store of its own', () => {
    const m = model(`${HEAD}Resources:\n${rds('      BackupRetentionPeriod: 7\n')}${rds('      SourceDBInstanceIdentifier: !Ref Db\n', 'Replica')}`);
    check(store(m, 'Db').estimates.az.outcome, ['1 s–5 min', '1–10 min', /promote a read replica/], 'Db az');
    assert.ok(!m.byId.has('Replica'));
    assert.ok(store(m, 'Db').evidence.some((e) => /Read replica Replica/.test(e.text)));
  });

  it('a cross-Region read replica (SourceRegion): promoting it recovers from a Region outage', () => {
    const s = expectStore(`${HEAD}Resources:\n${rds('      SourceDBInstanceIdentifier: arn:aws:rds:us-east-1:123456789012:db:orders\n      SourceRegion: us-east-1\n')}`, 'Db', { region: ['1 s–5 min', '1–10 min', /promote this cross-Region read replica/], data: NONE }, /cross-Region read replica/);
    assert.ok(s.evidence.some((e) => /in another Region/.test(e.text)));
  });

  it('automated backups replicated to another Region', () => {
    expectStore(`${HEAD}Resources:\n${rds('      BackupRetentionPeriod: 7\n      AutomaticBackupReplicationRegion: eu-west-1\n')}`, 'Db', { region: ['5 min–1 h', '1–24 h', /replicated to eu-west-1/] });
  });

  it('Multi-AZ DB cluster (MySQL): failover under 35 s', () => {
    expectStore(`${HEAD}Resources:\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: mysql\n      DBClusterInstanceClass: db.r6gd.large\n      AllocatedStorage: 100\n      Iops: 1000\n      StorageType: io1\n`, 'Cluster', { az: ['0', '≤ 35 s', /reader/], data: ['≈ 5 min', '1–24 h'] }, /Multi-AZ DB cluster \(mysql\)/);
  });

  it('MultiAZ from a parameter: the default deployment, the range, and when the other applies', () => {
    const yaml = `${HEAD}Parameters:\n  MultiAZ:\n    Type: String\n    Default: "false"\n    AllowedValues: ["true", "false"]\nResources:\n${rds('      MultiAZ: !Ref MultiAZ\n')}`;
    const s = store(model(yaml), 'Db');
    const az = s.estimates.az;
    check(az.outcome, ['≈ 5 min', '1–24 h'], 'default');
    assert.strictEqual(formatRange(az.rpo), '≤ 5 min');
    assert.strictEqual(formatRange(az.rto), '1 min–24 h');
    assert.strictEqual(az.alternatives.length, 1);
    assert.strictEqual(az.alternatives[0].when, 'when parameter MultiAZ is true');
    check(az.alternatives[0].outcome, ['0', '1–2 min', /Multi-AZ failover/], 'alternative');
    assert.ok(s.uncertain.some((u) => /2 deployments/.test(u)));
  });

  it('a value the template does not tell (an import) is taken both ways, and said so', () => {
    const s = store(model(`${HEAD}Resources:\n${rds('      MultiAZ: !ImportValue shared-multi-az\n')}`), 'Db');
    assert.strictEqual(s.estimates.az.alternatives.length, 1);
    assert.match(s.estimates.az.alternatives[0].when, /if MultiAZ is true \(its value is not known from the template\)/);
  });
});

describe('recovery model: Aurora, DocumentDB, Neptune', () => {
  const aurora = (extra = '') => `  Db:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-postgresql\n      MasterUsername: admin\n      ManageMasterUserPassword: true\n${extra}`;

  it('two instances: failover to a replica in under 30 s, storage across three AZs', () => {
    expectStore(`${HEAD}Resources:\n${aurora()}${instances('AWS::RDS::DBInstance', 'Db', 2, 'aurora-postgresql')}`, 'Db', { az: ['0', '≤ 30 s', /failover to a replica/], data: ['≈ 5 min', '1–24 h'], region: NONE }, /Aurora cluster/);
  });

  it('one instance: recreated in under 10 minutes; the fix adds a twin', () => {
    const s = expectStore(`${HEAD}Resources:\n${aurora()}${instances('AWS::RDS::DBInstance', 'Db', 1, 'aurora-postgresql')}`, 'Db', { az: ['0', '≤ 10 min', /recreates the only instance/] });
    const fix = s.improvements.find((i) => i.disruption === 'az')!.fix!();
    assert.strictEqual(fix?.title, 'Add a second instance DbInstance2 to Db');
  });

  it('a second instance under a condition: the default and the other deployment', () => {
    const yaml = `${HEAD}Parameters:\n  Env:\n    Type: String\n    Default: dev\n    AllowedValues: [dev, prod]\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n${aurora()}${instances('AWS::RDS::DBInstance', 'Db', 1, 'aurora-postgresql')}  Replica:\n    Type: AWS::RDS::DBInstance\n    Condition: IsProd\n    Properties:\n      Engine: aurora-postgresql\n      DBClusterIdentifier: !Ref Db\n      DBInstanceClass: db.r6g.large\n`;
    const az = store(model(yaml), 'Db').estimates.az;
    check(az.outcome, ['0', '≤ 10 min'], 'default (dev)');
    assert.strictEqual(az.alternatives[0].when, 'when condition IsProd is true');
    check(az.alternatives[0].outcome, ['0', '≤ 30 s'], 'prod');
  });

  it('primary of a global database: about 1 s RPO and under a minute RTO for a Region outage', () => {
    const s = expectStore(`${HEAD}Resources:\n${aurora()}${instances('AWS::RDS::DBInstance', 'Db', 2, 'aurora-postgresql')}  Global:\n    Type: AWS::RDS::GlobalCluster\n    Properties:\n      SourceDBClusterIdentifier: !Ref Db\n`, 'Db', { region: ['≈ 1 s', '≤ 1 min', /Aurora global database failover/] });
    assert.ok(s.estimates.region.outcome.notes?.some((n) => /assumes a secondary cluster/.test(n)));
  });

  it('no instance in the template: the range of both cases', () => {
    expectStore(`${HEAD}Resources:\n${aurora()}`, 'Db', { az: ['0', '≤ 10 min', /outside the template/] });
  });

  it('DocumentDB: replica failover, global cluster; Neptune: one instance', () => {
    const docdb = `  Docs:\n    Type: AWS::DocDB::DBCluster\n    Properties:\n      MasterUsername: admin\n      MasterUserPassword: "{{resolve:secretsmanager:docdb}}"\n${instances('AWS::DocDB::DBInstance', 'Docs', 2)}  DocsGlobal:\n    Type: AWS::DocDB::GlobalCluster\n    Properties:\n      GlobalClusterIdentifier: docs\n      SourceDBClusterIdentifier: !Ref Docs\n`;
    expectStore(`${HEAD}Resources:\n${docdb}`, 'Docs', { az: ['0', '≤ 30 s'], region: ['≈ 1 s', '1–10 min', /DocumentDB global database/] }, /DocumentDB cluster/);
    expectStore(`${HEAD}Resources:\n${docdb.replace(/DocsInstance2[\s\S]*?db.r6g.large\n/, '')}`, 'Docs', { az: ['0', '≤ 10 min'] });
    const neptune = `  Graph:\n    Type: AWS::Neptune::DBCluster\n    Properties:\n      BackupRetentionPeriod: 7\n${instances('AWS::Neptune::DBInstance', 'Graph', 1)}`;
    expectStore(`${HEAD}Resources:\n${neptune}`, 'Graph', { az: ['0', '≤ 15 min'], data: ['≈ 5 min', '1–24 h'] }, /Neptune cluster/);
    expectStore(`${HEAD}Resources:\n${neptune}${instances('AWS::Neptune::DBInstance', 'Graph', 2).replace('GraphInstance1', 'GraphInstanceB')}`, 'Graph', { az: ['0', '≤ 30 s'] });
  });
});

describe('recovery model: DynamoDB', () => {
  it('a table without PITR: nothing survives a bad write; with PITR, restore to the second', () => {
    expectStore(`${HEAD}Resources:\n${ddb()}`, 'Table', { az: ['0', '0', /three AZs/], data: [...NONE, /no point-in-time recovery/], region: NONE });
    const s = expectStore(`${HEAD}Resources:\n${ddb('      PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}\n')}`, 'Table', { data: ['≈ 5 min', '1–24 h', /point-in-time restore/] });
    assert.ok(s.estimates.data.outcome.figures.includes('dynamodb-pitr-granularity'));
  });

  it('a SAM SimpleTable has no PITR and no quick fix', () => {
    const s = expectStore(`Transform: AWS::Serverless-2016-10-31\nResources:\n  T:\n    Type: AWS::Serverless::SimpleTable\n`, 'T', { data: NONE }, /SimpleTable/);
    assert.ok(s.improvements.every((i) => !i.fix));
  });

  it('a global table with replicas in two Regions: active-active, no promotion', () => {
    const gt = `  Orders:\n    Type: AWS::DynamoDB::GlobalTable\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n      StreamSpecification: {StreamViewType: NEW_AND_OLD_IMAGES}\n      Replicas:\n        - Region: !Ref AWS::Region\n        - Region: eu-west-1\n`;
    const s = expectStore(`${HEAD}Resources:\n${gt}`, 'Orders', { az: ['0', '0'], region: ['≤ 1 s', '0', /multi-Region replicas/], data: NONE });
    const fix = s.improvements.find((i) => i.disruption === 'data')?.fix?.();
    assert.strictEqual(fix?.title, 'Enable point-in-time recovery on the replica');
    expectStore(`${HEAD}Resources:\n${gt.replace('        - Region: eu-west-1\n', '')}`, 'Orders', { region: NONE });
    expectStore(`${HEAD}Resources:\n${gt.replace('StreamSpecification: {StreamViewType: NEW_AND_OLD_IMAGES}', 'MultiRegionConsistency: STRONG')}`, 'Orders', { region: ['0', '0', /strongly consistent/] });
  });
});

describe('recovery model: S3, EFS, ElastiCache, EBS, Redshift, OpenSearch', () => {
  const bucket = (props: string) => `  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n${props}`;
  const repl = (dest: string, rtc = '') => `      VersioningConfiguration: {Status: Enabled}\n      ReplicationConfiguration:\n        Role: arn:aws:iam::123456789012:role/r\n        Rules:\n          - Status: Enabled\n            Destination:\n              Bucket: ${dest}\n${rtc}`;

  it('S3: versioning keeps previous versions; cross-Region replication with and without RTC; same-Region replication is no DR', () => {
    expectStore(`${HEAD}Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n`, 'Bucket', { az: ['0', '0', /three AZs/], data: [...NONE, /no versioning/], region: NONE });
    expectStore(`${HEAD}Resources:\n${bucket('      VersioningConfiguration: {Status: Enabled}\n')}`, 'Bucket', { data: ['0', '1 min–24 h', /previous object versions/] });
    expectStore(`${HEAD}Resources:\n${bucket(repl('arn:aws:s3:::replica'))}`, 'Bucket', { region: ['15 min–2 h', '0', /^cross-Region replication$/] });
    expectStore(`${HEAD}Resources:\n${bucket(repl('arn:aws:s3:::replica', '              ReplicationTime: {Status: Enabled, Time: {Minutes: 15}}\n              Metrics: {Status: Enabled, EventThreshold: {Minutes: 15}}\n'))}`, 'Bucket', { region: ['≤ 15 min', '0', /Replication Time Control/] });
    const s = expectStore(`${HEAD}Resources:\n${bucket(repl('!GetAtt Replica.Arn'))}  Replica:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration: {Status: Enabled}\n`, 'Bucket', { region: NONE });
    assert.ok(s.estimates.region.outcome.notes?.some((n) => /same-Region replication/.test(n)));
  });

  it('EFS: Regional storage survives an AZ; One Zone depends on backups or replication', () => {
    expectStore(`${HEAD}Resources:\n  Fs:\n    Type: AWS::EFS::FileSystem\n`, 'Fs', { az: ['0', '0', /multiple AZs/], data: NONE, region: NONE });
    expectStore(`${HEAD}Resources:\n  Fs:\n    Type: AWS::EFS::FileSystem\n    Properties:\n      AvailabilityZoneName: us-east-1a\n      BackupPolicy: {Status: ENABLED}\n`, 'Fs', { az: ['≤ 24 h', '1–24 h', /daily automatic backup/], data: ['≤ 24 h', '1–24 h'] }, /One Zone/);
    expectStore(`${HEAD}Resources:\n  Fs:\n    Type: AWS::EFS::FileSystem\n    Properties:\n      ReplicationConfiguration:\n        Destinations:\n          - Region: eu-west-1\n`, 'Fs', { region: ['≤ 15 min', '1–15 min', /replica in another Region/] });
  });

  it('ElastiCache: failover, no failover, a single node with backups, Memcached, a Global Datastore, a serverless cache', () => {
    const rg = (props: string) => `  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: c\n      Engine: redis\n      CacheNodeType: cache.r6g.large\n${props}`;
    expectStore(`${HEAD}Resources:\n${rg('      NumCacheClusters: 2\n      AutomaticFailoverEnabled: true\n      MultiAZEnabled: true\n')}`, 'Cache', { az: ['≤ 1 s', '10 s–1 min', /Multi-AZ automatic failover/], data: NONE, region: NONE });
    expectStore(`${HEAD}Resources:\n${rg('      NumCacheClusters: 2\n')}`, 'Cache', { az: ['≤ 1 s', '5–30 min', /by hand/] });
    expectStore(`${HEAD}Resources:\n${rg('      NumCacheClusters: 1\n      SnapshotRetentionLimit: 7\n')}`, 'Cache', { az: ['≤ 24 h', '5–30 min', /daily backup/], data: ['≤ 24 h', '5–30 min'] });
    expectStore(`${HEAD}Resources:\n  Mc:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n      Engine: memcached\n      CacheNodeType: cache.t3.micro\n      NumCacheNodes: 2\n`, 'Mc', { az: ['none', '5–30 min', /comes back empty/], data: NONE });
    expectStore(`${HEAD}Resources:\n${rg('      NumCacheClusters: 2\n      AutomaticFailoverEnabled: true\n')}  Global:\n    Type: AWS::ElastiCache::GlobalReplicationGroup\n    Properties:\n      Members:\n        - ReplicationGroupId: !Ref Cache\n          Role: PRIMARY\n`, 'Cache', { region: ['≤ 1 s', '≤ 1 min', /Global Datastore/] });
    expectStore(`${HEAD}Resources:\n  Sc:\n    Type: AWS::ElastiCache::ServerlessCache\n    Properties:\n      Engine: valkey\n      ServerlessCacheName: sc\n      SnapshotRetentionLimit: 3\n`, 'Sc', { az: ['≤ 1 s', '10 s–1 min', /by the service/], data: ['≤ 24 h', '5–30 min'] }, /serverless cache/);
  });

  it('EBS: lost with its AZ unless snapshotted; DLM by tag, AWS Backup with a cross-Region copy', () => {
    const vol = (tags = '') => `  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: !Select [0, !GetAZs '']\n      Size: 100\n${tags}`;
    const s = expectStore(`${HEAD}Resources:\n${vol()}`, 'Vol', { az: [...NONE, /lost with its Availability Zone/], data: NONE, region: NONE });
    assert.ok(s.estimates.az.outcome.figures.includes('ebs-az'));
    const dlm = `  Snapshots:\n    Type: AWS::DLM::LifecyclePolicy\n    Properties:\n      Description: volumes\n      State: ENABLED\n      ExecutionRoleArn: arn:aws:iam::123456789012:role/dlm\n      PolicyDetails:\n        ResourceTypes: [VOLUME]\n        TargetTags: [{Key: snapshot, Value: hourly}]\n        Schedules:\n          - Name: every4h\n            CreateRule: {Interval: 4, IntervalUnit: HOURS}\n            RetainRule: {Count: 12}\n            CrossRegionCopyRules:\n              - TargetRegion: eu-west-1\n                Encrypted: false\n`;
    const withDlm = expectStore(`${HEAD}Resources:\n${vol('      Tags: [{Key: snapshot, Value: hourly}]\n')}${dlm}`, 'Vol', { az: ['≤ 4 h', '1 min–1 h', /latest snapshot/], region: ['≤ 4 h', '1 min–1 h', /copied to another Region/] });
    assert.ok(withDlm.estimates.az.outcome.figures.includes('ebs-snapshot-restore'));
    expectStore(`${HEAD}Resources:\n${vol('      Tags: [{Key: snapshot, Value: never}]\n')}${dlm}`, 'Vol', { az: NONE });
  });

  it('Redshift: snapshots every 8 hours; relocation; cross-Region snapshot copy', () => {
    const rs = (props = '') => `  Dw:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      NodeType: ra3.xlplus\n      ClusterType: multi-node\n      NumberOfNodes: 2\n      DBName: dw\n      MasterUsername: admin\n      ManageMasterPassword: true\n${props}`;
    const s = expectStore(`${HEAD}Resources:\n${rs()}`, 'Dw', { az: ['≤ 8 h', '1–24 h', /latest snapshot/], data: ['≤ 8 h', '1–24 h'], region: NONE });
    assert.strictEqual(s.improvements.find((i) => i.disruption === 'az')?.fix?.()?.title, 'Set AvailabilityZoneRelocation: true');
    expectStore(`${HEAD}Resources:\n${rs('      AvailabilityZoneRelocation: true\n      DestinationRegion: eu-west-1\n')}`, 'Dw', { az: ['0', '1–10 min', /relocation/], region: ['≤ 8 h', '1–24 h', /copied to eu-west-1/] });
    expectStore(`${HEAD}Resources:\n${rs('      AutomatedSnapshotRetentionPeriod: 0\n')}`, 'Dw', { data: NONE });
  });

  it('OpenSearch: hourly snapshots; zone awareness', () => {
    expectStore(`${HEAD}Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n`, 'Search', { az: ['≤ 1 h', '1–24 h'], data: ['≤ 1 h', '1–24 h', /hourly/], region: NONE });
    expectStore(`${HEAD}Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      ClusterConfig:\n        InstanceCount: 2\n        ZoneAwarenessEnabled: true\n`, 'Search', { az: ['0', '≤ 1 min', /replica shards/] });
  });
});

describe('recovery model: AWS Backup and schedules', () => {
  const plan = (rule: string) => `  Plan:\n    Type: AWS::Backup::BackupPlan\n    Properties:\n      BackupPlan:\n        BackupPlanName: p\n        BackupPlanRule:\n          - RuleName: r\n            TargetBackupVaultName: v\n${rule}`;
  const selection = (body: string) => `  Selection:\n    Type: AWS::Backup::BackupSelection\n    Properties:\n      BackupPlanId: !Ref Plan\n      BackupSelection:\n        SelectionName: s\n        IamRoleArn: arn:aws:iam::123456789012:role/b\n${body}`;

  it('covers by ARN, by wildcard and by tag; a cross-Region copy makes a Region outage recoverable', () => {
    const byArn = `${HEAD}Resources:\n${ddb()}${plan('            ScheduleExpression: cron(0 */12 * * ? *)\n            CopyActions:\n              - DestinationBackupVaultArn: arn:aws:backup:eu-west-1:123456789012:backup-vault:dr\n')}${selection('        Resources: [!GetAtt Table.Arn]\n')}`;
    const s = expectStore(byArn, 'Table', { data: ['≤ 12 h', '1–24 h', /AWS Backup plan Plan, rule r \(every 12 h\)/], region: ['≤ 12 h', '1–24 h', /copied to another Region/] });
    assert.ok(s.evidence.some((e) => /Backed up by AWS Backup selection Selection \(by ARN\)/.test(e.text)));
    expectStore(byArn.replace('[!GetAtt Table.Arn]', "['arn:aws:dynamodb:*:*:table/*']"), 'Table', { data: ['≤ 12 h', '1–24 h'] });
    expectStore(byArn.replace('[!GetAtt Table.Arn]', "['arn:aws:rds:*:*:db:*']"), 'Table', { data: NONE });
    const tagged = `${HEAD}Resources:\n${ddb('      Tags: [{Key: backup, Value: daily}]\n')}${plan('            ScheduleExpression: cron(0 5 ? * * *)\n')}${selection('        ListOfTags: [{ConditionType: STRINGEQUALS, ConditionKey: backup, ConditionValue: daily}]\n')}`;
    expectStore(tagged, 'Table', { data: ['≤ 24 h', '1–24 h'], region: NONE });
    expectStore(tagged.replace('Value: daily}]\n', 'Value: weekly}]\n'), 'Table', { data: NONE });
  });

  it('continuous backups: point-in-time restore within minutes', () => {
    expectStore(`${HEAD}Resources:\n${rds('      BackupRetentionPeriod: 0\n')}${plan('            EnableContinuousBackup: true\n')}${selection('        Resources: [!Sub "arn:aws:rds:${AWS::Region}:${AWS::AccountId}:db:${Db}"]\n')}`, 'Db', { data: ['1 s–5 min', '1–24 h', /continuous/] });
  });

  it('a copy to a vault of this template stays in the Region; a selection under a condition gives a range', () => {
    const inRegion = `${HEAD}Resources:\n${ddb()}  Vault:\n    Type: AWS::Backup::BackupVault\n    Properties:\n      BackupVaultName: v\n${plan('            ScheduleExpression: cron(0 5 ? * * *)\n            CopyActions:\n              - DestinationBackupVaultArn: !GetAtt Vault.BackupVaultArn\n')}${selection('        Resources: [!GetAtt Table.Arn]\n')}`;
    expectStore(inRegion, 'Table', { region: NONE });
    const cond = `${HEAD}Parameters:\n  Backups:\n    Type: String\n    Default: "no"\n    AllowedValues: ["yes", "no"]\nConditions:\n  WithBackups: !Equals [!Ref Backups, "yes"]\nResources:\n${ddb()}${plan('            ScheduleExpression: cron(0 5 ? * * *)\n')}${selection('        Resources: [!GetAtt Table.Arn]\n').replace('    Type: AWS::Backup::BackupSelection\n', '    Type: AWS::Backup::BackupSelection\n    Condition: WithBackups\n')}`;
    const d = store(model(cond), 'Table').estimates.data;
    check(d.outcome, NONE, 'default: no backups');
    assert.strictEqual(d.alternatives[0].when, 'when condition WithBackups is true');
    check(d.alternatives[0].outcome, ['≤ 24 h', '1–24 h'], 'with backups');
  });

  it('reads AWS cron and rate schedules as the worst gap between two backups', () => {
    const h = 3600;
    const cases: [string, number | undefined][] = [
      ['cron(0 5 ? * * *)', 24 * h],
      ['cron(0 */6 * * ? *)', 6 * h],
      ['cron(0 1,13 * * ? *)', 12 * h],
      ['cron(0 2,4 * * ? *)', 22 * h],
      ['cron(30 * * * ? *)', h],
      ['cron(0 5 ? * MON *)', 7 * 24 * h],
      ['cron(0 5 ? * MON-FRI *)', 3 * 24 * h],
      ['cron(0 5 1 * ? *)', 31 * 24 * h],
      ['rate(12 hours)', 12 * h],
      ['rate(1 day)', 24 * h],
      ['cron(0 5 * * ?)', undefined],
      ['daily', undefined],
    ];
    for (const [expr, want] of cases) assert.strictEqual(scheduleInterval(expr), want, expr);
  });
});

describe('recovery model: durations and declared targets', () => {
  it('parses durations people write, and refuses ambiguous ones', () => {
    const ok: [unknown, number][] = [['30s', 30], ['15m', 900], ['15min', 900], ['15 minutes', 900], ['1h', 3600], ['1h30m', 5400], ['1.5h', 5400], ['2d', 172800], ['PT15M', 900], ['P1DT2H', 93600], ['0', 0], [0, 0]];
    for (const [input, s] of ok) assert.deepStrictEqual(parseDuration(input), { ok: true, seconds: s }, String(input));
    for (const bad of ['15', 15, 'fast', '15 fortnights', '', 'PT', true, null, '1h junk']) assert.strictEqual(parseDuration(bad).ok, false, String(bad));
  });

  it('formats ranges for people', () => {
    const cases: [number, number, string][] = [[0, 0, '0'], [300, 300, '≈ 5 min'], [0, 30, '≤ 30 s'], [60, 120, '1–2 min'], [900, 7200, '15 min–2 h'], [3600, 86400, '1–24 h'], [Infinity, Infinity, 'none'], [3600, Infinity, '≥ 1 h'], [86400 * 7, 86400 * 7, '≈ 7 d']];
    for (const [low, high, text] of cases) assert.strictEqual(formatRange({ low, high }), text, `${low}–${high}`);
  });

  it('merges template-wide objectives with per-disruption overrides and off', () => {
    const a = analyze(`${HEAD}Metadata:\n  cfn-resilience:\n    rpo: 15m\n    rto: 1h\n    region: {rto: 4h}\n    data: off\nResources: {}\n`, { format: 'yaml' });
    const node = a.template.sections.get('Metadata')!.value;
    const t = targetsFromNode(node.kind === 'map' ? node.pairs[0].value : undefined, 'template');
    assert.deepStrictEqual(t.issues, []);
    assert.strictEqual(t.targets.objectives.az?.rpo?.seconds, 900);
    assert.strictEqual(t.targets.objectives.region?.rpo?.seconds, 900);
    assert.strictEqual(t.targets.objectives.region?.rto?.seconds, 4 * 3600);
    assert.ok(t.targets.off.data);
  });

  it('the workspace configuration takes targets: and reports bad ones', () => {
    const good = parseConfig('targets:\n  rpo: 15m\n  region: {rto: 4h}\n');
    assert.deepStrictEqual(good.issues, []);
    assert.deepStrictEqual(good.engine.ruleOptions?.['dr-recovery-target-unmet'], { targets: { rpo: '15m', region: { rto: '4h' } } });
    const bad = parseConfig('targets:\n  rpo: soon\n');
    assert.strictEqual(bad.issues.length, 1);
    assert.match(bad.issues[0].message, /Invalid RPO target "soon"/);
    assert.strictEqual(bad.issues[0].start, 'targets:\n  rpo: '.length);
  });
});

describe('recovery model: DR strategy on purpose-made templates', () => {
  const fixture = (name: string) => fs.readFileSync(path.join(root, 'test/fixtures/recovery', `${name}.yaml`), 'utf8');
  const strategyOf = (name: string) => analyze(fixture(name), { fileName: `${name}.yaml` }).recovery.strategy;

  it('none: data stores without backups or copies (caches do not count)', () => {
    const s = strategyOf('none');
    assert.strictEqual(s.strategy, 'none');
    assert.ok(s.evidence.some((e) => e.text === 'OrdersTable: no backup and no copy outside the Region'));
    assert.ok(s.evidence.some((e) => /Not counted \(caches.*SessionCache/.test(e.text)));
    assert.match(s.next ?? '', /back the data stores up/);
    assert.strictEqual(s.figure, undefined);
  });

  it('backup and restore: backups copied to another Region, nothing live', () => {
    const s = strategyOf('backup-and-restore');
    assert.strictEqual(s.strategy, 'backup-and-restore');
    assert.ok(s.evidence.some((e) => /OrdersDb: restore from AWS Backup plan BackupPlan, rule Daily \(every 24 h\), copied to another Region/.test(e.text)));
    assert.strictEqual(s.figure, 'strategy-backup-restore');
    used.add(s.figure!);
  });

  it('pilot light: live replication, no routing between Regions', () => {
    const s = strategyOf('pilot-light');
    assert.strictEqual(s.strategy, 'pilot-light');
    assert.ok(s.evidence.some((e) => /OrdersCluster: Aurora global database failover \(replicated live/.test(e.text)));
    assert.ok(s.evidence.some((e) => /DocumentsBucket: cross-Region replication with Replication Time Control/.test(e.text)));
    assert.ok(s.evidence.some((e) => /No traffic routing between Regions/.test(e.text)));
    assert.strictEqual(s.figure, 'strategy-pilot-light');
    used.add(s.figure!);
  });

  it('warm standby: live replication and Route 53 failover records', () => {
    const s = strategyOf('warm-standby');
    assert.strictEqual(s.strategy, 'warm-standby');
    assert.ok(s.evidence.some((e) => /Route 53 PRIMARY failover record orders\.example\.com\. with a health check/.test(e.text)));
    assert.deepStrictEqual(s.figures, ['route53-failover']);
    assert.strictEqual(s.figure, 'strategy-warm-standby');
    [s.figure!, ...s.figures].forEach((f) => used.add(f));
  });

  it('multi-site: data written in several Regions and latency routing', () => {
    const s = strategyOf('multi-site');
    assert.strictEqual(s.strategy, 'multi-site');
    assert.ok(s.evidence.some((e) => /OrdersTable: multi-Region replicas \(active-active\) \(written in several Regions\)/.test(e.text)));
    assert.ok(s.evidence.some((e) => /Route 53 latency record/.test(e.text)));
    assert.strictEqual(s.next, undefined);
    assert.strictEqual(s.figure, 'strategy-multi-site');
    used.add(s.figure!);
  });

  it('a strategy that depends on a condition says which class the other deployments reach', () => {
    const yaml = `${HEAD}Parameters:\n  Dr:\n    Type: String\n    Default: "off"\n    AllowedValues: ["on", "off"]\nConditions:\n  WithDr: !Equals [!Ref Dr, "on"]\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration: {Status: Enabled}\n      ReplicationConfiguration: !If\n        - WithDr\n        - Role: arn:aws:iam::123456789012:role/r\n          Rules: [{Status: Enabled, Destination: {Bucket: "arn:aws:s3:::replica"}}]\n        - !Ref AWS::NoValue\n`;
    const m = model(yaml);
    const region = store(m, 'Bucket').estimates.region;
    check(region.outcome, NONE, 'default: no replication');
    assert.strictEqual(region.alternatives[0].when, 'when condition WithDr is true');
    check(region.alternatives[0].outcome, ['15 min–2 h', '0', /cross-Region replication/], 'with DR');
    assert.strictEqual(m.strategy.strategy, 'backup-and-restore');
    assert.deepStrictEqual(m.strategy.alternative, { strategy: 'pilot-light', when: 'when condition WithDr is true' });
  });

  it('no data store: none, with the reason', () => {
    const s = model(`${HEAD}Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n`).strategy;
    assert.strictEqual(s.strategy, 'none');
    assert.match(s.evidence[0].text, /No data store in this template/);
  });
});

describe('recovery model: computed once, shared, and never crashing', () => {
  it('is computed once per analysis and shared with the rules', () => {
    const a = analyze(`${HEAD}Metadata:\n  cfn-resilience: {rpo: 1h}\nResources:\n${ddb()}`, { format: 'yaml' });
    assert.strictEqual(a.recovery, a.recovery);
    assert.strictEqual(recoveryOf(a.template, a.graph), a.recovery);
    assert.ok(a.findings.some((f) => f.rule === 'dr-recovery-target-unmet'));
  });

  it('survives odd shapes: Properties as a function, a list, missing values', () => {
    const odd = [
      `${HEAD}Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties: !If [C, {MultiAZ: true}, {MultiAZ: false}]\nConditions:\n  C: !Equals [a, b]\n`,
      `${HEAD}Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties: [1, 2]\n`,
      `${HEAD}Resources:\n  T:\n    Type: AWS::DynamoDB::GlobalTable\n    Properties:\n      Replicas: !Ref Nope\n`,
      `${HEAD}Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      ReplicationConfiguration: {Rules: [{Destination: 5}, 7, null]}\n`,
      `${HEAD}Resources:\n  C:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      NumCacheClusters: many\n      NodeGroupConfiguration: [x]\n`,
      `${HEAD}Resources:\n  S:\n    Type: AWS::Backup::BackupSelection\n    Properties:\n      BackupSelection: {Resources: "*", ListOfTags: [{ConditionType: STRINGEQUALS}]}\n  V:\n    Type: AWS::EC2::Volume\n`,
      `${HEAD}Resources:\n  P:\n    Type: AWS::DLM::LifecyclePolicy\n    Properties:\n      DefaultPolicy: VOLUME\n      CreateInterval: soon\n  V:\n    Type: AWS::EC2::Volume\n`,
      `${HEAD}Resources:\n  A:\n    Type: AWS::RDS::DBCluster\n  I:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      DBClusterIdentifier: !Ref A\n  G:\n    Type: AWS::RDS::GlobalCluster\n    Properties:\n      SourceDBClusterIdentifier: !GetAtt [A, Nope]\n`,
    ];
    for (const y of odd) {
      const a = analyze(y, { format: 'yaml', onRuleError: (id, e) => assert.fail(`${id}: ${e}`) });
      assert.doesNotThrow(() => a.recovery, y);
    }
  });
});

describe('recovery figures', () => {
  it('every figure has a range, a unit, a statement and an https source; derived ones say why', () => {
    for (const id of FIGURE_IDS) {
      const f = FIGURES[id];
      assert.ok(Number.isFinite(f.low) && Number.isFinite(f.high) && f.low <= f.high && f.low >= 0, id);
      assert.ok(f.statement.length > 20, id);
      assert.match(f.source.url, /^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\//, id);
      if (f.basis === 'derived') assert.ok(f.note && f.note.length > 10, `${id}: a derived figure explains its range`);
    }
  });

  it('docs/recovery-figures.md is rendered from the table (UPDATE_SNAPSHOTS=1 rewrites it)', () => {
    const file = path.join(root, 'docs/recovery-figures.md');
    const want = figuresMarkdown();
    if (process.env.UPDATE_SNAPSHOTS === '1') fs.writeFileSync(file, want);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), want, 'docs/recovery-figures.md is out of date: UPDATE_SNAPSHOTS=1 npx mocha out/test/unit/recovery.test.js');
  });

  it('every figure of the table is used by at least one estimate asserted above', function () {
    // Run alone (mocha --grep), nothing above has recorded anything: nothing to judge.
    if (used.size === 0) this.skip();
    const unused = FIGURE_IDS.filter((id) => !used.has(id));
    assert.deepStrictEqual(unused, [], `figures no test exercises: ${unused.join(', ')}`);
  });
});
