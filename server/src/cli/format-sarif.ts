/** SARIF 2.1.0, as GitHub code scanning accepts it: rules with help text, results with regions. */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Rule, docsUrl } from '../core/rules/contract';
import { CliResult } from './report-model';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function formatSarif(result: CliResult, rules: readonly Rule[], version: string, cwd: string): string {
  const index = new Map<string, number>();
  // Every rule is listed, so the tool component describes the whole rule set; results point into it.
  rules.forEach((r, i) => index.set(r.meta.id, i));
  const sarifRules = rules.map((r) => {
    const d = r.meta.docs;
    const refs = d.references.map((x) => `- [${x.title}](${x.url})`).join('\n');
    return {
      id: r.meta.id,
      name: r.meta.id.replace(/(^|-)([a-z])/g, (_m, _s, ch: string) => ch.toUpperCase()),
      shortDescription: { text: r.meta.title },
      fullDescription: { text: d.summary },
      helpUri: docsUrl(r.meta.id),
      help: {
        text: `${d.summary}\n\nWhy: ${d.why}\n\nFix: ${d.fix}`,
        markdown: `${d.summary}\n\n**Why it matters.** ${d.why}\n\n**How to fix.** ${d.fix}\n\n${refs}`,
      },
      defaultConfiguration: { level: LEVEL[r.meta.severity] },
      properties: { tags: [r.meta.area, 'cloudformation'], precision: 'high', 'problem.severity': r.meta.severity === 'info' ? 'recommendation' : r.meta.severity },
    };
  });
  const results = result.files.flatMap((f) =>
    f.findings.map((x) => ({
      ruleId: x.rule,
      ruleIndex: index.get(x.rule) ?? -1,
      level: LEVEL[x.severity],
      message: { text: x.resource ? `${x.resource}: ${x.message}` : x.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(f.file, cwd),
            region: { startLine: x.line, startColumn: x.column, endLine: x.endLine, endColumn: Math.max(x.endColumn, x.line === x.endLine ? x.column + 1 : x.endColumn) },
          },
          ...(x.resource ? { logicalLocations: [{ name: x.resource, kind: 'resource' }] } : {}),
        },
      ],
    })).map((r) => (r.ruleIndex < 0 ? { ...r, ruleIndex: undefined } : r)),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cfn-resilience',
            informationUri: 'https://github.com/cfn-resilience/cfn-resilience',
            version,
            semanticVersion: version,
            rules: sarifRules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileUri(cwd) } },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/**
 * Where a file is, for SARIF: relative to %SRCROOT% (the working directory) when it lies
 * below it, else an absolute `file://` URI (a relative reference may not climb above its base).
 */
export function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(abs).href };
}

function pathToFileUri(p: string): string {
  const href = pathToFileURL(p).href;
  return href.endsWith('/') ? href : href + '/';
}
