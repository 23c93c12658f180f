/**
 * Logical IDs that are not written in the template but exist after deployment, so
 * references to them are valid: resources the SAM transform generates (`MyFunctionRole`,
 * `MyFunctionMyEvent`, `ServerlessRestApi`, `MyApiProdStage`, `QueueLogicalId` values…)
 * resources of registry modules (`Type: Org::Svc::Thing::MODULE`), whose IDs are
 * prefixed with the module's logical ID, and resources an `Fn::ForEach` loop creates.
 */
import { get, isMap, isScalar, scalarString } from './node';
import { loopNames } from './references';
import type { Template } from './template';

export interface GeneratedResources {
  /** Exactly known generated IDs -> the logical ID of the resource that generates them. */
  exact: Map<string, string>;
  /** Logical IDs whose generated resources carry them as a prefix (serverless resources, modules). */
  prefixes: string[];
}

const API_EVENT_TYPES = new Set(['Api']);

export function generatedResources(t: Template): GeneratedResources {
  const exact = new Map<string, string>();
  const prefixes: string[] = [];
  const add = (id: string, by: string) => {
    if (!t.resources.has(id) && !exact.has(id)) exact.set(id, by);
  };
  for (const r of t.resources.values()) {
    const type = r.type ?? '';
    if (type.endsWith('::MODULE')) {
      prefixes.push(r.id);
      continue;
    }
    if (!type.startsWith('AWS::Serverless::')) continue;
    prefixes.push(r.id);
    const props = r.properties;
    if (type === 'AWS::Serverless::Function' || type === 'AWS::Serverless::StateMachine') {
      const events = get(props, 'Events');
      if (isMap(events)) {
        for (const e of events.pairs) {
          const etype = scalarString(get(e.value, 'Type'));
          const dlq = get(get(e.value, 'Properties'), 'DeadLetterConfig');
          const qid = scalarString(get(dlq, 'QueueLogicalId'));
          if (qid) add(qid, r.id);
          if (etype && API_EVENT_TYPES.has(etype) && !get(get(e.value, 'Properties'), 'RestApiId')) {
            add('ServerlessRestApi', r.id);
            add('ServerlessRestApiDeployment', r.id);
            add('ServerlessRestApiProdStage', r.id);
          }
          if (etype === 'HttpApi' && !get(get(e.value, 'Properties'), 'ApiId')) {
            add('ServerlessHttpApi', r.id);
            add('ServerlessHttpApiApiGatewayDefaultStage', r.id);
          }
        }
      }
      if (get(props, 'DeploymentPreference')) {
        add('ServerlessDeploymentApplication', r.id);
        add('CodeDeployServiceRole', r.id);
      }
    }
    if (type === 'AWS::Serverless::Api' || type === 'AWS::Serverless::HttpApi') {
      const stage = get(props, 'StageName');
      if (isScalar(stage) && stage.value !== null) add(`${r.id}${String(stage.value)}Stage`, r.id);
    }
  }
  // Fn::ForEach (AWS::LanguageExtensions): output keys with the collection's values substituted,
  // or, when the collection is not a literal list, the keys' fixed prefix.
  for (const l of loopNames(t)) {
    if (l.section !== 'Resources') continue;
    if (l.names) for (const n of l.names) add(n, l.loop);
    else {
      const fixed = l.pattern.slice(0, l.pattern.search(/[$&]\{/));
      if (fixed) prefixes.push(fixed);
    }
  }
  // Globals may put Api events on every function; the default API names are then generated too.
  prefixes.sort((a, b) => b.length - a.length);
  return { exact, prefixes };
}

/** Is `name` a logical ID that will exist although the template does not declare it? */
export function isGeneratedId(g: GeneratedResources, name: string): string | undefined {
  const by = g.exact.get(name);
  if (by) return by;
  for (const p of g.prefixes) if (name.length > p.length && name.startsWith(p)) return p;
  return undefined;
}
