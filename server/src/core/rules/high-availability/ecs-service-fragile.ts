import { defineRule } from '../contract';
import { WA } from '../well-architected';
import { FixBuilder } from '../../fix/builder';
import { scalarString } from '../../parse/node';
import type { Resource, Template } from '../../parse/template';
import type { Graph } from '../../graph/graph';
import { asBoolean, evaluate } from '../../graph/resolve';
import type { Fix } from '../../types';
import { isNoValue, keyRange, prop, singleZone, zoneParameterNote, zoneRelated, zoneSummary } from './_ha';

const TYPE = 'AWS::ECS::Service';

/** Application Auto Scaling targets that scale this service's desired count (`ResourceId: service/<cluster>/<service>`). */
function scalableTargets(t: Template, g: Graph, service: Resource): Resource[] {
  const out: Resource[] = [];
  for (const r of g.referencesAt(service.id, ['Properties', 'ResourceId'], { fromType: 'AWS::ApplicationAutoScaling::ScalableTarget' })) {
    const st = t.resources.get(r.source);
    if (!st || out.includes(st)) continue;
    const dim = scalarString(prop(st, 'ScalableDimension'));
    if (dim === undefined || dim === 'ecs:service:DesiredCount') out.push(st);
  }
  return out;
}

const num = (v: unknown) => (v === undefined || v === null || v === '' || !Number.isFinite(Number(v)) ? undefined : Number(v));

export default defineRule({
  meta: {
    id: 'ecs-service-fragile',
    area: 'high-availability',
    severity: 'warning',
    title: 'ECS service that one task failure, one zone outage or one bad deployment takes down',
    fixable: true,
    docs: {
      summary:
        'An `AWS::ECS::Service` (replica scheduling) with any of: a single task (`DesiredCount` 1, or absent: CloudFormation then creates the service with one task; when an `AWS::ApplicationAutoScaling::ScalableTarget` scales the service, its `MinCapacity` counts instead); `awsvpc` subnets (`NetworkConfiguration.AwsvpcConfiguration.Subnets`) that resolve to one Availability Zone; no `DeploymentConfiguration.DeploymentCircuitBreaker` with `Enable: true` and `Rollback: true` (only for the rolling-update `ECS` deployment controller). One finding per service lists what is missing; values from parameters or conditions are named in the message. `DAEMON` services are not reported.',
      why: 'With one task, a task crash, a host failure, a Fargate task retirement or an outage of its zone stops the service until ECS has placed and started a replacement, and a rolling deployment with `MinimumHealthyPercent` below 100 can stop the only task before its successor is healthy. With all subnets in one zone, any number of tasks share that zone\'s fate. Without the circuit breaker, a deployment whose tasks cannot start (a bad image, a failing health check) keeps launching failing tasks instead of returning to the last working revision, and the CloudFormation update waits for hours before it rolls back.',
      fix: 'Turn on the deployment circuit breaker with rollback (quick fix, safe to apply: it only changes how failed deployments end); run at least two tasks (quick fix `DesiredCount: 2`, or `MinCapacity: 2` on the scalable target) in subnets of at least two Availability Zones, so ECS spreads them across zones (Availability Zone rebalancing keeps them spread).',
      references: [
        { title: 'Amazon ECS: deployment circuit breaker', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html' },
        { title: 'Amazon ECS best practices: Availability Zone spread and task count', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/availability.html' },
        { title: 'Amazon ECS: Availability Zone rebalancing', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-rebalancing.html' },
        { title: 'AWS::ECS::Service', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-service.html' },
        WA.REL10_BP01,
        WA.REL08_BP04,
        WA.REL10,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const res of t.resourcesByType.get(TYPE) ?? []) {
      const strategy = prop(res, 'SchedulingStrategy');
      if (evaluate(t, strategy, (v) => v !== 'DAEMON')?.qualifier === '') continue;

      const problems: string[] = [];
      const effects: string[] = [];
      const fixes: Fix[] = [];
      let related;

      // 1. Task count.
      let countFix = false;
      const targets = scalableTargets(t, ctx.graph, res);
      if (targets.length) {
        for (const st of targets) {
          const ev = evaluate(t, prop(st, 'MinCapacity'), (v) => (num(v) === undefined ? undefined : num(v)! >= 2));
          if (ev && ev.value !== undefined && num(ev.value) !== 0) {
            problems.push(`may scale down to a single task (${st.id} MinCapacity ${ev.value}${ev.qualifier})`);
            break;
          }
        }
      } else {
        const dc = prop(res, 'DesiredCount');
        const ev = evaluate(t, dc, (v) => (v === undefined || v === null ? false : num(v) === undefined ? undefined : num(v) !== 1));
        if (ev) {
          if (!dc || isNoValue(dc)) problems.push('runs a single task (no DesiredCount: CloudFormation creates the service with 1)');
          else if (ev.literal) problems.push('runs a single task (DesiredCount 1)');
          else problems.push(`runs a single task (DesiredCount ${ev.value ?? 'absent'}${ev.qualifier})`);
          countFix = !dc || isNoValue(dc) || ev.literal;
        }
      }
      if (problems.length) effects.push('a task or host failure stops the service until ECS has started a replacement');

      // 2. Zones of awsvpc subnets.
      const subnets = prop(res, 'NetworkConfiguration', 'AwsvpcConfiguration', 'Subnets');
      const zone = subnets && !isNoValue(subnets) ? singleZone(t, subnets) : undefined;
      if (zone) {
        problems.push(`places its tasks in ${zoneSummary(t, zone)}${zoneParameterNote(zone)}`);
        effects.push('an outage of that zone stops every task');
        related = zoneRelated(t, zone);
      }

      // 3. Deployment circuit breaker (rolling updates only).
      const controller = scalarString(prop(res, 'DeploymentController', 'Type'));
      let breakerFix: 'both' | 'rollback' | undefined;
      if (controller === undefined || controller === 'ECS') {
        const cb = prop(res, 'DeploymentConfiguration', 'DeploymentCircuitBreaker');
        const enable = prop(res, 'DeploymentConfiguration', 'DeploymentCircuitBreaker', 'Enable');
        const rollback = prop(res, 'DeploymentConfiguration', 'DeploymentCircuitBreaker', 'Rollback');
        let weak = false;
        if (!cb || isNoValue(cb)) {
          problems.push('has no deployment circuit breaker');
          breakerFix = 'both';
          weak = true;
        } else {
          const on = evaluate(t, enable, (v) => asBoolean(v ?? undefined) === true);
          const rb = on ? undefined : evaluate(t, rollback, (v) => asBoolean(v ?? undefined) === true);
          if (on) {
            problems.push(`has its deployment circuit breaker off${on.qualifier}`);
            if (on.literal || !enable) breakerFix = 'both';
            weak = true;
          } else if (rb) {
            problems.push(`has a deployment circuit breaker without rollback${rb.qualifier}`);
            if (rb.literal || !rollback) breakerFix = 'rollback';
            weak = true;
          }
        }
        if (weak) effects.push('a deployment whose tasks cannot start keeps retrying instead of rolling back to the last working revision');
      }

      if (!problems.length) continue;

      if (breakerFix) {
        const b = new FixBuilder(t);
        if (breakerFix === 'both') b.setProperty(res, ['DeploymentConfiguration', 'DeploymentCircuitBreaker', 'Enable'], true);
        b.setProperty(res, ['DeploymentConfiguration', 'DeploymentCircuitBreaker', 'Rollback'], true);
        const edits = b.build();
        if (edits) fixes.push({ title: 'Enable the deployment circuit breaker with rollback', edits, preferred: true, safe: true });
      }
      if (countFix) {
        const edits = new FixBuilder(t).setProperty(res, ['DesiredCount'], 2).build();
        if (edits) fixes.push({ title: 'Run two tasks (DesiredCount: 2)', edits, preferred: !breakerFix });
      }

      const list = problems.length > 1 ? `${problems.slice(0, -1).join(', ')} and ${problems[problems.length - 1]}` : problems[0];
      const eff = effects.length > 1 ? `${effects.slice(0, -1).join(', ')}, and ${effects[effects.length - 1]}` : effects[0];
      ctx.report({ ...keyRange(res), resource: res.id, message: `${res.id} ${list}: ${eff}.`, fixes, ...(related ? { related } : {}) });
    }
  },
});
