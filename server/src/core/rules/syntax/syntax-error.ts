import { defineRule } from '../contract';

export default defineRule({
  meta: {
    id: 'syntax-error',
    area: 'syntax',
    severity: 'error',
    title: 'The template text cannot be read',
    fixable: false,
    cfnLint: ['E0000'],
    docs: {
      summary:
        'Reports what the YAML or JSON reader could not accept: duplicate keys, tabs used as indentation, unterminated strings, unknown short-form tags, alias bombs, comments or trailing commas in JSON, and text that is not a single mapping of sections. Each problem is placed at the exact line and column; the rest of the template is still analyzed.',
      why: 'CloudFormation rejects a template it cannot parse before it creates anything, and a duplicate key silently drops one of the two values in many tools: what you deploy is not what you read.',
      fix: 'Correct the text at the reported position. Duplicate keys: keep one. Tabs: indent with spaces. Unknown tags: use one of the intrinsic function tags (!Ref, !GetAtt, !Sub, …) or the long form.',
      references: [
        { title: 'CloudFormation template formats', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html' },
        { title: 'Intrinsic function reference', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html' },
      ],
    },
  },
  check(ctx) {
    for (const issue of ctx.template.issues) {
      ctx.report({ start: issue.start, end: issue.end, message: issue.message, severity: issue.severity });
    }
  },
});
