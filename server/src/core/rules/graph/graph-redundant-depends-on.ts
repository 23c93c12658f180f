import { defineRule } from '../contract';
import { WA } from '../well-architected';
import type { Fix } from '../../types';
import type { GraphEdge } from '../../graph/graph';
import { Node, get, isScalar, isSeq } from '../../parse/node';
import { FixBuilder } from '../../fix/builder';

const IMPLYING = new Set(['Ref', 'GetAtt', 'Sub']);

/** Serverless types whose DependsOn lands on the resource that carries the referencing properties. */
const CHECKED_SERVERLESS = new Set(['AWS::Serverless::Function', 'AWS::Serverless::StateMachine', 'AWS::Serverless::Application', 'AWS::Serverless::LayerVersion', 'AWS::Serverless::SimpleTable']);

/** ['Properties', 'Roles', 0] -> "Properties.Roles[0]" */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

export default defineRule({
  meta: {
    id: 'graph-redundant-depends-on',
    area: 'reference',
    severity: 'info',
    title: 'DependsOn already implied by a reference',
    fixable: true,
    cfnLint: ['W3005'],
    docs: {
      summary:
        'A DependsOn entry naming a resource that the same resource already references with Ref, GetAtt or ${Name} in Sub, outside any Fn::If branch (a reference in one branch only does not hold when the other is taken), or naming the same resource twice. On SAM functions and state machines, references in Events, FunctionUrlConfig, DeploymentPreference and ProvisionedConcurrencyConfig do not count: the transform moves them into generated resources, so the explicit DependsOn still orders the function itself. Serverless applications, layers and simple tables are checked like plain resources; APIs, GraphQL APIs and connectors are not checked (the transform spreads them over several resources).',
      why: 'CloudFormation already waits for every resource a Ref or GetAtt names. A redundant DependsOn is noise that hides the DependsOn entries that matter (the ones ordering creation where no reference does, such as a route that needs the gateway attachment) and stays behind as a false dependency when the reference is later removed.',
      fix: 'Remove the entry (the whole DependsOn when it was the only one, or when every entry is implied). The fix cannot change the creation order, so "fix all" applies it.',
      references: [
        { title: 'DependsOn attribute', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-dependson.html' },
        { title: 'Optimize CloudFormation templates (AWS blog)', url: 'https://aws.amazon.com/blogs/devops/optimize-aws-cloudformation-templates/' },
        WA.REL08,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    const g = ctx.graph;
    for (const r of t.resources.values()) {
      if (!r.dependsOn.length) continue;
      const type = r.type ?? '';
      if (type.startsWith('AWS::Serverless::') && !CHECKED_SERVERLESS.has(type)) continue;
      const depNode = get(r.value, 'DependsOn');
      if (!depNode || !depNode.pair) continue;
      const implied = new Map<string, GraphEdge>();
      for (const e of g.dependencies(`Resources.${r.id}`)) {
        if (!IMPLYING.has(e.kind) || e.viaGenerated || e.under?.length || !e.to.startsWith('Resources.')) continue;
        const target = e.to.slice(10);
        if (!implied.has(target)) implied.set(target, e);
      }
      const findings: { item: Node; target: string; edge?: GraphEdge; duplicate?: boolean }[] = [];
      const seen = new Set<string>();
      for (const d of r.dependsOn) {
        const target = String(d.value ?? '');
        if (!t.resources.has(target)) {
          seen.add(target);
          continue;
        }
        if (seen.has(target)) findings.push({ item: d, target, duplicate: true });
        else if (implied.has(target)) findings.push({ item: d, target, edge: implied.get(target) });
        seen.add(target);
      }
      if (!findings.length) continue;
      const items = isSeq(depNode) ? depNode.items : [depNode];
      const whole = isScalar(depNode) || findings.length === items.length;
      const wholeEdits = whole ? new FixBuilder(t).remove(depNode.pair).build() : undefined;
      for (const f of findings) {
        const fixes: Fix[] = [];
        if (whole) {
          if (wholeEdits) fixes.push({ title: items.length > 1 ? 'Remove DependsOn (every entry is implied)' : 'Remove DependsOn', edits: wholeEdits, preferred: true, safe: true });
        } else {
          const edits = new FixBuilder(t)
            .remove(
              f.item,
              findings.map((x) => x.item),
            )
            .build();
          if (edits) fixes.push({ title: `Remove ${f.target} from DependsOn`, edits, preferred: true, safe: true });
        }
        const ref = f.edge;
        const how = ref ? (ref.kind === 'Sub' ? `\${${f.target}${ref.ref?.attribute ? `.${ref.ref.attribute}` : ''}} in Sub` : ref.kind) : '';
        ctx.report({
          start: f.item.start,
          end: f.item.end,
          resource: r.id,
          message: f.duplicate
            ? `DependsOn lists ${f.target} more than once.`
            : `DependsOn ${f.target} is redundant: the ${how} at ${formatPath(g.pathOf(ref!))} already makes ${r.id} wait for ${f.target}.`,
          fixes,
          ...(ref ? { related: [{ start: ref.start, end: ref.end, message: `${how} of ${f.target}` }] } : {}),
        });
      }
    }
  },
});
