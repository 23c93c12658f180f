/**
 * The values a property may take, as the data-store rules need them: a thin adapter over
 * graph/resolve.ts (`possibleValues`, `judge`, `describe`) that sorts a property into
 * good / bad (definitely) / conditional (through a parameter or a condition) / unknown.
 */
import { Node, ScalarValue, isScalar } from '../../parse/node';
import type { Parameter, Template } from '../../parse/template';
import { Outcome, asBoolean, describe, judge, possibleValues } from '../../graph/resolve';
import { refName } from './_stores';

/** The string values a node may take, or undefined when some are unknown (or it may be absent). */
export function stringValues(t: Template, n: Node | undefined): string[] | undefined {
  if (!n) return undefined;
  const pv = possibleValues(t, n);
  if (pv.unknown || pv.noValue || !pv.values.length) return undefined;
  return pv.values.map((v) => String(v));
}

/** The number a node certainly evaluates to (a literal, or the same value in every case). */
export function numberValue(t: Template, n: Node | undefined): number | undefined {
  if (!n) return undefined;
  const pv = possibleValues(t, n);
  if (pv.unknown || pv.noValue || pv.values.length !== 1) return undefined;
  const v = Number(pv.values[0]);
  return Number.isFinite(v) ? v : undefined;
}

export type Check =
  | { status: 'good' }
  | { status: 'unknown' }
  /** Bad in every case. `literal`: written in place (or absent), so setting the property fixes it. */
  | { status: 'bad'; how: string; literal: boolean; value?: ScalarValue }
  /** Bad in some cases, including the defaults (or the defaults cannot be told): `phrase` says when it is good. */
  | { status: 'conditional'; phrase: string; parameter?: Parameter };

function show(v: ScalarValue): string {
  return typeof v === 'string' ? v : String(v);
}

/**
 * Judges a property: `isGood(value)` for each literal value it may take (`undefined` for
 * absent / `AWS::NoValue`). `absentText` describes the default, e.g. "not set, default false".
 * Conditional values whose defaults are good count as good: the template is right by default,
 * and a deployer who overrides it chooses to.
 */
export function checkValue(t: Template, n: Node | undefined, isGood: (v: ScalarValue | undefined) => boolean | undefined, absentText: string, goodText?: string): Check {
  const pv = possibleValues(t, n);
  const judgeOutcome = (o: Outcome): boolean | undefined => (o.kind === 'literal' ? isGood(o.value) : o.kind === 'novalue' ? isGood(undefined) : undefined);
  const v = judge(pv, judgeOutcome);
  if (v.bad === 'never') return { status: 'good' };
  if (v.bad === 'unknown') return { status: 'unknown' };
  if (v.bad === 'always') {
    if (!n || (v.badCases.length === 1 && v.badCases[0].outcome.kind === 'novalue' && !pv.dependsOn.parameters.length && !pv.dependsOn.conditions.length)) return { status: 'bad', how: absentText, literal: true };
    if (isScalar(n)) return { status: 'bad', how: show(n.value), literal: true, value: n.value };
    const vals = pv.values.map(show);
    return { status: 'bad', how: vals.length ? vals.join(' or ') : absentText, literal: false };
  }
  if (v.badByDefault === false) return { status: 'good' };
  const name = refName(n);
  const param = name ? t.parameters.get(name) : undefined;
  if (param && !param.allowedValues) {
    const good = goodText ?? pv.values.find((x) => isGood(x) === true);
    const def = pv.default;
    return { status: 'conditional', phrase: `unless parameter ${param.id} is set to ${good !== undefined ? show(good) : 'another value'}${def !== undefined ? ` (default ${show(def)})` : ''}`, parameter: param };
  }
  const text = describe(pv, judgeOutcome, '\u0000');
  if (!text) return { status: 'unknown' };
  return { status: 'conditional', phrase: text.replace('\u0000', '').trim(), ...(param ? { parameter: param } : {}) };
}

/** `checkValue` for a boolean that must be true, absent meaning false. */
export function mustBeTrue(t: Template, n: Node | undefined): Check {
  return checkValue(t, n, (v) => (v === undefined ? false : asBoolean(v)), 'not set, default false', 'true');
}
