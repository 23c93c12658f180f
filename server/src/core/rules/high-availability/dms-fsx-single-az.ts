import { defineRule } from '../contract';
import { WA } from '../well-architected';
import { FixBuilder } from '../../fix/builder';
import { getPath, isMap } from '../../parse/node';
import type { Resource, Template } from '../../parse/template';
import type { Fix } from '../../types';
import { opaque, prop, rangeOf } from './_stores';
import { checkValue, mustBeTrue, stringValues } from '../../graph/resolve';

/** FSx file system types with Multi-AZ deployment types: configuration key, default type, the Multi-AZ type to name. */
const FSX: Record<string, { config: string; label: string; multiAz: string; defaultType?: string }> = {
  WINDOWS: { config: 'WindowsConfiguration', label: 'FSx for Windows File Server', multiAz: 'MULTI_AZ_1', defaultType: 'SINGLE_AZ_1' },
  ONTAP: { config: 'OntapConfiguration', label: 'FSx for NetApp ONTAP', multiAz: 'MULTI_AZ_2 (or MULTI_AZ_1)' },
  OPENZFS: { config: 'OpenZFSConfiguration', label: 'FSx for OpenZFS', multiAz: 'MULTI_AZ_1' },
};

const DMS_CONSEQUENCE = 'when its host or Availability Zone fails, replication tasks stop until the instance is recovered, and change data capture falls behind the source; Multi-AZ keeps a synchronous standby in another AZ that takes over automatically.';

/** `MultiAZ: true` under `base` (`[]` for the resource's properties, `['ComputeConfig']` for serverless); a sibling `AvailabilityZone` is removed. */
function multiAzFix(t: Template, res: Resource, base: string[]): Fix | undefined {
  const container = getPath(res.properties, base);
  if (base.length && !isMap(container)) return undefined;
  const az = getPath(res.properties, [...base, 'AvailabilityZone']);
  const b = new FixBuilder(t);
  const hasMulti = !!getPath(res.properties, [...base, 'MultiAZ'])?.pair;
  if (az?.pair && !hasMulti) b.replacePair(az.pair, 'MultiAZ', true);
  else {
    b.setProperty(res, [...base, 'MultiAZ'], true);
    if (az?.pair) b.remove(az.pair);
  }
  const edits = b.build();
  if (!edits) return undefined;
  return az ? { title: 'Set MultiAZ: true and remove AvailabilityZone (review)', edits, preferred: true, safe: false } : { title: 'Set MultiAZ: true', edits, preferred: true, safe: true };
}

export default defineRule({
  meta: {
    id: 'dms-fsx-single-az',
    area: 'high-availability',
    severity: 'warning',
    title: 'DMS replication instance or FSx file system in a single AZ',
    fixable: true,
    docs: {
      summary:
        'An `AWS::DMS::ReplicationInstance` whose `MultiAZ` is absent (default false) or false, an `AWS::DMS::ReplicationConfig` (DMS Serverless) whose `ComputeConfig.MultiAZ` is absent or false, and an `AWS::FSx::FileSystem` of type `WINDOWS`, `ONTAP` or `OPENZFS` with a `SINGLE_AZ_*` deployment type (`WindowsConfiguration.DeploymentType` defaults to `SINGLE_AZ_1`; `SINGLE_AZ_HA_*` OpenZFS types keep a standby in the same AZ only). FSx for Lustre has no Multi-AZ deployment type and is not reported. When the value comes from a parameter or a condition, the finding is informational and says when it is single-AZ; when the defaults are Multi-AZ it is not reported.',
      why: 'A single-AZ DMS replication instance stops every replication task when its host or its Availability Zone fails: a migration stalls and ongoing replication (change data capture) falls behind the source until the instance is recovered, and may need a full reload if the source logs are gone by then. A single-AZ FSx file system is unavailable for the whole duration of an outage of its AZ, and single-AZ Windows and ONTAP file systems are also unavailable during their maintenance windows; every instance mounting it stalls. Multi-AZ deployments keep a standby in another AZ and fail over automatically.',
      fix: 'DMS: set `MultiAZ: true` (the quick fix; `AvailabilityZone` cannot be combined with it and is removed, and the fix is then not marked safe). FSx: choose the Multi-AZ deployment type (`MULTI_AZ_1` for Windows and OpenZFS, `MULTI_AZ_2` or `MULTI_AZ_1` for ONTAP) with two subnets in different AZs and a `PreferredSubnetId`; the deployment type cannot be changed in place (the file system is replaced, so copy the data or restore a backup), hence no automatic fix.',
      references: [
        { title: 'Working with an AWS DMS replication instance: Multi-AZ', url: 'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.html' },
        { title: 'AWS::DMS::ReplicationInstance', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dms-replicationinstance.html' },
        { title: 'Availability and durability: Single-AZ and Multi-AZ file systems (FSx for Windows File Server)', url: 'https://docs.aws.amazon.com/fsx/latest/WindowsGuide/high-availability-multiAZ.html' },
        { title: 'Availability and durability for FSx for ONTAP', url: 'https://docs.aws.amazon.com/fsx/latest/ONTAPGuide/high-availability-AZ.html' },
        { title: 'Availability and durability for FSx for OpenZFS', url: 'https://docs.aws.amazon.com/fsx/latest/OpenZFSGuide/availability-durability.html' },
        { title: 'AWS Security Hub DMS.6 / FSx controls', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/dms-controls.html' },
        WA.REL10_BP01,
        WA.REL11_BP02,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    const dms = (res: Resource, base: string[], what: string) => {
      if (opaque(res, ...base)) return;
      const node = prop(res, ...base, 'MultiAZ');
      const c = mustBeTrue(t, node);
      if (c.status === 'good' || c.status === 'unknown') return;
      const range = rangeOf(res, node);
      if (c.status === 'conditional') {
        ctx.report({ ...range, resource: res.id, severity: 'info', message: `${res.id} is a single-AZ ${what} ${c.phrase}; while single-AZ, ${DMS_CONSEQUENCE}` });
        return;
      }
      const fix = c.literal ? multiAzFix(t, res, base) : undefined;
      const how = !c.literal ? `is ${c.how}` : c.value === undefined ? c.how : `: ${c.how}`;
      ctx.report({ ...range, resource: res.id, message: `${res.id} is a single-AZ ${what} (${base.length ? `${base.join('.')}.` : ''}MultiAZ${how.startsWith(':') ? how : ` ${how}`}): ${DMS_CONSEQUENCE}`, fixes: fix ? [fix] : [] });
    };
    for (const res of t.resourcesByType.get('AWS::DMS::ReplicationInstance') ?? []) dms(res, [], 'DMS replication instance');
    for (const res of t.resourcesByType.get('AWS::DMS::ReplicationConfig') ?? []) {
      if (!prop(res, 'ComputeConfig')) continue;
      dms(res, ['ComputeConfig'], 'DMS Serverless replication');
    }
    for (const res of t.resourcesByType.get('AWS::FSx::FileSystem') ?? []) {
      const types = stringValues(t, prop(res, 'FileSystemType'))?.map((v) => v.toUpperCase());
      if (!types || types.length !== 1 || !FSX[types[0]]) continue;
      const fsx = FSX[types[0]];
      if (opaque(res, fsx.config)) continue;
      const node = prop(res, fsx.config, 'DeploymentType');
      if (!node && !fsx.defaultType) continue;
      const c = checkValue(t, node, (v) => (v === undefined ? (fsx.defaultType ? false : undefined) : !String(v).toUpperCase().startsWith('SINGLE_AZ')), `not set, default ${fsx.defaultType}`, fsx.multiAz);
      if (c.status === 'good' || c.status === 'unknown') continue;
      const sameAzHa = types[0] === 'ONTAP' || (c.status === 'bad' && /^SINGLE_AZ_HA/i.test(c.how));
      const consequence = `${sameAzHa ? 'its standby is in the same Availability Zone, so ' : ''}an outage of its Availability Zone makes the file system unavailable${types[0] === 'WINDOWS' ? ', as do its maintenance windows,' : ''} and every client mounting it stalls until the AZ recovers; use DeploymentType ${fsx.multiAz} (the file system is replaced, so plan to copy the data or restore a backup)`;
      if (c.status === 'conditional') {
        ctx.report({ ...rangeOf(res, node), resource: res.id, severity: 'info', message: `${res.id} is a single-AZ ${fsx.label} file system ${c.phrase}: ${consequence}.` });
        continue;
      }
      ctx.report({
        ...rangeOf(res, node),
        resource: res.id,
        message: `${res.id} is a single-AZ ${fsx.label} file system (DeploymentType ${c.how}): ${consequence}.`,
      });
    }
  },
});
