import { formatHundredths, toHundredths } from '../framework/decimal';
import type { Framework, Text } from '../framework/framework.schema';

/** Weighted index of one group (aspect, domain or the whole framework) over its assessed indicators. */
export interface IndexValue {
  /** sum(level x weight) / sum(weight) over assessed indicators, full precision; null when none is assessed. */
  readonly index: number | null;
  /** Rounded half up to 2 decimals, the value reports show. */
  readonly rounded: number | null;
  readonly display: string | null;
  /** Band of the rounded index, so that a shown 4.20 always reads Memuaskan. */
  readonly predicate: Text | null;
  readonly weight: string;
  readonly assessed: number;
  readonly indicators: number;
}

export interface AspectIndex extends IndexValue {
  readonly code: string;
  readonly name: Text;
}

export interface DomainIndex extends AspectIndex {
  readonly aspects: readonly AspectIndex[];
}

export interface IndexResult {
  readonly frameworkId: string;
  readonly frameworkVersion: string;
  readonly overall: IndexValue;
  readonly domains: readonly DomainIndex[];
  readonly assessed: readonly number[];
  readonly notAssessed: readonly number[];
  /** False when some indicators have no level: the index then covers the assessed ones only. */
  readonly complete: boolean;
  readonly note?: Text;
}

interface Sums {
  levelWeight: number;
  weight: number;
  totalWeight: number;
  assessed: number;
  indicators: number;
}

/**
 * The SPBE index for any set of indicator levels (0..5), per aspect, per domain and overall.
 * Weights are integer hundredths, so sums are exact; only the final division is a float.
 */
export function computeIndex(levels: Readonly<Record<number, number>>, framework: Framework): IndexResult {
  const known = new Set(
    framework.domains.flatMap((d) => d.aspects.flatMap((a) => a.indicators.map((i) => i.number))),
  );
  for (const [key, level] of Object.entries(levels)) {
    if (!known.has(Number(key))) throw new RangeError(`indicator ${key} is not in framework ${framework.id}`);
    if (!Number.isInteger(level) || level < 0 || level > 5)
      throw new RangeError(`level of indicator ${key} must be an integer 0..5, got ${level}`);
  }
  const total = emptySums();
  const domains = framework.domains.map((domain) => {
    const domainSums = emptySums();
    const aspects = domain.aspects.map((aspect) => {
      const sums = emptySums();
      for (const indicator of aspect.indicators)
        addIndicator([sums, domainSums, total], toHundredths(indicator.weight), levels[indicator.number]);
      return { code: aspect.code, name: aspect.name, ...indexValue(sums, framework) };
    });
    return { code: domain.code, name: domain.name, ...indexValue(domainSums, framework), aspects };
  });
  const numbers = [...known].sort((a, b) => a - b);
  const notAssessed = numbers.filter((n) => levels[n] === undefined);
  const complete = notAssessed.length === 0;
  const common = {
    frameworkId: framework.id,
    frameworkVersion: framework.version,
    overall: indexValue(total, framework),
    domains,
  };
  return {
    ...common,
    assessed: numbers.filter((n) => levels[n] !== undefined),
    notAssessed,
    complete,
    ...(complete ? {} : { note: INCOMPLETE_NOTE }),
  };
}

const INCOMPLETE_NOTE: Text = {
  id: 'Indeks dihitung hanya atas indikator yang telah dinilai; indikator pada notAssessed tidak diperhitungkan.',
  en: 'The index covers the assessed indicators only; the indicators in notAssessed are left out.',
};

function emptySums(): Sums {
  return { levelWeight: 0, weight: 0, totalWeight: 0, assessed: 0, indicators: 0 };
}

function addIndicator(targets: Sums[], weight: number, level: number | undefined): void {
  for (const sums of targets) {
    sums.indicators += 1;
    sums.totalWeight += weight;
    if (level === undefined) continue;
    sums.assessed += 1;
    sums.weight += weight;
    sums.levelWeight += level * weight;
  }
}

function indexValue(sums: Sums, framework: Framework): IndexValue {
  const base = {
    weight: formatHundredths(sums.totalWeight),
    assessed: sums.assessed,
    indicators: sums.indicators,
  };
  if (sums.weight === 0) return { index: null, rounded: null, display: null, predicate: null, ...base };
  // Half-up rounding to hundredths in integers: floor((200 * num + den) / (2 * den)).
  const hundredths = Math.floor((200 * sums.levelWeight + sums.weight) / (2 * sums.weight));
  return {
    index: sums.levelWeight / sums.weight,
    rounded: hundredths / 100,
    display: formatHundredths(hundredths),
    predicate: predicateFor(hundredths, framework),
    ...base,
  };
}

/** Bands are ordered from the highest minimum down; the last starts at 0. */
export function predicateFor(hundredths: number, framework: Framework): Text {
  const band = framework.predicates.find((entry) => hundredths >= toHundredths(entry.min));
  return (band ?? framework.predicates[framework.predicates.length - 1]).name;
}
