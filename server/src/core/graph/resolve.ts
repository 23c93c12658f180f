/**
 * Value resolution: what a property can evaluate to across `Fn::If` branches, parameter
 * defaults and `AllowedValues`, `AWS::NoValue` and `FindInMap` over literal mappings, and
 * which availability zone a subnet lands in. Conditions are evaluated only when trivial
 * (no parameter involved), or under the parameters' defaults to tell the default value.
 */
import type { Parameter, Resource, Template } from '../parse/template';
import { MapNode, Node, ScalarValue, SeqNode, get, getPath, isMap, isScalar, isSeq, scalarNumber, scalarString } from '../parse/node';
import { PSEUDO_SET, asIntrinsic } from '../parse/intrinsics';

/** One fact a case relies on. */
export type Atom =
  | { kind: 'condition'; name: string; value: boolean }
  /** Parameter `name` takes `value` (`other`: any value but those listed in AllowedValues/Default). */
  | { kind: 'parameter'; name: string; value: ScalarValue; isDefault: boolean; other?: boolean }
  /** A computed `Fn::FindInMap` key (level 1 or 2 of mapping `mapping`) that could not be resolved takes `value`. */
  | { kind: 'key'; name: string; mapping: string; level: number; value: string };

export type Outcome =
  | { kind: 'literal'; value: ScalarValue; node?: Node }
  /** `Ref: AWS::NoValue`, or the property is absent. */
  | { kind: 'novalue' }
  /** A literal list or map (its items may still hold intrinsics). */
  | { kind: 'node'; node: MapNode | SeqNode }
  | { kind: 'unknown'; reason: string; node?: Node };

export interface Case {
  outcome: Outcome;
  /** All must hold for this outcome (empty: unconditional). */
  when: Atom[];
}

export interface PossibleValues {
  cases: Case[];
  /** Distinct literal values (compared as strings), the default's first. */
  values: ScalarValue[];
  /** The literal value with every parameter at its default (conditions evaluated with those defaults), when that can be told. */
  default?: ScalarValue;
  /** The case that holds with every parameter at its default. */
  defaultCase?: Case;
  /** Some case has no literal value (unknown, or a list/map). */
  unknown: boolean;
  /** `AWS::NoValue` (or absence) is possible. */
  noValue: boolean;
  dependsOn: { parameters: string[]; conditions: string[]; mappings: string[]; resources: string[]; pseudo: string[] };
}

const MAX_CASES = 64;

interface Ctx {
  t: Template;
  deps: PossibleValues['dependsOn'];
  depth: number;
}

function addDep(list: string[], name: string): void {
  if (!list.includes(name)) list.push(name);
}

const same = (a: ScalarValue, b: ScalarValue) => String(a) === String(b);

/** `true`/`"true"` → true, `false`/`"false"` → false (as CloudFormation reads booleans). */
export function asBoolean(v: ScalarValue | undefined): boolean | undefined {
  if (v === true || (typeof v === 'string' && v.toLowerCase() === 'true')) return true;
  if (v === false || (typeof v === 'string' && v.toLowerCase() === 'false')) return false;
  return undefined;
}

function unknown(reason: string, node?: Node): Case[] {
  return [{ outcome: { kind: 'unknown', reason, ...(node ? { node } : {}) }, when: [] }];
}

function literalsOf(n: Node | undefined): ScalarValue[] | undefined {
  if (!isSeq(n)) return undefined;
  const out: ScalarValue[] = [];
  for (const i of n.items) {
    if (!isScalar(i)) return undefined;
    out.push(i.value);
  }
  return out;
}

function parameterCases(ctx: Ctx, name: string): Case[] {
  const p = ctx.t.parameters.get(name)!;
  addDep(ctx.deps.parameters, name);
  const type = p.type ?? 'String';
  if (/^List<|^CommaDelimitedList$|^AWS::SSM::Parameter::Value<List</.test(type)) return unknown(`list parameter ${name}`);
  const def = isScalar(p.default) ? p.default.value : undefined;
  const hasDefault = isScalar(p.default) && p.default.value !== null;
  const allowed = literalsOf(p.allowedValues);
  const atom = (value: ScalarValue): Atom => ({ kind: 'parameter', name, value, isDefault: hasDefault && same(value, def!) });
  if (allowed && allowed.length) {
    const cases: Case[] = allowed.map((v) => ({ outcome: { kind: 'literal', value: v }, when: [atom(v)] }));
    if (hasDefault && !allowed.some((v) => same(v, def!))) cases.unshift({ outcome: { kind: 'literal', value: def! }, when: [atom(def!)] });
    return cases;
  }
  if (hasDefault) {
    return [
      { outcome: { kind: 'literal', value: def!, node: p.default }, when: [atom(def!)] },
      { outcome: { kind: 'unknown', reason: `parameter ${name}` }, when: [{ kind: 'parameter', name, value: def!, isDefault: false, other: true }] },
    ];
  }
  return unknown(`parameter ${name} (no default)`);
}

function combine(parts: Case[][], make: (outcomes: Outcome[]) => Outcome): Case[] {
  let acc: { outcomes: Outcome[]; when: Atom[] }[] = [{ outcomes: [], when: [] }];
  for (const cases of parts) {
    const next: typeof acc = [];
    for (const a of acc) for (const c of cases) {
      const when = mergeAtoms(a.when, c.when);
      if (when) next.push({ outcomes: [...a.outcomes, c.outcome], when });
    }
    acc = next;
    if (acc.length > MAX_CASES) return unknown('too many combinations');
  }
  return acc.map((a) => ({ outcome: make(a.outcomes), when: a.when }));
}

/** Atoms of both lists, or undefined when they contradict (a condition both true and false, a parameter two values). */
function mergeAtoms(a: Atom[], b: Atom[]): Atom[] | undefined {
  const out = a.slice();
  for (const x of b) {
    const clash = out.find((y) => y.kind === x.kind && y.name === x.name);
    if (!clash) out.push(x);
    else if (x.kind === 'condition' && clash.kind === 'condition') {
      if (x.value !== clash.value) return undefined;
    } else if (x.kind === 'parameter' && clash.kind === 'parameter') {
      if (!!x.other !== !!clash.other || (!x.other && !same(x.value, clash.value))) return undefined;
    } else if (x.kind === 'key' && clash.kind === 'key') {
      if (x.value !== clash.value) return undefined;
    }
  }
  return out;
}

function withAtom(cases: Case[], atom: Atom): Case[] {
  const out: Case[] = [];
  for (const c of cases) {
    const when = mergeAtoms([atom], c.when);
    if (when) out.push({ outcome: c.outcome, when });
  }
  return out;
}

function evalNode(ctx: Ctx, n: Node | undefined): Case[] {
  if (!n) return [{ outcome: { kind: 'novalue' }, when: [] }];
  if (ctx.depth > 32) return unknown('nesting too deep', n);
  if (isScalar(n)) return [{ outcome: { kind: 'literal', value: n.value, node: n }, when: [] }];
  const intr = asIntrinsic(n);
  if (!intr) return [{ outcome: { kind: 'node', node: n }, when: [] }];
  ctx.depth++;
  try {
    return evalIntrinsic(ctx, n, intr.fn, intr.arg);
  } finally {
    ctx.depth--;
  }
}

function evalIntrinsic(ctx: Ctx, n: Node, fn: string, arg: Node): Case[] {
  const t = ctx.t;
  switch (fn) {
    case 'Ref': {
      const name = scalarString(arg);
      if (name === undefined) return unknown('Ref', n);
      if (name === 'AWS::NoValue') return [{ outcome: { kind: 'novalue' }, when: [] }];
      if (t.parameters.has(name)) return parameterCases(ctx, name);
      if (t.resources.has(name)) {
        addDep(ctx.deps.resources, name);
        return unknown(`resource ${name}`, n);
      }
      if (PSEUDO_SET.has(name)) {
        addDep(ctx.deps.pseudo, name);
        return unknown(name, n);
      }
      return unknown(`Ref ${name}`, n);
    }
    case 'Fn::GetAtt': {
      const target = isSeq(arg) ? scalarString(arg.items[0]) : scalarString(arg)?.split('.')[0];
      if (target && t.resources.has(target)) addDep(ctx.deps.resources, target);
      return unknown('Fn::GetAtt', n);
    }
    case 'Fn::If': {
      if (!isSeq(arg) || arg.items.length !== 3) return unknown('Fn::If', n);
      const cond = scalarString(arg.items[0]);
      if (cond === undefined) return unknown('Fn::If', n);
      addDep(ctx.deps.conditions, cond);
      const fixed = evalCondition(t, cond);
      if (fixed !== undefined) return evalNode(ctx, arg.items[fixed ? 1 : 2]);
      return [...withAtom(evalNode(ctx, arg.items[1]), { kind: 'condition', name: cond, value: true }), ...withAtom(evalNode(ctx, arg.items[2]), { kind: 'condition', name: cond, value: false })];
    }
    case 'Fn::FindInMap':
      return evalFindInMap(ctx, n, arg);
    case 'Fn::Select': {
      if (!isSeq(arg) || arg.items.length !== 2) return unknown('Fn::Select', n);
      const idx = evalNode(ctx, arg.items[0]);
      const list = evalNode(ctx, arg.items[1]);
      return combine([idx, list], ([i, l]) => {
        const k = i.kind === 'literal' ? Number(i.value) : NaN;
        if (!Number.isInteger(k) || l.kind !== 'node' || !isSeq(l.node)) return { kind: 'unknown', reason: 'Fn::Select', node: n };
        const item = l.node.items[k];
        if (isScalar(item)) return { kind: 'literal', value: item.value, node: item };
        return { kind: 'unknown', reason: 'Fn::Select', node: n };
      });
    }
    case 'Fn::Join': {
      if (!isSeq(arg) || arg.items.length !== 2 || !isScalar(arg.items[0]) || !isSeq(arg.items[1])) return unknown('Fn::Join', n);
      const sep = String(arg.items[0].value ?? '');
      const parts = arg.items[1].items.map((i) => evalNode(ctx, i));
      return combine(parts, (os) => (os.every((o) => o.kind === 'literal') ? { kind: 'literal', value: os.map((o) => String((o as { value: ScalarValue }).value ?? '')).join(sep) } : { kind: 'unknown', reason: 'Fn::Join', node: n }));
    }
    case 'Fn::Sub': {
      const s = isScalar(arg) ? arg : isSeq(arg) && arg.items.length === 1 ? arg.items[0] : undefined;
      if (isScalar(s) && typeof s.value === 'string' && !/\$\{[^!]/.test(s.value)) return [{ outcome: { kind: 'literal', value: s.value.replace(/\$\{!/g, '${'), node: s }, when: [] }];
      return unknown('Fn::Sub', n);
    }
    default:
      return unknown(fn, n);
  }
}

function evalFindInMap(ctx: Ctx, n: Node, arg: Node): Case[] {
  const t = ctx.t;
  if (!isSeq(arg) || arg.items.length < 3) return unknown('Fn::FindInMap', n);
  const mapName = scalarString(arg.items[0]);
  if (mapName === undefined) return unknown('Fn::FindInMap with a computed map name', n);
  const mapping = t.mappings.get(mapName);
  if (!mapping || !isMap(mapping.value)) return unknown(`mapping ${mapName}`, n);
  addDep(ctx.deps.mappings, mapName);
  const defaultValue = isMap(arg.items[3]) ? get(arg.items[3], 'DefaultValue') : undefined;
  /** Keys a key argument can take, with the atoms each relies on; every key of `level` when computed. */
  const keys = (keyNode: Node, level: MapNode, depth: number): { key: string; when: Atom[] }[] => {
    const cases = evalNode(ctx, keyNode);
    if (cases.every((c) => c.outcome.kind === 'literal')) return cases.map((c) => ({ key: String((c.outcome as { value: ScalarValue }).value), when: c.when }));
    return level.pairs.map((p) => ({ key: String(p.key.value), when: [{ kind: 'key', name: `${mapName}#${depth}`, mapping: mapName, level: depth, value: String(p.key.value) }] }));
  };
  const out: Case[] = [];
  const missing = (when: Atom[]) => {
    if (defaultValue) for (const c of evalNode(ctx, defaultValue)) {
      const w = mergeAtoms(when, c.when);
      if (w) out.push({ outcome: c.outcome, when: w });
    }
    else out.push({ outcome: { kind: 'unknown', reason: `no such key in mapping ${mapName}`, node: n }, when });
  };
  for (const k1 of keys(arg.items[1], mapping.value, 1)) {
    const level2 = get(mapping.value, k1.key);
    if (!isMap(level2)) {
      missing(k1.when);
      continue;
    }
    for (const k2 of keys(arg.items[2], level2, 2)) {
      const when = mergeAtoms(k1.when, k2.when);
      if (!when) continue;
      const v = get(level2, k2.key);
      if (!v) missing(when);
      else if (isScalar(v)) out.push({ outcome: { kind: 'literal', value: v.value, node: v }, when });
      else if (isSeq(v) || isMap(v)) out.push({ outcome: { kind: 'node', node: v }, when });
      if (out.length > MAX_CASES) return unknown('too many mapping values', n);
    }
  }
  return out.length ? out : unknown(`mapping ${mapName}`, n);
}

/** A parameter assignment: name -> value. */
export type ParameterValues = ReadonlyMap<string, ScalarValue>;

/** Every parameter's default (parameters without one are absent). */
export function defaultParameterValues(t: Template): Map<string, ScalarValue> {
  const env = new Map<string, ScalarValue>();
  for (const p of t.parameters.values()) if (isScalar(p.default) && p.default.value !== null) env.set(p.id, p.default.value);
  return env;
}

/**
 * A condition's value: without `env`, only when it does not depend on parameters or
 * pseudo-parameters (trivial); with `env`, using those parameter values.
 */
export function evalCondition(t: Template, name: string, env?: ParameterValues, seen: Set<string> = new Set()): boolean | undefined {
  if (seen.has(name)) return undefined;
  const c = t.conditions.get(name);
  if (!c) return undefined;
  seen.add(name);
  try {
    return evalConditionNode(t, c.value, env, seen);
  } finally {
    seen.delete(name);
  }
}

function conditionValue(t: Template, n: Node | undefined, env: ParameterValues | undefined): ScalarValue | undefined {
  if (!n) return undefined;
  if (isScalar(n)) return n.value;
  const intr = asIntrinsic(n);
  if (!intr) return undefined;
  if (intr.fn === 'Ref') {
    const name = scalarString(intr.arg);
    if (name !== undefined && env?.has(name)) return env.get(name);
    return undefined;
  }
  if (intr.fn === 'Fn::FindInMap' && isSeq(intr.arg)) {
    const [m, a, b] = intr.arg.items.map((i) => conditionValue(t, i, env));
    if (m === undefined || a === undefined || b === undefined) return undefined;
    const v = get(get(t.mappings.get(String(m))?.value, String(a)), String(b));
    return isScalar(v) ? v.value : undefined;
  }
  if (intr.fn === 'Fn::Sub' && isScalar(intr.arg) && typeof intr.arg.value === 'string' && !/\$\{[^!]/.test(intr.arg.value)) return intr.arg.value;
  return undefined;
}

function evalConditionNode(t: Template, n: Node, env: ParameterValues | undefined, seen: Set<string>): boolean | undefined {
  if (isScalar(n)) return asBoolean(n.value);
  const intr = asIntrinsic(n, true);
  if (!intr) return undefined;
  const items = isSeq(intr.arg) ? intr.arg.items : [];
  switch (intr.fn) {
    case 'Condition': {
      const name = scalarString(intr.arg);
      return name === undefined ? undefined : evalCondition(t, name, env, seen);
    }
    case 'Fn::Equals': {
      if (items.length !== 2) return undefined;
      const a = conditionValue(t, items[0], env);
      const b = conditionValue(t, items[1], env);
      return a === undefined || b === undefined ? undefined : same(a, b);
    }
    case 'Fn::Not': {
      const v = items.length === 1 ? evalConditionNode(t, items[0], env, seen) : undefined;
      return v === undefined ? undefined : !v;
    }
    case 'Fn::And':
    case 'Fn::Or': {
      const and = intr.fn === 'Fn::And';
      let all = true;
      for (const i of items) {
        const v = evalConditionNode(t, i, env, seen);
        if (v === !and) return !and;
        if (v === undefined) all = false;
      }
      return all ? and : undefined;
    }
  }
  return undefined;
}

function holdsByDefault(t: Template, atoms: Atom[], env: ParameterValues): boolean | undefined {
  for (const a of atoms) {
    if (a.kind === 'parameter') {
      if (!a.isDefault) return false;
    } else if (a.kind === 'key') {
      return undefined;
    } else {
      const v = evalCondition(t, a.name, env);
      if (v === undefined) return undefined;
      if (v !== a.value) return false;
    }
  }
  return true;
}

/**
 * What a property can evaluate to. `MultiAZ: !Ref MultiAZ` with `Default: false` and
 * `AllowedValues: [true, false]` gives `values [false, true]`, `default false`,
 * `dependsOn.parameters ['MultiAZ']`. An absent property (undefined) is `noValue`.
 */
export function possibleValues(t: Template, node: Node | undefined): PossibleValues {
  const ctx: Ctx = { t, deps: { parameters: [], conditions: [], mappings: [], resources: [], pseudo: [] }, depth: 0 };
  const cases = evalNode(ctx, node);
  const env = defaultParameterValues(t);
  let defaultCase: Case | undefined;
  for (const c of cases) {
    if (holdsByDefault(t, c.when, env)) {
      defaultCase = c;
      break;
    }
  }
  const values: ScalarValue[] = [];
  const push = (v: ScalarValue) => {
    if (!values.some((x) => same(x, v))) values.push(v);
  };
  if (defaultCase?.outcome.kind === 'literal') push(defaultCase.outcome.value);
  for (const c of cases) if (c.outcome.kind === 'literal') push(c.outcome.value);
  return {
    cases,
    values,
    ...(defaultCase?.outcome.kind === 'literal' ? { default: defaultCase.outcome.value } : {}),
    ...(defaultCase ? { defaultCase } : {}),
    unknown: cases.some((c) => c.outcome.kind === 'unknown' || c.outcome.kind === 'node'),
    noValue: cases.some((c) => c.outcome.kind === 'novalue'),
    dependsOn: ctx.deps,
  };
}

/** A judgement of one outcome: true good, false bad, undefined cannot tell. */
export type Judge = (o: Outcome) => boolean | undefined;

export interface Verdict {
  /** 'never': no case is bad; 'always': every case is bad; 'sometimes': some are; 'unknown': none known bad, some unknown. */
  bad: 'never' | 'always' | 'sometimes' | 'unknown';
  /** Whether the default case is bad (undefined when there is no default case or it cannot be judged). */
  badByDefault?: boolean;
  badCases: Case[];
  goodCases: Case[];
}

export function judge(pv: PossibleValues, isGood: Judge): Verdict {
  const badCases: Case[] = [];
  const goodCases: Case[] = [];
  let undecided = 0;
  for (const c of pv.cases) {
    const g = isGood(c.outcome);
    if (g === true) goodCases.push(c);
    else if (g === false) badCases.push(c);
    else undecided++;
  }
  const bad = badCases.length === 0 ? (undecided ? 'unknown' : 'never') : goodCases.length === 0 && undecided === 0 ? 'always' : 'sometimes';
  const d = pv.defaultCase ? isGood(pv.defaultCase.outcome) : undefined;
  return { bad, ...(d !== undefined ? { badByDefault: !d } : {}), badCases, goodCases };
}

function showValue(v: ScalarValue): string {
  if (typeof v === 'string') return /^[\w.:/-]+$/.test(v) ? v : JSON.stringify(v);
  return String(v);
}

function phraseAtoms(atoms: Atom[]): string {
  return atoms
    .map((a) =>
      a.kind === 'condition'
        ? `condition ${a.name} is ${a.value}`
        : a.kind === 'key'
          ? `the ${a.mapping} mapping ${a.level === 1 ? 'top-level' : 'second-level'} key is ${showValue(a.value)}`
          : a.other
            ? `parameter ${a.name} is overridden`
            : `parameter ${a.name} is ${showValue(a.value)}`,
    )
    .join(' and ');
}

/** "parameter Env is prod or staging", "condition IsProd is true or parameter MultiAZ is true". */
export function phraseCases(cases: Case[]): string {
  const singles = new Map<string, ScalarValue[]>();
  const phrases: string[] = [];
  for (const c of cases) {
    if (c.when.length === 1 && c.when[0].kind === 'parameter' && !c.when[0].other) {
      const a = c.when[0];
      let vals = singles.get(a.name);
      if (!vals) {
        singles.set(a.name, (vals = []));
        phrases.push(`\u0000${a.name}`);
      }
      if (!vals.some((v) => same(v, a.value))) vals.push(a.value);
      continue;
    }
    const p = phraseAtoms(c.when);
    if (p && !phrases.includes(p)) phrases.push(p);
  }
  return phrases
    .map((p) => {
      if (!p.startsWith('\u0000')) return p;
      const name = p.slice(1);
      const vals = singles.get(name)!.map(showValue);
      return `parameter ${name} is ${vals.length > 1 ? `${vals.slice(0, -1).join(', ')} or ${vals[vals.length - 1]}` : vals[0]}`;
    })
    .join(' or ');
}

/**
 * Phrases when a value is bad: "single-AZ unless parameter MultiAZ is true",
 * "single-AZ when condition IsDev is true", "single-AZ". Undefined when never bad.
 */
export function describe(pv: PossibleValues, isGood: Judge, bad: string): string | undefined {
  const v = judge(pv, isGood);
  if (v.bad === 'never' || v.bad === 'unknown') return undefined;
  if (v.bad === 'always') return bad;
  const unconditionalBad = v.badCases.some((c) => c.when.length === 0);
  if (unconditionalBad) return bad;
  if (v.badByDefault === false) {
    const when = phraseCases(v.badCases);
    return when ? `${bad} when ${when}` : bad;
  }
  const good = v.goodCases.length ? v.goodCases : pv.cases.filter((c) => !v.badCases.includes(c));
  const unless = phraseCases(good);
  if (unless) return `${bad} unless ${unless}`;
  const when = phraseCases(v.badCases);
  return when ? `${bad} when ${when}` : bad;
}

// ---------------------------------------------------------------------------------------
// Availability zones

export type AzRef =
  /** `!Select [N, !GetAZs '']` (region '' = the stack's region). */
  | { kind: 'index'; index: number; region: string }
  | { kind: 'literal'; zone: string }
  | { kind: 'zone-id'; id: string }
  /** `!Ref P`, P an `AWS::EC2::AvailabilityZone::Name` (or String) parameter. */
  | { kind: 'parameter'; name: string }
  /** `!Select [N, !Ref P]`, P a list of zones. */
  | { kind: 'parameter-index'; name: string; index: number }
  | { kind: 'unknown'; reason: string };

export type SubnetAz = AzRef & {
  /** Logical ID of the `AWS::EC2::Subnet`, when the reference names one. */
  subnet?: string;
};

/** A string identifying the zone: equal keys are certainly the same zone. */
export function azKey(az: AzRef): string | undefined {
  switch (az.kind) {
    case 'index':
      return `index:${az.region}:${az.index}`;
    case 'literal':
      return `zone:${az.zone}`;
    case 'zone-id':
      return `zone-id:${az.id}`;
    case 'parameter':
      return `param:${az.name}`;
    case 'parameter-index':
      return `param:${az.name}[${az.index}]`;
    default:
      return undefined;
  }
}

function indexOf(n: Node | undefined): number | undefined {
  const v = scalarNumber(n);
  return v !== undefined && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/** The zone an `AvailabilityZone` value names. */
export function azOf(t: Template, n: Node | undefined): AzRef {
  if (!n) return { kind: 'unknown', reason: 'no AvailabilityZone (AWS picks one)' };
  if (isScalar(n)) return typeof n.value === 'string' && n.value ? { kind: 'literal', zone: n.value } : { kind: 'unknown', reason: 'empty zone' };
  const intr = asIntrinsic(n);
  if (!intr) return { kind: 'unknown', reason: 'not a zone name' };
  if (intr.fn === 'Ref') {
    const name = scalarString(intr.arg);
    const p = name !== undefined ? t.parameters.get(name) : undefined;
    if (p && !/List/.test(p.type ?? '')) return { kind: 'parameter', name: p.id };
    return { kind: 'unknown', reason: `Ref ${name ?? ''}`.trim() };
  }
  if (intr.fn === 'Fn::Select' && isSeq(intr.arg) && intr.arg.items.length === 2) {
    const index = indexOf(intr.arg.items[0]);
    const list = intr.arg.items[1];
    if (index === undefined) return { kind: 'unknown', reason: 'computed Fn::Select index' };
    const li = asIntrinsic(list);
    if (li?.fn === 'Fn::GetAZs') {
      const r = li.arg;
      if (isScalar(r)) return { kind: 'index', index, region: scalarString(r) ?? '' };
      const ri = asIntrinsic(r);
      if (ri?.fn === 'Ref' && scalarString(ri.arg) === 'AWS::Region') return { kind: 'index', index, region: '' };
      return { kind: 'unknown', reason: 'Fn::GetAZs of a computed region' };
    }
    let ref = li;
    if (li?.fn === 'Fn::Split' && isSeq(li.arg)) ref = asIntrinsic(li.arg.items[1]);
    if (ref?.fn === 'Ref') {
      const name = scalarString(ref.arg);
      if (name !== undefined && t.parameters.has(name)) return { kind: 'parameter-index', name, index };
    }
    if (isSeq(list)) return azOf(t, list.items[index]);
  }
  const pv = possibleValues(t, n);
  if (!pv.unknown && !pv.noValue && pv.values.length === 1 && typeof pv.values[0] === 'string') return { kind: 'literal', zone: pv.values[0] };
  return { kind: 'unknown', reason: intr.fn };
}

/** The logical ID of the resource a `Ref`/`GetAtt` names, or the reason it names none. */
function referencedResource(t: Template, n: Node): { id: string } | { reason: string } {
  const intr = asIntrinsic(n);
  if (!intr) return { reason: isScalar(n) ? 'subnet ID written literally' : 'not a reference' };
  if (intr.fn === 'Ref') {
    const name = scalarString(intr.arg);
    if (name === undefined) return { reason: 'Ref' };
    if (t.resources.has(name)) return { id: name };
    const p = t.parameters.get(name);
    if (p) return { reason: /List/.test(p.type ?? '') ? `subnets from list parameter ${name}` : `subnet from parameter ${name}` };
    return { reason: `Ref ${name}` };
  }
  if (intr.fn === 'Fn::GetAtt') {
    const target = isSeq(intr.arg) ? scalarString(intr.arg.items[0]) : scalarString(intr.arg)?.split('.')[0];
    if (target && t.resources.has(target)) return { id: target };
    return { reason: 'Fn::GetAtt' };
  }
  if (intr.fn === 'Fn::ImportValue') return { reason: 'subnet imported from another stack' };
  if (intr.fn === 'Fn::If') return { reason: 'subnet chosen by a condition' };
  return { reason: intr.fn };
}

/**
 * The zone a subnet lands in: `subnetRef` is a node naming the subnet (`!Ref SubnetA`,
 * `!GetAtt SubnetA.SubnetId`) or a logical ID.
 */
export function subnetAz(t: Template, subnetRef: Node | string | undefined): SubnetAz {
  if (subnetRef === undefined) return { kind: 'unknown', reason: 'no subnet' };
  let id: string;
  if (typeof subnetRef === 'string') id = subnetRef;
  else {
    const r = referencedResource(t, subnetRef);
    if ('reason' in r) return { kind: 'unknown', reason: r.reason };
    id = r.id;
  }
  const res = t.resources.get(id);
  if (!res) return { kind: 'unknown', reason: `no resource ${id}` };
  if (res.type !== 'AWS::EC2::Subnet') return { kind: 'unknown', reason: `${id} is not an AWS::EC2::Subnet`, subnet: id };
  const azId = get(res.properties, 'AvailabilityZoneId');
  const az = get(res.properties, 'AvailabilityZone');
  if (!az && azId) {
    if (isScalar(azId) && typeof azId.value === 'string' && azId.value) return { kind: 'zone-id', id: azId.value, subnet: id };
    const a = azOf(t, azId);
    return { ...(a.kind === 'literal' ? { kind: 'zone-id', id: a.zone } : a), subnet: id } as SubnetAz;
  }
  return { ...azOf(t, az), subnet: id };
}

export interface ZoneEntry {
  /** The node naming the subnet (absent when given by logical ID). */
  node?: Node;
  subnet?: string;
  az: AzRef;
  key?: string;
}

export interface AzSpread {
  /** Distinct zones when every entry's zone is known (parameters count as distinct zones: unverified). */
  distinct: number | undefined;
  /** Every entry's zone is known. */
  known: boolean;
  /** Known, and every zone is of one comparable family (indexes of one region, zone names or zone IDs): no parameter, no mixing. */
  verified: boolean;
  /** Certainly a single zone: every entry is the same zone as every other (same key, or the same subnet). */
  oneZone: boolean;
  zones: ZoneEntry[];
  /** Pairs of `zones` indexes certainly in the same zone. */
  sameZone: [number, number][];
}

/**
 * How subnets spread over zones. `subnets` is the property value (`VPCZoneIdentifier`,
 * `Subnets`, `SubnetIds`: a list, or a Ref to a list parameter) or the nodes/logical IDs.
 */
export function azSpread(t: Template, subnets: Node | readonly (Node | string)[] | undefined): AzSpread {
  let items: (Node | string)[];
  if (subnets === undefined) items = [];
  else if (Array.isArray(subnets)) items = subnets.slice();
  else {
    const n = subnets as Node;
    items = isSeq(n) ? n.items : [n];
  }
  const zones: ZoneEntry[] = items.map((i) => {
    if (typeof i !== 'string' && !isSeq(i) && asIntrinsic(i)?.fn === 'Ref') {
      const name = scalarString(asIntrinsic(i)!.arg);
      const p = name !== undefined ? t.parameters.get(name) : undefined;
      if (p && /List|CommaDelimited/.test(p.type ?? '')) return { node: i, az: { kind: 'unknown', reason: `subnets from list parameter ${name}` } };
    }
    const s = subnetAz(t, i);
    const { subnet, ...az } = s;
    const key = azKey(az as AzRef);
    return { ...(typeof i === 'string' ? {} : { node: i }), ...(subnet ? { subnet } : {}), az: az as AzRef, ...(key ? { key } : {}) };
  });
  const sameZone: [number, number][] = [];
  const parent = zones.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < zones.length; i++) {
    for (let j = i + 1; j < zones.length; j++) {
      const a = zones[i];
      const b = zones[j];
      if ((a.key && a.key === b.key) || (a.subnet && a.subnet === b.subnet)) {
        sameZone.push([i, j]);
        parent[find(j)] = find(i);
      }
    }
  }
  const known = zones.length > 0 && zones.every((z) => z.key !== undefined);
  const keys = new Set(zones.map((z) => z.key));
  const families = new Set(zones.map((z) => (z.az.kind === 'index' ? `index:${z.az.region}` : z.az.kind)));
  const verified = known && families.size === 1 && !zones.some((z) => z.az.kind === 'parameter' || z.az.kind === 'parameter-index');
  const roots = new Set(zones.map((_, i) => find(i)));
  return {
    distinct: known ? keys.size : undefined,
    known,
    verified,
    oneZone: zones.length > 0 && roots.size === 1,
    zones,
    sameZone,
  };
}

/** Alias of `describe` for callers where that name is taken (mocha). */
export const describeValue = describe;

// ---------------------------------------------------------------------------------------
// Verdicts on one property, as rules need them (on top of possibleValues/judge/describe)

/** `Ref: AWS::NoValue` (a property written so is absent). */
export function isNoValue(n: Node | undefined): boolean {
  const i = asIntrinsic(n);
  return !!i && i.fn === 'Ref' && scalarString(i.arg) === 'AWS::NoValue';
}

/** Absent, `!Ref AWS::NoValue` or an empty scalar. */
export function absent(n: Node | undefined): boolean {
  return !n || isNoValue(n) || (isScalar(n) && (n.value === null || n.value === ''));
}

/** The name in `!Ref Name` / `{Ref: Name}`. */
export function refName(n: Node | undefined): string | undefined {
  const i = asIntrinsic(n);
  return i && i.fn === 'Ref' ? scalarString(i.arg) : undefined;
}

/** The string values a node may take, or undefined when some are unknown (or it may be absent). */
export function stringValues(t: Template, n: Node | undefined): string[] | undefined {
  if (!n) return undefined;
  const pv = possibleValues(t, n);
  if (pv.unknown || pv.noValue || !pv.values.length) return undefined;
  return pv.values.map((v) => String(v));
}

/** A rough text of a string-valued node: literals, `Fn::Sub` strings, `Fn::Join` parts; `${X}` for a Ref. */
export function flatText(n: Node | undefined, depth = 0): string | undefined {
  if (!n || depth > 6) return undefined;
  if (isScalar(n)) return scalarString(n);
  const i = asIntrinsic(n);
  if (!i) return undefined;
  switch (i.fn) {
    case 'Fn::Sub':
      return isSeq(i.arg) ? scalarString(i.arg.items[0]) : scalarString(i.arg);
    case 'Ref':
      return `\${${scalarString(i.arg) ?? ''}}`;
    case 'Fn::Join': {
      if (!isSeq(i.arg) || i.arg.items.length < 2) return undefined;
      const sep = scalarString(i.arg.items[0]) ?? '';
      const parts = i.arg.items[1];
      if (!isSeq(parts)) return undefined;
      return parts.items.map((p) => flatText(p, depth + 1) ?? '').join(sep);
    }
    default:
      return undefined;
  }
}

/** The number a node certainly evaluates to (a literal, or the same value in every case). */
export function numberValue(t: Template, n: Node | undefined): number | undefined {
  if (!n) return undefined;
  const pv = possibleValues(t, n);
  if (pv.unknown || pv.noValue || pv.values.length !== 1) return undefined;
  const raw = pv.values[0];
  if (typeof raw === 'boolean' || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
  const v = Number(raw);
  return Number.isFinite(v) ? v : undefined;
}

/** A judgement of one value: `undefined` value = absent or `AWS::NoValue`; return undefined for "cannot tell". */
export type ValueJudge = (v: ScalarValue | undefined) => boolean | undefined;

function outcomeJudge(isGood: ValueJudge): Judge {
  return (o) => (o.kind === 'literal' ? isGood(o.value) : o.kind === 'novalue' ? isGood(undefined) : undefined);
}

export interface Evaluation {
  /** Written as a plain scalar in place (a fix may edit it). */
  literal: boolean;
  /** '' when always bad, else ' when …' / ' unless …' (leading space). */
  qualifier: string;
  /** The bad value: the literal, or the default's when it is bad, else the first bad value. */
  value: ScalarValue | undefined;
}

/**
 * Judges every value the node can take with `isGood`. Undefined when no case is known bad
 * (say nothing rather than guess); else whether it is written literally, the phrase saying
 * when it is bad (" unless parameter MultiAZ is true", '' when always) and the bad value.
 */
export function evaluate(t: Template, node: Node | undefined, isGood: ValueJudge): Evaluation | undefined {
  const pv = possibleValues(t, node);
  const j = outcomeJudge(isGood);
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

export type Check =
  | { status: 'good' }
  | { status: 'unknown' }
  /** Bad in every case. `literal`: written in place (or absent), so setting the property fixes it. */
  | { status: 'bad'; how: string; literal: boolean; value?: ScalarValue }
  /** Bad in some cases, including the defaults (or the defaults cannot be told): `phrase` says when it is good. */
  | { status: 'conditional'; phrase: string; parameter?: Parameter };

function showCheckValue(v: ScalarValue): string {
  return typeof v === 'string' ? v : String(v);
}

/**
 * Sorts a property into good / bad (in every case) / conditional (through a parameter or a
 * condition) / unknown: `isGood(value)` for each literal value it may take (`undefined` for
 * absent / `AWS::NoValue`). `absentText` describes the default, e.g. "not set, default false".
 * Conditional values whose defaults are good count as good: the template is right by default,
 * and a deployer who overrides it chooses to.
 */
export function checkValue(t: Template, n: Node | undefined, isGood: ValueJudge, absentText: string, goodText?: string): Check {
  const pv = possibleValues(t, n);
  const j = outcomeJudge(isGood);
  const v = judge(pv, j);
  if (v.bad === 'never') return { status: 'good' };
  if (v.bad === 'unknown') return { status: 'unknown' };
  if (v.bad === 'always') {
    if (!n || (v.badCases.length === 1 && v.badCases[0].outcome.kind === 'novalue' && !pv.dependsOn.parameters.length && !pv.dependsOn.conditions.length)) return { status: 'bad', how: absentText, literal: true };
    if (isScalar(n)) return { status: 'bad', how: showCheckValue(n.value), literal: true, value: n.value };
    const vals = pv.values.map(showCheckValue);
    return { status: 'bad', how: vals.length ? vals.join(' or ') : absentText, literal: false };
  }
  if (v.badByDefault === false) return { status: 'good' };
  const name = refName(n);
  const param = name ? t.parameters.get(name) : undefined;
  if (param && !param.allowedValues) {
    const good = goodText ?? pv.values.find((x) => isGood(x) === true);
    const def = pv.default;
    return { status: 'conditional', phrase: `unless parameter ${param.id} is set to ${good !== undefined ? showCheckValue(good) : 'another value'}${def !== undefined ? ` (default ${showCheckValue(def)})` : ''}`, parameter: param };
  }
  const text = describe(pv, j, '\u0000');
  if (!text) return { status: 'unknown' };
  return { status: 'conditional', phrase: text.replace('\u0000', '').trim(), ...(param ? { parameter: param } : {}) };
}

/** `checkValue` for a boolean that must be true, absent meaning false. */
export function mustBeTrue(t: Template, n: Node | undefined): Check {
  return checkValue(t, n, (v) => (v === undefined ? false : asBoolean(v)), 'not set, default false', 'true');
}

// ---------------------------------------------------------------------------------------
// Reading a resource's properties as written (shared by rules and the recovery model)

/** `Properties.<path>` of a resource, `!Ref AWS::NoValue` counting as absent. */
export function prop(res: Resource, ...path: (string | number)[]): Node | undefined {
  const n = getPath(res.properties, path);
  return isNoValue(n) ? undefined : n;
}

/**
 * Whether `Properties.<path>` cannot be read because `Properties` or a map on the way is
 * written as an intrinsic (`ClusterConfig: !If [...]`): its keys are then unknown, not absent.
 */
export function opaque(res: Resource, ...path: string[]): boolean {
  let cur: Node | undefined = res.properties;
  if (cur && asIntrinsic(cur, true)) return true;
  for (const key of path) {
    cur = getPath(cur, [key]);
    if (!cur) return false;
    if (asIntrinsic(cur, true) && !isNoValue(cur)) return true;
  }
  return false;
}

/** A literal scalar as a string, or undefined for anything else. */
export function literalString(n: Node | undefined): string | undefined {
  return isScalar(n) ? scalarString(n) : undefined;
}

/** Items of a literal list (without `!Ref AWS::NoValue` items); undefined for anything else. */
export function literalItems(n: Node | undefined): Node[] | undefined {
  return isSeq(n) ? n.items.filter((i) => !isNoValue(i)) : undefined;
}
