import { defineRule } from '../contract';
import { FixBuilder } from '../../fix/builder';
import { Node, get, isMap, isScalar } from '../../parse/node';
import { asIntrinsic } from '../../parse/intrinsics';
import type { Resource, Template } from '../../parse/template';
import type { Fix, RelatedLocation } from '../../types';
import { asBoolean, possibleValues } from '../../graph/resolve';
import { absent, opaque, prop  } from '../high-availability/_stores';
import { isNoValue } from '../../graph/resolve';
import type { Check } from '../../graph/resolve';
import { bucketRole, checkIn, unreadable } from '../../stores/data-stores';
import { WA } from '../well-architected';

const BUCKET = 'AWS::S3::Bucket';

/** Object Lock turned on at creation: S3 enables versioning with it, for good. */
function objectLock(t: Template, res: Resource): boolean {
  const n = prop(res, 'ObjectLockEnabled');
  if (!n) return false;
  const pv = possibleValues(t, n);
  return !pv.unknown && !pv.noValue && pv.values.length > 0 && pv.values.every((v) => asBoolean(v) === true);
}

function fixFor(t: Template, res: Resource, safe: boolean): Fix | undefined {
  const conf = get(res.properties, 'VersioningConfiguration');
  const b = new FixBuilder(t);
  if (conf) {
    if (!isMap(conf) || asIntrinsic(conf, true)) return undefined;
    const status = get(conf, 'Status');
    if (status && !isScalar(status)) return undefined;
    b.set(conf, ['Status'], 'Enabled');
  } else b.setProperty(res, ['VersioningConfiguration', 'Status'], 'Enabled');
  const edits = b.build();
  return edits ? { title: 'Enable versioning (VersioningConfiguration Status: Enabled)', edits, preferred: true, safe } : undefined;
}

function detail(c: Extract<Check, { status: 'bad' }>, conf: Node | undefined): string {
  if (!conf || isNoValue(conf)) return 'no VersioningConfiguration';
  if (c.literal && c.value === undefined) return 'VersioningConfiguration without Status';
  return `VersioningConfiguration Status: ${c.how}`;
}

export default defineRule({
  meta: {
    id: 's3-bucket-no-versioning',
    area: 'disaster-recovery',
    severity: 'warning',
    title: 'S3 bucket holding data or replicated without versioning',
    fixable: true,
    docs: {
      summary:
        'An `AWS::S3::Bucket` whose `VersioningConfiguration.Status` is absent (versioning off) or `Suspended`, when the bucket is a replication source (`ReplicationConfiguration`), the destination of another bucket\'s replication in the template (found through the dependency graph), or holds data. A bucket holds data unless the template shows another role: a static website (`WebsiteConfiguration`, the origin of a CloudFront distribution, or a bucket whose `BucketName` is written like the `Name` of a Route 53 record of the template, as a bucket serving a site under its own domain must be), a log bucket (`AccessControl: LogDeliveryWrite`, or the destination of S3 access logs, CloudTrail, VPC flow logs, load balancer or CloudFront logs, AWS Config, WAF logs), or build artifacts and query results (CodePipeline, CodeBuild, Athena). Buckets with `ObjectLockEnabled: true` are versioned by S3. Replication sources and destinations without versioning are errors; a value from `Fn::If` or a parameter is judged in every case (informational when it is off with the default parameters).',
      why: 'Without versioning, an object overwritten or deleted (by the application, a bug, a lifecycle rule, a person, or ransomware with write access) is gone: S3 keeps its data durable, not its history. With versioning, every overwrite keeps the previous version and a delete only adds a delete marker, so any earlier version can be restored. Replication also depends on it: S3 refuses a replication configuration unless both the source and the destination buckets have versioning enabled, so such a stack fails to deploy.',
      fix: 'Set `VersioningConfiguration: {Status: Enabled}` (the quick fix). Versioning cannot be turned off afterwards, only suspended, and old versions are billed: add a lifecycle rule with `NoncurrentVersionExpiration` (for example 30 days) to bound the cost. For protection against deletion of the versions themselves, add MFA delete or Object Lock, and replicate to another Region.',
      references: [
        { title: 'Amazon S3: retaining multiple versions of objects with S3 Versioning', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html' },
        { title: 'Amazon S3: requirements and considerations for replication', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-requirements.html' },
        { title: 'AWS::S3::Bucket VersioningConfiguration', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-versioningconfiguration.html' },
        { title: 'AWS Security Hub S3.14 (S3 general purpose buckets should have versioning enabled)', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-14' },
        WA.REL09_BP01,
        WA.REL13,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    const g = ctx.graph;
    for (const res of t.resourcesByType.get(BUCKET) ?? []) {
      if (unreadable(res) || opaque(res) || objectLock(t, res)) continue;
      // Replication written unconditionally (a configuration chosen by Fn::If is judged as data only).
      const conf0 = prop(res, 'ReplicationConfiguration');
      const source = isMap(conf0) && !asIntrinsic(conf0);
      const sources = [...new Set(g.referencesAt(res.id, ['Properties', 'ReplicationConfiguration'], { fromType: BUCKET, unconditional: true }).map((r) => r.source))].filter(
        (s) => s !== res.id && !t.resources.get(s)?.condition,
      );
      const replicated = source || sources.length > 0;
      if (!replicated && bucketRole(t, g, res).role !== 'data') continue;
      const conf = get(res.properties, 'VersioningConfiguration');
      const c = checkIn(t, conf, 'Status', (v) => (v === undefined || v === null ? false : String(v) === 'Enabled' ? true : String(v) === 'Suspended' ? false : undefined), 'not set', 'Enabled');
      if (c.status === 'good' || c.status === 'unknown') continue;
      const status = conf && isMap(conf) && !asIntrinsic(conf) ? get(conf, 'Status') : undefined;
      const at = status && status.end > status.start ? status : conf && asIntrinsic(conf) && !isNoValue(conf) ? conf : undefined;
      const range = at ? { start: at.start, end: at.end } : { start: res.key.start, end: res.key.end };
      const related: RelatedLocation[] = sources.map((s) => {
        const r = t.resources.get(s)!;
        return { start: r.key.start, end: r.key.end, message: `${s} replicates to ${res.id}` };
      });
      const role = source
        ? `${res.id} replicates its objects (ReplicationConfiguration)`
        : sources.length
          ? `${res.id} is the destination of the replication of ${sources.join(', ')}`
          : `${res.id} (S3 bucket holding data)`;
      const effect = replicated
        ? 'S3 refuses a replication configuration unless both the source and the destination buckets have versioning enabled, so the stack fails to deploy'
        : 'an object overwritten or deleted (by the application, a bug, a lifecycle rule or a person) is gone for good; with versioning, S3 keeps earlier versions and a delete only adds a delete marker, so they can be restored';
      if (c.status === 'conditional') {
        ctx.report({ ...range, resource: res.id, severity: 'info', message: `${role} has versioning off ${c.phrase}: while it is off, ${effect}.`, related, fixes: [] });
        continue;
      }
      const fix = c.literal || absent(conf) ? fixFor(t, res, replicated) : undefined;
      ctx.report({
        ...range,
        resource: res.id,
        ...(replicated ? { severity: 'error' as const } : {}),
        message: `${role}${replicated ? ' but has' : ' has'} no versioning (${detail(c, conf)}): ${effect}.`,
        related,
        fixes: fix ? [fix] : [],
      });
    }
  },
});
