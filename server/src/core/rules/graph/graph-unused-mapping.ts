import { defineRule } from '../contract';
import { WA } from '../well-architected';
import { checkUnused } from './_unused';

export default defineRule({
  meta: {
    id: 'graph-unused-mapping',
    area: 'reference',
    severity: 'warning',
    title: 'Mapping never used',
    fixable: true,
    cfnLint: ['W7001'],
    docs: {
      summary:
        'A mapping that no Fn::FindInMap reads (SAM Globals, Rules and Fn::ForEach bodies included). When some Fn::FindInMap computes its map name (`!FindInMap [!Ref Env, …]`) every mapping may be read and the rule stays quiet, as cfn-lint W7001 does; templates with macros or Fn::Transform (AWS::Include) are skipped too.',
      why: 'An unused mapping is dead configuration: a per-region AMI or per-environment capacity table that readers trust while the resources use something else, such as a hard-coded value that does not scale with the environment.',
      fix: 'Read the mapping where it was meant to apply, or delete it. The fix deletes the mapping (and the Mappings section when it was the last one); deleting it cannot change the stack, so "fix all" applies it.',
      references: [{ title: 'Mappings', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/mappings-section-structure.html' }, WA.REL08],
    },
  },
  check(ctx) {
    checkUnused(ctx, 'Mappings', ctx.template.mappings, true);
  },
});
