import { defineRule } from '../contract';
import { FixBuilder } from '../../fix/builder';
import { Node, get, isMap, isScalar } from '../../parse/node';
import { asIntrinsic } from '../../parse/intrinsics';
import type { Resource, Template } from '../../parse/template';
import type { Fix } from '../../types';
import { literalItems, opaque, prop  } from '../high-availability/_stores';
import { isNoValue } from '../../graph/resolve';
import { Check, mustBeTrue } from '../../graph/resolve';
import { STORE_TYPES, rdsInstanceWithoutOwnData, unreadable } from '../../stores/data-stores';
import { WA } from '../well-architected';

const PROPERTY: Record<string, string> = {
  'AWS::RDS::DBInstance': 'DeletionProtection',
  'AWS::RDS::DBCluster': 'DeletionProtection',
  'AWS::DocDB::DBCluster': 'DeletionProtection',
  'AWS::Neptune::DBCluster': 'DeletionProtection',
  'AWS::DynamoDB::Table': 'DeletionProtectionEnabled',
};

const CONSEQUENCE =
  'one delete call (from the console, a script, or a stack deletion or replacement whose policy is Delete) removes it; with deletion protection on, every delete fails until the setting is turned off first';

function detail(c: Extract<Check, { status: 'bad' }>, property: string): string {
  return c.literal && c.value === undefined ? `${property} ${c.how}` : `${property}: ${c.how}`;
}

function fixFor(t: Template, res: Resource, map: Node | undefined, property: string): Fix | undefined {
  const b = new FixBuilder(t);
  if (map === res.properties) b.setProperty(res, [property], true);
  else if (isMap(map)) b.set(map, [property], true);
  else return undefined;
  const edits = b.build();
  return edits ? { title: `Turn on deletion protection (${property}: true)`, edits, preferred: true, safe: true } : undefined;
}

export default defineRule({
  meta: {
    id: 'database-deletion-protection',
    area: 'disaster-recovery',
    severity: 'warning',
    title: 'Database without deletion protection',
    fixable: true,
    docs: {
      summary:
        'A database whose deletion protection is absent (the default is off) or false: `DeletionProtection` of RDS DB instances (not those of an Aurora cluster, where the cluster\'s setting applies, nor read replicas), RDS DB clusters (Aurora and Multi-AZ), DocumentDB and Neptune clusters; `DeletionProtectionEnabled` of DynamoDB tables and of each replica of a DynamoDB global table. When the value comes from a parameter, a mapping or `Fn::If`, every case is judged: nothing is reported when the defaults turn it on, otherwise the finding is informational and says when it is off.',
      why: 'Deleting a database is a single API call, and the people and automation that can make it are many: an operator cleaning up the wrong environment, a script with broad permissions, a CI job deleting a stack, or a stack update that replaces the resource. Backups shorten the recovery but do not prevent the outage, and a DynamoDB table or a database whose automated backups are deleted with it may not come back at all. Deletion protection makes every delete fail, including CloudFormation\'s, until someone deliberately turns it off.',
      fix: 'Set the property to `true` (the quick fix). It costs nothing and changes nothing at run time. Deleting the stack will then fail on this resource until the protection is turned off in a stack update, which is the point; for environments meant to be thrown away, set it from a condition (`!If [IsProd, true, false]`).',
      references: [
        { title: 'Amazon RDS: deletion protection for DB instances', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection' },
        { title: 'Amazon Aurora: deletion protection for DB clusters', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DeleteCluster.html#USER_DeletionProtection' },
        { title: 'Amazon DynamoDB: using deletion protection', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection' },
        { title: 'AWS Security Hub RDS.8 (RDS DB instances should have deletion protection enabled)', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-8' },
        { title: 'AWS Security Hub DynamoDB.6 (DynamoDB tables should have deletion protection enabled)', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-6' },
        WA.REL09_BP01,
        WA.REL13,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    const judgeAt = (res: Resource, map: Node | undefined, property: string, label: string, keyRange: { start: number; end: number }) => {
      const raw = get(map, property);
      const node = raw && !isNoValue(raw) ? raw : undefined;
      const c = mustBeTrue(t, node);
      if (c.status === 'good' || c.status === 'unknown') return;
      const range = node && node.end > node.start ? { start: node.start, end: node.end } : keyRange;
      if (c.status === 'conditional') {
        ctx.report({ ...range, resource: res.id, severity: 'info', message: `${label} has deletion protection off ${c.phrase}: while it is off, ${CONSEQUENCE}.`, fixes: [] });
        return;
      }
      const fix = c.literal && (!raw || isScalar(raw)) ? fixFor(t, res, map, property) : undefined;
      ctx.report({ ...range, resource: res.id, message: `${label} has deletion protection off (${detail(c, property)}): ${CONSEQUENCE}.`, fixes: fix ? [fix] : [] });
    };

    for (const [type, property] of Object.entries(PROPERTY)) {
      for (const res of t.resourcesByType.get(type) ?? []) {
        if (unreadable(res) || opaque(res) || rdsInstanceWithoutOwnData(t, res)) continue;
        judgeAt(res, res.properties, property, `${res.id} (${STORE_TYPES.get(type)!.label})`, { start: res.key.start, end: res.key.end });
      }
    }
    for (const res of t.resourcesByType.get('AWS::DynamoDB::GlobalTable') ?? []) {
      if (unreadable(res) || opaque(res)) continue;
      for (const replica of literalItems(prop(res, 'Replicas')) ?? []) {
        if (!isMap(replica) || asIntrinsic(replica, true)) continue;
        const region = get(replica, 'Region');
        const name = isScalar(region) && region.value !== null ? `the replica in ${String(region.value)}` : 'a replica';
        const at = region ?? replica;
        judgeAt(res, replica, 'DeletionProtectionEnabled', `${res.id} (DynamoDB global table, ${name})`, { start: at.start, end: at.end });
      }
    }
  },
});
