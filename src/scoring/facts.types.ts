/**
 * One agency's facts for one period, as fixed by the scoring contract. Optional fields carry
 * the contract's defaults, which the engine applies itself so that it also accepts facts that
 * were built in code rather than parsed.
 */
export type EvidenceStatus = 'draft' | 'submitted' | 'accepted' | 'needs_revision' | 'rejected';
export type IntegrationTarget = 'splp' | 'other_spl';
export type UnitRefs = 'all' | readonly string[];

export interface Application {
  readonly id: string;
  readonly viaSpl: boolean;
}

export interface Unit {
  readonly id: string;
  /** Default true. */
  readonly inScope?: boolean;
  /** Default []. */
  readonly applications?: readonly Application[];
}

export interface Evidence {
  readonly id: string;
  readonly indicator: number;
  readonly kind: string;
  readonly status: EvidenceStatus;
  readonly date: string;
  /** Omitted: agency-wide evidence that covers no particular unit. */
  readonly units?: UnitRefs;
}

export interface Policy {
  readonly id: string;
  readonly status: 'draft' | 'enacted';
  readonly date: string;
  readonly units: UnitRefs;
  readonly regulatesSplUse: boolean;
  readonly regulatesSplpConnection: boolean;
  /** Default null. */
  readonly replaces?: string | null;
  readonly evidence: readonly string[];
}

export interface Integration {
  readonly id: string;
  readonly with: IntegrationTarget;
  readonly evidence: readonly string[];
}

export interface FollowUp {
  readonly id: string;
  readonly done: boolean;
  readonly date: string;
  readonly evidence: readonly string[];
}

export interface Review {
  readonly id: string;
  readonly subject: 'spl' | 'policy';
  readonly date: string;
  /** Default "all". */
  readonly units?: UnitRefs;
  readonly evidence: readonly string[];
  /** Default []. */
  readonly followUps?: readonly FollowUp[];
}

export interface Facts {
  readonly asOf: string;
  /** Default: the framework's default edition (B for SPBE 2020). */
  readonly edition?: string;
  /** In (0, 1], default 1; used only by editions whose rules apply it. */
  readonly coverageTarget?: number;
  /** Integer 1 to 60; default the edition's (12 for A and B, 24 for C). A reading, not official text. */
  readonly reviewWindowMonths?: number;
  readonly units: readonly Unit[];
  readonly evidence: readonly Evidence[];
  /** Default []. */
  readonly policies?: readonly Policy[];
  /** Default []. */
  readonly integrations?: readonly Integration[];
  /** Default []. */
  readonly reviews?: readonly Review[];
}
