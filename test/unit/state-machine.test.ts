/** parse/state-machine.ts: where definitions are read from, and where findings go when a string cannot be mapped. */
import * as assert from 'assert';
import { parseTemplate } from '../../server/src/core/parse/template';
import { get, isScalar } from '../../server/src/core/parse/node';
import { stateMachines } from '../../server/src/core/parse/state-machine';

const T = (props: string) => `Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      RoleArn: arn:aws:iam::123456789012:role/r\n${props}`;

describe('state machine definitions', () => {
  it('places a state exactly inside a DefinitionString', () => {
    const text = T('      DefinitionString: |\n        {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}\n');
    const t = parseTemplate(text, { format: 'yaml' });
    const [d] = stateMachines(t).definitions;
    const r = d.place(d.states[0].key);
    assert.ok(r.exact);
    assert.strictEqual(text.slice(r.start, r.end), 'A');
    assert.strictEqual(stateMachines(t), stateMachines(t), 'read once per template');
  });

  it('falls back to the property when the source cannot be mapped exactly', () => {
    const text = T('      DefinitionString: |\n        {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}\n');
    const t = parseTemplate(text, { format: 'yaml' });
    // A value the decoder cannot reproduce from the source (as a construct it does not know would give).
    const node = get(t.resources.get('M')!.properties, 'DefinitionString');
    assert.ok(isScalar(node));
    node.value = '{"StartAt": "A",  "States": {"A": {"Type": "Pass", "End": true}}}';
    const [d] = stateMachines(t).definitions;
    const r = d.place(d.states[0].key);
    assert.strictEqual(r.exact, false);
    assert.deepStrictEqual([r.start, r.end], [node.start, node.end]);
  });

  it('lists what it cannot read, with the reason', () => {
    const t = parseTemplate(
      `Parameters:\n  P:\n    Type: String\n${T('      DefinitionString: !Ref P\n')}  S3:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      RoleArn: r\n      DefinitionS3Location: {Bucket: b, Key: k}\n  Bad:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      RoleArn: r\n      DefinitionString: "[1, 2]"\n`,
      { format: 'yaml' },
    );
    const sm = stateMachines(t);
    assert.deepStrictEqual(sm.definitions, []);
    assert.deepStrictEqual(
      sm.unread.map((u) => `${u.resource.id}: ${u.reason}`),
      ['M: DefinitionString is not text written in the template', 'S3: the definition is in S3 (DefinitionS3Location)', 'Bad: the definition is not a JSON object'],
    );
  });

  it('reads Fn::ToJsonString objects as template nodes', () => {
    const text = T('      DefinitionString:\n        Fn::ToJsonString:\n          StartAt: A\n          States:\n            A: {Type: Task, Resource: arn:aws:states:::sns:publish, End: true}\n');
    const [d] = stateMachines(parseTemplate(text, { format: 'yaml' })).definitions;
    assert.ok(d.inTemplate);
    assert.deepStrictEqual(d.states.map((s) => `${s.name}:${s.type}`), ['A:Task']);
  });
});
