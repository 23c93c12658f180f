import { defineRule } from '../contract';
import { get, isMap, isSeq } from '../../parse/node';
import { asIntrinsic } from '../../parse/intrinsics';
import type { Resource, Template } from '../../parse/template';
import type { Fix, RelatedLocation } from '../../types';
import { prop } from '../high-availability/_stores';
import { FixBuilder } from '../../fix/builder';
import { PLAN, SELECTION, backupCoverage } from '../../stores/backup-selection';
import { DataStore, checkIn, dataStores } from '../../stores/data-stores';
import { WA } from '../well-architected';

/** EFS with `BackupPolicy: {Status: ENABLED}` is backed up by the default EFS plan of AWS Backup. */
function efsAutomaticBackups(t: Template, res: Resource): boolean {
  if (res.type !== 'AWS::EFS::FileSystem') return false;
  const c = checkIn(t, prop(res, 'BackupPolicy'), 'Status', (v) => (v === undefined || v === null ? false : String(v) === 'ENABLED'), 'not set');
  return c.status !== 'bad' && c.status !== 'conditional';
}

/** A selection whose `Resources` list the store can simply be appended to (no tag conditions or exclusions to defeat it). */
function appendableSelection(selections: Resource[]): { selection: Resource; list: NonNullable<ReturnType<typeof get>> } | undefined {
  for (const s of selections) {
    if (s.condition) continue;
    const spec = prop(s, 'BackupSelection');
    if (!isMap(spec) || asIntrinsic(spec, true)) continue;
    if (get(spec, 'Conditions') || get(spec, 'NotResources')) continue;
    const list = get(spec, 'Resources');
    if (isSeq(list) && list.items.length) return { selection: s, list };
  }
  return undefined;
}

function fixFor(t: Template, d: DataStore, selections: Resource[]): Fix | undefined {
  const target = appendableSelection(selections);
  if (!target || !d.store.backup) return undefined;
  const edits = new FixBuilder(t).append(target.list, d.store.backup.arn(d.resource.id)).build();
  if (!edits) return undefined;
  return { title: `Add ${d.resource.id} to the Resources of backup selection ${target.selection.id}`, edits, preferred: true, safe: false };
}

export default defineRule({
  meta: {
    id: 'backup-plan-coverage',
    area: 'disaster-recovery',
    severity: 'warning',
    title: 'Data store not covered by the template\'s AWS Backup plan',
    fixable: true,
    docs: {
      summary:
        'In a template that defines an `AWS::Backup::BackupPlan`, a data store that AWS Backup can protect (RDS DB instances outside a cluster and DB clusters, DocumentDB and Neptune clusters, Redshift clusters, EBS volumes, EFS and FSx file systems, DynamoDB tables and global tables, S3 buckets holding data, as `data-store-deletion-policy` defines them) that no `AWS::Backup::BackupSelection` of the template selects. A selection covers a store when an item of its `Resources` references it (`!GetAtt Table.Arn`, `!Sub arn:…:db:${Db}`, found through the dependency graph) or is an ARN pattern that matches it (`arn:aws:dynamodb:*:*:table/*`, `*`), or when one of its `ListOfTags` matches the store\'s tags, then filtered by every `Conditions` entry (`StringEquals`, `StringLike`, `StringNotEquals`, `StringNotLike` on `aws:ResourceTag/…`) and by `NotResources`; a selection with neither `Resources` nor `ListOfTags` selects everything. The rule reports only stores no selection can select: names and tags that come from parameters, tags that no resource of the template carries (stack-level tags may add them), and selections built with intrinsic functions count as possibly covering. EFS file systems with `BackupPolicy: {Status: ENABLED}` are backed up by the EFS default plan and are not reported.',
      why: 'A backup plan protects only what its selections assign to it; everything else is silently left out. The plan\'s schedule, retention, vault lock and copies to another Region or account — often the only off-site copy the workload has — then do not apply to that store, and the gap shows only when a restore is needed. Tag-based selections fail the same way when one resource is missing the tag.',
      fix: 'Add the store to a selection: list its ARN in `Resources` (the quick fix appends it to the first selection that selects by `Resources` without tag conditions or exclusions), or give it the tag the selections use. If the store is deliberately left out (its data is rebuilt from elsewhere), suppress the finding on the resource with a comment saying so.',
      references: [
        { title: 'AWS Backup: assigning resources to a backup plan', url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html' },
        { title: 'AWS Backup: assigning resources programmatically (Resources, Conditions, NotResources)', url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources-json.html' },
        { title: 'AWS::Backup::BackupSelection BackupSelectionResourceType', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-backup-backupselection-backupselectionresourcetype.html' },
        { title: 'AWS Backup: supported AWS resources', url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/backup-feature-availability.html' },
        { title: 'Amazon EFS: automatic backups', url: 'https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html#automatic-backups' },
        WA.REL09_BP01,
        WA.REL09_BP03,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    const plans = t.resourcesByType.get(PLAN) ?? [];
    if (!plans.length) return;
    const selections = t.resourcesByType.get(SELECTION) ?? [];
    const planNames = plans.length > 3 ? `${plans.slice(0, 3).map((p) => p.id).join(', ')} and ${plans.length - 3} more` : plans.map((p) => p.id).join(', ');
    for (const d of dataStores(t, ctx.graph)) {
      if (!d.store.backup || efsAutomaticBackups(t, d.resource)) continue;
      const verdicts = backupCoverage(t, ctx.graph, d);
      if (verdicts.some((v) => v.verdict !== 'no')) continue;
      const label = d.store.kind === 'bucket' ? 'S3 bucket holding data' : d.store.label;
      const why = selections.length
        ? `none of the template's backup selections (${selections.map((s) => s.id).join(', ')}) selects it`
        : `no AWS::Backup::BackupSelection in the template assigns anything to backup plan${plans.length > 1 ? 's' : ''} ${planNames}`;
      const related: RelatedLocation[] = selections.map((s) => ({ start: s.key.start, end: s.key.end, message: `backup selection ${s.id} does not select ${d.resource.id}` }));
      const fix = fixFor(t, d, selections);
      ctx.report({
        start: d.resource.key.start,
        end: d.resource.key.end,
        resource: d.resource.id,
        message: `${d.resource.id} (${label}) is not covered by the template's AWS Backup plan${plans.length > 1 ? 's' : ''} (${why}): AWS Backup does not back it up, so the plan's schedule, retention, vault and copies to another Region or account do not apply to it.`,
        related,
        fixes: fix ? [fix] : [],
      });
    }
  },
});
