import { defineRule } from '../contract';
import { PSEUDO_PARAMETERS } from '../../parse/intrinsics';
import { closest, didYouMean } from '../../util/text';
import { LoopName, Reference, expandLoopName, loopNames } from '../../parse/references';
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

/** The sections whose names a reference may denote. */
function sectionsOf(expects: Reference['expects']): string[] {
  return expects === 'refable' ? ['Parameters', 'Resources'] : expects === 'resource' ? ['Resources'] : expects === 'condition' ? ['Conditions'] : expects === 'mapping' ? ['Mappings'] : [];
}

function knownName(t: Template, expects: Reference['expects'], name: string, loops: readonly LoopName[]): boolean {
  switch (expects) {
    case 'refable':
      if (t.parameters.has(name) || t.resources.has(name) || PSEUDO_PARAMETERS.includes(name)) return true;
      break;
    case 'resource':
      if (t.resources.has(name)) return true;
      break;
    case 'condition':
      if (t.conditions.has(name)) return true;
      break;
    case 'mapping':
      if (t.mappings.has(name)) return true;
      break;
    default:
      return true;
  }
  // Names a Fn::ForEach loop generates (`Topic${Name}` over a literal list, or any name its pattern allows).
  const sections = sectionsOf(expects);
  return loops.some((l) => sections.includes(l.section) && (l.names ? l.names.includes(name) : l.regex.test(name)));
}

function known(t: Template, r: Reference, loops: readonly LoopName[]): boolean {
  return knownName(t, r.expects, r.target, loops);
}

/** The names of a section as patterns (`Topic${Name}` written in a loop, or plain). */
function declaredNames(t: Template, expects: Reference['expects'], loops: readonly LoopName[]): string[] {
  const sections = sectionsOf(expects);
  const out = sections.flatMap((s) => [...(s === 'Parameters' ? t.parameters : s === 'Resources' ? t.resources : s === 'Conditions' ? t.conditions : t.mappings).keys()]);
  for (const l of loops) if (sections.includes(l.section)) out.push(...(l.names ?? [l.pattern]));
  return out;
}

/**
 * A reference inside Fn::ForEach bodies: a loop identifier is known; a name with `${Id}` /
 * `&{Id}` placeholders is checked for each value of a literal collection (the first value
 * that names nothing is returned), or else as a pattern against the declared and generated
 * names. Undefined when it is known.
 */
function unknownInLoop(t: Template, r: Reference, loops: readonly LoopName[]): { name: string; value?: string } | undefined {
  const scope = r.loops ?? [];
  if (r.loopIdentifiers?.includes(r.target)) return undefined;
  const x = expandLoopName(r.target, scope);
  if (!x.usesLoop) return known(t, r, loops) ? undefined : { name: r.target };
  if (x.names) {
    const bad = x.names.find((n) => !knownName(t, r.expects, n, loops));
    return bad === undefined ? undefined : { name: r.target, value: bad };
  }
  const candidates = declaredNames(t, r.expects, loops);
  const norm = (s: string) => s.replace(/[$&]\{[^}]*\}/g, '\u0000');
  if (candidates.some((c) => x.regex.test(c) || norm(c) === norm(r.target))) return undefined;
  return { name: r.target };
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
        'Every Ref, GetAtt, ${Name} or ${Name.Attribute} inside Sub, DependsOn, resource or output Condition, Fn::If condition name and FindInMap map name must name something the template defines (or a pseudo-parameter such as AWS::Region). GetAtt and DependsOn must name a resource, not a parameter. Inside Fn::ForEach bodies, loop identifiers are in scope, and a name written with `${Id}` or `&{Id}` is checked for every value of a literal collection (or, when the collection is computed, against the names the template declares or its loops generate); names that loops generate (`Topic${Name}` over `[A, B]` gives TopicA and TopicB) are known everywhere; names of resources that the SAM transform generates (MyFunctionRole, ServerlessRestApi, MyApiProdStage, a DeadLetterConfig QueueLogicalId, …) and resources of registry modules (prefixed with the logical ID of the module) are known.',
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
    const loops = t.forEach.length ? loopNames(t) : [];
    for (const r of t.references) {
      if (r.expects === 'export') continue;
      let expanded: string | undefined;
      if (r.inForEach) {
        const u = unknownInLoop(t, r, loops);
        if (!u) continue;
        expanded = u.value;
      } else if (known(t, r, loops)) continue;
      // Resources the SAM transform or a module creates (MyFunctionRole, ServerlessRestApi, …).
      if ((r.expects === 'resource' || r.expects === 'refable') && isGeneratedId(t.generated, r.target)) continue;
      const resource = r.from?.section === 'Resources' ? r.from.id : null;
      if (r.expects === 'resource' && t.parameters.has(r.target)) {
        ctx.report({ start: r.start, end: r.end, resource, message: `${HOW[r.kind]} needs a resource, but ${r.target} is a parameter.` });
        continue;
      }
      const near = expanded === undefined ? closest(r.target, [...candidates(t, r), ...(r.expects === 'refable' ? (r.loopIdentifiers ?? []) : [])]) : [];
      const hint = didYouMean(near);
      const loopNote = expanded !== undefined ? ` (in the Fn::ForEach loop it becomes "${expanded}", which names nothing)` : '';
      ctx.report({
        start: r.start,
        end: r.end,
        resource,
        message: `${HOW[r.kind]} target "${r.target}" is not a ${WHAT[r.expects]} defined in this template${loopNote}.${hint}`,
        fixes: near.map((n, i) => ({ title: `Change to ${n}`, edits: [{ start: r.start, end: r.end, newText: n }], preferred: i === 0 && near.length === 1 })),
      });
    }
  },
});
