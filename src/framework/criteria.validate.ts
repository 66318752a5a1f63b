import { MAX_EVIDENCE_GROUPS } from './criteria.schema';
import type { AssessedIndicator, Criterion, CriterionCheck, EditionRules } from './framework.schema';
import type { FrameworkProblem } from './framework.validate';

type Scope = 'agency' | 'unit';
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
        message: `at most ${MAX_EVIDENCE_GROUPS} distinct kind lists in evidence checks`,
      };
    for (const [i, criterion] of criteria.entries()) {
      const path = ['criteria', edition, i];
      if (scoresUnits && !criterion.unitChecks)
        return { path, message: 'this indicator scores each unit: the level needs unitChecks' };
      if (!scoresUnits && criterion.unitChecks)
        return {
          path: [...path, 'unitChecks'],
          message: 'this indicator scores no units: remove unitChecks',
        };
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
    const message = checkProblem(check, scope, scoresUnits);
    if (message) return { path: [...path, j, ...message.at], message: message.text };
  }
  return undefined;
}

function checkProblem(
  check: CriterionCheck,
  scope: Scope,
  scoresUnits: boolean,
): { at: Path; text: string } | undefined {
  switch (check.check) {
    case 'share':
      if (check.of === 'applications' && scope === 'agency')
        return { at: ['of'], text: 'a share of applications is a unit check: list it under unitChecks' };
      if (check.of === 'units' && scope === 'unit')
        return { at: ['of'], text: 'a share of units is an agency check: list it under checks' };
      if (check.of === 'units' && !scoresUnits)
        return { at: ['of'], text: 'a share of units needs an indicator that scores units' };
      if (check.of === 'units' && !check.kinds)
        return { at: ['kinds'], text: 'a share of units names the kind sets that lift a unit (kinds)' };
      return undefined;
    case 'integration':
      if (check.gap.includes('{') && check.require !== 'each')
        return { at: ['gap'], text: '{TARGET} in a gap code needs require: each' };
      if (/[{}]/.test(check.gap.replaceAll('{TARGET}', '')))
        return { at: ['gap'], text: 'the only placeholder a gap code may hold is {TARGET}' };
      return undefined;
    case 'policy':
    case 'after_review':
      if (scope === 'unit')
        return { at: ['check'], text: `a ${check.check} check is an agency check: list it under checks` };
      if (check.check === 'policy') return policyProblem(check);
      return undefined;
    case 'evidence':
    case 'review':
    case 'follow_up':
      return undefined;
  }
}

function policyProblem(
  check: Extract<CriterionCheck, { check: 'policy' }>,
): { at: Path; text: string } | undefined {
  if (check.status === 'any' && check.covers)
    return { at: ['covers'], text: 'covers applies to enacted policies: set status: enacted' };
  if (check.status === 'any' && check.regulatesSplpConnection)
    return {
      at: ['regulatesSplpConnection'],
      text: 'regulatesSplpConnection applies to enacted policies: set status: enacted',
    };
  if (check.covers && check.regulatesSplpConnection)
    return {
      at: ['regulatesSplpConnection'],
      text: 'write covers and regulatesSplpConnection as two checks',
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
