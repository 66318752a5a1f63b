import type { Gap } from './gaps';

/** A level's own conditions: returns what is missing, empty when they hold. */
export type LevelCheck = () => readonly Gap[];

/** Gaps of the five levels, index 0 holding level 1. */
export type LevelGaps = readonly (readonly Gap[])[];

/** The highest level whose conditions and all lower ones hold; 0 when level 1 does not. */
export function levelFromGaps(gaps: LevelGaps): number {
  let level = 0;
  while (level < gaps.length && gaps[level].length === 0) level += 1;
  return level;
}

/**
 * Evaluates checks in order and stops at the first that fails, for per-unit levels where the
 * criteria above the next level are never shown.
 */
export function climb(checks: readonly LevelCheck[]): { level: number; missing: readonly Gap[] } {
  for (let index = 0; index < checks.length; index++) {
    const missing = checks[index]();
    if (missing.length > 0) return { level: index, missing };
  }
  return { level: checks.length, missing: [] };
}

/** Builds a code such as `I18_L3_UNITS_BELOW_L2` or `I18_UNIT_L2_NO_DOC`. */
export function codeFor(indicator: number, level: number, suffix: string, scope?: 'UNIT'): string {
  return scope ? `I${indicator}_${scope}_L${level}_${suffix}` : `I${indicator}_L${level}_${suffix}`;
}
