import { toHundredths } from './decimal';
import type { FrameworkPackage, PackageIndicator, PackageSourcedText } from './framework-package.zod';
import type { FrameworkProblem } from './framework.validate';
import { packageAspects } from './framework-package.view';
import { say } from './package-messages';

type Path = (string | number)[];

/**
 * The package rules the structural schema cannot express. Returns every problem found, each
 * with the JSON path of the offending value, in the order of the file.
 */
export function findPackageProblems(pkg: FrameworkPackage): FrameworkProblem[] {
  return [
    ...checkScale(pkg),
    ...checkPredicates(pkg),
    ...checkCatalogue(pkg),
    ...checkIndicators(pkg),
    ...checkSources(pkg),
    ...checkCrosswalk(pkg),
  ];
}

function checkScale(pkg: FrameworkPackage): FrameworkProblem[] {
  const problems: FrameworkProblem[] = [];
  if (pkg.scale.max <= pkg.scale.min)
    problems.push({ path: ['scale', 'max'], ...say('msg.package.scale_max') });
  pkg.levels.forEach((entry, i) => {
    if (entry.level !== i + 1)
      problems.push({
        path: ['levels', i, 'level'],
        ...say('msg.package.level_order', { level: i + 1 }),
      });
  });
  if (pkg.levels.length !== pkg.scale.max)
    problems.push({ path: ['levels'], ...say('msg.package.level_names', { count: pkg.scale.max }) });
  return problems;
}

/** Bands from the highest minimum down; the lowest starts at the scale's minimum. */
function checkPredicates(pkg: FrameworkPackage): FrameworkProblem[] {
  const problems: FrameworkProblem[] = [];
  const mins = pkg.predicates.map((band) => toHundredths(band.min));
  for (let i = 1; i < mins.length; i++) {
    if (mins[i] >= mins[i - 1])
      problems.push({
        path: ['predicates', i, 'min'],
        ...say('msg.package.bands_order'),
      });
  }
  const last = mins.length - 1;
  if (mins[last] !== pkg.scale.min * 100)
    problems.push({
      path: ['predicates', last, 'min'],
      ...say('msg.package.band_lowest', { min: pkg.scale.min }),
    });
  if (mins[0] > pkg.scale.max * 100)
    problems.push({ path: ['predicates', 0, 'min'], ...say('msg.package.band_above') });
  return problems;
}

/** Exactly one of domains/aspects; group weights equal their indicators' sum; the total is 100. */
function checkCatalogue(pkg: FrameworkPackage): FrameworkProblem[] {
  if (!pkg.domains === !pkg.aspects)
    return [
      {
        path: [],
        ...say('msg.package.domains_or_aspects'),
      },
    ];
  const problems: FrameworkProblem[] = [];
  const base: Path = pkg.domains ? [] : ['aspects'];
  let total = 0;
  pkg.domains?.forEach((domain, d) => {
    const sum = domain.aspects.reduce((s, a) => s + sumWeights(a.indicators), 0);
    if (sum !== toHundredths(domain.weight))
      problems.push({
        path: ['domains', d, 'weight'],
        ...say('msg.package.domain_weight', { sum: sum / 100 }),
      });
  });
  for (const { aspect, path } of packageAspects(pkg)) {
    const sum = sumWeights(aspect.indicators);
    if (aspect.weight !== undefined && sum !== toHundredths(aspect.weight))
      problems.push({
        path: [...path, 'weight'],
        ...say('msg.package.aspect_weight', { sum: sum / 100 }),
      });
    total += sum;
  }
  if (total !== 10000)
    problems.push({
      path: pkg.domains ? ['domains'] : base,
      ...say('msg.package.weights_total', { total: total / 100 }),
    });
  return problems;
}

function sumWeights(indicators: readonly PackageIndicator[]): number {
  return indicators.reduce((sum, i) => sum + toHundredths(i.weight), 0);
}

/** Codes are unique; each indicator has a code or a number; each mode has what it needs. */
function checkIndicators(pkg: FrameworkPackage): FrameworkProblem[] {
  const problems: FrameworkProblem[] = [];
  const seen = new Set<string>();
  for (const { aspect, path } of packageAspects(pkg)) {
    aspect.indicators.forEach((indicator, i) => {
      const at: Path = [...path, 'indicators', i];
      const code = indicator.code ?? (indicator.number !== undefined ? `I${indicator.number}` : undefined);
      if (
        indicator.code !== undefined &&
        indicator.number !== undefined &&
        indicator.code !== `I${indicator.number}`
      )
        problems.push({
          path: [...at, 'code'],
          ...say('msg.package.code_number', { number: indicator.number }),
        });
      if (!code) problems.push({ path: at, ...say('msg.package.code_needed') });
      else if (seen.has(code))
        problems.push({ path: [...at, 'code'], ...say('msg.package.code_twice', { code }) });
      else seen.add(code);
      problems.push(...checkMode(pkg, indicator, at), ...checkCriteria(pkg, indicator, at));
    });
  }
  return problems;
}

function checkMode(pkg: FrameworkPackage, indicator: PackageIndicator, at: Path): FrameworkProblem[] {
  const mode = indicator.mode ?? 'value';
  if (mode === 'external' && !indicator.external)
    return [{ path: [...at, 'external'], ...say('msg.package.external_needed') }];
  if (mode !== 'external' && indicator.external)
    return [{ path: [...at, 'external'], ...say('msg.package.external_only') }];
  if (indicator.levels === undefined) return [];
  const expected = pkg.scale.max - Math.max(pkg.scale.min, 1) + 1;
  if (indicator.levels.length !== expected)
    return [{ path: [...at, 'levels'], ...say('msg.package.level_texts', { count: expected }) }];
  const wrong = indicator.levels.findIndex((l, i) => l.level !== Math.max(pkg.scale.min, 1) + i);
  if (wrong >= 0)
    return [
      {
        path: [...at, 'levels', wrong, 'level'],
        ...say('msg.package.level_texts_order'),
      },
    ];
  return [];
}

/** Engine criteria belong to `evidence` indicators and give every level from 1 to the scale's maximum, in order. */
function checkCriteria(pkg: FrameworkPackage, indicator: PackageIndicator, at: Path): FrameworkProblem[] {
  if (indicator.criteria === undefined) return [];
  if ((indicator.mode ?? 'value') !== 'evidence')
    return [{ path: [...at, 'criteria'], ...say('msg.package.criteria_mode') }];
  if (indicator.criteria.length !== pkg.scale.max)
    return [{ path: [...at, 'criteria'], ...say('msg.package.criteria_count', { max: pkg.scale.max }) }];
  const wrong = indicator.criteria.findIndex((c, i) => c.level !== i + 1);
  if (wrong >= 0)
    return [{ path: [...at, 'criteria', wrong, 'level'], ...say('msg.package.criteria_order') }];
  return [];
}

/** Every text and provenance names a source listed under `sources`. */
function checkSources(pkg: FrameworkPackage): FrameworkProblem[] {
  const problems: FrameworkProblem[] = [];
  const check = (path: Path, source: string): void => {
    if (!pkg.sources[source])
      problems.push({
        path: [...path, 'source'],
        ...say('msg.package.source_unknown', { source }),
      });
  };
  for (const [part, entry] of Object.entries(pkg.provenance ?? {}))
    if (entry) check(['provenance', part], entry.source);
  for (const { aspect, path } of packageAspects(pkg)) {
    aspect.indicators.forEach((indicator, i) => {
      const at: Path = [...path, 'indicators', i];
      const texts: [Path, PackageSourcedText | undefined][] = [
        [[...at, 'external'], indicator.external],
        [[...at, 'evidence'], indicator.evidence],
        ...(indicator.levels ?? []).map((l, j): [Path, PackageSourcedText] => [
          [...at, 'levels', j, 'text'],
          l.text,
        ]),
      ];
      for (const [p, t] of texts) if (t) check(p, t.source);
    });
  }
  pkg.crosswalk?.forEach((entry, i) => check(['crosswalk', i, 'note'], entry.note.source));
  return problems;
}

/** A crosswalk leads to indicators of this package. */
function checkCrosswalk(pkg: FrameworkPackage): FrameworkProblem[] {
  const codes = new Set(
    packageAspects(pkg).flatMap(({ aspect }) =>
      aspect.indicators.map((i) => i.code ?? (i.number !== undefined ? `I${i.number}` : '')),
    ),
  );
  const problems: FrameworkProblem[] = [];
  pkg.crosswalk?.forEach((entry, i) => {
    if (!codes.has(entry.to))
      problems.push({
        path: ['crosswalk', i, 'to'],
        ...say('msg.package.indicator_unknown', { code: entry.to }),
      });
    entry.related?.forEach((code, j) => {
      if (!codes.has(code))
        problems.push({
          path: ['crosswalk', i, 'related', j],
          ...say('msg.package.indicator_unknown', { code }),
        });
    });
  });
  return problems;
}
