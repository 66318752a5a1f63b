import { agencyGaps, criteriaOf, indicatorSite } from './criteria';
import { levelFromGaps, type LevelGaps } from './levels';
import type { ScoringContext } from './scoring.context';

export interface SplPolicyScore {
  readonly indicator: number;
  readonly level: number;
  readonly gaps: LevelGaps;
  readonly qualifying: readonly string[];
}

/** Indicator 7: the agency's policy on SPL use, by the checks of the edition's criteria. */
export function scoreSplPolicy(ctx: ScoringContext): SplPolicyScore {
  const assessed = ctx.framework.assessment.splPolicy;
  const criteria = criteriaOf(assessed, ctx.edition);
  const gaps = agencyGaps(ctx, criteria, indicatorSite(ctx, assessed.indicator, criteria));
  const qualifying = ctx.policyIndex.qualifying.map((policy) => policy.id);
  return { indicator: assessed.indicator, level: levelFromGaps(gaps), gaps, qualifying };
}
