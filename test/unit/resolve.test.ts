import * as assert from 'assert';
import { parseTemplate, Template } from '../../server/src/core/parse/template';
import { Node, get, getPath } from '../../server/src/core/parse/node';
import { asBoolean, azOf, azSpread, checkValue, describe as describeValue, evalCondition, evaluate, isNoValue, judge, mustBeTrue, numberValue, Outcome, possibleValues, refName, stringValues, subnetAz } from '../../server/src/core/graph/resolve';

function tpl(text: string): Template {
  const t = parseTemplate(text, { fileName: 't.yaml' });
  assert.deepStrictEqual(t.issues, []);
  return t;
}

function prop(t: Template, resource: string, ...path: (string | number)[]): Node | undefined {
  return getPath(t.resources.get(resource)!.properties, path);
}

const isTrue = (o: Outcome) => (o.kind === 'literal' ? asBoolean(o.value) === true : o.kind === 'novalue' ? false : undefined);

const DB = (multiAz: string, extra = '') => `Parameters:
  MultiAZ:
    Type: String
    Default: false
    AllowedValues: [true, false]
  Env:
    Type: String
    Default: dev
    AllowedValues: [dev, staging, prod]
  Free:
    Type: String
    Default: "false"
  NoDefault:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  Always: !Equals [a, a]
  NotProd: !Not [!Condition IsProd]
Mappings:
  EnvConfig:
    dev: {MultiAZ: false, Size: small}
    staging: {MultiAZ: false, Size: medium}
    prod: {MultiAZ: true, Size: large}
${extra}Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      MultiAZ: ${multiAz}
`;

describe('resolve: possibleValues', () => {
  it('a parameter with a default and AllowedValues', () => {
    const t = tpl(DB('!Ref MultiAZ'));
    const pv = possibleValues(t, prop(t, 'Db', 'MultiAZ'));
    assert.deepStrictEqual(pv.values, [false, true]);
    assert.strictEqual(pv.default, false);
    assert.deepStrictEqual(pv.dependsOn.parameters, ['MultiAZ']);
    assert.strictEqual(pv.unknown, false);
    assert.strictEqual(pv.noValue, false);
    assert.strictEqual(describeValue(pv, isTrue, 'single-AZ'), 'single-AZ unless parameter MultiAZ is true');
    assert.strictEqual(judge(pv, isTrue).bad, 'sometimes');
    assert.strictEqual(judge(pv, isTrue).badByDefault, true);
  });

  it('a literal, an absent property, AWS::NoValue', () => {
    const t = tpl(DB('true'));
    const pv = possibleValues(t, prop(t, 'Db', 'MultiAZ'));
    assert.deepStrictEqual([pv.values, pv.default, pv.unknown], [[true], true, false]);
    assert.strictEqual(describeValue(pv, isTrue, 'single-AZ'), undefined);
    const absent = possibleValues(t, prop(t, 'Db', 'Missing'));
    assert.deepStrictEqual([absent.values, absent.noValue], [[], true]);
    assert.strictEqual(describeValue(absent, isTrue, 'single-AZ'), 'single-AZ');
    const t2 = tpl(DB('!If [IsProd, true, !Ref "AWS::NoValue"]'));
    const pv2 = possibleValues(t2, prop(t2, 'Db', 'MultiAZ'));
    assert.deepStrictEqual([pv2.values, pv2.noValue, pv2.default], [[true], true, undefined]);
    assert.deepStrictEqual(pv2.defaultCase?.outcome, { kind: 'novalue' });
    assert.strictEqual(describeValue(pv2, isTrue, 'single-AZ'), 'single-AZ unless condition IsProd is true');
  });

  it('Fn::If branches carry their condition; the default evaluates conditions with parameter defaults', () => {
    const t = tpl(DB('!If [IsProd, true, false]'));
    const pv = possibleValues(t, prop(t, 'Db', 'MultiAZ'));
    assert.deepStrictEqual(pv.values, [false, true]);
    assert.strictEqual(pv.default, false);
    assert.deepStrictEqual(pv.dependsOn.conditions, ['IsProd']);
    assert.deepStrictEqual(
      pv.cases.map((c) => [c.outcome.kind === 'literal' && c.outcome.value, c.when]),
      [
        [true, [{ kind: 'condition', name: 'IsProd', value: true }]],
        [false, [{ kind: 'condition', name: 'IsProd', value: false }]],
      ],
    );
    assert.strictEqual(describeValue(pv, isTrue, 'single-AZ'), 'single-AZ unless condition IsProd is true');
    // Bad only in some cases while good by default: "when".
    const t2 = tpl(DB('!If [NotProd, false, true]').replace('Default: dev', 'Default: prod'));
    const pv2 = possibleValues(t2, prop(t2, 'Db', 'MultiAZ'));
    assert.strictEqual(pv2.default, true);
    assert.strictEqual(describeValue(pv2, isTrue, 'single-AZ'), 'single-AZ when condition NotProd is true');
  });

  it('trivial conditions are evaluated, others left open', () => {
    const t = tpl(DB('!If [Always, true, false]'));
    const pv = possibleValues(t, prop(t, 'Db', 'MultiAZ'));
    assert.deepStrictEqual([pv.values, pv.cases.length], [[true], 1]);
    assert.strictEqual(evalCondition(t, 'Always'), true);
    assert.strictEqual(evalCondition(t, 'IsProd'), undefined);
    assert.strictEqual(evalCondition(t, 'IsProd', new Map([['Env', 'prod']])), true);
    assert.strictEqual(evalCondition(t, 'NotProd', new Map([['Env', 'prod']])), false);
  });

  it('nested Fn::If and a parameter inside a branch', () => {
    const t = tpl(DB('!If [IsProd, true, !Ref MultiAZ]'));
    const pv = possibleValues(t, prop(t, 'Db', 'MultiAZ'));
    assert.deepStrictEqual(pv.values, [false, true]);
    assert.strictEqual(pv.default, false);
    assert.deepStrictEqual(pv.dependsOn, { parameters: ['MultiAZ'], conditions: ['IsProd'], mappings: [], resources: [], pseudo: [] });
    assert.strictEqual(describeValue(pv, isTrue, 'single-AZ'), 'single-AZ unless condition IsProd is true or condition IsProd is false and parameter MultiAZ is true');
  });

  it('FindInMap over literal values: one key, or every value when keys are computed', () => {
    const t = tpl(DB('!FindInMap [EnvConfig, prod, MultiAZ]'));
    assert.deepStrictEqual(possibleValues(t, prop(t, 'Db', 'MultiAZ')).values, [true]);
    const t2 = tpl(DB('!FindInMap [EnvConfig, !Ref Env, MultiAZ]'));
    const pv = possibleValues(t2, prop(t2, 'Db', 'MultiAZ'));
    assert.deepStrictEqual(pv.values, [false, true]);
    assert.strictEqual(pv.default, false);
    assert.deepStrictEqual(pv.dependsOn.mappings, ['EnvConfig']);
    assert.deepStrictEqual(pv.dependsOn.parameters, ['Env']);
    assert.strictEqual(describeValue(pv, isTrue, 'single-AZ'), 'single-AZ unless parameter Env is prod');
    const t3 = tpl(DB('!FindInMap [EnvConfig, !Ref "AWS::Region", MultiAZ]'));
    const pv3 = possibleValues(t3, prop(t3, 'Db', 'MultiAZ'));
    assert.deepStrictEqual([pv3.values, pv3.default, pv3.dependsOn.pseudo], [[false, true], undefined, ['AWS::Region']]);
    assert.strictEqual(describeValue(pv3, isTrue, 'single-AZ'), 'single-AZ unless the EnvConfig mapping top-level key is prod');
  });

  it('parameters without AllowedValues, without Default, and unknowns', () => {
    const t = tpl(DB('!Ref Free'));
    const pv = possibleValues(t, prop(t, 'Db', 'MultiAZ'));
    assert.deepStrictEqual([pv.values, pv.default, pv.unknown], [['false'], 'false', true]);
    assert.strictEqual(describeValue(pv, isTrue, 'single-AZ'), 'single-AZ unless parameter Free is overridden');
    const t2 = tpl(DB('!Ref NoDefault'));
    const pv2 = possibleValues(t2, prop(t2, 'Db', 'MultiAZ'));
    assert.deepStrictEqual([pv2.values, pv2.default, pv2.unknown], [[], undefined, true]);
    assert.strictEqual(describeValue(pv2, isTrue, 'single-AZ'), undefined);
    assert.strictEqual(judge(pv2, isTrue).bad, 'unknown');
    const t3 = tpl(DB('!GetAtt Other.Value'));
    assert.deepStrictEqual(possibleValues(t3, prop(t3, 'Db', 'MultiAZ')).cases.map((c) => c.outcome.kind), ['unknown']);
  });

  it('Select, Join and plain Sub of literals', () => {
    const t = tpl(DB('!Select [1, [a, b, c]]'));
    assert.deepStrictEqual(possibleValues(t, prop(t, 'Db', 'MultiAZ')).values, ['b']);
    const t2 = tpl(DB('!Join ["-", [a, !If [IsProd, p, d]]]'));
    assert.deepStrictEqual(possibleValues(t2, prop(t2, 'Db', 'MultiAZ')).values, ['a-d', 'a-p']);
    const t3 = tpl(DB('!Sub "plain-${!Literal}"'));
    assert.deepStrictEqual(possibleValues(t3, prop(t3, 'Db', 'MultiAZ')).values, ['plain-${Literal}']);
    const t4 = tpl(DB('!Sub "${Env}-x"'));
    assert.strictEqual(possibleValues(t4, prop(t4, 'Db', 'MultiAZ')).unknown, true);
  });

  it('several AllowedValues are listed together', () => {
    const t = tpl(DB('!Ref Env'));
    const pv = possibleValues(t, prop(t, 'Db', 'MultiAZ'));
    assert.deepStrictEqual(pv.values, ['dev', 'staging', 'prod']);
    const good = (o: Outcome) => (o.kind === 'literal' ? o.value === 'prod' : undefined);
    assert.strictEqual(describeValue(pv, good, 'small'), 'small unless parameter Env is prod');
    const bad = (o: Outcome) => (o.kind === 'literal' ? o.value === 'dev' : undefined);
    assert.strictEqual(describeValue(pv, bad, 'big'), 'big when parameter Env is staging or prod');
  });
});

const NET = `Parameters:
  AzA:
    Type: AWS::EC2::AvailabilityZone::Name
  AzB:
    Type: AWS::EC2::AvailabilityZone::Name
  Zones:
    Type: List<AWS::EC2::AvailabilityZone::Name>
  SubnetIds:
    Type: List<AWS::EC2::Subnet::Id>
  OneSubnet:
    Type: AWS::EC2::Subnet::Id
Resources:
  Idx0: {Type: AWS::EC2::Subnet, Properties: {AvailabilityZone: !Select [0, !GetAZs ""]}}
  Idx0b: {Type: AWS::EC2::Subnet, Properties: {AvailabilityZone: !Select ["0", !GetAZs {Ref: "AWS::Region"}]}}
  Idx1: {Type: AWS::EC2::Subnet, Properties: {AvailabilityZone: !Select [1, !GetAZs ""]}}
  Lit: {Type: AWS::EC2::Subnet, Properties: {AvailabilityZone: us-east-1a}}
  ZoneId: {Type: AWS::EC2::Subnet, Properties: {AvailabilityZoneId: use1-az1}}
  ParA: {Type: AWS::EC2::Subnet, Properties: {AvailabilityZone: !Ref AzA}}
  ParB: {Type: AWS::EC2::Subnet, Properties: {AvailabilityZone: !Ref AzB}}
  List0: {Type: AWS::EC2::Subnet, Properties: {AvailabilityZone: !Select [0, !Ref Zones]}}
  List1: {Type: AWS::EC2::Subnet, Properties: {AvailabilityZone: !Select [1, !Ref Zones]}}
  NoAz: {Type: AWS::EC2::Subnet, Properties: {CidrBlock: 10.0.0.0/24}}
  NotSubnet: {Type: AWS::SNS::Topic}
  OneZone:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      VPCZoneIdentifier: [!Ref Idx0, !GetAtt Idx0b.SubnetId]
  TwoZones:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      VPCZoneIdentifier: [!Ref Idx0, !Ref Idx1]
  Params:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      VPCZoneIdentifier: [!Ref ParA, !Ref ParB]
  Mixed:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      VPCZoneIdentifier: [!Ref Idx0, !Ref Lit]
  Partly:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      VPCZoneIdentifier: [!Ref Idx1, !Ref NoAz, !Ref Idx1]
  FromParam:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      VPCZoneIdentifier: !Ref SubnetIds
`;

describe('resolve: subnets and zones', () => {
  const t = tpl(NET);
  it('subnetAz', () => {
    const az = (id: string) => subnetAz(t, id);
    assert.deepStrictEqual(az('Idx0'), { kind: 'index', index: 0, region: '', subnet: 'Idx0' });
    assert.deepStrictEqual(az('Idx0b'), { kind: 'index', index: 0, region: '', subnet: 'Idx0b' });
    assert.deepStrictEqual(az('Idx1'), { kind: 'index', index: 1, region: '', subnet: 'Idx1' });
    assert.deepStrictEqual(az('Lit'), { kind: 'literal', zone: 'us-east-1a', subnet: 'Lit' });
    assert.deepStrictEqual(az('ZoneId'), { kind: 'zone-id', id: 'use1-az1', subnet: 'ZoneId' });
    assert.deepStrictEqual(az('ParA'), { kind: 'parameter', name: 'AzA', subnet: 'ParA' });
    assert.deepStrictEqual(az('List1'), { kind: 'parameter-index', name: 'Zones', index: 1, subnet: 'List1' });
    assert.strictEqual(az('NoAz').kind, 'unknown');
    assert.strictEqual(az('NotSubnet').kind, 'unknown');
    assert.strictEqual(az('Missing').kind, 'unknown');
    // Through the node that names the subnet.
    const ids = prop(t, 'TwoZones', 'VPCZoneIdentifier') as Node & { kind: 'seq' };
    assert.deepStrictEqual(subnetAz(t, ids.items[1]), { kind: 'index', index: 1, region: '', subnet: 'Idx1' });
    const fromParam = parseTemplate(`Parameters: {S: {Type: "AWS::EC2::Subnet::Id"}}\nResources:\n  X: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref S}}\n`);
    assert.deepStrictEqual(subnetAz(fromParam, get(fromParam.resources.get('X')!.properties, 'SubnetId')), { kind: 'unknown', reason: 'subnet from parameter S' });
    assert.deepStrictEqual(azOf(t, undefined).kind, 'unknown');
  });

  it('azSpread', () => {
    const spread = (asg: string) => azSpread(t, prop(t, asg, 'VPCZoneIdentifier'));
    const one = spread('OneZone');
    assert.deepStrictEqual([one.distinct, one.known, one.verified, one.oneZone, one.sameZone], [1, true, true, true, [[0, 1]]]);
    assert.deepStrictEqual(one.zones.map((z) => z.subnet), ['Idx0', 'Idx0b']);
    const two = spread('TwoZones');
    assert.deepStrictEqual([two.distinct, two.known, two.verified, two.oneZone, two.sameZone], [2, true, true, false, []]);
    const params = spread('Params');
    assert.deepStrictEqual([params.distinct, params.known, params.verified, params.oneZone], [2, true, false, false]);
    const mixed = spread('Mixed');
    assert.deepStrictEqual([mixed.distinct, mixed.known, mixed.verified, mixed.oneZone], [2, true, false, false]);
    const partly = spread('Partly');
    assert.deepStrictEqual([partly.distinct, partly.known, partly.oneZone, partly.sameZone], [undefined, false, false, [[0, 2]]]);
    const fromParam = spread('FromParam');
    assert.deepStrictEqual([fromParam.distinct, fromParam.known, fromParam.zones.length], [undefined, false, 1]);
    assert.deepStrictEqual(fromParam.zones[0].az, { kind: 'unknown', reason: 'subnets from list parameter SubnetIds' });
    const byId = azSpread(t, ['List0', 'List1']);
    assert.deepStrictEqual([byId.distinct, byId.verified], [2, false]);
    assert.deepStrictEqual(azSpread(t, undefined), { distinct: undefined, known: false, verified: false, oneZone: false, zones: [], sameZone: [] });
  });
});

describe('resolve: verdicts on one property (evaluate, checkValue, mustBeTrue, stringValues, numberValue)', () => {
  it('literal, absent, parameter with a default, Fn::If, mapping', () => {
    const t = tpl(DB('!Ref MultiAZ'));
    const multi = prop(t, 'Db', 'MultiAZ');
    assert.deepStrictEqual(mustBeTrue(t, multi), { status: 'conditional', phrase: 'unless parameter MultiAZ is true', parameter: t.parameters.get('MultiAZ') });
    assert.deepStrictEqual(mustBeTrue(t, undefined), { status: 'bad', how: 'not set, default false', literal: true });
    const lit = tpl(DB('false'));
    assert.deepStrictEqual(mustBeTrue(lit, prop(lit, 'Db', 'MultiAZ')), { status: 'bad', how: 'false', literal: true, value: false });
    assert.deepStrictEqual(mustBeTrue(tpl(DB('true')), prop(tpl(DB('true')), 'Db', 'MultiAZ')), { status: 'good' });
    const byIf = tpl(DB('!If [IsProd, true, false]'));
    const e = evaluate(byIf, prop(byIf, 'Db', 'MultiAZ'), (v) => (v === undefined ? false : asBoolean(v)));
    assert.deepStrictEqual(e, { literal: false, qualifier: ' unless condition IsProd is true', value: false });
    const byMap = tpl(DB('!FindInMap [EnvConfig, !Ref Env, MultiAZ]'));
    assert.deepStrictEqual(checkValue(byMap, prop(byMap, 'Db', 'MultiAZ'), (v) => asBoolean(v ?? undefined), 'absent'), { status: 'conditional', phrase: 'unless parameter Env is prod' });
    assert.deepStrictEqual(stringValues(byMap, prop(byMap, 'Db', 'MultiAZ')), ['false', 'true']);
    assert.strictEqual(numberValue(lit, prop(lit, 'Db', 'MultiAZ')), undefined);
  });

  it('readers of intrinsics: isNoValue and refName', () => {
    const t = tpl('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      A: !Ref AWS::NoValue\n      B: !Ref Other\n      C: 3\n');
    assert.strictEqual(isNoValue(prop(t, 'Q', 'A')), true);
    assert.strictEqual(isNoValue(prop(t, 'Q', 'B')), false);
    assert.strictEqual(refName(prop(t, 'Q', 'B')), 'Other');
    assert.strictEqual(refName(prop(t, 'Q', 'C')), undefined);
    assert.strictEqual(numberValue(t, prop(t, 'Q', 'C')), 3);
  });
});
