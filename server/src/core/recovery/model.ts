/**
 * The recovery model's data: per data store, for each kind of disruption, the recovery
 * point (RPO: how much data is lost) and recovery time (RTO: how long until it serves
 * again) that what the template configures can achieve, with the documented figures and
 * the evidence behind them; and the template's DR strategy. Plain data, computed once per
 * analysis (estimate.ts) and shared by the rules, code lenses, hover and the report.
 */
import type { Fix } from '../types';
import type { Range } from './duration';
import type { FigureId } from './figures';

/**
 * The disruptions the model estimates, after AWS Resilience Hub's disruption types:
 * - `az`: the loss of an instance, a node or a whole Availability Zone;
 * - `data`: data corrupted or deleted by a person or a program (replicas copy the damage: only backups or versions help);
 * - `region`: the Region is unavailable.
 */
export type Disruption = 'az' | 'data' | 'region';

export const DISRUPTIONS: readonly Disruption[] = ['az', 'data', 'region'];

export const DISRUPTION_LABEL: Readonly<Record<Disruption, string>> = {
  az: 'instance or Availability Zone failure',
  data: 'data corruption or deletion',
  region: 'Region outage',
};

/** Short prefixes for code lenses. */
export const DISRUPTION_SHORT: Readonly<Record<Disruption, string>> = { az: 'AZ', data: 'Data', region: 'Region' };

export interface Outcome {
  /** Data lost, seconds (Infinity: nothing to recover from). */
  rpo: Range;
  /** Time to serve again, seconds (Infinity: cannot recover). */
  rto: Range;
  /** Short name of how recovery happens: "Multi-AZ failover", "point-in-time restore", "no copy outside the Region". */
  mechanism: string;
  /** The documented figures the numbers come from. */
  figures: FigureId[];
  /** Caveats: assumptions made, things the template cannot tell. */
  notes?: string[];
}

export interface Alternative {
  outcome: Outcome;
  /** When it applies: "when parameter MultiAZ is false", "if DeletionProtection is … (not known from the template)". */
  when: string;
}

export interface DisruptionEstimate {
  disruption: Disruption;
  /** With every parameter at its default (conditions evaluated with those defaults). */
  outcome: Outcome;
  /** Smallest and largest values over every deployment the parameters and conditions allow. */
  rpo: Range;
  rto: Range;
  /** Outcomes other deployments get, with when. */
  alternatives: Alternative[];
}

/** A fact read from the template that the estimate relies on, located where it is written. */
export interface Evidence {
  text: string;
  start?: number;
  end?: number;
}

/** A change that would improve an estimate, with what it would give. */
export interface Improvement {
  disruption: Disruption;
  /** What to change: "set MultiAZ: true", "enable point-in-time recovery". */
  action: string;
  /** The outcome once changed. */
  outcome: Outcome;
  /** The quick fix, when a property change does it (built lazily: only when reported). */
  fix?: () => Fix | undefined;
}

export type StoreFamily =
  | 'rds-instance'
  | 'rds-multi-az-cluster'
  | 'aurora'
  | 'docdb'
  | 'neptune'
  | 'dynamodb'
  | 'dynamodb-global'
  | 's3'
  | 'efs'
  | 'elasticache'
  | 'ebs'
  | 'redshift'
  | 'opensearch';

export interface StoreEstimate {
  /** Logical ID. */
  id: string;
  type: string;
  family: StoreFamily;
  /** "RDS DB instance (postgres)", "DynamoDB table". */
  label: string;
  /** The logical ID's range (where lenses, hovers and findings go). */
  start: number;
  end: number;
  /** The resource's `Condition`, when it exists only in some deployments. */
  condition?: string;
  estimates: Record<Disruption, DisruptionEstimate>;
  evidence: Evidence[];
  improvements: Improvement[];
  /** The estimate considered several deployments (parameters/conditions) or could not read a value. */
  uncertain: string[];
}

export type Strategy = 'none' | 'backup-and-restore' | 'pilot-light' | 'warm-standby' | 'multi-site';

export const STRATEGIES: readonly Strategy[] = ['none', 'backup-and-restore', 'pilot-light', 'warm-standby', 'multi-site'];

export const STRATEGY_LABEL: Readonly<Record<Strategy, string>> = {
  none: 'None',
  'backup-and-restore': 'Backup and restore',
  'pilot-light': 'Pilot light',
  'warm-standby': 'Warm standby',
  'multi-site': 'Multi-site active/active',
};

export interface StrategyResult {
  strategy: Strategy;
  /** Why: each piece of evidence, located when it is a place in the template. */
  evidence: Evidence[];
  /** What the next class up would need. */
  next?: string;
  /** Another class some deployments reach (parameters, conditions), with when. */
  alternative?: { strategy: Strategy; when: string };
  /** The whitepaper's figure for the class (absent for none). */
  figure?: FigureId;
  /** Other figures the evidence quotes (Route 53 failover detection). */
  figures: FigureId[];
}

export interface OverallEstimate {
  /** Worst over the data stores (the application needs all its data). */
  rpo: Range;
  rto: Range;
  /** Logical IDs of the stores that set the worst values. */
  limitedBy: string[];
}

export interface RecoveryModel {
  stores: StoreEstimate[];
  byId: Map<string, StoreEstimate>;
  strategy: StrategyResult;
  overall: Record<Disruption, OverallEstimate>;
}
