/**
 * Renders a resilience report (report.ts) as Markdown or HTML. The HTML comes as a body
 * fragment (what the VS Code webview shows, styled by client/media/report.css) or as a
 * standalone page with its own stylesheet (`cfn-resilience report --format html`). Every
 * piece of text is escaped; elements that name a place in the template carry
 * `data-line`/`data-column` (1-based) so the webview can reveal it.
 */
import { DISRUPTIONS, DISRUPTION_LABEL } from './model';
import type { AreaScore, ReportOutcome, ReportRange, ResilienceReport, ReportStore } from './report';

// ---------------------------------------------------------------------------------------
// Markdown

function mdText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/([`*_[\]<>|])/g, '\\$1').replace(/\r?\n/g, ' ');
}

function mdCode(s: string): string {
  return s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``;
}

function cellMd(o: ReportOutcome): string {
  if (o.rpo.high === null && o.rto.high === null) return `**not recoverable**<br>${mdText(o.mechanism)}`;
  return `RPO ${mdText(o.rpo.text)} · RTO ${mdText(o.rto.text)}<br>${mdText(o.mechanism)}`;
}

function rangeMd(r: ReportRange): string {
  return mdText(r.text);
}

function areaName(a: string): string {
  return a.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export function renderMarkdown(r: ResilienceReport): string {
  const out: string[] = [];
  out.push(`# Resilience report: ${mdText(r.file)}`, '');
  if (r.templateKind === 'none') {
    out.push('_Not a CloudFormation or SAM template._', '');
    return out.join('\n');
  }
  out.push(`**DR strategy: ${r.strategy.label}**${r.strategy.typical ? ` (typical RPO and RTO for this class: ${mdText(r.strategy.typical.text.replace(/^RPO and RTO /, ''))})` : ''}`, '');
  if (r.strategy.alternative) out.push(`${r.strategy.alternative.label} ${mdText(r.strategy.alternative.when)}.`, '');
  for (const e of r.strategy.evidence) out.push(`- ${mdText(e.text)}${e.line ? ` (line ${e.line})` : ''}`);
  if (r.strategy.next) out.push('', `Next step: ${mdText(r.strategy.next)}.`);
  out.push('', '## Recovery estimates', '');
  if (!r.stores.length) out.push('No data store in this template.', '');
  else {
    out.push(`| Data store | ${DISRUPTIONS.map((d) => capital(DISRUPTION_LABEL[d])).join(' | ')} |`, `|---|${DISRUPTIONS.map(() => '---').join('|')}|`);
    for (const s of r.stores) out.push(`| ${mdCode(s.id)} (line ${s.line})<br>${mdText(s.label)} | ${DISRUPTIONS.map((d) => cellMd(s.disruptions[d].outcome) + (s.disruptions[d].alternatives.length ? '<br>_varies with parameters_' : '')).join(' | ')} |`);
    out.push(`| **Template as a whole** | ${DISRUPTIONS.map((d) => `${r.overall[d].rpo.high === null && r.overall[d].rto.high === null ? 'Not recoverable' : `RPO ${rangeMd(r.overall[d].rpo)} · RTO ${rangeMd(r.overall[d].rto)}`}${r.overall[d].limitedBy.length ? `<br>limited by ${r.overall[d].limitedBy.map(mdCode).join(', ')}` : ''}`).join(' | ')} |`, '');
    for (const s of r.stores) out.push(...storeMd(s));
  }
  out.push('## Findings by area', '', '| Area | Score | Grade | Errors | Warnings | Info | Computation |', '|---|---|---|---|---|---|---|');
  for (const a of r.areas) out.push(`| ${areaName(a.area)} | ${a.score ?? '–'} | ${a.grade} | ${a.findings.error} | ${a.findings.warning} | ${a.findings.info} | ${mdText(a.computation)} |`);
  out.push('');
  for (const a of r.areas) {
    const fs = r.findings.filter((f) => f.area === a.area);
    if (!fs.length) continue;
    out.push(`### ${areaName(a.area)}`, '');
    for (const f of fs) out.push(`- **${f.severity}** line ${f.line}: ${mdText(f.message)} ${mdCode(f.rule)}${f.fixable ? ' (quick fix)' : ''}`);
    out.push('');
  }
  out.push('## How the scores are computed', '', mdText(r.scoring), '');
  if (r.figures.length) {
    out.push('## Figures used', '', '| Figure | Value | Source |', '|---|---|---|');
    for (const f of r.figures) out.push(`| ${mdText(f.what)}${f.basis === 'derived' ? ' (range derived, see note)' : ''} | ${mdText(f.value)} | [${mdText(f.source.title)}](${f.source.url}) |`);
    out.push('', 'Method and all figures: docs/recovery.md, docs/recovery-figures.md.', '');
  }
  return out.join('\n');
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function storeMd(s: ReportStore): string[] {
  const out = [`### ${mdText(s.id)} — ${mdText(s.label)}`, ''];
  if (s.condition) out.push(`Exists only when condition ${mdCode(s.condition)} holds.`, '');
  for (const d of DISRUPTIONS) {
    const e = s.disruptions[d];
    out.push(`- **${capital(DISRUPTION_LABEL[d])}**: ${cellMd(e.outcome).replace('<br>', ' — ')}`);
    for (const n of e.outcome.notes) out.push(`  - ${mdText(n)}`);
    for (const alt of e.alternatives) out.push(`  - ${mdText(alt.when)}: ${cellMd(alt.outcome).replace('<br>', ' — ')}`);
  }
  if (s.evidence.length) {
    out.push('', 'Evidence:', '');
    for (const e of s.evidence) out.push(`- ${mdText(e.text)}${e.line ? ` (line ${e.line})` : ''}`);
  }
  if (s.improvements.length) {
    out.push('', 'Improvements:', '');
    for (const i of s.improvements) out.push(`- ${capital(DISRUPTION_LABEL[i.disruption])}: ${mdText(i.action)} → RPO ${mdText(i.outcome.rpo.text)} · RTO ${mdText(i.outcome.rto.text)}${i.quickFix ? ' (quick fix)' : ''}`);
  }
  if (s.uncertain.length) out.push('', `Uncertain: ${mdText(s.uncertain.join('; '))}.`);
  out.push('');
  return out;
}

// ---------------------------------------------------------------------------------------
// HTML

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function locAttrs(l: { line?: number; column?: number }): string {
  return l.line ? ` data-line="${l.line}" data-column="${l.column ?? 1}"` : '';
}

/** 'bad' when not recoverable, 'warn' when over an hour, else 'ok'. */
function tone(o: ReportOutcome): 'ok' | 'warn' | 'bad' {
  if (o.rpo.high === null || o.rto.high === null) return 'bad';
  return Math.max(o.rpo.high, o.rto.high) > 3600 ? 'warn' : 'ok';
}

function cellHtml(o: ReportOutcome): string {
  if (o.rpo.high === null && o.rto.high === null) return `<span class="value">Not recoverable</span><span class="mech">${esc(o.mechanism)}</span>`;
  return `<span class="value">RPO ${esc(o.rpo.text)} · RTO ${esc(o.rto.text)}</span><span class="mech">${esc(o.mechanism)}</span>`;
}

function scoreClass(a: AreaScore): string {
  if (a.score === null) return 'none';
  return a.score >= 90 ? 'ok' : a.score >= 50 ? 'warn' : 'bad';
}

/** The report as an HTML fragment (no <html>/<head>): what the webview and the standalone page show. */
export function renderHtmlBody(r: ResilienceReport): string {
  const h: string[] = [];
  h.push(`<header class="head"><h1>Resilience report <span class="file">${esc(r.file)}</span></h1>`);
  if (r.templateKind === 'none') {
    h.push('<p class="empty">Not a CloudFormation or SAM template.</p></header>');
    return h.join('\n');
  }
  h.push(`<div class="strategy strategy-${r.strategy.id}" id="strategy"><span class="caption">DR strategy</span> <strong>${esc(r.strategy.label)}</strong>${r.strategy.typical ? ` <span class="typical">typical ${esc(r.strategy.typical.text)}</span>` : ''}</div>`);
  if (r.strategy.alternative) h.push(`<p class="alt">${esc(r.strategy.alternative.label)} ${esc(r.strategy.alternative.when)}.</p>`);
  h.push('<ul class="evidence">' + r.strategy.evidence.map((e) => `<li${locAttrs(e)}>${esc(e.text)}</li>`).join('') + '</ul>');
  if (r.strategy.next) h.push(`<p class="next"><span class="caption">Next step</span> ${esc(r.strategy.next)}.</p>`);
  h.push('</header>');

  h.push('<section id="estimates"><h2>Recovery estimates</h2>');
  if (!r.stores.length) h.push('<p class="empty">No data store in this template.</p>');
  else {
    h.push(`<table class="estimates"><thead><tr><th>Data store</th>${DISRUPTIONS.map((d) => `<th>${esc(capital(DISRUPTION_LABEL[d]))}</th>`).join('')}</tr></thead><tbody>`);
    for (const s of r.stores) {
      h.push(
        `<tr class="store" id="store-${esc(s.id)}" data-store="${esc(s.id)}"><th scope="row"><a class="loc"${locAttrs(s)} href="#store-${esc(s.id)}">${esc(s.id)}</a><span class="type">${esc(s.label)}</span></th>` +
          DISRUPTIONS.map((d) => `<td class="${tone(s.disruptions[d].outcome)}">${cellHtml(s.disruptions[d].outcome)}${s.disruptions[d].alternatives.length ? '<span class="varies">varies with parameters</span>' : ''}</td>`).join('') +
          '</tr>',
      );
    }
    h.push(`<tr class="overall"><th scope="row">Template as a whole</th>${DISRUPTIONS.map((d) => `<td><span class="value">${r.overall[d].rpo.high === null && r.overall[d].rto.high === null ? 'Not recoverable' : `RPO ${esc(r.overall[d].rpo.text)} · RTO ${esc(r.overall[d].rto.text)}`}</span>${r.overall[d].limitedBy.length ? `<span class="mech">limited by ${esc(r.overall[d].limitedBy.join(', '))}</span>` : ''}</td>`).join('')}</tr>`);
    h.push('</tbody></table>');
    for (const s of r.stores) h.push(storeHtml(s));
  }
  h.push('</section>');

  h.push('<section id="areas"><h2>Findings by area</h2><table class="scores"><thead><tr><th>Area</th><th>Score</th><th>Errors</th><th>Warnings</th><th>Info</th><th>Computation</th></tr></thead><tbody>');
  for (const a of r.areas) h.push(`<tr class="area-${a.area}"><th scope="row">${esc(areaName(a.area))}</th><td class="score ${scoreClass(a)}">${a.score === null ? '–' : `${a.score} <span class="grade">${a.grade}</span>`}</td><td>${a.findings.error}</td><td>${a.findings.warning}</td><td>${a.findings.info}</td><td class="computation">${esc(a.computation)}</td></tr>`);
  h.push('</tbody></table>');
  for (const a of r.areas) {
    const fs = r.findings.filter((f) => f.area === a.area);
    if (!fs.length) continue;
    h.push(`<details class="area" open><summary>${esc(areaName(a.area))} <span class="count">${fs.length}</span></summary><ul class="findings">`);
    for (const f of fs) h.push(`<li class="finding ${f.severity}"${locAttrs(f)}><span class="sev">${f.severity}</span> <span class="msg">${esc(f.message)}</span> <code>${esc(f.rule)}</code>${f.fixable ? ' <span class="fix">quick fix</span>' : ''}</li>`);
    h.push('</ul></details>');
  }
  h.push(`<h3>How the scores are computed</h3><p class="scoring">${esc(r.scoring)}</p></section>`);

  if (r.figures.length) {
    h.push('<section id="figures"><h2>Figures used</h2><table class="figures"><thead><tr><th>Figure</th><th>Value</th><th>Source</th></tr></thead><tbody>');
    for (const f of r.figures) h.push(`<tr><td>${esc(f.what)}${f.note ? `<span class="note">${esc(f.note)}</span>` : ''}</td><td>${esc(f.value)}</td><td><a href="${esc(f.source.url)}">${esc(f.source.title)}</a></td></tr>`);
    h.push('</tbody></table></section>');
  }
  return h.join('\n');
}

function storeHtml(s: ReportStore): string {
  const h: string[] = [`<details class="store-detail" id="detail-${esc(s.id)}" data-store="${esc(s.id)}"><summary><span class="id">${esc(s.id)}</span> <span class="type">${esc(s.label)}</span>${s.condition ? ` <span class="cond">only when ${esc(s.condition)}</span>` : ''}</summary>`];
  h.push('<ul class="per-disruption">');
  for (const d of DISRUPTIONS) {
    const e = s.disruptions[d];
    h.push(`<li><span class="caption">${esc(capital(DISRUPTION_LABEL[d]))}</span> ${cellHtml(e.outcome)}`);
    const sub = [...e.outcome.notes.map((n) => `<li class="note">${esc(n)}</li>`), ...e.alternatives.map((a) => `<li class="alt">${esc(a.when)}: ${cellHtml(a.outcome)}</li>`)];
    if (sub.length) h.push(`<ul>${sub.join('')}</ul>`);
    h.push('</li>');
  }
  h.push('</ul>');
  if (s.evidence.length) h.push('<h4>Evidence</h4><ul class="evidence">' + s.evidence.map((e) => `<li${locAttrs(e)}>${esc(e.text)}</li>`).join('') + '</ul>');
  if (s.improvements.length) h.push('<h4>Improvements</h4><ul class="improvements">' + s.improvements.map((i) => `<li><span class="caption">${esc(capital(DISRUPTION_LABEL[i.disruption]))}</span> ${esc(i.action)} → RPO ${esc(i.outcome.rpo.text)} · RTO ${esc(i.outcome.rto.text)}${i.quickFix ? ' <span class="fix">quick fix</span>' : ''}</li>`).join('') + '</ul>');
  if (s.uncertain.length) h.push(`<p class="uncertain">${esc(s.uncertain.join('; '))}.</p>`);
  h.push('</details>');
  return h.join('\n');
}

const STANDALONE_CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --line: #d1d9e0; --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --panel: #f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --ok: #3fb950; --warn: #d29922; --bad: #f85149; --panel: #151b23; } }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 2rem auto; max-width: 1200px; padding: 0 1rem; }
h1 .file { font-family: ui-monospace, monospace; font-weight: normal; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .4rem .6rem; text-align: left; vertical-align: top; }
thead th { background: var(--panel); }
td .value { display: block; font-weight: 600; }
td .mech, th .type, .varies, .note { display: block; color: var(--muted); font-size: 12px; }
td.ok { border-left: 4px solid var(--ok); } td.warn { border-left: 4px solid var(--warn); } td.bad { border-left: 4px solid var(--bad); }
.score.ok { color: var(--ok); } .score.warn { color: var(--warn); } .score.bad { color: var(--bad); }
.strategy { font-size: 16px; padding: .5rem .8rem; background: var(--panel); border-left: 4px solid var(--muted); }
.strategy-none { border-color: var(--bad); } .strategy-backup-and-restore { border-color: var(--warn); }
.strategy-pilot-light, .strategy-warm-standby, .strategy-multi-site { border-color: var(--ok); }
.caption { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; margin-right: .4rem; }
.finding .sev { font-weight: 600; text-transform: uppercase; font-size: 11px; }
.finding.error .sev { color: var(--bad); } .finding.warning .sev { color: var(--warn); } .finding.info .sev { color: var(--muted); }
.fix { font-size: 11px; border: 1px solid var(--line); border-radius: 3px; padding: 0 .3rem; }
details { margin: .3rem 0; } summary { cursor: pointer; }
a { color: inherit; }
`;

/** A standalone HTML page (the CLI's `--format html`). */
export function renderHtmlPage(r: ResilienceReport): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Resilience report: ${esc(r.file)}</title>
<style>${STANDALONE_CSS}</style>
</head>
<body>
${renderHtmlBody(r)}
</body>
</html>
`;
}
