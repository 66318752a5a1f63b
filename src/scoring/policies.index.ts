import type { EvidenceIndex } from './evidence.index';
import type { Policy } from './facts.types';
import type { PolicyIssue } from './gaps';

/** Why each policy does not qualify, by id; undefined for a qualifying one. */
export type PolicyIssues = ReadonlyMap<string, PolicyIssue['reason'] | undefined>;

/** The policies judged once: which qualify, which of those are enacted, and why the others fail. */
export interface PolicyIndex {
  readonly all: readonly Policy[];
  readonly issues: PolicyIssues;
  readonly qualifying: readonly Policy[];
  readonly enacted: readonly Policy[];
}

export interface PolicyKinds {
  readonly enacted: ReadonlySet<string>;
  readonly draft: ReadonlySet<string>;
}

export function indexPolicies(
  policies: readonly Policy[],
  asOf: string,
  kinds: PolicyKinds,
  evidence: EvidenceIndex,
): PolicyIndex {
  const issues = new Map(policies.map((policy) => [policy.id, policyIssue(policy, asOf, kinds, evidence)]));
  const qualifying = policies.filter((policy) => issues.get(policy.id) === undefined);
  const enacted = qualifying.filter((policy) => policy.status === 'enacted');
  return { all: policies, issues, qualifying, enacted };
}

/**
 * A policy qualifies when it regulates SPL use, is dated on or before asOf, and one of its
 * evidence items counts with an accepted kind: POLICY_ENACTED for an enacted policy (so an
 * enacted policy backed only by a draft does not qualify at all), POLICY_DRAFT for a draft.
 */
function policyIssue(
  policy: Policy,
  asOf: string,
  kinds: PolicyKinds,
  evidence: EvidenceIndex,
): PolicyIssue['reason'] | undefined {
  if (!policy.regulatesSplUse) return 'not_spl_use';
  if (policy.date > asOf) return 'after_as_of';
  const accepted = policy.status === 'enacted' ? kinds.enacted : kinds.draft;
  return evidence.anyCounting(policy.evidence, accepted) ? undefined : 'no_evidence';
}

/** The policies that fail, and why, among those the filter keeps. */
export function issueList(issues: PolicyIssues, filter: (id: string) => boolean): PolicyIssue[] {
  const list: PolicyIssue[] = [];
  for (const [id, reason] of issues) if (reason && filter(id)) list.push({ id, reason });
  return list;
}
