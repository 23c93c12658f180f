import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const keys = '      KeySchema:\n        - AttributeName: pk\n          KeyType: HASH\n      AttributeDefinitions:\n        - AttributeName: pk\n          AttributeType: S\n';
const table = (id: string, extra = '') => `  ${id}:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n${keys}${extra}`;
const plan =
  '  Vault:\n    Type: AWS::Backup::BackupVault\n    Properties:\n      BackupVaultName: main\n  Plan:\n    Type: AWS::Backup::BackupPlan\n    Properties:\n      BackupPlan:\n        BackupPlanName: daily\n        BackupPlanRule:\n          - RuleName: daily\n            TargetBackupVault: !Ref Vault\n            ScheduleExpression: cron(0 5 * * ? *)\n';
const selection = (body: string, id = 'Selection') =>
  `  ${id}:\n    Type: AWS::Backup::BackupSelection\n    Properties:\n      BackupPlanId: !Ref Plan\n      BackupSelection:\n        SelectionName: data\n        IamRoleArn: arn:aws:iam::123456789012:role/backup\n${body}`;
const resources = (...items: string[]) => `        Resources:\n${items.map((i) => `          - ${i}\n`).join('')}`;
const tagged = (k: string, v: string) => `      Tags:\n        - Key: ${k}\n          Value: ${v}\n`;

ruleTester('backup-plan-coverage', {
  valid: [
    { name: 'selected through a reference', yaml: `${head}Resources:\n${table('Orders')}${plan}${selection(resources('!GetAtt Orders.Arn'))}` },
    { name: 'every DynamoDB table by wildcard', yaml: `${head}Resources:\n${table('Orders')}${plan}${selection(resources('"arn:aws:dynamodb:*:*:table/*"'))}` },
    { name: 'everything', yaml: `${head}Resources:\n${table('Orders')}${plan}${selection(resources('"*"'))}` },
    { name: 'a selection with neither Resources nor ListOfTags selects every resource', yaml: `${head}Resources:\n${table('Orders')}${plan}${selection('')}` },
    { name: 'Sub pattern with pseudo-parameters', yaml: `${head}Resources:\n${table('Orders')}${plan}${selection(resources('!Sub "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*"'))}` },
    {
      name: 'by tag (ListOfTags)',
      yaml: `${head}Resources:\n${table('Orders', tagged('backup', 'daily'))}${plan}${selection('        ListOfTags:\n          - ConditionType: STRINGEQUALS\n            ConditionKey: backup\n            ConditionValue: daily\n')}`,
    },
    {
      name: 'by a tag no resource of the template carries: stack-level tags may add it',
      yaml: `${head}Resources:\n${table('Orders')}${plan}${selection('        ListOfTags:\n          - ConditionType: STRINGEQUALS\n            ConditionKey: backup\n            ConditionValue: daily\n')}`,
    },
    {
      name: 'Conditions StringLike on the store\'s tag',
      yaml: `${head}Resources:\n${table('Orders', tagged('tier', 'production'))}${plan}${selection(`${resources('"*"')}        Conditions:\n          StringLike:\n            - ConditionKey: aws:ResourceTag/tier\n              ConditionValue: prod*\n`)}`,
    },
    {
      name: 'table named by a parameter and a literal ARN: cannot be told',
      yaml: `${head}Parameters:\n  Name:\n    Type: String\nResources:\n${table('Orders', '      TableName: !Ref Name\n')}${plan}${selection(resources('arn:aws:dynamodb:us-east-1:123456789012:table/orders'))}`,
    },
    {
      name: 'RDS identifiers are compared in lower case',
      yaml: `${head}Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      DBInstanceIdentifier: Orders\n      Engine: postgres\n      DBInstanceClass: db.m6g.large\n      AllocatedStorage: "20"\n${plan}${selection(resources('arn:aws:rds:us-east-1:123456789012:db:orders'))}`,
    },
    { name: 'no backup plan in the template', yaml: `${head}Resources:\n${table('Orders')}` },
    {
      name: 'EFS with automatic backups',
      yaml: `${head}Resources:\n  Files:\n    Type: AWS::EFS::FileSystem\n    Properties:\n      BackupPolicy:\n        Status: ENABLED\n${plan}${selection(resources('!GetAtt Other.Arn'))}${table('Other')}`,
    },
    { name: 'ElastiCache is not an AWS Backup resource', yaml: `${head}Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: c\n${plan}${selection(resources('!GetAtt Other.Arn'))}${table('Other')}` },
    { name: 'log bucket', yaml: `${head}Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: LogDeliveryWrite\n${plan}${selection(resources('!GetAtt Other.Arn'))}${table('Other')}` },
  ],
  invalid: [
    {
      name: 'a second table left out: the fix appends its ARN',
      yaml: `${head}Resources:\n${table('Orders')}${table('Invoices')}${plan}${selection(resources('!GetAtt Orders.Arn'))}`,
      errors: [
        {
          message: "Invoices (DynamoDB table) is not covered by the template's AWS Backup plan (none of the template's backup selections (Selection) selects it): AWS Backup does not back it up, so the plan's schedule, retention, vault and copies to another Region or account do not apply to it.",
          severity: 'warning',
          resource: 'Invoices',
          text: 'Invoices',
        },
      ],
      fixTitles: ['Add Invoices to the Resources of backup selection Selection'],
      output: `${head}Resources:\n${table('Orders')}${table('Invoices')}${plan}${selection(resources('!GetAtt Orders.Arn', '!GetAtt [Invoices, Arn]'))}`,
    },
    {
      name: 'RDS instance with a DynamoDB-only wildcard: the fix uses DBInstanceArn',
      yaml: `${head}Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.m6g.large\n      AllocatedStorage: "20"\n${plan}${selection(resources('arn:aws:dynamodb:*:*:table/*'))}`,
      errors: [{ message: 'Db (RDS DB instance) is not covered' }],
      output: `${head}Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.m6g.large\n      AllocatedStorage: "20"\n${plan}${selection(resources('arn:aws:dynamodb:*:*:table/*', '!GetAtt [Db, DBInstanceArn]'))}`,
    },
    {
      name: 'EBS volume: the fix writes the ARN with Fn::Sub',
      yaml: `${head}Resources:\n  Data:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 10\n      AvailabilityZone: us-east-1a\n${plan}${selection(resources('arn:aws:rds:*:*:cluster:*'))}`,
      errors: [{ message: 'Data (EBS volume) is not covered' }],
      output: `${head}Resources:\n  Data:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 10\n      AvailabilityZone: us-east-1a\n${plan}${selection(resources('arn:aws:rds:*:*:cluster:*', '!Sub "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:volume/${Data}"'))}`,
    },
    {
      name: 'by tag: the untagged table is left out when the template does the tagging (no fix: no Resources list)',
      yaml: `${head}Resources:\n${table('Orders', tagged('backup', 'daily'))}${table('Invoices')}${plan}${selection('        ListOfTags:\n          - ConditionType: STRINGEQUALS\n            ConditionKey: backup\n            ConditionValue: daily\n')}`,
      errors: [{ message: 'Invoices (DynamoDB table) is not covered' }],
      fixTitles: [],
    },
    {
      name: 'a tag condition excludes it',
      yaml: `${head}Resources:\n${table('Orders', tagged('backup', 'never'))}${plan}${selection(`${resources('"*"')}        Conditions:\n          StringEquals:\n            - ConditionKey: aws:ResourceTag/backup\n              ConditionValue: daily\n`)}`,
      errors: [{ message: 'Orders (DynamoDB table) is not covered' }],
      fixTitles: [],
    },
    {
      name: 'NotResources excludes it',
      yaml: `${head}Resources:\n${table('Orders')}${plan}${selection(`${resources('"*"')}        NotResources:\n          - !GetAtt Orders.Arn\n`)}`,
      errors: [{ message: 'Orders (DynamoDB table) is not covered' }],
      fixTitles: [],
    },
    {
      name: 'a literal ARN cannot name a table whose name CloudFormation generates',
      yaml: `${head}Resources:\n${table('Orders')}${plan}${selection(resources('arn:aws:dynamodb:us-east-1:123456789012:table/orders'))}`,
      errors: [{ message: 'Orders (DynamoDB table) is not covered' }],
    },
    {
      name: 'a plan without any selection',
      yaml: `${head}Resources:\n${table('Orders')}${plan}`,
      errors: [{ message: "Orders (DynamoDB table) is not covered by the template's AWS Backup plan (no AWS::Backup::BackupSelection in the template assigns anything to backup plan Plan)" }],
      fixTitles: [],
    },
    {
      name: 'S3 bucket holding data, selected by a pattern for another bucket',
      yaml: `${head}Resources:\n  Uploads:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: uploads-prod\n${plan}${selection(resources('arn:aws:s3:::logs-*'))}`,
      errors: [{ message: 'Uploads (S3 bucket holding data) is not covered' }],
      output: `${head}Resources:\n  Uploads:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: uploads-prod\n${plan}${selection(resources('arn:aws:s3:::logs-*', '!GetAtt [Uploads, Arn]'))}`,
    },
  ],
});
