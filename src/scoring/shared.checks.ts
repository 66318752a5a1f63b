import { gap, type Gap } from './gaps';
import { integrationConditionHolds, integrationIssues } from './integrations.index';
import type { ReviewIndex } from './reviews.index';
import type { ScoringContext } from './scoring.context';

/** Checks that Indicator 7 and 18 share: the integration condition, in-window reviews, follow-ups. */

export function integrationGaps(ctx: ScoringContext, code: string): Gap[] {
  const targets = ctx.rules.integrationTargets;
  if (integrationConditionHolds(ctx.integrations, targets)) return [];
  const params = {
    targets,
    kinds: integrationKindList(ctx, targets),
    statuses: ctx.statuses,
    integrations: integrationIssues(ctx.integrations, targets),
  };
  return [gap(code, 'INTEGRATION_MISSING', params)];
}

/** Edition parameters may require counting integrations with given targets at level 5 (C: splp). */
export function requiredIntegrationGaps(ctx: ScoringContext, code: (target: string) => string): Gap[] {
  return ctx.rules.l5RequiredIntegrations
    .filter((target) => !ctx.integrations.counting.has(target))
    .map((target) =>
      gap(code(target), 'REQUIRED_INTEGRATION_MISSING', {
        target,
        kinds: integrationKindList(ctx, [target]),
        statuses: ctx.statuses,
      }),
    );
}

/** An in-window review of the subject exists (covering `unit`, when one is given). */
export function reviewGaps(
  ctx: ScoringContext,
  index: ReviewIndex,
  subject: 'spl' | 'policy',
  code: string,
  unit?: string,
): Gap[] {
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

/** An in-window SPL review (covering `unit`, when given) has a qualifying follow-up. */
export function followUpGaps(ctx: ScoringContext, code: string, unit?: string): Gap[] {
  if (ctx.splReviews.followedUpFor(unit)) return [];
  const described = ctx.splReviews.describe(unit);
  const params = {
    asOf: ctx.asOf,
    kinds: ctx.kindLists.FOLLOW_UP,
    improvementKinds: ctx.kindLists.IMPROVEMENT,
    statuses: ctx.statuses,
    reviews: described.reviews,
    followUps: described.followUps,
    ...(unit === undefined ? {} : { unit }),
  };
  return [gap(code, 'FOLLOW_UP_MISSING', params)];
}

/** The kinds that make an integration with one of the targets count (splp_onboarding only for the SPLP). */
function integrationKindList(ctx: ScoringContext, targets: readonly string[]): string[] {
  const extra = targets.includes('splp') ? ctx.kindLists.INTEGRATION_SPLP : [];
  return [...ctx.kindLists.INTEGRATION, ...extra];
}
