import { defineRule } from '../contract';
import { WA } from '../well-architected';
import { FixBuilder } from '../../fix/builder';
import { possibleValues, mustBeTrue, stringValues } from '../../graph/resolve';
import { isMap, isSeq, scalarString } from '../../parse/node';
import type { Parameter, Resource, Template } from '../../parse/template';
import type { Fix } from '../../types';
import { absent, opaque, prop, propPair, rangeOf } from './_stores';

const TYPE = 'AWS::RDS::DBInstance';

/** Engines for which `MultiAZ` does not apply: Aurora (the cluster places instances), RDS Custom, SQL Server Express. */
function engineWithoutMultiAz(engine: string): boolean {
  const e = engine.toLowerCase();
  return e.startsWith('aurora') || e.startsWith('custom-') || e === 'sqlserver-ex';
}

/** Present in at least one case (a read replica in some deployments counts as a read replica). */
function maybePresent(t: Template, n: ReturnType<typeof prop>): boolean {
  if (absent(n)) return false;
  const pv = possibleValues(t, n);
  return pv.cases.some((c) => c.outcome.kind !== 'novalue');
}

const CONSEQUENCE = 'an instance failure or an outage of its Availability Zone takes the database down until it is recovered or restored (minutes to hours, with possible loss of recent writes); Multi-AZ keeps a synchronous standby in another AZ and fails over in 60–120 seconds.';

/** Edits setting `MultiAZ: true`; an `AvailabilityZone` pair is turned into it or removed (the two cannot be combined). */
function setMultiAzFix(t: Template, res: Resource): Fix | undefined {
  const azPair = propPair(res, 'AvailabilityZone');
  const b = new FixBuilder(t);
  // `AvailabilityZone: x` is rewritten as `MultiAZ: true` in place, or removed when MultiAZ is written.
  if (azPair && !propPair(res, 'MultiAZ')) b.replacePair(azPair, 'MultiAZ', true);
  else {
    b.setProperty(res, ['MultiAZ'], true);
    if (azPair) b.remove(azPair);
  }
  const edits = b.build();
  if (!edits) return undefined;
  return azPair
    ? { title: 'Set MultiAZ: true and remove AvailabilityZone (review: the instance may be interrupted)', edits, preferred: true, safe: false }
    : { title: 'Set MultiAZ: true', edits, preferred: true, safe: true };
}

/** `MultiAZ: !Ref P`: make Multi-AZ the parameter's default (when `true` is allowed). */
function parameterDefaultFix(t: Template, res: Resource, p: Parameter): Fix | undefined {
  if (!isMap(p.value)) return undefined;
  if (p.allowedValues) {
    if (!isSeq(p.allowedValues)) return undefined;
    if (!p.allowedValues.items.some((i) => scalarString(i)?.toLowerCase() === 'true')) return undefined;
  }
  // An AvailabilityZone set in every case would make the new default fail to deploy.
  const az = prop(res, 'AvailabilityZone');
  if (az && !possibleValues(t, az).noValue) return undefined;
  const b = new FixBuilder(t);
  b.set(p.value, ['Default'], 'true');
  const edits = b.build();
  if (!edits) return undefined;
  return { title: `Make Multi-AZ the default: set parameter ${p.id} Default to "true"`, edits, preferred: false, safe: false };
}

export default defineRule({
  meta: {
    id: 'rds-multi-az',
    area: 'high-availability',
    severity: 'warning',
    title: 'RDS DB instance is not Multi-AZ',
    fixable: true,
    docs: {
      summary:
        'An `AWS::RDS::DBInstance` whose `MultiAZ` is absent (the default is false) or false. Not checked: instances of a cluster (`DBClusterIdentifier` set: Aurora places its instances itself, see `aurora-cluster-single-instance`), read replicas (`SourceDBInstanceIdentifier` or `SourceDBClusterIdentifier`), engines for which the property does not apply (`aurora*`, RDS Custom `custom-*`, and SQL Server Express `sqlserver-ex`, which has no Multi-AZ). SQL Server Standard, Enterprise and Web editions are checked: there `MultiAZ: true` makes RDS use Database Mirroring, Always On availability groups or block-level replication. When `MultiAZ` comes from a parameter, a mapping or `Fn::If`, the finding is informational and says when the database is single-AZ ("single-AZ unless parameter MultiAZ is true"); when the template is Multi-AZ with its default parameter values it is not reported.',
      why: 'A single-AZ DB instance runs on one host in one Availability Zone. When the host fails, RDS recovers the instance on new hardware; when the AZ is impaired, the database stays down until the AZ recovers or you restore a snapshot or point-in-time backup elsewhere, losing the writes since the last backup. That is minutes to hours of downtime for the whole application. With Multi-AZ, RDS keeps a synchronous standby in another AZ and fails over to it automatically, typically in 60 to 120 seconds, without data loss, and maintenance (patching, instance class changes) happens on the standby first.',
      fix: 'Set `MultiAZ: true` (the quick fix; changing it on an existing instance converts it without an outage, the standby being built from a snapshot). `AvailabilityZone` cannot be combined with `MultiAZ: true`: the quick fix removes it, and is then not marked safe because the change must be reviewed. The DB subnet group must span at least two AZs. When `MultiAZ` comes from a parameter, another quick fix makes `true` the parameter\'s default, so that new stacks are Multi-AZ unless the deployer opts out; existing stacks keep the value they were deployed with. Expect about twice the instance cost.',
      references: [
        { title: 'Multi-AZ DB instance deployments for Amazon RDS', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html' },
        { title: 'Multi-AZ deployments for Amazon RDS for Microsoft SQL Server', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_SQLServerMultiAZ.html' },
        { title: 'Amazon RDS Under the Hood: Single-AZ instance recovery', url: 'https://aws.amazon.com/blogs/database/amazon-rds-under-the-hood-single-az-instance-recovery/' },
        { title: 'AWS::RDS::DBInstance MultiAZ', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-multiaz' },
        { title: 'AWS Security Hub RDS.5', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-5' },
        WA.REL10_BP01,
        WA.REL11_BP02,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const res of t.resourcesByType.get(TYPE) ?? []) {
      if (opaque(res)) continue;
      if (!absent(prop(res, 'DBClusterIdentifier'))) continue;
      if (maybePresent(t, prop(res, 'SourceDBInstanceIdentifier')) || maybePresent(t, prop(res, 'SourceDBClusterIdentifier'))) continue;
      const engines = stringValues(t, prop(res, 'Engine'));
      if (engines && engines.every(engineWithoutMultiAz)) continue;
      const node = prop(res, 'MultiAZ');
      const c = mustBeTrue(t, node);
      if (c.status === 'good' || c.status === 'unknown') continue;
      const range = rangeOf(res, node);
      if (c.status === 'bad') {
        const fix = c.literal ? setMultiAzFix(t, res) : undefined;
        ctx.report({
          ...range,
          resource: res.id,
          message: `${res.id} is a single-AZ database (MultiAZ${!c.literal ? ` is ${c.how}` : c.value === undefined ? ` ${c.how}` : `: ${c.how}`}): ${CONSEQUENCE}`,
          fixes: fix ? [fix] : [],
        });
        continue;
      }
      const fix = c.parameter && node && scalarString(node) === undefined ? parameterDefaultFix(t, res, c.parameter) : undefined;
      ctx.report({
        ...range,
        resource: res.id,
        severity: 'info',
        message: `${res.id} is single-AZ ${c.phrase}; while single-AZ, ${CONSEQUENCE}`,
        fixes: fix ? [fix] : [],
      });
    }
  },
});
