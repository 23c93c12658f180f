import { CliResult } from './report-model';

export function formatText(result: CliResult, color: boolean): string {
  const c = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sev = { error: c('31', 'error  '), warning: c('33', 'warning'), info: c('36', 'info   ') };
  const out: string[] = [];
  for (const f of result.files) {
    if (!f.findings.length) continue;
    out.push(c('4', f.file));
    for (const x of f.findings) {
      const where = `${x.line}:${x.column}`.padEnd(8);
      const res = x.resource ? `${x.resource}: ` : '';
      out.push(`  ${where} ${sev[x.severity]}  ${res}${x.message}  ${c('2', x.rule)}`);
    }
    out.push('');
  }
  const s = result.summary;
  const total = s.errors + s.warnings + s.infos;
  const files = `${s.files} file${s.files === 1 ? '' : 's'}`;
  out.push(
    total === 0
      ? c('32', `✔ no problems in ${files}`)
      : `${s.errors ? c('31', '✖') : '⚠'} ${total} problem${total === 1 ? '' : 's'} (${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}, ${s.infos} info${s.infos === 1 ? '' : 's'}) in ${files}`,
  );
  return out.join('\n') + '\n';
}
