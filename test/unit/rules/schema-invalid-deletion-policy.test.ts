import * as assert from 'assert';
import { ruleTester } from './tester';
import { SNAPSHOT_RESOURCE_TYPES, validPolicies } from '../../../server/src/core/spec/policies';
import { hasResourceType } from '../../../server/src/core/spec/spec';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';

describe('spec/policies', () => {
  it('lists the documented Snapshot types, all known to the schema', () => {
    assert.strictEqual(SNAPSHOT_RESOURCE_TYPES.size, 8);
    for (const t of SNAPSHOT_RESOURCE_TYPES) assert.ok(hasResourceType(t), t);
  });
  it('gives the values valid per attribute and type', () => {
    assert.deepStrictEqual(validPolicies('DeletionPolicy', 'AWS::RDS::DBCluster'), ['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot']);
    assert.deepStrictEqual(validPolicies('DeletionPolicy', 'AWS::S3::Bucket'), ['Delete', 'Retain', 'RetainExceptOnCreate']);
    assert.deepStrictEqual(validPolicies('UpdateReplacePolicy', 'AWS::EC2::Volume'), ['Delete', 'Retain', 'Snapshot']);
    assert.deepStrictEqual(validPolicies('UpdateReplacePolicy', undefined), ['Delete', 'Retain']);
  });
});

ruleTester('schema-invalid-deletion-policy', {
  valid: [
    {
      name: 'valid values, Snapshot where supported, Fn::If with valid branches, other intrinsics',
      yaml: `${head}Transform: AWS::LanguageExtensions\nParameters:\n  P:\n    Type: String\nConditions:\n  Prod: !Equals [a, b]\nResources:\n  Vol:\n    Type: AWS::EC2::Volume\n    DeletionPolicy: Snapshot\n    UpdateReplacePolicy: Snapshot\n    Properties: {AvailabilityZone: us-east-1a, Size: 1}\n  Q:\n    Type: AWS::SQS::Queue\n    DeletionPolicy: RetainExceptOnCreate\n    UpdateReplacePolicy: !If [Prod, Retain, Delete]\n  Q2:\n    Type: AWS::SQS::Queue\n    DeletionPolicy: !Ref P\n  Third:\n    Type: MyOrg::Svc::Thing\n    DeletionPolicy: Snapshot\n`,
    },
  ],
  invalid: [
    {
      name: 'Snapshot on a type that cannot be snapshotted: fix to Retain',
      yaml: `${head}Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    DeletionPolicy: Snapshot\n`,
      errors: [{ message: 'DeletionPolicy Snapshot is not supported for AWS::S3::Bucket', text: 'Snapshot', resource: 'Bucket', line: 5 }],
      fixTitles: ['Change to Retain'],
      output: `${head}Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    DeletionPolicy: Retain\n`,
    },
    {
      name: 'wrong case, quoted',
      yaml: `${head}Resources:\n  Db:\n    Type: AWS::RDS::DBCluster\n    Properties: {Engine: aurora-mysql}\n    DeletionPolicy: 'snapshot'\n`,
      errors: [{ message: 'DeletionPolicy "snapshot" is not valid: use Delete, Retain, RetainExceptOnCreate or Snapshot. Did you mean Snapshot?' }],
      output: `${head}Resources:\n  Db:\n    Type: AWS::RDS::DBCluster\n    Properties: {Engine: aurora-mysql}\n    DeletionPolicy: 'Snapshot'\n`,
    },
    {
      name: 'RetainExceptOnCreate as UpdateReplacePolicy, an invalid Fn::If branch, a non-string value',
      yaml: `${head}Conditions:\n  Prod: !Equals [a, b]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    UpdateReplacePolicy: RetainExceptOnCreate\n    DeletionPolicy: !If [Prod, Retain, Keep]\n  R:\n    Type: AWS::SQS::Queue\n    DeletionPolicy: [Retain]\n`,
      errors: [
        { message: 'RetainExceptOnCreate is valid for DeletionPolicy only; UpdateReplacePolicy must be one of Delete or Retain.', text: 'RetainExceptOnCreate' },
        { message: 'DeletionPolicy "Keep" is not valid: use Delete, Retain or RetainExceptOnCreate.', text: 'Keep' },
        { message: 'DeletionPolicy of R must be one of Delete, Retain or RetainExceptOnCreate.' },
      ],
      output: `${head}Conditions:\n  Prod: !Equals [a, b]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    UpdateReplacePolicy: Retain\n    DeletionPolicy: !If [Prod, Retain, Keep]\n  R:\n    Type: AWS::SQS::Queue\n    DeletionPolicy: [Retain]\n`,
    },
  ],
});
