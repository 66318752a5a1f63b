import type { Framework } from '../framework/framework.schema';
import type { Facts } from './facts.types';
import type { LevelGaps } from './levels';
import { renderGap } from './messages';
import { readingsApplied } from './readings';
import { buildContext } from './scoring.context';
import type {
  CriterionResult,
  Lang,
  LevelPlan,
  LevelPlans,
  NextStep,
  ScoreOptions,
  ScoreOutput,
  SplPolicyResult,
  SplUseResult,
  UnitResult,
} from './scoring.types';
import { scoreSplPolicy, type SplPolicyScore } from './spl-policy';
import { scoreSplUse, type SplUseScore } from './spl-use';
import { unitLevelGaps, type UnitScore } from './spl-use.unit';
import { collectWarnings } from './warnings';

/** Bumped whenever a rule's reading changes, so stored results say which engine produced them. */
export const ENGINE_VERSION = '2.0.0';

/** The version of `shared/scoring-contract.md` this engine implements. */
export const SCORING_CONTRACT = 2;

/**
 * The functional core: facts and a framework in, levels and explanations out. No file, clock
 * or framework loading happens here; `score()` in score.ts supplies the default framework.
 */
export function scoreWithFramework(facts: Facts, framework: Framework, options: ScoreOptions): ScoreOutput {
  const lang = options.lang ?? 'id';
  const ctx = buildContext(facts, framework, options.basis);
  const policy = policyResult(scoreSplPolicy(ctx), framework, lang);
  const use = useResult(scoreSplUse(ctx), framework, lang);
  const warnings = collectWarnings(facts, ctx.rules, ctx.edition, lang);
  return {
    contract: SCORING_CONTRACT,
    basis: options.basis,
    asOf: ctx.asOf,
    edition: ctx.edition,
    lang,
    engineVersion: ENGINE_VERSION,
    frameworkId: framework.id,
    frameworkVersion: framework.version,
    coverageTarget: ctx.coverageTarget,
    reviewWindow: ctx.window,
    readings: readingsApplied(
      {
        reviewWindowMonths: ctx.window.months,
        reviewWindowFromInput: facts.reviewWindowMonths !== undefined,
        coverageTarget: ctx.coverageTarget,
        coverageTargetApplies: ctx.rules.coverageTargetApplies,
      },
      lang,
    ),
    indicators: { [String(policy.indicator)]: policy, [String(use.indicator)]: use },
    ...(warnings.length ? { warnings } : {}),
  };
}

/**
 * Every level of each indicator and of each unit in scope judged on its own, with what it lacks:
 * the plan of what stands between the agency (or a unit) and levels above the next. Levels are
 * those of `scoreWithFramework`; this adds no rule.
 */
export function levelPlans(facts: Facts, framework: Framework, options: ScoreOptions): LevelPlans {
  const lang = options.lang ?? 'id';
  const ctx = buildContext(facts, framework, options.basis);
  const policy = scoreSplPolicy(ctx);
  const use = scoreSplUse(ctx);
  const plan = (gaps: LevelGaps): LevelPlan[] =>
    gaps.map((levelGaps, index) => ({
      level: index + 1,
      met: levelGaps.length === 0,
      missing: levelGaps.map((g) => renderGap(g, lang)),
    }));
  return {
    indicators: { [String(policy.indicator)]: plan(policy.gaps), [String(use.indicator)]: plan(use.gaps) },
    units: ctx.unitsInScope.map((unit, index) => ({
      id: unit.id,
      level: use.units[index].level,
      levels: plan(unitLevelGaps(ctx, unit)),
    })),
  };
}

function policyResult(score: SplPolicyScore, framework: Framework, lang: Lang): SplPolicyResult {
  const { head, next, criteria } = indicatorParts(score.indicator, score.level, score.gaps, framework, lang);
  return { rule: 'spl-policy', ...head, qualifyingPolicies: score.qualifying, ...next, criteria };
}

function useResult(score: SplUseScore, framework: Framework, lang: Lang): SplUseResult {
  const { head, next, criteria } = indicatorParts(score.indicator, score.level, score.gaps, framework, lang);
  const { coverage, coverageTarget, unitsInScope, unitsUsingSpl } = score;
  const units = score.units.map((unit) => unitResult(unit, lang));
  return {
    rule: 'spl-use',
    ...head,
    coverage,
    coverageTarget,
    unitsInScope,
    unitsUsingSpl,
    ...next,
    criteria,
    units,
  };
}

function unitResult(unit: UnitScore, lang: Lang): UnitResult {
  const { id, level, coverage, applications, applicationsViaSpl } = unit;
  const base = { id, level, coverage, applications, applicationsViaSpl };
  return level < 5
    ? { ...base, next: { level: level + 1, missing: unit.missing.map((g) => renderGap(g, lang)) } }
    : base;
}

/** The parts every indicator result shares, split so that each result keeps a readable key order. */
function indicatorParts(indicator: number, level: number, gaps: LevelGaps, framework: Framework, lang: Lang) {
  const names = framework.levels.map((entry) => entry.name[lang]);
  const criteria: CriterionResult[] = gaps.map((levelGaps, index) => ({
    level: index + 1,
    name: names[index],
    met: levelGaps.length === 0,
    codes: levelGaps.map((g) => g.code),
  }));
  const head = {
    indicator,
    name: indicatorName(framework, indicator, lang),
    level,
    levelName: level > 0 ? names[level - 1] : null,
  };
  const next: { next?: NextStep } =
    level < gaps.length
      ? { next: { level: level + 1, missing: gaps[level].map((g) => renderGap(g, lang)) } }
      : {};
  return { head, next, criteria };
}

function indicatorName(framework: Framework, indicator: number, lang: Lang): string {
  for (const domain of framework.domains) {
    for (const aspect of domain.aspects) {
      const found = aspect.indicators.find((entry) => entry.number === indicator);
      if (found) return found.name[lang];
    }
  }
  return `Indicator ${indicator}`;
}
