import { defineRule } from '../contract';
import { FixBuilder } from '../../fix/builder';
import { Node, ScalarValue, get, isMap, isScalar, scalarNumber } from '../../parse/node';
import type { Parameter, Resource, Template } from '../../parse/template';
import type { Fix, Severity } from '../../types';
import { asBoolean, possibleValues } from '../../graph/resolve';
import { literalItems, opaque, prop  } from '../high-availability/_stores';
import { isNoValue } from '../../graph/resolve';
import { checkValue, numberValue } from '../../graph/resolve';
import { STORE_TYPES, backupsSetByCustomResource, cacheWithData, rdsInstanceWithoutOwnData, unreadable } from '../../stores/data-stores';
import { WA } from '../well-architected';

/** The longest retention every service here accepts (RDS, Aurora, DocumentDB, Neptune, Redshift, ElastiCache, DynamoDB PITR). */
const MAX_DAYS = 35;

interface Setting {
  /** Path below Properties (or below a global table replica). */
  path: string[];
  /** Retention when the property is absent. */
  byDefault: number;
  /** 0 turns automated backups off (PITR periods cannot be 0). */
  zeroIsOff: boolean;
  /** What is kept: "automated backups", "automatic snapshots", "point-in-time recovery". */
  noun: string;
  severity: Severity;
  /** Turning backups on (from 0) interrupts the resource. */
  enablingInterrupts?: boolean;
  offConsequence: string;
  /** `span`: "only 1 day", "less than 7 days". */
  shortConsequence: (span: string) => string;
}

const DB_OFF = 'there are no automated snapshots and no point-in-time recovery, so data lost to a failure, a bad migration or a deletion can only be restored from manual snapshots, if there are any';
const dbShort = (span: string) => `point-in-time recovery reaches back ${span}, so corruption or a deletion noticed later cannot be undone`;
const dbSetting = (byDefault: number, enablingInterrupts = false): Setting => ({
  path: ['BackupRetentionPeriod'],
  byDefault,
  zeroIsOff: true,
  noun: 'automated backups',
  severity: 'warning',
  enablingInterrupts,
  offConsequence: DB_OFF,
  shortConsequence: dbShort,
});

const SETTINGS: Record<string, Setting> = {
  // Default 1 day when omitted (CloudFormation and the RDS API); 0 turns backups off, and turning them back on takes the instance offline for the first backup.
  'AWS::RDS::DBInstance': dbSetting(1, true),
  'AWS::RDS::DBCluster': dbSetting(1),
  'AWS::DocDB::DBCluster': dbSetting(1),
  'AWS::Neptune::DBCluster': dbSetting(1),
  'AWS::Redshift::Cluster': {
    path: ['AutomatedSnapshotRetentionPeriod'],
    byDefault: 1,
    zeroIsOff: true,
    noun: 'automated snapshots',
    severity: 'warning',
    offConsequence: 'there are no automated snapshots, so the warehouse can only be restored from manual snapshots, if there are any',
    shortConsequence: (span) => `automated snapshots reach back ${span}, so a bad load or a deletion noticed later cannot be undone`,
  },
  'AWS::ElastiCache::ReplicationGroup': cacheSetting(),
  'AWS::ElastiCache::CacheCluster': cacheSetting(),
};

function cacheSetting(): Setting {
  return {
    path: ['SnapshotRetentionLimit'],
    byDefault: 0,
    zeroIsOff: true,
    noun: 'automatic snapshots',
    severity: 'info',
    offConsequence: 'no daily snapshot is taken, so after losing its nodes the data must be rebuilt from its source (harmless if it only caches data kept elsewhere)',
    shortConsequence: (span) => `snapshots reach back ${span} (harmless if it only caches data kept elsewhere)`,
  };
}

const PITR: Setting = {
  path: ['PointInTimeRecoverySpecification', 'RecoveryPeriodInDays'],
  byDefault: 35,
  zeroIsOff: false,
  noun: 'point-in-time recovery',
  severity: 'warning',
  offConsequence: '',
  shortConsequence: dbShort,
};

function plural(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

function minDaysOf(options: Readonly<Record<string, unknown>>): number {
  const v = options.minDays;
  const n = typeof v === 'number' ? v : Number.NaN;
  if (!Number.isFinite(n) || n < 1) return 7;
  return Math.min(Math.ceil(n), MAX_DAYS);
}

/** `Number` parameter bounds (MinValue/MaxValue) allow the value. */
function parameterAllows(p: Parameter, value: number): boolean {
  const min = scalarNumber(get(p.value, 'MinValue'));
  const max = scalarNumber(get(p.value, 'MaxValue'));
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

export default defineRule({
  meta: {
    id: 'backup-retention',
    area: 'disaster-recovery',
    severity: 'warning',
    title: 'Automated backups off or kept for too short a time',
    fixable: true,
    options: {
      minDays: { description: 'Shortest acceptable retention of automated backups, in days (at most 35, the longest every checked service accepts).', default: 7 },
    },
    docs: {
      summary:
        'A retention of automated backups that is 0 (backups off) or below `minDays` (default 7): `BackupRetentionPeriod` of RDS DB instances (not those of an Aurora cluster, nor read replicas) and DB clusters, DocumentDB and Neptune clusters (all default to 1 day when omitted); `AutomatedSnapshotRetentionPeriod` of Redshift clusters (default 1); `SnapshotRetentionLimit` of ElastiCache replication groups and Redis OSS/Valkey cache clusters (default 0, backups off; informational, since a cache may hold nothing that is not kept elsewhere); and, for DynamoDB tables and global table replicas with point-in-time recovery enabled, `PointInTimeRecoverySpecification.RecoveryPeriodInDays` (default 35). Values from parameters, mappings or `Fn::If` are judged in every case: when the defaults are long enough nothing is reported, otherwise the finding is informational and says when the retention is too short. A store passed to a custom resource together with a property about backups, snapshots or retention is not reported: the custom resource presumably sets the retention through the API (a pattern from before CloudFormation supported the property).',
      why: 'The retention is how far back you can go. Most data loss is not an outage but a bad deploy, a faulty migration, a bug that corrupts rows, or a deletion, and it is often noticed days later (after a weekend, at month end). With the default of one day, point-in-time recovery and automated snapshots reach back one day only; with 0 there is nothing to restore at all, and for RDS turning backups off also deletes the existing automated backups. AWS Security Hub control RDS.11 uses seven days as its default minimum.',
      fix: 'Set the retention to at least `minDays` (the quick fix sets it to `minDays`); automated backups cost nothing extra up to the size of the database for RDS, and the storage beyond that is billed. Turning RDS automated backups on from 0 takes the instance offline while the first backup is taken, so that fix is not marked safe. When the retention comes from a parameter without allowed values, a quick fix sets the parameter\'s default. For longer or off-site retention, add the resource to an AWS Backup plan with a copy to another Region.',
      references: [
        { title: 'Amazon RDS: introduction to backups (backup retention period)', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html' },
        { title: 'Amazon Aurora: overview of backing up and restoring', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Backups.html' },
        { title: 'Amazon Redshift: automated snapshots', url: 'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshots.html#about-automated-snapshots' },
        { title: 'Amazon ElastiCache: scheduling automatic backups', url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html' },
        { title: 'Amazon DynamoDB: point-in-time recovery (recovery period)', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html' },
        { title: 'AWS Security Hub RDS.11 (RDS instances should have automatic backups enabled)', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-11' },
        WA.REL09_BP03,
        WA.REL13_BP01,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    const min = minDaysOf(ctx.options);

    const judgeOne = (res: Resource, s: Setting, node: Node | undefined, container: Node | undefined, where: string) => {
      const isGood = (v: ScalarValue | undefined): boolean | undefined => {
        const n = v === undefined || v === null || v === '' ? s.byDefault : Number(v);
        return Number.isFinite(n) ? n >= min : undefined;
      };
      const c = checkValue(t, node, isGood, `not set, default ${s.byDefault}`, `${min} or more`);
      if (c.status === 'good' || c.status === 'unknown') return;
      const prop = s.path[s.path.length - 1];
      const range = node && node.end > node.start ? { start: node.start, end: node.end } : { start: res.key.start, end: res.key.end };
      if (c.status === 'conditional') {
        const fix = c.parameter && node && !isScalar(node) ? parameterFix(t, c.parameter, min) : undefined;
        ctx.report({
          ...range,
          resource: res.id,
          severity: 'info',
          message: `${res.id}${where} keeps ${s.noun} for less than ${plural(min)} ${c.phrase}: ${s.shortConsequence(`less than ${plural(min)}`)}.`,
          fixes: fix ? [fix] : [],
        });
        return;
      }
      const value = node ? numberValue(t, node) : s.byDefault;
      const detail = c.literal && c.value === undefined ? `${prop} ${c.how}` : `${prop}: ${c.how}`;
      const off = s.zeroIsOff && value === 0;
      const message = off
        ? `${res.id}${where} has ${s.noun} turned off (${detail}): ${s.offConsequence}.`
        : `${res.id}${where} keeps ${s.noun} for ${value !== undefined ? `only ${plural(value)}` : `less than ${plural(min)}`} (${detail}), under the ${plural(min)} expected: ${s.shortConsequence(value !== undefined ? `only ${plural(value)}` : `less than ${plural(min)}`)}.`;
      const fix = c.literal ? valueFix(t, res, s, node, container, min, off) : undefined;
      ctx.report({ ...range, resource: res.id, ...(s.severity !== 'warning' ? { severity: s.severity } : {}), message, fixes: fix ? [fix] : [] });
    };

    for (const [type, s] of Object.entries(SETTINGS)) {
      for (const res of t.resourcesByType.get(type) ?? []) {
        if (unreadable(res) || opaque(res)) continue;
        if (rdsInstanceWithoutOwnData(t, res)) continue;
        if (STORE_TYPES.get(type)?.kind === 'cache' && !cacheWithData(t, res)) continue;
        if (backupsSetByCustomResource(t, ctx.graph, res)) continue;
        judgeOne(res, s, prop(res, ...s.path), res.properties, '');
      }
    }

    // DynamoDB: the recovery period of point-in-time recovery, where it is certainly enabled.
    for (const res of t.resourcesByType.get('AWS::DynamoDB::Table') ?? []) {
      if (unreadable(res) || opaque(res, 'PointInTimeRecoverySpecification')) continue;
      if (!pitrEnabled(t, prop(res, 'PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'))) continue;
      judgeOne(res, PITR, prop(res, ...PITR.path), res.properties, '');
    }
    for (const res of t.resourcesByType.get('AWS::DynamoDB::GlobalTable') ?? []) {
      if (unreadable(res)) continue;
      for (const replica of literalItems(prop(res, 'Replicas')) ?? []) {
        if (!isMap(replica)) continue;
        const spec = get(replica, 'PointInTimeRecoverySpecification');
        if (!isMap(spec) || isNoValue(spec)) continue;
        if (!pitrEnabled(t, get(spec, 'PointInTimeRecoveryEnabled'))) continue;
        const period = get(spec, 'RecoveryPeriodInDays');
        const region = get(replica, 'Region');
        const name = isScalar(region) && region.value !== null ? ` (replica in ${String(region.value)})` : ' (a replica)';
        judgeOne(res, { ...PITR, path: ['RecoveryPeriodInDays'] }, isNoValue(period) ? undefined : period, spec, name);
      }
    }
  },
});

/** PointInTimeRecoveryEnabled is true in every case. */
function pitrEnabled(t: Template, n: Node | undefined): boolean {
  if (!n) return false;
  const pv = possibleValues(t, n);
  return !pv.unknown && !pv.noValue && pv.values.length > 0 && pv.values.every((v) => asBoolean(v) === true);
}

function valueFix(t: Template, res: Resource, s: Setting, node: Node | undefined, container: Node | undefined, min: number, off: boolean): Fix | undefined {
  const title = `Keep ${s.noun} for ${plural(min)} (${s.path[s.path.length - 1]}: ${min})`;
  const interrupts = off && !!s.enablingInterrupts;
  const fix = (edits: Fix['edits']): Fix => ({ title: interrupts ? `${title}; the instance goes offline while the first backup is taken` : title, edits, preferred: true, safe: !interrupts });
  if (isScalar(node)) {
    const e = new FixBuilder(t).replaceScalarText(node, String(min)).build();
    return e ? fix(e) : undefined;
  }
  if (node) return undefined;
  const b = new FixBuilder(t);
  if (container === res.properties) b.setProperty(res, s.path, min);
  else if (isMap(container)) b.set(container, s.path, min);
  else return undefined;
  const edits = b.build();
  return edits ? fix(edits) : undefined;
}

/** `BackupRetentionPeriod: !Ref P`, P without allowed values: make the default long enough. */
function parameterFix(t: Template, p: Parameter, min: number): Fix | undefined {
  if (!isMap(p.value) || p.allowedValues || !parameterAllows(p, min)) return undefined;
  const b = new FixBuilder(t);
  const def = get(p.value, 'Default');
  if (isScalar(def) && def.value !== null) {
    const e = b.replaceScalarText(def, String(min)).build();
    return e ? { title: `Set parameter ${p.id} Default to ${min}`, edits: e, preferred: false, safe: false } : undefined;
  }
  b.set(p.value, ['Default'], min);
  const edits = b.build();
  return edits ? { title: `Set parameter ${p.id} Default to ${min}`, edits, preferred: false, safe: false } : undefined;
}
