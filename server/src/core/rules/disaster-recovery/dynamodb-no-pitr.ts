import { defineRule } from '../contract';
import { FixBuilder } from '../../fix/builder';
import { Node, get, isMap, isScalar } from '../../parse/node';
import { asIntrinsic } from '../../parse/intrinsics';
import type { Resource, Template } from '../../parse/template';
import type { Fix } from '../../types';
import { literalItems, opaque, prop  } from '../high-availability/_stores';
import { isNoValue } from '../../graph/resolve';
import type { Check } from '../../graph/resolve';
import { mustBeTrueIn, unreadable } from '../../stores/data-stores';
import { WA } from '../well-architected';

const CONSEQUENCE =
  'a bad write, a faulty migration or items deleted by mistake can only be undone from on-demand backups, if there are any; with point-in-time recovery the table can be restored to any second of the recovery period (35 days by default)';

function how(c: Extract<Check, { status: 'bad' }>, container: Node | undefined): string {
  if (!container || isNoValue(container)) return 'no PointInTimeRecoverySpecification';
  if (c.literal && c.value === undefined) return 'PointInTimeRecoveryEnabled not set, default false';
  return `PointInTimeRecoveryEnabled: ${c.how}`;
}

/** Sets PointInTimeRecoveryEnabled: true below `map` (a table's Properties or a replica). */
function fixIn(t: Template, res: Resource, container: Node | undefined, map: Node | undefined): Fix | undefined {
  const b = new FixBuilder(t);
  if (container && !isNoValue(container)) {
    if (!isMap(container) || asIntrinsic(container)) return undefined;
    const inner = get(container, 'PointInTimeRecoveryEnabled');
    if (inner && !isScalar(inner) && !isNoValue(inner)) return undefined;
    if (inner && isNoValue(inner)) return undefined;
    b.set(container, ['PointInTimeRecoveryEnabled'], true);
  } else if (container) {
    return undefined; // `PointInTimeRecoverySpecification: !Ref AWS::NoValue`: leave the author's construct alone
  } else if (map === res.properties || map === undefined) {
    b.setProperty(res, ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'], true);
  } else if (isMap(map)) {
    b.set(map, ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'], true);
  } else return undefined;
  const edits = b.build();
  return edits ? { title: 'Enable point-in-time recovery', edits, preferred: true, safe: true } : undefined;
}

export default defineRule({
  meta: {
    id: 'dynamodb-no-pitr',
    area: 'disaster-recovery',
    severity: 'warning',
    title: 'DynamoDB table without point-in-time recovery',
    fixable: true,
    docs: {
      summary:
        'An `AWS::DynamoDB::Table` whose `PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled` is absent (the default is false) or false; for an `AWS::DynamoDB::GlobalTable`, each replica in `Replicas` without it (point-in-time recovery is set per replica); and every SAM `AWS::Serverless::SimpleTable`, which has no way to enable it. When the setting (or the whole specification) comes from `Fn::If` or a parameter, every case is judged: nothing is reported when the defaults enable it, otherwise the finding is informational and says when it is off.',
      why: 'Most data loss in DynamoDB is not an outage but an application writing bad data, a migration script gone wrong, or items deleted by mistake. Without point-in-time recovery the only way back is an on-demand backup taken before the mistake, if someone took one; DynamoDB itself keeps the data durable, not its history. With it, DynamoDB keeps continuous backups and can restore the table to any second of the recovery period (35 days unless `RecoveryPeriodInDays` says otherwise) into a new table, without affecting performance. DynamoDB also keeps a backup of a table deleted while point-in-time recovery is on.',
      fix: 'Set `PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}` (the quick fix; on global tables in each replica). It is billed by table size, applies without interrupting the table, and restores go to a new table. For a SAM `SimpleTable`, use an `AWS::DynamoDB::Table` instead. Keep `RecoveryPeriodInDays` at or above the backup retention you need (see `backup-retention`).',
      references: [
        { title: 'Amazon DynamoDB: point-in-time recovery', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html' },
        { title: 'AWS::DynamoDB::Table PointInTimeRecoverySpecification', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-table-pointintimerecoveryspecification.html' },
        { title: 'AWS::DynamoDB::GlobalTable ReplicaSpecification', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-globaltable-replicaspecification.html' },
        { title: 'AWS Security Hub DynamoDB.2 (DynamoDB tables should have point-in-time recovery enabled)', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-2' },
        WA.REL09_BP03,
        WA.REL13_BP01,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    const judgeAt = (res: Resource, map: Node | undefined, where: string, range: { start: number; end: number }) => {
      const container = get(map, 'PointInTimeRecoverySpecification');
      const c = mustBeTrueIn(t, container, 'PointInTimeRecoveryEnabled');
      if (c.status === 'good' || c.status === 'unknown') return;
      const inner = container && isMap(container) && !asIntrinsic(container) ? get(container, 'PointInTimeRecoveryEnabled') : undefined;
      const at = inner && inner.end > inner.start ? inner : container && container.end > container.start && asIntrinsic(container) ? container : undefined;
      const r = at ? { start: at.start, end: at.end } : range;
      if (c.status === 'conditional') {
        ctx.report({ ...r, resource: res.id, severity: 'info', message: `${res.id}${where} has no point-in-time recovery ${c.phrase}: while it is off, ${CONSEQUENCE}.`, fixes: [] });
        return;
      }
      const fix = c.literal ? fixIn(t, res, container, map) : undefined;
      ctx.report({ ...r, resource: res.id, message: `${res.id}${where} has no point-in-time recovery (${how(c, container)}): ${CONSEQUENCE}.`, fixes: fix ? [fix] : [] });
    };

    for (const res of t.resourcesByType.get('AWS::DynamoDB::Table') ?? []) {
      if (unreadable(res) || opaque(res)) continue;
      judgeAt(res, res.properties, '', { start: res.key.start, end: res.key.end });
    }
    for (const res of t.resourcesByType.get('AWS::DynamoDB::GlobalTable') ?? []) {
      if (unreadable(res) || opaque(res)) continue;
      for (const replica of literalItems(prop(res, 'Replicas')) ?? []) {
        if (!isMap(replica) || asIntrinsic(replica, true)) continue;
        const region = get(replica, 'Region');
        const name = isScalar(region) && region.value !== null ? String(region.value) : undefined;
        const at = region ?? replica;
        judgeAt(res, replica, name ? ` (replica in ${name})` : ' (a replica)', { start: at.start, end: at.end });
      }
    }
    for (const res of t.resourcesByType.get('AWS::Serverless::SimpleTable') ?? []) {
      if (unreadable(res)) continue;
      ctx.report({
        start: res.key.start,
        end: res.key.end,
        resource: res.id,
        message: `${res.id} is a SAM SimpleTable, which cannot enable point-in-time recovery: ${CONSEQUENCE}. Use an AWS::DynamoDB::Table with PointInTimeRecoverySpecification instead.`,
        fixes: [],
      });
    }
  },
});
