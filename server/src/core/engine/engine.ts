/**
 * Runs the rules over one analyzed template: severity overrides, rule options and
 * suppression (`Metadata: {cfn-resilience: {ignore: [...]}}` on the template or a
 * resource) are applied here, so rules never deal with them.
 */
import { Finding, Severity } from '../types';
import type { Template } from '../parse/template';
import type { Graph } from '../graph/graph';
import type { ReadFile } from '../parse/state-machine';
import { get, isScalar, isSeq } from '../parse/node';
import { Rule, RuleContext } from '../rules/contract';
import { ALL_RULES } from '../rules/index.generated';

export type RuleSetting = Severity | 'off';

export interface EngineOptions {
  /** Per-rule severity override or 'off'. */
  rules?: Record<string, RuleSetting>;
  /** Per-rule options (e.g. `{ 'backup-retention': { minDays: 14 } }`). */
  ruleOptions?: Record<string, Record<string, unknown>>;
  /** Called when a rule throws; the analysis goes on without that rule's findings. */
  onRuleError?: (ruleId: string, error: unknown) => void;
  /** Run only these rules (tests). */
  only?: readonly string[];
  /**
   * Reads a file named relative to the template's folder (a SAM `DefinitionUri`). Supplied by
   * the host; it must refuse paths leaving that folder and cap the size. Absent: local files
   * are not read (the rules that need them stay silent).
   */
  readFile?: ReadFile;
}

export const METADATA_KEY = 'cfn-resilience';

function ignoreList(metadata: unknown): Set<string> {
  const out = new Set<string>();
  const ours = get(metadata as never, METADATA_KEY);
  const ignore = get(ours, 'ignore');
  if (isSeq(ignore)) for (const i of ignore.items) if (isScalar(i) && i.value !== null) out.add(String(i.value));
  if (isScalar(ignore) && ignore.value !== null) out.add(String(ignore.value));
  return out;
}

export function rulesById(): Map<string, Rule> {
  return new Map(ALL_RULES.map((r) => [r.meta.id, r]));
}

export function runRules(template: Template, graph: Graph, options: EngineOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const length = template.text.length;
  const templateIgnore = ignoreList(template.sections.get('Metadata')?.value);
  const resourceIgnore = new Map<string, Set<string>>();
  for (const r of template.resources.values()) {
    if (r.metadata) {
      const s = ignoreList(r.metadata);
      if (s.size) resourceIgnore.set(r.id, s);
    }
  }
  const only = options.only ? new Set(options.only) : undefined;
  for (const rule of ALL_RULES) {
    const id = rule.meta.id;
    if (only && !only.has(id)) continue;
    const setting = options.rules?.[id];
    if (setting === 'off' || templateIgnore.has(id) || templateIgnore.has('*')) continue;
    const severity: Severity | undefined = setting || undefined;
    const defaults: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rule.meta.options ?? {})) defaults[k] = v.default;
    const ctx: RuleContext = {
      template,
      graph,
      options: { ...defaults, ...(options.ruleOptions?.[id] ?? {}) },
      ...(options.readFile ? { readFile: options.readFile } : {}),
      report(r) {
        const resource = r.resource ?? null;
        if (resource && (resourceIgnore.get(resource)?.has(id) || resourceIgnore.get(resource)?.has('*'))) return;
        // Every range inside the text, whatever a rule computed (a range widened to one
        // character at the very end of a truncated text would end past it).
        const start = Math.min(Math.max(0, r.start), length);
        findings.push({
          rule: id,
          area: rule.meta.area,
          severity: severity ?? r.severity ?? rule.meta.severity,
          message: r.message,
          start,
          end: Math.min(Math.max(r.end, start), length),
          resource,
          fixes: r.fixes ?? [],
          ...(r.related ? { related: r.related } : {}),
        });
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      options.onRuleError?.(id, e);
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
  return findings;
}
