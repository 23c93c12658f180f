import { defineRule } from '../contract';
import { CFN_DOCS } from '../well-architected';
import { asIntrinsic } from '../../parse/intrinsics';
import { getPair, isMap, isScalar } from '../../parse/node';
import { hasResourceType, schemaInfo, suggestResourceType } from '../../spec/spec';
import { samShape } from '../../spec/sam';
import { renameFixes } from './_fix';
import { didYouMean } from '../../util/text';

/** Types nobody can check statically: custom resources, registry modules, third-party registry types. */
function unknowable(type: string): boolean {
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource' || type.endsWith('::MODULE')) return true;
  return !/^(aws|alexa)::/i.test(type);
}

export default defineRule({
  meta: {
    id: 'schema-unknown-resource-type',
    area: 'schema',
    severity: 'error',
    title: 'Unknown resource type, or resource without a Type',
    fixable: true,
    cfnLint: ['E3001', 'E3006'],
    docs: {
      summary:
        'Every resource must be a mapping with a Type, and a Type in the AWS:: or Alexa:: namespaces must be a resource type CloudFormation (or the SAM transform, for AWS::Serverless::*) knows. Names are case-sensitive. A quick fix offers the closest known types. Custom::* and AWS::CloudFormation::CustomResource, registry modules (…::MODULE) and third-party registry types (Org::Service::Resource) cannot be known in advance and are not checked.',
      why: 'CloudFormation rejects the template before it does anything ("Unrecognized resource types: [AWS::S3::Bukcet]", "Every Resources object must contain a Type member"). While the type is wrong no schema or resilience check can look at the resource either.',
      fix: 'Correct the type name (the quick fix offers the closest known types) or add the missing Type. A resource type released after the schema bundled with the extension is reported too: update the extension, or turn the rule off for that resource.',
      references: [
        CFN_DOCS.RESOURCE_TYPES,
        CFN_DOCS.RESOURCES_SECTION,
        CFN_DOCS.SAM_RESOURCES,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    // Without a schema every type would look unknown: say nothing rather than everything.
    if (schemaInfo().count === 0) return;
    for (const r of t.resources.values()) {
      if (r.id.startsWith('Fn::')) continue;
      if (!isMap(r.value) || asIntrinsic(r.value)) {
        const what = isScalar(r.value) && r.value.value === null ? 'is empty' : 'is not a mapping';
        ctx.report({ start: r.key.start, end: r.key.end, resource: r.id, message: `Resource ${r.id} ${what}: a resource needs at least a Type (and usually Properties).` });
        continue;
      }
      const pair = getPair(r.value, 'Type');
      if (!pair) {
        ctx.report({ start: r.key.start, end: r.key.end, resource: r.id, message: `Resource ${r.id} has no Type.` });
        continue;
      }
      const node = pair.value;
      if (!isScalar(node) || typeof node.value !== 'string' || node.value === '') {
        // An empty value (`Type:`, or `Type: !Tag` at the end of the text) has no text to mark: mark the key.
        const s = isScalar(node) && (node.value === null || node.end === node.start) ? pair.key : node;
        ctx.report({ start: s.start, end: Math.max(s.end, s.start + 1), resource: r.id, message: `The Type of ${r.id} must be a resource type name written as a literal string.` });
        continue;
      }
      const type = node.value;
      if (hasResourceType(type) || samShape(type) || unknowable(type)) continue;
      const near = suggestResourceType(type, 3);
      const hint = didYouMean(near);
      ctx.report({
        start: node.start,
        end: node.end,
        resource: r.id,
        message: `Unknown resource type ${type}.${hint}`,
        fixes: renameFixes(t, node, near),
      });
    }
  },
});
