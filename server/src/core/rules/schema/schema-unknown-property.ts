import { defineRule } from '../contract';
import { CFN_DOCS } from '../well-architected';
import { schemaIssues } from './_check';
import { renameFixes } from './_fix';

export default defineRule({
  meta: {
    id: 'schema-unknown-property',
    area: 'schema',
    severity: 'error',
    title: 'Property not defined for the resource type',
    fixable: true,
    cfnLint: ['E3002'],
    docs: {
      summary:
        'Every key under a resource\'s Properties, and under each nested property type (VpcConfig, Tags items, LifecycleConfiguration rules, …), must be a property that the resource type defines. Lists and maps of nested types are checked item by item, both branches of an Fn::If are checked, and a key is accepted when any member of a union type defines it. Free-form JSON values (IAM policy documents, Step Functions definitions, Metadata) and custom resources are never checked. For AWS::Serverless::* types the rule follows what the SAM transform accepts today (its resource and event-source property lists), including properties newer than the CloudFormation specification; a key other than Type and Properties in a SAM event is reported as a warning because the transform silently drops it. A read-only attribute written as a property (Neptune\'s Port instead of DBPort) is a warning too: the registry schema lets it through but the value is ignored. Templates that run a macro other than AWS\'s own transforms are not checked.',
      why: 'CloudFormation rejects the stack operation with "Encountered unsupported property" and rolls back; a misspelt optional property is worse when the transform or an older tool drops it silently: the setting you meant (BackupRetentionPeriod, MultiAZ, DeletionProtection, ReservedConcurrentExecutions) is simply not applied, and the resilience the template claims to have is not there.',
      fix: 'Correct the property name (the quick fix offers the closest names the type defines), move it to the nested type where it belongs, or remove it. If the property is newer than the bundled schema, update the extension.',
      references: [
        CFN_DOCS.RESOURCE_TYPES,
        CFN_DOCS.RESOURCES_SECTION,
        CFN_DOCS.SAM_RESOURCES,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const i of schemaIssues(t)) {
      if (i.kind !== 'unknown-property') continue;
      ctx.report({ start: i.start, end: i.end, message: i.message, resource: i.resource, ...(i.severity ? { severity: i.severity } : {}), fixes: i.target && i.suggestions ? renameFixes(t, i.target, i.suggestions) : [] });
    }
  },
});
