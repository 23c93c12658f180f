/**
 * The verdict on a scalar property for these rules, on top of graph/resolve.ts: is it bad,
 * is it written literally (then a fix can edit it), and when it depends on parameters or
 * conditions, the phrase saying when ("unless parameter MultiAZ is true").
 */
import { Node, ScalarValue, isScalar } from '../../parse/node';
import type { Template } from '../../parse/template';
import { describe, judge, possibleValues, Outcome } from '../../graph/resolve';

export interface Evaluation {
  /** Written as a plain scalar in place (a fix may edit it). */
  literal: boolean;
  /** '' when always bad, else ' when …' / ' unless …' (leading space). */
  qualifier: string;
  /** The bad value: the literal, or the default's when it is bad, else the first bad value. */
  value: ScalarValue | undefined;
}

/**
 * Judges every value the node can take with `isGood` (`undefined` value = absent or
 * `AWS::NoValue`; return undefined for "cannot tell"). Undefined when no case is known bad:
 * say nothing rather than guess.
 */
export function evaluate(t: Template, node: Node | undefined, isGood: (v: ScalarValue | undefined) => boolean | undefined): Evaluation | undefined {
  const pv = possibleValues(t, node);
  const j = (o: Outcome): boolean | undefined => (o.kind === 'literal' ? isGood(o.value) : o.kind === 'novalue' ? isGood(undefined) : undefined);
  const phrase = describe(pv, j, '\u0000');
  if (phrase === undefined) return undefined;
  const verdict = judge(pv, j);
  const first = verdict.badCases[0]?.outcome;
  const def = pv.defaultCase && verdict.badByDefault ? pv.defaultCase.outcome : undefined;
  const pick = def ?? first;
  return {
    literal: isScalar(node),
    qualifier: phrase.slice(1),
    value: pick && pick.kind === 'literal' ? pick.value : undefined,
  };
}
