/** Finding template files: explicit files always; directories recursively by extension. */
import * as fs from 'fs';
import * as path from 'path';
import { IoError } from './errors';

export const TEMPLATE_EXTENSIONS = ['.yaml', '.yml', '.json', '.template', '.cfn'];
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.aws-sam', 'cdk.out', '.venv', '__pycache__', '.terraform']);

export interface FoundFile {
  path: string;
  /** Named on the command line (reported even when not a template). */
  explicit: boolean;
}

export function collectFiles(paths: string[]): FoundFile[] {
  const out: FoundFile[] = [];
  for (const p of paths) {
    const st = fs.statSync(p); // throws ENOENT: reported by the caller as an I/O error
    if (st.isDirectory()) walkDir(p, out);
    else out.push({ path: p, explicit: true });
  }
  return out;
}

function walkDir(dir: string, out: FoundFile[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walkDir(full, out);
    } else if (e.isFile() && TEMPLATE_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) {
      out.push({ path: full, explicit: false });
    }
  }
}

/** The text of the one template a command names, or a one-line I/O error (`graph`, `report`). */
export function readTemplateFile(file: string, command: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new IoError(err.code === 'ENOENT' ? `no such file: ${file}` : err.code === 'EISDIR' ? `${file} is a folder: ${command} takes one template` : `cannot read ${file}: ${err.message}`);
  }
}
