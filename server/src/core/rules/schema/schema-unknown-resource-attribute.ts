import { defineRule } from '../contract';
import { CFN_DOCS } from '../well-architected';
import { asIntrinsic } from '../../parse/intrinsics';
import { isMap } from '../../parse/node';
import { didYouMean } from '../../util/text';
import { isCustomType, keyText, nearNames, runsMacro } from './_check';
import { SAM_RESOURCE_ATTRIBUTES } from '../../spec/sam';
import { renameFixes } from './_fix';

export const RESOURCE_ATTRIBUTES: readonly string[] = [
  'Type',
  'Properties',
  'DependsOn',
  'Condition',
  'Metadata',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'UpdatePolicy',
  'CreationPolicy',
];

export default defineRule({
  meta: {
    id: 'schema-unknown-resource-attribute',
    area: 'schema',
    severity: 'error',
    title: 'Unknown key in a resource entry',
    fixable: true,
    cfnLint: ['E3001'],
    docs: {
      summary:
        'A resource entry may only hold Type, Properties, DependsOn, Condition, Metadata, DeletionPolicy, UpdateReplacePolicy, UpdatePolicy and CreationPolicy (custom resources also Version). In templates the SAM transform processes, any resource may also have Connectors, and AWS::Serverless::* resources IgnoreGlobals. Templates that run other macros are not checked, since a macro may define its own keys.',
      why: 'CloudFormation rejects the template ("Invalid template resource property \'DependOn\'"); on AWS::Serverless::* resources the SAM transform drops the key silently (reported as a warning), so the template deploys without the setting. Either way, a property written one level too high (BucketName beside Type instead of under Properties) would otherwise go unnoticed until deployment, and a misspelt DeletionPolicy leaves data without the retention you meant.',
      fix: 'Correct the key (the quick fix offers the closest attribute), or move a property under Properties.',
      references: [
        { title: 'Resource attribute reference', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-product-attribute-reference.html' },
        CFN_DOCS.RESOURCES_SECTION,
        { title: 'AWS SAM embedded connectors', url: 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/embedded-connectors.html' },
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    if (runsMacro(t)) return;
    for (const r of t.resources.values()) {
      if (!isMap(r.value) || asIntrinsic(r.value) || r.id.startsWith('Fn::')) continue;
      const allowed = [...RESOURCE_ATTRIBUTES];
      if (r.type && isCustomType(r.type)) allowed.push('Version');
      if (t.kind === 'sam') {
        allowed.push(SAM_RESOURCE_ATTRIBUTES[0]);
        if (r.type?.startsWith('AWS::Serverless::')) allowed.push(SAM_RESOURCE_ATTRIBUTES[1]);
      }
      const serverless = r.type?.startsWith('AWS::Serverless::') === true;
      for (const p of r.value.pairs) {
        const name = String(p.key.value ?? '');
        // `Fn::Transform` (AWS::Include) merges a snippet into the entry before validation.
        if (allowed.includes(name) || name === 'Fn::Transform') continue;
        const near = nearNames(name, allowed);
        const hint = didYouMean(near);
        const where = !near.length ? ' (properties go under Properties)' : '';
        // The SAM transform drops unknown keys of its own resources: the template deploys, without the setting.
        const dropped = serverless ? ': the SAM transform ignores it' : '';
        ctx.report({
          start: p.key.start,
          end: p.key.end,
          resource: r.id,
          message: `${keyText(p.key)} is not a resource attribute${where}${dropped}.${hint}`,
          fixes: renameFixes(t, p.key, near),
          ...(serverless ? { severity: 'warning' as const } : {}),
        });
      }
    }
  },
});
