import { gap, type Gap } from './gaps';
import { codeFor, levelFromGaps, type LevelGaps } from './levels';
import type { ScoringContext } from './scoring.context';
import { followUpGaps, integrationGaps, requiredIntegrationGaps, reviewGaps } from './shared.checks';
import { meetsShare, scoreUnit, type UnitScore } from './spl-use.unit';

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
 * Indicator 18 for the agency. Coverage counts units in scope at unit level 2 or more (the
 * contract's definition), so agency level 3 needs every unit at unit level 2, not 3.
 */
export function scoreSplUse(ctx: ScoringContext): SplUseScore {
  const indicator = ctx.framework.assessment.splUse.indicator;
  const units = ctx.unitsInScope.map((unit) => scoreUnit(ctx, unit));
  const usingSpl = units.filter((unit) => unit.level >= 2).length;
  const coverage = units.length ? usingSpl / units.length : 0;
  const code = (level: number, suffix: string) => codeFor(indicator, level, suffix);
  const below = units.filter((unit) => unit.level < 2).map((unit) => unit.id);
  const gaps: LevelGaps = [
    agencyL1(ctx, code(1, 'NO_EVIDENCE')),
    agencyL2(ctx, units.length, usingSpl, below, code),
    agencyL3(ctx, units.length, usingSpl, below, code),
    [
      ...integrationGaps(ctx, code(4, 'NO_INTEGRATION')),
      ...reviewGaps(ctx, ctx.splReviews, 'spl', code(4, 'NO_REVIEW_IN_WINDOW')),
    ],
    [
      ...followUpGaps(ctx, code(5, 'NO_FOLLOW_UP')),
      ...requiredIntegrationGaps(ctx, (target) => code(5, `NO_${target.toUpperCase()}_INTEGRATION`)),
    ],
  ];
  const level = levelFromGaps(gaps);
  const common = { indicator, level, gaps, coverage, coverageTarget: ctx.coverageTarget };
  return { ...common, unitsInScope: units.length, unitsUsingSpl: usingSpl, units };
}

/** Counting Indicator-18 evidence of an L1 kind exists, including agency-wide evidence without units. */
function agencyL1(ctx: ScoringContext, code: string): Gap[] {
  if (ctx.splUse.agencyL1) return [];
  const params = {
    indicator: ctx.framework.assessment.splUse.indicator,
    kinds: ctx.kindLists.L1,
    statuses: ctx.statuses,
    asOf: ctx.asOf,
    notCounting: ctx.splUse.notCounting(),
  };
  return [gap(code, 'USE_NO_L1_EVIDENCE', params)];
}

type CodeFn = (level: number, suffix: string) => string;

function agencyL2(
  ctx: ScoringContext,
  inScope: number,
  usingSpl: number,
  below: string[],
  code: CodeFn,
): Gap[] {
  if (inScope === 0) return [gap(code(2, 'NO_UNITS_IN_SCOPE'), 'USE_NO_UNITS_IN_SCOPE', {})];
  if (usingSpl > 0) return [];
  const params = { indicator: ctx.framework.assessment.splUse.indicator, kinds: ctx.kindLists.DOC };
  return [gap(code(2, 'NO_UNIT_AT_L2'), 'USE_NO_UNIT_AT_L2', params, below)];
}

function agencyL3(
  ctx: ScoringContext,
  inScope: number,
  usingSpl: number,
  below: string[],
  code: CodeFn,
): Gap[] {
  if (inScope === 0) return [gap(code(3, 'NO_UNITS_IN_SCOPE'), 'USE_NO_UNITS_IN_SCOPE', {})];
  if (meetsShare(usingSpl, inScope, ctx.coverageTarget)) return [];
  let needed = 1;
  while (usingSpl + needed < inScope && !meetsShare(usingSpl + needed, inScope, ctx.coverageTarget))
    needed += 1;
  const params = {
    indicator: ctx.framework.assessment.splUse.indicator,
    kinds: ctx.kindLists.DOC,
    coverage: usingSpl / inScope,
    target: ctx.coverageTarget,
    atL2: usingSpl,
    inScope,
    needed,
  };
  return [gap(code(3, 'UNITS_BELOW_L2'), 'USE_UNITS_BELOW_L2', params, below)];
}
