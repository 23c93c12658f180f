/**
 * Estimators for the database data stores: RDS DB instances, RDS Multi-AZ DB clusters,
 * Aurora / DocumentDB / Neptune clusters, and Redshift clusters.
 */
import { isScalar, scalarString } from '../parse/node';
import type { Resource, Template } from '../parse/template';
import { FixBuilder } from '../fix/builder';
import { FixValue, toFixValue } from '../fix/value';
import { NOT_COPIED, twinId } from '../fix/twin';
import type { Fix } from '../types';
import { ZERO, range, union } from './duration';
import type { FigureId } from './figures';
import type { Evidence, Improvement, StoreFamily } from './model';
import { Choice, conditionChoices, fixed, mergeAtoms } from './worlds';
import { arnRegion, boolChoices, evidenceAt, literal, numberChoices, prop, referencedName, shown, stringChoices } from './read';
import { Ctx, NO_REGION_COPY, Outcomes, PlanBackup, StoreSpec, best, fig, improvement, lost, outcome, planChoices, planEvidence, planLocal, planRemote, setFix, spec } from './common';

/** How many of `list` exist, per combination of their resource conditions (those equal to `base` always exist with it). */
export function countChoices(t: Template, list: readonly Resource[], base?: string): Choice<number>[] {
  let acc: Choice<number>[] = fixed(0);
  for (const r of list) {
    const c = scalarString(r.condition);
    const ch = c && c !== base ? conditionChoices(t, c) : fixed(true);
    const next: Choice<number>[] = [];
    for (const a of acc) for (const x of ch) {
      const when = mergeAtoms(a.when, x.when);
      if (when) next.push({ value: a.value + (x.value ? 1 : 0), when });
    }
    acc = next.slice(0, 32);
  }
  return acc;
}

function engineOf(t: Template, res: Resource): string | undefined {
  return literal(prop(res, 'Engine'));
}

const PITR_NOTE = 'a stack deletion or replacement also deletes the automated backups unless DeletionPolicy is Snapshot or Retain';

function deletionNote(res: Resource): string[] {
  const p = scalarString(res.deletionPolicy);
  return p === 'Snapshot' || p === 'Retain' || p === 'RetainExceptOnCreate' ? [] : [PITR_NOTE];
}

// ---------------------------------------------------------------------------------------
// RDS DB instance

interface RdsV extends Record<string, unknown> {
  multiAz: boolean;
  backupDays: number;
  backupRegion: string | undefined;
  replicas: number;
  plan: PlanBackup;
}

function sourceOf(t: Template, res: Resource): { node: ReturnType<typeof prop>; templateSource?: Resource; crossRegion: boolean } | undefined {
  const n = prop(res, 'SourceDBInstanceIdentifier') ?? prop(res, 'SourceDBClusterIdentifier');
  if (!n) return undefined;
  const name = referencedName(n);
  const src = name ? t.resources.get(name) : undefined;
  const s = literal(n);
  const cross = !!prop(res, 'SourceRegion') || (s !== undefined && /^[a-z]{2}(-[a-z]+)+-\d$/.test(arnRegion(s) ?? ''));
  return { node: n, ...(src ? { templateSource: src } : {}), crossRegion: cross };
}

/** Instances of the template that are read replicas of `res`. */
function replicasOf(ctx: Ctx, res: Resource): Resource[] {
  const out: Resource[] = [];
  for (const r of ctx.graph.referencesAt(res.id, ['Properties', 'SourceDBInstanceIdentifier'], { fromType: 'AWS::RDS::DBInstance' })) {
    const rep = ctx.t.resources.get(r.source);
    if (rep && !out.includes(rep)) out.push(rep);
  }
  return out;
}

function rdsInstanceAccept(res: Resource, ctx: Ctx): boolean {
  if (prop(res, 'DBClusterIdentifier')) return false;
  const engine = engineOf(ctx.t, res)?.toLowerCase();
  if (engine && (engine.startsWith('aurora') || engine === 'docdb' || engine === 'neptune')) return false;
  const src = sourceOf(ctx.t, res);
  // A read replica of an instance of this template is part of that store's estimate.
  return !src?.templateSource;
}

const rdsInstance = spec<RdsV>({
  family: 'rds-instance',
  types: ['AWS::RDS::DBInstance'],
  accept: rdsInstanceAccept,
  label(res, ctx) {
    const e = engineOf(ctx.t, res);
    const src = sourceOf(ctx.t, res);
    return `RDS DB instance${e ? ` (${e})` : ''}${src ? (src.crossRegion ? ', cross-Region read replica' : ', read replica') : ''}`;
  },
  inputs(res, ctx) {
    const t = ctx.t;
    const replica = !!sourceOf(t, res);
    return {
      multiAz: boolChoices(t, prop(res, 'MultiAZ'), false, 'MultiAZ'),
      backupDays: numberChoices(t, prop(res, 'BackupRetentionPeriod'), replica ? 0 : 1, [0, 7], 'BackupRetentionPeriod'),
      backupRegion: stringChoices(t, prop(res, 'AutomaticBackupReplicationRegion'), ['another Region'], 'AutomaticBackupReplicationRegion'),
      replicas: countChoices(t, replicasOf(ctx, res), scalarString(res.condition)),
      plan: planChoices(ctx, res),
    };
  },
  estimate(v, res, ctx) {
    const src = sourceOf(ctx.t, res);
    const pitr = v.backupDays > 0 ? outcome(fig('rds-pitr-lag'), fig('restore-hours'), 'point-in-time restore', ['rds-pitr-lag', 'restore-hours']) : undefined;
    const replica = v.replicas > 0 ? outcome(fig('rds-read-replica-lag'), fig('rds-replica-promotion'), 'promote a read replica', ['rds-read-replica-lag', 'rds-replica-promotion']) : undefined;
    const az = v.multiAz
      ? outcome(fig('rds-multi-az-rpo'), fig('rds-multi-az-failover'), 'Multi-AZ failover', ['rds-multi-az-rpo', 'rds-multi-az-failover'])
      : best(replica, pitr && { ...pitr, mechanism: 'point-in-time restore in another AZ' }, planLocal(v.plan), lost('no backup and no replica: the data is lost with its Availability Zone'));
    if (!v.multiAz) az.notes = [...(az.notes ?? []), 'a host failure is usually repaired in place without data loss; this is the loss of the Availability Zone'];
    const data = best(pitr && { ...pitr, notes: deletionNote(res) }, planLocal(v.plan), lost('no automated backups and no backup plan'));
    const region = best(
      src?.crossRegion ? outcome(fig('rds-read-replica-lag'), fig('rds-replica-promotion'), 'promote this cross-Region read replica', ['rds-read-replica-lag', 'rds-replica-promotion']) : undefined,
      v.backupRegion && v.backupDays > 0 ? outcome(fig('rds-backup-replication'), fig('restore-hours'), `restore from automated backups replicated to ${v.backupRegion}`, ['rds-backup-replication', 'restore-hours']) : undefined,
      planRemote(v.plan),
      lost(NO_REGION_COPY, ['a cross-Region read replica defined in another stack would not show here']),
    );
    return { az, data, region };
  },
  evidence(v, res, ctx) {
    const t = ctx.t;
    const ev: Evidence[] = [
      evidenceAt(res, prop(res, 'MultiAZ'), shown(t, 'MultiAZ', prop(res, 'MultiAZ'), 'not set (single-AZ)')),
      evidenceAt(res, prop(res, 'BackupRetentionPeriod'), `${shown(t, 'BackupRetentionPeriod', prop(res, 'BackupRetentionPeriod'), `not set (${v.backupDays} day${v.backupDays === 1 ? '' : 's'})`)}${v.backupDays > 0 ? ': automated backups with point-in-time restore' : ': automated backups off'}`),
    ];
    const br = prop(res, 'AutomaticBackupReplicationRegion');
    if (br) ev.push(evidenceAt(res, br, shown(t, 'AutomaticBackupReplicationRegion', br, '')));
    for (const r of replicasOf(ctx, res)) ev.push({ text: `Read replica ${r.id}${scalarString(r.condition) ? ` (when condition ${scalarString(r.condition)} holds)` : ''}`, start: r.key.start, end: r.key.end });
    const src = sourceOf(t, res);
    if (src) ev.push(evidenceAt(res, src.node, `Replica of ${shown(t, 'source', src.node, '').replace(/^source: /, '')}${src.crossRegion ? ' in another Region' : ''}`));
    ev.push(...planEvidence(v.plan));
    return ev;
  },
  improvements(v, res, ctx) {
    const t = ctx.t;
    const out: Improvement[] = [];
    if (!v.multiAz) {
      const mz = prop(res, 'MultiAZ');
      const canFix = (!mz || isScalar(mz)) && !prop(res, 'AvailabilityZone');
      out.push(improvement('az', 'set MultiAZ: true (a synchronous standby in another AZ)', outcome(fig('rds-multi-az-rpo'), fig('rds-multi-az-failover'), 'Multi-AZ failover', ['rds-multi-az-rpo', 'rds-multi-az-failover']), canFix ? () => setFix(t, res, 'Set MultiAZ: true', [[['MultiAZ'], true]]) : undefined));
    }
    if (v.backupDays === 0) {
      const n = prop(res, 'BackupRetentionPeriod');
      const o = outcome(fig('rds-pitr-lag'), fig('restore-hours'), 'point-in-time restore', ['rds-pitr-lag', 'restore-hours']);
      const fix = !n || isScalar(n) ? () => setFix(t, res, 'Set BackupRetentionPeriod: 7 (automated backups)', [[['BackupRetentionPeriod'], 7]]) : undefined;
      out.push(improvement('data', 'turn on automated backups (BackupRetentionPeriod: 7)', o, fix));
      if (!v.multiAz) out.push(improvement('az', 'turn on automated backups (BackupRetentionPeriod: 7)', { ...o, mechanism: 'point-in-time restore in another AZ' }, fix));
    }
    if (!v.backupRegion) out.push(improvement('region', 'replicate automated backups to another Region (AutomaticBackupReplicationRegion)', outcome(fig('rds-backup-replication'), fig('restore-hours'), 'restore from replicated backups', ['rds-backup-replication', 'restore-hours'])));
    out.push(improvement('region', 'add a cross-Region read replica (in a stack of the other Region) to promote', outcome(fig('rds-read-replica-lag'), fig('rds-replica-promotion'), 'promote a cross-Region read replica', ['rds-read-replica-lag', 'rds-replica-promotion'])));
    return out;
  },
});

// ---------------------------------------------------------------------------------------
// RDS Multi-AZ DB cluster (MySQL / PostgreSQL)

function clusterEngine(t: Template, res: Resource): 'aurora' | 'multi-az' | undefined {
  const e = engineOf(t, res)?.toLowerCase();
  if (e) return e.startsWith('aurora') ? 'aurora' : 'multi-az';
  // Engine from a parameter: a Multi-AZ DB cluster needs DBClusterInstanceClass.
  return prop(res, 'DBClusterInstanceClass') ? 'multi-az' : 'aurora';
}

interface ClusterV extends Record<string, unknown> {
  backupDays: number;
  plan: PlanBackup;
}

const rdsMultiAzCluster = spec<ClusterV>({
  family: 'rds-multi-az-cluster',
  types: ['AWS::RDS::DBCluster'],
  accept: (res, ctx) => clusterEngine(ctx.t, res) === 'multi-az',
  label: (res, ctx) => `RDS Multi-AZ DB cluster${engineOf(ctx.t, res) ? ` (${engineOf(ctx.t, res)})` : ''}`,
  inputs: (res, ctx) => ({
    backupDays: numberChoices(ctx.t, prop(res, 'BackupRetentionPeriod'), 1, [1], 'BackupRetentionPeriod'),
    plan: planChoices(ctx, res),
  }),
  estimate(v, res) {
    const pitr = v.backupDays > 0 ? outcome(fig('rds-pitr-lag'), fig('restore-hours'), 'point-in-time restore', ['rds-pitr-lag', 'restore-hours'], deletionNote(res)) : undefined;
    return {
      az: outcome(ZERO, fig('rds-multi-az-cluster-failover'), 'failover to a reader instance', ['rds-multi-az-cluster-failover']),
      data: best(pitr, planLocal(v.plan), lost('no automated backups and no backup plan')),
      region: best(planRemote(v.plan), lost(NO_REGION_COPY)),
    };
  },
  evidence(v, res, ctx) {
    return [
      { text: 'Multi-AZ DB cluster: a writer and two readable standbys in three AZs', start: res.key.start, end: res.key.end },
      evidenceAt(res, prop(res, 'BackupRetentionPeriod'), shown(ctx.t, 'BackupRetentionPeriod', prop(res, 'BackupRetentionPeriod'), `not set (${v.backupDays} day)`)),
      ...planEvidence(v.plan),
    ];
  },
  improvements: () => [improvement('region', 'back it up with AWS Backup and copy the backups to another Region', outcome(range(0, 86400), fig('restore-hours'), 'restore from a cross-Region backup copy', ['restore-hours']))],
});

// ---------------------------------------------------------------------------------------
// Aurora, DocumentDB, Neptune clusters

interface ClusterKind {
  family: StoreFamily;
  cluster: string;
  instance: string;
  global: string;
  label: string;
  promotionTier: boolean;
  replica: FigureId;
  noReplica: FigureId;
  globalRpo: FigureId;
  globalRto: FigureId;
}

const KINDS: Record<'aurora' | 'docdb' | 'neptune', ClusterKind> = {
  aurora: { family: 'aurora', cluster: 'AWS::RDS::DBCluster', instance: 'AWS::RDS::DBInstance', global: 'AWS::RDS::GlobalCluster', label: 'Aurora', promotionTier: true, replica: 'aurora-failover-replica', noReplica: 'aurora-failover-no-replica', globalRpo: 'aurora-global-rpo', globalRto: 'aurora-global-rto' },
  docdb: { family: 'docdb', cluster: 'AWS::DocDB::DBCluster', instance: 'AWS::DocDB::DBInstance', global: 'AWS::DocDB::GlobalCluster', label: 'DocumentDB', promotionTier: false, replica: 'docdb-failover-replica', noReplica: 'docdb-failover-no-replica', globalRpo: 'docdb-neptune-global', globalRto: 'docdb-neptune-global-rto' },
  neptune: { family: 'neptune', cluster: 'AWS::Neptune::DBCluster', instance: 'AWS::Neptune::DBInstance', global: 'AWS::Neptune::GlobalCluster', label: 'Neptune', promotionTier: false, replica: 'neptune-failover-replica', noReplica: 'neptune-failover-no-replica', globalRpo: 'docdb-neptune-global', globalRto: 'docdb-neptune-global-rto' },
};

/** DB instances of the template in the cluster: `DBClusterIdentifier: !Ref Cluster`, or the same literal name. */
export function clusterInstances(ctx: Ctx, kind: ClusterKind, cluster: Resource): Resource[] {
  const out = new Set<Resource>();
  for (const r of ctx.graph.referencesAt(cluster.id, ['Properties', 'DBClusterIdentifier'], { fromType: kind.instance, kinds: ['Ref'] })) {
    const i = ctx.t.resources.get(r.source);
    if (i) out.add(i);
  }
  const name = literal(prop(cluster, 'DBClusterIdentifier'))?.toLowerCase();
  if (name) for (const i of ctx.t.resourcesByType.get(kind.instance) ?? []) if (literal(prop(i, 'DBClusterIdentifier'))?.toLowerCase() === name) out.add(i);
  return [...out].sort((a, b) => a.key.start - b.key.start);
}

/** Global clusters of the template whose primary is this cluster. */
function globalPrimaryOf(ctx: Ctx, kind: ClusterKind, cluster: Resource): Resource[] {
  const out: Resource[] = [];
  for (const r of ctx.graph.referencesAt(cluster.id, ['Properties', 'SourceDBClusterIdentifier'], { fromType: kind.global })) {
    const g = ctx.t.resources.get(r.source);
    if (g && !out.includes(g)) out.push(g);
  }
  return out;
}

interface AuroraV extends Record<string, unknown> {
  instances: number;
  serverlessV1: boolean;
  /** 'primary': a global cluster of the template replicates it; 'member': joins a global cluster; 'replica': a binlog cross-Region replica. */
  global: 'primary' | 'member' | 'replica' | 'none';
  backupDays: number;
  plan: PlanBackup;
}

/** Adds a second instance to the cluster: a copy of the first one, without its identifiers. */
function addInstanceFix(t: Template, kind: ClusterKind, cluster: Resource, first: Resource): Fix | undefined {
  if (!first.properties) return undefined;
  const b = new FixBuilder(t);
  const body: { [k: string]: FixValue } = { Type: kind.instance };
  const cond = scalarString(cluster.condition);
  if (cond) body.Condition = cond;
  const props: { [k: string]: FixValue } = {};
  for (const p of first.properties.pairs) {
    const k = String(p.key.value);
    if (!NOT_COPIED.includes(k)) props[k] = toFixValue(p.value);
  }
  if (kind.promotionTier) props.PromotionTier = 1;
  body.Properties = props;
  const id = b.addResource(twinId(first.id), body);
  const edits = b.build();
  if (!edits) return undefined;
  return { title: `Add a second instance ${id} to ${cluster.id}`, edits, preferred: true, safe: true };
}

function auroraSpec(k: 'aurora' | 'docdb' | 'neptune') {
  const kind = KINDS[k];
  return spec<AuroraV>({
    family: kind.family,
    types: [kind.cluster],
    accept: (res, ctx) => k !== 'aurora' || clusterEngine(ctx.t, res) === 'aurora',
    label: (res, ctx) => `${kind.label} cluster${k === 'aurora' && engineOf(ctx.t, res) ? ` (${engineOf(ctx.t, res)})` : ''}`,
    inputs(res, ctx) {
      const t = ctx.t;
      let global: AuroraV['global'] = 'none';
      if (globalPrimaryOf(ctx, kind, res).length) global = 'primary';
      else if (prop(res, 'GlobalClusterIdentifier')) global = 'member';
      else if (k === 'aurora' && prop(res, 'ReplicationSourceIdentifier')) global = 'replica';
      return {
        instances: countChoices(t, clusterInstances(ctx, kind, res), scalarString(res.condition)),
        serverlessV1: fixed(k === 'aurora' && literal(prop(res, 'EngineMode'))?.toLowerCase() === 'serverless'),
        global: fixed(global),
        backupDays: numberChoices(t, prop(res, 'BackupRetentionPeriod'), 1, [1], 'BackupRetentionPeriod'),
        plan: planChoices(ctx, res),
      };
    },
    estimate(v, res) {
      const storage = fig('aurora-storage');
      const notes = k === 'aurora' ? [] : [`${kind.label} keeps its data on the same kind of six-way, three-AZ cluster volume as Aurora`];
      let az;
      if (v.serverlessV1) az = outcome(storage, fig(kind.noReplica), 'Aurora Serverless v1 recreates its single compute node', ['aurora-storage', kind.noReplica], notes);
      else if (v.instances >= 2) az = outcome(storage, fig(kind.replica), 'failover to a replica instance', ['aurora-storage', kind.replica], notes);
      else if (v.instances === 1) az = outcome(storage, fig(kind.noReplica), 'the service recreates the only instance', ['aurora-storage', kind.noReplica], [...notes, 'recreating the instance is best-effort and may not succeed while its AZ is impaired']);
      else az = outcome(storage, union(fig(kind.replica), fig(kind.noReplica)), 'depends on instances defined outside the template', ['aurora-storage', kind.replica, kind.noReplica], [...notes, 'no DB instance of this template is in the cluster']);
      const pitr = outcome(fig('rds-pitr-lag'), fig('restore-hours'), 'point-in-time restore', ['rds-pitr-lag', 'restore-hours'], deletionNote(res));
      const data = best(v.backupDays > 0 ? pitr : undefined, planLocal(v.plan), lost('no backups'));
      let live;
      if (v.global === 'primary' || v.global === 'member') {
        live = outcome(fig(kind.globalRpo), fig(kind.globalRto), `${kind.label} global database failover`, [kind.globalRpo, kind.globalRto], [v.global === 'primary' ? 'assumes a secondary cluster in another Region joins the global database (it is not in this template)' : 'the cluster joins a global database: the other Regions are in other stacks']);
      } else if (v.global === 'replica') {
        live = outcome(fig('rds-read-replica-lag'), fig('rds-replica-promotion'), 'promote this cross-Region replica cluster', ['rds-read-replica-lag', 'rds-replica-promotion']);
      }
      const region = best(live, planRemote(v.plan), lost(NO_REGION_COPY, [`a ${kind.label} global database defined in another stack would not show here`]));
      return { az, data, region };
    },
    evidence(v, res, ctx) {
      const ev: Evidence[] = [];
      const inst = clusterInstances(ctx, kind, res);
      if (!inst.length) ev.push({ text: 'No DB instance of this template is in the cluster', start: res.key.start, end: res.key.end });
      for (const i of inst) ev.push({ text: `Instance ${i.id}${scalarString(i.condition) && scalarString(i.condition) !== scalarString(res.condition) ? ` (when condition ${scalarString(i.condition)} holds)` : ''}`, start: i.key.start, end: i.key.end });
      if (v.serverlessV1) ev.push(evidenceAt(res, prop(res, 'EngineMode'), 'EngineMode: serverless (Aurora Serverless v1, a single compute node)'));
      for (const g of globalPrimaryOf(ctx, kind, res)) ev.push({ text: `Global cluster ${g.id} replicates this cluster to other Regions`, start: g.key.start, end: g.key.end });
      if (v.global === 'member') ev.push(evidenceAt(res, prop(res, 'GlobalClusterIdentifier'), shown(ctx.t, 'GlobalClusterIdentifier', prop(res, 'GlobalClusterIdentifier'), '')));
      if (v.global === 'replica') ev.push(evidenceAt(res, prop(res, 'ReplicationSourceIdentifier'), shown(ctx.t, 'ReplicationSourceIdentifier', prop(res, 'ReplicationSourceIdentifier'), '')));
      ev.push(evidenceAt(res, prop(res, 'BackupRetentionPeriod'), `${shown(ctx.t, 'BackupRetentionPeriod', prop(res, 'BackupRetentionPeriod'), `not set (${v.backupDays} day)`)}: continuous backups with point-in-time restore`));
      ev.push(...planEvidence(v.plan));
      return ev;
    },
    improvements(v, res, ctx) {
      const out: Improvement[] = [];
      const inst = clusterInstances(ctx, kind, res);
      if (!v.serverlessV1 && v.instances < 2) {
        const first = inst[0];
        out.push(improvement('az', `add a second DB instance in another AZ${kind.promotionTier ? ' (PromotionTier 1)' : ''}`, outcome(fig('aurora-storage'), fig(kind.replica), 'failover to a replica instance', ['aurora-storage', kind.replica]), first && v.instances === 1 ? () => addInstanceFix(ctx.t, kind, res, first) : undefined));
      }
      if (v.global === 'none') out.push(improvement('region', `make it ${k === 'aurora' ? 'an' : 'a'} ${kind.label} global database (${kind.global} with a secondary cluster in another Region)`, outcome(fig(kind.globalRpo), fig(kind.globalRto), `${kind.label} global database failover`, [kind.globalRpo, kind.globalRto])));
      return out;
    },
  });
}

// ---------------------------------------------------------------------------------------
// Redshift

interface RedshiftV extends Record<string, unknown> {
  snapDays: number;
  multiAz: boolean;
  relocation: boolean;
  destRegion: string | undefined;
  plan: PlanBackup;
}

const redshift = spec<RedshiftV>({
  family: 'redshift',
  types: ['AWS::Redshift::Cluster'],
  accept: () => true,
  label: () => 'Redshift cluster',
  inputs: (res, ctx) => ({
    snapDays: numberChoices(ctx.t, prop(res, 'AutomatedSnapshotRetentionPeriod'), 1, [1], 'AutomatedSnapshotRetentionPeriod'),
    multiAz: boolChoices(ctx.t, prop(res, 'MultiAZ'), false, 'MultiAZ'),
    relocation: boolChoices(ctx.t, prop(res, 'AvailabilityZoneRelocation'), false, 'AvailabilityZoneRelocation'),
    destRegion: stringChoices(ctx.t, prop(res, 'DestinationRegion'), ['another Region'], 'DestinationRegion'),
    plan: planChoices(ctx, res),
  }),
  estimate(v) {
    const snap = v.snapDays > 0 ? outcome(fig('redshift-snapshot'), fig('restore-hours'), 'restore the latest automated snapshot', ['redshift-snapshot', 'restore-hours']) : undefined;
    const az = v.multiAz || v.relocation ? outcome(ZERO, fig('redshift-multi-az'), v.multiAz ? 'Multi-AZ failover' : 'relocation to another AZ', ['redshift-multi-az']) : best(snap && { ...snap, mechanism: 'restore the latest snapshot in another AZ' }, planLocal(v.plan), lost('no automated snapshots'));
    const data = best(snap, planLocal(v.plan), lost('no automated snapshots and no backup plan'));
    const region = best(v.destRegion && v.snapDays > 0 ? outcome(fig('redshift-snapshot'), fig('restore-hours'), `restore a snapshot copied to ${v.destRegion}`, ['redshift-snapshot', 'restore-hours']) : undefined, planRemote(v.plan), lost(NO_REGION_COPY));
    return { az, data, region };
  },
  evidence(v, res, ctx) {
    const t = ctx.t;
    const ev = [
      evidenceAt(res, prop(res, 'AutomatedSnapshotRetentionPeriod'), shown(t, 'AutomatedSnapshotRetentionPeriod', prop(res, 'AutomatedSnapshotRetentionPeriod'), `not set (${v.snapDays} day)`)),
      evidenceAt(res, prop(res, 'MultiAZ') ?? prop(res, 'AvailabilityZoneRelocation'), v.multiAz ? 'MultiAZ: true' : v.relocation ? 'AvailabilityZoneRelocation: true' : 'Single-AZ cluster (no MultiAZ, no AvailabilityZoneRelocation)'),
    ];
    if (prop(res, 'DestinationRegion')) ev.push(evidenceAt(res, prop(res, 'DestinationRegion'), shown(t, 'DestinationRegion', prop(res, 'DestinationRegion'), '') + ' (cross-Region snapshot copy)'));
    return [...ev, ...planEvidence(v.plan)];
  },
  improvements(v, res, ctx) {
    const out: Improvement[] = [];
    const t = ctx.t;
    if (!v.multiAz && !v.relocation) {
      const ra3 = /^ra3\./.test(literal(prop(res, 'NodeType')) ?? '');
      out.push(improvement('az', 'turn on AvailabilityZoneRelocation (RA3 node types)', outcome(ZERO, fig('redshift-multi-az'), 'relocation to another AZ', ['redshift-multi-az']), ra3 && !prop(res, 'AvailabilityZoneRelocation') ? () => setFix(t, res, 'Set AvailabilityZoneRelocation: true', [[['AvailabilityZoneRelocation'], true]], false) : undefined));
    }
    if (v.snapDays === 0) {
      const n = prop(res, 'AutomatedSnapshotRetentionPeriod');
      out.push(improvement('data', 'turn on automated snapshots (AutomatedSnapshotRetentionPeriod: 7)', outcome(fig('redshift-snapshot'), fig('restore-hours'), 'restore the latest automated snapshot', ['redshift-snapshot', 'restore-hours']), !n || isScalar(n) ? () => setFix(t, res, 'Set AutomatedSnapshotRetentionPeriod: 7', [[['AutomatedSnapshotRetentionPeriod'], 7]]) : undefined));
    }
    if (!v.destRegion) out.push(improvement('region', 'copy snapshots to another Region (DestinationRegion)', outcome(fig('redshift-snapshot'), fig('restore-hours'), 'restore a snapshot copied to another Region', ['redshift-snapshot', 'restore-hours'])));
    return out;
  },
});

export const DB_SPECS = [rdsInstance, rdsMultiAzCluster, auroraSpec('aurora'), auroraSpec('docdb'), auroraSpec('neptune'), redshift];
