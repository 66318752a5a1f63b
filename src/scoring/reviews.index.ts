import { coversUnit, type EvidenceIndex } from './evidence.index';
import type { Review, UnitRefs } from './facts.types';
import type { DatedRef, FollowUpIssue, ReviewIssue } from './gaps';

export interface ReviewWindow {
  readonly months: number;
  /** Exclusive lower bound: asOf minus the window's calendar months. */
  readonly after: string;
  readonly onOrBefore: string;
}

export interface ReviewKinds {
  readonly review: ReadonlySet<string>;
  readonly followUp: ReadonlySet<string>;
  /** Level 5, item 2: the SPL before and with the improvement. */
  readonly improvement: ReadonlySet<string>;
}

interface JudgedReview {
  readonly ref: DatedRef;
  readonly units: UnitRefs;
  /** Why the review is not in the window; undefined when it is. */
  readonly issue?: ReviewIssue['reason'];
  readonly followedUp: boolean;
  readonly followUpIssues: readonly FollowUpIssue[];
}

/** The reviews of one subject, judged once; unit questions are answered from precomputed sets. */
export interface ReviewIndex {
  readonly inWindow: readonly DatedRef[];
  /** Reviews of this subject that are not in the window, with the reason. */
  readonly outside: readonly ReviewIssue[];
  coversUnit(unitId: string): boolean;
  followedUpFor(unitId: string | undefined): boolean;
  /** In-window reviews (covering the unit, when given) and their non-qualifying follow-ups. */
  describe(unitId: string | undefined): {
    reviews: DatedRef[];
    followUps: FollowUpIssue[];
    notCovering: ReviewIssue[];
  };
}

export function indexReviews(
  reviews: readonly Review[],
  subject: Review['subject'],
  window: ReviewWindow,
  kinds: ReviewKinds,
  evidence: EvidenceIndex,
): ReviewIndex {
  const judged = reviews
    .filter((r) => r.subject === subject)
    .map((r) => judgeReview(r, window, kinds, evidence));
  const inWindow = judged.filter((r) => r.issue === undefined);
  const covered = unitSets(inWindow);
  const followed = unitSets(inWindow.filter((r) => r.followedUp));
  return {
    inWindow: inWindow.map((r) => r.ref),
    outside: judged.flatMap((r) => (r.issue ? [{ ...r.ref, reason: r.issue }] : [])),
    coversUnit: (unitId) => covered.all || covered.units.has(unitId),
    followedUpFor: (unitId) =>
      unitId === undefined ? followed.any : followed.all || followed.units.has(unitId),
    describe: (unitId) => describeReviews(inWindow, unitId),
  };
}

function judgeReview(
  review: Review,
  window: ReviewWindow,
  kinds: ReviewKinds,
  evidence: EvidenceIndex,
): JudgedReview {
  const ref = { id: review.id, date: review.date };
  const units = review.units ?? 'all';
  let issue: ReviewIssue['reason'] | undefined;
  if (review.date > window.onOrBefore) issue = 'after_as_of';
  else if (review.date <= window.after) issue = 'before_window';
  else if (!evidence.anyCounting(review.evidence, kinds.review)) issue = 'no_evidence';
  const followUpIssues: FollowUpIssue[] = [];
  let followedUp = false;
  for (const followUp of review.followUps ?? []) {
    let reason: FollowUpIssue['reason'] | undefined;
    if (!followUp.done) reason = 'not_done';
    else if (followUp.date < review.date) reason = 'before_review';
    else if (followUp.date > window.onOrBefore) reason = 'after_as_of';
    else if (!evidence.anyCounting(followUp.evidence, kinds.followUp)) reason = 'no_evidence';
    else if (!evidence.anyCounting(followUp.evidence, kinds.improvement)) reason = 'no_improvement_evidence';
    if (reason) followUpIssues.push({ id: followUp.id, review: review.id, reason });
    else followedUp = true;
  }
  return { ref, units, issue, followedUp, followUpIssues };
}

function unitSets(reviews: readonly JudgedReview[]): { any: boolean; all: boolean; units: Set<string> } {
  const units = new Set<string>();
  let all = false;
  for (const review of reviews) {
    if (review.units === 'all') all = true;
    else for (const unitId of review.units) units.add(unitId);
  }
  return { any: reviews.length > 0, all, units };
}

function describeReviews(inWindow: readonly JudgedReview[], unitId: string | undefined) {
  const reviews: DatedRef[] = [];
  const followUps: FollowUpIssue[] = [];
  const notCovering: ReviewIssue[] = [];
  for (const review of inWindow) {
    if (unitId !== undefined && !coversUnit(review.units, unitId)) {
      notCovering.push({ ...review.ref, reason: 'not_covering' });
      continue;
    }
    reviews.push(review.ref);
    followUps.push(...review.followUpIssues);
  }
  return { reviews, followUps, notCovering };
}
