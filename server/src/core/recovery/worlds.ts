/**
 * The deployments a template allows, as far as recovery is concerned. Each input of an
 * estimate (Multi-AZ or not, backup retention, whether a replica exists…) is read with
 * graph/resolve.ts `possibleValues` as a list of choices, each holding under some facts
 * (a parameter's value, a condition's truth). A "world" picks one choice per input with
 * facts that do not contradict each other; the default world is the one that holds with
 * every parameter at its default. Estimates are computed per world, so a range can say
 * "RTO 1–2 min, or hours when parameter MultiAZ is false".
 */
import type { Template } from '../parse/template';
import type { Node, ScalarValue } from '../parse/node';
import { Atom, Case, defaultParameterValues, evalCondition, phraseCases, possibleValues } from '../graph/resolve';

export interface Choice<T> {
  value: T;
  /** Facts it relies on (empty: unconditional). */
  when: Atom[];
  /** Set when the template does not tell the value and this one is assumed: says what. */
  assumed?: string;
}

/** A single, unconditional value. */
export function fixed<T>(value: T): Choice<T>[] {
  return [{ value, when: [] }];
}

/**
 * The choices of a property: `read` maps each literal value (undefined: absent or
 * `AWS::NoValue`) to the input's value; values the template does not tell (a `GetAtt`, an
 * import, a parameter without default) become each of `ifUnknown`, marked assumed.
 */
export function choicesOf<T>(t: Template, node: Node | undefined, read: (v: ScalarValue | undefined) => T, ifUnknown: readonly T[], label: string, show: (v: T) => string = String): Choice<T>[] {
  if (!node) return fixed(read(undefined));
  const pv = possibleValues(t, node);
  const out: Choice<T>[] = [];
  for (const c of pv.cases) {
    const o = c.outcome;
    if (o.kind === 'literal') out.push({ value: read(o.value), when: c.when });
    else if (o.kind === 'novalue') out.push({ value: read(undefined), when: c.when });
    else for (const v of ifUnknown) out.push({ value: v, when: c.when, assumed: `${label} is ${show(v)} (its value is not known from the template)` });
  }
  return out.length ? out : fixed(read(undefined));
}

/**
 * The choices of a property whose value is a map or a list (`ReplicationConfiguration`):
 * `read` gets the node each case gives (undefined when absent or `AWS::NoValue`); cases the
 * template does not tell become `ifUnknown`, marked assumed.
 */
export function nodeChoices<T>(t: Template, node: Node | undefined, read: (n: Node | undefined) => T, ifUnknown: readonly T[], label: string, show: (v: T) => string = String): Choice<T>[] {
  if (!node) return fixed(read(undefined));
  const pv = possibleValues(t, node);
  const out: Choice<T>[] = [];
  for (const c of pv.cases) {
    const o = c.outcome;
    if (o.kind === 'node') out.push({ value: read(o.node), when: c.when });
    else if (o.kind === 'novalue') out.push({ value: read(undefined), when: c.when });
    else if (o.kind === 'literal') out.push({ value: read(o.node), when: c.when });
    else for (const v of ifUnknown) out.push({ value: v, when: c.when, assumed: `${label} is ${show(v)} (its value is not known from the template)` });
  }
  return out.length ? out : fixed(read(undefined));
}

/** Whether a resource with this `Condition` exists: true, false, or both under the condition. */
export function conditionChoices(t: Template, name: string | undefined): Choice<boolean>[] {
  if (!name) return fixed(true);
  const v = evalCondition(t, name);
  if (v !== undefined) return fixed(v);
  if (!t.conditions.has(name)) return fixed(true);
  return [
    { value: true, when: [{ kind: 'condition', name, value: true }] },
    { value: false, when: [{ kind: 'condition', name, value: false }] },
  ];
}

export interface World<V> {
  values: V;
  when: Atom[];
  assumed: string[];
  isDefault: boolean;
}

function sameScalar(a: ScalarValue, b: ScalarValue): boolean {
  return String(a) === String(b);
}

/** Both lists of facts, or undefined when they contradict each other. */
export function mergeAtoms(a: readonly Atom[], b: readonly Atom[]): Atom[] | undefined {
  const out = a.slice();
  for (const x of b) {
    const y = out.find((z) => z.kind === x.kind && z.name === x.name);
    if (!y) {
      out.push(x);
      continue;
    }
    if (x.kind === 'condition' && y.kind === 'condition' && x.value !== y.value) return undefined;
    if (x.kind === 'parameter' && y.kind === 'parameter' && (!!x.other !== !!y.other || (!x.other && !sameScalar(x.value, y.value)))) return undefined;
    if (x.kind === 'key' && y.kind === 'key' && x.value !== y.value) return undefined;
  }
  return out;
}

function holdsByDefault(t: Template, atoms: readonly Atom[], env: ReadonlyMap<string, ScalarValue>): boolean {
  for (const a of atoms) {
    if (a.kind === 'parameter') {
      if (!a.isDefault || a.other) return false;
    } else if (a.kind === 'key') return false;
    else if (evalCondition(t, a.name, env) !== a.value) return false;
  }
  return true;
}

/** How many worlds are considered at most; beyond, only the first choices of each input. */
export const MAX_WORLDS = 64;

/**
 * Every consistent combination of the inputs' choices. The first world that holds with the
 * default parameter values is marked default (the first world when none does).
 */
export function enumerate<V extends Record<string, unknown>>(t: Template, inputs: { [K in keyof V]: Choice<V[K]>[] }): World<V>[] {
  const keys = Object.keys(inputs) as (keyof V)[];
  let acc: { values: Partial<V>; when: Atom[]; assumed: string[] }[] = [{ values: {}, when: [], assumed: [] }];
  let truncated = false;
  for (const k of keys) {
    const next: typeof acc = [];
    for (const w of acc) {
      for (const c of inputs[k]) {
        const when = mergeAtoms(w.when, c.when);
        if (!when) continue;
        next.push({ values: { ...w.values, [k]: c.value }, when, assumed: c.assumed ? [...w.assumed, c.assumed] : w.assumed });
      }
    }
    if (next.length > MAX_WORLDS) {
      truncated = true;
      // Keep the worlds of the first choice of this input (the others are dropped, not guessed).
      acc = next.filter((w) => w.values[k] === inputs[k][0].value).slice(0, MAX_WORLDS);
    } else acc = next;
  }
  if (!acc.length) {
    // Contradictory facts everywhere (should not happen): first choice of every input.
    const values = {} as Partial<V>;
    for (const k of keys) values[k] = inputs[k][0]?.value;
    acc = [{ values, when: [], assumed: [] }];
  }
  const env = defaultParameterValues(t);
  let def = acc.findIndex((w) => holdsByDefault(t, w.when, env));
  if (def < 0) def = 0;
  const worlds = acc.map((w, i) => ({ values: w.values as V, when: w.when, assumed: w.assumed, isDefault: i === def }));
  if (truncated) worlds[def].assumed = [...worlds[def].assumed, 'too many combinations of parameters and conditions: some were not considered'];
  return worlds;
}

/** "when parameter MultiAZ is true", "if MultiAZ is true (its value is not known from the template)"; '' for the default world. */
export function phraseWorld<V>(w: World<V>, def: World<V>): string {
  if (w === def) return '';
  const atoms = w.when.filter((a) => !def.when.some((d) => d.kind === a.kind && d.name === a.name && JSON.stringify(d) === JSON.stringify(a)));
  const parts: string[] = [];
  if (atoms.length) {
    const c: Case = { outcome: { kind: 'novalue' }, when: atoms };
    const p = phraseCases([c]);
    if (p) parts.push(`when ${p}`);
  }
  const assumed = w.assumed.filter((a) => !def.assumed.includes(a));
  if (assumed.length) parts.push(`if ${assumed.join(' and ')}`);
  return parts.join(' and ') || 'in another deployment';
}
