/**
 * `cfn-resilience report [--format md|json|html] [--fail-on error|warning|info|none] [--config FILE] [--output FILE] FILE`
 *
 * The resilience report of one template: per data store the estimated RPO/RTO, the DR
 * strategy, the findings by area and a score per area (core/recovery/report.ts).
 * Exit codes: 0 written; 1 a declared recovery objective cannot be met (an error of
 * dr-recovery-target-unmet), or with --fail-on a finding at or above that severity;
 * 2 usage or I/O error, or FILE is not a template.
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../core/analyze';
import { Severity } from '../core/types';
import { buildReport } from '../core/recovery/report';
import { renderHtmlPage, renderMarkdown } from '../core/recovery/render';
import { parseArgs } from './args';
import { IoError, UsageError } from './errors';
import { loadConfig } from './config';
import { readTemplateFile } from './files';
import { templateFileReader } from '../host/local-files';

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export const TARGET_RULE = 'dr-recovery-target-unmet';

export function reportCommand(argv: string[]): number {
  const { flags, positional } = parseArgs(argv, {
    format: { values: ['md', 'markdown', 'json', 'html'] },
    'fail-on': { values: ['error', 'warning', 'info', 'none'] },
    config: {},
    output: {},
  });
  if (positional.length !== 1) throw new UsageError('report needs exactly one FILE');
  const file = positional[0];
  const format = (flags.format as string | undefined) ?? 'md';
  const config = loadConfig(flags.config as string | undefined);
  const text = readTemplateFile(file, 'report');
  const a = analyze(text, { fileName: file, ...config.engine, readFile: templateFileReader(file), onRuleError: (id, err) => process.stderr.write(`cfn-resilience: rule ${id} failed on ${file}: ${(err as Error)?.message}\n`) });
  if (a.kind === 'none') throw new IoError(`${file} is not a CloudFormation or SAM template`);
  const report = buildReport(a, path.basename(file));
  const out = format === 'json' ? JSON.stringify(report, null, 2) + '\n' : format === 'html' ? renderHtmlPage(report) : renderMarkdown(report);
  const target = flags.output as string | undefined;
  if (target) {
    try {
      fs.writeFileSync(target, out);
    } catch (e) {
      throw new IoError(`cannot write ${target}: ${(e as Error).message}`);
    }
  } else process.stdout.write(out);
  const failOn = flags['fail-on'] as string | undefined;
  if (failOn) {
    if (failOn === 'none') return 0;
    const threshold = RANK[failOn as Severity];
    return a.findings.some((f) => RANK[f.severity] >= threshold) ? 1 : 0;
  }
  return a.findings.some((f) => f.rule === TARGET_RULE && f.severity === 'error') ? 1 : 0;
}
