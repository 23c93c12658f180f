/**
 * Small helpers shared by the high-availability and fault-tolerance rules: reading list
 * properties, telling whether an Auto Scaling group sits behind a load balancer, ranges for
 * findings, and phrasing the zones of subnet lists. Not a rule (the file name starts with
 * `_`), not a value resolver (values across `Fn::If`/parameters and subnet zones:
 * graph/resolve.ts) and not a fix writer (fix/builder.ts).
 */
import { Node, get, isScalar, isSeq, scalarString } from '../../parse/node';
import { asIntrinsic } from '../../parse/intrinsics';
import type { Resource, Template } from '../../parse/template';
import type { RelatedLocation } from '../../types';
import { AzRef, AzSpread, azSpread, isNoValue, prop, refName } from '../../graph/resolve';

export { isNoValue, prop, refName };

/** The resource logical ID in `!GetAtt Name.Attr` (either form). */
export function getAttName(n: Node | undefined): string | undefined {
  const i = asIntrinsic(n);
  if (!i || i.fn !== 'Fn::GetAtt') return undefined;
  if (isSeq(i.arg)) return scalarString(i.arg.items[0]);
  const s = scalarString(i.arg);
  return s ? s.split('.')[0] : undefined;
}

/** The resource a `!Ref X` or `!GetAtt X.Attr` names, when X is a resource of the template. */
export function referencedResource(t: Template, n: Node | undefined): Resource | undefined {
  const name = refName(n) ?? getAttName(n);
  return name ? t.resources.get(name) : undefined;
}

/** Items of a property written as a literal list; undefined when it is anything else (a parameter, a function). */
export function seqItems(n: Node | undefined): Node[] | undefined {
  return isSeq(n) ? n.items.filter((i) => !isNoValue(i)) : undefined;
}

/** A property that is present and not `!Ref AWS::NoValue` nor an empty list. */
export function present(n: Node | undefined): boolean {
  if (!n || isNoValue(n)) return false;
  if (isScalar(n) && (n.value === null || n.value === '')) return false;
  if (isSeq(n) && n.items.filter((i) => !isNoValue(i)).length === 0) return false;
  return true;
}

/** The key range of a resource (its logical ID), where resource-level findings go. */
export function keyRange(res: Resource): { start: number; end: number } {
  return { start: res.key.start, end: res.key.end };
}

/** Range for a finding about a property: the value when written, else the resource's logical ID. */
export function rangeOf(res: Resource, n?: Node): { start: number; end: number } {
  return n && n.end > n.start ? { start: n.start, end: n.end } : keyRange(res);
}

/**
 * How an Auto Scaling group is attached to load balancers: the property naming target groups,
 * Classic Load Balancers or (TrafficSources) either, or undefined when it is not attached.
 */
export function loadBalancerAttachment(res: Resource): { property: string; node: Node } | undefined {
  for (const key of ['TargetGroupARNs', 'LoadBalancerNames']) {
    const n = prop(res, key);
    if (present(n)) return { property: key, node: n! };
  }
  const ts = prop(res, 'TrafficSources');
  if (isSeq(ts)) {
    for (const item of ts.items) {
      const type = scalarString(get(item, 'Type'));
      if (type === 'elb' || type === 'elbv2') return { property: 'TrafficSources', node: ts };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Zones of subnet lists (on top of graph/resolve.ts `azSpread`)

export type ZoneVerdict =
  /** One subnet in a literal list. */
  | { kind: 'one-subnet'; spread: AzSpread }
  /** Two or more subnets, certainly in one zone. */
  | { kind: 'same-zone'; spread: AzSpread };

/**
 * Whether a subnet list property (`VPCZoneIdentifier`, `Subnets`, `SubnetIds`) certainly puts
 * everything in one Availability Zone. Undefined when it spans several zones or cannot be
 * told (a list parameter, `Fn::Split`, an import, a subnet whose zone AWS picks, zones from
 * two different parameters): say nothing rather than guess.
 */
export function singleZone(t: Template, list: Node | undefined): ZoneVerdict | undefined {
  const items = seqItems(list);
  if (!items || items.length === 0) return undefined;
  return singleZoneOf(t, items);
}

/** `singleZone` for subnet references gathered from several places (nodes or logical IDs). */
export function singleZoneOf(t: Template, items: readonly (Node | string)[]): ZoneVerdict | undefined {
  if (items.length === 0) return undefined;
  const spread = azSpread(t, items);
  if (items.length === 1) {
    const only = items[0];
    // Certainly one subnet: a subnet of the template, a subnet-ID parameter, a literal ID, one item
    // of a list. A string parameter or an import may hold a comma-separated list.
    if (typeof only !== 'string') {
      const s = scalarString(only);
      if (s !== undefined) {
        if (s.includes(',')) return undefined;
      } else {
        const i = asIntrinsic(only);
        if (!i) return undefined;
        const name = i.fn === 'Ref' ? scalarString(i.arg) : undefined;
        const param = name !== undefined ? t.parameters.get(name) : undefined;
        const ok =
          (i.fn === 'Ref' && (!!(name && t.resources.has(name)) || param?.type === 'AWS::EC2::Subnet::Id')) ||
          (i.fn === 'Fn::GetAtt' && referencedResource(t, only)?.type === 'AWS::EC2::Subnet') ||
          i.fn === 'Fn::Select';
        if (!ok) return undefined;
      }
    }
    return { kind: 'one-subnet', spread };
  }
  return spread.oneZone ? { kind: 'same-zone', spread } : undefined;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];

/** "Availability Zone index 0 (!Select [0, !GetAZs ''])", "us-east-1a", "the zone of parameter AZ". */
export function zonePhrase(az: AzRef): string {
  switch (az.kind) {
    case 'index':
      return `the ${az.region ? `${az.region} region's` : "region's"} ${ORDINALS[az.index] ?? `#${az.index + 1}`} Availability Zone (index ${az.index} of Fn::GetAZs)`;
    case 'literal':
      return az.zone;
    case 'zone-id':
      return `zone ID ${az.id}`;
    case 'parameter':
      return `the zone given by parameter ${az.name}`;
    case 'parameter-index':
      return `item ${az.index} of parameter ${az.name}`;
    default:
      return 'one zone';
  }
}

/** Short label for related locations: "index 0", "us-east-1a", "parameter AZ". */
export function zoneLabel(az: AzRef): string {
  switch (az.kind) {
    case 'index':
      return `Availability Zone index ${az.index}`;
    case 'literal':
      return az.zone;
    case 'zone-id':
      return `zone ID ${az.id}`;
    case 'parameter':
      return `zone from parameter ${az.name}`;
    case 'parameter-index':
      return `zone ${az.index} of parameter ${az.name}`;
    default:
      return `zone unknown (${az.reason})`;
  }
}

/** Does the zone depend on a parameter? */
export function zoneFromParameter(az: AzRef): string | undefined {
  return az.kind === 'parameter' || az.kind === 'parameter-index' ? az.name : undefined;
}

/**
 * One sentence part describing the verdict: "its only subnet, PrivateSubnetA," /
 * "both its subnets (PublicSubnetA, PublicSubnetB) are in us-east-1a" — used by the rules to
 * build their messages.
 */
export function zoneSummary(t: Template, v: ZoneVerdict): string {
  const z = v.spread.zones;
  const names = z.map((e, i) => e.subnet ?? (e.node ? textOf(t, e.node) : `subnet ${i + 1}`));
  const unique = [...new Set(names)];
  const first = z.find((e) => e.az.kind !== 'unknown')?.az;
  const where = first ? ` in ${zonePhrase(first)}` : '';
  if (v.kind === 'one-subnet') return `a single subnet (${unique[0]})${where}`;
  if (unique.length === 1) return `the same subnet (${unique[0]}) ${z.length} times${where}`;
  return `${z.length === 2 ? 'two' : z.length} subnets (${unique.join(', ')}) all${where}`;
}

/** A parameter the zone depends on, for messages ("…, whatever value parameter AZ takes"). */
export function zoneParameterNote(v: ZoneVerdict): string {
  const p = v.spread.zones.map((e) => zoneFromParameter(e.az)).find(Boolean);
  return p ? ` (whatever zone parameter ${p} names)` : '';
}

/** Related locations: each subnet's AvailabilityZone, or the reference when the subnet is not in the template. */
export function zoneRelated(t: Template, v: ZoneVerdict): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  const seen = new Set<string>();
  for (const e of v.spread.zones) {
    const key = e.subnet ?? `${e.node?.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const res = e.subnet ? t.resources.get(e.subnet) : undefined;
    const azNode = res ? (get(res.properties, 'AvailabilityZone') ?? get(res.properties, 'AvailabilityZoneId')) : undefined;
    const at = azNode ?? (res ? res.key : e.node);
    if (!at) continue;
    out.push({ start: at.start, end: at.end, message: `${e.subnet ?? 'subnet'}: ${zoneLabel(e.az)}` });
  }
  return out;
}

/** The source text of a node (for messages about subnets written as IDs or imports). */
export function textOf(t: Template, n: Node): string {
  const s = scalarString(n);
  if (s !== undefined) return s;
  const r = refName(n);
  if (r !== undefined) return t.parameters.has(r) ? `parameter ${r}` : r;
  const i = asIntrinsic(n);
  if (i?.fn === 'Fn::ImportValue') return `import ${textOf(t, i.arg)}`;
  if (i?.fn === 'Fn::Select' && isSeq(i.arg) && i.arg.items.length === 2) return `item ${scalarString(i.arg.items[0]) ?? '?'} of ${textOf(t, i.arg.items[1])}`;
  const text = t.text.slice(n.start, n.end).replace(/\s+/g, ' ').trim();
  return text.length > 40 ? text.slice(0, 37) + '…' : text;
}
