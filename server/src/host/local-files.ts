/**
 * The file access the analysis core may use (`AnalyzeOptions.readFile`), for hosts that run
 * on a file system (the CLI, the language server). The core does no I/O: it asks for a path
 * written in the template (a SAM `DefinitionUri`), relative to the template's folder, and
 * gets text or nothing. What is read is kept narrow:
 *
 * - relative paths only, inside the template's folder (after resolving `..` and symbolic
 *   links): a template cannot make the host read `~/.aws/credentials` or `/etc/passwd`;
 * - `.json`, `.yaml`, `.yml` files only, regular files, at most `MAX_LOCAL_FILE` bytes;
 * - any error is "nothing" (the rules that need the file then stay silent).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ReadFile } from '../core/parse/state-machine';

export const MAX_LOCAL_FILE = 1_000_000;
const EXTENSIONS = /\.(json|ya?ml)$/i;

export interface LocalFileOptions {
  maxBytes?: number;
  /** Text of a file open in an editor (unsaved edits win over the disk), by absolute path. */
  overlay?: (absolutePath: string) => string | undefined;
}

function inside(dir: string, p: string): boolean {
  const r = path.relative(dir, p);
  return r !== '' && r !== '..' && !r.startsWith('..' + path.sep) && !path.isAbsolute(r);
}

/** A `ReadFile` for the template at `templatePath`. */
export function templateFileReader(templatePath: string, options: LocalFileOptions = {}): ReadFile {
  const max = options.maxBytes ?? MAX_LOCAL_FILE;
  const dir = path.dirname(path.resolve(templatePath));
  let realDir: string | undefined;
  return (rel: string) => {
    if (typeof rel !== 'string' || !rel || rel.length > 1024 || rel.includes('\0')) return undefined;
    if (path.isAbsolute(rel) || path.win32.isAbsolute(rel) || /^[a-z][a-z0-9+.-]*:/i.test(rel)) return undefined;
    if (!EXTENSIONS.test(rel)) return undefined;
    const abs = path.resolve(dir, rel);
    if (!inside(dir, abs)) return undefined;
    try {
      realDir ??= fs.realpathSync(dir);
      const real = fs.realpathSync(abs);
      if (!inside(realDir, real)) return undefined;
      const open = options.overlay?.(abs);
      if (open !== undefined) return open.length > max ? undefined : open;
      const st = fs.statSync(real);
      if (!st.isFile() || st.size > max) return undefined;
      return fs.readFileSync(real, 'utf8');
    } catch {
      return undefined;
    }
  };
}
