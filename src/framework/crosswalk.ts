import type { FrameworkPackage } from './framework-package.zod';

/**
 * The crosswalk a package declares from another framework, as a lookup: where each indicator of
 * the earlier framework goes. Pure; the packages are inputs.
 *
 * Evidence stores the indicators it supports as numbers of the period's framework (SPBE 2020
 * Indicator 18 is 18; Pemdi I16 is 16): every indicator code of both frameworks is "I" and its
 * number, so a code converts both ways without a table.
 */

/** Where one indicator of the earlier framework goes. */
export interface CrosswalkTarget {
  /** The indicator it feeds mainly: chosen by default when evidence is carried over. */
  readonly to: string;
  /** Indicators it is linked to: offered, not chosen by default. */
  readonly related: readonly string[];
  readonly note: { id: string; en: string; form: string };
}

export type Crosswalk = ReadonlyMap<string, CrosswalkTarget>;

/** "I16" for 16. */
export function codeOf(indicator: number): string {
  return `I${indicator}`;
}

/** 16 for "I16"; null for anything else. */
export function numberOf(code: string): number | null {
  const match = /^I([1-9][0-9]*)$/.exec(code);
  return match ? Number(match[1]) : null;
}

/**
 * The crosswalk of `to` from framework `fromFramework` (at `fromVersion`, when an entry names a
 * version); empty when the package declares none.
 */
export function crosswalkFrom(to: FrameworkPackage, fromFramework: string, fromVersion?: string): Crosswalk {
  const map = new Map<string, CrosswalkTarget>();
  for (const entry of to.crosswalk ?? []) {
    if (entry.from.framework !== fromFramework) continue;
    if (entry.from.version && fromVersion && entry.from.version !== fromVersion) continue;
    map.set(entry.from.indicator, { to: entry.to, related: entry.related ?? [], note: entry.note });
  }
  return map;
}

/** How one evidence item would be re-tagged: what it supports now and what it may support next. */
export interface Retag {
  /** The indicators it supports in the earlier framework, as codes. */
  readonly from: string[];
  /** The mapped indicators, chosen by default. */
  readonly to: string[];
  /** The related indicators, offered but not chosen by default (and not already in `to`). */
  readonly related: string[];
  /** Indicators of the item that the crosswalk does not map (they are dropped). */
  readonly unmapped: string[];
}

/** Re-tags the indicators of one item (numbers of the earlier framework) by the crosswalk. */
export function retag(indicators: readonly number[], crosswalk: Crosswalk): Retag {
  const from = [...new Set(indicators)].sort((a, b) => a - b).map(codeOf);
  const to = new Set<string>();
  const related = new Set<string>();
  const unmapped: string[] = [];
  for (const code of from) {
    const target = crosswalk.get(code);
    if (!target) unmapped.push(code);
    else {
      to.add(target.to);
      target.related.forEach((r) => related.add(r));
    }
  }
  for (const code of to) related.delete(code);
  return { from, to: byNumber(to), related: byNumber(related), unmapped };
}

/**
 * The indicators a copy will support: the mapped ones, or the ones chosen among the mapped and
 * related; `null` when the choice names an indicator the crosswalk does not offer for the item.
 */
export function chosenIndicators(plan: Retag, chosen?: readonly string[]): number[] | null {
  const offered = new Set([...plan.to, ...plan.related]);
  const codes = chosen ?? plan.to;
  if (codes.some((c) => !offered.has(c))) return null;
  return byNumber(new Set(codes)).map((c) => numberOf(c)!);
}

function byNumber(codes: Iterable<string>): string[] {
  return [...codes].sort((a, b) => (numberOf(a) ?? 0) - (numberOf(b) ?? 0));
}
