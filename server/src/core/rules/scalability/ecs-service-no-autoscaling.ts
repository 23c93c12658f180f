import { defineRule } from '../contract';
import { Node, isScalar, scalarString } from '../../parse/node';
import type { Resource, Template } from '../../parse/template';
import { FixBuilder } from '../../fix/builder';
import { FixValue, ref, sub } from '../../fix/value';
import type { Fix } from '../../types';
import { getAttName, keyRange, prop, refName } from '../high-availability/_ha';
import { TARGET, knownNames, literalCount, sameCondition, sizeOf, targetTrackingPolicy, targetsNaming } from './_scaling';
import { WA } from '../well-architected';

const SERVICE = 'AWS::ECS::Service';
const DIMENSION = 'ecs:service:DesiredCount';

/** The cluster's name as it goes into `service/<cluster>/<service>`: literal, `${X}`, or undefined. */
function clusterName(t: Template, svc: Resource): string | undefined {
  const c = prop(svc, 'Cluster');
  if (!c) return 'default';
  if (isScalar(c)) {
    const s = scalarString(c);
    if (!s || s.includes('${')) return undefined;
    const arn = /:cluster\/(.+)$/.exec(s);
    return arn ? arn[1] : s;
  }
  const r = refName(c);
  if (r && (t.parameters.has(r) || t.resources.get(r)?.type === 'AWS::ECS::Cluster')) return `\${${r}}`;
  const g = getAttName(c);
  if (g && t.resources.get(g)?.type === 'AWS::ECS::Cluster') return `\${${g}}`;
  return undefined;
}

/**
 * MinCapacity and MaxCapacity for a new target: at least the current DesiredCount (a number,
 * or the parameter it comes from) and never below two tasks, so that one task failing does
 * not stop the service; four times that at most.
 */
function capacities(t: Template, svc: Resource): { min: FixValue; max: number; minText: string } | undefined {
  const node: Node | undefined = prop(svc, 'DesiredCount');
  const n = node ? literalCount(node) : 1;
  if (n !== undefined) return { min: Math.max(n, 2), max: Math.max(n, 2) * 4, minText: String(Math.max(n, 2)) };
  const p = refName(node);
  const d = sizeOf(t, svc, 'DesiredCount').byDefault;
  if (!p || !t.parameters.has(p) || d === undefined || !Number.isInteger(d)) return undefined;
  if (d < 2) return { min: 2, max: 8, minText: '2' };
  return { min: ref(p), max: d * 4, minText: p };
}

export default defineRule({
  meta: {
    id: 'ecs-service-no-autoscaling',
    area: 'scalability',
    severity: 'warning',
    title: 'ECS service without Application Auto Scaling',
    fixable: true,
    docs: {
      summary:
        'An `AWS::ECS::Service` (replica scheduling) for which no `AWS::ApplicationAutoScaling::ScalableTarget` on `ecs:service:DesiredCount` exists. The target is found through the dependency graph: its `ResourceId` references the service (`!Sub service/${Cluster}/${Service.Name}`, `!Join ["/", [service, !Ref Cluster, !GetAtt Service.Name]]`), or names it the way the service is named (its literal `ServiceName`, or the same parameter). Daemon services, which run one task per instance, are not reported.',
      why: 'Without a scalable target the service runs `DesiredCount` tasks whatever the load. A peak saturates those tasks: requests queue, latency and errors climb, health checks fail under load and ECS replaces busy tasks, which makes it worse. Sizing every task for the peak (vertical scaling: more CPU and memory per task) wastes capacity the rest of the time and needs a new deployment each time the peak grows; adding tasks (horizontal scaling) absorbs it in a minute or two.',
      fix: 'Register the service with Application Auto Scaling: a `ScalableTarget` (`ServiceNamespace: ecs`, `ScalableDimension: ecs:service:DesiredCount`, `ResourceId: service/<cluster>/<service>`, `MinCapacity`/`MaxCapacity`) and a target-tracking `ScalingPolicy` (average CPU at 50 %, or `ALBRequestCountPerTarget` behind a load balancer). The quick fix adds both, with `MinCapacity` at the current `DesiredCount` and `MaxCapacity` at four times that; review the maximum against the cluster\'s capacity (and its capacity provider) and the downstream limits.',
      references: [
        { title: 'Amazon ECS: Automatically scale your Amazon ECS service', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-auto-scaling.html' },
        { title: 'Application Auto Scaling: Amazon ECS and Application Auto Scaling', url: 'https://docs.aws.amazon.com/autoscaling/application/userguide/services-that-can-integrate-ecs.html' },
        { title: 'AWS::ApplicationAutoScaling::ScalableTarget', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-applicationautoscaling-scalabletarget.html' },
        WA.REL07_BP01,
        WA.REL07,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const svc of t.resourcesByType.get(SERVICE) ?? []) {
      if (scalarString(prop(svc, 'SchedulingStrategy')) === 'DAEMON') continue;
      const names = knownNames(svc, 'ServiceName', ['Name']);
      const targets = targetsNaming(t, ctx.graph, svc, names).filter((x) => (x.dimension ?? DIMENSION) === DIMENSION && (x.namespace ?? 'ecs') === 'ecs');
      if (targets.length) continue;
      const message = `ECS service ${svc.id} has no Application Auto Scaling target: it runs the same number of tasks (DesiredCount) whatever the load; register a scalable target with a target-tracking policy so it scales out horizontally (more tasks) instead of sizing each task for the peak (vertical scaling needs a new deployment).`;

      const fixes: Fix[] = [];
      const cluster = clusterName(t, svc);
      const caps = capacities(t, svc);
      if (cluster !== undefined && caps) {
        const b = new FixBuilder(t);
        const targetId = b.uniqueId(`${svc.id}ScalableTarget`);
        const policyId = b.uniqueId(`${svc.id}CpuScalingPolicy`);
        b.addResource(targetId, {
          Type: TARGET,
          ...sameCondition(svc),
          Properties: {
            MaxCapacity: caps.max,
            MinCapacity: caps.min,
            ResourceId: sub(`service/${cluster}/\${${svc.id}.Name}`),
            ScalableDimension: DIMENSION,
            ServiceNamespace: 'ecs',
          },
        });
        const policy = targetTrackingPolicy(policyId, ref(targetId), DIMENSION)!;
        b.addResource(policyId, { Type: policy.Type, ...sameCondition(svc), Properties: policy.Properties });
        const edits = b.build();
        if (edits) fixes.push({ title: `Add a scalable target (${caps.minText} to ${caps.max} tasks) and a target-tracking policy (average CPU 50 %)`, edits, preferred: true });
      }
      ctx.report({ ...keyRange(svc), resource: svc.id, message, fixes });
    }
  },
});
