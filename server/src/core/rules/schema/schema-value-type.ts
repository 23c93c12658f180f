import { defineRule } from '../contract';
import { CFN_DOCS } from '../well-architected';
import { schemaIssues } from './_check';

export default defineRule({
  meta: {
    id: 'schema-value-type',
    area: 'schema',
    severity: 'error',
    title: 'Property value of an evidently wrong type',
    fixable: false,
    cfnLint: ['E3012'],
    docs: {
      summary:
        'Reports a property value whose type is evidently wrong for the property: a mapping or a list where a string, number or boolean is expected, a scalar where a list or a mapping is expected (Tags: prod), a non-numeric string where an Integer or Number is expected, or a Boolean property set to something other than true/false. Numeric strings ("30") and the strings "true"/"false" are accepted because CloudFormation converts them. Intrinsic functions are checked only where their result is certain: Fn::GetAZs, Fn::Split, Fn::Cidr, Ref to a List<…>/CommaDelimitedList parameter and Ref AWS::NotificationARNs give lists; Fn::Join, Fn::Sub, Fn::Base64, Fn::Select, Fn::ImportValue, Ref to a resource or a single-value parameter give one value; Fn::GetAtt gives the type of the attribute; Fn::FindInMap and anything unknown are never reported. Both branches of an Fn::If are checked. A value that matches an earlier type of the property is accepted, and so is a string for the object-typed properties that aws cloudformation package fills in (Lambda Code: ./src, …). For the properties SAM defines itself (not the ones it passes through to CloudFormation), only the shape of the value and numbers are checked, because the SAM part of the bundled schema is older than the transform.',
      why: 'CloudFormation rejects the operation ("Value of property SecurityGroupIds must be of type List of String") and rolls back the stack; with a single security group passed where a list is expected, or a list passed where one subnet is expected, the stack never reaches the multi-AZ layout the template describes.',
      fix: 'Write the value in the shape the property expects: wrap a single value in a list ([!Ref Sg]) or pick one item of a list (!Select [0, !Ref Subnets]), use a List<…> parameter type for list properties, write numbers and booleans without units or words.',
      references: [
        CFN_DOCS.RESOURCE_TYPES,
        { title: 'Parameter types', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#parameters-section-structure-properties-type' },
        { title: 'Intrinsic function reference', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html' },
      ],
    },
  },
  check(ctx) {
    for (const i of schemaIssues(ctx.template)) {
      if (i.kind === 'value-type') ctx.report({ start: i.start, end: i.end, message: i.message, resource: i.resource, ...(i.severity ? { severity: i.severity } : {}) });
    }
  },
});
