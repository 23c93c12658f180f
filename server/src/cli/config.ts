/** Loads `.cfn-resilience.yaml` for the CLI: --config FILE, else the file in the current folder if present. */
import * as fs from 'fs';
import { parseConfig, LoadedConfig } from '../core/config';
import { LineIndex } from '../core/parse/lines';
import { IoError } from './errors';

export const DEFAULT_CONFIG = '.cfn-resilience.yaml';

export function loadConfig(explicit: string | undefined): LoadedConfig {
  const file = explicit ?? (fs.existsSync(DEFAULT_CONFIG) ? DEFAULT_CONFIG : undefined);
  if (!file) return { engine: {}, sections: {}, issues: [] };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new IoError(`cannot read config ${file}: ${(e as Error).message}`);
  }
  const cfg = parseConfig(text);
  if (cfg.issues.length) {
    const lines = new LineIndex(text);
    for (const i of cfg.issues) {
      const p = lines.positionAt(i.start);
      process.stderr.write(`${file}:${p.line + 1}:${p.character + 1}: ${i.message}\n`);
    }
    throw new IoError(`invalid configuration in ${file}`);
  }
  return cfg;
}
