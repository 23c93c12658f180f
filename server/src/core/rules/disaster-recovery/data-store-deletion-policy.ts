import { defineRule } from '../contract';
import { FixBuilder } from '../../fix/builder';
import { isScalar } from '../../parse/node';
import type { Resource, Template } from '../../parse/template';
import type { Fix } from '../../types';
import type { Check } from '../../graph/resolve';
import { DataStore, PolicyAttribute, dataStores, policyCheck, policyNode, protectivePolicy } from '../../stores/data-stores';
import { WA } from '../well-architected';

const ATTRIBUTES: PolicyAttribute[] = ['DeletionPolicy', 'UpdateReplacePolicy'];

interface Weak {
  attr: PolicyAttribute;
  check: Extract<Check, { status: 'bad' | 'conditional' }>;
}

/** "no UpdateReplacePolicy", "DeletionPolicy Delete", "DeletionPolicy Delete unless condition IsProd is true". */
function phrase(w: Weak): string {
  const c = w.check;
  if (c.status === 'conditional') return `${w.attr} Delete ${c.phrase}`;
  return c.literal && c.value === undefined ? `no ${w.attr}` : `${w.attr} ${c.how}`;
}

function consequence(d: DataStore, weak: Weak[]): string {
  const s = d.store;
  const onDelete = weak.some((w) => w.attr === 'DeletionPolicy');
  const onReplace = weak.some((w) => w.attr === 'UpdateReplacePolicy');
  const when = onDelete && onReplace
    ? 'deleting the stack, removing the resource from the template or an update that replaces it'
    : onDelete
      ? 'deleting the stack or removing the resource from the template'
      : 'an update that replaces it (a change to a property whose update requires replacement)';
  if (s.kind === 'bucket') {
    return `${when} makes CloudFormation delete ${s.what} as soon as it is empty (a bucket that still holds objects makes the deletion fail, and after a replacement the application points at a new, empty bucket)`;
  }
  const what = onReplace && !onDelete ? `the old ${s.label} and ${s.what}` : s.what;
  const note = s.kind === 'cache' ? ' (harmless if it only caches data kept elsewhere)' : '';
  const fallback = s.defaultDeletion === 'Snapshot' && onReplace && !onDelete ? '; DeletionPolicy defaults to Snapshot for this type, UpdateReplacePolicy does not' : '';
  return `${when} deletes ${what} with no final ${s.snapshot ? 'snapshot' : 'copy'} to restore from${note}${fallback}`;
}

/** Sets every attribute that is absent or a plain scalar to Snapshot (where supported) or Retain. */
function fixFor(t: Template, res: Resource, d: DataStore, weak: Weak[]): Fix | undefined {
  if (weak.some((w) => w.check.status !== 'bad' || !w.check.literal)) return undefined;
  const value = protectivePolicy(d.store);
  const b = new FixBuilder(t);
  for (const attr of ATTRIBUTES) {
    const node = policyNode(res, attr);
    const needed = weak.some((w) => w.attr === attr) || node === undefined;
    if (!needed) continue;
    if (node !== undefined && !isScalar(node)) return undefined;
    b.setIn(res, [attr], value);
  }
  const edits = b.build();
  if (!edits) return undefined;
  return { title: `Set DeletionPolicy and UpdateReplacePolicy to ${value}`, edits, preferred: true, safe: true };
}

export default defineRule({
  meta: {
    id: 'data-store-deletion-policy',
    area: 'disaster-recovery',
    severity: 'warning',
    title: 'Data store deleted with its stack or on replacement (no Snapshot/Retain policy)',
    fixable: true,
    cfnLint: ['I3011', 'W3011'],
    docs: {
      summary:
        'A resource that holds data without `DeletionPolicy` and `UpdateReplacePolicy` of `Snapshot` or `Retain` (`RetainExceptOnCreate` also counts for `DeletionPolicy`). Checked: RDS DB instances (not those of an Aurora cluster, nor read replicas) and DB clusters, DocumentDB and Neptune clusters, Redshift clusters, EBS volumes, EFS and FSx file systems, DynamoDB tables and global tables (and SAM `SimpleTable`), ElastiCache replication groups and Redis OSS/Valkey cache clusters, MemoryDB clusters, OpenSearch and Elasticsearch domains, and S3 buckets that hold data. CloudFormation defaults `DeletionPolicy` to `Snapshot` for RDS DB clusters and for DB instances outside a cluster, so there only `UpdateReplacePolicy` is missing; everywhere else both default to `Delete`. S3 buckets whose role the template shows are skipped: static websites (`WebsiteConfiguration`, the origin of a CloudFront distribution, or a bucket whose `BucketName` is written like the `Name` of a Route 53 record of the template, as a bucket serving a site under its own domain must be), log buckets (`AccessControl: LogDeliveryWrite`, or the destination of S3 access logs, CloudTrail, VPC flow logs, load balancer or CloudFront logs, AWS Config, WAF logs) and buckets of build artifacts or query results (CodePipeline, CodeBuild, Athena): their content is rebuilt from its source or kept for audit by other means. Policies written with `Fn::If` or a parameter are judged in every case: when the defaults keep the data nothing is reported, otherwise the finding is informational and says when the data is deleted. S3 buckets and ElastiCache findings are informational: CloudFormation cannot delete a bucket that still holds objects, and a cache may hold nothing that is not kept elsewhere.',
      why: 'Without these policies, data is one command away from deletion. Deleting the stack (by mistake, or a pipeline tearing down the wrong environment), removing the resource from the template, or an update that changes a property whose update requires replacement (a table\'s key schema, a database identifier, a volume\'s zone) makes CloudFormation delete the resource and its data, with no final snapshot. An update that replaces a database creates a new, empty one: the application keeps running against it while the data is gone. Automated backups belong to the resource and most are deleted with it, so they rarely help.',
      fix: 'Set both attributes: `Snapshot` for the types that support it (RDS DB instances and clusters, DocumentDB and Neptune clusters, Redshift clusters, EBS volumes, ElastiCache), which keeps a final snapshot to restore from, and `Retain` for the others, which leaves the resource and its data in place when it leaves the stack (remove or import it afterwards). The quick fix does that. Snapshots and retained resources keep costing until deleted; in environments meant to be thrown away, keep `Delete` but make it explicit with a condition (`!If [IsProd, Retain, Delete]`).',
      references: [
        { title: 'DeletionPolicy attribute', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html' },
        { title: 'UpdateReplacePolicy attribute', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-updatereplacepolicy.html' },
        { title: 'Update behaviors of stack resources', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-update-behaviors.html' },
        { title: 'Prevent updates to stack resources (stack policies)', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/protect-stack-resources.html' },
        WA.REL09_BP01,
        WA.REL13,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const d of dataStores(t, ctx.graph)) {
      const res = d.resource;
      const weak: Weak[] = [];
      for (const attr of ATTRIBUTES) {
        const c = policyCheck(t, res, attr, d.store);
        if (c.status === 'bad' || c.status === 'conditional') weak.push({ attr, check: c });
      }
      if (!weak.length) continue;
      const conditional = weak.every((w) => w.check.status === 'conditional');
      const at = weak.map((w) => policyNode(res, w.attr)).find((n) => n && n.end > n.start);
      const label = d.store.kind === 'bucket' ? 'S3 bucket holding data' : d.store.label;
      const missingBoth = weak.length === 2 && weak.every((w) => w.check.status === 'bad' && w.check.literal && w.check.value === undefined);
      const what = missingBoth ? 'has no DeletionPolicy or UpdateReplacePolicy' : `has ${weak.map(phrase).join(' and ')}`;
      const fix = fixFor(t, res, d, weak);
      ctx.report({
        start: at ? at.start : res.key.start,
        end: at ? at.end : res.key.end,
        resource: res.id,
        ...(conditional || d.store.kind === 'bucket' || d.store.kind === 'cache' ? { severity: 'info' as const } : {}),
        message: `${res.id} (${label}) ${what}: ${consequence(d, weak)}.`,
        fixes: fix ? [fix] : [],
      });
    }
  },
});
