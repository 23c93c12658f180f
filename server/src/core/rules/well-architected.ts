/**
 * References to the AWS Well-Architected Framework's Reliability pillar that rule docs cite
 * (`docs.references`), written once so that titles and addresses stay the same everywhere.
 */
export interface DocReference {
  title: string;
  url: string;
}

const PILLAR = 'https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/';

export const WA = {
  /** REL08: how changes are implemented (deployments of the template itself). */
  REL08: { title: 'Well-Architected REL08: Implement change', url: `${PILLAR}implement-change.html` },
  REL09: { title: 'Well-Architected Reliability pillar: back up data (REL09)', url: `${PILLAR}back-up-data.html` },
  REL10: { title: 'Well-Architected REL10: Use fault isolation to protect your workload', url: `${PILLAR}use-fault-isolation-to-protect-your-workload.html` },
  REL10_BP01: { title: 'Well-Architected REL10-BP01: Deploy the workload to multiple locations', url: `${PILLAR}rel_fault_isolation_multiaz_region_system.html` },
  REL11: { title: 'Well-Architected REL11: Design your workload to withstand component failures', url: `${PILLAR}design-your-workload-to-withstand-component-failures.html` },
  REL11_BP01: { title: 'Well-Architected REL11-BP01: Monitor all components of the workload to detect failures', url: `${PILLAR}rel_withstand_component_failures_monitoring_health.html` },
  REL11_BP02: { title: 'Well-Architected REL11-BP02: Fail over to healthy resources', url: `${PILLAR}rel_withstand_component_failures_failover2good.html` },
} as const satisfies Record<string, DocReference>;
