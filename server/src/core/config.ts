/**
 * The `.cfn-resilience.yaml` configuration: rule switches, severities and options.
 * Read by the server and the CLI; a bad entry is a diagnostic on the config file, never
 * a crash; nothing in it is ever executed or loaded as code.
 *
 *   rules:
 *     rds-multi-az: off            # or info | warning | error
 *     backup-retention:
 *       severity: warning
 *       minDays: 14
 *   targets:                       # default recovery objectives (docs/recovery.md)
 *     rpo: 15m
 *     rto: 1h
 */
import { parseYaml } from './parse/yaml';
import { isMap, isScalar, Node, scalarString } from './parse/node';
import { EngineOptions, RuleSetting } from './engine/engine';
import { ALL_RULES } from './rules/index.generated';
import { SyntaxIssue } from './parse/diagnostics';
import { closest } from './util/text';
import { validateConfigTargets } from './recovery/targets';

/** The rule the `targets:` section feeds (as its `targets` option). */
const TARGETS_RULE = 'dr-recovery-target-unmet';

export interface LoadedConfig {
  engine: Pick<EngineOptions, 'rules' | 'ruleOptions'>;
  /** Raw top-level sections other features read (e.g. `targets` for recovery objectives). */
  sections: Record<string, Node>;
  issues: SyntaxIssue[];
}

const SETTINGS: readonly string[] = ['off', 'info', 'warning', 'error'];
const KNOWN_SECTIONS = ['rules', 'targets', 'ignorePaths'];

function toPlain(n: Node): unknown {
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(toPlain);
  const o: Record<string, unknown> = {};
  for (const p of n.pairs) o[String(p.key.value)] = toPlain(p.value);
  return o;
}

export function parseConfig(text: string): LoadedConfig {
  const { root, issues: readIssues } = parseYaml(text);
  const issues: SyntaxIssue[] = readIssues.filter((i) => i.severity === 'error');
  const out: LoadedConfig = { engine: { rules: {}, ruleOptions: {} }, sections: {}, issues };
  if (!root) return out;
  if (!isMap(root)) {
    issues.push({ code: 'config', message: 'The configuration must be a mapping (rules:, targets:).', start: root.start, end: root.end, severity: 'error' });
    return out;
  }
  const byId = new Map(ALL_RULES.map((r) => [r.meta.id, r]));
  for (const p of root.pairs) {
    const key = String(p.key.value);
    if (!KNOWN_SECTIONS.includes(key)) {
      issues.push({ code: 'config', message: `Unknown configuration section "${key}" (known: ${KNOWN_SECTIONS.join(', ')}).`, start: p.key.start, end: p.key.end, severity: 'error' });
      continue;
    }
    out.sections[key] = p.value;
  }
  const rules = out.sections.rules;
  if (rules && !isMap(rules)) {
    issues.push({ code: 'config', message: '"rules" must map rule ids to off/info/warning/error or to an options map.', start: rules.start, end: rules.end, severity: 'error' });
  } else if (rules && isMap(rules)) {
    for (const p of rules.pairs) {
      const id = String(p.key.value);
      const rule = byId.get(id);
      if (!rule) {
        const near = closest(id, byId.keys());
        issues.push({ code: 'config', message: `Unknown rule "${id}".${near.length ? ` Did you mean ${near.join(' or ')}?` : ''}`, start: p.key.start, end: p.key.end, severity: 'error' });
        continue;
      }
      const v = p.value;
      if (isScalar(v)) {
        const s = scalarString(v);
        if (!s || !SETTINGS.includes(s)) {
          issues.push({ code: 'config', message: `"${id}" must be off, info, warning or error (got ${JSON.stringify(v.value)}).`, start: v.start, end: Math.max(v.end, v.start + 1), severity: 'error' });
          continue;
        }
        out.engine.rules![id] = s as RuleSetting;
      } else if (isMap(v)) {
        const opts: Record<string, unknown> = {};
        for (const op of v.pairs) {
          const name = String(op.key.value);
          if (name === 'severity') {
            const s = scalarString(op.value);
            if (!s || !SETTINGS.includes(s)) {
              issues.push({ code: 'config', message: `severity must be off, info, warning or error.`, start: op.value.start, end: Math.max(op.value.end, op.value.start + 1), severity: 'error' });
            } else out.engine.rules![id] = s as RuleSetting;
            continue;
          }
          const decl = rule.meta.options?.[name];
          if (!decl) {
            const known = Object.keys(rule.meta.options ?? {});
            issues.push({ code: 'config', message: `Rule "${id}" has no option "${name}"${known.length ? ` (options: ${known.join(', ')})` : ' (it takes no options)'}.`, start: op.key.start, end: op.key.end, severity: 'error' });
            continue;
          }
          const val = toPlain(op.value);
          if (typeof decl.default !== typeof val || (typeof val === 'number' && !Number.isFinite(val))) {
            issues.push({ code: 'config', message: `Option "${name}" of "${id}" must be a ${typeof decl.default}.`, start: op.value.start, end: Math.max(op.value.end, op.value.start + 1), severity: 'error' });
            continue;
          }
          opts[name] = val;
        }
        if (Object.keys(opts).length) out.engine.ruleOptions![id] = opts;
      } else {
        issues.push({ code: 'config', message: `"${id}" must be a severity or an options map.`, start: v.start, end: Math.max(v.end, v.start + 1), severity: 'error' });
      }
    }
  }
  const targets = out.sections.targets;
  if (targets) {
    for (const i of validateConfigTargets(targets)) issues.push({ code: 'config', message: i.message, start: i.start ?? targets.start, end: i.end ?? targets.end, severity: 'error' });
    const opts = out.engine.ruleOptions![TARGETS_RULE] ?? {};
    if (opts.targets === undefined) out.engine.ruleOptions![TARGETS_RULE] = { ...opts, targets: toPlain(targets) };
  }
  return out;
}
