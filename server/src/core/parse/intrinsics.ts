import { MapNode, Node, ScalarNode, isMap } from './node';

/** Short-form YAML tags and the long-form key each stands for. */
export const SHORT_TAGS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!If': 'Fn::If',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!FindInMap': 'Fn::FindInMap',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!GetAZs': 'Fn::GetAZs',
  '!ImportValue': 'Fn::ImportValue',
  '!Transform': 'Fn::Transform',
  '!ToJsonString': 'Fn::ToJsonString',
  '!Length': 'Fn::Length',
  '!ForEach': 'Fn::ForEach',
  // Rules-section assertion functions.
  '!Contains': 'Fn::Contains',
  '!EachMemberEquals': 'Fn::EachMemberEquals',
  '!EachMemberIn': 'Fn::EachMemberIn',
  '!RefAll': 'Fn::RefAll',
  '!ValueOf': 'Fn::ValueOf',
  '!ValueOfAll': 'Fn::ValueOfAll',
  '!Implies': 'Fn::Implies',
};

/** Every intrinsic function key in long form. */
export const INTRINSIC_KEYS: ReadonlySet<string> = new Set([
  ...Object.values(SHORT_TAGS),
  'Fn::GetAtt',
  'Fn::ValueOf',
  'Fn::ValueOfAll',
  'Fn::Contains',
  'Fn::EachMemberEquals',
  'Fn::EachMemberIn',
  'Fn::RefAll',
  'Fn::Implies',
]);

export const PSEUDO_PARAMETERS: readonly string[] = [
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
];
export const PSEUDO_SET: ReadonlySet<string> = new Set(PSEUDO_PARAMETERS);

export interface Intrinsic {
  /** Long-form name: 'Ref', 'Condition', 'Fn::Sub', ... */
  fn: string;
  keyNode: ScalarNode;
  arg: Node;
  node: MapNode;
}

/**
 * The intrinsic function a node stands for, if it is a one-pair map whose key is an
 * intrinsic name (`{Ref: X}`, `!Ref X`, `{"Fn::If": [...]}`). `Condition` counts only
 * where `allowCondition` is set (inside `Conditions` and `Fn::And/Or/Not`), because a
 * property may legitimately be named Condition.
 */
export function asIntrinsic(node: Node | undefined, allowCondition = false): Intrinsic | undefined {
  if (!isMap(node) || node.pairs.length !== 1) return undefined;
  const pair = node.pairs[0];
  const fn = pair.key.value;
  if (typeof fn !== 'string') return undefined;
  if (fn === 'Condition' && !allowCondition && !node.shortForm) return undefined;
  if (fn !== 'Ref' && fn !== 'Condition' && !fn.startsWith('Fn::')) return undefined;
  return { fn, keyNode: pair.key, arg: pair.value, node };
}
