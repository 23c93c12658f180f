/**
 * Keystroke replay through a real stdio connection to `node dist/server.js --stdio` (run
 * `npm run build` first): a ~1,000-line corpus template (a generated one without the corpus)
 * is typed one character per didChange and deleted again. test/bench/replay.ts checks every
 * publish (a version on each, never going back, never a version not sent, every range inside
 * that version's text, diagnostic data of the same version) and, every CFN_REPLAY_EVERY
 * keystrokes (default 400; 1 waits after each), that the version just sent is analyzed and
 * published and that the server answers a request. The server must log no error.
 */
import * as assert from 'assert';
import { existsSync, readFileSync } from 'fs';
import { LspClient, SERVER_JS } from '../bench/lsp-client';
import { replay, percentile } from '../bench/replay';
import { corpusFiles } from '../bench/corpus';
import { generateTemplate } from '../bench/generate';

const EVERY = Number(process.env.CFN_REPLAY_EVERY) || 400;

function template(): { name: string; text: string } {
  const c = corpusFiles().find((f) => f.rel === 'quickstart/amazon-aurora-postgresql/aurora_postgres.template.yaml');
  if (c) return { name: c.rel, text: readFileSync(c.path, 'utf8') };
  return { name: 'generated 1,000 lines', text: generateTemplate({ lines: 1000 }) };
}

describe('keystroke replay over stdio', function () {
  this.timeout(EVERY === 1 ? 3_600_000 : 180_000);
  let client: LspClient;

  before(async function () {
    if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run npm run build first`);
    client = new LspClient();
    await client.initialize();
  });

  after(async () => {
    await client?.shutdown();
  });

  it(`types a ~1,000-line template character by character and deletes it, checked every ${EVERY} keystrokes`, async () => {
    const { name, text } = template();
    const lines = text.split('\n').length;
    assert.ok(lines > 900, `${name}: ${lines} lines`);
    const uri = 'file:///replay/template.yaml';
    const r = await replay({ client, uri, text, every: EVERY, timeoutMs: 20_000 });
    assert.deepStrictEqual(r.violations, [], `${name}: ${r.violations.length} violations`);
    assert.deepStrictEqual(client.errors, [], 'the server logged errors');
    assert.ok(!client.exited, 'the server exited');
    const normalized = text.replace(/\r\n?/g, '\n');
    assert.strictEqual(r.steps, normalized.length * 2);
    assert.ok(r.checkpoints >= Math.floor(r.steps / EVERY), `${r.checkpoints} checkpoints`);
    // The typed template was a template with findings somewhere along the way.
    assert.ok(client.published.some((p) => p.uri === uri && p.diagnostics.length > 0), 'no diagnostics were ever published');
    // Closing clears what was published.
    const cleared = await client.diagnostics(uri, (p) => p.diagnostics.length === 0, 5_000, client.published.length - 1).catch(() => undefined);
    assert.ok(cleared || client.published.filter((p) => p.uri === uri).at(-1)?.diagnostics.length === 0, 'diagnostics not cleared on close');
    if (process.env.CFN_VERBOSE) {
      console.log(`      ${name}: ${r.steps} keystrokes in ${(r.ms / 1000).toFixed(1)} s, ${r.checkpoints} waits, diagnostics p50 ${percentile(r.latencies, 50).toFixed(0)} ms, p95 ${percentile(r.latencies, 95).toFixed(0)} ms after the last keystroke`);
    }
  });

  it('the server still answers and analyzes after the replay', async () => {
    const uri = 'file:///replay/after.yaml';
    await client.open(uri, 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref Missing\n', 'yaml', 1);
    const p = await client.diagnostics(uri, (x) => x.version === 1, 10_000);
    assert.deepStrictEqual(p.diagnostics.map((d) => d.code), ['reference-unknown-target']);
  });
});
