/**
 * The workspace's `.cfn-resilience.yaml` (setting `cfnResilience.configFile`, relative to
 * the workspace folder holding the document): rule severities and options, parsed by the
 * core (core/config.ts). Read only in trusted workspaces; cached by path, mtime and size,
 * so an edit on disk is seen at the next analysis. Problems in the file (an unknown rule, a
 * bad severity or option value, broken YAML) are diagnostics on the file itself: published
 * for its URI when it is read from disk, and computed from the editor's text while it is open
 * (`documentDiagnostics`). Nothing in it is ever executed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { parseConfig } from '../core/config';
import type { RuleSetting } from '../core/engine/engine';
import { LineIndex } from '../core/parse/lines';
import { toRange } from './convert';
import { DIAGNOSTIC_SOURCE } from './protocol';

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

/** The problems of a configuration text as LSP diagnostics. */
export function configDiagnostics(text: string): Diagnostic[] {
  const parsed = parseConfig(text);
  const lines = new LineIndex(text);
  return parsed.issues.map((i) => ({
    range: toRange(lines, i.start, Math.max(i.end, i.start)),
    severity: i.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: i.code,
    message: i.message,
  }));
}

export class ConfigFiles {
  private folders: string[] = [];
  private readonly cache = new Map<string, Cached>();

  /**
   * @param publish receives the diagnostics of a configuration file read from disk (an
   *   empty list once it is fixed), by its `file://` URI.
   */
  constructor(
    private readonly log: (message: string) => void,
    private readonly trusted: boolean,
    private readonly publish: (uri: string, diagnostics: Diagnostic[]) => void = () => undefined,
  ) {}

  /**
   * The diagnostics of an open document that is the configuration file of its workspace
   * folder (computed from the editor's text), or undefined for any other document.
   */
  documentDiagnostics(uri: string, configFile: string, text: string): Diagnostic[] | undefined {
    if (!this.trusted || !configFile || !uri.startsWith('file:')) return undefined;
    const file = this.resolve(uri, configFile);
    if (!file) return undefined;
    let own: string;
    try {
      own = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    if (path.resolve(own) !== path.resolve(file)) return undefined;
    return configDiagnostics(text);
  }

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
      // Always published (empty once fixed): the Problems view shows the file's own problems.
      this.publish(pathToFileURL(file).href, configDiagnostics(text));
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
