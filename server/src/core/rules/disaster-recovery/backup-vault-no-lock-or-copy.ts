import { defineRule } from '../contract';
import { FixBuilder } from '../../fix/builder';
import { Node, get, isScalar, scalarNumber, scalarString } from '../../parse/node';
import { asIntrinsic } from '../../parse/intrinsics';
import type { Resource, Template } from '../../parse/template';
import type { Graph } from '../../graph/graph';
import type { Fix, RelatedLocation } from '../../types';
import { literalItems, opaque, prop  } from '../high-availability/_stores';
import { isNoValue } from '../../graph/resolve';
import { PLAN } from '../../stores/backup-selection';
import { maybePresent, unreadable, writtenAlike } from '../../stores/data-stores';
import { WA } from '../well-architected';

const VAULT = 'AWS::Backup::BackupVault';

interface PlanRule {
  plan: Resource;
  rule: Node;
  index: number;
}

/** Plan rules of the template whose `TargetBackupVault` is this vault (a reference, or its literal name). */
function rulesTargeting(t: Template, g: Graph, vault: Resource): PlanRule[] {
  const name = prop(vault, 'BackupVaultName');
  const out: PlanRule[] = [];
  for (const plan of t.resourcesByType.get(PLAN) ?? []) {
    (literalItems(prop(plan, 'BackupPlan', 'BackupPlanRule')) ?? []).forEach((rule, index) => {
      const target = get(rule, 'TargetBackupVault');
      if (!target) return;
      const byRef = g.referencesFrom(plan.id, ['Properties', 'BackupPlan', 'BackupPlanRule', index, 'TargetBackupVault']).some((r) => r.target === `Resources.${vault.id}`);
      const byName = writtenAlike(target, name);
      if (byRef || byName) out.push({ plan, rule, index });
    });
  }
  return out;
}

type CopyDestination = 'same-region' | 'elsewhere';

/** Where a copy action sends recovery points: a vault of this stack or `${AWS::Region}` is the same Region; a literal Region, a parameter or an import may be elsewhere. */
function copyDestination(t: Template, g: Graph, pr: PlanRule, copyIndex: number, arn: Node | undefined): CopyDestination {
  if (!arn) return 'elsewhere';
  const refs = g.referencesFrom(pr.plan.id, ['Properties', 'BackupPlan', 'BackupPlanRule', pr.index, 'CopyActions', copyIndex, 'DestinationBackupVaultArn']);
  if (refs.some((r) => t.resources.get(r.target.replace(/^Resources\./, ''))?.type === VAULT)) return 'same-region';
  const i = asIntrinsic(arn);
  const text = isScalar(arn) ? scalarString(arn) : i?.fn === 'Fn::Sub' && isScalar(i.arg) ? scalarString(i.arg) : undefined;
  // `${AWS::Partition}` holds colons: name the variables before splitting the ARN.
  const region = text?.replace(/\$\{([^}]*)\}/g, (_, v: string) => `{${v.replace(/:/g, '.')}}`).split(':')[3];
  if (region === '{AWS..Region}') return 'same-region';
  return 'elsewhere';
}

export default defineRule({
  meta: {
    id: 'backup-vault-no-lock-or-copy',
    area: 'disaster-recovery',
    severity: 'info',
    title: 'Backup vault without a vault lock or a copy to another Region',
    fixable: true,
    docs: {
      summary:
        'An `AWS::Backup::BackupVault` without `LockConfiguration` (AWS Backup Vault Lock), or one that backup plan rules of the template target (`TargetBackupVault` referencing it, or written like its `BackupVaultName`, e.g. the same literal or the same `!Sub "${AWS::StackName}-vault"`) while none of those rules has a `CopyActions` entry to a vault outside the Region. A copy to a vault of the same template, or to an ARN written with `${AWS::Region}`, stays in the Region; a copy to an ARN with another Region, a parameter or an import counts as leaving it. Logically air-gapped vaults (`AWS::Backup::LogicallyAirGappedBackupVault`) are always locked and are not checked.',
      why: 'Backups are the last line of defence, so they are what an attacker with a compromised role, ransomware, or a mistaken clean-up script goes after: without a vault lock, anyone with `backup:DeleteRecoveryPoint` (or permission to change the vault\'s access policy) can delete every recovery point. And recovery points kept only in the workload\'s Region are lost or unreachable with it in a Regional event, leaving nothing to restore from where the workload would be recovered.',
      fix: 'Add `LockConfiguration` with `MinRetentionDays` no longer than the shortest retention of the rules that use the vault (the quick fix adds a governance-mode lock; add `ChangeableForDays` to move to compliance mode, which nobody can undo after the grace period). Add a `CopyActions` entry with `DestinationBackupVaultArn` pointing at a vault in the recovery Region (and ideally another account), with its own `Lifecycle`.',
      references: [
        { title: 'AWS Backup Vault Lock', url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html' },
        { title: 'AWS Backup: creating backup copies across AWS Regions', url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html' },
        { title: 'AWS::Backup::BackupVault LockConfigurationType', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-backup-backupvault-lockconfigurationtype.html' },
        { title: 'AWS::Backup::BackupPlan CopyActionResourceType', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-backup-backupplan-copyactionresourcetype.html' },
        WA.REL09_BP02,
        WA.REL13_BP02,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    const g = ctx.graph;
    for (const vault of t.resourcesByType.get(VAULT) ?? []) {
      if (unreadable(vault) || opaque(vault)) continue;
      const unlocked = !maybePresent(t, prop(vault, 'LockConfiguration'));
      const rules = rulesTargeting(t, g, vault);
      let copiesOut = false;
      for (const pr of rules) {
        const copies = get(pr.rule, 'CopyActions');
        if (!copies || isNoValue(copies)) continue;
        const items = literalItems(copies);
        if (!items) {
          copiesOut = true; // built with an intrinsic: cannot be told
          continue;
        }
        items.forEach((c, i) => {
          if (copyDestination(t, g, pr, i, get(c, 'DestinationBackupVaultArn')) === 'elsewhere') copiesOut = true;
        });
      }
      const noCopy = rules.length > 0 && !copiesOut;
      const range = { start: vault.key.start, end: vault.key.end };
      const related: RelatedLocation[] = rules.map((r) => {
        const at = get(r.rule, 'TargetBackupVault') ?? r.rule;
        return { start: at.start, end: at.end, message: `${r.plan.id} backs up into ${vault.id}` };
      });
      if (unlocked) {
        const fix = lockFix(t, vault, rules);
        ctx.report({
          ...range,
          resource: vault.id,
          message: `${vault.id} (backup vault) has no vault lock (LockConfiguration): anyone with enough permissions, or malware using a compromised role, can delete its recovery points before they expire.`,
          related,
          fixes: fix ? [fix] : [],
        });
      }
      if (noCopy) {
        const names = [...new Set(rules.map((r) => r.plan.id))].join(', ');
        ctx.report({
          ...range,
          resource: vault.id,
          message: `${vault.id} (backup vault) receives backups from ${names}, whose rules copy nothing to another Region: a Regional event takes the backups together with the data they protect.`,
          related,
          fixes: [],
        });
      }
    }
  },
});

/** A governance-mode lock whose minimum retention no rule using the vault undercuts. */
function lockFix(t: Template, vault: Resource, rules: PlanRule[]): Fix | undefined {
  let days = 7;
  for (const r of rules) {
    const lifecycle = get(r.rule, 'Lifecycle');
    if (!lifecycle || isNoValue(lifecycle)) continue;
    const del = get(lifecycle, 'DeleteAfterDays');
    if (!del || isNoValue(del)) continue;
    const n = scalarNumber(del);
    if (n === undefined) return undefined;
    days = Math.min(days, n);
  }
  if (days < 1) return undefined;
  const b = new FixBuilder(t);
  b.setProperty(vault, ['LockConfiguration', 'MinRetentionDays'], days);
  const edits = b.build();
  return edits ? { title: `Add a vault lock in governance mode (LockConfiguration MinRetentionDays: ${days})`, edits, preferred: true, safe: false } : undefined;
}
