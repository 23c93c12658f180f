import { defineRule } from '../contract';
import { WA } from '../well-architected';
import { checkUnused } from './_unused';

export default defineRule({
  meta: {
    id: 'graph-unused-parameter',
    area: 'reference',
    severity: 'warning',
    title: 'Parameter never used',
    fixable: true,
    cfnLint: ['W2001'],
    docs: {
      summary:
        'A parameter that no Ref and no ${Name} in Sub reads, anywhere in the template: resources, outputs, conditions, SAM Globals, Fn::ForEach collections and the Rules section all count (a parameter checked only by Rules still constrains what callers may pass, as in cfn-lint W2001). Being listed in Metadata AWS::CloudFormation::Interface (ParameterGroups, ParameterLabels) does not count: the interface only arranges the console form, nothing reads the value, and cfn-lint W2001 decides the same. A parameter read only by a condition that is itself unused still counts as used; remove the condition first. Templates with macros or Fn::Transform (AWS::Include) are skipped, since the included text may read it. Unlike cfn-lint, SAM templates are checked too.',
      why: 'An unused parameter is a knob that does nothing: operators set it expecting an effect (a Multi-AZ switch, a retention period) and the stack silently ignores it, which is how a resilience setting believed to be on turns out to be off.',
      fix: 'Wire the parameter to the property it was meant for, or delete it. The fix deletes the parameter, its label and its place in the console parameter groups (and the Parameters section if it becomes empty). Callers that still pass the parameter (pipelines, --parameter-overrides) fail once it is gone, so the fix is not applied by "fix all".',
      references: [
        { title: 'Parameters', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html' },
        { title: 'AWS::CloudFormation::Interface', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-cloudformation-interface.html' },
        WA.REL08,
      ],
    },
  },
  check(ctx) {
    checkUnused(ctx, 'Parameters', ctx.template.parameters, false);
  },
});
