/**
 * The schema walk shared by the property rules (unknown property, missing required
 * property, value type, allowed values): every resource's `Properties` is walked once per
 * analysis against its type, and the problems found are kept per template (a WeakMap, so
 * they live exactly as long as the analysis). Each rule reports its own kind.
 *
 * What is never reported: anything below a free-form JSON value (policy documents,
 * `Definition`, `Metadata`), custom resources' own properties, registry types and modules,
 * maps expanded by `Fn::Transform`, and templates that run macros other than SAM's
 * and AWS's own transforms (a macro may rewrite anything).
 */
import type { Resource, Template } from '../../parse/template';
import { MapNode, Node, ScalarNode, get, getPair, getPath, isMap, isScalar, isSeq, scalarString } from '../../parse/node';
import { Intrinsic, asIntrinsic, PSEUDO_SET } from '../../parse/intrinsics';
import { isGeneratedId } from '../../parse/generated';
import { getPropertyType, getResourceType, resolvePath, typeToString } from '../../spec/spec';
import type { PropertySpec, PrimitiveTypeRef, TypeRef } from '../../spec/spec';
import { didYouMean } from '../../util/text';
import { isNoValue } from '../../graph/resolve';
import type { Severity } from '../../types';
import { SamEventShape, SamResourceShape, SamShape, samShape } from '../../spec/sam';

export type IssueKind = 'unknown-property' | 'missing-required' | 'value-type' | 'not-allowed';

export interface SchemaIssue {
  kind: IssueKind;
  /** Logical ID of the resource. */
  resource: string;
  start: number;
  end: number;
  message: string;
  /** A quick fix rewrites this scalar (a key for unknown properties, a value for enums) to one of `suggestions`. */
  target?: ScalarNode;
  suggestions?: string[];
  /** Overrides the rule's severity (e.g. a key the SAM transform silently drops). */
  severity?: Severity;
}

/** Transforms whose effect the schema rules understand; any other one is a macro that may rewrite anything. */
const KNOWN_TRANSFORMS = new Set(['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions', 'AWS::CodeDeployBlueGreen', 'AWS::Include', 'AWS::SecretsManager-2020-07-23', 'AWS::SecretsManager-2024-09-16']);

/** The template runs a macro (a transform other than AWS's own): its output is unknowable. */
export function runsMacro(t: Template): boolean {
  return t.transforms.some((x) => !KNOWN_TRANSFORMS.has(x));
}

/**
 * Object-typed properties that `aws cloudformation package` (and `sam package`) fill in
 * from a local path or an S3 URL written as a string (`Code: ./src`): a string there is
 * valid input to the packaging step. From the AWS CLI reference of `cloudformation package`.
 */
const PACKAGEABLE: Readonly<Record<string, readonly string[]>> = {
  'AWS::Lambda::Function': ['Code'],
  'AWS::Lambda::LayerVersion': ['Content'],
  'AWS::ApiGateway::RestApi': ['BodyS3Location'],
  'AWS::ApiGatewayV2::Api': ['BodyS3Location'],
  'AWS::ElasticBeanstalk::ApplicationVersion': ['SourceBundle'],
  'AWS::StepFunctions::StateMachine': ['DefinitionS3Location'],
  'AWS::AppSync::GraphQLSchema': ['DefinitionS3Location'],
  'AWS::AppSync::Resolver': ['RequestMappingTemplateS3Location', 'ResponseMappingTemplateS3Location'],
  'AWS::AppSync::FunctionConfiguration': ['RequestMappingTemplateS3Location', 'ResponseMappingTemplateS3Location'],
  'AWS::CodeCommit::Repository': ['Code.S3'],
  'AWS::CloudFormation::Stack': ['TemplateURL'],
};

export function isCustomType(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}

/** Types whose properties and attributes nobody can know statically. */
export function isOpaqueType(type: string): boolean {
  return isCustomType(type) || type.endsWith('::MODULE') || !/^(AWS|Alexa)::/.test(type);
}

/** ` when condition C is true` when `n` is an Fn::If (possibly nested) with an AWS::NoValue branch. */
function noValueWhen(n: Node): string | undefined {
  const i = asIntrinsic(n);
  if (!i || i.fn !== 'Fn::If' || !isSeq(i.arg) || i.arg.items.length !== 3) return undefined;
  const cond = scalarString(i.arg.items[0]) ?? '?';
  for (let k = 1; k <= 2; k++) {
    const b = i.arg.items[k];
    if (isNoValue(b)) return ` when condition ${cond} is ${k === 1 ? 'true' : 'false'}`;
    const inner = noValueWhen(b);
    if (inner) return inner;
  }
  return undefined;
}

type Path = readonly (string | number)[];

/** Edit distance counting a swap of two neighbours as one edit (optimal string alignment). */
export function swapDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (!n || !m) return n + m;
  let prev2: number[] = [];
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = [i];
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[m];
}

/**
 * Close names for a misspelt one, best first: same name in another case, then typos (a
 * swap of neighbours counts once), then names that start or end with it or that it starts or ends with (`Port` -> `DBPort`,
 * `FunctionArn` -> `Arn`).
 */
export function nearNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = name.toLowerCase();
  const max = Math.max(1, Math.min(4, Math.floor(name.length / 3)));
  const scored: [number, string][] = [];
  for (const c of candidates) {
    const cl = c.toLowerCase();
    if (cl === lower) {
      if (c !== name) scored.push([0, c]);
      continue;
    }
    if (Math.abs(cl.length - lower.length) <= max) {
      const d = swapDistance(lower, cl);
      if (d <= max) {
        scored.push([d, c]);
        continue;
      }
    }
    const [short, long] = cl.length < lower.length ? [cl, lower] : [lower, cl];
    if (short.length >= 3 && long.length > short.length && (long.startsWith(short) || long.endsWith(short))) scored.push([max + 1, c]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  // A name differing only in case is the answer; typos of other names are noise then.
  const best = scored.length && scored[0][0] === 0 ? scored.filter((x) => x[0] === 0) : scored;
  return best.slice(0, limit).map((x) => x[1]);
}

/** A key as shown in a message: one line, at most 40 characters. */
export function keyText(key: ScalarNode): string {
  const s = String(key.value ?? '').split(/\r?\n/)[0];
  return s.length > 40 ? s.slice(0, 37) + '…' : s;
}

/** `VpcConfig.SecurityGroupIds[0]` */
export function formatPath(path: Path): string {
  let out = '';
  for (const s of path) out += typeof s === 'number' ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

interface Shape {
  readonly properties: Readonly<Record<string, PropertySpec>>;
  readonly required: readonly string[];
}

interface Scope {
  /** The resource type whose nested types `ref`s name. */
  specType: string;
  /** Report unknown keys and missing required properties (false inside stale SAM types). */
  strict: boolean;
  /** Below a SAM-only object type: only structural mismatches are reported. */
  lenient?: boolean;
}

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function flatten(t: TypeRef, out: TypeRef[] = []): TypeRef[] {
  if (t.kind === 'union') for (const m of t.types) flatten(m, out);
  else out.push(t);
  return out;
}

function unionOf(types: TypeRef[]): TypeRef {
  return types.length === 1 ? types[0] : { kind: 'union', types };
}

function isOpen(m: TypeRef): boolean {
  return m.kind === 'primitive' && (m.type === 'json' || m.type === 'any');
}

const INT_RE = /^[+-]?\d+$/;
const NUM_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function isNumeric(v: string | number | boolean): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'string') return NUM_RE.test(v.trim()) || INT_RE.test(v.trim());
  return false;
}

function isBooleanish(v: string | number | boolean): boolean {
  return typeof v === 'boolean' || (typeof v === 'string' && /^(true|false)$/i.test(v));
}

function describeScalar(n: ScalarNode): string {
  const v = n.value;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  const s = String(v);
  return `the string "${s.length > 40 ? s.slice(0, 37) + '…' : s}"`;
}

/** What an intrinsic function evaluates to, when that is certain. */
interface IntrinsicShape {
  kind: 'list' | 'scalar';
  what: string;
}

const LIST_FNS: Record<string, string> = { 'Fn::GetAZs': 'Fn::GetAZs', 'Fn::Split': 'Fn::Split', 'Fn::Cidr': 'Fn::Cidr' };
const SCALAR_FNS = new Set(['Fn::Join', 'Fn::Sub', 'Fn::Base64', 'Fn::ImportValue', 'Fn::ToJsonString', 'Fn::Length']);

function isListParameterType(type: string): boolean | undefined {
  const t = type.trim();
  if (/^List<.+>$/.test(t) || t === 'CommaDelimitedList' || /^AWS::SSM::Parameter::Value<(List<.+>|CommaDelimitedList)>$/.test(t)) return true;
  if (t === 'String' || t === 'Number' || /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(t) || /^AWS::SSM::Parameter::(Name|Value<[^<>]+>)$/.test(t)) return false;
  return undefined;
}

/** The schema type of `Fn::GetAtt Res.Attr` (SAM types through the resource they generate). */
export function attributeType(t: Template, target: string, attribute: string): TypeRef | undefined {
  const res = t.resources.get(target);
  if (!res?.type) return undefined;
  const sam = samShape(res.type);
  const typeName = sam ? sam.generates : res.type;
  if (!typeName) return undefined;
  const spec = getResourceType(typeName);
  if (!spec || !has(spec.attributes, attribute)) return undefined;
  return spec.attributes[attribute].type;
}

class Walker {
  readonly issues: SchemaIssue[] = [];
  private res!: Resource;
  private globals?: MapNode;
  private ignoreGlobals = false;

  constructor(readonly t: Template) {}

  run(): void {
    if (runsMacro(this.t)) return;
    for (const res of this.t.resources.values()) {
      if (res.id.startsWith('Fn::') || !res.type || !isMap(res.value)) continue;
      this.res = res;
      this.resource(res, res.type);
    }
  }

  // ---- reporting

  private push(kind: IssueKind, start: number, end: number, message: string, extra?: Partial<SchemaIssue>): void {
    this.issues.push({ kind, resource: this.res.id, start, end, message, ...extra });
  }

  private anchor(node: Node): [number, number] {
    if (isScalar(node)) return [node.start, Math.max(node.end, node.start + 1)];
    const intr = asIntrinsic(node);
    if (intr) {
      // The whole call when it sits on one line (`!Ref Subnet`, `{"Ref": "Subnet"}`), else its name.
      const oneLine = this.t.lines.positionAt(node.start).line === this.t.lines.positionAt(node.end).line;
      return oneLine ? [node.start, node.end] : [intr.keyNode.start, intr.keyNode.end];
    }
    if (node.pair) return [node.pair.key.start, node.pair.key.end];
    if (isMap(node) && node.pairs.length) return [node.pairs[0].key.start, node.pairs[0].key.end];
    return [node.start, Math.min(node.end, node.start + 1)];
  }

  private unknownKey(key: ScalarNode, candidates: Iterable<string>, path: Path, where: string, readOnly?: Readonly<Record<string, unknown>>, severity?: Severity): void {
    const name = keyText(key);
    const near = nearNames(name, candidates);
    const hint = didYouMean(near);
    const full = formatPath([...path, name]);
    if (readOnly && has(readOnly, name)) {
      // A read-only attribute written as a property: registry schemas list it, so the
      // template deploys, but the value is ignored (Neptune's old `Port` vs `DBPort`).
      this.push('unknown-property', key.start, key.end, `${full} is a read-only attribute of ${where} (returned by Fn::GetAtt), not a property you can set: its value is ignored.${hint}`, {
        target: key,
        suggestions: near,
        severity: 'warning',
      });
      return;
    }
    this.push('unknown-property', key.start, key.end, `${full} is not a property of ${where}.${hint}`, { target: key, suggestions: near, ...(severity ? { severity } : {}) });
  }

  private valueType(node: Node, path: Path, expected: TypeRef, got: string): void {
    const [s, e] = this.anchor(node);
    this.push('value-type', s, e, `${formatPath(path)} expects ${typeToString(expected)}, but ${got}.`);
  }

  // ---- resources

  private resource(res: Resource, type: string): void {
    const propsPair = getPair(res.value, 'Properties');
    if (isCustomType(type)) {
      this.requiredAt(propsPair?.value, ['ServiceToken'], [], res.key, `resource ${res.id} (${type})`);
      return;
    }
    if (isOpaqueType(type)) return;
    const sam = samShape(type);
    const spec = getResourceType(type);
    if (!sam && !spec) return;
    this.globals = undefined;
    this.ignoreGlobals = false;
    if (sam?.globals) {
      const g = get(get(this.t.root, 'Globals'), sam.globals);
      if (isMap(g)) this.globals = g;
      const ig = get(res.value, 'IgnoreGlobals');
      if (isScalar(ig) && ig.value === '*') this.ignoreGlobals = true;
    }
    const where = `${type}`;
    const label = `resource ${res.id} (${type})`;
    const visit = (node: Node | undefined, when = ''): void => {
      if (node === undefined || (isScalar(node) && node.value === null) || isNoValue(node)) {
        // No Properties (or Properties: !Ref AWS::NoValue): every required property is missing.
        const required = sam ? sam.required : spec!.required;
        this.requiredAt(undefined, required, [], res.key, label, when);
        return;
      }
      const intr = asIntrinsic(node);
      if (intr) {
        if (intr.fn === 'Fn::If' && isSeq(intr.arg) && intr.arg.items.length === 3) {
          const cond = scalarString(intr.arg.items[0]) ?? '?';
          intr.arg.items.slice(1).forEach((branch, i) => visit(branch, isNoValue(branch) ? ` when condition ${cond} is ${i === 0 ? 'true' : 'false'}` : when));
        }
        return;
      }
      if (!isMap(node)) {
        const [s, e] = this.anchor(node);
        this.push('value-type', s, e, `Properties of ${res.id} must be a mapping of property names to values.`);
        return;
      }
      if (node.pairs.some((p) => p.key.value === 'Fn::Transform')) return;
      if (sam) this.samObject(node, sam, [], { specType: type, strict: false }, type, spec ?? undefined, res.key, label);
      else this.object(node, [spec!], [], { specType: type, strict: true }, where, res.key, label, [], spec!.attributes);
    };
    visit(propsPair?.value);
  }

  // ---- objects

  /** A map checked against one or more object shapes (the members of a union). */
  private object(node: MapNode, shapes: Shape[], path: Path, scope: Scope, where: string, anchorKey: ScalarNode | undefined, label: string, mapElements: TypeRef[] = [], readOnly?: Readonly<Record<string, unknown>>): void {
    if (node.pairs.some((p) => p.key.value === 'Fn::Transform')) return;
    for (const pair of node.pairs) {
      const name = String(pair.key.value);
      if (name === '<<') continue;
      const props: PropertySpec[] = [];
      for (const s of shapes) if (has(s.properties, name)) props.push(s.properties[name]);
      if (!props.length) {
        if (mapElements.length) this.value(pair.value, unionOf(mapElements), [...path, name], scope);
        else if (scope.strict) {
          const names = new Set<string>();
          for (const s of shapes) for (const n of Object.keys(s.properties)) names.add(n);
          this.unknownKey(pair.key, names, path, where, readOnly);
        }
        continue;
      }
      this.property(pair.value, props, [...path, name], scope.strict ? scope : { ...scope, lenient: true });
    }
    if (scope.strict && shapes.length === 1 && !mapElements.length) {
      this.requiredAt(node, shapes[0].required, path, anchorKey ?? node.pair?.key, label);
    }
  }

  /** Reports the required properties missing from `node` (undefined = no map at all). */
  private requiredAt(node: Node | undefined, required: readonly string[], path: Path, anchorKey: ScalarNode | undefined, label: string, when = ''): void {
    if (!required.length) return;
    if (node !== undefined && !isMap(node) && !(isScalar(node) && node.value === null)) return;
    if (isMap(node) && node.pairs.some((p) => p.key.value === 'Fn::Transform' || p.key.value === '<<')) return;
    const missing: string[] = [];
    // Properties an Fn::If removes in one branch (`!If [C, !Ref AWS::NoValue, x]`), by the condition that removes them.
    const sometimes = new Map<string, string[]>();
    for (const name of required) {
      const pair = getPair(node, name);
      if (pair && !isNoValue(pair.value)) {
        const gone = noValueWhen(pair.value);
        if (gone && !this.fromGlobals([...path, name])) sometimes.set(gone, [...(sometimes.get(gone) ?? []), name]);
        continue;
      }
      if (this.fromGlobals([...path, name])) continue;
      missing.push(name);
    }
    let start: number;
    let end: number;
    if (anchorKey) [start, end] = [anchorKey.start, anchorKey.end];
    else if (node) [start, end] = this.anchor(node);
    else return;
    const what = (names: string[]) => (names.length === 1 ? `required property ${names[0]}` : `required properties ${names.join(', ')}`);
    if (missing.length) this.push('missing-required', start, end, `${label} is missing ${what(missing)}${when}.`);
    for (const [cond, names] of sometimes) this.push('missing-required', start, end, `${label} is missing ${what(names)}${cond} (the Fn::If gives AWS::NoValue).`);
  }

  /** A SAM `Globals` section sets this path for the resource. */
  private fromGlobals(path: Path): boolean {
    if (!this.globals || this.ignoreGlobals || path.some((p) => typeof p === 'number')) return false;
    const ig = get(this.res.value, 'IgnoreGlobals');
    if (isSeq(ig) && ig.items.some((i) => scalarString(i) === path[0])) return false;
    const v = getPath(this.globals, path);
    return v !== undefined && !isNoValue(v);
  }

  // ---- SAM

  private samObject(node: MapNode, shape: SamShape, path: Path, scope: Scope, where: string, specObj: Shape | undefined, anchorKey: ScalarNode | undefined, label: string): void {
    const resourceShape = path.length === 0 ? (shape as SamResourceShape) : undefined;
    for (const pair of node.pairs) {
      const name = String(pair.key.value);
      if (name === '<<') continue;
      if (!shape.properties.has(name)) {
        this.unknownKey(pair.key, shape.properties, path, where);
        continue;
      }
      const p = [...path, name];
      if (name === 'Events' && resourceShape?.events) {
        this.samEvents(pair.value, resourceShape.events, p, scope.specType);
        continue;
      }
      if (has(shape.passthrough, name)) {
        const [cfnType, cfnPath] = shape.passthrough[name];
        const r = resolvePath(cfnType, cfnPath);
        if (r?.property && !r.opaque) this.property(pair.value, [r.property], p, { specType: cfnType, strict: true });
        continue;
      }
      if (specObj && has(specObj.properties, name)) this.property(pair.value, [specObj.properties[name]], p, { specType: scope.specType, strict: false });
    }
    this.requiredAt(node, shape.required, path, anchorKey, label);
  }

  private samEvents(node: Node, events: Readonly<Record<string, SamEventShape>>, path: Path, samType: string): void {
    if (asIntrinsic(node)) return;
    if (!isMap(node)) {
      if (isScalar(node) && node.value === null) return;
      this.valueType(node, path, { kind: 'map', element: { kind: 'ref', name: 'EventSource' } }, isSeq(node) ? 'the value is a list' : `the value is ${describeScalar(node as ScalarNode)}`);
      return;
    }
    for (const ev of node.pairs) {
      const evPath = [...path, String(ev.key.value)];
      const evNode = ev.value;
      if (asIntrinsic(evNode) || !isMap(evNode)) continue;
      for (const p of evNode.pairs) {
        // The transform reads only Type and Properties of an event and drops anything else.
        if (p.key.value !== 'Type' && p.key.value !== 'Properties') this.unknownKey(p.key, ['Type', 'Properties'], evPath, `a SAM event source (the transform ignores it)`, undefined, 'warning');
      }
      const typePair = getPair(evNode, 'Type');
      if (!typePair) {
        this.push('missing-required', ev.key.start, ev.key.end, `Event ${formatPath(evPath)} is missing required property Type.`);
        continue;
      }
      const evType = scalarString(typePair.value);
      if (evType === undefined || !isScalar(typePair.value)) continue;
      if (!has(events, evType)) {
        const near = nearNames(evType, Object.keys(events));
        const hint = didYouMean(near);
        const v = typePair.value;
        this.push('not-allowed', v.start, v.end, `${formatPath([...evPath, 'Type'])} "${evType}" is not an event type of ${samType}.${hint}`, { target: v, suggestions: near });
        continue;
      }
      const es = events[evType];
      const propsPair = getPair(evNode, 'Properties');
      if (!propsPair) {
        if (es.required.length) {
          const what = es.required.length === 1 ? `required property ${es.required[0]}` : `required properties ${es.required.join(', ')}`;
          this.push('missing-required', ev.key.start, ev.key.end, `Event ${formatPath(evPath)} (${evType}) has no Properties: it is missing ${what}.`);
        }
        continue;
      }
      const specObj = es.specType ? getPropertyType(samType, es.specType) : undefined;
      const where = `a SAM ${evType} event`;
      const label = `Event ${formatPath(evPath)} (${evType})`;
      const visit = (n: Node): void => {
        const intr = asIntrinsic(n);
        if (intr) {
          if (intr.fn === 'Fn::If' && isSeq(intr.arg) && intr.arg.items.length === 3) for (const b of intr.arg.items.slice(1)) if (!isNoValue(b)) visit(b);
          return;
        }
        if (isMap(n)) this.samObject(n, es, [...evPath, 'Properties'], { specType: samType, strict: false }, where, specObj, propsPair.key, label);
        else if (!(isScalar(n) && n.value === null)) this.valueType(n, [...evPath, 'Properties'], { kind: 'ref', name: es.specType ?? `${evType}Event` }, isSeq(n) ? 'the value is a list' : `the value is ${describeScalar(n as ScalarNode)}`);
      };
      visit(propsPair.value);
    }
  }

  // ---- values

  /** A property's value, accepting the property's earlier types too. */
  private property(node: Node, props: PropertySpec[], path: Path, scope: Scope): void {
    if (isScalar(node) && typeof node.value === 'string' && this.packageable(path, scope)) return;
    const type = unionOf(props.map((p) => p.type));
    const alts: TypeRef[] = [];
    for (const p of props) if (p.previousTypes) alts.push(...p.previousTypes);
    if (!alts.length) return this.value(node, type, path, scope);
    const mark = this.issues.length;
    this.value(node, type, path, scope);
    if (this.issues.length === mark) return;
    const found = this.issues.splice(mark);
    for (const alt of alts) {
      const m = this.issues.length;
      this.value(node, alt, path, scope);
      if (this.issues.length === m) return;
      this.issues.splice(m);
    }
    this.issues.push(...found);
  }

  private packageable(path: Path, scope: Scope): boolean {
    const list = has(PACKAGEABLE, scope.specType) ? PACKAGEABLE[scope.specType] : undefined;
    return !!list && scope.specType === this.res.type && list.includes(path.join('.'));
  }

  private value(node: Node, type: TypeRef, path: Path, scope: Scope): void {
    const intr = asIntrinsic(node);
    if (intr) return this.intrinsic(node, intr, type, path, scope);
    const members = flatten(type);
    if (members.some(isOpen)) return;
    if (isMap(node)) return this.map(node, members, type, path, scope);
    if (isSeq(node)) {
      const lists = members.filter((m): m is Extract<TypeRef, { kind: 'list' }> => m.kind === 'list');
      if (!lists.length) return this.valueType(node, path, type, 'the value is a list');
      const element = unionOf(lists.map((l) => l.element));
      node.items.forEach((item, i) => this.value(item, element, [...path, i], scope));
      return;
    }
    this.scalar(node, members, type, path, scope);
  }

  private map(node: MapNode, members: TypeRef[], type: TypeRef, path: Path, scope: Scope): void {
    if (node.pairs.some((p) => p.key.value === 'Fn::Transform')) return;
    const shapes: Shape[] = [];
    const names: string[] = [];
    const mapElements: TypeRef[] = [];
    for (const m of members) {
      if (m.kind === 'ref') {
        const pt = getPropertyType(scope.specType, m.name);
        if (pt && !shapes.includes(pt)) {
          shapes.push(pt);
          names.push(pt.name);
        } else if (!pt) return; // a type the schema doesn't describe: nothing to check
      } else if (m.kind === 'map') mapElements.push(m.element);
    }
    if (!shapes.length && !mapElements.length) return this.valueType(node, path, type, 'the value is a mapping');
    if (!shapes.length) {
      for (const pair of node.pairs) this.value(pair.value, unionOf(mapElements), [...path, String(pair.key.value)], scope);
      return;
    }
    const where = names.join(' or ');
    this.object(node, shapes, path, scope, where, node.pair?.key, formatPath(path), mapElements);
  }

  private scalar(node: ScalarNode, members: TypeRef[], type: TypeRef, path: Path, scope: Scope): void {
    const v = node.value;
    if (v === null) return;
    // Inside the (stale) nested SAM types only structural mismatches are certain: a scalar
    // is fine wherever a scalar is expected (SAM's S3Location Version is a string, not a Number).
    if (scope.lenient && members.some((m) => m.kind === 'primitive')) return;
    // In SAM's own (stale) types a Boolean may since have become Boolean | String
    // (HttpApi CorsConfiguration): only numbers are checked there.
    if (!scope.strict && members.some((m) => m.kind === 'primitive' && m.type === 'boolean')) return;
    let typeOk = false;
    const enums: PrimitiveTypeRef[] = [];
    for (const m of members) {
      if (m.kind !== 'primitive') continue;
      let fits = false;
      switch (m.type) {
        case 'string':
        case 'timestamp':
          fits = true;
          break;
        case 'integer':
        case 'number':
          fits = isNumeric(v);
          break;
        case 'boolean':
          fits = isBooleanish(v);
          break;
        default:
          fits = true;
      }
      if (!fits) continue;
      typeOk = true;
      if (!m.allowedValues || !m.allowedValues.length) return;
      const sv = String(v);
      if (m.allowedValues.some((a) => String(a) === sv)) return;
      enums.push(m);
    }
    if (!typeOk) return this.valueType(node, path, type, `the value is ${describeScalar(node)}`);
    if (!scope.strict) return; // SAM's own enums are not kept current: not checked.
    const allowed = [...new Set(enums.flatMap((m) => m.allowedValues!.map(String)))];
    const sv = String(v);
    const exact = allowed.filter((a) => a.toLowerCase() === sv.toLowerCase());
    const near = exact.length ? exact : nearNames(sv, allowed);
    const hint = didYouMean(near);
    const list = allowed.length <= 12 ? ` Allowed: ${allowed.join(', ')}.` : '';
    this.push('not-allowed', node.start, node.end, `${formatPath(path)} "${sv}" is not an allowed value.${hint}${list}`, { target: node, suggestions: near });
  }

  private intrinsic(node: Node, intr: Intrinsic, type: TypeRef, path: Path, scope: Scope): void {
    if (intr.fn === 'Ref' && isScalar(intr.arg) && intr.arg.value === 'AWS::NoValue') return;
    if (intr.fn === 'Fn::If') {
      if (isSeq(intr.arg) && intr.arg.items.length === 3) for (const b of intr.arg.items.slice(1)) this.value(b, type, path, scope);
      return;
    }
    const members = flatten(type);
    if (members.some(isOpen)) return;
    const shape = this.shapeOf(intr);
    if (!shape) return;
    if (shape.kind === 'list' && !members.some((m) => m.kind === 'list')) {
      this.valueType(node, path, type, `${shape.what} returns a list`);
    } else if (shape.kind === 'scalar' && !members.some((m) => m.kind === 'primitive')) {
      this.valueType(node, path, type, `${shape.what} returns a single value`);
    }
  }

  private shapeOf(intr: Intrinsic): IntrinsicShape | undefined {
    const t = this.t;
    const fn = intr.fn;
    if (has(LIST_FNS, fn)) return { kind: 'list', what: fn };
    if (fn === 'Fn::Select') {
      // Selecting from a literal list of mappings or lists gives a mapping or a list.
      const list = isSeq(intr.arg) ? intr.arg.items[1] : undefined;
      if (isSeq(list) && list.items.some((i) => (isMap(i) && !asIntrinsic(i)) || isSeq(i))) return undefined;
      return { kind: 'scalar', what: fn };
    }
    if (SCALAR_FNS.has(fn)) return { kind: 'scalar', what: fn };
    if (fn === 'Ref') {
      const target = scalarString(intr.arg);
      if (target === undefined || !isScalar(intr.arg)) return undefined;
      if (target === 'AWS::NotificationARNs') return { kind: 'list', what: 'Ref AWS::NotificationARNs' };
      if (PSEUDO_SET.has(target)) return { kind: 'scalar', what: `Ref ${target}` };
      const param = t.parameters.get(target);
      if (param) {
        if (!param.type) return undefined;
        const list = isListParameterType(param.type);
        if (list === undefined) return undefined;
        return { kind: list ? 'list' : 'scalar', what: `Ref to parameter ${target} (${param.type})` };
      }
      if (t.resources.has(target)) return { kind: 'scalar', what: `Ref to resource ${target}` };
      return undefined;
    }
    if (fn === 'Fn::GetAtt') {
      let target: string | undefined;
      let attr: string | undefined;
      if (isScalar(intr.arg) && typeof intr.arg.value === 'string') {
        const dot = intr.arg.value.indexOf('.');
        if (dot > 0) [target, attr] = [intr.arg.value.slice(0, dot), intr.arg.value.slice(dot + 1)];
      } else if (isSeq(intr.arg) && intr.arg.items.length === 2) {
        target = scalarString(intr.arg.items[0]);
        attr = isScalar(intr.arg.items[1]) ? scalarString(intr.arg.items[1]) : undefined;
      }
      if (!target || !attr || (isGeneratedId(t.generated, target) && !t.resources.has(target))) return undefined;
      const at = attributeType(t, target, attr);
      if (!at) return undefined;
      const ms = flatten(at);
      if (ms.some(isOpen)) return undefined;
      if (ms.every((m) => m.kind === 'list')) return { kind: 'list', what: `Fn::GetAtt ${target}.${attr}` };
      if (ms.every((m) => m.kind === 'primitive')) return { kind: 'scalar', what: `Fn::GetAtt ${target}.${attr}` };
      return undefined;
    }
    return undefined;
  }
}

const cache = new WeakMap<Template, SchemaIssue[]>();

/** Every property-level schema problem of the template (computed once per template). */
export function schemaIssues(t: Template): SchemaIssue[] {
  let issues = cache.get(t);
  if (!issues) {
    const w = new Walker(t);
    w.run();
    issues = w.issues;
    cache.set(t, issues);
  }
  return issues;
}
