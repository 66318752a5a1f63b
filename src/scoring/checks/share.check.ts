import type { ShareCheck } from '../../framework/framework.schema';
import type { Unit } from '../facts.types';
import { gap, type Gap } from '../gaps';
import type { ScoringContext } from '../scoring.context';
import { codeAt, type CheckSite, type UnitLevel } from './check.types';
import { kindList } from './kinds';

/** A unit is "using the SPL" for the agency's coverage from this unit level on (the contract's definition). */
export const COVERAGE_UNIT_LEVEL = 2;

/**
 * The share of the unit's applications via the SPL (unit checks), or of the units in scope at
 * unit level 2 or more (agency checks), is above 0 (`any`) or at least the target.
 */
export function shareCheck(ctx: ScoringContext, check: ShareCheck, site: CheckSite): Gap[] {
  if (check.of === 'applications') {
    if (!site.unit) throw new RangeError('a share of applications is a unit check');
    return applicationShare(ctx, check, site, site.unit);
  }
  if (!site.units) throw new RangeError('a share of units needs the unit levels');
  return unitShare(ctx, check, site, site.units);
}

/** share >= target, with share 0 for an empty population (the contract's convention). */
export function meetsShare(count: number, total: number, target: number): boolean {
  return total > 0 && count / total >= target;
}

function targetOf(ctx: ScoringContext, atLeast: ShareCheck['atLeast']): number {
  return atLeast === 'target' ? ctx.coverageTarget : atLeast === 'any' ? 0 : atLeast;
}

/** How many more of the population must qualify to reach the target. */
function neededFor(count: number, total: number, target: number): number {
  let needed = 1;
  while (count + needed < total && !meetsShare(count + needed, total, target)) needed += 1;
  return needed;
}

function applicationShare(ctx: ScoringContext, check: ShareCheck, site: CheckSite, unit: Unit): Gap[] {
  const applications = unit.applications ?? [];
  const via = applications.filter((app) => app.viaSpl).length;
  if (check.atLeast === 'any') {
    if (applications.length === 0)
      return [gap(codeAt(site, 'NO_APPLICATIONS'), 'UNIT_NO_APPLICATIONS', { unit: unit.id })];
    if (via > 0) return [];
    const apps = applications.map((app) => app.id);
    return [gap(codeAt(site, check.gap), 'UNIT_NO_APP_VIA_SPL', { unit: unit.id, apps })];
  }
  const target = targetOf(ctx, check.atLeast);
  if (meetsShare(via, applications.length, target)) return [];
  // No share of nothing: a unit without applications is told to record them (not "0 of 0, NaN%").
  if (applications.length === 0)
    return [gap(codeAt(site, 'NO_APPLICATIONS'), 'UNIT_NO_APPLICATIONS', { unit: unit.id })];
  const params = {
    unit: unit.id,
    via,
    total: applications.length,
    target,
    needed: neededFor(via, applications.length, target),
    apps: applications.filter((app) => !app.viaSpl).map((app) => app.id),
  };
  return [gap(codeAt(site, check.gap), 'UNIT_BELOW_TARGET', params)];
}

function unitShare(
  ctx: ScoringContext,
  check: ShareCheck,
  site: CheckSite,
  units: readonly UnitLevel[],
): Gap[] {
  const inScope = units.length;
  if (inScope === 0) return [gap(codeAt(site, 'NO_UNITS_IN_SCOPE'), 'USE_NO_UNITS_IN_SCOPE', {})];
  const atLevel = units.filter((unit) => unit.level >= COVERAGE_UNIT_LEVEL).length;
  const target = targetOf(ctx, check.atLeast);
  const met = check.atLeast === 'any' ? atLevel > 0 : meetsShare(atLevel, inScope, target);
  if (met) return [];
  const below = units.filter((unit) => unit.level < COVERAGE_UNIT_LEVEL).map((unit) => unit.id);
  const kinds = kindList(ctx, check.kinds ?? []);
  if (check.atLeast === 'any')
    return [gap(codeAt(site, check.gap), 'USE_NO_UNIT_AT_L2', { indicator: site.indicator, kinds }, below)];
  const params = {
    indicator: site.indicator,
    kinds,
    coverage: atLevel / inScope,
    target,
    atL2: atLevel,
    inScope,
    needed: neededFor(atLevel, inScope, target),
  };
  return [gap(codeAt(site, check.gap), 'USE_UNITS_BELOW_L2', params, below)];
}
