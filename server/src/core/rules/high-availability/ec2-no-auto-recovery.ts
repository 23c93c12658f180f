import { defineRule } from '../contract';
import { WA } from '../well-architected';
import { FixBuilder } from '../../fix/builder';
import { ref, sub } from '../../fix/value';
import type { FixValue } from '../../fix/value';
import { get, isMap, isSeq, scalarString } from '../../parse/node';
import type { Resource, Template } from '../../parse/template';
import type { Fix, Severity } from '../../types';
import { keyRange, prop, referencedResource } from './_ha';
import { flatText, stringValues } from '../../graph/resolve';

const INSTANCE = 'AWS::EC2::Instance';
const ALARM = 'AWS::CloudWatch::Alarm';

const RECOVER = /^arn:[^:]*:automate:[^:]*:ec2:recover$/;

type AlarmState = 'recover' | 'unknown' | 'other';

/** Does this alarm watch the instance (a `Dimensions` entry `InstanceId: !Ref Instance`) and recover it? */
function alarmState(t: Template, alarm: Resource, instance: string): AlarmState | undefined {
  const dims = prop(alarm, 'Dimensions');
  if (!isSeq(dims)) return undefined;
  const watches = dims.items.some((d) => scalarString(get(d, 'Name')) === 'InstanceId' && referencedResource(t, get(d, 'Value'))?.id === instance);
  if (!watches) return undefined;
  const actions = prop(alarm, 'AlarmActions');
  if (!actions) return 'other';
  if (!isSeq(actions)) return 'unknown';
  let unknown = false;
  for (const a of actions.items) {
    const text = flatText(a);
    if (text === undefined) {
      unknown = true;
      continue;
    }
    if (RECOVER.test(text.replace(/\$\{[^}]*\}/g, 'x'))) return 'recover';
    // A parameter or a value we cannot read might be the recover ARN.
    if (/^\$\{[^}]+\}$/.test(text) && !/^\$\{AWS::/.test(text)) unknown = true;
  }
  return unknown ? 'unknown' : 'other';
}

/** Instance families whose types come with NVMe instance store volumes (`m5d`, `c6gd`, `r5dn`, `i3`, …). */
const INSTANCE_STORE_TYPE = /^(?:[a-z]+\d+[a-z]*d[a-z]*|i\d[a-z]*|d\d[a-z]*|h1|im4gn|is4gen)\./;

/**
 * Why EC2 cannot recover this instance, when the template says so: instance store volumes
 * (mapped with `VirtualName: ephemeralN`, or built into every value its `InstanceType` can
 * take) or a Dedicated Host (`Tenancy: host`). Recovery needs EBS-only instances on default
 * or dedicated tenancy.
 */
function unrecoverable(t: Template, res: Resource): string | undefined {
  const bdm = prop(res, 'BlockDeviceMappings');
  if (isSeq(bdm) && bdm.items.some((m) => /^ephemeral\d+$/.test(scalarString(get(m, 'VirtualName')) ?? ''))) return 'instance store volume';
  if (scalarString(prop(res, 'Tenancy')) === 'host') return 'dedicated host';
  const types = stringValues(t, prop(res, 'InstanceType'));
  if (types?.length && types.every((x) => INSTANCE_STORE_TYPE.test(x))) return 'instance store type';
  return undefined;
}

/** The launch template's `MaintenanceOptions.AutoRecovery`, when the instance uses one from this template. */
function autoRecoverySetting(t: Template, instance: Resource): string | undefined {
  const lt = prop(instance, 'LaunchTemplate');
  if (!isMap(lt)) return undefined;
  const target = referencedResource(t, get(lt, 'LaunchTemplateId')) ?? referencedResource(t, get(lt, 'LaunchTemplateName'));
  if (!target || target.type !== 'AWS::EC2::LaunchTemplate') return undefined;
  return scalarString(prop(target, 'LaunchTemplateData', 'MaintenanceOptions', 'AutoRecovery'));
}

export default defineRule({
  meta: {
    id: 'ec2-no-auto-recovery',
    area: 'high-availability',
    severity: 'info',
    title: 'Stand-alone EC2 instance without a recovery alarm',
    fixable: true,
    docs: {
      summary:
        'An `AWS::EC2::Instance` (a stand-alone instance: Auto Scaling groups launch their instances from launch templates, not from this resource) with no `AWS::CloudWatch::Alarm` in the template whose `Dimensions` name it (`Name: InstanceId`, `Value: !Ref Instance`) and whose `AlarmActions` include the EC2 recover action (`arn:aws:automate:<region>:ec2:recover`, any partition, literal, `!Sub` or `!Join`). The alarm is found through the instance\'s dependents in the dependency graph. Alarms whose actions come from a parameter count as possibly recovering. Default severity is info: since 2022 EC2 turns on *simplified automatic recovery* by default for supported instance types, so a supported instance is already moved to healthy hardware after a system status check failure without any alarm. The finding is a warning when the instance\'s launch template sets `MaintenanceOptions.AutoRecovery: disabled`. Instances EC2 cannot recover are not reported: instance store volumes mapped in `BlockDeviceMappings` (`VirtualName: ephemeralN`), an `InstanceType` whose every possible value has built-in instance store volumes (`m5d`, `c6gd`, `i3`, `d3`, …), or `Tenancy: host`. Otherwise the rule cannot tell whether the instance type supports recovery (for a type chosen by a parameter, or an older family): check the EC2 documentation for your type.',
      why: 'A stand-alone instance is a single point of failure: when its host fails, the workload it runs is down until the instance is moved to healthy hardware. Simplified automatic recovery does that by default on supported types, but it sends no notification of its own and does not operate during AWS service events; a CloudWatch recover alarm reacts at one-minute granularity, can notify an SNS topic with the outcome, and makes the recovery intent explicit in the template (and restores it when the launch template disabled the default). Neither helps with an Availability Zone outage or a failed operating system: for that, put the workload in an Auto Scaling group across zones.',
      fix: 'The quick fix adds an `AWS::CloudWatch::Alarm` on `StatusCheckFailed_System` as the EC2 and CloudWatch documentation recommend: statistic `Minimum`, period 60 seconds, 2 evaluation periods, threshold `> 0`, action `!Sub "arn:${AWS::Partition}:automate:${AWS::Region}:ec2:recover"` (two one-minute periods avoid racing a reboot alarm, which should use three). It carries the instance\'s `Condition` when it has one. The fix is not marked safe for unattended "fix all": check first that the instance type supports recovery. Add an SNS topic to `AlarmActions` to be told about recoveries. Better still for anything that serves traffic: replace the instance by an Auto Scaling group of at least two instances in two Availability Zones.',
      references: [
        { title: 'Amazon EC2: automatic instance recovery', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-recover.html' },
        { title: 'Amazon EC2: simplified automatic recovery', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-configuration-recovery.html' },
        { title: 'Amazon EC2: CloudWatch action based recovery', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/cloudwatch-recovery.html' },
        { title: 'Amazon CloudWatch: create alarms to stop, terminate, reboot, or recover an EC2 instance', url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/UsingAlarmActions.html' },
        { title: 'AWS::CloudWatch::Alarm', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudwatch-alarm.html' },
        WA.REL11_BP02,
        WA.REL10,
      ],
    },
  },
  check(ctx) {
    const t = ctx.template;
    const g = ctx.graph;
    for (const res of t.resourcesByType.get(INSTANCE) ?? []) {
      // An Auto Scaling group built from this instance (InstanceId) manages copies of it.
      let covered = g.referencesAt(res.id, ['Properties', 'InstanceId'], { fromType: 'AWS::AutoScaling::AutoScalingGroup' }).length > 0;
      for (const r of g.referencesAt(res.id, ['Properties', 'Dimensions'], { fromType: ALARM })) {
        if (covered) break;
        const alarm = t.resources.get(r.source);
        const s = alarm ? alarmState(t, alarm, res.id) : undefined;
        if (s === 'recover' || s === 'unknown') covered = true;
      }
      if (covered || unrecoverable(t, res)) continue;
      const setting = autoRecoverySetting(t, res);
      const disabled = setting === 'disabled';
      const severity: Severity | undefined = disabled ? 'warning' : undefined;
      const message = disabled
        ? `${res.id} is a stand-alone EC2 instance whose launch template disables simplified automatic recovery and no CloudWatch alarm recovers it: when its host fails, it stays down until someone stops and starts it.`
        : `${res.id} is a stand-alone EC2 instance with no CloudWatch alarm to recover it: when its host fails, only EC2's default simplified automatic recovery (supported instance types only, no notification) brings it back.`;
      const fixes: Fix[] = [];
      const b = new FixBuilder(t);
      const body: { [k: string]: FixValue } = { Type: ALARM };
      const cond = scalarString(res.condition);
      if (cond) body.Condition = cond;
      body.Properties = {
        AlarmDescription: `Recover ${res.id} onto healthy hardware when its system status check fails`,
        Namespace: 'AWS/EC2',
        MetricName: 'StatusCheckFailed_System',
        Dimensions: [{ Name: 'InstanceId', Value: ref(res.id) }],
        Statistic: 'Minimum',
        Period: 60,
        EvaluationPeriods: 2,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [sub('arn:${AWS::Partition}:automate:${AWS::Region}:ec2:recover')],
      };
      const id = b.addResource(`${res.id}RecoveryAlarm`, body);
      const edits = b.build();
      if (edits) fixes.push({ title: `Add a CloudWatch alarm that recovers ${res.id} (${id})`, edits, preferred: true });
      ctx.report({ ...keyRange(res), resource: res.id, message, fixes, ...(severity ? { severity } : {}) });
    }
  },
});
