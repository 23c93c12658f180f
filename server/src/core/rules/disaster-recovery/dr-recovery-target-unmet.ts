import { defineRule } from '../contract';
import { get } from '../../parse/node';
import type { Fix, RelatedLocation, Severity } from '../../types';
import { METADATA_KEY } from '../../engine/engine';
import { recoveryOf } from '../../recovery/estimate';
import { DISRUPTIONS, DISRUPTION_LABEL, Disruption, Outcome, StoreEstimate } from '../../recovery/model';
import { formatRange, formatSeconds } from '../../recovery/duration';
import { METRICS, Metric, Objective, Targets, hasTargets, mergeTargets, targetsFromConfig, targetsFromNode } from '../../recovery/targets';
import { WA } from '../well-architected';

type Status = 'cannot' | 'may-not' | 'conditional';

interface Gap {
  disruption: Disruption;
  metric: Metric;
  objective: Objective;
  status: Status;
  outcome: Outcome;
  /** For 'cannot'/'may-not': when it is met ("when parameter X is true"); for 'conditional': when it is missed. */
  phrase?: string;
}

const NAME: Record<Metric, string> = { rpo: 'RPO', rto: 'RTO' };

function value(o: Outcome, m: Metric): { low: number; high: number } {
  return m === 'rpo' ? o.rpo : o.rto;
}

function gapsOf(store: StoreEstimate, targets: Targets): Gap[] {
  const out: Gap[] = [];
  for (const d of DISRUPTIONS) {
    if (targets.off[d]) continue;
    const objs = targets.objectives[d];
    if (!objs) continue;
    const est = store.estimates[d];
    for (const m of METRICS) {
      const obj = objs[m];
      if (!obj) continue;
      const v = value(est.outcome, m);
      const meets = (o: Outcome) => value(o, m).high <= obj.seconds;
      if (v.high <= obj.seconds) {
        const missed = est.alternatives.filter((a) => !meets(a.outcome));
        if (missed.length) out.push({ disruption: d, metric: m, objective: obj, status: 'conditional', outcome: missed[0].outcome, phrase: missed.map((a) => a.when).join(' or ') });
        continue;
      }
      const good = est.alternatives.filter((a) => meets(a.outcome));
      const met = good.length ? good.map((a) => a.when).join(' or ') : undefined;
      out.push({ disruption: d, metric: m, objective: obj, status: v.low > obj.seconds ? 'cannot' : 'may-not', outcome: est.outcome, ...(met ? { phrase: met } : {}) });
    }
  }
  return out;
}

/** What a gap of this disruption needs when no single change of the store reaches it. */
const NEEDS: Record<Disruption, Record<Metric, string>> = {
  az: { rpo: 'a synchronous copy in another AZ', rto: 'a standby or replica in another AZ that fails over automatically' },
  data: { rpo: 'more frequent or continuous backups', rto: 'a recovery that does not restore a whole copy (restores take hours)' },
  region: { rpo: 'live replication to another Region', rto: 'a standby in another Region (pilot light or warm standby)' },
};

function both(o: Outcome): string {
  return `RPO ${formatRange(o.rpo)}, RTO ${formatRange(o.rto)}`;
}

/** What closes each disruption's gaps: the change meeting them all, else the one meeting most and what is still missing. */
function closers(store: StoreEstimate, gaps: Gap[]): { text: string[]; fixes: Fix[] } {
  const text: string[] = [];
  const fixes: Fix[] = [];
  const seenFix = new Set<string>();
  const addFix = (f: Fix | undefined, preferred: boolean) => {
    if (f && !seenFix.has(f.title)) {
      seenFix.add(f.title);
      fixes.push(preferred ? f : { ...f, preferred: false });
    }
  };
  for (const d of DISRUPTIONS) {
    const gs = gaps.filter((g) => g.disruption === d);
    if (!gs.length) continue;
    const met = (o: Outcome) => gs.filter((g) => value(o, g.metric).high <= g.objective.seconds);
    const cands = store.improvements
      .filter((i) => i.disruption === d)
      .map((i) => ({ i, met: met(i.outcome) }))
      .sort((a, b) => b.met.length - a.met.length || a.i.outcome.rpo.high - b.i.outcome.rpo.high || a.i.outcome.rto.high - b.i.outcome.rto.high);
    const top = cands[0];
    if (top && top.met.length === gs.length) {
      text.push(`${top.i.action} (${both(top.i.outcome)})`);
      addFix(top.i.fix?.(), true);
      continue;
    }
    const missing = gs.filter((g) => !top || !top.met.includes(g));
    const needs = [...new Set(missing.map((g) => `${NAME[g.metric]} ${formatSeconds(g.objective.seconds)} needs ${NEEDS[d][g.metric]}`))].join(', ');
    if (top && top.met.length) {
      text.push(`${top.i.action} (${both(top.i.outcome)}) meets the ${top.met.map((g) => NAME[g.metric]).join(' and ')}; ${needs}`);
      addFix(top.i.fix?.(), true);
    } else {
      text.push(`no change to ${store.id} alone is enough for ${article(DISRUPTION_LABEL[d])}: ${needs}, or a different objective`);
    }
  }
  return { text, fixes };
}

function article(s: string): string {
  return /^[aeiou]/i.test(s) ? `an ${s}` : `a ${s}`;
}

const ORIGIN: Record<Objective['origin'], string> = { config: ' (workspace default)', template: '', resource: ' (set on the resource)' };

export default defineRule({
  meta: {
    id: 'dr-recovery-target-unmet',
    area: 'disaster-recovery',
    severity: 'error',
    title: 'Data store cannot meet the declared recovery objectives (RPO/RTO)',
    fixable: true,
    options: {
      targets: {
        description: 'Default recovery objectives for every template, as in the template Metadata: `{rpo: 15m, rto: 1h, region: {rpo: 4h}}`. The top-level `targets:` section of `.cfn-resilience.yaml` sets it too.',
        default: {},
      },
    },
    docs: {
      summary:
        'Compares the recovery model\'s estimate of each data store (RDS, Aurora, DocumentDB, Neptune, DynamoDB, S3, EFS, ElastiCache, EBS, Redshift, OpenSearch; AWS Backup plans and DLM policies included) with the recovery objectives the template declares: `Metadata: {cfn-resilience: {rpo: 15m, rto: 1h}}` at the top of the template, on a resource (its own objectives), or as workspace defaults (`targets:` in `.cfn-resilience.yaml`). Objectives apply to the three disruptions the model estimates (an instance or Availability Zone failure, data corruption or deletion, a Region outage); `region: {rpo: 4h, rto: 24h}` sets them for one disruption and `region: off` leaves it out. An estimate entirely above an objective is an error ("cannot meet"), one that straddles it a warning ("may not meet"), one that meets it with the default parameter values but not in another deployment allowed by the parameters or conditions is informational and says when. An objective that is not a duration (`15m`, `1h30m`, `PT15M`, `0`) is reported where it is written. Each finding says the estimate, the objective and what closes the gap; see docs/recovery.md for the method and docs/recovery-figures.md for the figures and their sources.',
      why: 'Recovery objectives are usually written in a document nobody checks against the infrastructure. A database declared with a 15-minute RPO that has no automated backups, a 1-hour RTO on a store whose only copy is in the same Region, or a single-instance Aurora cluster behind a 1-minute RTO are found during the outage, when the data is already lost. AWS Resilience Hub makes this comparison for deployed stacks; this rule makes it while the template is written.',
      fix: 'Each finding names the change that brings the estimate within the objective, from the model\'s improvements for that store: enable DynamoDB point-in-time recovery, S3 versioning or EFS automatic backups, set RDS `MultiAZ: true` or a backup retention, add a second Aurora instance, turn on S3 Replication Time Control, add an ElastiCache replica with automatic failover. Where a property change does it, the quick fix makes it. Where no single change reaches the objective (a Region outage with an RTO of minutes needs live replication and a standby in another Region), the message says so: change the design, or the objective.',
      references: [
        { title: 'Disaster Recovery of Workloads on AWS: Recovery objectives (RTO and RPO)', url: 'https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/business-continuity-plan-bcp.html' },
        { title: 'Disaster recovery options in the cloud', url: 'https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html' },
        { title: 'AWS Resilience Hub: resiliency policies', url: 'https://docs.aws.amazon.com/resilience-hub/latest/userguide/resiliency-policies.html' },
        WA.REL13_BP01,
        WA.REL13_BP02,
        WA.REL09,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    const config = targetsFromConfig(ctx.options.targets);
    const meta = get(t.sections.get('Metadata')?.value, METADATA_KEY);
    const tpl = targetsFromNode(meta, 'template');
    for (const i of tpl.issues) if (i.start !== undefined) ctx.report({ start: i.start, end: i.end ?? i.start, message: i.message });
    const base = mergeTargets(config.targets, tpl.targets);
    const perResource = new Map<string, Targets>();
    for (const r of t.resources.values()) {
      const rm = get(r.metadata, METADATA_KEY);
      if (!rm) continue;
      const rt = targetsFromNode(rm, 'resource');
      for (const i of rt.issues) if (i.start !== undefined) ctx.report({ start: i.start, end: i.end ?? i.start, message: i.message, resource: r.id });
      if (rt.declared) perResource.set(r.id, rt.targets);
    }
    if (!hasTargets(base) && !perResource.size) return;
    const model = recoveryOf(t, ctx.graph);
    for (const store of model.stores) {
      const own = perResource.get(store.id);
      const targets = own ? mergeTargets(base, own) : base;
      if (!hasTargets(targets)) continue;
      const gaps = gapsOf(store, targets);
      if (!gaps.length) continue;
      const severity: Severity = gaps.some((g) => g.status === 'cannot') ? 'error' : gaps.some((g) => g.status === 'may-not') ? 'warning' : 'info';
      const shown = severity === 'info' ? gaps : gaps.filter((g) => g.status !== 'conditional');
      const parts: string[] = [];
      for (const d of DISRUPTIONS) {
        const gs = shown.filter((g) => g.disruption === d);
        if (!gs.length) continue;
        const declared = gs.map((g) => `${NAME[g.metric]} ${formatSeconds(g.objective.seconds)}${ORIGIN[g.objective.origin]}`).join(', ');
        const o = gs[0].outcome;
        const lost = gs.every((g) => !Number.isFinite(value(g.outcome, g.metric).low));
        const est = lost ? 'not recoverable' : gs.map((g) => `${NAME[g.metric]} ${formatRange(value(g.outcome, g.metric))}`).join(', ');
        const metWhen = gs.find((g) => g.phrase)?.phrase;
        const cond = gs[0].status === 'conditional' ? ` ${gs[0].phrase}` : metWhen ? ` (met ${metWhen})` : '';
        parts.push(`for ${article(DISRUPTION_LABEL[d])}, estimated ${est} (${o.mechanism})${cond} against ${declared}`);
      }
      const verb = severity === 'error' ? 'cannot meet' : severity === 'warning' ? 'may not meet' : 'does not always meet';
      const close = closers(store, shown.filter((g) => g.status !== 'conditional').length ? shown.filter((g) => g.status !== 'conditional') : shown);
      const related: RelatedLocation[] = [];
      for (const g of shown) {
        if (g.objective.start !== undefined && !related.some((r) => r.start === g.objective.start)) related.push({ start: g.objective.start, end: g.objective.end ?? g.objective.start, message: `${NAME[g.metric]} objective declared here` });
      }
      ctx.report({
        start: store.start,
        end: store.end,
        resource: store.id,
        severity,
        message: `${store.id} (${store.label}) ${verb} the declared recovery objective${shown.length === 1 ? '' : 's'}: ${parts.join('; ')}. To close the gap: ${close.text.join('; ')}.`,
        fixes: close.fixes,
        ...(related.length ? { related } : {}),
      });
    }
  },
});
