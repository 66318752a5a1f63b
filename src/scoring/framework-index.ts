import { formatHundredths, toHundredths } from '../framework/decimal';
import type { FrameworkPackage } from '../framework/framework-package.zod';
import { aspectIndicators, packageAspects, packageIndicators } from '../framework/framework-package.view';
import type { Text } from '../framework/framework.schema';
import { type Message, msg, render } from '../i18n/message';

/** One level per indicator code of a package, e.g. { I1: 3, I16: 4 }. */
export type IndicatorLevels = Readonly<Record<string, number>>;

export interface FrameworkIndex {
  readonly framework: string;
  readonly version: string;
  /** Unrounded. */
  readonly index: number;
  /** The band of the index rounded half up to 2 decimals, as reports show it. */
  readonly predicate: Text;
  readonly aspects: Readonly<Record<string, number>>;
}

/**
 * Why a set of levels cannot be scored, in the catalogue's words (the `index` command and the
 * simulation page say it in their language); `code` is the indicator concerned, if one is.
 */
export class LevelsError extends Error {
  constructor(
    readonly problem: Message,
    readonly code?: string,
  ) {
    super(render('en', problem));
    this.name = 'LevelsError';
  }
}

/**
 * Checks that `input` gives every indicator of the package exactly one integer level on the
 * package's scale, and nothing else. Answers the levels, or throws LevelsError naming the problem.
 */
export function checkLevels(pkg: FrameworkPackage, input: unknown): IndicatorLevels {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw new LevelsError(msg('msg.index_levels.not_object'));
  const given = input as Record<string, unknown>;
  const codes = packageIndicators(pkg).map((i) => i.code);
  const extra = Object.keys(given).filter((key) => !codes.includes(key));
  if (extra.length > 0) {
    const words = { framework: pkg.id, version: pkg.version, codes: extra.join(', ') };
    throw new LevelsError(msg('msg.index_levels.extra', words), extra[0]);
  }
  const missing = codes.filter((c) => !(c in given));
  if (missing.length > 0)
    throw new LevelsError(msg('msg.index_levels.missing', { codes: missing.join(', ') }), missing[0]);
  const { min, max } = pkg.scale;
  for (const code of codes) {
    const level = given[code];
    if (typeof level !== 'number' || !Number.isInteger(level) || level < min || level > max)
      throw new LevelsError(
        msg('msg.index_levels.range', { code, min, max, value: String(JSON.stringify(level)) }),
        code,
      );
  }
  return given as IndicatorLevels;
}

/**
 * The package's index for one level per indicator (checked by checkLevels first). Sums are
 * integer hundredths of weight × level; only the final divisions are floats.
 */
export function computeFrameworkIndex(pkg: FrameworkPackage, levels: IndicatorLevels): FrameworkIndex {
  const aspects: Record<string, number> = {};
  let weighted = 0;
  let weights = 0;
  for (const { aspect } of packageAspects(pkg)) {
    const views = aspectIndicators(aspect);
    const sum = views.reduce((s, v) => s + v.weight * levels[v.code], 0);
    const weight =
      aspect.weight !== undefined ? toHundredths(aspect.weight) : views.reduce((s, v) => s + v.weight, 0);
    aspects[aspect.code] = sum / weight;
    weighted += sum;
    weights += weight;
  }
  const index = pkg.index.formula === 'weighted-sum' ? weighted / 10000 : weighted / weights;
  // Half-up to hundredths in integers: floor((200 × num + den) / (2 × den)).
  const den = pkg.index.formula === 'weighted-sum' ? 10000 : weights;
  const hundredths = Math.floor((200 * weighted + den) / (2 * den));
  return { framework: pkg.id, version: pkg.version, index, predicate: bandOf(pkg, hundredths), aspects };
}

/** Bands run from the highest minimum down; the last starts at the scale's minimum. */
export function bandOf(pkg: FrameworkPackage, hundredths: number): Text {
  const band = pkg.predicates.find((entry) => hundredths >= toHundredths(entry.min));
  return (band ?? pkg.predicates[pkg.predicates.length - 1]).name;
}

/** How much one more level of each indicator adds to the index (weight × one level), largest first. */
export function indexGainPerLevel(pkg: FrameworkPackage): { code: string; name: Text; gain: number }[] {
  const weights = packageIndicators(pkg).reduce((s, v) => s + v.weight, 0);
  const den = pkg.index.formula === 'weighted-sum' ? 10000 : weights;
  return packageIndicators(pkg)
    .map((v) => ({ code: v.code, name: v.name, gain: v.weight / den }))
    .sort((a, b) => b.gain - a.gain || a.code.localeCompare(b.code, 'en', { numeric: true }));
}

/** An index over the levels an agency has so far: missing indicators make it incomplete, never zero. */
export interface PartialIndex {
  /** Unrounded; null while any indicator has no level (an index over part of them would mislead). */
  readonly index: number | null;
  /** Rounded half up to 2 places, e.g. "3.25"; null when incomplete. */
  readonly display: string | null;
  readonly predicate: Text | null;
  readonly complete: boolean;
  /** Indicator codes without a level, in the package's order. */
  readonly missing: readonly string[];
  readonly aspects: Readonly<Record<string, { index: number | null; display: string | null }>>;
}

/**
 * The package's index from levels given in hundredths (an external value may be 3.27), null for
 * an indicator without a level. Sums are integers (weight hundredths × level hundredths).
 */
export function computePartialIndex(
  pkg: FrameworkPackage,
  hundredths: Readonly<Record<string, number | null | undefined>>,
): PartialIndex {
  const missing: string[] = [];
  const aspects: Record<string, { index: number | null; display: string | null }> = {};
  let weighted = 0;
  let weights = 0;
  for (const { aspect } of packageAspects(pkg)) {
    const views = aspectIndicators(aspect);
    const absent = views.filter((v) => hundredths[v.code] === null || hundredths[v.code] === undefined);
    missing.push(...absent.map((v) => v.code));
    const sum = views.reduce((s, v) => s + v.weight * (hundredths[v.code] ?? 0), 0);
    const weight =
      aspect.weight !== undefined ? toHundredths(aspect.weight) : views.reduce((s, v) => s + v.weight, 0);
    aspects[aspect.code] = absent.length
      ? { index: null, display: null }
      : { index: sum / weight / 100, display: halfUp(sum, weight * 100) };
    weighted += sum;
    weights += weight;
  }
  if (missing.length)
    return { index: null, display: null, predicate: null, complete: false, missing, aspects };
  const den = (pkg.index.formula === 'weighted-sum' ? 10000 : weights) * 100;
  const rounded = Math.floor((200 * weighted + den) / (2 * den));
  return {
    index: weighted / den,
    display: formatHundredths(rounded),
    predicate: bandOf(pkg, rounded),
    complete: true,
    missing,
    aspects,
  };
}

/** num ÷ den rounded half up to hundredths, as "3.25". */
function halfUp(num: number, den: number): string {
  return formatHundredths(Math.floor((200 * num + den) / (2 * den)));
}
