/**
 * The fast YAML reader (core/parse/yaml-fast.ts) against the full reader (the `yaml`
 * library, yaml.ts readWithLibrary): whenever the fast reader answers, the full reader
 * reads the same text without any issue, anchor or alias, and builds the same tree (every
 * node, offset, value, style and tag; parent and pair links). Checked on every YAML corpus
 * template, on a table of constructs, and on thousands of seeded mutations of corpus and
 * generated templates (the fuzz test's mutations).
 *
 *   CFN_FUZZ_CASES=20000 npx mocha out/test/robustness/yaml-fast.test.js   more cases
 *   CFN_FUZZ_SEED=7 …                                                     another run
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import { fastReader, parseYaml, readWithLibrary } from '../../server/src/core/parse/yaml';
import { readYamlFast, resolvePlain } from '../../server/src/core/parse/yaml-fast';
import { corpusFiles } from '../bench/corpus';
import { generateTemplate } from '../bench/generate';
import { makeCase, seeds } from './fuzz-cases';
import { checkLinks, plainTree as plain, rng } from './util';

const SEED = Number(process.env.CFN_FUZZ_SEED) || 20261124;

/** The first node where two trees differ, for a readable failure. */
function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b) ? undefined : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return undefined;
}

/** Reads `text` both ways; true when the fast reader answered (and agreed). */
function agree(text: string, where: string): boolean {
  const fast = readYamlFast(text);
  if (fast === undefined) return false;
  const full = readWithLibrary(text, text);
  assert.deepStrictEqual(full.tree.issues, [], `${where}: the fast reader answered for a text the full reader reports`);
  assert.ok(!full.anchored, `${where}: the fast reader answered for a text with anchors or aliases`);
  const d = firstDifference(plain(fast), plain(full.tree.root));
  assert.ok(!d, `${where}: trees differ at ${d}`);
  if (fast) checkLinks(fast, null, undefined, where);
  return true;
}

function isJson(text: string): boolean {
  return /^\s*[{[]/.test(text);
}

describe('fast YAML reader', () => {
  it('reads every YAML corpus template the full reader reads without issue, identically, and most of them itself', function () {
    this.timeout(120_000);
    const files = corpusFiles().filter((f) => f.format === 'yaml');
    if (!files.length) this.skip();
    let fast = 0;
    let yaml = 0;
    for (const f of files) {
      const text = readFileSync(f.path, 'utf8');
      if (isJson(text)) continue;
      yaml++;
      if (agree(text, f.rel)) fast++;
    }
    // The fast reader is what makes the CLI fast: it must keep answering for most real templates.
    assert.ok(fast >= yaml * 0.85, `the fast reader answered for only ${fast} of ${yaml} YAML corpus templates`);
  });

  it('reads generated templates itself, identically', () => {
    for (const seed of [1, 2, 3]) {
      const text = generateTemplate({ lines: 1500, seed });
      assert.ok(agree(text, `generated ${seed}`), `the fast reader left generated template ${seed} to the full reader`);
    }
  });

  // [text, whether the fast reader answers]
  const table: [string, boolean][] = [
    ['a: 1\nb: two\nc: 0x1F\nd: 0o17\ne: 1.50\nf: -.inf\ng: .nan\nh: 1e3\ni: ~\nj: null\nk: True\nl: FALSE\nm: +12\nn: 1_000\n', true],
    ['"quoted key": 1\n\'single\': "a\\tb\\u00e9\\x41\\\\ \\""\nq: \'it\'\'s\'\n', true],
    ['a:\n  - x\n  - !Ref y\n\n# tail\nc: |\n  lit\n   more\n\n  two\n\nd:\ne: [a, !Ref b]  \n', true],
    ['Resources:\n  # the queue\n  Q:\n    Type: AWS::SQS::Queue # type\n    Properties:\n      Tags: []\n      X: {}\n', true],
    ['k: !Join\n  - ""\n  - - "arn:aws:s3:::"\n    - !Ref B\n    - /*\n', true],
    ['k: !Sub |\n  echo ${A}\n  exit 0\nj: >-\n  folded\n  text\n\n  para\n', true],
    ['k:\n- a\n- b: 1\n  c: 2\n-\n  d: 3\nz: 1\n', true],
    ['Description: a long\n  description over\n\n  lines # note\nb: "double\n  quoted\n\n  folded"\n', true],
    ['k: { Ref: X, "Fn::If": [C, [1, 2], {a: b}] }\nl: [\n  a,\n  b,\n]\n', true],
    ['---\n# c\nr: 1\n', true],
    ['k: !GetAtt A.Arn\nl: !GetAZs ""\nm:\n  !Sub ${X}\nn: !Ref true\no: [!Ref 1, !Ref ~]\np: !Ref\n  false\n', true],
    ['a: !Sub\n  !Ref x\n', false],
    ['R:\n  A:\n    T: x\n  # at the section\nO: 1\n', true],
    // Outside the subset, or reported by the full reader: the full reader reads these.
    ['a: &x 1\nb: *x\n', false],
    ['? a\n: b\n', false],
    ['%YAML 1.2\n---\na: 1\n', false],
    ['a: 1\r\nb: 2\r\n', false],
    ['a:\n\t- 1\n', false],
    ['a: 1\na: 2\n', false],
    ['a: !Bogus x\n', false],
    ['a: !!str 1\n', false],
    ['a: |+\n  keep\n\n', false],
    ['a: |2\n   x\n', false],
    ['a: 1\n---\nb: 2\n', false],
    ['a: "unclosed\n', false],
    ['a: b: c\n', false],
    ['k: { *"a": b }\n', false],
    ['k: [a, &b c]\n', false],
    ['a:\n  b: 1\n   c: 2\n', false],
    ['R:\n  A:\n    T: x\n      # deeper than the section\nO: 1\n', false],
    ['a:\n  b:\n', false],
    ['\ufeffa: 1\n', false],
    ['', false],
  ];
  for (const [text, answers] of table) {
    it(`${answers ? 'reads' : 'leaves to the full reader'} ${JSON.stringify(text).slice(0, 60)}`, () => {
      assert.strictEqual(agree(text, JSON.stringify(text)), answers);
    });
  }

  it('resolves plain scalars as the YAML 1.2 core schema does', () => {
    const cases: [string, unknown][] = [['null', null], ['Null', null], ['NULL', null], ['~', null], ['nULL', 'nULL'], ['true', true], ['True', true], ['tRUE', 'tRUE'], ['0o17', 15], ['017', 17], ['-0x1', '-0x1'], ['0x1f', 31], ['1.', 1], ['.5', 0.5], ['+.inf', Infinity], ['-.Inf', -Infinity], ['1e3', 1000], ['1_0', '1_0'], ['yes', 'yes'], ['2010-09-09', '2010-09-09']];
    for (const [s, v] of cases) assert.ok(Object.is(resolvePlain(s), v), `${s} -> ${String(resolvePlain(s))}, expected ${String(v)}`);
  });

  /** parseYaml (the whole reading: lenient re-reads, issues) with the fast reader and with the library alone. */
  function sameReading(text: string, where: string): void {
    const withFast = parseYaml(text);
    fastReader.enabled = false;
    let alone;
    try {
      alone = parseYaml(text);
    } finally {
      fastReader.enabled = true;
    }
    assert.deepStrictEqual(withFast.issues, alone.issues, `${where}: issues differ`);
    const d = firstDifference(plain(withFast.root), plain(alone.root));
    assert.ok(!d, `${where}: trees differ at ${d}`);
  }

  it('gives parseYaml the same result as the library alone, lenient re-reads of under-indented quoted lines included', function () {
    this.timeout(120_000);
    for (const f of corpusFiles().filter((c) => c.format === 'yaml')) sameReading(readFileSync(f.path, 'utf8'), f.rel);
    // CloudFormation accepts quoted scalars whose continuation lines are indented less than YAML asks.
    const lenient = "Resources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument: !Sub '{\n  \"Version\": \"2012-10-17\",\n\n \"Statement\": []\n}'\n      Roles: [\"a\n\", b]\n      Name: \"x\n y\"\n";
    sameReading(lenient, 'lenient quoted lines');
    const once = parseYaml(lenient);
    assert.deepStrictEqual(once.issues, []);
  });

  it('gives parseYaml the same result as the library alone on mutated templates', function () {
    this.timeout(300_000);
    const list = seeds().filter((s) => !isJson(s.text));
    const cases = Math.ceil((Number(process.env.CFN_FUZZ_CASES) || 2000) / 4);
    for (let i = 0; i < cases; i++) {
      const c = makeCase(list, SEED + 1, i);
      sameReading(c.text, `case ${i} (${c.seed.name}: ${c.steps.join('; ')})`);
    }
  });

  // Pieces of YAML, well-formed and not, whose random sequences reach the reader's corners
  // (indentation, indicators, quotes, tags, flow punctuation) far more often than mutations of real templates do.
  const PIECES = ['a', 'Key', 'b: ', 'c:', ': ', ':', '- ', '-', '\n', '\n', '\n  ', '\n  ', '\n    ', '\n      ', '\n ', ' ', '  ', '[', ']', '{', '}', ', ', ',', '"x"', "'y'", '"a\\"b"', "'it''s'", '"u\\u00e9"', '"', "'", '!Ref ', '!Sub ', '!GetAtt ', '!If ', '!', '!!str ', '|', '|-', '>', '>-', '|2', '|+', '#c', ' #c', ' # c\n', '*', '&x ', '*x', '?', '? ', '%', '@', '`', '1', '-1', '0o7', '0x1F', '1e3', '.5', 'true', 'False', '~', 'null', '', '---', '---\n', '...', '\t', '\\', 'Fn::If', '${X}', 'a b', 'http://x', 'a#b'];

  it('agrees with the full reader on thousands of random texts built from YAML pieces', function () {
    this.timeout(300_000);
    const rand = rng(SEED);
    const cases = (Number(process.env.CFN_FUZZ_CASES) || 2000) * 5;
    let answered = 0;
    for (let i = 0; i < cases; i++) {
      let text = '';
      const n = 3 + Math.floor(rand() * 40);
      for (let k = 0; k < n; k++) text += PIECES[Math.floor(rand() * PIECES.length)];
      if (agree(text, `piece text ${i}: ${JSON.stringify(text)}`)) answered++;
    }
    if (process.env.CFN_FUZZ_VERBOSE) console.log(`      ${answered} of ${cases} read by the fast reader`);
    assert.ok(answered >= cases * 0.02, `the fast reader answered for only ${answered} of ${cases} texts`);
  });

  /**
   * A random well-formed-looking document: nested block maps and sequences with random
   * indentation steps, compact maps and sequences in sequences, flow collections over one or
   * several lines, plain, quoted and block scalars (some over several lines), tags, empty
   * values, and comment and blank lines at random indentations between any two lines.
   */
  function randomDocument(rand: () => number): string {
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const words = ['a', 'Bucket', 'AWS::S3::Bucket', 'true', '1', '0x1F', '~', '${X}', 'arn:aws:s3:::b/*', 'x y', 'Fn::If', '-1', '.5', 'null', 'a#b', 'k: v', 'Yes'];
    const lines: string[] = [];
    const comment = (indent: number) => {
      if (rand() < 0.15) lines.push(' '.repeat(Math.max(0, indent + Math.floor(rand() * 7) - 3)) + '# note');
      if (rand() < 0.1) lines.push(rand() < 0.5 ? '' : ' '.repeat(Math.floor(rand() * 6)));
    };
    const scalar = (): string => {
      const w = pick(words);
      const r = rand();
      if (r < 0.5) return w.includes(': ') || w.includes('#') ? `"${w}"` : w;
      if (r < 0.7) return `'${w.replace(/'/g, "''")}'`;
      if (r < 0.85) return JSON.stringify(w);
      return (rand() < 0.5 ? '!Ref ' : '!Sub ') + (w.includes(': ') || w.includes('#') ? `'${w}'` : w);
    };
    const flow = (depth: number, indent: number): string => {
      const multi = rand() < 0.3;
      const sep = multi ? '\n' + ' '.repeat(indent + 1 + Math.floor(rand() * 3)) : ' ';
      const n = Math.floor(rand() * 4);
      const items: string[] = [];
      const isMap = rand() < 0.4;
      for (let i = 0; i < n; i++) {
        const v = depth < 3 && rand() < 0.25 ? flow(depth + 1, indent) : scalar();
        items.push(isMap ? `k${i}: ${v}` : v);
      }
      const body = items.join(',' + sep);
      return (rand() < 0.2 ? '!If ' : '') + (isMap ? `{${sep}${body}${sep}}` : `[${sep}${body}${sep}]`);
    };
    // Writes the value of a key or an item whose line starts `head` at column `col`.
    const value = (head: string, col: number, depth: number): void => {
      const r = rand();
      const step = 1 + Math.floor(rand() * 4);
      if (depth > 3 || r < 0.35) {
        const s = scalar();
        if (rand() < 0.1 && !s.startsWith('!') && !s.startsWith('"') && !s.startsWith("'")) {
          lines.push(`${head} ${s}`);
          lines.push(' '.repeat(col + step) + pick(words).replace(/: |#/g, ' '));
        } else lines.push(`${head} ${s}${rand() < 0.1 ? ' # c' : ''}`);
      } else if (r < 0.45) lines.push(`${head} ${flow(0, col)}`);
      else if (r < 0.55) {
        lines.push(`${head} ${rand() < 0.2 ? '!Sub ' : ''}${pick(['|', '|-', '>', '>-'])}`);
        const n = 1 + Math.floor(rand() * 4);
        for (let i = 0; i < n; i++) lines.push(rand() < 0.15 ? '' : ' '.repeat(col + step + (rand() < 0.2 ? 2 : 0)) + pick(words));
      } else if (r < 0.6) lines.push(`${head}`); // empty
      else {
        lines.push(rand() < 0.15 ? `${head} !Sub` : head);
        comment(col);
        if (rand() < 0.5) block(col + step, depth + 1, 'map');
        else block(head.trimStart().startsWith('-') || rand() < 0.5 ? col + step : col, depth + 1, 'seq');
      }
    };
    const block = (col: number, depth: number, kind: 'map' | 'seq', first?: string): void => {
      const n = 1 + Math.floor(rand() * 4);
      for (let i = 0; i < n; i++) {
        const lead = i === 0 && first !== undefined ? first : ' '.repeat(col);
        if (kind === 'map') value(`${lead}${rand() < 0.1 ? '"q k"' : 'K' + i + depth}:`, col, depth);
        else if (depth < 3 && rand() < 0.3) block(col + 2, depth + 1, 'map', `${lead}- `);
        else if (depth < 3 && rand() < 0.1) block(col + 2, depth + 1, 'seq', `${lead}- `);
        else value(`${lead}-`, col, depth);
        comment(col);
      }
    };
    if (rand() < 0.2) lines.push('---');
    comment(0);
    block(0, 0, 'map');
    if (rand() < 0.3) lines.push(pick(['# end', '  # end', '', '    # end']));
    return lines.join('\n') + (rand() < 0.8 ? '\n' : '');
  }

  it('agrees with the full reader on thousands of random documents', function () {
    this.timeout(300_000);
    const rand = rng(SEED + 2);
    const cases = Number(process.env.CFN_FUZZ_CASES) || 2000;
    let answered = 0;
    for (let i = 0; i < cases; i++) {
      const text = randomDocument(rand);
      if (agree(text, `document ${i}: ${JSON.stringify(text)}`)) answered++;
    }
    if (process.env.CFN_FUZZ_VERBOSE) console.log(`      ${answered} of ${cases} read by the fast reader`);
    assert.ok(answered >= cases * 0.2, `the fast reader answered for only ${answered} of ${cases} documents`);
  });

  it('agrees with the full reader on thousands of mutated templates', function () {
    this.timeout(300_000);
    const list = seeds().filter((s) => !isJson(s.text));
    const cases = Number(process.env.CFN_FUZZ_CASES) || 2000;
    let answered = 0;
    for (let i = 0; i < cases; i++) {
      const c = makeCase(list, SEED, i);
      if (agree(c.text, `case ${i} (${c.seed.name}: ${c.steps.join('; ')})`)) answered++;
    }
    // Many mutations leave the subset; still, a good share must be read fast (or the comparison proves nothing).
    assert.ok(answered >= cases * 0.25, `the fast reader answered for only ${answered} of ${cases} mutated templates`);
  });
});
