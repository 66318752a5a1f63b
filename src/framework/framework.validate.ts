import { checkCriteriaChecks, checksCountSplp } from './criteria.validate';
import { toHundredths } from './decimal';
import type { AssessedIndicator, Criterion, Framework, SourcedText } from './framework.schema';
import type { Message } from '../i18n/message';

/** A cross-field problem in a framework file, with the JSON path of the offending value. */
export interface FrameworkProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** The message in the catalogue's words, where the check has them (the package rules do). */
  readonly problem?: Message;
}

type Check = (framework: Framework) => FrameworkProblem | undefined;

/**
 * Checks that the structural schema cannot express. Returns the first problem, in the order
 * of the file, so the loader can name one precise spot.
 */
export function findFrameworkProblem(framework: Framework): FrameworkProblem | undefined {
  const checks: Check[] = [checkLevels, checkPredicates, checkEditions, checkCatalogue, checkAssessment];
  for (const check of checks) {
    const problem = check(framework);
    if (problem) return problem;
  }
  return undefined;
}

function checkLevels(framework: Framework): FrameworkProblem | undefined {
  const index = framework.levels.findIndex((entry, i) => entry.level !== i + 1);
  if (index < 0) return undefined;
  return {
    path: ['levels', index, 'level'],
    message: `expected level ${index + 1} here (levels 1..5 in order)`,
  };
}

function checkPredicates(framework: Framework): FrameworkProblem | undefined {
  const mins = framework.predicates.map((band) => toHundredths(band.min));
  for (let i = 1; i < mins.length; i++) {
    if (mins[i] >= mins[i - 1]) {
      return {
        path: ['predicates', i, 'min'],
        message: 'bands must be listed from the highest minimum down',
      };
    }
  }
  const last = mins.length - 1;
  if (mins[last] !== 0)
    return { path: ['predicates', last, 'min'], message: 'the lowest band must start at "0.00"' };
  return undefined;
}

function checkEditions(framework: Framework): FrameworkProblem | undefined {
  if (Object.keys(framework.editions).length === 0)
    return { path: ['editions'], message: 'at least one edition is required' };
  if (framework.editions[framework.defaultEdition]) return undefined;
  return {
    path: ['defaultEdition'],
    message: `edition "${framework.defaultEdition}" is not defined under editions`,
  };
}

/** Indicator numbers run 1..N in file order; domain weights equal their indicators' sum; the total is 100. */
function checkCatalogue(framework: Framework): FrameworkProblem | undefined {
  let expected = 1;
  let total = 0;
  for (const [d, domain] of framework.domains.entries()) {
    let domainSum = 0;
    for (const [a, aspect] of domain.aspects.entries()) {
      for (const [i, indicator] of aspect.indicators.entries()) {
        const path = ['domains', d, 'aspects', a, 'indicators', i, 'number'];
        if (indicator.number !== expected)
          return { path, message: `expected indicator number ${expected} here` };
        expected += 1;
        domainSum += toHundredths(indicator.weight);
      }
    }
    if (domainSum !== toHundredths(domain.weight)) {
      return {
        path: ['domains', d, 'weight'],
        message: `domain weight must equal the sum of its indicator weights (${domainSum / 100})`,
      };
    }
    total += domainSum;
  }
  if (total !== 10000)
    return { path: ['domains'], message: `indicator weights must sum to 100 (found ${total / 100})` };
  return undefined;
}

function checkAssessment(framework: Framework): FrameworkProblem | undefined {
  const numbers = new Set(
    framework.domains.flatMap((d) => d.aspects.flatMap((a) => a.indicators.map((i) => i.number))),
  );
  const editions = Object.keys(framework.editions);
  for (const [key, assessed] of Object.entries(framework.assessment)) {
    const base = ['assessment', key];
    if (!numbers.has(assessed.indicator)) {
      return {
        path: [...base, 'indicator'],
        message: `indicator ${assessed.indicator} is not in the catalogue`,
      };
    }
    const problem =
      checkCriteria(assessed, editions) ??
      checkCriteriaChecks(key, assessed) ??
      checkTexts(assessed, framework);
    if (problem) return { path: [...base, ...problem.path], message: problem.message };
  }
  return undefined;
}

/** Every edition has exactly five criteria, levels 1..5 in order, and no unknown edition appears. */
function checkCriteria(
  assessed: AssessedIndicator,
  editions: readonly string[],
): FrameworkProblem | undefined {
  for (const edition of editions) {
    const criteria = assessed.criteria[edition];
    if (!criteria) return { path: ['criteria'], message: `criteria for edition "${edition}" are missing` };
    if (criteria.length !== 5)
      return { path: ['criteria', edition], message: 'expected 5 criteria (levels 1..5)' };
    const index = criteria.findIndex((c, i) => c.level !== i + 1);
    if (index >= 0)
      return { path: ['criteria', edition, index, 'level'], message: `expected level ${index + 1} here` };
  }
  const unknown = Object.keys(assessed.criteria).find((key) => !editions.includes(key));
  if (unknown)
    return { path: ['criteria', unknown], message: `edition "${unknown}" is not defined under editions` };
  return undefined;
}

/**
 * Every text names a source listed under `sources`, and SPLP onboarding evidence is offered only
 * where the edition counts an integration with the SPLP (otherwise the page would promise a kind
 * that never counts).
 */
function checkTexts(assessed: AssessedIndicator, framework: Framework): FrameworkProblem | undefined {
  const unknownSource = (path: (string | number)[], t: SourcedText): FrameworkProblem | undefined =>
    framework.sources[t.source]
      ? undefined
      : { path: [...path, 'source'], message: `source "${t.source}" is not defined under sources` };
  for (const key of ['indicator', 'assessment', 'evidence'] as const) {
    const problem = unknownSource(['explanations', key], assessed.explanations[key]);
    if (problem) return problem;
  }
  for (const [edition, criteria] of Object.entries(assessed.criteria)) {
    const rules = framework.editions[edition].rules;
    const splp =
      rules.integrationTargets.includes('splp') ||
      rules.l5RequiredIntegrations.includes('splp') ||
      checksCountSplp(criteria, rules);
    for (const [i, criterion] of criteria.entries()) {
      const problem = checkCriterionTexts(['criteria', edition, i], criterion, unknownSource, splp);
      if (problem) return problem;
    }
  }
  return undefined;
}

function checkCriterionTexts(
  path: (string | number)[],
  criterion: Criterion,
  unknownSource: (path: (string | number)[], t: SourcedText) => FrameworkProblem | undefined,
  splp: boolean,
): FrameworkProblem | undefined {
  const problem =
    unknownSource([...path, 'text'], criterion.text) ??
    unknownSource([...path, 'fulfilment'], criterion.fulfilment);
  if (problem) return problem;
  for (const [j, item] of criterion.evidence.entries()) {
    const itemPath = [...path, 'evidence', j];
    const itemProblem = unknownSource([...itemPath, 'text'], item.text);
    if (itemProblem) return itemProblem;
    const k = item.kinds.indexOf('INTEGRATION_SPLP');
    if (k >= 0 && !splp)
      return {
        path: [...itemPath, 'kinds', k],
        message: 'INTEGRATION_SPLP is offered but this edition counts no integration with the SPLP',
      };
  }
  return undefined;
}
