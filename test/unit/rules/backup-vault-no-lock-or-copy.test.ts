import { ruleTester } from './tester';

const head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const vault = (extra = '', id = 'Vault', name = 'main') => `  ${id}:\n    Type: AWS::Backup::BackupVault\n    Properties:\n      BackupVaultName: ${name}\n${extra}`;
const lock = '      LockConfiguration:\n        MinRetentionDays: 7\n';
const plan = (target: string, extra = '') =>
  `  Plan:\n    Type: AWS::Backup::BackupPlan\n    Properties:\n      BackupPlan:\n        BackupPlanName: daily\n        BackupPlanRule:\n          - RuleName: daily\n            TargetBackupVault: ${target}\n            ScheduleExpression: cron(0 5 * * ? *)\n${extra}`;
const copy = (arn: string) => `            CopyActions:\n              - DestinationBackupVaultArn: ${arn}\n`;
const lifecycle = (days: number) => `            Lifecycle:\n              DeleteAfterDays: ${days}\n`;

ruleTester('backup-vault-no-lock-or-copy', {
  valid: [
    { name: 'locked vault that no plan of the template uses', yaml: `${head}Resources:\n${vault(lock)}` },
    { name: 'locked, copied to another Region (literal ARN)', yaml: `${head}Resources:\n${vault(lock)}${plan('!Ref Vault', copy('arn:aws:backup:us-west-2:123456789012:backup-vault:dr'))}` },
    { name: 'locked, copied to a vault given by a parameter', yaml: `${head}Parameters:\n  DrVault:\n    Type: String\nResources:\n${vault(lock)}${plan('!Ref Vault', copy('!Ref DrVault'))}` },
    { name: 'locked, targeted by its literal name, copied to an import', yaml: `${head}Resources:\n${vault(lock)}${plan('main', copy('!ImportValue dr-vault-arn'))}` },
    { name: 'lock chosen by a condition', yaml: `${head}Conditions:\n  Lock: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n${vault('      LockConfiguration: !If [Lock, {MinRetentionDays: 7}, !Ref AWS::NoValue]\n')}` },
  ],
  invalid: [
    {
      name: 'a vault without lock, unused by the template\'s plans: the fix adds a 7-day lock',
      yaml: `${head}Resources:\n${vault()}`,
      errors: [
        {
          message: 'Vault (backup vault) has no vault lock (LockConfiguration): anyone with enough permissions, or malware using a compromised role, can delete its recovery points before they expire.',
          severity: 'info',
          resource: 'Vault',
          text: 'Vault',
        },
      ],
      fixTitles: ['Add a vault lock in governance mode (LockConfiguration MinRetentionDays: 7)'],
      output: `${head}Resources:\n${vault(lock)}`,
    },
    {
      name: 'locked but every copy stays in the Region (a vault of the same stack)',
      yaml: `${head}Resources:\n${vault(lock)}${vault('', 'Copy', 'copy')}${plan('!Ref Vault', copy('!GetAtt Copy.BackupVaultArn'))}`,
      errors: [
        { message: 'Vault (backup vault) receives backups from Plan, whose rules copy nothing to another Region: a Regional event takes the backups together with the data they protect.', resource: 'Vault' },
        { message: 'Copy (backup vault) has no vault lock (LockConfiguration)', resource: 'Copy' },
      ],
      fixTitles: [],
    },
    {
      name: 'neither lock nor copy; the lock fix follows the shortest retention',
      yaml: `${head}Resources:\n${vault()}${plan('!Ref Vault', lifecycle(3))}`,
      errors: [{ message: 'Vault (backup vault) has no vault lock (LockConfiguration)' }, { message: 'Vault (backup vault) receives backups from Plan, whose rules copy nothing to another Region' }],
      output: `${head}Resources:\n${vault('      LockConfiguration:\n        MinRetentionDays: 3\n')}${plan('!Ref Vault', lifecycle(3))}`,
    },
    {
      name: 'targeted through the same Fn::Sub as the vault name, no copy',
      yaml: `${head}Resources:\n${vault(lock, 'Vault', '!Sub "${AWS::StackName}-vault"')}${plan('!Sub "${AWS::StackName}-vault"')}`,
      errors: [{ message: 'Vault (backup vault) receives backups from Plan, whose rules copy nothing to another Region' }],
    },
    {
      name: 'a copy to an ARN written with ${AWS::Region} stays in the Region',
      yaml: `${head}Resources:\n${vault(lock)}${plan('!GetAtt Vault.BackupVaultName', copy('!Sub "arn:${AWS::Partition}:backup:${AWS::Region}:${AWS::AccountId}:backup-vault:other"'))}`,
      errors: [{ message: 'whose rules copy nothing to another Region' }],
    },
  ],
});
