/**
 * Estimators for the other data stores: DynamoDB tables and global tables, S3 buckets, EFS
 * file systems, ElastiCache (replication groups, clusters, serverless caches), EBS volumes
 * and OpenSearch domains.
 */
import { Node, get, getPath, isMap, isScalar, scalarString } from '../parse/node';
import type { Resource, Template } from '../parse/template';
import { FixBuilder } from '../fix/builder';
import type { Fix } from '../types';
import { NEVER, ZERO, range } from './duration';
import type { Evidence, Improvement } from './model';
import { Choice, choicesOf, fixed, nodeChoices } from './worlds';
import { boolChoices, evidenceAt, isStackRegion, items, literal, numberChoices, prop, referencedName, shown } from './read';
import { Ctx, NO_REGION_COPY, PlanBackup, best, fig, improvement, lost, outcome, planChoices, planEvidence, planLocal, planRemote, setFix, spec } from './common';

// ---------------------------------------------------------------------------------------
// DynamoDB

const DDB_AZ = () => outcome(ZERO, ZERO, 'replicated across three AZs', ['dynamodb-az']);
const DDB_PITR = () => outcome(fig('dynamodb-pitr-latest'), fig('restore-hours'), 'point-in-time restore', ['dynamodb-pitr-latest', 'dynamodb-pitr-granularity', 'restore-hours'], ['restores to any second up to the latest restorable time, into a new table']);

interface DdbV extends Record<string, unknown> {
  pitr: boolean;
  plan: PlanBackup;
}

const PITR_PATH = ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'];

const dynamodbTable = spec<DdbV>({
  family: 'dynamodb',
  types: ['AWS::DynamoDB::Table', 'AWS::Serverless::SimpleTable'],
  accept: () => true,
  label: (res) => (res.type === 'AWS::Serverless::SimpleTable' ? 'DynamoDB table (SAM SimpleTable)' : 'DynamoDB table'),
  inputs: (res, ctx) => ({
    pitr: res.type === 'AWS::Serverless::SimpleTable' ? fixed(false) : boolChoices(ctx.t, prop(res, ...PITR_PATH), false, 'PointInTimeRecoveryEnabled'),
    plan: planChoices(ctx, res),
  }),
  estimate: (v) => ({
    az: DDB_AZ(),
    data: best(v.pitr ? DDB_PITR() : undefined, planLocal(v.plan), lost('no point-in-time recovery and no backup plan')),
    region: best(planRemote(v.plan), lost(NO_REGION_COPY, ['a table is in one Region; a global table replicates to others'])),
  }),
  evidence: (v, res, ctx) => [evidenceAt(res, prop(res, ...PITR_PATH), shown(ctx.t, 'PointInTimeRecoveryEnabled', prop(res, ...PITR_PATH), 'not set (point-in-time recovery off)')), ...planEvidence(v.plan)],
  improvements(v, res, ctx) {
    const out: Improvement[] = [];
    if (!v.pitr) {
      const n = prop(res, ...PITR_PATH);
      const canFix = res.type === 'AWS::DynamoDB::Table' && (!n || isScalar(n));
      out.push(improvement('data', 'enable point-in-time recovery', DDB_PITR(), canFix ? () => setFix(ctx.t, res, 'Enable point-in-time recovery', [[PITR_PATH, true]]) : undefined));
    }
    out.push(improvement('region', 'make it a DynamoDB global table with a replica in another Region (AWS::DynamoDB::GlobalTable; the table is replaced)', outcome(fig('dynamodb-global-lag'), ZERO, 'multi-Region replicas (active-active)', ['dynamodb-global-lag'])));
    return out;
  },
});

interface GtV extends Record<string, unknown> {
  regions: number;
  strong: boolean;
  pitr: boolean;
  plan: PlanBackup;
}

/** The replica of a global table in the stack's own Region (else the first). */
function homeReplica(res: Resource): Node | undefined {
  const reps = items(prop(res, 'Replicas'));
  return reps.find((r) => isStackRegion(get(r, 'Region'))) ?? reps[0];
}

function replicaRegions(res: Resource): { count: number; unknown: boolean } {
  const keys = new Set<string>();
  let unknown = false;
  for (const r of items(prop(res, 'Replicas'))) {
    const region = get(r, 'Region');
    if (!isMap(r) || !region) {
      unknown = true;
      continue;
    }
    if (isStackRegion(region)) keys.add('stack');
    else if (literal(region) !== undefined) keys.add(`literal:${literal(region)}`);
    else {
      const name = referencedName(region);
      if (name) keys.add(`param:${name}`);
      else unknown = true;
    }
  }
  return { count: keys.size, unknown };
}

const dynamodbGlobal = spec<GtV>({
  family: 'dynamodb-global',
  types: ['AWS::DynamoDB::GlobalTable'],
  accept: () => true,
  label: () => 'DynamoDB global table',
  inputs(res, ctx) {
    const rr = replicaRegions(res);
    const regions: Choice<number>[] = rr.unknown ? [{ value: rr.count, when: [] }, { value: Math.max(rr.count, 2), when: [], assumed: 'a replica written with a function is in another Region' }] : fixed(rr.count);
    return {
      regions,
      strong: choicesOf(ctx.t, prop(res, 'MultiRegionConsistency'), (v) => String(v ?? 'EVENTUAL').toUpperCase() === 'STRONG', [false], 'MultiRegionConsistency'),
      pitr: boolChoices(ctx.t, getPath(homeReplica(res), PITR_PATH), false, 'PointInTimeRecoveryEnabled'),
      plan: planChoices(ctx, res),
    };
  },
  estimate(v) {
    const region = v.regions >= 2 ? outcome(v.strong ? ZERO : fig('dynamodb-global-lag'), ZERO, v.strong ? 'multi-Region replicas (strongly consistent)' : 'multi-Region replicas (active-active)', ['dynamodb-global-lag'], ['no promotion: the application sends its traffic to another Region']) : undefined;
    return {
      az: DDB_AZ(),
      data: best(v.pitr ? DDB_PITR() : undefined, planLocal(v.plan), lost('no point-in-time recovery and no backup plan')),
      region: best(region, planRemote(v.plan), lost(NO_REGION_COPY, ['the global table has a replica in one Region only'])),
    };
  },
  evidence(v, res, ctx) {
    const ev: Evidence[] = [evidenceAt(res, prop(res, 'Replicas'), `Replicas in ${v.regions} Region${v.regions === 1 ? '' : 's'}`)];
    const home = homeReplica(res);
    const pitr = getPath(home, PITR_PATH);
    ev.push(pitr ? { text: shown(ctx.t, 'PointInTimeRecoveryEnabled', pitr, ''), start: pitr.start, end: pitr.end } : { text: 'PointInTimeRecoveryEnabled not set on the replica (point-in-time recovery off)', start: (home ?? res.key).start, end: (home ?? res.key).end });
    if (v.strong) ev.push(evidenceAt(res, prop(res, 'MultiRegionConsistency'), 'MultiRegionConsistency: STRONG'));
    return [...ev, ...planEvidence(v.plan)];
  },
  improvements(v, res, ctx) {
    const out: Improvement[] = [];
    const home = homeReplica(res);
    if (!v.pitr && isMap(home)) {
      const n = getPath(home, PITR_PATH);
      out.push(
        improvement('data', 'enable point-in-time recovery on the replica', DDB_PITR(), !n || isScalar(n) ? (): Fix | undefined => {
          const b = new FixBuilder(ctx.t);
          b.set(home, PITR_PATH, true);
          const edits = b.build();
          return edits ? { title: 'Enable point-in-time recovery on the replica', edits, preferred: true, safe: true } : undefined;
        } : undefined),
      );
    }
    if (v.regions < 2) out.push(improvement('region', 'add a replica in another Region (Replicas)', outcome(fig('dynamodb-global-lag'), ZERO, 'multi-Region replicas (active-active)', ['dynamodb-global-lag'])));
    return out;
  },
});

// ---------------------------------------------------------------------------------------
// S3

interface Replication {
  kind: 'none' | 'same-region' | 'cross-region';
  rtc: boolean;
  /** Destination buckets of the template (same Region). */
  local: string[];
}

interface S3V extends Record<string, unknown> {
  versioning: boolean;
  replication: Replication;
  plan: PlanBackup;
}

interface Rule {
  node: Node;
  dest: Node | undefined;
  bucket: Node | undefined;
  sameRegion: boolean;
  rtc: boolean;
}

function replicationRules(config: Node | undefined, t: Template): Rule[] {
  const out: Rule[] = [];
  for (const r of items(get(config, 'Rules'))) {
    if (!isMap(r) || literal(get(r, 'Status')) === 'Disabled') continue;
    const dest = get(r, 'Destination');
    const bucket = get(dest, 'Bucket');
    const name = referencedName(bucket);
    out.push({ node: r, dest, bucket, sameRegion: !!name && t.resources.has(name), rtc: literal(getPath(dest, ['ReplicationTime', 'Status'])) === 'Enabled' });
  }
  return out;
}

function replicationOf(config: Node | undefined, t: Template): Replication {
  const rules = replicationRules(config, t);
  // A bucket of this template is in this stack's Region; any other destination is taken as another Region.
  const cross = rules.filter((r) => !r.sameRegion);
  return {
    kind: cross.length ? 'cross-region' : rules.length ? 'same-region' : 'none',
    rtc: cross.some((r) => r.rtc),
    local: rules.filter((r) => r.sameRegion).map((r) => referencedName(r.bucket)!),
  };
}

function rtcFix(ctx: Ctx, res: Resource, rules: Rule[]): Fix | undefined {
  const b = new FixBuilder(ctx.t);
  let any = false;
  for (const r of rules) {
    if (r.sameRegion || r.rtc || !isMap(r.dest) || r.dest.shortForm) continue;
    b.set(r.dest, ['ReplicationTime'], { Status: 'Enabled', Time: { Minutes: 15 } });
    if (!get(r.dest, 'Metrics')) b.set(r.dest, ['Metrics'], { Status: 'Enabled', EventThreshold: { Minutes: 15 } });
    any = true;
  }
  const edits = any ? b.build() : null;
  return edits ? { title: 'Turn on S3 Replication Time Control (15 minutes)', edits, preferred: true, safe: false } : undefined;
}

const s3 = spec<S3V>({
  family: 's3',
  types: ['AWS::S3::Bucket'],
  accept: () => true,
  label: () => 'S3 bucket',
  inputs(res, ctx) {
    const t = ctx.t;
    return {
      versioning: choicesOf(t, prop(res, 'VersioningConfiguration', 'Status'), (v) => v === 'Enabled', [false, true], 'VersioningConfiguration.Status'),
      replication: nodeChoices(t, prop(res, 'ReplicationConfiguration'), (n) => replicationOf(n, t), [{ kind: 'none', rtc: false, local: [] }], 'ReplicationConfiguration', (r) => r.kind),
      plan: planChoices(ctx, res),
    };
  },
  estimate(v) {
    const r = v.replication;
    const repl =
      r.kind === 'cross-region'
        ? outcome(r.rtc ? fig('s3-rtc') : fig('s3-crr'), ZERO, r.rtc ? 'cross-Region replication with Replication Time Control' : 'cross-Region replication', [r.rtc ? 's3-rtc' : 's3-crr'], ['assumes the destination bucket is in another Region (its Region is not in the template)', 'the replica is readable at once; the application must switch to it'])
        : undefined;
    return {
      az: outcome(ZERO, ZERO, 'stored across at least three AZs', ['s3-az']),
      data: best(v.versioning ? outcome(fig('s3-versioning'), fig('s3-version-restore'), 'restore previous object versions', ['s3-versioning', 's3-version-restore']) : undefined, planLocal(v.plan), lost('no versioning: an overwrite or a delete is final')),
      region: best(repl, planRemote(v.plan), lost(NO_REGION_COPY, r.kind === 'same-region' ? [`replicates to ${r.local.join(', ')} in the same Region: same-Region replication does not survive a Region outage`] : undefined)),
    };
  },
  evidence(v, res, ctx) {
    const ev: Evidence[] = [evidenceAt(res, prop(res, 'VersioningConfiguration', 'Status'), shown(ctx.t, 'Versioning', prop(res, 'VersioningConfiguration', 'Status'), 'not enabled'))];
    for (const r of replicationRules(prop(res, 'ReplicationConfiguration'), ctx.t)) {
      const name = referencedName(r.bucket);
      const local = name && ctx.t.resources.has(name);
      ev.push({ text: `Replication rule to ${local ? `${name} (same Region)` : shown(ctx.t, 'bucket', r.bucket, '?').replace(/^bucket: /, '')}${r.rtc ? ' with Replication Time Control' : ''}`, start: r.node.start, end: r.node.end });
    }
    return [...ev, ...planEvidence(v.plan)];
  },
  improvements(v, res, ctx) {
    const out: Improvement[] = [];
    const t = ctx.t;
    if (!v.versioning) {
      const n = prop(res, 'VersioningConfiguration');
      out.push(improvement('data', 'enable versioning', outcome(fig('s3-versioning'), fig('s3-version-restore'), 'restore previous object versions', ['s3-versioning', 's3-version-restore']), !n || isMap(n) ? () => setFix(t, res, 'Enable versioning', [[['VersioningConfiguration', 'Status'], 'Enabled']]) : undefined));
    }
    const rules = replicationRules(prop(res, 'ReplicationConfiguration'), ctx.t);
    if (v.replication.kind === 'cross-region' && !v.replication.rtc) out.push(improvement('region', 'turn on Replication Time Control (15 minutes)', outcome(fig('s3-rtc'), ZERO, 'cross-Region replication with Replication Time Control', ['s3-rtc']), () => rtcFix(ctx, res, rules)));
    if (v.replication.kind !== 'cross-region') out.push(improvement('region', 'replicate to a bucket in another Region (with Replication Time Control for a 15-minute RPO)', outcome(fig('s3-rtc'), ZERO, 'cross-Region replication with Replication Time Control', ['s3-rtc'])));
    return out;
  },
});

// ---------------------------------------------------------------------------------------
// EFS

interface EfsV extends Record<string, unknown> {
  oneZone: boolean;
  backups: boolean;
  replication: 'none' | 'same-region' | 'cross-region';
  plan: PlanBackup;
}

function efsReplication(res: Resource): EfsV['replication'] {
  const dests = items(prop(res, 'ReplicationConfiguration', 'Destinations'));
  if (!dests.length) return 'none';
  return dests.some((d) => {
    const r = get(d, 'Region');
    return !!r && !isStackRegion(r);
  })
    ? 'cross-region'
    : 'same-region';
}

const EFS_BACKUP = () => outcome(fig('efs-automatic-backups'), fig('restore-hours'), 'restore the daily automatic backup', ['efs-automatic-backups', 'restore-hours']);

const efs = spec<EfsV>({
  family: 'efs',
  types: ['AWS::EFS::FileSystem'],
  accept: () => true,
  label: (res) => (prop(res, 'AvailabilityZoneName') ? 'EFS file system (One Zone)' : 'EFS file system'),
  inputs: (res, ctx) => ({
    oneZone: choicesOf(ctx.t, prop(res, 'AvailabilityZoneName'), (v) => v !== undefined && v !== null && v !== '', [true], 'AvailabilityZoneName'),
    backups: choicesOf(ctx.t, prop(res, 'BackupPolicy', 'Status'), (v) => v === 'ENABLED', [false, true], 'BackupPolicy.Status'),
    replication: fixed(efsReplication(res)),
    plan: planChoices(ctx, res),
  }),
  estimate(v) {
    const backup = v.backups ? EFS_BACKUP() : undefined;
    const repl = v.replication !== 'none' ? outcome(fig('efs-replication-rpo'), fig('efs-replication-rto'), 'fail over to the replica file system', ['efs-replication-rpo', 'efs-replication-rto']) : undefined;
    const az = v.oneZone ? best(repl, backup, planLocal(v.plan), lost('One Zone file system without backups: the data is lost with its Availability Zone')) : outcome(ZERO, ZERO, 'stored across multiple AZs', ['efs-regional']);
    return {
      az,
      data: best(backup, planLocal(v.plan), lost('no automatic backups and no backup plan')),
      region: best(v.replication === 'cross-region' ? { ...repl!, mechanism: 'fail over to the replica in another Region', notes: ['assumes the destination Region differs from the stack\'s'] } : undefined, planRemote(v.plan), lost(NO_REGION_COPY)),
    };
  },
  evidence(v, res, ctx) {
    const ev: Evidence[] = [];
    if (v.oneZone) ev.push(evidenceAt(res, prop(res, 'AvailabilityZoneName'), shown(ctx.t, 'AvailabilityZoneName', prop(res, 'AvailabilityZoneName'), '') + ' (One Zone storage)'));
    ev.push(evidenceAt(res, prop(res, 'BackupPolicy', 'Status'), shown(ctx.t, 'BackupPolicy.Status', prop(res, 'BackupPolicy', 'Status'), 'not set (automatic backups off)')));
    const rc = prop(res, 'ReplicationConfiguration');
    if (rc) ev.push(evidenceAt(res, rc, `ReplicationConfiguration (${v.replication === 'cross-region' ? 'to another Region' : 'in the same Region'})`));
    return [...ev, ...planEvidence(v.plan)];
  },
  improvements(v, res, ctx) {
    const out: Improvement[] = [];
    if (!v.backups) {
      const n = prop(res, 'BackupPolicy');
      const fix = !n || isMap(n) ? () => setFix(ctx.t, res, 'Turn on automatic backups (BackupPolicy: ENABLED)', [[['BackupPolicy', 'Status'], 'ENABLED']]) : undefined;
      out.push(improvement('data', 'turn on automatic backups (BackupPolicy: ENABLED)', EFS_BACKUP(), fix));
      if (v.oneZone) out.push(improvement('az', 'turn on automatic backups (BackupPolicy: ENABLED)', EFS_BACKUP(), fix));
    }
    if (v.oneZone) out.push(improvement('az', 'use Regional storage (remove AvailabilityZoneName; the file system is replaced)', outcome(ZERO, ZERO, 'stored across multiple AZs', ['efs-regional'])));
    if (v.replication !== 'cross-region') out.push(improvement('region', 'replicate to another Region (ReplicationConfiguration)', outcome(fig('efs-replication-rpo'), fig('efs-replication-rto'), 'fail over to the replica in another Region', ['efs-replication-rpo', 'efs-replication-rto'])));
    return out;
  },
});

// ---------------------------------------------------------------------------------------
// ElastiCache

interface CacheV extends Record<string, unknown> {
  memcached: boolean;
  failover: boolean;
  replicas: number;
  snapshots: number;
  global: boolean;
}

const NODE = () => fig('elasticache-node-replacement');
const CACHE_FAILOVER = () => outcome(fig('elasticache-replication-lag'), fig('elasticache-failover'), 'Multi-AZ automatic failover', ['elasticache-replication-lag', 'elasticache-failover']);
const CACHE_DAILY = (mechanism: string) => outcome(fig('elasticache-daily-backup'), NODE(), mechanism, ['elasticache-daily-backup', 'elasticache-node-replacement']);

function globalMembers(ctx: Ctx, res: Resource): Resource[] {
  return ctx.graph
    .referencesAt(res.id, ['Properties', 'Members'], { fromType: 'AWS::ElastiCache::GlobalReplicationGroup' })
    .map((r) => ctx.t.resources.get(r.source))
    .filter((g): g is Resource => !!g);
}

function cacheEstimate(v: CacheV, serverless: boolean) {
  if (v.memcached) {
    const note = ['Memcached keeps no copy of the data'];
    return { az: lost('the cache comes back empty', note, NODE(), ['elasticache-node-replacement']), data: lost('Memcached has no backups', note), region: lost(NO_REGION_COPY, note) };
  }
  const daily = v.snapshots > 0 ? CACHE_DAILY('restore the daily backup into a new cluster') : undefined;
  let az;
  if (serverless) az = { ...CACHE_FAILOVER(), mechanism: 'replicated across AZs by the service' };
  else if (v.failover && v.replicas > 0) az = CACHE_FAILOVER();
  else if (v.replicas > 0) az = outcome(fig('elasticache-replication-lag'), NODE(), 'promote a replica by hand (no automatic failover)', ['elasticache-replication-lag', 'elasticache-node-replacement']);
  else az = best(daily && { ...daily, mechanism: 'a new node restored from the daily backup' }, lost('no replica and no backup: the cache comes back empty', [], NODE(), ['elasticache-node-replacement']));
  return {
    az,
    data: best(daily, lost('no automatic backups (SnapshotRetentionLimit 0)')),
    region: v.global ? outcome(fig('elasticache-global-rpo'), fig('elasticache-global-rto'), 'promote the Global Datastore secondary', ['elasticache-global-rpo', 'elasticache-global-rto'], ['the secondary Region cluster is in another stack']) : lost(NO_REGION_COPY),
  };
}

function cacheImprovements(v: CacheV, res: Resource, ctx: Ctx): Improvement[] {
  if (v.memcached) return [improvement('az', 'use Valkey or Redis OSS with a replica and Multi-AZ (Memcached keeps no copy)', CACHE_FAILOVER())];
  const out: Improvement[] = [];
  const t = ctx.t;
  if (res.type === 'AWS::ElastiCache::ReplicationGroup' && !(v.failover && v.replicas > 0)) {
    const sharded = !!prop(res, 'ReplicasPerNodeGroup') || !!prop(res, 'NodeGroupConfiguration');
    const ncc = prop(res, 'NumCacheClusters');
    const canFix = !sharded || v.replicas > 0;
    const values: [string[], boolean | number][] = [[['AutomaticFailoverEnabled'], true], [['MultiAZEnabled'], true]];
    if (v.replicas === 0 && !sharded && (!ncc || isScalar(ncc))) values.push([['NumCacheClusters'], 2]);
    out.push(improvement('az', `${v.replicas === 0 ? 'add a replica and ' : ''}turn on automatic failover and Multi-AZ`, CACHE_FAILOVER(), canFix && (v.replicas > 0 || values.length === 3) ? () => setFix(t, res, `${v.replicas === 0 ? 'Add a replica and turn' : 'Turn'} on automatic failover and Multi-AZ`, values, false) : undefined));
  }
  if (v.snapshots === 0) {
    const n = prop(res, 'SnapshotRetentionLimit');
    out.push(improvement('data', 'turn on automatic backups (SnapshotRetentionLimit: 7)', CACHE_DAILY('restore the daily backup into a new cluster'), !n || isScalar(n) ? () => setFix(t, res, 'Set SnapshotRetentionLimit: 7 (daily backups)', [[['SnapshotRetentionLimit'], 7]]) : undefined));
  }
  if (!v.global && res.type === 'AWS::ElastiCache::ReplicationGroup') out.push(improvement('region', 'add it to a Global Datastore with a secondary cluster in another Region', outcome(fig('elasticache-global-rpo'), fig('elasticache-global-rto'), 'promote the Global Datastore secondary', ['elasticache-global-rpo', 'elasticache-global-rto'])));
  return out;
}

function cacheEvidence(v: CacheV, res: Resource, ctx: Ctx): Evidence[] {
  const t = ctx.t;
  const ev: Evidence[] = [];
  if (v.memcached) ev.push(evidenceAt(res, prop(res, 'Engine'), 'Engine: memcached (no replication, no backups)'));
  if (res.type === 'AWS::ElastiCache::ReplicationGroup') {
    ev.push(evidenceAt(res, prop(res, 'AutomaticFailoverEnabled'), shown(t, 'AutomaticFailoverEnabled', prop(res, 'AutomaticFailoverEnabled'), 'not set (false)')));
    ev.push(evidenceAt(res, prop(res, 'NumCacheClusters') ?? prop(res, 'ReplicasPerNodeGroup'), `${v.replicas} replica${v.replicas === 1 ? '' : 's'} per shard`));
  }
  if (res.type === 'AWS::ElastiCache::ServerlessCache') ev.push({ text: 'Serverless cache: the service replicates it across AZs', start: res.key.start, end: res.key.end });
  if (!v.memcached) ev.push(evidenceAt(res, prop(res, 'SnapshotRetentionLimit'), shown(t, 'SnapshotRetentionLimit', prop(res, 'SnapshotRetentionLimit'), 'not set (0: no automatic backups)')));
  for (const g of globalMembers(ctx, res)) ev.push({ text: `Member of Global Datastore ${g.id}`, start: g.key.start, end: g.key.end });
  if (prop(res, 'GlobalReplicationGroupId')) ev.push(evidenceAt(res, prop(res, 'GlobalReplicationGroupId'), shown(t, 'GlobalReplicationGroupId', prop(res, 'GlobalReplicationGroupId'), '')));
  return ev;
}

function replicaCount(ctx: Ctx, res: Resource): Choice<number>[] {
  const t = ctx.t;
  if (prop(res, 'ReplicasPerNodeGroup')) return numberChoices(t, prop(res, 'ReplicasPerNodeGroup'), 0, [0, 1], 'ReplicasPerNodeGroup');
  const ng = items(prop(res, 'NodeGroupConfiguration'))[0];
  if (ng) return numberChoices(t, get(ng, 'ReplicaCount'), 0, [0, 1], 'ReplicaCount');
  return numberChoices(t, prop(res, 'NumCacheClusters'), 1, [1, 2], 'NumCacheClusters').map((c) => ({ ...c, value: Math.max(0, c.value - 1) }));
}

const elasticache = spec<CacheV>({
  family: 'elasticache',
  types: ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster', 'AWS::ElastiCache::ServerlessCache'],
  accept: () => true,
  label(res) {
    const e = literal(prop(res, 'Engine'));
    const kind = res.type === 'AWS::ElastiCache::ReplicationGroup' ? 'replication group' : res.type === 'AWS::ElastiCache::ServerlessCache' ? 'serverless cache' : 'cluster';
    return `ElastiCache ${kind}${e ? ` (${e})` : ''}`;
  },
  inputs(res, ctx) {
    const t = ctx.t;
    const engine = literal(prop(res, 'Engine'))?.toLowerCase();
    const rg = res.type === 'AWS::ElastiCache::ReplicationGroup';
    const sharded = rg && Number(literal(prop(res, 'NumNodeGroups')) ?? 1) > 1;
    return {
      memcached: fixed(engine === 'memcached'),
      failover: rg ? boolChoices(t, prop(res, 'AutomaticFailoverEnabled'), sharded, 'AutomaticFailoverEnabled') : fixed(false),
      replicas: rg ? replicaCount(ctx, res) : fixed(0),
      snapshots: numberChoices(t, prop(res, 'SnapshotRetentionLimit'), 0, [0, 1], 'SnapshotRetentionLimit'),
      global: fixed(rg && (!!prop(res, 'GlobalReplicationGroupId') || globalMembers(ctx, res).length > 0)),
    };
  },
  estimate: (v, res) => cacheEstimate(v, res.type === 'AWS::ElastiCache::ServerlessCache'),
  evidence: cacheEvidence,
  improvements: cacheImprovements,
});

// ---------------------------------------------------------------------------------------
// EBS

interface EbsV extends Record<string, unknown> {
  plan: PlanBackup;
}

const ebs = spec<EbsV>({
  family: 'ebs',
  types: ['AWS::EC2::Volume'],
  accept: () => true,
  label: () => 'EBS volume',
  inputs: (res, ctx) => ({ plan: planChoices(ctx, res) }),
  estimate(v) {
    const snap = planLocal(v.plan, fig('ebs-snapshot-restore'), 'ebs-snapshot-restore');
    const withAz = snap && { ...snap, figures: ['ebs-az' as const, ...snap.figures] };
    return {
      az: best(withAz && { ...withAz, mechanism: `new volume from the latest snapshot (${withAz.mechanism.replace(/^restore from /, '')})` }, lost('no snapshots: the volume is lost with its Availability Zone', undefined, NEVER, ['ebs-az'])),
      data: best(snap, lost('no snapshots')),
      region: best(planRemote(v.plan, fig('ebs-snapshot-restore'), 'ebs-snapshot-restore'), lost(NO_REGION_COPY)),
    };
  },
  evidence: (v, res) => (v.plan.coverage.length ? planEvidence(v.plan) : [{ text: 'No DLM policy or AWS Backup selection of this template covers the volume', start: res.key.start, end: res.key.end }]),
  improvements: () => [
    improvement('az', 'snapshot it on a schedule (an AWS::DLM::LifecyclePolicy targeting its tags, or an AWS Backup plan)', outcome(range(0, 12 * 3600), fig('ebs-snapshot-restore'), 'new volume from the latest snapshot', ['ebs-snapshot-restore'])),
    improvement('data', 'snapshot it on a schedule (an AWS::DLM::LifecyclePolicy targeting its tags, or an AWS Backup plan)', outcome(range(0, 12 * 3600), fig('ebs-snapshot-restore'), 'new volume from the latest snapshot', ['ebs-snapshot-restore'])),
    improvement('region', 'copy the snapshots to another Region (DLM CrossRegionCopyRules or AWS Backup CopyActions)', outcome(range(0, 86400), fig('ebs-snapshot-restore'), 'new volume from a snapshot copied to another Region', ['ebs-snapshot-restore'])),
  ],
});

// ---------------------------------------------------------------------------------------
// OpenSearch

interface OsV extends Record<string, unknown> {
  zoneAware: boolean;
}

function clusterConfig(res: Resource): Node | undefined {
  return prop(res, 'ClusterConfig') ?? prop(res, 'ElasticsearchClusterConfig');
}

const opensearch = spec<OsV>({
  family: 'opensearch',
  types: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
  accept: () => true,
  label: (res) => (res.type === 'AWS::Elasticsearch::Domain' ? 'Elasticsearch domain' : 'OpenSearch Service domain'),
  inputs(res, ctx) {
    const cc = clusterConfig(res);
    const za = boolChoices(ctx.t, get(cc, 'ZoneAwarenessEnabled'), false, 'ZoneAwarenessEnabled');
    const standby = scalarString(get(cc, 'MultiAZWithStandbyEnabled')) === 'true';
    return { zoneAware: standby ? fixed(true) : za };
  },
  estimate(v) {
    const snap = outcome(fig('opensearch-snapshots'), fig('restore-hours'), 'restore an hourly automated snapshot', ['opensearch-snapshots', 'restore-hours']);
    return {
      az: v.zoneAware ? outcome(ZERO, fig('opensearch-multi-az'), 'replica shards in other AZs', ['opensearch-multi-az'], ['assumes the indexes have replica shards']) : { ...snap, mechanism: 'restore an hourly snapshot into a new domain' },
      data: snap,
      region: lost(NO_REGION_COPY, ['cross-cluster replication cannot be set up in CloudFormation']),
    };
  },
  evidence: (v, res, ctx) => [evidenceAt(res, get(clusterConfig(res), 'ZoneAwarenessEnabled') ?? get(clusterConfig(res), 'MultiAZWithStandbyEnabled'), v.zoneAware ? 'Zone awareness on' : shown(ctx.t, 'ZoneAwarenessEnabled', get(clusterConfig(res), 'ZoneAwarenessEnabled'), 'not set (one AZ)')), { text: 'Automated hourly snapshots (kept 14 days)', start: res.key.start, end: res.key.end }],
  improvements: (v) => (v.zoneAware ? [] : [improvement('az', 'turn on zone awareness (ZoneAwarenessEnabled, 2 or 3 AZs, an even number of data nodes, replica shards)', outcome(ZERO, fig('opensearch-multi-az'), 'replica shards in other AZs', ['opensearch-multi-az']))]),
});

export const OTHER_SPECS = [dynamodbTable, dynamodbGlobal, s3, efs, elasticache, ebs, opensearch];
