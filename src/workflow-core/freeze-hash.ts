import { createHash } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json';
import type { Facts } from '../scoring/facts.types';
import type { IndicatorResult, ScoreOutput } from '../scoring/scoring.types';

/**
 * How frozen results are hashed, so that anyone can check them with the stored JSON alone.
 *
 * Canonical JSON (src/common/canonical-json.ts): object keys sorted at every depth. PostgreSQL's
 * jsonb does not keep key order, so every hash is taken over this form.
 *
 *   row hash      = sha256hex(canonical({ agencyId, periodId, indicator, facts, result,
 *                                          engineVersion, frameworkVersion }))
 *   snapshot_hash = sha256hex(canonical([{ indicator, hash }, ...] sorted by indicator))
 */
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What `result` holds for one indicator. */
export interface FrozenIndicatorResult {
  indicator: number;
  /** The final level (nilai akhir): the validated level, or the verified level when none was set. */
  finalLevel: number;
  claimed: number | null;
  supported: number;
  verified: number;
  validated: number | null;
  validationNote: string | null;
  /** The engine's output for this indicator on each basis (lang id), as `score --basis` prints it. */
  scores: { supported: IndicatorResult; verified: IndicatorResult };
}

export interface FrozenRowContent {
  agencyId: string;
  periodId: string;
  indicator: number;
  facts: Facts | Record<string, unknown>;
  result: FrozenIndicatorResult | Record<string, unknown>;
  engineVersion: string;
  frameworkVersion: string;
}

export function rowHash(row: FrozenRowContent): string {
  const { agencyId, periodId, indicator, facts, result, engineVersion, frameworkVersion } = row;
  return sha256(
    canonicalJson({ agencyId, periodId, indicator, facts, result, engineVersion, frameworkVersion }),
  );
}

export function snapshotHash(rows: readonly { indicator: number; hash: string }[]): string {
  const list = [...rows]
    .sort((a, b) => a.indicator - b.indicator)
    .map(({ indicator, hash }) => ({ indicator, hash }));
  return sha256(canonicalJson(list));
}

export interface Claim {
  claimed: number | null;
  validated: number | null;
  validationNote: string | null;
}

/** The frozen rows of one agency: scored facts in, one hashed row per indicator out. */
export function buildFrozenRows(input: {
  agencyId: string;
  periodId: string;
  facts: Facts | Record<string, unknown>;
  supported: ScoreOutput;
  verified: ScoreOutput;
  claims: ReadonlyMap<number, Claim>;
}): (FrozenRowContent & { result: FrozenIndicatorResult; hash: string })[] {
  const { supported, verified } = input;
  return Object.keys(supported.indicators)
    .map(Number)
    .sort((a, b) => a - b)
    .map((indicator) => {
      const s = supported.indicators[String(indicator)];
      const v = verified.indicators[String(indicator)];
      const claim = input.claims.get(indicator);
      const result: FrozenIndicatorResult = {
        indicator,
        finalLevel: claim?.validated ?? v.level,
        claimed: claim?.claimed ?? null,
        supported: s.level,
        verified: v.level,
        validated: claim?.validated ?? null,
        validationNote: claim?.validationNote ?? null,
        scores: { supported: s, verified: v },
      };
      const content: FrozenRowContent = {
        agencyId: input.agencyId,
        periodId: input.periodId,
        indicator,
        facts: input.facts,
        result,
        engineVersion: supported.engineVersion,
        frameworkVersion: supported.frameworkVersion,
      };
      return { ...content, result, hash: rowHash(content) };
    });
}
