import { defineRule } from '../contract';
import { FixBuilder } from '../../fix/builder';
import { MapNode, Node, get, isMap, isScalar, scalarString } from '../../parse/node';
import { asIntrinsic } from '../../parse/intrinsics';
import type { Resource, Template } from '../../parse/template';
import type { Fix, RelatedLocation } from '../../types';
import { Outcome, describe, judge, possibleValues } from '../../graph/resolve';
import { referencedResource, textOf } from '../high-availability/_ha';
import { literalItems, opaque  } from '../high-availability/_stores';
import { isNoValue } from '../../graph/resolve';
import { mustBeTrue, stringValues } from '../../graph/resolve';
import { unreadable } from '../../stores/data-stores';
import { WA } from '../well-architected';

const RECORD = 'AWS::Route53::RecordSet';
const GROUP = 'AWS::Route53::RecordSetGroup';
const LOAD_BALANCERS = new Set(['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer']);

interface Rec {
  res: Resource;
  map: MapNode;
  /** "PrimaryRecord", "DnsRecords (record Primary)". */
  label: string;
  zone: Node | undefined;
  zoneKind: 'id' | 'name' | undefined;
  failover: Node;
  /** Values Failover can take (undefined: any). */
  roles: string[] | undefined;
}

const getOwn = (m: Node | undefined, key: string): Node | undefined => {
  const n = get(m, key);
  return n && !isNoValue(n) ? n : undefined;
};

/** A comparable key for a value: literal text (normalised) or the written form. */
function keyOf(t: Template, n: Node | undefined, kind: 'name' | 'type' | 'zone'): string | undefined {
  if (!n) return undefined;
  const s = isScalar(n) ? scalarString(n) : undefined;
  if (s !== undefined) return kind === 'type' ? s.toUpperCase() : s.toLowerCase().replace(/\.$/, '');
  return `~${t.text.slice(n.start, n.end).replace(/\s+/g, ' ')}`;
}

function records(t: Template): Rec[] {
  const out: Rec[] = [];
  const add = (res: Resource, map: Node, label: string, zoneFrom: Node | undefined) => {
    if (!isMap(map) || asIntrinsic(map, true)) return;
    const failover = getOwn(map, 'Failover');
    if (!failover) return;
    const zoneId = getOwn(zoneFrom, 'HostedZoneId');
    const zoneName = getOwn(zoneFrom, 'HostedZoneName');
    const roles = stringValues(t, failover)?.map((v) => v.toUpperCase());
    out.push({ res, map, label, zone: zoneId ?? zoneName, zoneKind: zoneId ? 'id' : zoneName ? 'name' : undefined, failover, roles });
  };
  for (const res of t.resourcesByType.get(RECORD) ?? []) {
    if (unreadable(res) || opaque(res) || !res.properties) continue;
    add(res, res.properties, res.id, res.properties);
  }
  for (const res of t.resourcesByType.get(GROUP) ?? []) {
    if (unreadable(res) || opaque(res) || !res.properties) continue;
    (literalItems(getOwn(res.properties, 'RecordSets')) ?? []).forEach((item, i) => {
      const id = scalarString(get(item, 'SetIdentifier'));
      add(res, item, `${res.id} (record ${id ?? i + 1})`, res.properties);
    });
  }
  return out;
}

/** HealthCheckId present in every case (a reference to a health check counts as present). */
function healthCheckCheck(t: Template, n: Node | undefined): { bad: false } | { bad: true; phrase: string } {
  const pv = possibleValues(t, n);
  const j = (o: Outcome): boolean | undefined => (o.kind === 'novalue' ? false : o.kind === 'literal' ? o.value !== null && o.value !== '' : true);
  const v = judge(pv, j);
  if (v.bad === 'never' || v.bad === 'unknown' || v.badByDefault === false) return { bad: false };
  return { bad: true, phrase: describe(pv, j, '\u0000')?.replace('\u0000', '').trim() ?? '' };
}

/** `EvaluateTargetHealth: true` on an alias to a load balancer of the template (where Route 53 can judge the target). */
function aliasFix(t: Template, r: Rec): Fix | undefined {
  const alias = getOwn(r.map, 'AliasTarget');
  if (!isMap(alias) || asIntrinsic(alias)) return undefined;
  const target = referencedResource(t, getOwn(alias, 'DNSName'));
  if (!target?.type || !LOAD_BALANCERS.has(target.type)) return undefined;
  const eth = get(alias, 'EvaluateTargetHealth');
  if (eth && !isScalar(eth)) return undefined;
  const b = new FixBuilder(t);
  b.set(alias, ['EvaluateTargetHealth'], true);
  const edits = b.build();
  return edits ? { title: `Evaluate the health of load balancer ${target.id} (AliasTarget EvaluateTargetHealth: true)`, edits, preferred: true, safe: true } : undefined;
}

export default defineRule({
  meta: {
    id: 'route53-failover-incomplete',
    area: 'disaster-recovery',
    severity: 'warning',
    title: 'Route 53 failover record without a health check, or without its other half',
    fixable: true,
    docs: {
      summary:
        'Route 53 failover records (`Failover: PRIMARY` or `SECONDARY`) in `AWS::Route53::RecordSet` and in the `RecordSets` of `AWS::Route53::RecordSetGroup`. A PRIMARY record without `HealthCheckId` that is not an alias with `AliasTarget.EvaluateTargetHealth: true` is a warning (informational when `Failover` or `HealthCheckId` depends on a parameter or condition, and the message says when). A PRIMARY with no SECONDARY of the same name and type in the template (same hosted zone when both name it the same way) is informational: the other half may be in another stack, as when one template is deployed in two Regions with `Failover` from a parameter (such records are not paired). SECONDARY records without a health check are not reported: Route 53 then treats the secondary as healthy, which is the usual last resort.',
      why: 'Failover routing answers with the primary while it is healthy and with the secondary otherwise, and "healthy" comes only from a health check. Route 53 considers a failover record without a health check (and an alias record that does not evaluate its target\'s health) always healthy, so when the primary Region or endpoint goes down, DNS keeps sending every client to it and never fails over: the standby that the disaster-recovery plan relies on receives no traffic. A primary without a secondary has nothing to fail over to.',
      fix: 'Give the PRIMARY record a `HealthCheckId` pointing at an `AWS::Route53::HealthCheck` that probes the endpoint (HTTPS on a health path, `FailureThreshold` 3), or, for an alias to a load balancer, set `AliasTarget.EvaluateTargetHealth: true` (the quick fix, offered when the alias points at a load balancer of this template; CloudFront aliases cannot evaluate target health and need a health check). Create the SECONDARY record with the same name and type, a different `SetIdentifier`, pointing at the standby, in this stack or in the recovery Region\'s stack.',
      references: [
        { title: 'Amazon Route 53: failover routing', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-failover.html' },
        { title: 'Amazon Route 53: configuring active-passive failover', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-types.html' },
        { title: 'Amazon Route 53: how health checks work in simple and complex configurations', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-complex-configs.html' },
        { title: 'AWS::Route53::RecordSet AliasTarget EvaluateTargetHealth', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-route53-recordset-aliastarget.html' },
        WA.REL13_BP02,
        WA.REL13_BP05,
        WA.REL11_BP02,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    const all = records(t);
    for (const r of all) {
      const nameNode = getOwn(r.map, 'Name');
      const typeNode = getOwn(r.map, 'Type');
      const name = nameNode ? (isScalar(nameNode) ? scalarString(nameNode) ?? '' : textOf(t, nameNode)) : '?';
      const type = scalarString(typeNode) ?? (typeNode ? textOf(t, typeNode) : '?');
      const canBePrimary = !r.roles || r.roles.includes('PRIMARY');
      const isPrimary = !!r.roles && r.roles.length === 1 && r.roles[0] === 'PRIMARY';

      // 1. PRIMARY without a health check.
      if (canBePrimary) {
        const alias = getOwn(r.map, 'AliasTarget');
        const eth = isMap(alias) && !asIntrinsic(alias) ? mustBeTrue(t, getOwn(alias, 'EvaluateTargetHealth')) : undefined;
        const aliasOk = !!eth && eth.status !== 'bad' && eth.status !== 'conditional';
        const hc = healthCheckCheck(t, getOwn(r.map, 'HealthCheckId'));
        if (hc.bad && !aliasOk) {
          const pv = possibleValues(t, r.failover);
          const roleJudge = (o: Outcome): boolean | undefined => (o.kind === 'literal' ? String(o.value).toUpperCase() !== 'PRIMARY' : undefined);
          const rolePhrase = isPrimary ? '' : (describe(pv, roleJudge, '\u0000')?.replace('\u0000', '').trim() ?? '');
          const conditional = !isPrimary || hc.phrase !== '';
          const qualifier = [rolePhrase, hc.phrase].filter(Boolean).join('; ');
          const what = alias ? 'no HealthCheckId, and its alias does not evaluate target health' : 'no HealthCheckId';
          const fix = !conditional && alias ? aliasFix(t, r) : undefined;
          ctx.report({
            start: r.failover.start,
            end: r.failover.end,
            resource: r.res.id,
            ...(conditional ? { severity: 'info' as const } : {}),
            message: `${r.label} is a PRIMARY failover record for ${name} (${type}) without a health check (${what})${qualifier ? ` ${qualifier}` : ''}: Route 53 treats it as always healthy, so when its endpoint is down DNS keeps answering with it and never fails over to the SECONDARY.`,
            fixes: fix ? [fix] : [],
          });
        }
      }

      // 2. A PRIMARY without a SECONDARY in this template.
      if (!isPrimary) continue;
      const want = 'SECONDARY';
      const nameKey = keyOf(t, nameNode, 'name');
      const typeKey = keyOf(t, typeNode, 'type');
      const zoneKey = keyOf(t, r.zone, 'zone');
      const partners = all.filter(
        (o) =>
          o !== r &&
          (!o.roles || o.roles.includes(want)) &&
          keyOf(t, getOwn(o.map, 'Name'), 'name') === nameKey &&
          keyOf(t, getOwn(o.map, 'Type'), 'type') === typeKey &&
          (o.zoneKind !== r.zoneKind || keyOf(t, o.zone, 'zone') === zoneKey),
      );
      if (partners.length || nameKey === undefined) continue;
      const related: RelatedLocation[] = [];
      if (nameNode) related.push({ start: nameNode.start, end: nameNode.end, message: `record name ${name}` });
      ctx.report({
        start: r.failover.start,
        end: r.failover.end,
        resource: r.res.id,
        severity: 'info',
        message: `${r.label} is a PRIMARY failover record for ${name} (${type}) with no SECONDARY record of the same name and type in this template: unless another stack creates it, Route 53 has nothing to fail over to.`,
        related,
        fixes: [],
      });
    }
  },
});
