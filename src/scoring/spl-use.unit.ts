import type { Unit } from './facts.types';
import { gap, type Gap } from './gaps';
import { climb, codeFor, type LevelCheck, type LevelGaps } from './levels';
import type { ScoringContext } from './scoring.context';
import { followUpGaps, integrationGaps, requiredIntegrationGaps, reviewGaps } from './shared.checks';

export interface UnitScore {
  readonly id: string;
  readonly level: number;
  readonly coverage: number;
  readonly applications: number;
  readonly applicationsViaSpl: number;
  /** What the unit lacks for its next level; empty at level 5. */
  readonly missing: readonly Gap[];
}

/** Indicator 18 for one unit in scope: levels 1..5 of the contract, stopping at the first unmet. */
export function scoreUnit(ctx: ScoringContext, unit: Unit): UnitScore {
  const applications = unit.applications ?? [];
  const via = applications.filter((app) => app.viaSpl).length;
  const { level, missing } = climb(unitChecks(ctx, unit));
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
 * Each of the unit's five levels judged on its own (index 0 holding level 1), for plans that look
 * past the next level; the unit's level is still the climb of `scoreUnit`.
 */
export function unitLevelGaps(ctx: ScoringContext, unit: Unit): LevelGaps {
  return unitChecks(ctx, unit).map((check) => check());
}

function unitChecks(ctx: ScoringContext, unit: Unit): LevelCheck[] {
  const code = (level: number, suffix: string) =>
    codeFor(ctx.framework.assessment.splUse.indicator, level, suffix, 'UNIT');
  return [
    () => unitL1(ctx, unit, code(1, 'NO_EVIDENCE')),
    () => unitL2(ctx, unit, code),
    () => unitL3(ctx, unit, code(3, 'BELOW_TARGET')),
    () => [
      ...integrationGaps(ctx, code(4, 'NO_INTEGRATION')),
      ...reviewGaps(ctx, ctx.splReviews, 'spl', code(4, 'NO_REVIEW_IN_WINDOW'), unit.id),
    ],
    () => [
      ...followUpGaps(ctx, code(5, 'NO_FOLLOW_UP'), unit.id),
      ...requiredIntegrationGaps(ctx, (target) => code(5, `NO_${target.toUpperCase()}_INTEGRATION`)),
    ],
  ];
}

function unitL1(ctx: ScoringContext, unit: Unit, code: string): Gap[] {
  const coverage = ctx.splUse.coverage(unit.id);
  if (coverage.l1) return [];
  const params = {
    indicator: ctx.framework.assessment.splUse.indicator,
    kinds: ctx.kindLists.L1,
    statuses: ctx.statuses,
    asOf: ctx.asOf,
    unit: unit.id,
    notCounting: ctx.splUse.notCounting(unit.id).filter((item) => ctx.kinds.L1.has(item.kind)),
  };
  return [gap(code, 'USE_NO_L1_EVIDENCE', params)];
}

/** At least one application via the SPL, and counting DOC evidence covering the unit; both gaps are reported. */
function unitL2(ctx: ScoringContext, unit: Unit, code: (level: number, suffix: string) => string): Gap[] {
  const gaps: Gap[] = [];
  const applications = unit.applications ?? [];
  if (applications.length === 0)
    gaps.push(gap(code(2, 'NO_APPLICATIONS'), 'UNIT_NO_APPLICATIONS', { unit: unit.id }));
  else if (!applications.some((app) => app.viaSpl)) {
    gaps.push(
      gap(code(2, 'NO_APP_VIA_SPL'), 'UNIT_NO_APP_VIA_SPL', {
        unit: unit.id,
        apps: applications.map((app) => app.id),
      }),
    );
  }
  const coverage = ctx.splUse.coverage(unit.id);
  if (!coverage.doc) {
    const notCounting = ctx.splUse.notCounting(unit.id).filter((item) => ctx.kinds.DOC.has(item.kind));
    const params = {
      unit: unit.id,
      indicator: ctx.framework.assessment.splUse.indicator,
      kinds: ctx.kindLists.DOC,
      statuses: ctx.statuses,
      asOf: ctx.asOf,
      notCounting,
    };
    gaps.push(gap(code(2, 'NO_DOC'), 'UNIT_NO_DOC', params));
  }
  return gaps;
}

/** The share of the unit's applications via the SPL reaches the target (a unit without applications has share 0). */
function unitL3(ctx: ScoringContext, unit: Unit, code: string): Gap[] {
  const applications = unit.applications ?? [];
  const via = applications.filter((app) => app.viaSpl).length;
  if (meetsShare(via, applications.length, ctx.coverageTarget)) return [];
  let needed = 1;
  while (
    via + needed < applications.length &&
    !meetsShare(via + needed, applications.length, ctx.coverageTarget)
  )
    needed += 1;
  const apps = applications.filter((app) => !app.viaSpl).map((app) => app.id);
  const params = { unit: unit.id, via, total: applications.length, target: ctx.coverageTarget, needed, apps };
  return [gap(code, 'UNIT_BELOW_TARGET', params)];
}

/** share >= target, with share 0 for an empty population (the contract's convention). */
export function meetsShare(count: number, total: number, target: number): boolean {
  return total > 0 && count / total >= target;
}
