import { defineRule } from '../contract';
import { WA } from '../well-architected';
import { resourceCycles } from '../../graph/cycles';
import type { RelatedLocation } from '../../types';

const name = (id: string) => id.replace(/^Resources\./, '');

const HOW: Record<string, string> = { Ref: 'Ref', GetAtt: 'GetAtt', Sub: 'Sub', DependsOn: 'DependsOn' };

export default defineRule({
  meta: {
    id: 'graph-circular-dependency',
    area: 'reference',
    severity: 'error',
    title: 'Circular dependency between resources',
    fixable: false,
    cfnLint: ['E3004'],
    docs: {
      summary:
        'Resources that depend on each other in a loop, through Ref, GetAtt, ${Name} in Sub, or DependsOn (including a resource that references itself). Each cycle (strongly connected group of resources) is reported once, on the logical ID of each resource in it, with the whole path in the message (A → B → C → A) and every reference that closes the loop as a related location. References inside SAM event sources (`Events`, `FunctionUrlConfig`, …) are left out: the transform moves them into generated resources, so they do not make the function itself wait for the target.',
      why: 'CloudFormation cannot order the creation of resources in a loop and rejects the template ("Circular dependency between resources"), so nothing of the stack is created or updated. Loops often appear when a security group, a bucket notification or a key policy names a resource that itself needs the first one.',
      fix: 'Break one link of the loop: drop a DependsOn that is not needed, move an inline rule into its own resource (AWS::EC2::SecurityGroupIngress instead of SecurityGroupIngress, AWS::Lambda::Permission, AWS::S3::BucketPolicy), or build an ARN with Sub from a name you choose instead of using GetAtt.',
      references: [
        { title: 'Resolving circular dependency errors (AWS blog)', url: 'https://aws.amazon.com/blogs/infrastructure-and-automation/handling-circular-dependency-errors-in-aws-cloudformation/' },
        { title: 'DependsOn attribute', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-dependson.html' },
        WA.REL08,
      ],
    },
  },
  check(ctx) {
    const g = ctx.graph;
    for (const cycle of resourceCycles(g)) {
      const path = cycle.path.map(name).join(' → ');
      const related: RelatedLocation[] = [];
      const seen = new Set<string>();
      for (const hop of cycle.hops) {
        for (const e of hop) {
          const k = `${e.start}:${e.end}`;
          if (seen.has(k)) continue;
          seen.add(k);
          related.push({ start: e.start, end: e.end, message: `${name(e.from)} → ${name(e.to)} (${HOW[e.kind] ?? e.kind})` });
        }
      }
      const self = cycle.members.length === 1;
      const message = self
        ? `${name(cycle.members[0])} depends on itself: ${path}.`
        : `Circular dependency between ${cycle.members.length} resources: ${path}.`;
      for (const m of cycle.members) {
        const node = g.nodes.get(m);
        if (node?.start === undefined) continue;
        ctx.report({ start: node.start, end: node.end!, resource: node.name, message, related });
      }
    }
  },
});
