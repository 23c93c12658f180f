import { defineRule } from '../contract';
import { CFN_DOCS } from '../well-architected';
import { schemaIssues } from './_check';
import { renameFixes } from './_fix';

export default defineRule({
  meta: {
    id: 'schema-value-not-allowed',
    area: 'schema',
    severity: 'warning',
    title: 'Value not among the values the property allows',
    fixable: true,
    cfnLint: ['E3030'],
    docs: {
      summary:
        'Reports a literal value that is not one of the values the schema lists for the property (a Lambda PackageType of zip instead of Zip, a LoggingConfig LogFormat of Json instead of JSON, …), and a SAM event Type that SAM does not know. A quick fix offers the allowed value that differs only in case, or the closest ones. The lists come from the CloudFormation resource specification bundled with the extension and can be stale: AWS adds values (new instance classes, runtimes, storage types) before every tool catches up, which is why this rule is a warning. Values written with intrinsic functions are not checked.',
      why: 'The service rejects an unknown enum value when CloudFormation calls it, after the stack operation has started: the resource fails to create or update and the stack rolls back. A case slip (zip for Zip) is easy to miss in review.',
      fix: 'Use one of the allowed values (the quick fix offers the closest). If the value is valid but newer than the bundled list, keep it and turn the finding off for that resource (Metadata: cfn-resilience: ignore: [schema-value-not-allowed]) or update the extension.',
      references: [
        CFN_DOCS.RESOURCE_TYPES,
        { title: 'CloudFormation resource specification', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cfn-resource-specification.html' },
        { title: 'AWS SAM EventSource', url: 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventsource.html' },
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const i of schemaIssues(t)) {
      if (i.kind !== 'not-allowed') continue;
      ctx.report({ start: i.start, end: i.end, message: i.message, resource: i.resource, ...(i.severity ? { severity: i.severity } : {}), fixes: i.target && i.suggestions ? renameFixes(t, i.target, i.suggestions) : [] });
    }
  },
});
