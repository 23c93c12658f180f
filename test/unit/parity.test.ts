/**
 * Project conventions that keep the rule set honest: every rule is in the index, named
 * after its file, in its area's folder, has a test table and a generated doc page; the
 * analysis core imports nothing editor-specific.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { ALL_RULES } from '../../server/src/core/rules/index.generated';
import { AREAS } from '../../server/src/core/types';

const root = path.resolve(__dirname, '../../..');
const rulesDir = path.join(root, 'server/src/core/rules');

function files(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(full, ext));
    else if (e.name.endsWith(ext)) out.push(full);
  }
  return out;
}

describe('project parity', () => {
  const ruleFiles = fs
    .readdirSync(rulesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => fs.readdirSync(path.join(rulesDir, d.name)).filter((f) => f.endsWith('.ts') && !f.startsWith('_')).map((f) => ({ dir: d.name, id: f.slice(0, -3) })));
  const testText = files(path.join(root, 'test/unit'), '.ts').map((f) => fs.readFileSync(f, 'utf8')).join('\n');

  it('the generated rule index lists exactly the rule files', () => {
    assert.deepStrictEqual(ALL_RULES.map((r) => r.meta.id).sort(), ruleFiles.map((r) => r.id).sort());
  });

  for (const { dir, id } of ruleFiles) {
    describe(id, () => {
      const rule = ALL_RULES.find((r) => r.meta.id === id);
      it('is named after its file and lives in its area folder', () => {
        assert.ok(rule);
        assert.strictEqual(rule!.meta.id, id);
        assert.ok(AREAS.includes(rule!.meta.area));
        assert.ok(dir === rule!.meta.area || (dir === 'graph' && rule!.meta.area === 'reference'), `${id} (area ${rule!.meta.area}) is in folder ${dir}`);
      });
      it('has a valid/invalid test table', () => {
        assert.ok(testText.includes(`ruleTester('${id}'`), `no ruleTester('${id}', …) table under test/unit`);
      });
      it('has a generated documentation page', () => {
        assert.ok(fs.existsSync(path.join(root, 'docs/rules', `${id}.md`)), `docs/rules/${id}.md missing`);
      });
    });
  }

  it('the docs and the README rules table are up to date', () => {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/gen-docs.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
  });

  it('the analysis core and the CLI import nothing from vscode or the LSP libraries', () => {
    for (const dir of ['server/src/core', 'server/src/cli']) {
      for (const f of files(path.join(root, dir), '.ts')) {
        const text = fs.readFileSync(f, 'utf8');
        assert.ok(!/from ['"]vscode(-languageserver[^'"]*)?['"]|require\(['"]vscode/.test(text), `${path.relative(root, f)} imports vscode*`);
      }
    }
  });

  it('the client does not import server code (only the shared protocol file)', () => {
    const dir = path.join(root, 'client/src');
    if (!fs.existsSync(dir)) return;
    for (const f of files(dir, '.ts')) {
      const text = fs.readFileSync(f, 'utf8');
      for (const m of text.matchAll(/from ['"]([^'"]*server\/src[^'"]*)['"]/g)) {
        assert.ok(/server\/src\/lsp\/protocol$/.test(m[1]), `${path.relative(root, f)} imports ${m[1]}`);
      }
    }
  });
});
