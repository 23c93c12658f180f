/**
 * The template's disaster-recovery strategy, in the classes of the AWS whitepaper
 * "Disaster Recovery of Workloads on AWS": none, backup and restore, pilot light, warm
 * standby, multi-site active/active. Read from the data stores' Region-outage estimates
 * (backup copies vs live replication) and from what routes traffic between Regions
 * (Route 53 failover, latency or geolocation records; Global Accelerator endpoint groups;
 * Route 53 Application Recovery Controller), with the evidence that led there.
 */
import { get, scalarNumber, scalarString } from '../parse/node';
import type { Resource, Template } from '../parse/template';
import type { FigureId } from './figures';
import type { Evidence, Outcome, StoreEstimate, Strategy, StrategyResult } from './model';
import { STRATEGY_LABEL } from './model';
import { isStackRegion, items, literal, prop } from './read';

/** Figures of live replication to another Region (the others are backup copies). */
const LIVE: ReadonlySet<FigureId> = new Set<FigureId>(['aurora-global-rpo', 'docdb-neptune-global', 'dynamodb-global-lag', 's3-rtc', 's3-crr', 'efs-replication-rpo', 'elasticache-global-rpo', 'rds-read-replica-lag']);
/** Figures of data written in several Regions at once. */
const ACTIVE: ReadonlySet<FigureId> = new Set<FigureId>(['dynamodb-global-lag']);

export type RegionKind = 'live' | 'active' | 'copy' | 'none';

export function regionKind(o: Outcome): RegionKind {
  if (!Number.isFinite(o.rpo.high)) return 'none';
  if (o.figures.some((f) => ACTIVE.has(f))) return 'active';
  if (o.figures.some((f) => LIVE.has(f))) return 'live';
  return 'copy';
}

const at = (r: Resource, text: string): Evidence => ({ text, start: r.key.start, end: r.key.end });

interface Routing {
  failover: Evidence[];
  /** A failover record has a health check: DNS failover timing applies. */
  healthChecked: boolean;
  active: Evidence[];
  arc: Evidence[];
}

function recordSets(t: Template): { res: Resource; rec: ReturnType<typeof prop> }[] {
  const out: { res: Resource; rec: ReturnType<typeof prop> }[] = [];
  for (const r of t.resourcesByType.get('AWS::Route53::RecordSet') ?? []) out.push({ res: r, rec: r.properties });
  for (const g of t.resourcesByType.get('AWS::Route53::RecordSetGroup') ?? []) for (const rec of items(prop(g, 'RecordSets'))) out.push({ res: g, rec });
  return out;
}

function routing(t: Template): Routing {
  const out: Routing = { failover: [], healthChecked: false, active: [], arc: [] };
  for (const { res, rec } of recordSets(t)) {
    const failover = scalarString(get(rec, 'Failover'));
    const name = literal(get(rec, 'Name')) ?? res.id;
    if (failover === 'PRIMARY' && get(rec, 'HealthCheckId')) out.healthChecked = true;
    if (failover === 'PRIMARY' || failover === 'SECONDARY') out.failover.push({ text: `Route 53 ${failover} failover record ${name}${get(rec, 'HealthCheckId') ? ' with a health check (DNS fails over 30–90 s after the endpoint stops answering, plus the record TTL)' : ' (no health check)'}`, start: (rec ?? res.key).start, end: (rec ?? res.key).end });
    const region = get(rec, 'Region');
    if (region) out.active.push({ text: `Route 53 latency record ${name} for ${isStackRegion(region) ? "the stack's Region" : (literal(region) ?? 'a Region')} (other Regions answer too)`, start: rec!.start, end: rec!.end });
    if (get(rec, 'GeoLocation')) out.active.push({ text: `Route 53 geolocation record ${name}`, start: rec!.start, end: rec!.end });
  }
  const groups = t.resourcesByType.get('AWS::GlobalAccelerator::EndpointGroup') ?? [];
  const regions = new Map<string, Resource[]>();
  for (const g of groups) {
    const r = prop(g, 'EndpointGroupRegion');
    const key = isStackRegion(r) ? 'stack' : (literal(r) ?? `node:${r?.start}`);
    regions.set(key, [...(regions.get(key) ?? []), g]);
  }
  if (regions.size >= 2) {
    const passive = groups.filter((g) => scalarNumber(prop(g, 'TrafficDialPercentage')) === 0);
    for (const g of groups) {
      const dial = scalarNumber(prop(g, 'TrafficDialPercentage'));
      (passive.length ? out.failover : out.active).push(at(g, `Global Accelerator endpoint group ${g.id}${dial === 0 ? ' (traffic dial 0: standby)' : ''}`));
    }
  }
  for (const [type, what] of [
    ['AWS::Route53RecoveryControl::Cluster', 'Route 53 ARC cluster'],
    ['AWS::Route53RecoveryControl::RoutingControl', 'Route 53 ARC routing control'],
    ['AWS::Route53RecoveryReadiness::RecoveryGroup', 'Route 53 ARC recovery group'],
  ] as const) {
    for (const r of t.resourcesByType.get(type) ?? []) out.arc.push(at(r, `${what} ${r.id}`));
  }
  return out;
}

/** Compute the template runs: scaled to zero (a pilot light waiting to be switched on) or running. */
function compute(t: Template): { zero: Evidence[]; running: Evidence[] } {
  const zero: Evidence[] = [];
  const running: Evidence[] = [];
  for (const g of t.resourcesByType.get('AWS::AutoScaling::AutoScalingGroup') ?? []) {
    const desired = scalarNumber(prop(g, 'DesiredCapacity'));
    const min = scalarNumber(prop(g, 'MinSize'));
    if ((desired ?? min) === 0) zero.push(at(g, `Auto Scaling group ${g.id} scaled to zero`));
    else running.push(at(g, `Auto Scaling group ${g.id}`));
  }
  for (const s of t.resourcesByType.get('AWS::ECS::Service') ?? []) {
    const d = scalarNumber(prop(s, 'DesiredCount'));
    if (d === 0) zero.push(at(s, `ECS service ${s.id} with DesiredCount 0`));
    else running.push(at(s, `ECS service ${s.id}`));
  }
  return { zero, running };
}

const NEXT: Record<Strategy, string | undefined> = {
  none: 'back the data stores up (automated backups, point-in-time recovery, versioning, an AWS Backup plan), ideally with copies in another Region, for backup and restore',
  'backup-and-restore': 'replicate the data live to another Region (Aurora Global Database, DynamoDB global tables, S3 cross-Region replication, EFS replication) for a pilot light',
  'pilot-light': 'run a scaled-down copy of the application in the other Region and route to it on failure (Route 53 failover records with health checks) for a warm standby',
  'warm-standby': 'serve traffic from every Region (active-active data such as DynamoDB global tables, latency-based routing) for multi-site active/active',
  'multi-site': undefined,
};

const FIGURE: Partial<Record<Strategy, FigureId>> = {
  'backup-and-restore': 'strategy-backup-restore',
  'pilot-light': 'strategy-pilot-light',
  'warm-standby': 'strategy-warm-standby',
  'multi-site': 'strategy-multi-site',
};

type Level = 'none' | 'local' | 'copy' | 'live' | 'active';
const LEVELS: readonly Level[] = ['none', 'local', 'copy', 'live', 'active'];

function levelOf(s: StoreEstimate, o: Outcome): Level {
  const k = regionKind(o);
  if (k === 'active' || k === 'live' || k === 'copy') return k;
  return Number.isFinite(s.estimates.data.outcome.rpo.high) ? 'local' : 'none';
}

/** Caches can be rebuilt from the data they cache: they do not limit the strategy (unless they are all there is). */
const REBUILDABLE = new Set(['elasticache']);

function classify(t: Template, stores: StoreEstimate[], pick: (s: StoreEstimate) => Outcome): { strategy: Strategy; evidence: Evidence[]; figures?: FigureId[] } {
  if (!stores.length) return { strategy: 'none', evidence: [{ text: 'No data store in this template: there is no data to recover (the stack can be deployed again).' }] };
  const all = stores.map((s) => ({ s, o: pick(s), level: levelOf(s, pick(s)) }));
  const required = all.some((x) => !REBUILDABLE.has(x.s.family)) ? all.filter((x) => !REBUILDABLE.has(x.s.family)) : all;
  const rank = (l: Level) => LEVELS.indexOf(l);
  const floor = required.reduce<Level>((m, x) => (rank(x.level) < rank(m) ? x.level : m), 'active');
  const loc = (x: { s: StoreEstimate }, text: string): Evidence => ({ text, start: x.s.start, end: x.s.end });
  const describe = (x: (typeof all)[number]): Evidence => {
    switch (x.level) {
      case 'none':
        return loc(x, `${x.s.id}: no backup and no copy outside the Region`);
      case 'local':
        return loc(x, `${x.s.id}: ${x.s.estimates.data.outcome.mechanism} (in this Region only)`);
      case 'copy':
        return loc(x, `${x.s.id}: ${x.o.mechanism}`);
      default:
        return loc(x, `${x.s.id}: ${x.o.mechanism} (${x.level === 'active' ? 'written in several Regions' : 'replicated live to another Region'})`);
    }
  };
  // The weakest stores first: they set the class.
  const ev: Evidence[] = [...required].sort((a, b) => rank(a.level) - rank(b.level)).map(describe);
  const skipped = all.filter((x) => !required.includes(x));
  if (skipped.length) ev.push({ text: `Not counted (caches, rebuilt from the data they cache): ${skipped.map((x) => x.s.id).join(', ')}.` });
  if (floor === 'none') return { strategy: 'none', evidence: ev };
  if (floor === 'local' || floor === 'copy') {
    const ahead = required.filter((x) => rank(x.level) >= rank('live'));
    if (ahead.length) ev.push({ text: `Some data is replicated live (${ahead.map((x) => x.s.id).join(', ')}), but the rest can only be restored from backups: the application recovers at the pace of the slowest.` });
    if (floor === 'local') ev.push({ text: 'Some backups stay in this Region: a Region outage leaves nothing to restore them from.' });
    return { strategy: 'backup-and-restore', evidence: ev };
  }
  const r = routing(t);
  const c = compute(t);
  const active = required.filter((x) => x.level === 'active');
  if (active.length && r.active.length) return { strategy: 'multi-site', evidence: [...ev, ...r.active] };
  if (r.failover.length || r.arc.length) return { strategy: 'warm-standby', evidence: [...ev, ...r.failover, ...r.arc, ...r.active], ...(r.healthChecked ? { figures: ['route53-failover' as const] } : {}) };
  if (active.length) ev.push({ text: 'Data is written in several Regions, but nothing in this template routes traffic between Regions.' });
  const drSide = required.filter((x) => /this cross-Region|joins a global|promote this/.test(`${x.o.mechanism} ${(x.o.notes ?? []).join(' ')}`));
  if (drSide.length && c.running.length && !c.zero.length) return { strategy: 'warm-standby', evidence: [...ev, { text: "This template holds the recovery Region's copy of the data and runs compute next to it:" }, ...c.running] };
  ev.push(...c.zero);
  ev.push({ text: 'No traffic routing between Regions in this template (no Route 53 failover records, no Global Accelerator endpoint groups in several Regions).' });
  return { strategy: 'pilot-light', evidence: ev };
}

/** The template's DR strategy, with the class some other deployment reaches when parameters or conditions change it. */
export function classifyStrategy(t: Template, stores: StoreEstimate[]): StrategyResult {
  const main = classify(t, stores, (s) => s.estimates.region.outcome);
  const bestOf = (s: StoreEstimate) => [s.estimates.region.outcome, ...s.estimates.region.alternatives.map((a) => a.outcome)].sort((a, b) => a.rpo.high - b.rpo.high)[0];
  const other = classify(t, stores, bestOf);
  const figures: FigureId[] = main.figures ?? [];
  const out: StrategyResult = { strategy: main.strategy, evidence: main.evidence, ...(NEXT[main.strategy] ? { next: NEXT[main.strategy] } : {}), ...(FIGURE[main.strategy] ? { figure: FIGURE[main.strategy] } : {}), figures };
  if (other.strategy !== main.strategy) {
    const whens = [...new Set(stores.flatMap((s) => s.estimates.region.alternatives.filter((a) => a.outcome === bestOf(s)).map((a) => a.when)))];
    out.alternative = { strategy: other.strategy, when: whens.join(' or ') || 'in another deployment' };
  }
  return out;
}

export function strategyLabel(s: Strategy): string {
  return STRATEGY_LABEL[s];
}
