import type { FollowUpCheck } from '../../framework/framework.schema';
import { gap, type Gap } from '../gaps';
import type { ScoringContext } from '../scoring.context';
import { codeAt, type CheckSite } from './check.types';
import { reviewsOf } from './review.check';

/**
 * An in-window review of the subject (covering the unit, for a unit) has a qualifying
 * follow-up: done, dated from the review to asOf, with counting FOLLOW_UP and IMPROVEMENT evidence.
 */
export function followUpCheck(ctx: ScoringContext, check: FollowUpCheck, site: CheckSite): Gap[] {
  const index = reviewsOf(ctx, check.subject);
  const unit = site.unit?.id;
  if (index.followedUpFor(unit)) return [];
  const described = index.describe(unit);
  const params = {
    asOf: ctx.asOf,
    kinds: ctx.kindLists.FOLLOW_UP,
    improvementKinds: ctx.kindLists.IMPROVEMENT,
    statuses: ctx.statuses,
    reviews: described.reviews,
    followUps: described.followUps,
    ...(unit === undefined ? {} : { unit }),
  };
  return [gap(codeAt(site, check.gap), 'FOLLOW_UP_MISSING', params)];
}
