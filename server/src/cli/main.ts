/**
 * cfn-resilience CLI: `check`, `graph` and `report`.
 * Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 usage or I/O error.
 */
import * as fs from 'fs';
import { analyze } from '../core/analyze';
import { ALL_RULES } from '../core/rules/index.generated';
import { Severity } from '../core/types';
import { parseArgs } from './args';
import { IoError, UsageError } from './errors';
import { collectFiles } from './files';
import { CliFile, summarize, toCliFinding } from './report-model';
import { formatText } from './format-text';
import { formatSarif } from './format-sarif';
import { graphCommand } from './graph';
import { reportCommand } from './report';
import { loadConfig } from './config';
import { templateFileReader } from '../host/local-files';
import pkg from '../../../package.json';

const USAGE = `Usage:
  cfn-resilience check [--format text|json|sarif] [--fail-on error|warning|info|none] [--config FILE] [--max-file-size N] PATH...
  cfn-resilience graph [--format json|dot|mermaid] FILE
  cfn-resilience report [--format md|json|html] [--fail-on error|warning|info|none] [--config FILE] [--output FILE] FILE
  cfn-resilience --version | --help`;

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

function check(argv: string[]): number {
  const { flags, positional } = parseArgs(argv, {
    format: { values: ['text', 'json', 'sarif'] },
    'fail-on': { values: ['error', 'warning', 'info', 'none'] },
    config: {},
    'max-file-size': {},
    color: { boolean: true },
    'no-color': { boolean: true },
  });
  if (positional.length === 0) throw new UsageError('check needs at least one PATH (a template or a folder)');
  const format = (flags.format as string) ?? 'text';
  const failOn = (flags['fail-on'] as string) ?? 'error';
  const maxSize = flags['max-file-size'] !== undefined ? Number(flags['max-file-size']) : 5_000_000;
  if (!Number.isFinite(maxSize) || maxSize <= 0) throw new UsageError('--max-file-size must be a positive number of characters');
  const config = loadConfig(flags.config as string | undefined);

  let found;
  try {
    found = collectFiles(positional);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new IoError(err.code === 'ENOENT' ? `no such file or directory: ${err.path}` : `cannot read ${err.path ?? ''}: ${err.message}`);
  }
  const files: CliFile[] = [];
  const tooLarge = (file: string, size: string) =>
    files.push({
      file,
      template: 'none',
      findings: [{ rule: 'syntax-error', area: 'syntax', severity: 'error', message: `Not analyzed: ${size} is over the limit of ${maxSize} characters (--max-file-size).`, resource: null, line: 1, column: 1, endLine: 1, endColumn: 1, fixable: false }],
    });
  for (const f of found) {
    let text: string;
    try {
      // A UTF-8 character takes at most 3 bytes per UTF-16 unit: a file that large is not read at all.
      const bytes = fs.statSync(f.path).size;
      if (bytes > maxSize * 3) {
        tooLarge(f.path, `${bytes} bytes`);
        continue;
      }
      text = fs.readFileSync(f.path, 'utf8');
    } catch (e) {
      throw new IoError(`cannot read ${f.path}: ${(e as Error).message}`);
    }
    if (text.length > maxSize) {
      tooLarge(f.path, `${text.length} characters`);
      continue;
    }
    const a = analyze(text, { fileName: f.path, ...config.engine, readFile: templateFileReader(f.path), onRuleError: (id, err) => process.stderr.write(`cfn-resilience: rule ${id} failed on ${f.path}: ${(err as Error)?.message}\n`) });
    if (a.kind === 'none' && !f.explicit) continue;
    files.push({ file: f.path, template: a.kind, findings: a.findings.map((x) => toCliFinding(x, a.lines)) });
  }
  const result = summarize(files);
  if (format === 'json') process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else if (format === 'sarif') process.stdout.write(formatSarif(result, ALL_RULES, pkg.version, process.cwd()));
  else {
    const color = flags.color === true || (flags['no-color'] !== true && !!process.stdout.isTTY && !process.env.NO_COLOR);
    process.stdout.write(formatText(result, color));
  }
  if (failOn === 'none') return 0;
  const threshold = RANK[failOn as Severity];
  return files.some((f) => f.findings.some((x) => RANK[x.severity] >= threshold)) ? 1 : 0;
}



export function main(argv: string[]): number {
  try {
    const [cmd, ...rest] = argv;
    switch (cmd) {
      case 'check':
        return check(rest);
      case 'graph':
        return graphCommand(rest);
      case 'report':
        return reportCommand(rest);
      case '--version':
      case '-v':
        process.stdout.write(pkg.version + '\n');
        return 0;
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(USAGE + '\n');
        return 0;
      case undefined:
        throw new UsageError('missing command');
      default:
        throw new UsageError(`unknown command "${cmd}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      // One line: what is wrong and where to look (the usage itself is for --help).
      process.stderr.write(`cfn-resilience: ${e.message} (see cfn-resilience --help)\n`);
      return 2;
    }
    if (e instanceof IoError) {
      process.stderr.write(`cfn-resilience: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`cfn-resilience: internal error: ${(e as Error)?.message ?? e}\n`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
