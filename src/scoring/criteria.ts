import type { AssessedIndicator, Criterion, EvidenceCheck, KindSetName } from '../framework/framework.schema';
import { runCheck, type CheckSite } from './checks';
import { indexIndicatorEvidence } from './coverage.index';
import type { Unit } from './facts.types';
import type { Gap } from './gaps';
import type { LevelGaps } from './levels';
import type { ScoringContext } from './scoring.context';

/**
 * The level loop: an indicator's levels are the criteria of the scoring edition, each a list
 * of checks (docs/criteria-vocabulary.md). Levels are cumulative: a result is the highest
 * level whose checks and all lower levels' checks hold.
 */

/** The criteria of the edition being scored (the loader guarantees every edition has five). */
export function criteriaOf(assessed: AssessedIndicator, edition: string): readonly Criterion[] {
  const criteria = assessed.criteria[edition];
  if (!criteria)
    throw new RangeError(`indicator ${assessed.indicator} has no criteria for edition ${edition}`);
  return criteria;
}

/** Everything a site needs except the level and the subject: the indicator and its indexed evidence. */
export type IndicatorSite = Omit<CheckSite, 'level' | 'unit' | 'units'>;

export function indicatorSite(
  ctx: ScoringContext,
  indicator: number,
  criteria: readonly Criterion[],
): IndicatorSite {
  const plan = evidenceGroups(criteria, ctx.kindLists);
  const statuses = new Set(ctx.statuses);
  const evidence = indexIndicatorEvidence(ctx.facts, indicator, plan.sets, statuses, ctx.asOf);
  return { indicator, evidence, groups: plan.keys };
}

/** The agency's gaps at every level (all are evaluated: the criteria table shows each level). */
export function agencyGaps(
  ctx: ScoringContext,
  criteria: readonly Criterion[],
  site: Omit<CheckSite, 'level'>,
): LevelGaps {
  return criteria.map((criterion) =>
    levelGaps(ctx, criterion.checks, {
      indicator: site.indicator,
      evidence: site.evidence,
      groups: site.groups,
      units: site.units,
      level: criterion.level,
    }),
  );
}

/** A unit's level, climbing until the first level whose unit checks fail (the levels above are never shown). */
export function unitClimb(
  ctx: ScoringContext,
  criteria: readonly Criterion[],
  site: IndicatorSite,
  unit: Unit,
): { level: number; missing: readonly Gap[] } {
  for (const criterion of criteria) {
    const at = {
      indicator: site.indicator,
      evidence: site.evidence,
      groups: site.groups,
      unit,
      level: criterion.level,
    };
    const missing = levelGaps(ctx, criterion.unitChecks ?? [], at);
    if (missing.length > 0) return { level: criterion.level - 1, missing };
  }
  return { level: criteria.length, missing: [] };
}

/** Each level's unit checks judged on their own (index 0 holding level 1), for plans past the next level. */
export function unitLevelGaps(
  ctx: ScoringContext,
  criteria: readonly Criterion[],
  site: IndicatorSite,
  unit: Unit,
): LevelGaps {
  return criteria.map((criterion) =>
    levelGaps(ctx, criterion.unitChecks ?? [], {
      indicator: site.indicator,
      evidence: site.evidence,
      groups: site.groups,
      unit,
      level: criterion.level,
    }),
  );
}

function levelGaps(ctx: ScoringContext, checks: Criterion['checks'], site: CheckSite): Gap[] {
  const gaps: Gap[] = [];
  for (const check of checks) gaps.push(...runCheck(ctx, check, site));
  return gaps;
}

interface EvidenceGroups {
  /** Group index of each `evidence` check; checks with the same kinds share a group. */
  readonly keys: ReadonlyMap<EvidenceCheck, number>;
  /** The evidence kinds of each group. */
  readonly sets: readonly ReadonlySet<string>[];
}

/**
 * The distinct kind lists of the criteria's `evidence` checks, worked out once per criteria
 * list: a loaded framework is frozen, and scoring runs many times against one framework.
 */
const groupCache = new WeakMap<readonly Criterion[], EvidenceGroups>();

function evidenceGroups(
  criteria: readonly Criterion[],
  kindLists: Readonly<Record<KindSetName, readonly string[]>>,
): EvidenceGroups {
  let plan = groupCache.get(criteria);
  if (plan) return plan;
  const keys = new Map<EvidenceCheck, number>();
  const byKinds = new Map<string, number>();
  const kinds: KindSetName[][] = [];
  for (const criterion of criteria) {
    for (const check of [...criterion.checks, ...(criterion.unitChecks ?? [])]) {
      if (check.check !== 'evidence') continue;
      const key = check.kinds.join('+');
      let group = byKinds.get(key);
      if (group === undefined) {
        byKinds.set(key, (group = kinds.length));
        kinds.push([...check.kinds]);
      }
      keys.set(check, group);
    }
  }
  const sets = kinds.map((names) => new Set(names.flatMap((name) => kindLists[name])));
  plan = { keys, sets };
  groupCache.set(criteria, plan);
  return plan;
}
