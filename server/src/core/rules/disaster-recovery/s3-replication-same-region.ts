import { defineRule } from '../contract';
import { unreadable } from '../../stores/data-stores';
import { Node, get, isMap, isScalar, isSeq, scalarString } from '../../parse/node';
import { asIntrinsic } from '../../parse/intrinsics';
import type { Template } from '../../parse/template';
import type { RelatedLocation } from '../../types';
import { literalItems, opaque, prop } from '../high-availability/_stores';
import { stringValues } from '../../graph/resolve';
import { WA } from '../well-architected';

const BUCKET = 'AWS::S3::Bucket';
const PARTITION = '(?:aws|aws-cn|aws-us-gov|\\$\\{AWS::Partition\\})';
const SUB_ARN = new RegExp(`^arn:${PARTITION}:s3:::\\$\\{([A-Za-z0-9]+)\\}$`);
const ARN_PREFIX = new RegExp(`^arn:${PARTITION}:s3:::$`);

/**
 * The buckets of this template a replication destination certainly names (`!GetAtt B.Arn`,
 * `!Ref B`, `!Sub arn:${AWS::Partition}:s3:::${B}`, `!Join ['', [arn:aws:s3:::, !Ref B]]`, or
 * `Fn::If` whose branches all do), or undefined when it may be a bucket elsewhere (a literal
 * ARN, a parameter, an import): its region cannot be told.
 */
function templateBuckets(t: Template, n: Node | undefined, depth = 0): string[] | undefined {
  if (!n || depth > 8) return undefined;
  const i = asIntrinsic(n);
  if (!i) return undefined;
  const bucket = (id: string | undefined) => (id && t.resources.get(id)?.type === BUCKET ? [id] : undefined);
  switch (i.fn) {
    case 'Ref':
      return bucket(scalarString(i.arg));
    case 'Fn::GetAtt': {
      const [id, attr] = isSeq(i.arg) ? [scalarString(i.arg.items[0]), scalarString(i.arg.items[1])] : (scalarString(i.arg)?.split('.') ?? []);
      return attr === 'Arn' ? bucket(id) : undefined;
    }
    case 'Fn::Sub': {
      const s = isScalar(i.arg) ? scalarString(i.arg) : isSeq(i.arg) && i.arg.items.length === 1 ? scalarString(i.arg.items[0]) : undefined;
      const m = s !== undefined ? SUB_ARN.exec(s) : null;
      return m ? bucket(m[1]) : undefined;
    }
    case 'Fn::Join': {
      if (!isSeq(i.arg) || i.arg.items.length !== 2 || scalarString(i.arg.items[0]) !== '' || !isSeq(i.arg.items[1])) return undefined;
      const parts = i.arg.items[1].items;
      if (parts.length !== 2) return undefined;
      const head = scalarString(parts[0]) ?? (asIntrinsic(parts[0])?.fn === 'Fn::Sub' ? scalarString(asIntrinsic(parts[0])!.arg) : undefined);
      if (head === undefined || !ARN_PREFIX.test(head)) return undefined;
      const tail = asIntrinsic(parts[1]);
      return tail?.fn === 'Ref' ? bucket(scalarString(tail.arg)) : undefined;
    }
    case 'Fn::If': {
      if (!isSeq(i.arg) || i.arg.items.length !== 3) return undefined;
      const a = templateBuckets(t, i.arg.items[1], depth + 1);
      const b = templateBuckets(t, i.arg.items[2], depth + 1);
      return a && b ? [...new Set([...a, ...b])] : undefined;
    }
    default:
      return undefined;
  }
}

export default defineRule({
  meta: {
    id: 's3-replication-same-region',
    area: 'disaster-recovery',
    severity: 'info',
    title: 'S3 replication stays in the same Region (same-Region replication is not disaster recovery)',
    fixable: false,
    docs: {
      summary:
        'An `AWS::S3::Bucket` whose `ReplicationConfiguration` sends every enabled rule to a bucket of the same template (`Destination.Bucket` written as `!GetAtt B.Arn`, `!Sub arn:${AWS::Partition}:s3:::${B}`, a `Fn::Join` of the same, or `Fn::If` between such buckets, followed through the dependency graph). A stack lives in one Region, so those copies are in the source\'s Region: same-Region replication (SRR). Destinations written as literal ARNs, parameters or imports may be in another Region and are not reported (their Region cannot be told from the template); neither are buckets with at least one rule replicating to such a destination, nor rules with `Status: Disabled`.',
      why: 'Same-Region replication keeps a second copy of every object, which protects against a deleted or corrupted bucket and is useful for log aggregation or separate accounts. It does not protect against what disaster recovery is for: a Regional event, a Region-wide service impairment, or an error that affects every bucket of the Region takes the source and the replica at once. Teams that set up replication as "the backup" often believe they have a DR copy when they do not.',
      fix: 'For disaster recovery, replicate to a bucket in another Region (cross-Region replication): create the destination bucket, with versioning, in a stack deployed to the recovery Region and reference its ARN (a parameter or an SSM parameter), then add `ReplicationTime` (S3 Replication Time Control, 99.99 % of objects within 15 minutes) and `Metrics` when the recovery point objective is tight. Keep the same-Region rule if it serves another purpose. No quick fix: the destination lives in another stack.',
      references: [
        { title: 'Amazon S3: replicating objects within and across Regions (SRR and CRR)', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html' },
        { title: 'Amazon S3: meeting compliance requirements with S3 Replication Time Control', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html' },
        { title: 'AWS::S3::Bucket ReplicationConfiguration', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-replicationconfiguration.html' },
        { title: 'AWS whitepaper: Disaster recovery of workloads on AWS (backup and restore, pilot light, warm standby, multi-site)', url: 'https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html' },
        WA.REL13_BP02,
        WA.REL09_BP01,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const res of t.resourcesByType.get(BUCKET) ?? []) {
      if (unreadable(res) || opaque(res, 'ReplicationConfiguration')) continue;
      const rules = literalItems(prop(res, 'ReplicationConfiguration', 'Rules'));
      if (!rules?.length) continue;
      const destinations: { node: Node; buckets: string[] }[] = [];
      let unknown = false;
      for (const rule of rules) {
        if (!isMap(rule) || asIntrinsic(rule, true)) {
          unknown = true;
          break;
        }
        const status = stringValues(t, get(rule, 'Status'));
        if (status && status.every((s) => s === 'Disabled')) continue;
        const node = get(get(rule, 'Destination'), 'Bucket');
        const buckets = templateBuckets(t, node);
        if (!node || !buckets) {
          unknown = true;
          break;
        }
        destinations.push({ node, buckets });
      }
      if (unknown || !destinations.length) continue;
      const all = [...new Set(destinations.flatMap((d) => d.buckets))];
      const related: RelatedLocation[] = all.map((id) => {
        const r = t.resources.get(id)!;
        return { start: r.key.start, end: r.key.end, message: `${id} is a bucket of this stack, in the same Region` };
      });
      const first = destinations[0].node;
      const names = all.length === 1 ? all[0] : `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}`;
      ctx.report({
        start: first.start,
        end: first.end,
        resource: res.id,
        message: `${res.id} replicates only to ${names}, ${all.length === 1 ? 'a bucket' : 'buckets'} of this stack and so of the same Region (same-Region replication): it protects against losing one bucket, not the Region; a Regional event affects the source and the replica alike. For disaster recovery, replicate to a bucket in another Region.`,
        related,
        fixes: [],
      });
    }
  },
});
