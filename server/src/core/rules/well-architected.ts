/**
 * References to the AWS Well-Architected Framework's Reliability pillar that rule docs cite
 * (`docs.references`), and the CloudFormation / SAM reference pages many rules cite, written
 * once so that titles and addresses stay the same everywhere.
 */
export interface DocReference {
  title: string;
  url: string;
}

const PILLAR = 'https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/';

export const WA = {
  /** REL08: how changes are implemented (deployments of the template itself). */
  REL08: { title: 'Well-Architected REL08: Implement change', url: `${PILLAR}implement-change.html` },
  REL09: { title: 'Well-Architected REL09: Back up data', url: `${PILLAR}back-up-data.html` },
  REL10: { title: 'Well-Architected REL10: Use fault isolation to protect your workload', url: `${PILLAR}use-fault-isolation-to-protect-your-workload.html` },
  REL10_BP01: { title: 'Well-Architected REL10-BP01: Deploy the workload to multiple locations', url: `${PILLAR}rel_fault_isolation_multiaz_region_system.html` },
  REL11: { title: 'Well-Architected REL11: Design your workload to withstand component failures', url: `${PILLAR}design-your-workload-to-withstand-component-failures.html` },
  REL11_BP01: { title: 'Well-Architected REL11-BP01: Monitor all components of the workload to detect failures', url: `${PILLAR}rel_withstand_component_failures_monitoring_health.html` },
  REL11_BP02: { title: 'Well-Architected REL11-BP02: Fail over to healthy resources', url: `${PILLAR}rel_withstand_component_failures_failover2good.html` },
  REL04_BP04: { title: 'Well-Architected REL04-BP04: Make all responses idempotent', url: `${PILLAR}rel_prevent_interaction_failure_idempotent.html` },
  REL05: { title: 'Well-Architected REL05: Design interactions in a distributed system to mitigate or withstand failures', url: `${PILLAR}design-interactions-in-a-distributed-system-to-mitigate-or-withstand-failures.html` },
  REL05_BP01: { title: 'Well-Architected REL05-BP01: Implement graceful degradation', url: `${PILLAR}rel_mitigate_interaction_failure_graceful_degradation.html` },
  REL05_BP02: { title: 'Well-Architected REL05-BP02: Throttle requests', url: `${PILLAR}rel_mitigate_interaction_failure_throttle_requests.html` },
  REL05_BP03: { title: 'Well-Architected REL05-BP03: Control and limit retry calls', url: `${PILLAR}rel_mitigate_interaction_failure_limit_retries.html` },
  REL05_BP05: { title: 'Well-Architected REL05-BP05: Set client timeouts', url: `${PILLAR}rel_mitigate_interaction_failure_client_timeouts.html` },
  REL07: { title: 'Well-Architected REL07: Design your workload to adapt to changes in demand', url: `${PILLAR}design-your-workload-to-adapt-to-changes-in-demand.html` },
  REL07_BP01: { title: 'Well-Architected REL07-BP01: Use automation when obtaining or scaling resources', url: `${PILLAR}rel_adapt_to_changes_autoscale_adapt.html` },
  REL08_BP04: { title: 'Well-Architected REL08-BP04: Deploy using immutable infrastructure (automatic rollback)', url: `${PILLAR}rel_tracking_change_management_immutable_infrastructure.html` },
  REL09_BP01: { title: 'Well-Architected REL09-BP01: Identify and back up all data that needs to be backed up', url: `${PILLAR}rel_backing_up_data_identified_backups_data.html` },
  REL09_BP02: { title: 'Well-Architected REL09-BP02: Secure and encrypt backups', url: `${PILLAR}rel_backing_up_data_secured_backups_data.html` },
  REL09_BP03: { title: 'Well-Architected REL09-BP03: Perform data backup automatically', url: `${PILLAR}rel_backing_up_data_automated_backups_data.html` },
  REL10_BP03: { title: 'Well-Architected REL10-BP03: Use bulkhead architectures to limit scope of impact', url: `${PILLAR}rel_fault_isolation_use_bulkhead.html` },
  REL13: { title: 'Well-Architected REL13: Plan for disaster recovery (DR)', url: `${PILLAR}plan-for-disaster-recovery-dr.html` },
  REL13_BP01: { title: 'Well-Architected REL13-BP01: Define recovery objectives for downtime and data loss', url: `${PILLAR}rel_planning_for_recovery_objective_defined_recovery.html` },
  REL13_BP02: { title: 'Well-Architected REL13-BP02: Use defined recovery strategies to meet the recovery objectives', url: `${PILLAR}rel_planning_for_recovery_disaster_recovery.html` },
  REL13_BP05: { title: 'Well-Architected REL13-BP05: Automate recovery', url: `${PILLAR}rel_planning_for_recovery_auto_recovery.html` },
} as const satisfies Record<string, DocReference>;

/** CloudFormation and SAM reference pages cited by several rules. */
export const CFN_DOCS = {
  RESOURCE_TYPES: { title: 'Resource and property types reference', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html' },
  RESOURCES_SECTION: { title: 'Resources section of a template', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html' },
  SAM_RESOURCES: { title: 'AWS SAM resources and properties', url: 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-resources-and-properties.html' },
} as const satisfies Record<string, DocReference>;
