import type { Criterion } from '../framework/framework.schema';
import {
  criteriaOf,
  indicatorSite,
  unitClimb,
  unitLevelGaps as levelGapsOf,
  type IndicatorSite,
} from './criteria';
import type { Unit } from './facts.types';
import type { Gap } from './gaps';
import type { LevelGaps } from './levels';
import type { ScoringContext } from './scoring.context';

export interface UnitScore {
  readonly id: string;
  readonly level: number;
  readonly coverage: number;
  readonly applications: number;
  readonly applicationsViaSpl: number;
  /** What the unit lacks for its next level; empty at level 5. */
  readonly missing: readonly Gap[];
}

/** Indicator 18 for one unit in scope: the unit checks of the criteria, stopping at the first unmet level. */
export function scoreUnit(
  ctx: ScoringContext,
  criteria: readonly Criterion[],
  site: IndicatorSite,
  unit: Unit,
): UnitScore {
  const applications = unit.applications ?? [];
  const via = applications.filter((app) => app.viaSpl).length;
  const { level, missing } = unitClimb(ctx, criteria, site, unit);
  const coverage = applications.length ? via / applications.length : 0;
  return {
    id: unit.id,
    level,
    coverage,
    applications: applications.length,
    applicationsViaSpl: via,
    missing,
  };
}

/**
 * Each of the unit's levels judged on its own (index 0 holding level 1), for plans that look
 * past the next level; the unit's level is still the climb of `scoreUnit`.
 */
export function unitLevelGaps(ctx: ScoringContext, unit: Unit): LevelGaps {
  const assessed = ctx.framework.assessment.splUse;
  const criteria = criteriaOf(assessed, ctx.edition);
  return levelGapsOf(ctx, criteria, indicatorSite(ctx, assessed.indicator, criteria), unit);
}
