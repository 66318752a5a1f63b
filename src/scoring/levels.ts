import type { Gap } from './gaps';

/** Gaps of the five levels, index 0 holding level 1. */
export type LevelGaps = readonly (readonly Gap[])[];

/** The highest level whose conditions and all lower ones hold; 0 when level 1 does not. */
export function levelFromGaps(gaps: LevelGaps): number {
  let level = 0;
  while (level < gaps.length && gaps[level].length === 0) level += 1;
  return level;
}

/** Builds a code such as `I18_L3_UNITS_BELOW_L2` or `I18_UNIT_L2_NO_DOC`. */
export function codeFor(indicator: number, level: number, suffix: string, scope?: 'UNIT'): string {
  return scope ? `I${indicator}_${scope}_L${level}_${suffix}` : `I${indicator}_L${level}_${suffix}`;
}

/**
 * How a level of a ladder reads beside the level reached: `reached` when it is at or below it,
 * `held` when its own conditions hold but a lower level does not (levels are assessed in order,
 * so it is not achieved), `unmet` otherwise.
 */
export type LadderState = 'reached' | 'held' | 'unmet';

export function ladderState(level: number, met: boolean, reached: number): LadderState {
  if (level <= reached) return 'reached';
  return met ? 'held' : 'unmet';
}
