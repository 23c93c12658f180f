/**
 * Settings (section `cfnResilience`): pulled per document with `workspace/configuration`
 * when the client supports it; otherwise taken from what the client pushed with
 * `workspace/didChangeConfiguration`, from `initializationOptions`, or the defaults.
 */
import type { Connection, DidChangeConfigurationParams } from 'vscode-languageserver/node';
import type { RuleSetting } from '../core/engine/engine';
import { CONFIG_SECTION } from './protocol';

export interface Settings {
  enable: boolean;
  rules: Record<string, RuleSetting>;
  configFile: string;
  maxFileSize: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enable: true,
  rules: {},
  configFile: '.cfn-resilience.yaml',
  maxFileSize: 5_000_000,
});

const RULE_SETTINGS = new Set(['off', 'info', 'warning', 'error']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads raw settings over a base, keeping only well-typed values. */
export function normalizeSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  const out: Settings = { ...base, rules: { ...base.rules } };
  if (!isObject(raw)) return out;
  if (typeof raw.enable === 'boolean') out.enable = raw.enable;
  if (isObject(raw.rules)) {
    out.rules = {};
    for (const [id, v] of Object.entries(raw.rules)) if (typeof v === 'string' && RULE_SETTINGS.has(v)) out.rules[id] = v as RuleSetting;
  }
  if (typeof raw.configFile === 'string' && raw.configFile) out.configFile = raw.configFile;
  if (typeof raw.maxFileSize === 'number' && Number.isFinite(raw.maxFileSize) && raw.maxFileSize > 0) out.maxFileSize = raw.maxFileSize;
  return out;
}

/** `{cfnResilience: {...}}` or the section itself. */
function section(raw: unknown): unknown {
  if (isObject(raw) && isObject(raw[CONFIG_SECTION])) return raw[CONFIG_SECTION];
  return raw;
}

/** A stable string for "did the settings that shape an analysis change?". */
export function settingsKey(s: Settings): string {
  const rules = Object.keys(s.rules)
    .sort()
    .map((k) => `${k}=${s.rules[k]}`)
    .join(',');
  return `${s.enable}|${s.maxFileSize}|${s.configFile}|${rules}`;
}

export class SettingsStore {
  /** Settings for clients that cannot answer `workspace/configuration`. */
  private global: Settings;
  /** From initializationOptions: the base under anything pushed later. */
  private readonly initial: Settings;
  private readonly pending = new Map<string, Promise<Settings>>();
  private readonly resolved = new Map<string, Settings>();
  private generation = 0;

  constructor(
    private readonly connection: Connection,
    private readonly pull: boolean,
    initializationOptions: unknown,
  ) {
    const init = isObject(initializationOptions) ? initializationOptions : undefined;
    this.initial = normalizeSettings(section(init?.settings ?? init));
    this.global = this.initial;
  }

  /** The settings for a document, asking the client once per document until they change. */
  get(uri: string): Promise<Settings> {
    if (!this.pull) return Promise.resolve(this.global);
    let p = this.pending.get(uri);
    if (!p) {
      const generation = this.generation;
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: CONFIG_SECTION }).then(
        (raw: unknown) => {
          const s = normalizeSettings(raw, this.global);
          if (generation === this.generation) this.resolved.set(uri, s);
          return s;
        },
        (e: unknown) => {
          this.connection.console.error(`cfn-resilience: workspace/configuration failed, using defaults: ${String(e)}`);
          return this.global;
        },
      );
      this.pending.set(uri, p);
    }
    return p;
  }

  /** The last settings known for a document, without asking (defaults before the first answer). */
  peek(uri: string): Settings {
    return this.resolved.get(uri) ?? this.global;
  }

  /** Forget cached answers; keep pushed settings for clients that push them. */
  changed(params: DidChangeConfigurationParams | undefined): void {
    this.generation++;
    this.pending.clear();
    this.resolved.clear();
    const pushed = section(params?.settings);
    if (isObject(pushed)) this.global = normalizeSettings(pushed, this.initial);
  }

  forget(uri: string): void {
    this.pending.delete(uri);
    this.resolved.delete(uri);
  }
}
