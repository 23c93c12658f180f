import { defineRule } from '../contract';
import { MapNode, Node, get, isMap, isSeq, scalarString } from '../../parse/node';
import { asIntrinsic } from '../../parse/intrinsics';
import type { Resource, Template } from '../../parse/template';
import type { Graph } from '../../graph/graph';
import { FixBuilder } from '../../fix/builder';
import type { Fix, TextEdit } from '../../types';
import { isNoValue, keyRange, prop, refName } from '../high-availability/_ha';
import { WA } from '../well-architected';

const REST_STAGE = 'AWS::ApiGateway::Stage';
const REST_DEPLOYMENT = 'AWS::ApiGateway::Deployment';
const V2_STAGE = 'AWS::ApiGatewayV2::Stage';
const SAM_API = 'AWS::Serverless::Api';
const SAM_HTTP_API = 'AWS::Serverless::HttpApi';

/** A throttling limit that is set (not absent, not `AWS::NoValue`). */
function limitSet(settings: Node | undefined): boolean {
  if (!isMap(settings)) return false;
  return ['ThrottlingRateLimit', 'ThrottlingBurstLimit'].some((k) => {
    const v = get(settings, k);
    return v !== undefined && !isNoValue(v) && !(v.kind === 'scalar' && v.value === null);
  });
}

/** A `MethodSettings` list in which some entry sets a limit (or that is computed: not ours to judge). */
function methodSettingsThrottle(list: Node | undefined): 'yes' | 'no' | 'unknown' {
  if (!list || isNoValue(list)) return 'no';
  if (!isSeq(list)) return 'unknown';
  for (const item of list.items) {
    if (asIntrinsic(item)) return 'unknown';
    if (limitSet(item)) return 'yes';
  }
  return 'no';
}

/** `RouteSettings` of an HTTP/WebSocket stage: a map of route key -> settings. */
function routeSettingsThrottle(routes: Node | undefined): boolean {
  if (!isMap(routes)) return false;
  if (asIntrinsic(routes)) return true;
  return routes.pairs.some((p) => limitSet(p.value));
}

/** The REST API a stage or deployment belongs to (`RestApiId: !Ref Api`). */
function restApiOf(res: Resource): string | undefined {
  const i = asIntrinsic(prop(res, 'RestApiId'));
  return i?.fn === 'Ref' ? scalarString(i.arg) : undefined;
}

/**
 * Usage plans throttling a REST API: `AWS::ApiGateway::UsagePlan` with `Throttle` (or an
 * `ApiStages[].Throttle`) whose `ApiStages` name the API. They throttle clients that present an
 * API key; a stage under one is taken as deliberately throttled.
 */
function usagePlanThrottles(t: Template, g: Graph, apiId: string | undefined): boolean {
  if (!apiId) return false;
  for (const r of g.referencesAt(apiId, ['Properties', 'ApiStages'], { fromType: 'AWS::ApiGateway::UsagePlan' })) {
    const plan = t.resources.get(r.source);
    if (!plan) continue;
    const throttle = prop(plan, 'Throttle');
    if (isMap(throttle) && throttle.pairs.length) return true;
    const stages = prop(plan, 'ApiStages');
    if (isSeq(stages) && stages.items.some((s) => isMap(get(s, 'Throttle')))) return true;
  }
  return false;
}

interface Options {
  rate: number;
  burst: number;
}

/** The `MethodSettings` fix: set the limits on the `/*` `*` entry, or add one. */
function methodSettingsFix(t: Template, res: Resource, owner: MapNode | undefined, path: readonly string[], list: Node | undefined, o: Options): TextEdit[] | null {
  const entry = { ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: o.rate, ThrottlingBurstLimit: o.burst };
  const b = new FixBuilder(t);
  if (!list || isNoValue(list)) {
    if (owner) b.set(owner, [...path], [entry]);
    else b.setProperty(res, [...path], [entry]);
    return b.build();
  }
  if (!isSeq(list)) return null;
  const all = list.items.find((i) => scalarString(get(i, 'ResourcePath')) === '/*' && scalarString(get(i, 'HttpMethod')) === '*');
  if (isMap(all) && !all.shortForm) {
    b.set(all, ['ThrottlingRateLimit'], o.rate).set(all, ['ThrottlingBurstLimit'], o.burst);
    return b.build();
  }
  return b.append(list, entry).build();
}

export default defineRule({
  meta: {
    id: 'apigateway-stage-no-throttling',
    area: 'serverless',
    severity: 'info',
    title: 'API Gateway stage without throttling',
    fixable: true,
    options: {
      rateLimit: { description: 'Steady-state requests per second the quick fix writes.', default: 1000 },
      burstLimit: { description: 'Burst (token bucket size) the quick fix writes.', default: 500 },
    },
    docs: {
      summary:
        'An API Gateway stage that sets no throttling limit of its own: an `AWS::ApiGateway::Stage` (or a stage created by an `AWS::ApiGateway::Deployment` with `StageName`, through `StageDescription`) or a SAM `AWS::Serverless::Api` whose `MethodSettings` set neither `ThrottlingRateLimit` nor `ThrottlingBurstLimit`; an `AWS::ApiGatewayV2::Stage` or SAM `AWS::Serverless::HttpApi` with no limit in `DefaultRouteSettings` or `RouteSettings`. SAM `Globals` (`Api.MethodSettings`, `HttpApi.DefaultRouteSettings`) count, and so does a usage plan with `Throttle` that names the REST API. APIs SAM creates implicitly from function events are not reported.',
      why: 'Without a stage limit every method can take the whole account-level quota of the Region (10,000 requests per second, burst 5,000, shared by all APIs of the account). A traffic spike, a misbehaving client or a retry storm then goes straight to the backend, which usually gives out long before API Gateway does: Lambda concurrency is exhausted and throttles other functions, databases run out of connections, and the other APIs of the account are throttled too. A stage limit sheds the excess at the edge with a 429 that well-behaved clients retry with backoff.',
      fix: 'Set `ThrottlingRateLimit` and `ThrottlingBurstLimit` for all methods (`ResourcePath: "/*"`, `HttpMethod: "*"` in `MethodSettings`; `DefaultRouteSettings` for HTTP and WebSocket APIs) at what the backend sustains, and lower limits on expensive routes. The quick fix writes the rule options `rateLimit` and `burstLimit` (1,000 and 500 by default): tune them to a load test. Use usage plans for per-client limits.',
      references: [
        { title: 'Amazon API Gateway: Throttle requests to your REST APIs', url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html' },
        { title: 'Amazon API Gateway: Throttle requests to your HTTP APIs', url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html' },
        { title: 'AWS::ApiGateway::Stage MethodSetting', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-stage-methodsetting.html' },
        { title: 'AWS::ApiGatewayV2::Stage RouteSettings', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigatewayv2-stage-routesettings.html' },
        WA.REL05_BP02,
        WA.REL05,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    const g = ctx.graph;
    const o: Options = { rate: Number(ctx.options.rateLimit), burst: Number(ctx.options.burstLimit) };
    const limits = `${o.rate} requests/s, burst ${o.burst}`;
    const effect = 'every method may take the account-level quota of the Region (shared by all its APIs), so a spike or a retry storm reaches the backend unchecked.';
    const globals = t.sections.get('Globals')?.value;
    const report = (res: Resource, at: Node | undefined, what: string, edits: TextEdit[] | null, title: string) => {
      const fixes: Fix[] = edits ? [{ title: `${title} (${limits}): tune to what the backend sustains`, edits }] : [];
      const range = at && at.end > at.start ? { start: at.start, end: at.end } : keyRange(res);
      ctx.report({ ...range, resource: res.id, message: `${what} sets no throttling limit: ${effect}`, fixes });
    };

    for (const res of t.resourcesByType.get(REST_STAGE) ?? []) {
      const list = prop(res, 'MethodSettings');
      if (methodSettingsThrottle(list) !== 'no' || usagePlanThrottles(t, g, restApiOf(res))) continue;
      const name = scalarString(prop(res, 'StageName'));
      report(res, list, `Stage ${res.id}${name ? ` (${name})` : ''}`, methodSettingsFix(t, res, undefined, ['MethodSettings'], list, o), 'Throttle all methods');
    }

    for (const res of t.resourcesByType.get(REST_DEPLOYMENT) ?? []) {
      const stageName = prop(res, 'StageName');
      if (!stageName || isNoValue(stageName)) continue; // no stage of its own: a Stage resource points at it
      // A Stage resource serves this deployment (SAM's output: the deployment's own `Stage` stage is a by-product).
      if (g.referencesAt(res.id, ['Properties', 'DeploymentId'], { fromType: REST_STAGE }).length) continue;
      const desc = prop(res, 'StageDescription');
      if (desc && (!isMap(desc) || asIntrinsic(desc))) continue;
      if (limitSet(desc) || methodSettingsThrottle(get(desc, 'MethodSettings')) !== 'no' || usagePlanThrottles(t, g, restApiOf(res))) continue;
      const b = new FixBuilder(t).setProperty(res, ['StageDescription', 'ThrottlingRateLimit'], o.rate).setProperty(res, ['StageDescription', 'ThrottlingBurstLimit'], o.burst);
      const name = scalarString(stageName) ?? (refName(stageName) ? `named by parameter ${refName(stageName)}` : undefined);
      report(res, desc ?? stageName, `The stage${name ? ` ${name}` : ''} that deployment ${res.id} creates`, b.build(), 'Throttle the stage');
    }

    for (const res of t.resourcesByType.get(V2_STAGE) ?? []) {
      const def = prop(res, 'DefaultRouteSettings');
      if (limitSet(def) || routeSettingsThrottle(prop(res, 'RouteSettings')) || (def && asIntrinsic(def))) continue;
      const b = new FixBuilder(t).setProperty(res, ['DefaultRouteSettings', 'ThrottlingRateLimit'], o.rate).setProperty(res, ['DefaultRouteSettings', 'ThrottlingBurstLimit'], o.burst);
      const name = scalarString(prop(res, 'StageName'));
      report(res, def, `Stage ${res.id}${name ? ` (${name})` : ''}`, b.build(), 'Throttle the default route');
    }

    const globalApi = get(globals, 'Api');
    const globalHttp = get(globals, 'HttpApi');
    for (const res of t.resourcesByType.get(SAM_API) ?? []) {
      const list = prop(res, 'MethodSettings');
      if (methodSettingsThrottle(list) !== 'no' || methodSettingsThrottle(get(globalApi, 'MethodSettings')) !== 'no') continue;
      const plan = get(prop(res, 'Auth'), 'UsagePlan');
      if (isMap(plan) && isMap(get(plan, 'Throttle'))) continue;
      if (usagePlanThrottles(t, g, res.id)) continue;
      const name = scalarString(prop(res, 'StageName'));
      report(res, list, `API ${res.id}${name ? ` (stage ${name})` : ''}`, methodSettingsFix(t, res, undefined, ['MethodSettings'], list, o), 'Throttle all methods');
    }

    for (const res of t.resourcesByType.get(SAM_HTTP_API) ?? []) {
      const def = prop(res, 'DefaultRouteSettings');
      if (limitSet(def) || routeSettingsThrottle(prop(res, 'RouteSettings')) || (def && asIntrinsic(def))) continue;
      if (limitSet(get(globalHttp, 'DefaultRouteSettings')) || routeSettingsThrottle(get(globalHttp, 'RouteSettings'))) continue;
      const b = new FixBuilder(t).setProperty(res, ['DefaultRouteSettings', 'ThrottlingRateLimit'], o.rate).setProperty(res, ['DefaultRouteSettings', 'ThrottlingBurstLimit'], o.burst);
      const name = scalarString(prop(res, 'StageName'));
      report(res, def, `HTTP API ${res.id}${name ? ` (stage ${name})` : ''}`, b.build(), 'Throttle the default route');
    }
  },
});
