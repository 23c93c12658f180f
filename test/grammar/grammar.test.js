'use strict';
// Tests for the CloudFormation injection grammars in syntaxes/.
//
// The fixtures in test/grammar/fixtures are tokenized with vscode-textmate + vscode-oniguruma (the versions VS Code
// 1.100 ships) the way VS Code does it: the ordinary YAML / JSON grammar as the base, our grammars injected into it.
// Every check runs against two sets of base grammars:
//   - VS Code's own YAML and JSON grammars, taken from a code-server or VS Code install on this machine
//     (scripts/install-code-server.sh puts one under ~/.cache/cfn-resilience; CFN_VSCODE_EXTENSIONS_DIR can point
//     at any `extensions` folder that holds yaml/ and json/); skipped when there is none;
//   - the small test-only stand-ins in test/grammar/base, always.
//
// Run: npx mocha test/grammar/grammar.test.js   (the project .mocharc.json adds its other specs; --no-config runs this
// file alone). Screenshots in a real code-server: node test/grammar/screenshot.js

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, 'fixtures');
const STAND_IN = path.join(__dirname, 'base');

// What package.json must contribute (VS Code's `contributes.grammars`); also used to register the injections here
// when package.json does not have them yet.
const EXPECTED_CONTRIBUTIONS = [
  {
    scopeName: 'cloudformation.injection.yaml',
    path: './syntaxes/cloudformation.yaml.injection.tmLanguage.json',
    injectTo: ['source.yaml'],
  },
  {
    scopeName: 'cloudformation.injection.json',
    path: './syntaxes/cloudformation.json.injection.tmLanguage.json',
    injectTo: ['source.json'],
  },
];

const SHORT_TAGS = [
  'Ref', 'GetAtt', 'Sub', 'Join', 'Select', 'Split', 'If', 'Equals', 'And', 'Or', 'Not', 'FindInMap', 'Base64',
  'Cidr', 'GetAZs', 'ImportValue', 'Condition', 'Transform', 'ToJsonString', 'Length',
];
const PSEUDO_PARAMETERS = [
  'AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId',
  'AWS::StackName', 'AWS::URLSuffix',
];

const S = {
  tag: 'storage.type.tag.cloudformation',
  intrinsic: 'support.function.intrinsic.cloudformation',
  pseudo: 'constant.language.pseudo-parameter.cloudformation',
  resourceType: 'entity.name.type.resource',
  parameterType: 'entity.name.type.parameter.cloudformation',
  transform: 'support.constant.transform.cloudformation',
  interpolation: 'meta.interpolation.cloudformation',
  begin: 'punctuation.definition.template-expression.begin.cloudformation',
  end: 'punctuation.definition.template-expression.end.cloudformation',
  escape: 'constant.character.escape.interpolation.cloudformation',
  variable: 'variable.other.readwrite.cloudformation',
  object: 'variable.other.object.cloudformation',
  property: 'variable.other.property.cloudformation',
};

// ---------------------------------------------------------------------------------------------------------------
// Finding base grammars

function safeReaddir(dir) {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function candidateExtensionDirs() {
  const dirs = [];
  if (process.env.CFN_VSCODE_EXTENSIONS_DIR) dirs.push(process.env.CFN_VSCODE_EXTENSIONS_DIR);
  const cache = process.env.CFN_RESILIENCE_CACHE || path.join(os.homedir(), '.cache', 'cfn-resilience');
  const installs = safeReaddir(cache)
    .filter((name) => name.startsWith('code-server') && !name.includes('.partial'))
    .sort()
    .reverse();
  for (const name of installs) {
    for (const rel of ['node_modules/code-server/lib/vscode', 'lib/vscode', 'package/lib/vscode']) {
      dirs.push(path.join(cache, name, rel, 'extensions'));
    }
  }
  dirs.push(
    '/usr/lib/code-server/lib/vscode/extensions',
    '/usr/local/lib/code-server/lib/vscode/extensions',
    '/usr/share/code/resources/app/extensions',
    '/usr/share/code-oss/resources/app/extensions',
    '/opt/visual-studio-code/resources/app/extensions',
  );
  return dirs;
}

/** scopeName -> file for every *.tmLanguage.json in the given folders. */
function scopeMap(folders) {
  const map = {};
  for (const folder of folders) {
    for (const name of safeReaddir(folder)) {
      if (!name.endsWith('.tmLanguage.json')) continue;
      const file = path.join(folder, name);
      try {
        const { scopeName } = JSON.parse(fs.readFileSync(file, 'utf8'));
        if (scopeName && !map[scopeName]) map[scopeName] = file;
      } catch {
        // not a grammar we can read: ignore it
      }
    }
  }
  return map;
}

function findVSCodeGrammars() {
  for (const dir of candidateExtensionDirs()) {
    const map = scopeMap([path.join(dir, 'yaml', 'syntaxes'), path.join(dir, 'json', 'syntaxes')]);
    if (map['source.yaml'] && map['source.json']) {
      let version = '';
      try {
        version = JSON.parse(fs.readFileSync(path.join(dir, '..', 'package.json'), 'utf8')).version || '';
      } catch {
        // no version to show
      }
      return { label: `VS Code ${version} grammars from ${dir}`.replace('  ', ' '), grammars: map };
    }
  }
  return null;
}

function injectionContributions() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const declared = ((pkg.contributes && pkg.contributes.grammars) || []).filter((g) => g.injectTo);
  return declared.length > 0 ? declared : EXPECTED_CONTRIBUTIONS;
}

// ---------------------------------------------------------------------------------------------------------------
// Tokenizing

function loadOptional(id) {
  try {
    return require(id);
  } catch {
    return null;
  }
}
const vsctm = loadOptional('vscode-textmate');
const oniguruma = loadOptional('vscode-oniguruma');

let onigLibPromise = null;
function onigLib() {
  if (!onigLibPromise) {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    const data = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength);
    onigLibPromise = oniguruma.loadWASM(data).then(() => ({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }));
  }
  return onigLibPromise;
}

/**
 * A tokenizer over the given base grammars (scopeName -> file), with or without the CloudFormation injections.
 * tokenize(rootScope, text) returns one entry per line: { text, tokens: [{ start, end, scopes }] }.
 */
async function createTokenizer(baseGrammars, withInjections) {
  const files = { ...baseGrammars };
  const injectTo = {};
  if (withInjections) {
    for (const c of injectionContributions()) {
      files[c.scopeName] = path.join(ROOT, c.path);
      for (const target of c.injectTo) (injectTo[target] = injectTo[target] || []).push(c.scopeName);
    }
  }
  const registry = new vsctm.Registry({
    onigLib: onigLib(),
    loadGrammar: async (scopeName) => {
      const file = files[scopeName];
      if (!file || !fs.existsSync(file)) return null;
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
    getInjections: (scopeName) => injectTo[scopeName],
  });
  const grammars = {};
  return {
    async tokenize(rootScope, text) {
      grammars[rootScope] = grammars[rootScope] || (await registry.loadGrammar(rootScope));
      const grammar = grammars[rootScope];
      assert.ok(grammar, `no grammar for ${rootScope}`);
      let state = vsctm.INITIAL;
      return text.split(/\r?\n/).map((line) => {
        const result = grammar.tokenizeLine(line, state);
        state = result.ruleStack;
        const tokens = result.tokens.map((t) => ({
          start: t.startIndex,
          end: Math.min(t.endIndex, line.length),
          scopes: t.scopes,
        }));
        return { text: line, tokens };
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Assertions

/** True when `scope` is `selector` or starts with `selector.` */
function scopeMatches(scope, selector) {
  return scope === selector || scope.startsWith(selector + '.');
}

function scopesAt(line, col) {
  const token = line.tokens.find((t) => t.start <= col && col < t.end);
  return token ? token.scopes : [];
}

/** The line of `doc` that contains `lineNeedle` (the first one; or the nth). */
function findLine(doc, lineNeedle, nth = 0) {
  const lines = doc.filter((l) => l.text.includes(lineNeedle));
  assert.ok(lines.length > nth, `fixture has no line containing ${JSON.stringify(lineNeedle)}`);
  return lines[nth];
}

/** Column range of `text` in the line (its nth occurrence). */
function findRange(line, text, nth = 0) {
  let col = -1;
  for (let i = 0; i <= nth; i++) {
    col = line.text.indexOf(text, col + 1);
    assert.ok(col >= 0, `${JSON.stringify(text)} not found ${nth + 1} time(s) in line ${JSON.stringify(line.text)}`);
  }
  return [col, col + text.length];
}

function describeScopes(line, from, to) {
  return line.tokens
    .filter((t) => t.start < to && t.end > from)
    .map((t) => `  ${JSON.stringify(line.text.slice(t.start, t.end))}: ${t.scopes.join(' ')}`)
    .join('\n');
}

/** Every character in [from, to) of the line carries every scope in `selectors`. */
function expectRangeScopes(line, from, to, selectors) {
  for (let col = from; col < to; col++) {
    const scopes = scopesAt(line, col);
    for (const selector of [].concat(selectors)) {
      assert.ok(
        scopes.some((s) => scopeMatches(s, selector)),
        `${JSON.stringify(line.text.slice(from, to))} in ${JSON.stringify(line.text)} should be scoped ${selector}; got:\n` +
          describeScopes(line, from, to),
      );
    }
  }
}

/** Every character of `text` (in the line containing lineNeedle) carries every scope in `selectors`. */
function expectScopes(doc, lineNeedle, text, selectors, { nth = 0, lineNth = 0 } = {}) {
  const line = findLine(doc, lineNeedle, lineNth);
  const [from, to] = findRange(line, text, nth);
  expectRangeScopes(line, from, to, selectors);
}

/** No character of `text` carries a scope matched by `selectors` (default: any CloudFormation scope). */
function expectNoScopes(doc, lineNeedle, text, selectors = [/\.cloudformation$/], { nth = 0, lineNth = 0 } = {}) {
  const line = findLine(doc, lineNeedle, lineNth);
  const [from, to] = text === null ? [0, line.text.length] : findRange(line, text, nth);
  for (let col = from; col < to; col++) {
    for (const scope of scopesAt(line, col)) {
      for (const selector of [].concat(selectors)) {
        const hit = selector instanceof RegExp ? selector.test(scope) : scopeMatches(scope, selector);
        assert.ok(
          !hit,
          `${JSON.stringify(text === null ? line.text : text)} should not be scoped ${selector}; got:\n` +
            describeScopes(line, from, to),
        );
      }
    }
  }
}

/**
 * The base grammar's own scoping is unchanged by the injection: at every character the scopes other than ours are
 * the same as without the injection (strings stay strings, keys stay keys, the state carried to the next line too).
 */
function expectBaseScopingUnchanged(withInjection, without) {
  assert.equal(withInjection.length, without.length);
  const problems = [];
  for (let i = 0; i < without.length; i++) {
    const a = withInjection[i];
    const b = without[i];
    for (let col = 0; col < b.text.length; col++) {
      const got = scopesAt(a, col).filter((s) => !s.endsWith('.cloudformation')).join(' ');
      const want = scopesAt(b, col).join(' ');
      if (got !== want) {
        problems.push(`line ${i + 1} col ${col + 1} ${JSON.stringify(b.text)}\n    with:    ${got}\n    without: ${want}`);
        break;
      }
    }
  }
  assert.deepEqual(problems, [], `the injection changed the base grammar's scopes:\n${problems.slice(0, 10).join('\n')}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Suites

const read = (name) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

const baseSets = [
  { id: 'vscode', find: findVSCodeGrammars },
  {
    id: 'stand-in',
    find: () => ({
      label: 'test-only stand-in grammars (test/grammar/base)',
      grammars: scopeMap([STAND_IN]),
    }),
  },
];

describe('CloudFormation injection grammars', function () {
  this.timeout(60000);

  describe('grammar files', function () {
    it('are valid JSON with an injection selector that excludes comments', function () {
      for (const c of EXPECTED_CONTRIBUTIONS) {
        const grammar = JSON.parse(fs.readFileSync(path.join(ROOT, c.path), 'utf8'));
        assert.equal(grammar.scopeName, c.scopeName);
        assert.match(grammar.injectionSelector, new RegExp(`^[LR]?:?${c.injectTo[0].replace('.', '\\.')} -comment$`));
        assert.ok(Array.isArray(grammar.patterns) && grammar.patterns.length > 0);
      }
    });

    it('are contributed by package.json (contributes.grammars with injectTo)', function () {
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
      const declared = ((pkg.contributes && pkg.contributes.grammars) || []).filter((g) => g.injectTo);
      if (declared.length === 0) {
        this.skip(); // package.json does not contribute them yet
      }
      for (const want of EXPECTED_CONTRIBUTIONS) {
        const got = declared.find((g) => g.scopeName === want.scopeName);
        assert.ok(got, `package.json contributes.grammars has no entry for ${want.scopeName}`);
        assert.ok(!got.language, 'an injection grammar must not claim a language');
        assert.ok(fs.existsSync(path.join(ROOT, got.path)), `${got.path} does not exist`);
        for (const target of want.injectTo) assert.ok(got.injectTo.includes(target), `${want.scopeName} must inject into ${target}`);
      }
    });
  });

  for (const set of baseSets) {
    describe(`on ${set.id} base grammars`, function () {
      let yaml; // tokenized fixtures, with the injections
      let json;
      let tokenizer;
      let plainTokenizer;

      before(async function () {
        if (!vsctm || !oniguruma) {
          if (process.env.CI === 'true') throw new Error('vscode-textmate / vscode-oniguruma are not installed (devDependencies)');
          console.log('      (skipped: vscode-textmate / vscode-oniguruma are not installed)');
          this.skip();
        }
        const found = set.find();
        if (!found) {
          const why = 'no VS Code or code-server install found; set CFN_VSCODE_EXTENSIONS_DIR, or run scripts/install-code-server.sh';
          if (process.env.CI === 'true') throw new Error(why); // CI installs code-server (scripts/ci-deps.sh): missing is a failure
          console.log(`      (skipped: ${why})`);
          this.skip();
        }
        console.log(`      using ${found.label}`);
        tokenizer = await createTokenizer(found.grammars, true);
        plainTokenizer = await createTokenizer(found.grammars, false);
        yaml = await tokenizer.tokenize('source.yaml', read('template.yaml'));
        json = await tokenizer.tokenize('source.json', read('template.json'));
      });

      describe('YAML', function () {
        it('scopes each of the 20 short-form tags as a tag naming an intrinsic function', function () {
          const lines = yaml.filter((l) => !/^\s*#|Prose:|Description:/.test(l.text));
          for (const tag of SHORT_TAGS) {
            const re = new RegExp(`(^|[\\s\\[{,])!${tag}(?=[\\s,\\]}]|$)`);
            const line = lines.find((l) => re.test(l.text));
            assert.ok(line, `fixture has no !${tag}`);
            const match = re.exec(line.text);
            const bang = match.index + match[1].length;
            expectRangeScopes(line, bang + 1, bang + 1 + tag.length, [S.tag, S.intrinsic]);
            assert.ok(scopesAt(line, bang).some((sc) => sc.startsWith('storage.type.tag')), `"!" of !${tag} is not a tag`);
          }
        });

        it('recognises short-form tags wherever YAML allows a node tag', async function () {
          const doc = await tokenizer.tokenize('source.yaml', [
            'a: !Ref A',
            'b:',
            '  - !GetAtt B.Arn',
            '  - - !Select [0, !GetAZs ""]',
            'c: [!Ref C, !Sub "x"]',
            'd: {k: !Join ["", [a, b]]}',
            'e: &anchor !Base64 text',
            'f: !Refx NotATag',
          ].join('\n'));
          expectScopes(doc, 'a: ', 'Ref', [S.tag, S.intrinsic]);
          expectScopes(doc, '- !GetAtt', 'GetAtt', [S.tag, S.intrinsic]);
          expectScopes(doc, '- - !Select', 'Select', [S.tag, S.intrinsic]);
          expectScopes(doc, '- - !Select', 'GetAZs', [S.tag, S.intrinsic]);
          expectScopes(doc, 'c: ', 'Ref', [S.tag, S.intrinsic]);
          expectScopes(doc, 'c: ', 'Sub', [S.tag, S.intrinsic]);
          expectScopes(doc, 'd: ', 'Join', [S.tag, S.intrinsic]);
          expectScopes(doc, 'e: ', 'Base64', [S.tag, S.intrinsic]);
          expectNoScopes(doc, 'f: ', null);
        });

        it('scopes long-form intrinsic keys (Fn::GetAtt, Ref, quoted and flow) and keeps them keys', function () {
          expectScopes(yaml, 'Fn::GetAtt: [MyBucket, Arn]', 'Fn::GetAtt', [S.intrinsic, 'entity.name.tag', 'meta.map.key']);
          expectScopes(yaml, 'Ref: MyBucket', 'Ref', [S.intrinsic, 'entity.name.tag', 'meta.map.key']);
          expectScopes(yaml, 'Fn::Sub: |', 'Fn::Sub', [S.intrinsic, 'entity.name.tag']);
          expectScopes(yaml, '"Fn::Sub": "${AWS::StackName}-long"', 'Fn::Sub', [S.intrinsic, 'entity.name.tag', 'string.quoted.double']);
          expectScopes(yaml, 'FlowAtt: {"Fn::GetAtt"', 'Fn::GetAtt', [S.intrinsic, 'entity.name.tag']);
          expectScopes(yaml, 'FlowRef: {Ref: MyBucket}', 'Ref', [S.intrinsic, 'entity.name.tag'], { nth: 1 });
          expectNoScopes(yaml, 'FlowRef: {Ref: MyBucket}', 'FlowRef');
          // values named like functions, and other keys, are left alone
          expectNoScopes(yaml, 'Ref: MyBucket', 'MyBucket');
          expectNoScopes(yaml, '    Condition: IsProd', null);
          expectNoScopes(yaml, 'LongRef:', null);
        });

        it('recognises long-form keys in sequences, flow mappings and Fn::ForEach', async function () {
          const doc = await tokenizer.tokenize('source.yaml', [
            'Conditions:',
            '  C: {"Fn::Equals": [{Ref: Env}, prod]}',
            'List:',
            '  - Ref: A',
            '  - Fn::GetAtt: [B, Arn]',
            'Resources:',
            '  Fn::ForEach::Topics:',
            '    - Topic',
            '    - [a, b]',
            '  Refs: x',
            '  NotFn::GetAtt: x',
          ].join('\n'));
          expectScopes(doc, 'C: {"Fn::Equals"', 'Fn::Equals', [S.intrinsic, 'entity.name.tag']);
          expectScopes(doc, 'C: {"Fn::Equals"', 'Ref', [S.intrinsic, 'entity.name.tag']);
          expectScopes(doc, '- Ref: A', 'Ref', [S.intrinsic, 'entity.name.tag']);
          expectScopes(doc, '- Fn::GetAtt', 'Fn::GetAtt', [S.intrinsic, 'entity.name.tag']);
          expectScopes(doc, 'Fn::ForEach::Topics:', 'Fn::ForEach::Topics', [S.intrinsic, 'entity.name.tag']);
          expectNoScopes(doc, 'Refs: x', null);
          expectNoScopes(doc, 'NotFn::GetAtt: x', null);
        });

        it('scopes ${...} on the continuation lines of a multi-line quoted string', async function () {
          const doc = await tokenizer.tokenize('source.yaml', [
            'Value: !Sub "first ${AWS::Region}',
            '  second ${AWS::AccountId} and ${Res.Attr}"',
            'Next: plain',
          ].join('\n'));
          expectScopes(doc, 'first', 'AWS::Region', [S.pseudo, 'string.quoted.double']);
          expectScopes(doc, 'second', 'second', 'string.quoted.double');
          expectScopes(doc, 'second', 'AWS::AccountId', [S.pseudo, 'string.quoted.double']);
          expectScopes(doc, 'second', 'Attr', [S.property, 'string.quoted.double']);
          expectScopes(doc, 'Next: plain', 'Next', 'entity.name.tag');
        });

        it('scopes ${...} in a !Sub double-quoted string, and it stays a string', function () {
          const line = 'BucketName: !Sub "${AWS::StackName}-${AWS::Region}-data"';
          expectScopes(yaml, line, '${', [S.begin, S.interpolation, 'string.quoted.double']);
          expectScopes(yaml, line, 'AWS::Region', [S.pseudo, S.interpolation, 'string.quoted.double']);
          expectScopes(yaml, line, '}', [S.end, 'string.quoted.double'], { nth: 1 });
          expectNoScopes(yaml, line, '-data');
          expectScopes(yaml, line, '-data', 'string.quoted.double');

          const arn = '"arn:${AWS::Partition}:s3:::${MyBucket.Arn}/${!Literal}"';
          expectScopes(yaml, arn, 'AWS::Partition', [S.pseudo, 'string.quoted.double']);
          expectScopes(yaml, arn, 'MyBucket', [S.object, S.interpolation, 'string.quoted.double']);
          expectScopes(yaml, arn, 'Arn', [S.property, S.interpolation, 'string.quoted.double']);
          expectScopes(yaml, arn, '${!Literal}', [S.escape, 'string.quoted.double']);
          expectNoScopes(yaml, arn, '${!Literal}', [S.interpolation]);
          expectNoScopes(yaml, arn, ':s3:::');
        });

        it('scopes ${...} in single-quoted and plain scalars', function () {
          expectScopes(yaml, "'${AWS::AccountId}-single'", 'AWS::AccountId', [S.pseudo, S.interpolation, 'string.quoted.single']);
          expectScopes(yaml, "'${AWS::AccountId}-single'", '-single', 'string.quoted.single');
          expectScopes(yaml, '${AWS::URLSuffix}-plain', '${', [S.begin, 'string.unquoted']);
          expectScopes(yaml, '${AWS::URLSuffix}-plain', 'AWS::URLSuffix', [S.pseudo, 'string.unquoted']);
          expectScopes(yaml, '${AWS::URLSuffix}-plain', '-plain', 'string.unquoted');
        });

        it('scopes ${...} and ${!...} in literal and folded block scalars', function () {
          const line = 'echo ${AWS::Region} ${MyBucket.Arn} ${!Literal}';
          expectScopes(yaml, line, 'AWS::Region', [S.pseudo, S.interpolation, 'string.unquoted.block']);
          expectScopes(yaml, line, 'MyBucket', [S.object, 'string.unquoted.block']);
          expectScopes(yaml, line, 'Arn', [S.property, 'string.unquoted.block']);
          expectScopes(yaml, line, '${!Literal}', [S.escape, 'string.unquoted.block']);
          expectScopes(yaml, line, 'echo', 'string.unquoted.block');
          expectScopes(yaml, 'folded ${AWS::Region}', 'AWS::Region', [S.pseudo, 'string.unquoted.block']);
          expectNoScopes(yaml, '#!/bin/bash', null);
          expectNoScopes(yaml, 'echo "!Ref in a block scalar is text"', null);
          // the block scalar ends where it should
          expectScopes(yaml, 'After: plain value', 'After', 'entity.name.tag');
        });

        it('scopes all eight pseudo-parameters', function () {
          const lines = yaml.filter((l) => !/^\s*#/.test(l.text));
          for (const pseudo of PSEUDO_PARAMETERS) {
            const line = lines.find((l) => l.text.includes(pseudo));
            assert.ok(line, `fixture has no ${pseudo}`);
            expectScopes([line], line.text, pseudo, S.pseudo);
          }
          expectScopes(yaml, '!Ref "AWS::Region"', 'AWS::Region', [S.pseudo, 'string.quoted.double']);
          expectScopes(yaml, 'Stack: !Ref AWS::StackId', 'AWS::StackId', [S.pseudo, 'string.unquoted']);
        });

        it('scopes resource type names, and not arbitrary strings', function () {
          expectScopes(yaml, 'Type: AWS::S3::Bucket', 'AWS::S3::Bucket', [S.resourceType, 'string.unquoted']);
          expectScopes(yaml, 'Type: "AWS::SQS::Queue"', 'AWS::SQS::Queue', [S.resourceType, 'string.quoted.double']);
          expectScopes(yaml, 'Type: AWS::Serverless::Function', 'AWS::Serverless::Function', S.resourceType);
          expectScopes(yaml, 'Type: Custom::MyThing', 'Custom::MyThing', S.resourceType);
          expectScopes(yaml, 'Type: Alexa::ASK::Skill', 'Alexa::ASK::Skill', S.resourceType);
          expectScopes(yaml, 'Type: AWS::EC2::VPC::Id', 'AWS::EC2::VPC::Id', S.parameterType);
          expectScopes(yaml, 'Transform: AWS::Serverless-2016-10-31', 'AWS::Serverless-2016-10-31', S.transform);
          expectScopes(yaml, 'Name: AWS::Include', 'AWS::Include', S.transform);
          expectNoScopes(yaml, 'Type: NotAType', null);
          expectScopes(yaml, 'Type: NotAType', 'NotAType', 'string.unquoted');
          expectNoScopes(yaml, 'Type: String', null);
        });

        it('leaves comments and prose alone', async function () {
          expectNoScopes(yaml, '# A comment with !Ref Foo', null);
          expectNoScopes(yaml, 'Text that mentions !Ref and Fn::GetAtt: is only text', null);
          expectNoScopes(yaml, 'Prose: "Use !Ref here, not a tag"', null);
          const doc = await tokenizer.tokenize('source.yaml', [
            'Key: value # !Ref Foo ${AWS::Region} AWS::S3::Bucket Fn::GetAtt: x',
            '# Ref: x',
            '  # - !Sub "${AWS::StackName}"',
          ].join('\n'));
          expectNoScopes(doc, 'Key: value', null);
          expectNoScopes(doc, '# Ref: x', null);
          expectNoScopes(doc, '# - !Sub', null);
        });

        it('does not break scoping around ${x} outside CloudFormation functions', function () {
          expectScopes(yaml, 'Ordinary: "cost ${x} in a string"', '"cost ${x} in a string"', 'string.quoted.double');
          expectScopes(yaml, 'Ordinary: "cost ${x} in a string"', '${x}', [S.interpolation, 'string.quoted.double']);
          expectScopes(yaml, 'prefix-${x}: plain key', 'prefix-${x}', ['entity.name.tag', 'meta.map.key']);
          expectScopes(yaml, 'prefix-${x}: plain key', 'plain key', 'string.unquoted');
          expectNoScopes(yaml, 'prefix-${x}: plain key', 'plain key');
        });

        it("leaves the base YAML grammar's own scopes untouched everywhere", async function () {
          const text = read('template.yaml');
          expectBaseScopingUnchanged(yaml, await plainTokenizer.tokenize('source.yaml', text));
        });
      });

      describe('JSON', function () {
        it('scopes {"Fn::Sub": "${AWS::StackName}-x"}', function () {
          const line = '{"Fn::Sub": "${AWS::StackName}-x"}';
          expectScopes(json, line, 'Fn::Sub', [S.intrinsic, 'support.type.property-name']);
          expectScopes(json, line, '${', [S.begin, 'string.quoted.double']);
          expectScopes(json, line, 'AWS::StackName', [S.pseudo, S.interpolation, 'string.quoted.double']);
          expectScopes(json, line, '}', [S.end, 'string.quoted.double']);
          expectScopes(json, line, '-x', 'string.quoted.double');
          expectNoScopes(json, line, '-x');
        });

        it('scopes ${Resource.Attribute}, pseudo-parameters and ${!Literal} in a Fn::Sub list', function () {
          const line = '"arn:${AWS::Partition}:sqs:${AWS::Region}:${Bucket.Arn}/${!Literal}"';
          expectScopes(json, line, 'AWS::Partition', [S.pseudo, 'string.quoted.double']);
          expectScopes(json, line, 'AWS::Region', [S.pseudo, 'string.quoted.double']);
          expectScopes(json, line, 'Bucket', [S.object, 'string.quoted.double'], { nth: 0 });
          expectScopes(json, line, 'Arn', [S.property, 'string.quoted.double'], { nth: 1 });
          expectScopes(json, line, '${!Literal}', [S.escape, 'string.quoted.double']);
        });

        it('scopes "Ref" and "Fn::" keys, not values', function () {
          expectScopes(json, '"Region": { "Ref": "AWS::Region" }', 'Ref', [S.intrinsic, 'support.type.property-name']);
          expectScopes(json, '"Region": { "Ref": "AWS::Region" }', 'AWS::Region', [S.pseudo, 'string.quoted.double']);
          expectScopes(json, '"Att": { "Fn::GetAtt"', 'Fn::GetAtt', [S.intrinsic, 'support.type.property-name']);
          expectScopes(json, '"Maybe": { "Fn::If"', 'Fn::If', S.intrinsic);
          expectScopes(json, '"Maybe": { "Fn::If"', 'Ref', S.intrinsic);
          expectScopes(json, '"Maybe": { "Fn::If"', 'AWS::NoValue', S.pseudo);
          expectNoScopes(json, '"Literal": "Ref"', null);
          expectNoScopes(json, '"Description"', 'Ref');
        });

        it('scopes "Type": "AWS::SQS::Queue" and other type names, not arbitrary strings', function () {
          expectScopes(json, '"Type": "AWS::SQS::Queue"', 'AWS::SQS::Queue', [S.resourceType, 'string.quoted.double']);
          expectScopes(json, '"Type": "AWS::Serverless::Function"', 'AWS::Serverless::Function', S.resourceType);
          expectScopes(json, '"Type": "Custom::MyThing"', 'Custom::MyThing', S.resourceType);
          expectScopes(json, '"Type": "Alexa::ASK::Skill"', 'Alexa::ASK::Skill', S.resourceType);
          expectScopes(json, '"Type": "AWS::EC2::VPC::Id"', 'AWS::EC2::VPC::Id', S.parameterType);
          expectScopes(json, '"Transform": "AWS::Serverless-2016-10-31"', 'AWS::Serverless-2016-10-31', S.transform);
          expectNoScopes(json, '"Type": "NotAType"', null);
        });

        it('leaves comments alone and object keys without ${...} scoping', async function () {
          const doc = await tokenizer.tokenize('source.json', [
            '{',
            '  // {"Ref": "AWS::Region"} ${AWS::Region} AWS::S3::Bucket',
            '  /* "Fn::Sub": "${AWS::StackName}" */',
            '  "${NotSub}": "${Sub}"',
            '}',
          ].join('\n'));
          expectNoScopes(doc, '// {"Ref"', null);
          expectNoScopes(doc, '/* "Fn::Sub"', null);
          expectNoScopes(doc, '"${NotSub}"', '"${NotSub}"');
          expectScopes(doc, '"${NotSub}"', '"${NotSub}"', 'support.type.property-name');
          expectScopes(doc, '"${NotSub}"', 'Sub', [S.variable, 'string.quoted.double'], { nth: 1 });
        });

        it("leaves the base JSON grammar's own scopes untouched everywhere", async function () {
          const text = read('template.json');
          expectBaseScopingUnchanged(json, await plainTokenizer.tokenize('source.json', text));
        });
      });

      describe('performance', function () {
        it('keeps tokenizing a large template fast', async function () {
          const resources = [];
          for (let i = 0; i < 400; i++) {
            resources.push(
              `  Bucket${i}:`,
              '    Type: AWS::S3::Bucket',
              '    Properties:',
              `      BucketName: !Sub "\${AWS::StackName}-${i}-\${AWS::Region}"`,
              '      Tags:',
              `        - {Key: Ref, Value: !Ref Param${i}}`,
              `        - Key: Att # comment !Ref x`,
              `          Value: !GetAtt Bucket${i}.Arn`,
              '      Policy:',
              '        Fn::Sub: |',
              `          {"Resource": "arn:\${AWS::Partition}:s3:::\${Bucket${i}}/*", "Lit": "\${!x}"}`,
            );
          }
          const text = ['Resources:', ...resources].join('\n');
          const time = async (t) => {
            const start = process.hrtime.bigint();
            await t.tokenize('source.yaml', text);
            return Number(process.hrtime.bigint() - start) / 1e6;
          };
          await time(tokenizer); // warm up
          await time(plainTokenizer);
          const withMs = Math.min(await time(tokenizer), await time(tokenizer));
          const withoutMs = Math.min(await time(plainTokenizer), await time(plainTokenizer));
          console.log(`        ${text.split('\n').length} lines: ${withMs.toFixed(0)} ms with the injection, ${withoutMs.toFixed(0)} ms without`);
          assert.ok(withMs < 10000, `tokenizing took ${withMs} ms`);
        });
      });
    });
  }
});
