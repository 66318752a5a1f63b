import type { CriterionCheck } from '../../framework/framework.schema';
import type { Gap } from '../gaps';
import type { ScoringContext } from '../scoring.context';
import { afterReviewCheck } from './after-review.check';
import type { CheckSite } from './check.types';
import { evidenceCheck } from './evidence.check';
import { followUpCheck } from './follow-up.check';
import { integrationCheck } from './integration.check';
import { policyCheck } from './policy.check';
import { reviewCheck } from './review.check';
import { shareCheck } from './share.check';

export type { CheckSite, UnitLevel } from './check.types';
export { COVERAGE_UNIT_LEVEL, meetsShare } from './share.check';

/** One door into the vocabulary: what the check lacks at this site, empty when it holds. */
export function runCheck(ctx: ScoringContext, check: CriterionCheck, site: CheckSite): Gap[] {
  switch (check.check) {
    case 'evidence':
      return evidenceCheck(ctx, check, site);
    case 'share':
      return shareCheck(ctx, check, site);
    case 'integration':
      return integrationCheck(ctx, check, site);
    case 'review':
      return reviewCheck(ctx, check, site);
    case 'follow_up':
      return followUpCheck(ctx, check, site);
    case 'policy':
      return policyCheck(ctx, check, site);
    case 'after_review':
      return afterReviewCheck(ctx, check, site);
  }
}
