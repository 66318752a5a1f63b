import type { ReviewCheck } from '../../framework/framework.schema';
import { gap, type Gap } from '../gaps';
import type { ReviewIndex } from '../reviews.index';
import type { ScoringContext } from '../scoring.context';
import { codeAt, type CheckSite } from './check.types';

/** An in-window review of the subject exists (agency) or covers the unit. */
export function reviewCheck(ctx: ScoringContext, check: ReviewCheck, site: CheckSite): Gap[] {
  return reviewGaps(ctx, check.subject, codeAt(site, check.gap), site.unit?.id);
}

/** The gap of a missing in-window review; `after_review` reports it too. */
export function reviewGaps(
  ctx: ScoringContext,
  subject: 'spl' | 'policy',
  code: string,
  unit?: string,
): Gap[] {
  const index = reviewsOf(ctx, subject);
  const present = unit === undefined ? index.inWindow.length > 0 : index.coversUnit(unit);
  if (present) return [];
  const notCovering = unit === undefined ? [] : index.describe(unit).notCovering;
  const params = {
    subject,
    after: ctx.window.after,
    onOrBefore: ctx.window.onOrBefore,
    kinds: ctx.kindLists.REVIEW,
    statuses: ctx.statuses,
    reviews: [...notCovering, ...index.outside],
    ...(unit === undefined ? {} : { unit }),
  };
  return [gap(code, 'REVIEW_NOT_IN_WINDOW', params)];
}

export function reviewsOf(ctx: ScoringContext, subject: 'spl' | 'policy'): ReviewIndex {
  return subject === 'spl' ? ctx.splReviews : ctx.policyReviews;
}
