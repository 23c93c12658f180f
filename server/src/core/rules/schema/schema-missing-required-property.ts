import { defineRule } from '../contract';
import { CFN_DOCS } from '../well-architected';
import { schemaIssues } from './_check';

export default defineRule({
  meta: {
    id: 'schema-missing-required-property',
    area: 'schema',
    severity: 'error',
    title: 'Required property missing',
    fixable: false,
    cfnLint: ['E3003'],
    docs: {
      summary:
        'A resource must set every property its type requires (an AWS::RDS::DBCluster its Engine, an AWS::Lambda::Function its Code and Role, …), and every nested property type written in the template must set its own required properties (a Tag its Key and Value). A resource without a Properties key counts as setting nothing; when Properties is an Fn::If, both branches are checked; a required property whose value is Ref AWS::NoValue counts as missing, and one written as an Fn::If with an AWS::NoValue branch is reported with the condition under which it is missing. For AWS::Serverless::* types the rule uses what the SAM transform requires today, and a property set in the matching Globals section (Globals.Function, Globals.Api, …) counts as set unless the resource opts out with IgnoreGlobals. Custom resources must set ServiceToken.',
      why: 'CloudFormation fails the create (or the change set) with "required key [X] not found" or a service validation error, after every resource created before it in the same operation, and the stack rolls back. In a pipeline this blocks the release.',
      fix: 'Add the property with the value your workload needs. No quick fix is offered on purpose: any value the tool could insert (a placeholder name, a default engine, an empty role) is a guess that would move the failure from the editor to deployment time, or worse, deploy something you did not intend. Completion in the editor lists the required properties with their documentation.',
      references: [
        CFN_DOCS.RESOURCE_TYPES,
        { title: 'AWS SAM Globals section', url: 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html' },
        { title: 'AWS::CloudFormation::CustomResource', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-customresource.html' },
      ],
    },
  },
  check(ctx) {
    for (const i of schemaIssues(ctx.template)) {
      if (i.kind === 'missing-required') ctx.report({ start: i.start, end: i.end, message: i.message, resource: i.resource, ...(i.severity ? { severity: i.severity } : {}) });
    }
  },
});
