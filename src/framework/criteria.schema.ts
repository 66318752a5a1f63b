import { z } from 'zod';

/**
 * The vocabulary in which a level's conditions are written (docs/criteria-vocabulary.md).
 * Each check names its type in `check` and the gap code suffix it yields in `gap`; the engine
 * prefixes the indicator and level (`I18_L4_` or `I18_UNIT_L4_`). A parameter written as
 * `{ rule: NAME }` takes its value from the criteria edition's `rules`, so editions that differ
 * only in a number or a target list share one list of checks.
 */

export const KIND_SET_NAMES = [
  'DOC',
  'L1',
  'INTEGRATION',
  'REVIEW',
  'FOLLOW_UP',
  'IMPROVEMENT',
  'INTEGRATION_SPLP',
  'POLICY_ENACTED',
  'POLICY_DRAFT',
] as const;
export const kindSetName = z.enum(KIND_SET_NAMES);
export const integrationTarget = z.enum(['splp', 'other_spl']);

const gapSuffix = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, 'expected an upper-case gap code suffix such as "NO_DOC"');
const kindSets = z.array(kindSetName).min(1, 'name at least one kind set');

/** Counting evidence of the indicator, of one of these kind sets, exists (agency) or covers the unit. */
const evidenceCheck = z.strictObject({
  check: z.literal('evidence'),
  kinds: kindSets,
  /** How the gap message words it: "evidence of kind …" or "documentation of kind …". */
  message: z.enum(['evidence', 'documentation']).optional(),
  gap: gapSuffix,
});

/**
 * The share of the unit's applications via the SPL (`applications`, unit checks), or of units
 * in scope at unit level 2 or more (`units`, agency checks), is above 0 (`any`), at least the
 * period's coverage target (`target`), or at least a fixed fraction.
 */
const shareCheck = z.strictObject({
  check: z.literal('share'),
  of: z.enum(['applications', 'units']),
  atLeast: z.union([z.enum(['any', 'target']), z.number().gt(0).lte(1)]),
  /** For `units`: the kind sets named in the message as what lifts a unit to level 2. */
  kinds: kindSets.optional(),
  gap: gapSuffix,
});

const targetsRule = z.strictObject({ rule: z.enum(['integrationTargets', 'l5RequiredIntegrations']) });

/** A counting integration with one of the targets (`any`), or with each of them (`each`). */
const integrationCheck = z.strictObject({
  check: z.literal('integration'),
  with: z.union([z.array(integrationTarget).min(1), targetsRule]),
  require: z.enum(['any', 'each']).optional(),
  /** With `each`, `{TARGET}` in the code stands for the missing target, e.g. NO_{TARGET}_INTEGRATION. */
  gap: z
    .string()
    .regex(/^[A-Z][A-Z0-9_{}]*$/, 'expected an upper-case gap code suffix such as "NO_INTEGRATION"'),
});

/** An in-window review of the subject exists (agency) or covers the unit. */
const reviewCheck = z.strictObject({
  check: z.literal('review'),
  subject: z.enum(['spl', 'policy']),
  gap: gapSuffix,
});

/** An in-window SPL review (covering the unit, for unit checks) has a qualifying follow-up. */
const followUpCheck = z.strictObject({
  check: z.literal('follow_up'),
  subject: z.literal('spl'),
  gap: gapSuffix,
});

/**
 * A qualifying policy (draft or enacted: `any`; `enacted`) exists, and, when given, covers some
 * or all units in scope, or regulates the connection to the SPLP.
 */
const policyCheck = z.strictObject({
  check: z.literal('policy'),
  status: z.enum(['any', 'enacted']),
  covers: z.enum(['some', 'all']).optional(),
  regulatesSplpConnection: z.literal(true).optional(),
  gap: gapSuffix,
});

const monthsRule = z.strictObject({ rule: z.literal('policyReplacementGapMonths') });

/** A qualifying enacted policy that replaces another is dated after an in-window policy review, by at least `months`. */
const afterReviewCheck = z.strictObject({
  check: z.literal('after_review'),
  subject: z.literal('policy'),
  months: z.union([z.int().min(0).max(120), monthsRule]),
  gap: gapSuffix,
});

/** Distinct kind lists of `evidence` checks one edition may use: the evidence index tells them apart by the bits of a mask. */
export const MAX_EVIDENCE_GROUPS = 31;

export const CHECK_TYPES = [
  'evidence',
  'share',
  'integration',
  'review',
  'follow_up',
  'policy',
  'after_review',
] as const;

export const criterionCheck = z.discriminatedUnion(
  'check',
  [evidenceCheck, shareCheck, integrationCheck, reviewCheck, followUpCheck, policyCheck, afterReviewCheck],
  { error: () => `unknown check type; expected one of ${CHECK_TYPES.join(', ')}` },
);

export type CriterionCheck = z.infer<typeof criterionCheck>;
export type CheckType = CriterionCheck['check'];
export type CheckOf<T extends CheckType> = Extract<CriterionCheck, { check: T }>;
export type EvidenceCheck = CheckOf<'evidence'>;
export type ShareCheck = CheckOf<'share'>;
export type IntegrationCheck = CheckOf<'integration'>;
export type ReviewCheck = CheckOf<'review'>;
export type FollowUpCheck = CheckOf<'follow_up'>;
export type PolicyCheck = CheckOf<'policy'>;
export type AfterReviewCheck = CheckOf<'after_review'>;
