/**
 * The documented AWS figures the recovery model is built from: ONE table, each entry with
 * its value range, the unit it is quoted in and the page it comes from. Estimates name the
 * figures they use (`FigureId`), so every number shown in a lens, a hover, a diagnostic or
 * the report can be traced to its source. docs/recovery-figures.md is rendered from this
 * table (`figuresMarkdown`) and a test keeps the two equal.
 *
 * Values are seconds; `Infinity` never appears here (it is what the model uses for
 * "no recovery point"). `basis: 'derived'` marks the few entries where AWS documents the
 * behaviour but no number (the note says how the range was chosen).
 */

export type FigureUnit = 's' | 'min' | 'h' | 'd';

export interface Figure {
  /** What is measured, as shown in the docs table. */
  what: string;
  /** Lowest and highest value, in seconds (equal for a single documented value). */
  low: number;
  high: number;
  /** Unit the figure is quoted in (display only). */
  unit: FigureUnit;
  /** 'documented': the number is on the page; 'derived': the behaviour is, the range is ours (see note). */
  basis: 'documented' | 'derived';
  /** The documented statement, in our words. */
  statement: string;
  note?: string;
  source: { title: string; url: string };
}

const S = 1;
const MIN = 60;
const H = 3600;
const D = 86400;

function f(what: string, low: number, high: number, unit: FigureUnit, statement: string, title: string, url: string, extra: Partial<Pick<Figure, 'basis' | 'note'>> = {}): Figure {
  return { what, low, high, unit, basis: extra.basis ?? 'documented', statement, ...(extra.note ? { note: extra.note } : {}), source: { title, url } };
}

const WHITEPAPER = 'https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html';
const WHITEPAPER_TITLE = 'Disaster Recovery of Workloads on AWS: Disaster recovery options in the cloud';

export const FIGURES = {
  // ---- Amazon RDS -----------------------------------------------------------------------
  'rds-pitr-lag': f('RDS automated backups: latest restorable time', 5 * MIN, 5 * MIN, 'min', 'RDS uploads transaction logs to Amazon S3 every 5 minutes; the latest restorable time is typically within the last 5 minutes.', 'Restoring a DB instance to a specified time (Amazon RDS User Guide)', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html'),
  'rds-multi-az-rpo': f('RDS Multi-AZ DB instance: data lost on failover', 0, 0, 's', 'The standby is kept in sync with synchronous replication, so a failover loses no committed transaction.', 'Multi-AZ DB instance deployments for Amazon RDS', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html'),
  'rds-multi-az-failover': f('RDS Multi-AZ DB instance failover', 60 * S, 120 * S, 's', 'Failover times are typically 60–120 seconds.', 'Failing over a Multi-AZ DB instance for Amazon RDS', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html'),
  'rds-multi-az-cluster-failover': f('RDS Multi-AZ DB cluster failover', 0, 35 * S, 's', 'Failover times are typically under 35 seconds; a writer commits only once a reader has acknowledged (semisynchronous), so no committed data is lost.', 'Failing over a Multi-AZ DB cluster for Amazon RDS', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts-failover.html'),
  'rds-read-replica-lag': f('RDS read replica: replication lag', 1 * S, 5 * MIN, 's', 'Read replicas are updated asynchronously; writes not yet replicated are lost when a replica is promoted.', 'Working with DB instance read replicas', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html', { basis: 'derived', note: 'AWS publishes no typical lag (it depends on the write load; ReplicaLag in CloudWatch shows it): we use seconds to a few minutes.' }),
  'rds-replica-promotion': f('RDS read replica promotion', 1 * MIN, 10 * MIN, 'min', 'Promoting a read replica reboots it as a standalone instance; the promotion takes a few minutes, longer for a large replica.', 'Promoting a read replica to be a standalone DB instance', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html', { basis: 'derived', note: '"A few minutes, depending on the size of the replica": we use 1–10 minutes.' }),
  'rds-backup-replication': f('RDS automated backups replicated to another Region: recovery point there', 5 * MIN, 1 * H, 'min', 'Snapshots and transaction logs are copied to the destination Region, where point-in-time restore is possible within the replicated retention period.', 'Replicating automated backups to another AWS Region', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html', { basis: 'derived', note: 'The copy runs behind the source: at least the 5 minutes of the source, plus a copy delay that AWS does not quote; we use 5 minutes to an hour.' }),

  // ---- Aurora, DocumentDB, Neptune --------------------------------------------------------
  'aurora-storage': f('Aurora cluster volume: data lost with an Availability Zone', 0, 0, 's', 'The cluster volume keeps six copies of the data across three Availability Zones, whatever the instances.', 'High availability for Amazon Aurora', 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html'),
  'aurora-failover-replica': f('Aurora failover to an Aurora Replica', 0, 30 * S, 's', 'With an Aurora Replica, failover flips the cluster endpoint to the promoted replica and typically completes within 30 seconds.', 'Amazon Aurora FAQs: high availability and replication', 'https://aws.amazon.com/rds/aurora/faqs/'),
  'aurora-failover-no-replica': f('Aurora recovery without a replica', 0, 10 * MIN, 'min', 'Without a replica Aurora creates a new DB instance, on a best-effort basis; this typically completes in under 10 minutes.', 'Amazon Aurora FAQs: high availability and replication', 'https://aws.amazon.com/rds/aurora/faqs/'),
  'aurora-global-rpo': f('Aurora Global Database: replication lag to a secondary Region', 1 * S, 1 * S, 's', 'Storage-level replication to secondary Regions typically lags under a second (an RPO of about 1 second).', 'Amazon Aurora Global Database', 'https://aws.amazon.com/rds/aurora/global-database/'),
  'aurora-global-rto': f('Aurora Global Database: cross-Region failover', 0, 1 * MIN, 'min', 'A secondary Region can be promoted to take full read/write workloads in under a minute (RTO under 1 minute).', 'Amazon Aurora Global Database', 'https://aws.amazon.com/rds/aurora/global-database/'),
  'docdb-failover-replica': f('DocumentDB failover to a replica', 0, 30 * S, 's', 'With a replica, failover promotes it and typically completes within 30 seconds.', 'Amazon DocumentDB FAQs', 'https://aws.amazon.com/documentdb/faqs/'),
  'docdb-failover-no-replica': f('DocumentDB recovery without a replica', 0, 10 * MIN, 'min', 'Without a replica DocumentDB attempts to create a new instance, on a best-effort basis.', 'Amazon DocumentDB FAQs', 'https://aws.amazon.com/documentdb/faqs/', { basis: 'derived', note: 'No duration is quoted for DocumentDB: we use Aurora\'s figure for the same architecture (under 10 minutes).' }),
  'neptune-failover-replica': f('Neptune failover to a replica', 0, 30 * S, 's', 'With a Neptune Replica, failover promotes it and typically completes within 30 seconds.', 'Amazon Neptune FAQs', 'https://aws.amazon.com/neptune/faqs/'),
  'neptune-failover-no-replica': f('Neptune recovery without a replica', 0, 15 * MIN, 'min', 'Without a replica Neptune creates a new DB instance, in the same or another Availability Zone; this typically completes in under 15 minutes.', 'Amazon Neptune FAQs', 'https://aws.amazon.com/neptune/faqs/'),
  'docdb-neptune-global': f('DocumentDB / Neptune global clusters: replication to a secondary Region', 1 * S, 1 * S, 's', 'Global clusters replicate to secondary Regions with a typical lag under a second.', 'Using Amazon DocumentDB global clusters', 'https://docs.aws.amazon.com/documentdb/latest/developerguide/global-clusters.html'),
  'docdb-neptune-global-rto': f('DocumentDB / Neptune global clusters: promoting a secondary Region', 1 * MIN, 10 * MIN, 'min', 'A secondary cluster can be promoted (failover or switchover) to take writes; AWS describes the recovery time as minutes.', 'Disaster recovery with Amazon DocumentDB global clusters', 'https://docs.aws.amazon.com/documentdb/latest/developerguide/global-clusters-disaster-recovery.html', { basis: 'derived', note: '"Minutes": we use 1–10 minutes.' }),

  // ---- DynamoDB ---------------------------------------------------------------------------
  'dynamodb-az': f('DynamoDB table: data lost with an Availability Zone', 0, 0, 's', 'DynamoDB replicates every table across three Availability Zones of the Region; no failover is needed.', 'Resilience and disaster recovery in Amazon DynamoDB', 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/disaster-recovery-resiliency.html'),
  'dynamodb-pitr-latest': f('DynamoDB point-in-time recovery: latest restorable time', 5 * MIN, 5 * MIN, 'min', 'LatestRestorableDateTime is typically 5 minutes before the current time.', 'PointInTimeRecoveryDescription (DynamoDB API Reference)', 'https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PointInTimeRecoveryDescription.html'),
  'dynamodb-pitr-granularity': f('DynamoDB point-in-time recovery: granularity', 1 * S, 1 * S, 's', 'Point-in-time recovery restores a table to any second of the recovery period (up to 35 days).', 'Point-in-time recovery for DynamoDB', 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html'),
  'dynamodb-global-lag': f('DynamoDB global tables: replication between Regions', 0, 1 * S, 's', 'Changes are typically propagated to every replica within a second (multi-Region strong consistency replicates synchronously: nothing is lost).', 'How DynamoDB global tables work', 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html'),

  // ---- Amazon S3 --------------------------------------------------------------------------
  's3-az': f('S3 bucket (Standard storage): data lost with an Availability Zone', 0, 0, 's', 'S3 Standard stores objects redundantly across at least three Availability Zones.', 'Data protection in Amazon S3', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/DataDurability.html'),
  's3-versioning': f('S3 versioning: previous versions kept', 0, 0, 's', 'With versioning, an overwrite or a delete keeps the previous version, which can be restored.', 'Retaining multiple versions of objects with S3 Versioning', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html'),
  's3-version-restore': f('S3 versioning: restoring previous versions', 1 * MIN, 24 * H, 'h', 'Restoring means copying the previous versions back (or deleting delete markers).', 'Restoring previous versions', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/RestoringPreviousVersions.html', { basis: 'derived', note: 'Immediate for one object; copying back many objects takes hours: we use 1 minute to 24 hours.' }),
  's3-rtc': f('S3 Replication Time Control', 0, 15 * MIN, 'min', 'Replication Time Control replicates 99.99 % of new objects within 15 minutes (SLA-backed).', 'Meeting compliance requirements with S3 Replication Time Control', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html'),
  's3-crr': f('S3 replication without Replication Time Control', 15 * MIN, 2 * H, 'h', 'Most objects replicate within 15 minutes, but replication can sometimes take a couple of hours or more.', 'Meeting compliance requirements with S3 Replication Time Control', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html'),

  // ---- Amazon EFS -------------------------------------------------------------------------
  'efs-regional': f('EFS Regional file system: data lost with an Availability Zone', 0, 0, 's', 'Regional file systems store data redundantly across multiple Availability Zones (One Zone file systems in a single zone).', 'Resilience in Amazon EFS', 'https://docs.aws.amazon.com/efs/latest/ug/disaster-recovery-resiliency.html'),
  'efs-automatic-backups': f('EFS automatic backups: data since the last backup', 0, 24 * H, 'h', 'With automatic backups on, AWS Backup backs the file system up once a day (retained 35 days).', 'Automatic backups for Amazon EFS', 'https://docs.aws.amazon.com/efs/latest/ug/automatic-backups.html'),
  'efs-replication-rpo': f('EFS replication: recovery point in the destination', 0, 15 * MIN, 'min', 'Replication is designed to meet a recovery point objective of 15 minutes for most file systems.', 'Replicating Amazon EFS file systems', 'https://docs.aws.amazon.com/efs/latest/ug/efs-replication.html'),
  'efs-replication-rto': f('EFS replication: failing over to the destination', 1 * MIN, 15 * MIN, 'min', 'Failing over means deleting the replication configuration (the destination becomes writable) and pointing clients at it: a recovery time of minutes.', 'Replicating Amazon EFS file systems', 'https://docs.aws.amazon.com/efs/latest/ug/efs-replication.html', { basis: 'derived', note: 'AWS describes the RTO as minutes: we use 1–15 minutes.' }),

  // ---- ElastiCache ------------------------------------------------------------------------
  'elasticache-failover': f('ElastiCache Multi-AZ automatic failover', 10 * S, 1 * MIN, 's', 'With Multi-AZ, a read replica is promoted to primary without provisioning a node; writes resume once the promotion completes.', 'Minimizing downtime in ElastiCache by using Multi-AZ', 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html', { basis: 'derived', note: 'AWS describes the write interruption as seconds; we use 10 seconds to a minute, DNS propagation included.' }),
  'elasticache-replication-lag': f('ElastiCache replication to read replicas', 0, 1 * S, 's', 'Replicas are updated asynchronously: writes acknowledged by the primary in its last moments may be lost on failover.', 'Minimizing downtime in ElastiCache by using Multi-AZ', 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html', { basis: 'derived', note: 'Asynchronous replication is usually sub-second: we use up to 1 second.' }),
  'elasticache-node-replacement': f('ElastiCache primary replaced without Multi-AZ', 5 * MIN, 30 * MIN, 'min', 'Without Multi-AZ a failed primary is replaced by a new node that must be created and provisioned, much more slowly than a promotion.', 'Minimizing downtime in ElastiCache by using Multi-AZ', 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html', { basis: 'derived', note: 'Node creation takes minutes: we use 5–30 minutes.' }),
  'elasticache-daily-backup': f('ElastiCache automatic backups: data since the last backup', 0, 24 * H, 'h', 'With a snapshot retention limit above 0, ElastiCache takes one automatic backup a day.', 'Scheduling automatic backups (ElastiCache)', 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html'),
  'elasticache-global-rpo': f('ElastiCache Global Datastore: replication to a secondary Region', 0, 1 * S, 's', 'Cross-Region replication latency is typically under 1 second.', 'Replication across AWS Regions using global datastores', 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastore.html'),
  'elasticache-global-rto': f('ElastiCache Global Datastore: promoting a secondary Region', 0, 1 * MIN, 'min', 'A secondary cluster can be promoted to primary; the promotion typically completes in less than a minute.', 'Replication across AWS Regions using global datastores', 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastore.html'),

  // ---- EBS, Redshift, OpenSearch ------------------------------------------------------------
  'ebs-az': f('EBS volume: Availability Zone scope', 0, 0, 's', 'A volume is replicated within its Availability Zone only: an AZ outage makes it unavailable, and only snapshots (stored regionally in S3) survive the loss of the zone.', 'Amazon EBS volumes', 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volumes.html'),
  'ebs-snapshot-restore': f('EBS volume created from a snapshot', 1 * MIN, 1 * H, 'min', 'A volume created from a snapshot is usable as soon as it is available; its blocks load lazily from S3 (full performance later, unless fast snapshot restore is on).', 'Create an Amazon EBS volume from a snapshot', 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-restoring-volume.html', { basis: 'derived', note: 'Creation takes minutes, lazy loading of a large volume hours: we use 1 minute to 1 hour.' }),
  'redshift-snapshot': f('Redshift automated snapshots', 0, 8 * H, 'h', 'Amazon Redshift takes an automated snapshot about every eight hours or every 5 GB per node of data changes, whichever comes first.', 'Amazon Redshift snapshots and backups', 'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshots.html'),
  'redshift-multi-az': f('Redshift Multi-AZ or relocation: recovering in another AZ', 1 * MIN, 10 * MIN, 'min', 'A Multi-AZ (RA3) cluster keeps compute in two zones; with relocation the cluster is moved to another zone, its data being in managed storage.', 'Multi-AZ deployment (Amazon Redshift)', 'https://docs.aws.amazon.com/redshift/latest/mgmt/managing-cluster-multi-az.html', { basis: 'derived', note: 'AWS describes the recovery as automatic, in minutes: we use 1–10 minutes.' }),
  'opensearch-snapshots': f('OpenSearch Service automated snapshots', 0, 1 * H, 'h', 'Domains take an automated snapshot every hour and keep 336 of them (14 days).', 'Creating index snapshots in Amazon OpenSearch Service', 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-snapshots.html'),
  'opensearch-multi-az': f('OpenSearch Service with zone awareness: losing an AZ', 0, 1 * MIN, 's', 'With zone awareness and replica shards, the replicas in the other zones keep serving; with Multi-AZ with Standby, the standby zone takes over.', 'Configuring a multi-AZ domain in Amazon OpenSearch Service', 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-multiaz.html', { basis: 'derived', note: 'The shards are already replicated: we use up to a minute for the cluster to re-route.' }),

  // ---- AWS Backup, Route 53 -----------------------------------------------------------------
  'backup-continuous': f('AWS Backup continuous backups (point-in-time restore)', 1 * S, 5 * MIN, 'min', 'Continuous backups restore to a chosen point in time within the retention period (up to 35 days), for RDS, Aurora and S3.', 'Continuous backups and point-in-time recovery (AWS Backup)', 'https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html'),
  'route53-failover': f('Route 53 DNS failover: detecting an unhealthy endpoint', 30 * S, 90 * S, 's', 'Health checkers probe every 30 seconds (10 with fast checks) and fail an endpoint after 3 consecutive failures by default; the record TTL adds to it.', 'How Amazon Route 53 determines whether a health check is healthy', 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html'),

  // ---- Restores and DR strategies (the whitepaper's orders of magnitude) -------------------
  'restore-hours': f('Restoring a data store from a backup', 1 * H, 24 * H, 'h', 'Backup and restore has an RPO and RTO of hours: a restore creates a new resource and its duration grows with the data.', WHITEPAPER_TITLE, WHITEPAPER, { basis: 'derived', note: '"Hours" in the whitepaper: we use 1–24 hours.' }),
  'strategy-backup-restore': f('DR strategy: backup and restore', 1 * H, 24 * H, 'h', 'Backup and restore: RPO and RTO in hours.', WHITEPAPER_TITLE, WHITEPAPER, { basis: 'derived', note: '"Hours": we use 1–24 hours.' }),
  'strategy-pilot-light': f('DR strategy: pilot light', 10 * MIN, 1 * H, 'min', 'Pilot light: RPO and RTO in tens of minutes (data replicated live, compute off until needed).', WHITEPAPER_TITLE, WHITEPAPER, { basis: 'derived', note: '"Tens of minutes": we use 10–60 minutes.' }),
  'strategy-warm-standby': f('DR strategy: warm standby', 1 * MIN, 10 * MIN, 'min', 'Warm standby: RPO and RTO in minutes (a scaled-down copy running in the other Region).', WHITEPAPER_TITLE, WHITEPAPER, { basis: 'derived', note: '"Minutes": we use 1–10 minutes.' }),
  'strategy-multi-site': f('DR strategy: multi-site active/active', 0, 1 * MIN, 's', 'Multi-site active/active: RPO and RTO near zero (every Region serves traffic).', WHITEPAPER_TITLE, WHITEPAPER, { basis: 'derived', note: '"Near zero, real time": we use up to 1 minute.' }),
} satisfies Record<string, Figure>;

export type FigureId = keyof typeof FIGURES;

export const FIGURE_IDS = Object.keys(FIGURES) as FigureId[];

export function figure(id: FigureId): Figure {
  return FIGURES[id];
}
