/** Small text edits shared by the schema rules' quick fixes. */
import type { Template } from '../../parse/template';
import type { ScalarNode } from '../../parse/node';
import { contentStart } from '../../parse/references';
import { yamlScalar } from '../../fix/render';
import type { Fix, TextEdit } from '../../types';

/**
 * Rewrites a scalar (a key or a string value) to `text`, keeping its quoting: the text
 * between the quotes when the scalar is quoted and has no escapes, else the whole scalar.
 */
export function replaceScalar(t: Template, node: ScalarNode, text: string): TextEdit {
  const old = String(node.value);
  const cs = contentStart(node, t.text);
  const quote = cs !== node.start ? t.text[node.start] : '';
  if (quote && t.text.slice(cs, node.end - 1) === old && !text.includes(quote) && !text.includes('\\')) {
    return { start: cs, end: cs + old.length, newText: text };
  }
  const newText = t.format === 'json' ? JSON.stringify(text) : yamlScalar(text);
  return { start: node.start, end: node.end, newText };
}

/**
 * One fix per suggestion: "Change to X", preferred when it is the only one, and safe for
 * "fix all" when it only changes letter case (`zip` -> `Zip`): nothing else can be meant.
 */
export function renameFixes(t: Template, node: ScalarNode, suggestions: readonly string[]): Fix[] {
  const old = String(node.value ?? '');
  return suggestions.map((s) => ({
    title: `Change to ${s}`,
    edits: [replaceScalar(t, node, s)],
    ...(suggestions.length === 1 ? { preferred: true } : {}),
    ...(suggestions.length === 1 && s.toLowerCase() === old.toLowerCase() ? { safe: true } : {}),
  }));
}
