import { defineRule } from '../contract';
import { WA } from '../well-architected';
import { checkUnused } from './_unused';

export default defineRule({
  meta: {
    id: 'graph-unused-condition',
    area: 'reference',
    severity: 'warning',
    title: 'Condition never used',
    fixable: true,
    cfnLint: ['W8001'],
    docs: {
      summary:
        'A condition that no resource or output Condition, no Fn::If and no other condition (Condition inside Fn::And/Or/Not) uses, SAM Globals and Fn::ForEach bodies included. A condition used only by another unused condition still counts as used; it is reported once that one is removed. Templates with macros or Fn::Transform (AWS::Include) are skipped.',
      why: 'An unused condition usually means a switch was meant to guard something (a standby replica, a second NAT gateway, a production-only alarm) and the guard was never attached: the resource is created, or left out, regardless of the environment.',
      fix: 'Attach the condition where it was meant to apply, or delete it. The fix deletes the condition (and the Conditions section when it was the last one); deleting it cannot change the stack, so "fix all" applies it.',
      references: [{ title: 'Conditions', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html' }, WA.REL08],
    },
  },
  check(ctx) {
    checkUnused(ctx, 'Conditions', ctx.template.conditions, true);
  },
});
