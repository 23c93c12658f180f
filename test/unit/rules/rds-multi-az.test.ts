import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const db = (props: string, id = 'Db') => `  ${id}:\n    Type: AWS::RDS::DBInstance\n    Properties:\n${props}`;
const base = '      Engine: postgres\n      DBInstanceClass: db.m6g.large\n      AllocatedStorage: "20"\n';

ruleTester('rds-multi-az', {
  valid: [
    { name: 'MultiAZ true', yaml: `${head}Resources:\n${db(`${base}      MultiAZ: true\n`)}` },
    { name: 'MultiAZ "true" as a string', yaml: `${head}Resources:\n${db(`${base}      MultiAZ: "true"\n`)}` },
    { name: 'Aurora instance in a cluster', yaml: `${head}Resources:\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-mysql\n${db('      Engine: aurora-mysql\n      DBClusterIdentifier: !Ref Cluster\n      DBInstanceClass: db.r6g.large\n')}` },
    { name: 'read replica', yaml: `${head}Resources:\n${db(`${base}      MultiAZ: true\n`, 'Source')}${db('      SourceDBInstanceIdentifier: !Ref Source\n      DBInstanceClass: db.m6g.large\n', 'Replica')}` },
    { name: 'read replica of a Multi-AZ DB cluster', yaml: `${head}Resources:\n${db('      SourceDBClusterIdentifier: arn:aws:rds:us-east-1:123456789012:cluster:orders\n      DBInstanceClass: db.m6g.large\n')}` },
    { name: 'read replica in some deployments', yaml: `${head}Parameters:\n  Source:\n    Type: String\n    Default: ""\nConditions:\n  IsReplica: !Not [!Equals [!Ref Source, ""]]\nResources:\n${db(`${base}      SourceDBInstanceIdentifier: !If [IsReplica, !Ref Source, !Ref AWS::NoValue]\n`)}` },
    { name: 'SQL Server Express has no Multi-AZ', yaml: `${head}Resources:\n${db('      Engine: sqlserver-ex\n      DBInstanceClass: db.t3.small\n      LicenseModel: license-included\n')}` },
    { name: 'RDS Custom', yaml: `${head}Resources:\n${db('      Engine: custom-oracle-ee\n      DBInstanceClass: db.m5.large\n')}` },
    { name: 'engine from a parameter allowing only SQL Server Express', yaml: `${head}Parameters:\n  Engine:\n    Type: String\n    Default: sqlserver-ex\n    AllowedValues: [sqlserver-ex]\nResources:\n${db('      Engine: !Ref Engine\n      DBInstanceClass: db.t3.small\n')}` },
    { name: 'parameter whose default is Multi-AZ', yaml: `${head}Parameters:\n  MultiAZ:\n    Type: String\n    Default: "true"\n    AllowedValues: ["true", "false"]\nResources:\n${db(`${base}      MultiAZ: !Ref MultiAZ\n`)}` },
    { name: 'Fn::If whose condition holds with the default parameters', yaml: `${head}Parameters:\n  Env:\n    Type: String\n    Default: prod\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n${db(`${base}      MultiAZ: !If [IsProd, true, false]\n`)}` },
    { name: 'parameter without default nor allowed values: the deployer decides', yaml: `${head}Parameters:\n  MultiAZ:\n    Type: String\nResources:\n${db(`${base}      MultiAZ: !Ref MultiAZ\n`)}` },
  ],
  invalid: [
    {
      name: 'MultiAZ absent: the fix sets it',
      yaml: `${head}Resources:\n${db(base)}`,
      errors: [{ message: 'Db is a single-AZ database (MultiAZ not set, default false): an instance failure or an outage of its Availability Zone', severity: 'warning', resource: 'Db', text: 'Db', line: 3 }],
      fixTitles: ['Set MultiAZ: true'],
      output: `${head}Resources:\n${db(`${base}      MultiAZ: true\n`)}`,
    },
    {
      name: 'MultiAZ false, SQL Server Standard',
      yaml: `${head}Resources:\n${db('      Engine: sqlserver-se\n      DBInstanceClass: db.m6i.large\n      LicenseModel: license-included\n      MultiAZ: false\n')}`,
      errors: [{ message: 'Db is a single-AZ database (MultiAZ: false)', text: 'false', line: 9 }],
      output: `${head}Resources:\n${db('      Engine: sqlserver-se\n      DBInstanceClass: db.m6i.large\n      LicenseModel: license-included\n      MultiAZ: true\n')}`,
    },
    {
      name: 'MultiAZ false with an AvailabilityZone: set it and remove the zone (not a safe fix)',
      yaml: `${head}Resources:\n${db(`${base}      MultiAZ: false\n      AvailabilityZone: us-east-1a\n      StorageEncrypted: true\n`)}`,
      errors: [{ message: '(MultiAZ: false)' }],
      fixTitles: ['Set MultiAZ: true and remove AvailabilityZone (review: the instance may be interrupted)'],
      output: `${head}Resources:\n${db(`${base}      MultiAZ: true\n      StorageEncrypted: true\n`)}`,
    },
    {
      name: 'AvailabilityZone as the last property, MultiAZ absent: the zone becomes MultiAZ',
      yaml: `${head}Resources:\n${db(`${base}      AvailabilityZone: !Select [0, !GetAZs '']\n`)}`,
      errors: [{ message: '(MultiAZ not set, default false)' }],
      output: `${head}Resources:\n${db(`${base}      MultiAZ: true\n`)}`,
    },
    {
      name: 'MultiAZ: !Ref AWS::NoValue',
      yaml: `${head}Resources:\n${db(`${base}      MultiAZ: !Ref AWS::NoValue\n`)}`,
      errors: [{ message: '(MultiAZ not set, default false)', text: 'Db' }],
    },
    {
      name: 'parameter with allowed values, default false: informational, fix makes true the default',
      yaml: `${head}Parameters:\n  MultiAZ:\n    Type: String\n    Default: "false"\n    AllowedValues: ["true", "false"]\nResources:\n${db(`${base}      MultiAZ: !Ref MultiAZ\n`)}`,
      errors: [{ message: 'Db is single-AZ unless parameter MultiAZ is true; while single-AZ, an instance failure', severity: 'info', line: 14 }],
      fixTitles: ['Make Multi-AZ the default: set parameter MultiAZ Default to "true"'],
      output: `${head}Parameters:\n  MultiAZ:\n    Type: String\n    Default: "true"\n    AllowedValues: ["true", "false"]\nResources:\n${db(`${base}      MultiAZ: !Ref MultiAZ\n`)}`,
    },
    {
      name: 'parameter without allowed values, long-form Ref: the fix sets the default',
      yaml: `${head}Parameters:\n  DbMultiAz:\n    Type: String\n    Default: false\nResources:\n${db(`${base}      MultiAZ:\n        Ref: DbMultiAz\n`)}`,
      errors: [{ message: 'Db is single-AZ unless parameter DbMultiAz is set to true (default false)', severity: 'info' }],
      output: `${head}Parameters:\n  DbMultiAz:\n    Type: String\n    Default: "true"\nResources:\n${db(`${base}      MultiAZ:\n        Ref: DbMultiAz\n`)}`,
    },
    {
      name: 'Fn::If on a condition false by default: informational, no fix',
      yaml: `${head}Parameters:\n  Env:\n    Type: String\n    Default: dev\n    AllowedValues: [dev, prod]\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n${db(`${base}      MultiAZ: !If [IsProd, true, false]\n`)}`,
      errors: [{ message: 'Db is single-AZ unless condition IsProd is true', severity: 'info', line: 16 }],
      fixTitles: [],
    },
    {
      name: 'parameter default false but a zone set in every case: no default fix',
      yaml: `${head}Parameters:\n  MultiAZ:\n    Type: String\n    Default: "false"\n    AllowedValues: ["true", "false"]\nResources:\n${db(`${base}      MultiAZ: !Ref MultiAZ\n      AvailabilityZone: us-east-1a\n`)}`,
      errors: [{ message: 'unless parameter MultiAZ is true', severity: 'info' }],
      fixTitles: [],
    },
    {
      name: 'a mapping that is false everywhere: a warning, no fix (the mapping is the place to change)',
      yaml: `${head}Mappings:\n  Env:\n    dev:\n      MultiAZ: false\n    prod:\n      MultiAZ: false\nParameters:\n  Env:\n    Type: String\n    Default: dev\n    AllowedValues: [dev, prod]\nResources:\n${db(`${base}      MultiAZ: !FindInMap [Env, !Ref Env, MultiAZ]\n`)}`,
      errors: [{ message: 'Db is a single-AZ database (MultiAZ is false)', severity: 'warning' }],
      fixTitles: [],
    },
  ],
});
