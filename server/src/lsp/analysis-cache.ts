/**
 * One analysis per (document, version, settings), built once and shared by every
 * feature: diagnostics, code actions, and later definition, references, rename, hover,
 * completion, code lens. Features call `getAnalysis(uri)`; it answers for the document's
 * current version, computing it if needed. Only the latest version of each document is
 * kept (older ones can never be asked for again).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, Analysis } from '../core/analyze';
import { Settings, settingsKey } from './settings';
import { FileConfig, NO_FILE_CONFIG } from './config-file';
import { fileURLToPath, pathToFileURL } from 'url';
import type { ReadFile } from '../core/parse/state-machine';
import { templateFileReader } from '../host/local-files';

export type EntryState = 'analyzed' | 'disabled' | 'too-large';

export interface CacheEntry {
  uri: string;
  version: number;
  /** Settings fingerprint the entry was computed with. */
  key: string;
  state: EntryState;
  /** Present when state is 'analyzed'. */
  analysis?: Analysis;
  /** Analysis time, milliseconds. */
  ms: number;
  /** Document length, for the too-large message. */
  length: number;
  settings: Settings;
}

export interface CacheDeps {
  document(uri: string): TextDocument | undefined;
  /** The settings to analyze a document with, synchronously (last known). */
  settings(uri: string): Settings;
  /** The workspace configuration file's rules and options for a document. */
  config?(uri: string, settings: Settings): FileConfig;
  onRuleError(uri: string, ruleId: string, error: unknown): void;
}

export class AnalysisCache {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(private readonly deps: CacheDeps) {}

  /** The entry for the document's current version (undefined when the document is not open). */
  entry(uri: string, settings?: Settings): CacheEntry | undefined {
    const doc = this.deps.document(uri);
    if (!doc) return undefined;
    const s = settings ?? this.deps.settings(uri);
    const file = s.enable ? (this.deps.config?.(uri, s) ?? NO_FILE_CONFIG) : NO_FILE_CONFIG;
    const key = `${settingsKey(s)}|${file.key}`;
    const cached = this.entries.get(uri);
    if (cached && cached.version === doc.version && cached.key === key) return cached;
    const entry = this.compute(doc, s, file, key, cached?.analysis);
    this.entries.set(uri, entry);
    return entry;
  }

  /** The analysis of the document's current version, or undefined (closed, disabled, too large). */
  get(uri: string): Analysis | undefined {
    return this.entry(uri)?.analysis;
  }

  /** Cached entry only, never computing. */
  peek(uri: string): CacheEntry | undefined {
    return this.entries.get(uri);
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Files next to a template on disk (SAM `DefinitionUri`); open documents win over the disk. */
  private readerFor(uri: string): ReadFile | undefined {
    if (!uri.startsWith('file:')) return undefined;
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    return templateFileReader(file, { overlay: (abs) => this.deps.document(pathToFileURL(abs).href)?.getText() });
  }

  /** `previous`: the analysis of an earlier version, whose parse an edit may partly reuse (never changing the result). */
  private compute(doc: TextDocument, settings: Settings, file: FileConfig, key: string, previous: Analysis | undefined): CacheEntry {
    const text = doc.getText();
    const base = { uri: doc.uri, version: doc.version, key, ms: 0, length: text.length, settings };
    if (!settings.enable) return { ...base, state: 'disabled' };
    if (text.length > settings.maxFileSize) return { ...base, state: 'too-large' };
    const t0 = performance.now();
    const analysis = analyze(text, {
      fileName: fileNameOf(doc.uri),
      format: formatOf(doc.languageId),
      previous,
      // Editor settings win over the workspace's configuration file.
      rules: { ...file.rules, ...settings.rules },
      ruleOptions: file.ruleOptions,
      onRuleError: (id, e) => this.deps.onRuleError(doc.uri, id, e),
      readFile: this.readerFor(doc.uri),
    });
    return { ...base, state: 'analyzed', analysis, ms: Math.round((performance.now() - t0) * 10) / 10 };
  }
}

function fileNameOf(uri: string): string | undefined {
  const path = uri.replace(/[?#].*$/, '');
  const slash = path.lastIndexOf('/');
  try {
    return decodeURIComponent(path.slice(slash + 1));
  } catch {
    return path.slice(slash + 1);
  }
}

function formatOf(languageId: string): 'yaml' | 'json' | undefined {
  if (languageId === 'json' || languageId === 'jsonc') return 'json';
  if (languageId === 'yaml') return 'yaml';
  return undefined;
}

let current: AnalysisCache | undefined;

/** Installed by the server at start-up. */
export function setAnalysisCache(cache: AnalysisCache | undefined): void {
  current = cache;
}

/** The analysis of the document's current version (computed at most once per version and settings). */
export function getAnalysis(uri: string): Analysis | undefined {
  return current?.get(uri);
}

/** The full cache entry (state, timing, settings) for the document's current version. */
export function getEntry(uri: string): CacheEntry | undefined {
  return current?.entry(uri);
}
