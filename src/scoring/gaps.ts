/**
 * What a level lacks, as data: a stable code, a message template and its parameters.
 * Messages are rendered in the requested language only for the gaps that are shown.
 */
export interface NotCountingEvidence {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly date: string;
  readonly reason: 'status' | 'after_as_of';
}

export interface ReviewIssue {
  readonly id: string;
  readonly date: string;
  readonly reason: 'before_window' | 'after_as_of' | 'no_evidence' | 'not_covering';
}

export interface FollowUpIssue {
  readonly id: string;
  readonly review: string;
  readonly reason: 'not_done' | 'before_review' | 'after_as_of' | 'no_evidence' | 'no_improvement_evidence';
}

export interface IntegrationIssue {
  readonly id: string;
  readonly with: string;
  readonly reason: 'other_target' | 'no_evidence';
}

export interface PolicyIssue {
  readonly id: string;
  readonly reason: 'not_spl_use' | 'after_as_of' | 'no_evidence' | 'draft' | 'too_early';
}

export interface DatedRef {
  readonly id: string;
  readonly date: string;
}

interface Counting {
  readonly kinds: readonly string[];
  readonly statuses: readonly string[];
}

export interface TemplateParams {
  REVIEW_NOT_IN_WINDOW: Counting & {
    subject: 'spl' | 'policy';
    after: string;
    onOrBefore: string;
    unit?: string;
    reviews: readonly ReviewIssue[];
  };
  INTEGRATION_MISSING: Counting & { targets: readonly string[]; integrations: readonly IntegrationIssue[] };
  REQUIRED_INTEGRATION_MISSING: Counting & { target: string };
  FOLLOW_UP_MISSING: Counting & {
    improvementKinds: readonly string[];
    asOf: string;
    unit?: string;
    reviews: readonly DatedRef[];
    followUps: readonly FollowUpIssue[];
  };
  USE_NO_L1_EVIDENCE: Counting & {
    indicator: number;
    asOf: string;
    unit?: string;
    notCounting: readonly NotCountingEvidence[];
  };
  USE_NO_UNITS_IN_SCOPE: Record<string, never>;
  USE_NO_UNIT_AT_L2: { indicator: number; kinds: readonly string[] };
  USE_UNITS_BELOW_L2: {
    indicator: number;
    kinds: readonly string[];
    coverage: number;
    target: number;
    atL2: number;
    inScope: number;
    needed: number;
  };
  UNIT_NO_APPLICATIONS: { unit: string };
  UNIT_NO_APP_VIA_SPL: { unit: string; apps: readonly string[] };
  UNIT_NO_DOC: Counting & {
    unit?: string;
    indicator: number;
    asOf: string;
    notCounting: readonly NotCountingEvidence[];
  };
  UNIT_BELOW_TARGET: {
    unit: string;
    via: number;
    total: number;
    target: number;
    needed: number;
    apps: readonly string[];
  };
  POLICY_NONE_QUALIFYING: {
    asOf: string;
    draftKinds: readonly string[];
    enactedKinds: readonly string[];
    statuses: readonly string[];
    policies: readonly PolicyIssue[];
  };
  POLICY_NO_ENACTED: Counting & { asOf: string; drafts: readonly string[]; policies: readonly PolicyIssue[] };
  POLICY_NO_UNITS_IN_SCOPE: Record<string, never>;
  POLICY_NO_UNIT_COVERED: { policies: readonly string[] };
  POLICY_UNITS_NOT_COVERED: { policies: readonly string[] };
  POLICY_NO_SPLP_CONNECTION: { policies: readonly string[] };
  POLICY_REVIEW_TOO_RECENT: {
    review: DatedRef;
    earliest: string;
    asOf: string;
    gapMonths: number;
    after: string;
  };
  POLICY_NO_REPLACEMENT: Counting & {
    review: DatedRef;
    earliest: string;
    gapMonths: number;
    asOf: string;
    candidates: readonly (PolicyIssue & { date: string })[];
  };
}

export type TemplateKey = keyof TemplateParams;

/** A correlated union: the params always match the template. */
export type Gap = {
  [K in TemplateKey]: {
    readonly code: string;
    readonly template: K;
    readonly params: TemplateParams[K];
    readonly units?: readonly string[];
  };
}[TemplateKey];

export function gap<K extends TemplateKey>(
  code: string,
  template: K,
  params: TemplateParams[K],
  units?: readonly string[],
): Gap {
  return (units ? { code, template, params, units } : { code, template, params }) as Gap;
}
