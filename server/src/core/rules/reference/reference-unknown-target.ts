import { defineRule } from '../contract';
import { PSEUDO_PARAMETERS } from '../../parse/intrinsics';
import { closest, orList } from '../../util/text';
import type { Reference } from '../../parse/references';
import type { Template } from '../../parse/template';
import { isGeneratedId } from '../../parse/generated';

const WHAT: Record<Reference['expects'], string> = {
  refable: 'parameter, resource or pseudo-parameter',
  resource: 'resource',
  condition: 'condition',
  mapping: 'mapping',
  export: 'export',
};

function candidates(t: Template, r: Reference): string[] {
  switch (r.expects) {
    case 'refable':
      return [...t.parameters.keys(), ...t.resources.keys(), ...PSEUDO_PARAMETERS];
    case 'resource':
      return [...t.resources.keys()];
    case 'condition':
      return [...t.conditions.keys()];
    case 'mapping':
      return [...t.mappings.keys()];
    default:
      return [];
  }
}

function known(t: Template, r: Reference): boolean {
  switch (r.expects) {
    case 'refable':
      return t.parameters.has(r.target) || t.resources.has(r.target) || PSEUDO_PARAMETERS.includes(r.target);
    case 'resource':
      return t.resources.has(r.target);
    case 'condition':
      return t.conditions.has(r.target);
    case 'mapping':
      return t.mappings.has(r.target);
    default:
      return true;
  }
}

const HOW: Record<Reference['kind'], string> = {
  Ref: 'Ref',
  GetAtt: 'GetAtt',
  Sub: 'Sub variable',
  DependsOn: 'DependsOn',
  Condition: 'Condition',
  If: 'Fn::If condition',
  FindInMap: 'FindInMap',
  ImportValue: 'ImportValue',
};

export default defineRule({
  meta: {
    id: 'reference-unknown-target',
    area: 'reference',
    severity: 'error',
    title: 'Reference to a name the template does not define',
    fixable: true,
    cfnLint: ['E1012', 'E1010', 'E1019', 'E3005', 'E8002', 'E1011'],
    docs: {
      summary:
        'Every Ref, GetAtt, ${Name} or ${Name.Attribute} inside Sub, DependsOn, resource or output Condition, Fn::If condition name and FindInMap map name must name something the template defines (or a pseudo-parameter such as AWS::Region). GetAtt and DependsOn must name a resource, not a parameter. Inside Fn::ForEach bodies, loop identifiers are in scope and are not reported; names of resources that the SAM transform generates (MyFunctionRole, ServerlessRestApi, MyApiProdStage, a DeadLetterConfig QueueLogicalId, …) and resources of registry modules (prefixed with the logical ID of the module) are known.',
      why: 'CloudFormation rejects the whole template at validation time, and while the name is wrong the dependency graph, and with it every resilience check that follows a reference, is blind to the link.',
      fix: 'Correct the name (a quick fix offers the closest defined names), or define the parameter, resource, condition or mapping.',
      references: [
        { title: 'Ref', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-ref.html' },
        { title: 'Fn::GetAtt', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getatt.html' },
        { title: 'Fn::Sub', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html' },
        { title: 'Pseudo parameters', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html' },
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    for (const r of t.references) {
      if (r.expects === 'export' || known(t, r)) continue;
      if (r.inForEach) continue;
      // Resources the SAM transform or a module creates (MyFunctionRole, ServerlessRestApi, …).
      if ((r.expects === 'resource' || r.expects === 'refable') && isGeneratedId(t.generated, r.target)) continue;
      const resource = r.from?.section === 'Resources' ? r.from.id : null;
      if (r.expects === 'resource' && t.parameters.has(r.target)) {
        ctx.report({ start: r.start, end: r.end, resource, message: `${HOW[r.kind]} needs a resource, but ${r.target} is a parameter.` });
        continue;
      }
      const near = closest(r.target, candidates(t, r));
      const hint = near.length ? ` Did you mean ${orList(near)}?` : '';
      ctx.report({
        start: r.start,
        end: r.end,
        resource,
        message: `${HOW[r.kind]} target "${r.target}" is not a ${WHAT[r.expects]} defined in this template.${hint}`,
        fixes: near.map((n, i) => ({ title: `Change to ${n}`, edits: [{ start: r.start, end: r.end, newText: n }], preferred: i === 0 && near.length === 1 })),
      });
    }
  },
});
