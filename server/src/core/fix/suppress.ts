/**
 * Text edits that suppress a rule, by adding it to
 * `Metadata: {cfn-resilience: {ignore: [RULE]}}` on a resource or at the template's top
 * level (what the engine reads, see engine.ts). Pure: template in, offset edits out, written
 * by the FixBuilder (so in the document's style: block or flow YAML, pretty or compact JSON).
 * A new `Metadata` goes right after `Type` (resources) or after the header keys (template);
 * an existing `Metadata`, `cfn-resilience` or `ignore` is extended, never duplicated.
 */
import { TextEdit } from '../types';
import type { Template } from '../parse/template';
import { MapNode, getPath, isMap, isScalar, isSeq } from '../parse/node';
import { METADATA_KEY } from '../engine/engine';
import { FixBuilder } from './builder';

export type SuppressScope = { resource: string } | 'template';

/** Keys that conventionally come before `Metadata`; the new pair is placed after them. */
const BEFORE_METADATA = {
  template: ['AWSTemplateFormatVersion', 'Description', 'Transform'],
  resource: ['Type'],
};

/**
 * Edits adding `rule` to the ignore list of the resource (or the template), or null when
 * the document's shape does not allow a safe edit (unreadable text, unknown resource, a
 * `Metadata` that is not a map, an alias, …) or the rule is already listed.
 */
export function suppressEdits(template: Template, rule: string, scope: SuppressScope): TextEdit[] | null {
  const root = template.root;
  // Text the reader could not accept is not edited: the edit's placement could not be trusted.
  if (!root || template.issues.some((i) => i.severity === 'error')) return null;
  let target: MapNode;
  let after: string[];
  if (scope === 'template') {
    target = root;
    after = BEFORE_METADATA.template;
  } else {
    const r = template.resources.get(scope.resource);
    if (!r || !isMap(r.value) || r.value.shortForm) return null;
    target = r.value;
    after = BEFORE_METADATA.resource;
  }
  const path = ['Metadata', METADATA_KEY, 'ignore'];
  const b = new FixBuilder(template);
  const list = getPath(target, path);
  if (isSeq(list)) {
    if (list.items.some((i) => isScalar(i) && String(i.value) === rule)) return null;
    b.append(list, rule);
  } else if (isScalar(list) && list.value !== null) {
    if (String(list.value) === rule || list.tag) return null;
    b.replaceValue(list, [list.value, rule], list.pair?.key.end, { flow: true });
  } else if (list && !isScalar(list)) {
    return null;
  } else b.set(target, path, [rule], { after });
  return b.build();
}
