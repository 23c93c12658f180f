/** A small, strict argument parser: unknown flags and bad values are usage errors (exit 2). */
import { UsageError } from "./errors";
export { UsageError };

export interface FlagSpec {
  /** Allowed values; absent for free text. */
  values?: readonly string[];
  /** A flag without a value. */
  boolean?: boolean;
  multiple?: boolean;
}

export interface ParsedArgs {
  flags: Record<string, string | string[] | boolean | undefined>;
  positional: string[];
}

export function parseArgs(argv: string[], spec: Record<string, FlagSpec>): ParsedArgs {
  const flags: ParsedArgs['flags'] = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--') || a === '-') {
      if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const s = spec[name];
    if (!s) throw new UsageError(`unknown option --${name}`);
    if (s.boolean) {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    let value: string | undefined = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (s.values && !s.values.includes(value)) throw new UsageError(`--${name} must be one of ${s.values.join(', ')} (got "${value}")`);
    if (s.multiple) {
      const prev = flags[name];
      flags[name] = [...(Array.isArray(prev) ? prev : []), value];
    } else flags[name] = value;
    value = undefined;
  }
  return { flags, positional };
}
