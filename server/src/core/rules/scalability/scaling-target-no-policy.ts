import { defineRule } from '../contract';
import { FixBuilder } from '../../fix/builder';
import { ref } from '../../fix/value';
import type { Fix } from '../../types';
import { keyRange } from '../high-availability/_ha';
import { PREDEFINED_TARGETS, TARGET, hasScheduledActions, sameCondition, targetInfo, targetPolicies, targetTrackingPolicy } from './_scaling';
import { WA } from '../well-architected';

export default defineRule({
  meta: {
    id: 'scaling-target-no-policy',
    area: 'scalability',
    severity: 'warning',
    title: 'Application Auto Scaling target without a scaling policy',
    fixable: true,
    docs: {
      summary:
        'An `AWS::ApplicationAutoScaling::ScalableTarget` with no `ScheduledActions` of its own and no `AWS::ApplicationAutoScaling::ScalingPolicy` attached: neither one naming it in `ScalingTargetId` (found through the dependency graph) nor one giving the same `ResourceId`, `ScalableDimension` and `ServiceNamespace`.',
      why: 'A scalable target only registers the resource and its capacity range; it is the policies and scheduled actions that change the capacity. A target on its own does nothing: the ECS service, DynamoDB table, Aurora replica count or Lambda provisioned concurrency stays where it is at deployment while the template reads as if it scaled, and the first peak finds it at its minimum.',
      fix: 'Attach a target-tracking policy (`PolicyType: TargetTrackingScaling`, `ScalingTargetId: !Ref Target`) on the predefined metric of the dimension: `ECSServiceAverageCPUUtilization` for ECS services, `DynamoDBReadCapacityUtilization`/`DynamoDBWriteCapacityUtilization` for DynamoDB, `RDSReaderAverageCPUUtilization` for Aurora replicas, `LambdaProvisionedConcurrencyUtilization` for provisioned concurrency; or add `ScheduledActions` for known peaks. The quick fix adds the target-tracking policy for the dimensions it knows a sensible target for.',
      references: [
        { title: 'Application Auto Scaling: Target tracking scaling policies', url: 'https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html' },
        { title: 'Application Auto Scaling: Predefined metrics for target tracking', url: 'https://docs.aws.amazon.com/autoscaling/application/userguide/monitor-cloudwatch-metrics.html#predefined-metrics' },
        { title: 'AWS::ApplicationAutoScaling::ScalingPolicy', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-applicationautoscaling-scalingpolicy.html' },
        WA.REL07_BP01,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const res of t.resourcesByType.get(TARGET) ?? []) {
      if (hasScheduledActions(res)) continue;
      const info = targetInfo(res);
      if (targetPolicies(t, ctx.graph, info).length) continue;
      const what = info.dimension ? ` (${info.dimension})` : '';
      const message = `Scalable target ${res.id}${what} has no scaling policy or scheduled action: the capacity it registers never changes; attach a target-tracking policy so it scales with the load.`;
      const fixes: Fix[] = [];
      const known = info.dimension ? PREDEFINED_TARGETS[info.dimension] : undefined;
      if (known && info.dimension) {
        const b = new FixBuilder(t);
        const policyId = b.uniqueId(`${res.id.replace(/ScalableTarget$|Target$/, '')}ScalingPolicy`);
        const policy = targetTrackingPolicy(policyId, ref(res.id), info.dimension)!;
        b.addResource(policyId, { Type: policy.Type, ...sameCondition(res), Properties: policy.Properties });
        const edits = b.build();
        if (edits) fixes.push({ title: `Add a target-tracking policy (${known.metric} at ${known.value < 1 ? `${Math.round(known.value * 100)} %` : `${known.value} %`})`, edits, preferred: true });
      }
      ctx.report({ ...keyRange(res), resource: res.id, message, fixes });
    }
  },
});
