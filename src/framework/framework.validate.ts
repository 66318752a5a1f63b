import { checkCriteriaChecks, checksCountSplp } from './criteria.validate';
import { toHundredths } from './decimal';
import type { AssessedIndicator, Criterion, Framework, SourcedText } from './framework.schema';
import type { Message } from '../i18n/message';
import { say } from './package-messages';

/** A cross-field problem in a framework file, with the JSON path of the offending value. */
export interface FrameworkProblem {
  readonly path: readonly (string | number)[];
  /** In English, for logs and the engine's own errors. */
  readonly message: string;
  /** The same in the catalogue's words, shown in the reader's language. */
  readonly problem: Message;
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
    ...say('msg.framework.level_order', { level: index + 1 }),
  };
}

function checkPredicates(framework: Framework): FrameworkProblem | undefined {
  const mins = framework.predicates.map((band) => toHundredths(band.min));
  for (let i = 1; i < mins.length; i++) {
    if (mins[i] >= mins[i - 1]) {
      return {
        path: ['predicates', i, 'min'],
        ...say('msg.package.bands_order'),
      };
    }
  }
  const last = mins.length - 1;
  if (mins[last] !== 0) return { path: ['predicates', last, 'min'], ...say('msg.framework.band_lowest') };
  return undefined;
}

function checkEditions(framework: Framework): FrameworkProblem | undefined {
  if (Object.keys(framework.editions).length === 0)
    return { path: ['editions'], ...say('msg.framework.editions_none') };
  if (framework.editions[framework.defaultEdition]) return undefined;
  return {
    path: ['defaultEdition'],
    ...say('msg.framework.edition_unknown', { edition: framework.defaultEdition }),
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
          return { path, ...say('msg.framework.indicator_number', { number: expected }) };
        expected += 1;
        domainSum += toHundredths(indicator.weight);
      }
    }
    if (domainSum !== toHundredths(domain.weight)) {
      return {
        path: ['domains', d, 'weight'],
        ...say('msg.package.domain_weight', { sum: domainSum / 100 }),
      };
    }
    total += domainSum;
  }
  if (total !== 10000)
    return { path: ['domains'], ...say('msg.package.weights_total', { total: total / 100 }) };
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
        ...say('msg.framework.indicator_unknown', { number: assessed.indicator }),
      };
    }
    const problem =
      checkCriteria(assessed, editions) ??
      checkCriteriaChecks(key, assessed) ??
      checkTexts(assessed, framework);
    if (problem) return { ...problem, path: [...base, ...problem.path] };
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
    if (!criteria) return { path: ['criteria'], ...say('msg.framework.criteria_missing', { edition }) };
    if (criteria.length !== 5) return { path: ['criteria', edition], ...say('msg.framework.criteria_count') };
    const index = criteria.findIndex((c, i) => c.level !== i + 1);
    if (index >= 0)
      return {
        path: ['criteria', edition, index, 'level'],
        ...say('msg.framework.criterion_level', { level: index + 1 }),
      };
  }
  const unknown = Object.keys(assessed.criteria).find((key) => !editions.includes(key));
  if (unknown)
    return { path: ['criteria', unknown], ...say('msg.framework.edition_unknown', { edition: unknown }) };
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
      : { path: [...path, 'source'], ...say('msg.package.source_unknown', { source: t.source }) };
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
        ...say('msg.framework.splp_kind'),
      };
  }
  return undefined;
}
