import { defineRule } from '../contract';
import { TOP_LEVEL_SECTIONS } from '../../parse/template';
import { didYouMean } from '../../util/text';
import { keyText, nearNames } from './_check';
import { renameFixes } from './_fix';

/** Top-level keys CloudFormation accepts (`Globals` only with SAM, `Hooks` for ECS blue/green deployments). */
export const SECTIONS: readonly string[] = [...TOP_LEVEL_SECTIONS, 'Hooks'];

export default defineRule({
  meta: {
    id: 'schema-unknown-section',
    area: 'schema',
    severity: 'error',
    title: 'Unknown top-level section',
    fixable: true,
    cfnLint: ['E1001'],
    docs: {
      summary:
        'The top level of a template may only hold AWSTemplateFormatVersion, Description, Metadata, Parameters, Rules, Mappings, Conditions, Transform, Resources, Outputs, Hooks (ECS blue/green deployments with AWS::CodeDeployBlueGreen) and, in SAM templates, Globals. Names are case-sensitive; a quick fix offers the closest section name.',
      why: 'CloudFormation rejects the template ("Invalid template property or properties [Output]"). When the misspelt section is Outputs or Conditions, the values other stacks import or the conditions resources depend on never exist.',
      fix: 'Correct the section name (the quick fix offers the closest one), move the content into Metadata if it is documentation, or add the SAM transform when the template uses Globals.',
      references: [
        { title: 'Template section reference', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html' },
        { title: 'AWS SAM Globals section', url: 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html' },
        { title: 'Blue/green deployments with the Hooks section', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/blue-green.html' },
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    if (!t.root) return;
    for (const p of t.root.pairs) {
      const name = String(p.key.value ?? '');
      if (name === 'Globals') {
        if (t.kind !== 'sam') {
          ctx.report({ start: p.key.start, end: p.key.end, message: 'Globals is a SAM section: it needs Transform: AWS::Serverless-2016-10-31.' });
        }
        continue;
      }
      // A top-level `Fn::Transform` (AWS::Include) is replaced by the included snippet.
      if (SECTIONS.includes(name) || name === 'Fn::Transform') continue;
      const near = nearNames(name, SECTIONS).filter((s) => s !== 'Globals' || t.kind === 'sam');
      const hint = didYouMean(near);
      ctx.report({ start: p.key.start, end: p.key.end, message: `${keyText(p.key)} is not a template section.${hint}`, fixes: renameFixes(t, p.key, near) });
    }
  },
});
