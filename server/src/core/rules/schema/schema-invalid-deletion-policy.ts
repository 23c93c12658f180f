import { defineRule } from '../contract';
import { asIntrinsic } from '../../parse/intrinsics';
import { Node, getPair, isMap, isScalar, isSeq } from '../../parse/node';
import { SNAPSHOT_RESOURCE_TYPES, validPolicies } from '../../spec/policies';
import { didYouMean, orList } from '../../util/text';
import { isOpaqueType, nearNames } from './_check';
import { renameFixes } from './_fix';
import { WA } from '../well-architected';

const ATTRIBUTES = ['DeletionPolicy', 'UpdateReplacePolicy'] as const;

export default defineRule({
  meta: {
    id: 'schema-invalid-deletion-policy',
    area: 'schema',
    severity: 'error',
    title: 'Invalid DeletionPolicy or UpdateReplacePolicy value',
    fixable: true,
    cfnLint: ['E3035', 'E3036'],
    docs: {
      summary:
        'DeletionPolicy must be Delete, Retain, RetainExceptOnCreate or Snapshot, and UpdateReplacePolicy Delete, Retain or Snapshot (values are case-sensitive). Snapshot is accepted only on the types that support it: AWS::EC2::Volume, AWS::ElastiCache::CacheCluster, AWS::ElastiCache::ReplicationGroup, AWS::Neptune::DBCluster, AWS::RDS::DBCluster, AWS::RDS::DBInstance, AWS::Redshift::Cluster and AWS::DocDB::DBCluster. Both branches of an Fn::If are checked; other intrinsic functions (allowed with the AWS::LanguageExtensions transform) are not.',
      why: 'CloudFormation rejects the template, so the protection you meant to add never applies; and a policy that silently falls back to Delete means a stack deletion or a replacing update destroys the database, volume or cache and its data with no snapshot to restore from.',
      fix: 'Use one of the valid values. Where Snapshot is not supported, Retain keeps the resource (and its data) when it is removed from the stack; back the data up with AWS Backup or the service\'s own snapshots.',
      references: [
        { title: 'DeletionPolicy attribute', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html' },
        { title: 'UpdateReplacePolicy attribute', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-updatereplacepolicy.html' },
        { title: 'Intrinsic functions in DeletionPolicy and UpdateReplacePolicy', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/function-refs-in-policy-attributes.html' },
        WA.REL09,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const r of t.resources.values()) {
      if (!isMap(r.value) || asIntrinsic(r.value)) continue;
      const type = r.type;
      // Snapshot support is known only for AWS/Alexa types (and custom resources never support it).
      const knowable = type !== undefined && (!isOpaqueType(type) || type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource');
      for (const attr of ATTRIBUTES) {
        const pair = getPair(r.value, attr);
        if (!pair) continue;
        const valid = validPolicies(attr, knowable ? type : 'AWS::EC2::Volume');
        const visit = (v: Node): void => {
          const intr = asIntrinsic(v);
          if (intr) {
            if (intr.fn === 'Fn::If' && isSeq(intr.arg) && intr.arg.items.length === 3) intr.arg.items.slice(1).forEach(visit);
            return;
          }
          if (!isScalar(v) || typeof v.value !== 'string') {
            const s = isScalar(v) && v.value === null ? pair.key : v;
            const at = isScalar(s) ? s : pair.key;
            ctx.report({ start: at.start, end: at.end, resource: r.id, message: `${attr} of ${r.id} must be one of ${orList(valid)}.` });
            return;
          }
          const value = v.value;
          if (valid.includes(value)) return;
          let message: string;
          let near: string[];
          if (value === 'Snapshot') {
            message = `${attr} Snapshot is not supported for ${type}: only ${[...SNAPSHOT_RESOURCE_TYPES].join(', ')} can be snapshotted. Use Retain to keep the resource and its data.`;
            near = ['Retain'];
          } else if (value === 'RetainExceptOnCreate') {
            message = `RetainExceptOnCreate is valid for DeletionPolicy only; UpdateReplacePolicy must be one of ${orList(valid)}.`;
            near = ['Retain'];
          } else {
            const exact = valid.filter((x) => x.toLowerCase() === value.toLowerCase());
            near = exact.length ? exact : nearNames(value, valid);
            const hint = didYouMean(near);
            message = `${attr} "${value}" is not valid: use ${orList(valid)}.${hint}`;
          }
          ctx.report({ start: v.start, end: v.end, resource: r.id, message, fixes: renameFixes(t, v, near) });
        };
        visit(pair.value);
      }
    }
  },
});
