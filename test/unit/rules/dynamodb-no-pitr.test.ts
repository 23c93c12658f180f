import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const keys = '      KeySchema:\n        - AttributeName: pk\n          KeyType: HASH\n      AttributeDefinitions:\n        - AttributeName: pk\n          AttributeType: S\n';
const table = (extra = '') => `  Orders:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n${keys}${extra}`;
const global = (replicas: string) => `  Global:\n    Type: AWS::DynamoDB::GlobalTable\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      StreamSpecification:\n        StreamViewType: NEW_AND_OLD_IMAGES\n${keys}      Replicas:\n${replicas}`;

ruleTester('dynamodb-no-pitr', {
  valid: [
    { name: 'PITR enabled', yaml: `${head}Resources:\n${table('      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: true\n')}` },
    { name: 'PITR enabled as a string', yaml: `${head}Resources:\n${table('      PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: "true"}\n')}` },
    {
      name: 'whole specification chosen by a condition true with the defaults',
      yaml: `${head}Parameters:\n  Env:\n    Type: String\n    Default: prod\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n${table('      PointInTimeRecoverySpecification: !If [IsProd, {PointInTimeRecoveryEnabled: true}, !Ref AWS::NoValue]\n')}`,
    },
    { name: 'global table, every replica with PITR', yaml: `${head}Resources:\n${global('        - Region: us-east-1\n          PointInTimeRecoverySpecification:\n            PointInTimeRecoveryEnabled: true\n        - Region: eu-west-1\n          PointInTimeRecoverySpecification:\n            PointInTimeRecoveryEnabled: true\n')}` },
    { name: 'a value from an import cannot be told', yaml: `${head}Resources:\n${table('      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: !ImportValue pitr\n')}` },
  ],
  invalid: [
    {
      name: 'no specification: the fix adds it',
      yaml: `${head}Resources:\n${table()}`,
      errors: [{ message: 'Orders has no point-in-time recovery (no PointInTimeRecoverySpecification): a bad write, a faulty migration or items deleted by mistake can only be undone from on-demand backups', severity: 'warning', resource: 'Orders', text: 'Orders', line: 3 }],
      fixTitles: ['Enable point-in-time recovery'],
      output: `${head}Resources:\n${table('      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: true\n')}`,
    },
    {
      name: 'disabled explicitly: the fix flips it',
      yaml: `${head}Resources:\n${table('      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: false\n')}`,
      errors: [{ message: 'Orders has no point-in-time recovery (PointInTimeRecoveryEnabled: false)', text: 'false', line: 14 }],
      output: `${head}Resources:\n${table('      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: true\n')}`,
    },
    {
      name: 'a specification with only the recovery period',
      yaml: `${head}Resources:\n${table('      PointInTimeRecoverySpecification:\n        RecoveryPeriodInDays: 14\n')}`,
      errors: [{ message: '(PointInTimeRecoveryEnabled not set, default false)' }],
      output: `${head}Resources:\n${table('      PointInTimeRecoverySpecification:\n        RecoveryPeriodInDays: 14\n        PointInTimeRecoveryEnabled: true\n')}`,
    },
    {
      name: 'from a parameter defaulting to false: informational',
      yaml: `${head}Parameters:\n  Pitr:\n    Type: String\n    Default: "false"\n    AllowedValues: ["true", "false"]\nResources:\n${table('      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: !Ref Pitr\n')}`,
      errors: [{ message: 'Orders has no point-in-time recovery unless parameter Pitr is true: while it is off,', severity: 'info' }],
      fixTitles: [],
    },
    {
      name: 'whole specification chosen by a condition false with the defaults: informational',
      yaml: `${head}Parameters:\n  Env:\n    Type: String\n    Default: dev\n    AllowedValues: [dev, prod]\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n${table('      PointInTimeRecoverySpecification: !If [IsProd, {PointInTimeRecoveryEnabled: true}, !Ref AWS::NoValue]\n')}`,
      errors: [{ message: 'Orders has no point-in-time recovery unless condition IsProd is true', severity: 'info', line: 20 }],
    },
    {
      name: 'global table: the replica without it, fixed in place',
      yaml: `${head}Resources:\n${global('        - Region: us-east-1\n          PointInTimeRecoverySpecification:\n            PointInTimeRecoveryEnabled: true\n        - Region: eu-west-1\n          TableClass: STANDARD\n')}`,
      errors: [{ message: 'Global (replica in eu-west-1) has no point-in-time recovery (no PointInTimeRecoverySpecification)', text: 'eu-west-1' }],
      output: `${head}Resources:\n${global('        - Region: us-east-1\n          PointInTimeRecoverySpecification:\n            PointInTimeRecoveryEnabled: true\n        - Region: eu-west-1\n          TableClass: STANDARD\n          PointInTimeRecoverySpecification:\n            PointInTimeRecoveryEnabled: true\n')}`,
    },
    {
      name: 'SAM SimpleTable cannot have it',
      yaml: `${head}Transform: AWS::Serverless-2016-10-31\nResources:\n  Sessions:\n    Type: AWS::Serverless::SimpleTable\n`,
      errors: [{ message: 'Sessions is a SAM SimpleTable, which cannot enable point-in-time recovery', text: 'Sessions' }],
      fixTitles: [],
    },
  ],
});
