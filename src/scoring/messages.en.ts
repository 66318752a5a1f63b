import type { FollowUpIssue, IntegrationIssue, NotCountingEvidence, PolicyIssue, ReviewIssue } from './gaps';
import type { Formatter } from './messages.format';
import type { Catalogue } from './messages.types';

const TARGETS: Record<string, string> = {
  splp: 'the SPLP (splp)',
  other_spl: "another agency's SPL (other_spl)",
};
const target = (value: string): string => TARGETS[value] ?? value;

const evidenceTail = (kinds: readonly string[], statuses: readonly string[], f: Formatter): string =>
  `with evidence of kind ${f.or(kinds)} whose status is ${f.or(statuses)}`;

const listed = (label: string, parts: readonly string[]): string =>
  parts.length ? ` ${label}: ${parts.join('; ')}.` : '';

function notCounting(items: readonly NotCountingEvidence[], asOf: string): string {
  const parts = items.map((e) =>
    e.reason === 'status' ? `${e.id} (status ${e.status})` : `${e.id} (dated ${e.date}, after ${asOf})`,
  );
  return listed('Evidence that does not count yet', parts);
}

function reviewIssues(items: readonly ReviewIssue[], after: string, asOf: string): string {
  const why: Record<ReviewIssue['reason'], string> = {
    before_window: `on or before ${after}, outside the window`,
    after_as_of: `after ${asOf}`,
    no_evidence: 'no counting review evidence',
    not_covering: 'does not cover this unit',
  };
  return listed(
    'Reviews that do not count',
    items.map((r) => `${r.id} (${r.date}: ${why[r.reason]})`),
  );
}

function followUpIssues(items: readonly FollowUpIssue[], asOf: string): string {
  const why: Record<FollowUpIssue['reason'], string> = {
    not_done: 'not done',
    before_review: 'dated before the review',
    after_as_of: `dated after ${asOf}`,
    no_evidence: 'no counting evidence of the evaluation results or improvement meeting (item 1)',
    no_improvement_evidence: 'no counting before-and-after evidence of the improvement (item 2)',
  };
  return listed(
    'Follow-ups that do not qualify',
    items.map((x) => `${x.id} of ${x.review} (${why[x.reason]})`),
  );
}

function integrationIssues(items: readonly IntegrationIssue[]): string {
  const why = (x: IntegrationIssue): string =>
    x.reason === 'other_target'
      ? `with ${target(x.with)}, which this edition does not accept here`
      : 'no counting evidence of an integration kind';
  return listed(
    'Integrations that do not count',
    items.map((x) => `${x.id} (${why(x)})`),
  );
}

function policyIssues(
  items: readonly (PolicyIssue & { date?: string })[],
  label: string,
  asOf: string,
  earliest = '',
): string {
  const why: Record<PolicyIssue['reason'], string> = {
    not_spl_use: 'does not regulate SPL use',
    after_as_of: `dated after ${asOf}`,
    no_evidence: 'no counting evidence of an accepted kind',
    draft: 'still a draft',
    too_early: `dated before ${earliest}`,
  };
  return listed(
    label,
    items.map((p) => `${p.id} (${why[p.reason]})`),
  );
}

const unitClause = (unit: string | undefined): string =>
  unit ? ` covering unit ${unit} (units "all" or listing "${unit}")` : '';

export const EN: Catalogue = {
  REVIEW_NOT_IN_WINDOW: (p, f) =>
    `Record a review of the ${p.subject === 'spl' ? 'SPL' : 'SPL-use policy'} (subject "${p.subject}")${unitClause(p.unit)} dated after ${p.after} and on or before ${p.onOrBefore}, ${evidenceTail(p.kinds, p.statuses, f)}.` +
    reviewIssues(p.reviews, p.after, p.onOrBefore),
  INTEGRATION_MISSING: (p, f) =>
    `Record an integration of the SPL with ${f.or(p.targets.map(target))}, ${evidenceTail(p.kinds, p.statuses, f)}.` +
    integrationIssues(p.integrations),
  REQUIRED_INTEGRATION_MISSING: (p, f) =>
    `Level 5 requires a counting integration with ${target(p.target)}: record it ${evidenceTail(p.kinds, p.statuses, f)}.`,
  FOLLOW_UP_MISSING: (p, f) =>
    `Record a completed follow-up (done: true) of ${p.reviews.length ? `the in-window SPL review ${f.or(p.reviews.map((r) => `${r.id} (${r.date})`))}` : 'an in-window SPL review'}${unitClause(p.unit)}, dated on or after the review date and on or before ${p.asOf}, with both numbered evidence items of level 5: (1) evidence of kind ${f.or(p.kinds)} and (2) evidence of kind ${f.or(p.improvementKinds)}, each with status ${f.or(p.statuses)}.` +
    followUpIssues(p.followUps, p.asOf),
  USE_NO_L1_EVIDENCE: (p, f) =>
    `Upload indicator-${p.indicator} evidence of kind ${f.or(p.kinds)}${unitClause(p.unit)}, with status ${f.or(p.statuses)} and dated on or before ${p.asOf}.` +
    notCounting(p.notCounting, p.asOf),
  USE_NO_UNITS_IN_SCOPE: () =>
    "No unit is in scope: record the agency's units (inScope true) so that coverage can be assessed.",
  USE_NO_UNIT_AT_L2: (p, f, units) =>
    `No unit in scope reaches unit level 2. A unit reaches it with at least one application via the SPL and indicator-${p.indicator} evidence of kind ${f.or(p.kinds)} covering it; see each unit's next step. Units below level 2: ${f.and(units)}.`,
  USE_UNITS_BELOW_L2: (p, f, units) =>
    `Coverage is ${f.percent(p.coverage)} (${p.atL2} of ${p.inScope} units at unit level 2 or more), below the target of ${f.percent(p.target)}: ${p.needed} more unit(s) must reach unit level 2 (an application via the SPL and indicator-${p.indicator} evidence of kind ${f.or(p.kinds)} covering the unit). Units below level 2: ${f.and(units)}.`,
  UNIT_NO_APPLICATIONS: (p) =>
    `Unit ${p.unit} has no applications recorded: record its applications and route at least one through the SPL (viaSpl).`,
  UNIT_NO_APP_VIA_SPL: (p, f) =>
    `None of unit ${p.unit}'s applications goes via the SPL: route at least one of ${f.or(p.apps)} through the SPL.`,
  UNIT_NO_DOC: (p, f) =>
    `Upload indicator-${p.indicator} documentation of kind ${f.or(p.kinds)}${unitClause(p.unit)}, with status ${f.or(p.statuses)} and dated on or before ${p.asOf}.` +
    notCounting(p.notCounting, p.asOf),
  UNIT_BELOW_TARGET: (p, f) =>
    `${p.via} of ${p.total} applications of unit ${p.unit} go via the SPL (${f.percent(p.via / p.total)}), below the target of ${f.percent(p.target)}: route ${p.needed} more of ${f.and(p.apps)} through the SPL.`,
  POLICY_NONE_QUALIFYING: (p, f) =>
    `Record a policy that regulates SPL use (regulatesSplUse: true), dated on or before ${p.asOf}, with evidence whose status is ${f.or(p.statuses)}: of kind ${f.or(p.draftKinds)} for a draft, or ${f.or(p.enactedKinds)} for an enacted policy.` +
    policyIssues(p.policies, 'Policies that do not qualify', p.asOf),
  POLICY_NO_ENACTED: (p, f) =>
    `Enact the policy: record a policy with status "enacted" that regulates SPL use, dated on or before ${p.asOf}, ${evidenceTail(p.kinds, p.statuses, f)}, covering at least one unit in scope.` +
    (p.drafts.length ? ` Qualifying drafts so far: ${f.and(p.drafts)}.` : '') +
    policyIssues(p.policies, 'Enacted policies that do not qualify', p.asOf),
  POLICY_NO_UNITS_IN_SCOPE: () =>
    "No unit is in scope, so no policy can cover one: record the agency's units (inScope true).",
  POLICY_NO_UNIT_COVERED: (p, f, units) =>
    `The qualifying enacted policies (${f.and(p.policies)}) cover no unit in scope: extend a policy's units to at least one of ${f.or(units)}, or set them to "all".`,
  POLICY_UNITS_NOT_COVERED: (p, f, units) =>
    `Units in scope not covered by any qualifying enacted policy${p.policies.length ? ` (${f.and(p.policies)})` : ''}: ${f.and(units)}. Extend a policy's units to them, or set them to "all".`,
  POLICY_NO_SPLP_CONNECTION: (p, f) =>
    `No qualifying enacted policy regulates the connection to the SPLP: enact one with regulatesSplpConnection true${p.policies.length ? ` (for example by amending ${f.or(p.policies)})` : ''}.`,
  POLICY_REVIEW_TOO_RECENT: (p) =>
    `The earliest in-window policy review, ${p.review.id} (${p.review.date}), is too recent: a replacing policy would have to be dated on or after ${p.earliest}${p.gapMonths ? ` (${p.gapMonths} months after the review)` : ''}, which is after ${p.asOf}. Level 5 needs a policy review dated after ${p.after} that leaves room for the new policy by ${p.asOf}.`,
  POLICY_NO_REPLACEMENT: (p, f) =>
    `Enact a new policy that replaces an earlier one (replaces set to its id) and regulates SPL use, dated on or after ${p.earliest} (after the policy review ${p.review.id} of ${p.review.date}${p.gapMonths ? `, at least ${p.gapMonths} months later` : ''}) and on or before ${p.asOf}, ${evidenceTail(p.kinds, p.statuses, f)}.` +
    policyIssues(p.candidates, 'Replacing policies that do not count', p.asOf, p.earliest),
};
