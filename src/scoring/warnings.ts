import type { EditionRules } from '../framework/framework.schema';
import { toJsonPath } from '../framework/json-path';
import type { Facts, UnitRefs } from './facts.types';
import type { Lang, ScoreWarning } from './scoring.types';

/**
 * Things that do not stop scoring but that a person should see: unit ids that name no unit of
 * the facts (they cover nothing) and a coverage target the edition ignores.
 */
export function collectWarnings(
  facts: Facts,
  rules: EditionRules,
  edition: string,
  lang: Lang,
): ScoreWarning[] {
  const known = new Set(facts.units.map((unit) => unit.id));
  const warnings: ScoreWarning[] = [];
  const lists: [string, readonly { readonly units?: UnitRefs }[]][] = [
    ['evidence', facts.evidence],
    ['policies', facts.policies ?? []],
    ['reviews', facts.reviews ?? []],
  ];
  for (const [key, items] of lists) {
    for (let i = 0; i < items.length; i++) {
      const refs = items[i].units;
      if (refs === undefined || refs === 'all') continue;
      for (let j = 0; j < refs.length; j++) {
        if (!known.has(refs[j])) warnings.push(unknownUnit(refs[j], toJsonPath([key, i, 'units', j]), lang));
      }
    }
  }
  if (facts.coverageTarget !== undefined && facts.coverageTarget !== 1 && !rules.coverageTargetApplies) {
    warnings.push(ignoredTarget(facts.coverageTarget, edition, lang));
  }
  return warnings;
}

function unknownUnit(unitId: string, path: string, lang: Lang): ScoreWarning {
  const message =
    lang === 'en'
      ? `unit "${unitId}" is not among the units of the facts; this reference covers nothing`
      : `unit "${unitId}" tidak ada dalam daftar unit; rujukan ini tidak mencakup unit apa pun`;
  return { code: 'UNKNOWN_UNIT', path, message };
}

function ignoredTarget(target: number, edition: string, lang: Lang): ScoreWarning {
  const message =
    lang === 'en'
      ? `edition ${edition} does not use a coverage target; ${target} is ignored and 1 applies`
      : `edisi ${edition} tidak memakai target cakupan; ${target} diabaikan dan berlaku 1`;
  return { code: 'COVERAGE_TARGET_IGNORED', path: '$.coverageTarget', message };
}
