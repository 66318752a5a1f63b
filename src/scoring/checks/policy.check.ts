import type { PolicyCheck } from '../../framework/framework.schema';
import { coversUnit } from '../evidence.index';
import type { Policy } from '../facts.types';
import { gap, type Gap } from '../gaps';
import { issueList } from '../policies.index';
import type { ScoringContext } from '../scoring.context';
import { codeAt, type CheckSite } from './check.types';

/**
 * A qualifying policy exists (`status: any`: draft or enacted; `enacted`), and, when asked,
 * qualifying enacted policies cover some or all units in scope, or one of them regulates the
 * connection to the SPLP. An agency check.
 */
export function policyCheck(ctx: ScoringContext, check: PolicyCheck, site: CheckSite): Gap[] {
  const code = (suffix: string) => codeAt(site, suffix);
  if (check.status === 'any')
    return ctx.policyIndex.qualifying.length ? [] : [noneQualifying(ctx, code(check.gap))];
  const enacted = ctx.policyIndex.enacted;
  if (check.covers === 'all') return allCovered(ctx, enacted, code(check.gap));
  if (check.regulatesSplpConnection) {
    if (enacted.some((policy) => policy.regulatesSplpConnection)) return [];
    return [gap(code(check.gap), 'POLICY_NO_SPLP_CONNECTION', { policies: enacted.map((p) => p.id) })];
  }
  if (enacted.length === 0) return [noEnacted(ctx, code(check.covers ? 'NO_ENACTED_POLICY' : check.gap))];
  return check.covers === 'some' ? someCovered(ctx, enacted, code, check.gap) : [];
}

function noneQualifying(ctx: ScoringContext, code: string): Gap {
  return gap(code, 'POLICY_NONE_QUALIFYING', {
    asOf: ctx.asOf,
    draftKinds: ctx.kindLists.POLICY_DRAFT,
    enactedKinds: ctx.kindLists.POLICY_ENACTED,
    statuses: ctx.statuses,
    policies: issueList(ctx.policyIndex.issues, () => true),
  });
}

function noEnacted(ctx: ScoringContext, code: string): Gap {
  const enactedIds = new Set(ctx.policies.filter((p) => p.status === 'enacted').map((p) => p.id));
  return gap(code, 'POLICY_NO_ENACTED', {
    asOf: ctx.asOf,
    kinds: ctx.kindLists.POLICY_ENACTED,
    statuses: ctx.statuses,
    drafts: ctx.policyIndex.qualifying.map((policy) => policy.id),
    policies: issueList(ctx.policyIndex.issues, (id) => enactedIds.has(id)),
  });
}

/** A qualifying enacted policy covers at least one unit in scope; with no unit in scope this cannot hold. */
function someCovered(
  ctx: ScoringContext,
  enacted: readonly Policy[],
  code: (suffix: string) => string,
  suffix: string,
): Gap[] {
  if (ctx.unitsInScope.length === 0) return [gap(code('NO_UNITS_IN_SCOPE'), 'POLICY_NO_UNITS_IN_SCOPE', {})];
  const covered = ctx.unitsInScope.some((unit) =>
    enacted.some((policy) => coversUnit(policy.units, unit.id)),
  );
  if (covered) return [];
  const units = ctx.unitsInScope.map((unit) => unit.id);
  return [gap(code(suffix), 'POLICY_NO_UNIT_COVERED', { policies: enacted.map((p) => p.id) }, units)];
}

/** Qualifying enacted policies together cover every unit in scope; vacuously true with no unit in scope. */
function allCovered(ctx: ScoringContext, enacted: readonly Policy[], code: string): Gap[] {
  if (enacted.some((policy) => policy.units === 'all')) return [];
  const covered = new Set<string>();
  for (const policy of enacted) for (const unitId of policy.units) covered.add(unitId);
  const uncovered = ctx.unitsInScope.filter((unit) => !covered.has(unit.id)).map((unit) => unit.id);
  if (uncovered.length === 0) return [];
  return [gap(code, 'POLICY_UNITS_NOT_COVERED', { policies: enacted.map((p) => p.id) }, uncovered)];
}
