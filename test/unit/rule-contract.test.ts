/**
 * The rule contract (server/src/core/rules/contract.ts), checked on every registered rule:
 * id, area, default severity, title, documentation (what, why it fails in production, how
 * to fix, AWS documentation and, for resilience rules, Well-Architected Reliability pillar
 * references) and whether it fixes.
 */
import * as assert from 'assert';
import { ALL_RULES } from '../../server/src/core/rules/index.generated';
import { AREAS } from '../../server/src/core/types';
import { WA } from '../../server/src/core/rules/well-architected';

const RESILIENCE = new Set(['high-availability', 'fault-tolerance', 'disaster-recovery', 'scalability', 'serverless']);
const GRAPH = new Set(['graph-circular-dependency', 'graph-redundant-depends-on', 'graph-unused-condition', 'graph-unused-mapping', 'graph-unused-parameter']);

describe('rule contract', () => {
  it('the rule set is not empty and ids are unique', () => {
    assert.ok(ALL_RULES.length >= 30);
    assert.strictEqual(new Set(ALL_RULES.map((r) => r.meta.id)).size, ALL_RULES.length);
  });

  for (const rule of ALL_RULES) {
    const m = rule.meta;
    it(`${m.id}: area, severity, title, docs, references, fixable`, () => {
      assert.match(m.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(AREAS.includes(m.area), `area ${m.area}`);
      assert.ok(['error', 'warning', 'info'].includes(m.severity), `severity ${m.severity}`);
      assert.ok(m.title.length >= 10 && m.title.length <= 120 && !m.title.endsWith('.'), `title "${m.title}"`);
      for (const k of ['summary', 'why', 'fix'] as const) assert.ok(typeof m.docs[k] === 'string' && m.docs[k].length >= 40, `docs.${k}`);
      assert.strictEqual(typeof m.fixable, 'boolean');
      assert.strictEqual(typeof rule.check, 'function');
      const refs = m.docs.references;
      assert.ok(refs.length >= 1);
      for (const r of refs) {
        assert.ok(r.title.length >= 2, `reference title for ${r.url}`);
        assert.match(r.url, /^https:\/\/[^\s]+$/, `reference URL ${r.url}`);
      }
      assert.ok(refs.some((r) => /^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\//.test(r.url) && !/wellarchitected/.test(r.url)), 'an AWS documentation reference');
      if (RESILIENCE.has(m.area) || GRAPH.has(m.id)) {
        assert.ok(
          refs.some((r) => /^https:\/\/docs\.aws\.amazon\.com\/wellarchitected\/latest\/(reliability-pillar|framework)\//.test(r.url)),
          'a Well-Architected Reliability pillar reference',
        );
      }
      for (const [name, o] of Object.entries(m.options ?? {})) {
        assert.ok(o.description.length > 10, `option ${name} description`);
        assert.notStrictEqual(o.default, undefined, `option ${name} default`);
      }
    });
  }

  it('Well-Architected references are written once (rules/well-architected.ts)', () => {
    const known = new Map<string, string>(Object.values(WA).map((r) => [r.url, r.title]));
    for (const rule of ALL_RULES) {
      for (const r of rule.meta.docs.references) {
        if (!known.has(r.url)) continue;
        assert.strictEqual(r.title, known.get(r.url), `${rule.meta.id}: ${r.url}`);
      }
    }
  });
});
