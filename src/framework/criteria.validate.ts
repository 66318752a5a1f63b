import { MAX_EVIDENCE_GROUPS } from './criteria.schema';
import type { AssessedIndicator, Criterion, CriterionCheck, EditionRules } from './framework.schema';
import type { FrameworkProblem } from './framework.validate';
import { say } from './package-messages';

type Scope = 'agency' | 'unit';
/** A check's problem: where under the check, and the catalogue key of what is wrong. */
type CheckProblem = { at: Path; key: string; params?: Record<string, string | number> };
type Path = readonly (string | number)[];

/** The indicators whose result also scores each unit in scope, so each level needs unit checks. */
const SCORES_UNITS: Readonly<Record<string, boolean>> = { splUse: true, splPolicy: false };

/**
 * What the check schema cannot say: where each check type may stand (for the agency or for a
 * unit) and which parameters go together. Paths are relative to the assessed indicator.
 */
export function checkCriteriaChecks(key: string, assessed: AssessedIndicator): FrameworkProblem | undefined {
  const scoresUnits = SCORES_UNITS[key] ?? false;
  for (const [edition, criteria] of Object.entries(assessed.criteria)) {
    const groups = new Set(
      allChecks(criteria).flatMap((c) => (c.check === 'evidence' ? [c.kinds.join('+')] : [])),
    );
    if (groups.size > MAX_EVIDENCE_GROUPS)
      return {
        path: ['criteria', edition],
        ...say('msg.framework.check.groups', { max: MAX_EVIDENCE_GROUPS }),
      };
    for (const [i, criterion] of criteria.entries()) {
      const path = ['criteria', edition, i];
      if (scoresUnits && !criterion.unitChecks) return { path, ...say('msg.framework.check.units_needed') };
      if (!scoresUnits && criterion.unitChecks)
        return { path: [...path, 'unitChecks'], ...say('msg.framework.check.units_none') };
      const problem =
        checkList([...path, 'checks'], criterion.checks, 'agency', scoresUnits) ??
        checkList([...path, 'unitChecks'], criterion.unitChecks ?? [], 'unit', scoresUnits);
      if (problem) return problem;
    }
  }
  return undefined;
}

function checkList(
  path: Path,
  checks: readonly CriterionCheck[],
  scope: Scope,
  scoresUnits: boolean,
): FrameworkProblem | undefined {
  for (const [j, check] of checks.entries()) {
    const problem = checkProblem(check, scope, scoresUnits);
    if (problem) return { path: [...path, j, ...problem.at], ...say(problem.key, problem.params) };
  }
  return undefined;
}

function checkProblem(check: CriterionCheck, scope: Scope, scoresUnits: boolean): CheckProblem | undefined {
  switch (check.check) {
    case 'share':
      if (check.of === 'applications' && scope === 'agency')
        return { at: ['of'], key: 'msg.framework.check.share_applications' };
      if (check.of === 'units' && scope === 'unit')
        return { at: ['of'], key: 'msg.framework.check.share_units_unit' };
      if (check.of === 'units' && !scoresUnits)
        return { at: ['of'], key: 'msg.framework.check.share_units_scoring' };
      if (check.of === 'units' && !check.kinds)
        return { at: ['kinds'], key: 'msg.framework.check.share_units_kinds' };
      return undefined;
    case 'integration':
      if (check.gap.includes('{') && check.require !== 'each')
        return { at: ['gap'], key: 'msg.framework.check.gap_target' };
      if (/[{}]/.test(check.gap.replaceAll('{TARGET}', '')))
        return { at: ['gap'], key: 'msg.framework.check.gap_placeholder' };
      return undefined;
    case 'policy':
    case 'after_review':
      if (scope === 'unit')
        return { at: ['check'], key: 'msg.framework.check.agency_only', params: { check: check.check } };
      if (check.check === 'policy') return policyProblem(check);
      return undefined;
    case 'evidence':
    case 'review':
    case 'follow_up':
      return undefined;
  }
}

function policyProblem(check: Extract<CriterionCheck, { check: 'policy' }>): CheckProblem | undefined {
  if (check.status === 'any' && check.covers)
    return { at: ['covers'], key: 'msg.framework.check.covers_enacted' };
  if (check.status === 'any' && check.regulatesSplpConnection)
    return {
      at: ['regulatesSplpConnection'],
      key: 'msg.framework.check.regulates_enacted',
    };
  if (check.covers && check.regulatesSplpConnection)
    return {
      at: ['regulatesSplpConnection'],
      key: 'msg.framework.check.two_checks',
    };
  return undefined;
}

function allChecks(criteria: readonly Criterion[]): CriterionCheck[] {
  return criteria.flatMap((criterion) => [...criterion.checks, ...(criterion.unitChecks ?? [])]);
}

/** Whether an integration check of these criteria can count an integration with the SPLP. */
export function checksCountSplp(criteria: readonly Criterion[], rules: EditionRules): boolean {
  return allChecks(criteria).some(
    (check) =>
      check.check === 'integration' &&
      (Array.isArray(check.with) ? check.with : rules[check.with.rule]).includes('splp'),
  );
}
