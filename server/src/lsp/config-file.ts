/**
 * The workspace's `.cfn-resilience.yaml` (setting `cfnResilience.configFile`, relative to
 * the workspace folder holding the document): rule severities and options, parsed by the
 * core (core/config.ts). Read only in trusted workspaces; cached by path, mtime and size,
 * so an edit on disk is seen at the next analysis. Problems in the file are logged once.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { parseConfig } from '../core/config';
import type { RuleSetting } from '../core/engine/engine';
import { LineIndex } from '../core/parse/lines';

export interface FileConfig {
  /** Identity of what was read ('' when nothing): part of the analysis cache key. */
  key: string;
  rules: Record<string, RuleSetting>;
  ruleOptions: Record<string, Record<string, unknown>>;
}

/** Larger files are not read as configuration. */
export const MAX_CONFIG_BYTES = 1_000_000;

export const NO_FILE_CONFIG: FileConfig = Object.freeze({ key: '', rules: {}, ruleOptions: {} });

interface Cached {
  stamp: string;
  config: FileConfig;
}

export class ConfigFiles {
  private folders: string[] = [];
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly log: (message: string) => void,
    private readonly trusted: boolean,
  ) {}

  setFolders(uris: string[]): void {
    this.folders = uris.map((u) => (u.endsWith('/') ? u : u + '/'));
    this.cache.clear();
  }

  addFolders(added: string[], removed: string[]): void {
    const gone = new Set(removed.map((u) => (u.endsWith('/') ? u : u + '/')));
    this.setFolders([...this.folders.filter((f) => !gone.has(f)), ...added]);
  }

  invalidate(): void {
    this.cache.clear();
  }

  /** The configuration that applies to a document (empty when none, or untrusted). */
  forDocument(uri: string, configFile: string): FileConfig {
    if (!this.trusted || !configFile) return NO_FILE_CONFIG;
    const file = this.resolve(uri, configFile);
    if (!file) return NO_FILE_CONFIG;
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(file, { throwIfNoEntry: false });
    } catch {
      stat = undefined;
    }
    if (!stat || !stat.isFile()) return NO_FILE_CONFIG;
    const stamp = `${file}@${stat.mtimeMs}:${stat.size}`;
    const cached = this.cache.get(file);
    if (cached?.stamp === stamp) return cached.config;
    let config: FileConfig = NO_FILE_CONFIG;
    if (stat.size > MAX_CONFIG_BYTES) {
      // A configuration is a few lines: a setting pointing at something else (a binary, a dump) is not read.
      this.log(`${file} is not read: ${stat.size} bytes is more than a configuration file can be (${MAX_CONFIG_BYTES}).`);
      this.cache.set(file, { stamp, config });
      return config;
    }
    try {
      const text = fs.readFileSync(file, 'utf8');
      const parsed = parseConfig(text);
      if (parsed.issues.length) {
        const lines = new LineIndex(text);
        for (const i of parsed.issues) {
          const p = lines.positionAt(i.start);
          this.log(`${file}:${p.line + 1}:${p.character + 1}: ${i.message}`);
        }
      }
      config = { key: stamp, rules: { ...(parsed.engine.rules ?? {}) }, ruleOptions: { ...(parsed.engine.ruleOptions ?? {}) } };
    } catch (e) {
      this.log(`cannot read ${file}: ${(e as Error).message}`);
    }
    this.cache.set(file, { stamp, config });
    return config;
  }

  private resolve(uri: string, configFile: string): string | undefined {
    if (path.isAbsolute(configFile)) return configFile;
    const folder = this.folders.filter((f) => uri.startsWith(f)).sort((a, b) => b.length - a.length)[0];
    if (!folder || !folder.startsWith('file:')) return undefined;
    try {
      return path.join(fileURLToPath(folder), configFile);
    } catch {
      return undefined;
    }
  }
}
