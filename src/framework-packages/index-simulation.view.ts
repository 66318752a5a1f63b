import type { FrameworkPackage } from '../framework/framework-package.zod';
import { aspectIndicators, packageAspects, provisionalParts } from '../framework/framework-package.view';
import { render } from '../i18n/message';
import type { Lang } from '../scoring/scoring.types';
import {
  checkLevels,
  computeFrameworkIndex,
  indexGainPerLevel,
  LevelsError,
  type IndicatorLevels,
} from '../scoring/framework-index';

/** How many indicators the page lists as moving the index most. */
const MOVERS = 5;

/**
 * The index simulation page: target levels from the query (an indicator not given starts at the
 * scale's minimum), the resulting index and predicate, and the indicators one more level of which
 * adds most. Nothing is stored; the computation is the `index` command's.
 */
export function simulationView(pkg: FrameworkPackage, query: Record<string, unknown>, lang: Lang) {
  const { levels, error } = levelsFrom(pkg, query, lang);
  const result = computeFrameworkIndex(pkg, levels);
  const gains = new Map(indexGainPerLevel(pkg).map((g) => [g.code, g.gain]));
  const aspects = packageAspects(pkg).map(({ aspect }) => ({
    code: aspect.code,
    name: aspect.name[lang],
    index: result.aspects[aspect.code].toFixed(2),
    indicators: aspectIndicators(aspect).map((view) => ({
      code: view.code,
      name: view.name[lang],
      weight: (view.weight / 100).toFixed(2),
      mode: view.mode,
      external: view.definition.external?.[lang],
      levelTexts: (view.definition.levels ?? []).map((l) => ({
        level: l.level,
        text: l.text[lang],
        provisional: l.text.form === 'provisional',
      })),
      gain: (gains.get(view.code) ?? 0).toFixed(3),
      options: range(pkg.scale.min, pkg.scale.max).map((level) => ({
        level,
        selected: level === levels[view.code],
      })),
    })),
  }));
  const movers = indexGainPerLevel(pkg)
    .filter((g) => levels[g.code] < pkg.scale.max)
    .slice(0, MOVERS)
    .map((g) => ({ code: g.code, name: g.name[lang], gain: g.gain.toFixed(3), from: levels[g.code] }));
  return {
    error,
    index: result.index,
    indexDisplay: result.index.toFixed(2),
    predicate: result.predicate[lang],
    aspects,
    movers,
    formula: pkg.index.description[lang],
    provisional: provisionalParts(pkg),
    bands: pkg.predicates.map((band) => ({ min: band.min, name: band.name[lang] })),
  };
}

function levelsFrom(
  pkg: FrameworkPackage,
  query: Record<string, unknown>,
  lang: Lang,
): { levels: IndicatorLevels; error?: string } {
  const defaults: Record<string, number> = {};
  for (const { aspect } of packageAspects(pkg))
    for (const view of aspectIndicators(aspect)) {
      const given = query[view.code];
      defaults[view.code] = typeof given === 'string' && /^\d+$/.test(given) ? Number(given) : pkg.scale.min;
    }
  try {
    return { levels: checkLevels(pkg, defaults) };
  } catch (error: unknown) {
    if (!(error instanceof LevelsError)) throw error;
    const reset = Object.fromEntries(Object.keys(defaults).map((code) => [code, clamp(defaults[code], pkg)]));
    return { levels: reset, error: render(lang, error.problem) };
  }
}

function clamp(level: number, pkg: FrameworkPackage): number {
  return Math.min(pkg.scale.max, Math.max(pkg.scale.min, level));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
