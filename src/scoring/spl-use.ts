import { COVERAGE_UNIT_LEVEL } from './checks';
import { agencyGaps, criteriaOf, indicatorSite } from './criteria';
import { levelFromGaps, type LevelGaps } from './levels';
import type { ScoringContext } from './scoring.context';
import { scoreUnit, type UnitScore } from './spl-use.unit';

export interface SplUseScore {
  readonly indicator: number;
  readonly level: number;
  readonly gaps: LevelGaps;
  readonly coverage: number;
  readonly coverageTarget: number;
  readonly unitsInScope: number;
  readonly unitsUsingSpl: number;
  readonly units: readonly UnitScore[];
}

/**
 * Indicator 18 for the agency: every unit in scope climbs the unit checks of the criteria,
 * then the agency checks read their levels. Coverage counts units in scope at unit level 2 or
 * more (the contract's definition), so agency level 3 needs every unit at unit level 2, not 3.
 */
export function scoreSplUse(ctx: ScoringContext): SplUseScore {
  const assessed = ctx.framework.assessment.splUse;
  const indicator = assessed.indicator;
  const criteria = criteriaOf(assessed, ctx.edition);
  const site = indicatorSite(ctx, indicator, criteria);
  const units = ctx.unitsInScope.map((unit) => scoreUnit(ctx, criteria, site, unit));
  const usingSpl = units.filter((unit) => unit.level >= COVERAGE_UNIT_LEVEL).length;
  const coverage = units.length ? usingSpl / units.length : 0;
  const gaps = agencyGaps(ctx, criteria, { ...site, units });
  const level = levelFromGaps(gaps);
  const common = { indicator, level, gaps, coverage, coverageTarget: ctx.coverageTarget };
  return { ...common, unitsInScope: units.length, unitsUsingSpl: usingSpl, units };
}
