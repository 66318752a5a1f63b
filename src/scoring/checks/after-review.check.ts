import type { AfterReviewCheck } from '../../framework/framework.schema';
import { addCalendarMonths, nextDay } from '../dates';
import { gap, type DatedRef, type Gap, type PolicyIssue } from '../gaps';
import type { ScoringContext } from '../scoring.context';
import { codeAt, type CheckSite } from './check.types';
import { reviewGaps } from './review.check';

/**
 * A qualifying enacted policy with `replaces` set is dated strictly after an in-window policy
 * review and at least `months` calendar months after it. An agency check; without an in-window
 * review it yields the review's gap (`NO_REVIEW_IN_WINDOW`), and `REVIEW_TOO_RECENT` when even
 * the earliest review leaves no room before asOf.
 */
export function afterReviewCheck(ctx: ScoringContext, check: AfterReviewCheck, site: CheckSite): Gap[] {
  const reviews = ctx.policyReviews.inWindow;
  if (reviews.length === 0) return reviewGaps(ctx, check.subject, codeAt(site, 'NO_REVIEW_IN_WINDOW'));
  const gapMonths = typeof check.months === 'number' ? check.months : ctx.rules[check.months.rule];
  const replacing = ctx.policyIndex.enacted.filter((policy) => (policy.replaces ?? null) !== null);
  const met = replacing.some((policy) =>
    reviews.some((review) => earliestReplacement(review, gapMonths) <= policy.date),
  );
  if (met) return [];
  const review = reviews.reduce((a, b) => (b.date < a.date ? b : a));
  const earliest = earliestReplacement(review, gapMonths);
  if (earliest > ctx.asOf) {
    const params = { review, earliest, asOf: ctx.asOf, gapMonths, after: ctx.window.after };
    return [gap(codeAt(site, 'REVIEW_TOO_RECENT'), 'POLICY_REVIEW_TOO_RECENT', params)];
  }
  const params = {
    review,
    earliest,
    gapMonths,
    asOf: ctx.asOf,
    kinds: ctx.kindLists.POLICY_ENACTED,
    statuses: ctx.statuses,
    candidates: replacementCandidates(ctx, earliest),
  };
  return [gap(codeAt(site, check.gap), 'POLICY_NO_REPLACEMENT', params)];
}

/** The first date a replacing policy may carry: the day after the review, and at least gapMonths after it. */
function earliestReplacement(review: DatedRef, gapMonths: number): string {
  const dayAfter = nextDay(review.date);
  const afterGap = addCalendarMonths(review.date, gapMonths);
  return afterGap > dayAfter ? afterGap : dayAfter;
}

/** Policies with `replaces` set that fail, and why: not qualifying, a draft, or dated too early. */
function replacementCandidates(ctx: ScoringContext, earliest: string): (PolicyIssue & { date: string })[] {
  return ctx.policies
    .filter((policy) => (policy.replaces ?? null) !== null)
    .map((policy) => {
      const reason =
        ctx.policyIndex.issues.get(policy.id) ?? (policy.status === 'draft' ? 'draft' : 'too_early');
      return { id: policy.id, date: policy.date, reason };
    })
    .filter((candidate) => candidate.reason !== 'too_early' || candidate.date < earliest);
}
