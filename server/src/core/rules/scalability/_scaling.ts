/**
 * What scales what, read from the model and the graph; shared by the scalability rules.
 *
 * - EC2 Auto Scaling: the `AWS::AutoScaling::ScalingPolicy` and `ScheduledAction` resources
 *   naming a group (`AutoScalingGroupName: !Ref Group`, or the group's literal name), scaling
 *   plans, ECS capacity providers with managed scaling, the Kubernetes cluster autoscaler's
 *   tag; the group's MinSize/MaxSize through resolve.ts.
 * - Application Auto Scaling: scalable targets with their `ResourceId` rendered as text
 *   (`service/${Cluster}/${Service.Name}` for `!Join ['/', [service, !Ref Cluster, !GetAtt
 *   Service.Name]]`), the resources it names (graph edges, or names written literally or
 *   through the same parameter), and the policies attached to each target.
 */
import { Node, get, isScalar, isSeq, scalarNumber, scalarString } from '../../parse/node';
import { asIntrinsic } from '../../parse/intrinsics';
import type { Resource, Template } from '../../parse/template';
import type { Graph } from '../../graph/graph';
import { PossibleValues, possibleValues } from '../../graph/resolve';
import type { FixValue } from '../../fix/value';
import { isNoValue, prop } from '../high-availability/_ha';

export const ASG = 'AWS::AutoScaling::AutoScalingGroup';
export const ASG_POLICY = 'AWS::AutoScaling::ScalingPolicy';
export const ASG_SCHEDULE = 'AWS::AutoScaling::ScheduledAction';
export const TARGET = 'AWS::ApplicationAutoScaling::ScalableTarget';
export const AAS_POLICY = 'AWS::ApplicationAutoScaling::ScalingPolicy';

export interface AsgScalers {
  policies: Resource[];
  scheduled: Resource[];
  /** Other things that change the group's capacity, described ("ECS capacity provider Provider"). */
  others: string[];
}

function uniq(list: Resource[]): Resource[] {
  return [...new Set(list)];
}

/** Everything that changes an Auto Scaling group's capacity. */
export function asgScalers(t: Template, g: Graph, asg: Resource): AsgScalers {
  const byName = (type: string): Resource[] => {
    const refs = g.referencesAt(asg.id, ['Properties', 'AutoScalingGroupName'], { fromType: type }).map((r) => t.resources.get(r.source)!);
    const name = scalarString(prop(asg, 'AutoScalingGroupName'));
    const literal = name ? (t.resourcesByType.get(type) ?? []).filter((p) => scalarString(prop(p, 'AutoScalingGroupName')) === name) : [];
    return uniq([...refs, ...literal].filter(Boolean));
  };
  const others: string[] = [];
  for (const e of g.dependents(asg.id)) {
    const src = g.nodes.get(e.from);
    if (src?.type === 'AWS::AutoScalingPlans::ScalingPlan') others.push(`scaling plan ${src.name}`);
  }
  for (const r of g.referencesAt(asg.id, ['Properties', 'AutoScalingGroupProvider', 'AutoScalingGroupArn'], { fromType: 'AWS::ECS::CapacityProvider' })) {
    const cp = t.resources.get(r.source);
    const managed = cp ? get(prop(cp, 'AutoScalingGroupProvider'), 'ManagedScaling') : undefined;
    if (managed && scalarString(get(managed, 'Status')) !== 'DISABLED') others.push(`ECS capacity provider ${r.source} (managed scaling)`);
  }
  const tags = prop(asg, 'Tags');
  if (isSeq(tags) && tags.items.some((i) => scalarString(get(i, 'Key')) === 'k8s.io/cluster-autoscaler/enabled')) others.push('the Kubernetes cluster autoscaler (k8s.io/cluster-autoscaler/enabled tag)');
  return { policies: byName(ASG_POLICY), scheduled: byName(ASG_SCHEDULE), others: [...new Set(others)] };
}

export interface SizeValue {
  node: Node | undefined;
  pv: PossibleValues;
  /** The value when it is one literal number whatever the parameters. */
  certain?: number;
  /** The value with every parameter at its default. */
  byDefault?: number;
}

export function sizeOf(t: Template, res: Resource, key: string): SizeValue {
  const node = prop(res, key);
  const pv = possibleValues(t, node);
  const nums = pv.values.map(Number);
  const certain = !pv.unknown && !pv.noValue && nums.length === 1 && Number.isFinite(nums[0]) ? nums[0] : undefined;
  const d = pv.default !== undefined ? Number(pv.default) : undefined;
  return { node, pv, ...(certain !== undefined ? { certain } : {}), ...(d !== undefined && Number.isFinite(d) ? { byDefault: d } : {}) };
}

export type Equality = 'always' | 'by-default' | 'no';

/**
 * Whether MinSize equals MaxSize: always (same literal, same parameter), only with the
 * parameters at their defaults, or not (or it cannot be told).
 */
export function minEqualsMax(t: Template, asg: Resource): { eq: Equality; min: SizeValue; max: SizeValue } {
  const min = sizeOf(t, asg, 'MinSize');
  const max = sizeOf(t, asg, 'MaxSize');
  const sameRef = (() => {
    const a = asIntrinsic(min.node);
    const b = asIntrinsic(max.node);
    return !!a && !!b && a.fn === 'Ref' && b.fn === 'Ref' && scalarString(a.arg) !== undefined && scalarString(a.arg) === scalarString(b.arg);
  })();
  if (sameRef || (min.certain !== undefined && min.certain === max.certain)) return { eq: 'always', min, max };
  if (min.byDefault !== undefined && min.byDefault === max.byDefault) return { eq: 'by-default', min, max };
  return { eq: 'no', min, max };
}

/** Both properties are `!Ref` to the same parameter. */
function sameParameter(t: Template, a: Node | undefined, b: Node | undefined): string | undefined {
  const x = asIntrinsic(a);
  const y = asIntrinsic(b);
  if (x?.fn !== 'Ref' || y?.fn !== 'Ref') return undefined;
  const name = scalarString(x.arg);
  return name !== undefined && name === scalarString(y.arg) && t.parameters.has(name) ? name : undefined;
}

/**
 * A group sized by one deploy-time parameter: `MinSize` and `MaxSize`, or `DesiredCapacity`
 * and `MaxSize`, are the same parameter. The author pins the group at a size the deployer
 * picks (quorum clusters such as Vault, etcd, Kubernetes masters): a fixed size by design.
 */
export function sizedByParameter(t: Template, asg: Resource): string | undefined {
  const max = prop(asg, 'MaxSize');
  return sameParameter(t, prop(asg, 'MinSize'), max) ?? sameParameter(t, prop(asg, 'DesiredCapacity'), max);
}

/** Parameters a size depends on, for "unless parameters … are changed". */
export function sizeParameters(...sizes: SizeValue[]): string[] {
  return [...new Set(sizes.flatMap((s) => s.pv.dependsOn.parameters))];
}

// ---------------------------------------------------------------------------------------
// Application Auto Scaling

/**
 * A `ResourceId` (or any name) as text: literals as written, `${X}` for `!Ref X`, `${X.Attr}`
 * for `!GetAtt X.Attr`, `Fn::Sub` text with its variable map applied, `Fn::Join` joined.
 * Undefined when some piece is something else (an import, a condition).
 */
export function renderName(n: Node | undefined, depth = 0): string | undefined {
  if (!n || depth > 8) return undefined;
  if (isScalar(n)) return n.value === null ? undefined : String(n.value);
  const i = asIntrinsic(n);
  if (!i) return undefined;
  switch (i.fn) {
    case 'Ref': {
      const name = scalarString(i.arg);
      return name ? `\${${name}}` : undefined;
    }
    case 'Fn::GetAtt': {
      const parts = isSeq(i.arg) ? i.arg.items.map(scalarString) : [scalarString(i.arg)];
      return parts.every((p) => p) ? `\${${parts.join('.')}}` : undefined;
    }
    case 'Fn::Sub': {
      const text = scalarString(isSeq(i.arg) ? i.arg.items[0] : i.arg);
      if (text === undefined) return undefined;
      const vars = isSeq(i.arg) ? i.arg.items[1] : undefined;
      let failed = false;
      const out = text.replace(/\$\{([^}!][^}]*)\}/g, (whole, name: string) => {
        const v = get(vars, name.trim());
        if (!v) return whole;
        const r = renderName(v, depth + 1);
        if (r === undefined) failed = true;
        return r ?? whole;
      });
      return failed ? undefined : out;
    }
    case 'Fn::Join': {
      if (!isSeq(i.arg) || i.arg.items.length !== 2 || !isSeq(i.arg.items[1])) return undefined;
      const sep = scalarString(i.arg.items[0]) ?? '';
      const parts = i.arg.items[1].items.map((p) => renderName(p, depth + 1));
      return parts.every((p) => p !== undefined) ? parts.join(sep) : undefined;
    }
  }
  return undefined;
}

export interface TargetInfo {
  res: Resource;
  namespace?: string;
  dimension?: string;
  /** `ResourceId` rendered (see renderName). */
  resourceId?: string;
}

export function targetInfo(res: Resource): TargetInfo {
  return {
    res,
    namespace: scalarString(prop(res, 'ServiceNamespace')),
    dimension: scalarString(prop(res, 'ScalableDimension')),
    resourceId: renderName(prop(res, 'ResourceId')),
  };
}

/**
 * Scalable targets whose `ResourceId` names `res`: through a graph edge (a `Ref`, `GetAtt` or
 * `Sub` variable in the `ResourceId`), or because the rendered `ResourceId` contains one of
 * the names the resource is known by (`names`: its literal name, `${Param}` when the name is
 * a parameter).
 */
export function targetsNaming(t: Template, g: Graph, res: Resource, names: string[]): TargetInfo[] {
  const out = new Map<string, TargetInfo>();
  for (const r of g.referencesAt(res.id, ['Properties', 'ResourceId'], { fromType: TARGET })) {
    const target = t.resources.get(r.source);
    if (target) out.set(target.id, targetInfo(target));
  }
  const wanted = names.filter((n) => n.length > 0);
  if (wanted.length) {
    for (const target of t.resourcesByType.get(TARGET) ?? []) {
      if (out.has(target.id)) continue;
      const info = targetInfo(target);
      const segments = info.resourceId?.split('/') ?? [];
      if (segments.some((s) => wanted.includes(s))) out.set(target.id, info);
    }
  }
  return [...out.values()];
}

/** The policies attached to a target: `ScalingTargetId` naming it, or the same ResourceId, dimension and namespace. */
export function targetPolicies(t: Template, g: Graph, target: TargetInfo): Resource[] {
  const out = new Set<Resource>();
  for (const r of g.referencesAt(target.res.id, ['Properties', 'ScalingTargetId'], { fromType: AAS_POLICY })) {
    const p = t.resources.get(r.source);
    if (p) out.add(p);
  }
  if (target.resourceId !== undefined) {
    for (const p of t.resourcesByType.get(AAS_POLICY) ?? []) {
      if (prop(p, 'ScalingTargetId')) continue;
      if (renderName(prop(p, 'ResourceId')) !== target.resourceId) continue;
      const dim = scalarString(prop(p, 'ScalableDimension'));
      if (target.dimension && dim && dim !== target.dimension) continue;
      out.add(p);
    }
  }
  return [...out];
}

/** Whether a target has scheduled actions of its own. */
export function hasScheduledActions(target: Resource): boolean {
  const s = prop(target, 'ScheduledActions');
  if (!s || isNoValue(s)) return false;
  return !isSeq(s) || s.items.length > 0;
}

/** Names a resource is known by in a `ResourceId`: `${Id}`, `${Id.Attr}` for the given attributes, and its name property. */
export function knownNames(res: Resource, nameProperty: string, attrs: string[]): string[] {
  const names = [`\${${res.id}}`, ...attrs.map((a) => `\${${res.id}.${a}}`)];
  const written = renderName(prop(res, nameProperty));
  if (written) names.push(written);
  return names;
}

/** Target-tracking settings per scalable dimension: the predefined metric and a target value. */
export const PREDEFINED_TARGETS: Record<string, { metric: string; value: number }> = {
  'ecs:service:DesiredCount': { metric: 'ECSServiceAverageCPUUtilization', value: 50 },
  'dynamodb:table:ReadCapacityUnits': { metric: 'DynamoDBReadCapacityUtilization', value: 70 },
  'dynamodb:table:WriteCapacityUnits': { metric: 'DynamoDBWriteCapacityUtilization', value: 70 },
  'dynamodb:index:ReadCapacityUnits': { metric: 'DynamoDBReadCapacityUtilization', value: 70 },
  'dynamodb:index:WriteCapacityUnits': { metric: 'DynamoDBWriteCapacityUtilization', value: 70 },
  'rds:cluster:ReadReplicaCount': { metric: 'RDSReaderAverageCPUUtilization', value: 50 },
  'ec2:spot-fleet-request:TargetCapacity': { metric: 'EC2SpotFleetRequestAverageCPUUtilization', value: 50 },
  'elasticache:replication-group:Replicas': { metric: 'ElastiCacheReplicaEngineCPUUtilization', value: 50 },
  'lambda:function:ProvisionedConcurrency': { metric: 'LambdaProvisionedConcurrencyUtilization', value: 0.7 },
};

/** The body of an Application Auto Scaling target-tracking policy for a target. */
export function targetTrackingPolicy(policyName: string, targetId: FixValue, dimension: string): Record<string, FixValue> | undefined {
  const p = PREDEFINED_TARGETS[dimension];
  if (!p) return undefined;
  return {
    Type: AAS_POLICY,
    Properties: {
      PolicyName: policyName,
      PolicyType: 'TargetTrackingScaling',
      ScalingTargetId: targetId,
      TargetTrackingScalingPolicyConfiguration: {
        PredefinedMetricSpecification: { PredefinedMetricType: p.metric },
        TargetValue: p.value,
      },
    },
  };
}

/** A literal count, or undefined. */
export function literalCount(n: Node | undefined): number | undefined {
  const v = scalarNumber(n);
  return v !== undefined && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/** `{Condition: X}` when the resource has a condition: resources a fix adds for it exist with it. */
export function sameCondition(res: Resource): Record<string, FixValue> {
  const c = res.condition ? scalarString(res.condition) : undefined;
  return c ? { Condition: c } : {};
}

