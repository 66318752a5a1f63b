import { addCalendarMonths, nextDay } from './dates';
import { coversUnit } from './evidence.index';
import type { Policy } from './facts.types';
import { gap, type DatedRef, type Gap, type PolicyIssue } from './gaps';
import { codeFor, levelFromGaps, type LevelGaps } from './levels';
import type { ScoringContext } from './scoring.context';
import { reviewGaps } from './shared.checks';

export interface SplPolicyScore {
  readonly indicator: number;
  readonly level: number;
  readonly gaps: LevelGaps;
  readonly qualifying: readonly string[];
}

type CodeFn = (level: number, suffix: string) => string;
/** Why each policy does not qualify, by id; undefined for a qualifying one. */
type Issues = ReadonlyMap<string, PolicyIssue['reason'] | undefined>;

/** Indicator 7: the agency's policy on SPL use. */
export function scoreSplPolicy(ctx: ScoringContext): SplPolicyScore {
  const indicator = ctx.framework.assessment.splPolicy.indicator;
  const code: CodeFn = (level, suffix) => codeFor(indicator, level, suffix);
  const issues = new Map(ctx.policies.map((policy) => [policy.id, policyIssue(ctx, policy)]));
  const qualifying = ctx.policies.filter((policy) => issues.get(policy.id) === undefined);
  const enacted = qualifying.filter((policy) => policy.status === 'enacted');
  const gaps: LevelGaps = [
    qualifying.length ? [] : [noQualifyingPolicy(ctx, issues, code(1, 'NO_QUALIFYING_POLICY'))],
    policyL2(ctx, qualifying, enacted, issues, code),
    policyL3(ctx, enacted, code(3, 'UNITS_NOT_COVERED')),
    policyL4(ctx, enacted, code),
    policyL5(ctx, enacted, issues, code),
  ];
  return { indicator, level: levelFromGaps(gaps), gaps, qualifying: qualifying.map((policy) => policy.id) };
}

/**
 * A policy qualifies when it regulates SPL use, is dated on or before asOf, and one of its
 * evidence items counts with an accepted kind: POLICY_ENACTED for an enacted policy (so an
 * enacted policy backed only by a draft does not qualify at all), POLICY_DRAFT for a draft.
 */
function policyIssue(ctx: ScoringContext, policy: Policy): PolicyIssue['reason'] | undefined {
  if (!policy.regulatesSplUse) return 'not_spl_use';
  if (policy.date > ctx.asOf) return 'after_as_of';
  const kinds = policy.status === 'enacted' ? ctx.kinds.POLICY_ENACTED : ctx.kinds.POLICY_DRAFT;
  return ctx.evidence.anyCounting(policy.evidence, kinds) ? undefined : 'no_evidence';
}

function issueList(issues: Issues, filter: (id: string) => boolean): PolicyIssue[] {
  const list: PolicyIssue[] = [];
  for (const [id, reason] of issues) if (reason && filter(id)) list.push({ id, reason });
  return list;
}

function noQualifyingPolicy(ctx: ScoringContext, issues: Issues, code: string): Gap {
  return gap(code, 'POLICY_NONE_QUALIFYING', {
    asOf: ctx.asOf,
    draftKinds: ctx.kindLists.POLICY_DRAFT,
    enactedKinds: ctx.kindLists.POLICY_ENACTED,
    statuses: ctx.statuses,
    policies: issueList(issues, () => true),
  });
}

/** A qualifying enacted policy covers at least one unit in scope; with no unit in scope this cannot hold. */
function policyL2(
  ctx: ScoringContext,
  qualifying: readonly Policy[],
  enacted: readonly Policy[],
  issues: Issues,
  code: CodeFn,
): Gap[] {
  if (enacted.length === 0) {
    const enactedIds = new Set(ctx.policies.filter((p) => p.status === 'enacted').map((p) => p.id));
    const drafts = qualifying.map((policy) => policy.id);
    const params = {
      asOf: ctx.asOf,
      kinds: ctx.kindLists.POLICY_ENACTED,
      statuses: ctx.statuses,
      drafts,
      policies: issueList(issues, (id) => enactedIds.has(id)),
    };
    return [gap(code(2, 'NO_ENACTED_POLICY'), 'POLICY_NO_ENACTED', params)];
  }
  if (ctx.unitsInScope.length === 0)
    return [gap(code(2, 'NO_UNITS_IN_SCOPE'), 'POLICY_NO_UNITS_IN_SCOPE', {})];
  const covered = ctx.unitsInScope.some((unit) =>
    enacted.some((policy) => coversUnit(policy.units, unit.id)),
  );
  if (covered) return [];
  const units = ctx.unitsInScope.map((unit) => unit.id);
  return [
    gap(code(2, 'NO_UNIT_COVERED'), 'POLICY_NO_UNIT_COVERED', { policies: enacted.map((p) => p.id) }, units),
  ];
}

/** Qualifying enacted policies together cover every unit in scope; vacuously true with no unit in scope (level 2 already fails then). */
function policyL3(ctx: ScoringContext, enacted: readonly Policy[], code: string): Gap[] {
  if (enacted.some((policy) => policy.units === 'all')) return [];
  const covered = new Set<string>();
  for (const policy of enacted) for (const unitId of policy.units) covered.add(unitId);
  const uncovered = ctx.unitsInScope.filter((unit) => !covered.has(unit.id)).map((unit) => unit.id);
  if (uncovered.length === 0) return [];
  return [gap(code, 'POLICY_UNITS_NOT_COVERED', { policies: enacted.map((p) => p.id) }, uncovered)];
}

function policyL4(ctx: ScoringContext, enacted: readonly Policy[], code: CodeFn): Gap[] {
  const gaps: Gap[] = [];
  if (!enacted.some((policy) => policy.regulatesSplpConnection)) {
    gaps.push(
      gap(code(4, 'NO_SPLP_CONNECTION'), 'POLICY_NO_SPLP_CONNECTION', { policies: enacted.map((p) => p.id) }),
    );
  }
  return [...gaps, ...reviewGaps(ctx, ctx.policyReviews, 'policy', code(4, 'NO_REVIEW_IN_WINDOW'))];
}

/**
 * A qualifying enacted policy with `replaces` set is dated strictly after an in-window policy
 * review and at least the edition's gap in calendar months after it (0 for A and B).
 */
function policyL5(ctx: ScoringContext, enacted: readonly Policy[], issues: Issues, code: CodeFn): Gap[] {
  const reviews = ctx.policyReviews.inWindow;
  if (reviews.length === 0)
    return reviewGaps(ctx, ctx.policyReviews, 'policy', code(5, 'NO_REVIEW_IN_WINDOW'));
  const gapMonths = ctx.rules.policyReplacementGapMonths;
  const replacing = enacted.filter((policy) => (policy.replaces ?? null) !== null);
  const met = replacing.some((policy) =>
    reviews.some((review) => earliestReplacement(review, gapMonths) <= policy.date),
  );
  if (met) return [];
  const review = reviews.reduce((a, b) => (b.date < a.date ? b : a));
  const earliest = earliestReplacement(review, gapMonths);
  if (earliest > ctx.asOf) {
    const params = { review, earliest, asOf: ctx.asOf, gapMonths, after: ctx.window.after };
    return [gap(code(5, 'REVIEW_TOO_RECENT'), 'POLICY_REVIEW_TOO_RECENT', params)];
  }
  const candidates = replacementCandidates(ctx, issues, earliest);
  const params = {
    review,
    earliest,
    gapMonths,
    asOf: ctx.asOf,
    kinds: ctx.kindLists.POLICY_ENACTED,
    statuses: ctx.statuses,
    candidates,
  };
  return [gap(code(5, 'NO_REPLACING_POLICY'), 'POLICY_NO_REPLACEMENT', params)];
}

/** The first date a replacing policy may carry: the day after the review, and at least gapMonths after it. */
function earliestReplacement(review: DatedRef, gapMonths: number): string {
  const dayAfter = nextDay(review.date);
  const afterGap = addCalendarMonths(review.date, gapMonths);
  return afterGap > dayAfter ? afterGap : dayAfter;
}

/** Policies with `replaces` set that fail, and why: not qualifying, a draft, or dated too early. */
function replacementCandidates(
  ctx: ScoringContext,
  issues: Issues,
  earliest: string,
): (PolicyIssue & { date: string })[] {
  return ctx.policies
    .filter((policy) => (policy.replaces ?? null) !== null)
    .map((policy) => {
      const reason = issues.get(policy.id) ?? (policy.status === 'draft' ? 'draft' : 'too_early');
      return { id: policy.id, date: policy.date, reason };
    })
    .filter((candidate) => candidate.reason !== 'too_early' || candidate.date < earliest);
}
