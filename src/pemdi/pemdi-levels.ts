import { toHundredths } from '../framework/decimal';
import { packageIndicators } from '../framework/framework-package.view';
import type { FrameworkPackage } from '../framework/framework-package.zod';
import { computePartialIndex, type PartialIndex } from '../scoring/framework-index';

/** Where the level an index counts for an indicator comes from. */
export type LevelFrom = 'validated' | 'claimed' | 'external';

export interface LevelInForce {
  /** Hundredths (an external value may be 3.27); null: no level yet. */
  readonly hundredths: number | null;
  readonly from: LevelFrom | null;
}

export interface ClaimLevels {
  readonly indicator: number;
  readonly claimedLevel: number;
  readonly validatedLevel: number | null;
}

/**
 * The level of each indicator of the package the index counts: the evaluator's validated level,
 * else the agency's claim (its self-assessment), for indicators entered as levels or assessed by
 * evidence; the entered value for externally scored ones. A claim of 0 (an SPBE habit) is no level.
 */
export function levelsInForce(
  pkg: FrameworkPackage,
  claims: readonly ClaimLevels[],
  externals: readonly { indicator: number; value: string }[],
): Record<string, LevelInForce> {
  const out: Record<string, LevelInForce> = {};
  for (const view of packageIndicators(pkg)) {
    const n = Number(view.code.slice(1));
    if (view.mode === 'external') {
      const found = externals.find((e) => e.indicator === n);
      out[view.code] = found
        ? { hundredths: toHundredths(trimDecimal(found.value)), from: 'external' }
        : { hundredths: null, from: null };
      continue;
    }
    const claim = claims.find((c) => c.indicator === n);
    if (claim?.validatedLevel !== null && claim?.validatedLevel !== undefined)
      out[view.code] = { hundredths: claim.validatedLevel * 100, from: 'validated' };
    else if (claim && claim.claimedLevel >= Math.max(pkg.scale.min, 1))
      out[view.code] = { hundredths: claim.claimedLevel * 100, from: 'claimed' };
    else out[view.code] = { hundredths: null, from: null };
  }
  return out;
}

/** The package's index over the levels in force. */
export function indexOfLevels(pkg: FrameworkPackage, levels: Record<string, LevelInForce>): PartialIndex {
  return computePartialIndex(
    pkg,
    Object.fromEntries(Object.entries(levels).map(([code, l]) => [code, l.hundredths])),
  );
}

/** PostgreSQL gives numeric(4,2) as "3.25"; a stray trailing zero beyond 2 places is dropped. */
function trimDecimal(value: string): string {
  const [whole, fraction = ''] = value.split('.');
  return fraction ? `${whole}.${fraction.slice(0, 2)}` : whole;
}
