/** Why an assessor returns or rejects an evidence item: the list the review form offers. */
export const REVIEW_REASONS = [
  'wrong_evidence',
  'not_uploaded',
  'out_of_date',
  'does_not_cover_unit',
  'illegible',
  'other',
] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export const DECISIONS = ['accepted', 'needs_revision', 'rejected'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Evaluators move reviewed items between the decisions; internal assessors only return. */
export const EVALUATOR_MOVES: Readonly<Record<string, readonly Decision[]>> = {
  submitted: ['accepted', 'needs_revision', 'rejected'],
  accepted: ['needs_revision', 'rejected'],
  needs_revision: ['accepted', 'rejected'],
  rejected: ['accepted', 'needs_revision'],
};
export const INTERNAL_MOVES: Readonly<Record<string, readonly Decision[]>> = {
  submitted: ['needs_revision'],
};
