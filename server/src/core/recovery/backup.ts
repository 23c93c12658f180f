/**
 * Which data stores of the template are backed up outside their own settings: by an AWS
 * Backup plan (`AWS::Backup::BackupSelection` naming them by ARN, by a wildcard ARN, or by
 * tag) or, for EBS volumes, by a Data Lifecycle Manager policy (by tag, or a default
 * policy). For each: the worst gap between two backups (the recovery point it gives),
 * whether backups are continuous, and whether copies go to another Region.
 */
import { Node, get, getPath, scalarBoolean, scalarString } from '../parse/node';
import type { Resource, Template } from '../parse/template';
import type { Graph } from '../graph/graph';
import { arnRegion, isStackRegion, items, literal, literalTags, prop, referencedName, stringOrSub } from './read';
import { STORE_TYPES } from '../stores/data-stores';
import { selectionCovers, tagKeysInTemplate } from '../stores/backup-selection';

export interface BackupRule {
  /** "plan DailyPlan, rule Daily" / "DLM policy VolumeSnapshots". */
  label: string;
  /** Worst gap between two backups, seconds; undefined when the schedule cannot be read. */
  interval: number | undefined;
  /** The schedule as written ("cron(0 5 ? * * *)", "every 12 hours"). */
  schedule: string;
  continuous: boolean;
  /** Copies to another Region: 'yes' (the destination names another Region), 'maybe' (a Region the template does not tell), 'no'. */
  crossRegion: 'yes' | 'maybe' | 'no';
  start: number;
  end: number;
}

export interface Coverage {
  kind: 'aws-backup' | 'dlm';
  /** Logical ID of the selection or DLM policy. */
  by: string;
  /** "by ARN", "by tag backup=daily", "by the wildcard arn:aws:dynamodb:*:*:table/*". */
  via: string;
  rules: BackupRule[];
  /** Resource conditions the coverage exists under (selection, plan). */
  conditions: string[];
  start: number;
  end: number;
}

/** Types AWS Backup can protect: the data-store table's entries with a backup ARN. */
const ALL_BACKUP_TYPES = new Set([...STORE_TYPES.values()].filter((x) => x.backup).map((x) => x.type));

// ---------------------------------------------------------------------------------------
// Schedules

function expandField(field: string, min: number, max: number): number[] | undefined {
  if (field === '*' || field === '?') return Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(part.trim());
    if (!m) return undefined;
    const step = m[3] ? Number(m[3]) : 1;
    if (step <= 0) return undefined;
    const a = m[1] === '*' ? min : Number(m[1]);
    const b = m[2] !== undefined ? Number(m[2]) : m[1] === '*' || m[3] ? max : a;
    if (a < min || b > max || a > b) return undefined;
    for (let v = a; v <= b; v += step) out.add(v);
  }
  return [...out].sort((x, y) => x - y);
}

/** The largest gap between consecutive values on a cycle of `period`. */
function cyclicGap(values: number[], period: number): number {
  if (values.length === 0) return period;
  let gap = values[0] + period - values[values.length - 1];
  for (let i = 1; i < values.length; i++) gap = Math.max(gap, values[i] - values[i - 1]);
  return gap;
}

/**
 * Worst gap between two runs of an AWS cron (`cron(min hour dom month dow year)`) or rate
 * (`rate(12 hours)`) expression, in seconds; undefined when it cannot be read.
 */
export function scheduleInterval(expr: string): number | undefined {
  const s = expr.trim();
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/i.exec(s);
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2].toLowerCase().startsWith('minute') ? 60 : rate[2].toLowerCase().startsWith('hour') ? 3600 : 86400;
    return n > 0 ? n * unit : undefined;
  }
  const cron = /^cron\((.*)\)$/i.exec(s);
  if (!cron) return undefined;
  const f = cron[1].trim().split(/\s+/);
  if (f.length !== 6) return undefined;
  const [mi, hr, dom, mon, dow] = f;
  if (mon !== '*' && mon !== '?') return 366 * 86400 / Math.max(1, expandField(mon, 1, 12)?.length ?? 1);
  if (dom !== '*' && dom !== '?') {
    const days = expandField(dom.replace(/L/g, '28'), 1, 31);
    return days ? cyclicGap(days, 31) * 86400 : 31 * 86400;
  }
  if (dow !== '*' && dow !== '?') {
    const names: Record<string, number> = { SUN: 1, MON: 2, TUE: 3, WED: 4, THU: 5, FRI: 6, SAT: 7 };
    const days = expandField(dow.toUpperCase().replace(/SUN|MON|TUE|WED|THU|FRI|SAT/g, (d) => String(names[d])).replace(/#\d+|L/g, ''), 1, 7);
    return days ? cyclicGap(days, 7) * 86400 : 7 * 86400;
  }
  const hours = expandField(hr, 0, 23);
  const minutes = expandField(mi, 0, 59);
  if (!hours || !minutes) return undefined;
  const times: number[] = [];
  for (const h of hours) for (const m of minutes) times.push(h * 60 + m);
  return cyclicGap(times, 24 * 60) * 60;
}

// ---------------------------------------------------------------------------------------
// AWS Backup

function crossRegionOf(t: Template, dest: Node | undefined): BackupRule['crossRegion'] {
  if (!dest) return 'no';
  const name = referencedName(dest);
  // A vault of this template is in this stack's Region.
  if (name && t.resources.has(name)) return 'no';
  const s = stringOrSub(dest);
  if (s !== undefined) {
    const region = arnRegion(s);
    if (region === undefined) return 'maybe';
    if (region === '${AWS::Region}') return 'no';
    if (/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) return 'yes';
    return 'maybe';
  }
  if (isStackRegion(dest)) return 'no';
  return 'maybe';
}

function planRules(t: Template, plan: Resource): BackupRule[] {
  const body = prop(plan, 'BackupPlan');
  const out: BackupRule[] = [];
  for (const r of items(get(body, 'BackupPlanRule'))) {
    const name = literal(get(r, 'RuleName')) ?? '?';
    const sched = get(r, 'ScheduleExpression');
    const expr = stringOrSub(sched);
    const continuous = scalarBoolean(get(r, 'EnableContinuousBackup')) === true;
    const copies = items(get(r, 'CopyActions'));
    let cross: BackupRule['crossRegion'] = 'no';
    for (const c of copies) {
      const x = crossRegionOf(t, get(c, 'DestinationBackupVaultArn'));
      if (x === 'yes' || (x === 'maybe' && cross === 'no')) cross = x;
    }
    out.push({
      label: `plan ${plan.id}, rule ${name}`,
      interval: expr ? scheduleInterval(expr) : sched ? undefined : 86400,
      schedule: expr ?? (sched ? 'a computed schedule' : 'no schedule (daily assumed)'),
      continuous,
      crossRegion: cross,
      start: r.start,
      end: r.end,
    });
  }
  return out;
}

const condOf = (r: Resource | undefined): string[] => (r && scalarString(r.condition) ? [scalarString(r.condition)!] : []);

function selections(t: Template, graph: Graph, out: Map<string, Coverage[]>): void {
  const stores = [...t.resources.values()].filter((r) => r.type && ALL_BACKUP_TYPES.has(r.type));
  if (!stores.length) return;
  const tagKeys = tagKeysInTemplate(t);
  for (const sel of t.resourcesByType.get('AWS::Backup::BackupSelection') ?? []) {
    const planRef = referencedName(prop(sel, 'BackupPlanId'));
    const plan = planRef ? t.resources.get(planRef) : undefined;
    const rules = plan && plan.type === 'AWS::Backup::BackupPlan' ? planRules(t, plan) : [];
    const unknownPlan: BackupRule[] = [{ label: `plan ${literal(prop(sel, 'BackupPlanId')) ?? 'outside the template'}`, interval: undefined, schedule: 'a plan outside the template', continuous: false, crossRegion: 'maybe', start: sel.key.start, end: sel.key.end }];
    const conds = [...condOf(sel), ...condOf(plan)];
    const add = (store: Resource, via: string) => {
      const list = out.get(store.id) ?? [];
      if (list.some((c) => c.by === sel.id)) return;
      list.push({ kind: 'aws-backup', by: sel.id, via, rules: rules.length ? rules : unknownPlan, conditions: conds, start: sel.key.start, end: sel.key.end });
      out.set(store.id, list);
    };
    const body = prop(sel, 'BackupSelection');
    // Whether it covers a store: the one reading of a selection, shared with the
    // backup-plan-coverage rule (stores/backup-selection.ts); only a certain 'yes' counts.
    const referenced = new Set(graph.referencesFrom(sel.id, ['Properties', 'BackupSelection', 'Resources']).map((r) => r.target.replace(/^Resources\./, '')));
    const wildcards = items(get(body, 'Resources')).map(stringOrSub).filter((x): x is string => !!x && x.includes('*'));
    const tagConds: [string, string][] = [];
    for (const c of items(get(body, 'ListOfTags'))) {
      const k = literal(get(c, 'ConditionKey'));
      const v = literal(get(c, 'ConditionValue'));
      if (k !== undefined && v !== undefined) tagConds.push([k, v]);
    }
    for (const c of items(getPath(body, ['Conditions', 'StringEquals']))) {
      const k = literal(get(c, 'ConditionKey'));
      const v = literal(get(c, 'ConditionValue'));
      if (k !== undefined && v !== undefined) tagConds.push([k.replace(/^aws:ResourceTag\//, ''), v]);
    }
    const listOfTags = items(get(body, 'ListOfTags')).length > 0;
    for (const store of stores) {
      const type = STORE_TYPES.get(store.type!)!;
      if (selectionCovers(t, graph, sel, { resource: store, store: type }, tagKeys) !== 'yes') continue;
      if (referenced.has(store.id)) add(store, 'by ARN');
      else if (wildcards.length) add(store, `by the wildcard ${wildcards[0]}`);
      else if (tagConds.length) add(store, `by tag ${tagConds.map(([k, v]) => `${k}=${v}`).join(listOfTags ? ' or ' : ' and ')}`);
      else add(store, 'by the selection');
    }
  }
}

// ---------------------------------------------------------------------------------------
// Data Lifecycle Manager (EBS volumes)

function dlm(t: Template, out: Map<string, Coverage[]>): void {
  const volumes = t.resourcesByType.get('AWS::EC2::Volume') ?? [];
  if (!volumes.length) return;
  for (const p of t.resourcesByType.get('AWS::DLM::LifecyclePolicy') ?? []) {
    if (literal(prop(p, 'State')) === 'DISABLED') continue;
    const add = (vol: Resource, via: string, rules: BackupRule[]) => {
      const list = out.get(vol.id) ?? [];
      list.push({ kind: 'dlm', by: p.id, via, rules, conditions: condOf(p), start: p.key.start, end: p.key.end });
      out.set(vol.id, list);
    };
    const def = literal(prop(p, 'DefaultPolicy'));
    if (def === 'VOLUME') {
      const days = Number(literal(prop(p, 'CreateInterval')) ?? 1);
      const cross = items(prop(p, 'CrossRegionCopyTargets')).length ? 'yes' : 'no';
      const rule: BackupRule = { label: `DLM default policy ${p.id}`, interval: (Number.isFinite(days) && days > 0 ? days : 1) * 86400, schedule: `every ${days} day${days === 1 ? '' : 's'}`, continuous: false, crossRegion: cross, start: p.key.start, end: p.key.end };
      for (const v of volumes) add(v, 'by the default volume policy', [rule]);
      continue;
    }
    const details = prop(p, 'PolicyDetails');
    const types = items(get(details, 'ResourceTypes')).map((i) => literal(i));
    if (types.length && !types.includes('VOLUME')) continue;
    const rules: BackupRule[] = [];
    for (const s of items(get(details, 'Schedules'))) {
      const cr = get(s, 'CreateRule');
      const cronExpr = literal(get(cr, 'CronExpression'));
      const n = Number(literal(get(cr, 'Interval')));
      const unit = literal(get(cr, 'IntervalUnit')) ?? 'HOURS';
      const interval = cronExpr ? scheduleInterval(cronExpr) : Number.isFinite(n) && n > 0 ? n * (unit === 'HOURS' ? 3600 : 86400) : undefined;
      const cross = items(get(s, 'CrossRegionCopyRules')).length ? 'yes' : 'no';
      rules.push({ label: `DLM policy ${p.id}, schedule ${literal(get(s, 'Name')) ?? rules.length + 1}`, interval, schedule: cronExpr ?? (Number.isFinite(n) ? `every ${n} ${unit.toLowerCase()}` : 'a schedule'), continuous: false, crossRegion: cross, start: s.start, end: s.end });
    }
    if (!rules.length) continue;
    const targets: [string, string][] = [];
    for (const tg of items(get(details, 'TargetTags'))) {
      const k = literal(get(tg, 'Key'));
      const v = literal(get(tg, 'Value'));
      if (k !== undefined && v !== undefined) targets.push([k, v]);
    }
    for (const v of volumes) {
      const tags = literalTags(v);
      const hit = targets.find(([k, val]) => tags.get(k) === val);
      if (hit) add(v, `by tag ${hit[0]}=${hit[1]}`, rules);
    }
  }
}

const memo = new WeakMap<Graph, Map<string, Coverage[]>>();

/** Backup coverage of every data store of the template, by logical ID (computed once per graph). */
export function backupCoverage(t: Template, graph: Graph): Map<string, Coverage[]> {
  let m = memo.get(graph);
  if (!m) {
    m = new Map();
    selections(t, graph, m);
    dlm(t, m);
    memo.set(graph, m);
  }
  return m;
}
