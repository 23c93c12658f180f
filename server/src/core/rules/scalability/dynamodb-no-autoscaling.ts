import { defineRule } from '../contract';
import { Node, Pair, get, getPair, isSeq, scalarString, walk } from '../../parse/node';
import { asIntrinsic } from '../../parse/intrinsics';
import type { Resource, Template } from '../../parse/template';
import { describe as describeValue, possibleValues } from '../../graph/resolve';
import { FixBuilder, styleOf } from '../../fix/builder';
import { ref, sub } from '../../fix/value';
import type { Fix, TextEdit } from '../../types';
import { isNoValue, keyRange, prop } from '../high-availability/_ha';
import { TARGET, knownNames, literalCount, sameCondition, targetTrackingPolicy, targetsNaming } from './_scaling';
import { WA } from '../well-architected';

const TABLE = 'AWS::DynamoDB::Table';
const SIMPLE_TABLE = 'AWS::Serverless::SimpleTable';

type Kind = 'Read' | 'Write';

interface Need {
  /** undefined: the table itself. */
  index?: string;
  kind: Kind;
  /** Provisioned units as written (a number), if known. */
  units?: number;
  /** The `ProvisionedThroughput` pair this capacity is set in. */
  throughput?: Pair;
}

const dimension = (n: Need) => `dynamodb:${n.index === undefined ? 'table' : 'index'}:${n.kind}CapacityUnits`;
const label = (n: Need) => (n.index === undefined ? `table ${n.kind.toLowerCase()}` : `index ${n.index} ${n.kind.toLowerCase()}`);

/** The capacities a provisioned table needs scaled: its own, and each global secondary index's. */
function needs(res: Resource): Need[] {
  const out: Need[] = [];
  const own = getPair(res.properties, 'ProvisionedThroughput');
  for (const kind of ['Read', 'Write'] as Kind[]) out.push({ kind, units: literalCount(get(own?.value, `${kind}CapacityUnits`)), ...(own ? { throughput: own } : {}) });
  const gsis = prop(res, 'GlobalSecondaryIndexes');
  if (res.type === TABLE && isSeq(gsis)) {
    for (const g of gsis.items) {
      const name = scalarString(get(g, 'IndexName'));
      if (!name) continue;
      const pt = getPair(g, 'ProvisionedThroughput');
      for (const kind of ['Read', 'Write'] as Kind[]) out.push({ index: name, kind, units: literalCount(get(pt?.value, `${kind}CapacityUnits`)), ...(pt ? { throughput: pt } : {}) });
    }
  }
  return out;
}

/** `table/<name>` or `table/<name>/index/<index>` of a rendered ResourceId. */
function indexOf(resourceId: string | undefined): string | undefined | null {
  if (!resourceId) return null;
  const m = /^table\/[^/]+(?:\/index\/(.+))?$/.exec(resourceId);
  return m ? m[1] : null;
}

function joinLabels(list: string[]): string {
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/** Whether a value holds an intrinsic function anywhere. */
function computed(n: Node): boolean {
  let found = false;
  walk(n, (x) => {
    if (found || asIntrinsic(x)) found = true;
    return !found;
  });
  return found;
}

/** Switch to on-demand: BillingMode PAY_PER_REQUEST, every ProvisionedThroughput removed. */
function onDemandEdits(t: Template, res: Resource, all: Need[]): TextEdit[] | undefined {
  const pairs = [...new Set(all.map((n) => n.throughput).filter((p): p is Pair => !!p))];
  // Capacities given by parameters or conditions: the switch is a design change, not a quick fix.
  if (pairs.some((p) => computed(p.value))) return undefined;
  const own = getPair(res.properties, 'ProvisionedThroughput');
  const b = new FixBuilder(t);
  if (res.type === SIMPLE_TABLE) return own ? b.remove(own).build() ?? undefined : undefined;
  const mode = getPair(res.properties, 'BillingMode');
  let remove = pairs;
  if (mode) b.replaceScalarText(mode.value, 'PAY_PER_REQUEST');
  else if (own) {
    b.replacePair(own, 'BillingMode', 'PAY_PER_REQUEST');
    remove = pairs.filter((p) => p !== own);
  } else return undefined;
  if (remove.length) b.remove(remove);
  return b.build() ?? undefined;
}

export default defineRule({
  meta: {
    id: 'dynamodb-no-autoscaling',
    area: 'scalability',
    severity: 'warning',
    title: 'DynamoDB provisioned capacity without auto scaling',
    fixable: true,
    docs: {
      summary:
        'An `AWS::DynamoDB::Table` in provisioned mode (`BillingMode: PROVISIONED`, or no `BillingMode` with `ProvisionedThroughput`), or a SAM `AWS::Serverless::SimpleTable` with `ProvisionedThroughput`, whose read or write capacity (of the table, or of a global secondary index) has no `AWS::ApplicationAutoScaling::ScalableTarget`. Targets are found through the dependency graph (`ResourceId: !Sub table/${Table}`, `table/${Table}/index/ByCustomer`, `!Join` of those) or by the table\'s literal or parameter name, and matched per `ScalableDimension`. When the billing mode depends on a parameter or condition, the message says when it is provisioned.',
      why: 'Provisioned capacity is a hard ceiling: requests beyond it (after the burst credit of the last five minutes) are throttled with `ProvisionedThroughputExceededException`. A traffic peak, a batch job or a hot key then turns into errors and retries in every caller, and a throttled write capacity on a global secondary index throttles writes to the whole table. Capacity raised by hand is too late for a peak and forgotten afterwards.',
      fix: 'Either let capacity follow the load with Application Auto Scaling, one scalable target and target-tracking policy per dimension (`DynamoDBReadCapacityUtilization`/`DynamoDBWriteCapacityUtilization` at 70 %), for the table and each global secondary index; or switch to on-demand capacity (`BillingMode: PAY_PER_REQUEST`, without `ProvisionedThroughput`), which absorbs peaks without planning and suits unpredictable traffic. The quick fixes do either: the targets go from the current units to ten times that (review the maximum against cost), and on-demand removes every `ProvisionedThroughput`.',
      references: [
        { title: 'Amazon DynamoDB: Managing throughput capacity automatically with DynamoDB auto scaling', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html' },
        { title: 'Amazon DynamoDB: DynamoDB throughput capacity (on-demand and provisioned modes)', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/capacity-mode.html' },
        { title: 'AWS Security Hub DynamoDB.1 (DynamoDB tables should automatically scale capacity with demand)', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-1' },
        WA.REL07_BP01,
        WA.REL07,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const res of [...(t.resourcesByType.get(TABLE) ?? []), ...(t.resourcesByType.get(SIMPLE_TABLE) ?? [])]) {
      const throughput = prop(res, 'ProvisionedThroughput');
      if (!throughput || isNoValue(throughput)) continue;
      let when = '';
      if (res.type === TABLE) {
        const pv = possibleValues(t, prop(res, 'BillingMode'));
        const d = describeValue(pv, (o) => (o.kind === 'novalue' ? false : o.kind === 'literal' ? String(o.value) !== 'PROVISIONED' : undefined), 'provisioned');
        if (!d) continue;
        when = d.slice('provisioned'.length);
      }
      const all = needs(res);
      const targets = targetsNaming(t, ctx.graph, res, knownNames(res, 'TableName', []));
      const covered = (n: Need) =>
        targets.some((x) => {
          if ((x.namespace ?? 'dynamodb') !== 'dynamodb' || (x.dimension !== undefined && x.dimension !== dimension(n))) return false;
          const idx = indexOf(x.resourceId);
          if (idx === null) return true; // a ResourceId that cannot be read: assume it is this one
          return n.index === undefined ? idx === undefined : idx === undefined || idx === n.index;
        });
      const missing = all.filter((n) => !covered(n));
      if (!missing.length) continue;
      const groups = new Map<string, Kind[]>();
      for (const n of missing) {
        const k = n.index === undefined ? 'table' : `index ${n.index}`;
        groups.set(k, [...(groups.get(k) ?? []), n.kind]);
      }
      const what = joinLabels([...groups].map(([k, kinds]) => `${kinds.map((x) => x.toLowerCase()).join(' and ')} capacity of ${k === 'table' ? 'the table' : k}`));
      const noneAtAll = missing.length === all.length;
      const message = `DynamoDB table ${res.id} is provisioned${when} with no auto scaling for the ${what}: traffic beyond the provisioned units is throttled (ProvisionedThroughputExceededException); let capacity follow the load with Application Auto Scaling, or use on-demand capacity.`;

      const fixes: Fix[] = [];
      if (!when) {
        const b = new FixBuilder(t);
        for (const n of missing) {
          const base = `${res.id}${n.index ? n.index.replace(/[^A-Za-z0-9]/g, '') : ''}${n.kind}`;
          const targetId = b.uniqueId(`${base}ScalableTarget`);
          const units = n.units ?? 5;
          b.addResource(targetId, {
            Type: TARGET,
            ...sameCondition(res),
            Properties: {
              MaxCapacity: Math.max(units * 10, 10),
              MinCapacity: Math.max(units, 1),
              ResourceId: sub(n.index === undefined ? `table/\${${res.id}}` : `table/\${${res.id}}/index/${n.index}`),
              ScalableDimension: dimension(n),
              ServiceNamespace: 'dynamodb',
            },
          });
          const policyId = b.uniqueId(`${base}ScalingPolicy`);
          const policy = targetTrackingPolicy(policyId, ref(targetId), dimension(n))!;
          b.addResource(policyId, { Type: policy.Type, ...sameCondition(res), Properties: policy.Properties });
        }
        const edits = b.build();
        if (edits) fixes.push({ title: `Add auto scaling (70 % utilization target) for the ${joinLabels(missing.map(label))} capacity`, edits, preferred: true });
        if (noneAtAll) {
          const od = onDemandEdits(t, res, all);
          if (od) fixes.push({ title: 'Switch to on-demand capacity (PAY_PER_REQUEST) and remove ProvisionedThroughput', edits: od });
        }
      }
      const at: Node | undefined = res.type === TABLE ? prop(res, 'BillingMode') : undefined;
      ctx.report({ ...(at && at.end > at.start ? { start: at.start, end: at.end } : keyRange(res)), resource: res.id, message, fixes });
    }
  },
});
