import { defineRule } from '../contract';
import { WA } from '../well-architected';
import type { Node } from '../../parse/node';
import { azOf } from '../../graph/resolve';
import type { Resource } from '../../parse/template';
import { isNoValue, prop, rangeOf, singleZoneOf, zonePhrase, zoneParameterNote, zoneRelated, zoneSummary, keyRange } from './_ha';

const FS = 'AWS::EFS::FileSystem';
const MT = 'AWS::EFS::MountTarget';

export default defineRule({
  meta: {
    id: 'efs-one-zone',
    area: 'high-availability',
    severity: 'warning',
    title: 'EFS file system in one Availability Zone',
    fixable: false,
    docs: {
      summary:
        'An `AWS::EFS::FileSystem` with `AvailabilityZoneName` (EFS One Zone storage: the data lives in that zone only), or a Regional file system whose mount targets in the template (`AWS::EFS::MountTarget` with `FileSystemId: !Ref FileSystem`, found through the dependency graph) all sit in subnets of one Availability Zone. Mount targets under a `Condition` count like the others; subnets whose zone cannot be told produce no finding.',
      why: 'With One Zone storage, an outage of the zone makes the file system unavailable to every client, and the loss of the zone can lose the data (backups are the only copy elsewhere). A Regional file system stores data across zones, but clients reach it only through mount targets: with mount targets in one zone, an outage there cuts every client off, and clients in other zones pay cross-zone latency and data transfer meanwhile.',
      fix: 'Use Regional (Standard) storage by removing `AvailabilityZoneName` (this replaces the file system: copy the data first, for example with AWS DataSync or a restore from AWS Backup), and create one mount target per Availability Zone the clients run in, each in a subnet of that zone. Keep One Zone only for data you can recreate, with backups or replication to a Regional file system.',
      references: [
        { title: 'Amazon EFS: storage classes and file system types (Regional and One Zone)', url: 'https://docs.aws.amazon.com/efs/latest/ug/availability-durability.html' },
        { title: 'Amazon EFS: managing mount targets', url: 'https://docs.aws.amazon.com/efs/latest/ug/accessing-fs.html' },
        { title: 'AWS::EFS::FileSystem AvailabilityZoneName', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-efs-filesystem.html#cfn-efs-filesystem-availabilityzonename' },
        { title: 'AWS::EFS::MountTarget', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-efs-mounttarget.html' },
        WA.REL10_BP01,
        WA.REL10,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const fs of t.resourcesByType.get(FS) ?? []) {
      const azName = prop(fs, 'AvailabilityZoneName');
      if (azName && !isNoValue(azName)) {
        const az = azOf(t, azName);
        const where = az.kind === 'unknown' ? 'one Availability Zone' : zonePhrase(az);
        ctx.report({
          ...rangeOf(fs, azName),
          resource: fs.id,
          message: `${fs.id} uses EFS One Zone storage in ${where}: an outage of that zone makes the file system unavailable to every client, and losing the zone can lose its data.`,
        });
        continue;
      }
      const targets: Resource[] = [];
      for (const r of ctx.graph.referencesAt(fs.id, ['Properties', 'FileSystemId'], { fromType: MT })) {
        const mt = t.resources.get(r.source);
        if (mt && !targets.includes(mt)) targets.push(mt);
      }
      if (!targets.length) continue;
      const subnets = targets.map((m) => prop(m, 'SubnetId'));
      if (subnets.some((s) => !s || isNoValue(s))) continue;
      const v = singleZoneOf(t, subnets as Node[]);
      if (!v) continue;
      const mts = targets.map((m) => m.id).join(', ');
      const what = targets.length === 1 ? `its only mount target (${mts}) is` : `its mount targets (${mts}) are`;
      ctx.report({
        ...keyRange(fs),
        resource: fs.id,
        message: `${fs.id} stores data across zones but ${what} in ${zoneSummary(t, v)}${zoneParameterNote(v)}: an outage of that zone cuts every client off the file system.`,
        related: [...targets.map((m) => ({ start: m.key.start, end: m.key.end, message: `mount target ${m.id}` })), ...zoneRelated(t, v)],
      });
    }
  },
});
