import type { EditionRules, Framework, KindSetName } from '../framework/framework.schema';
import { addCalendarMonths } from './dates';
import { indexEvidence, type EvidenceIndex } from './evidence.index';
import { FactsError } from './facts.error';
import type { Facts, Policy, Unit } from './facts.types';
import { indexIntegrations, type IntegrationIndex } from './integrations.index';
import { indexPolicies, type PolicyIndex } from './policies.index';
import { indexReviews, type ReviewIndex, type ReviewWindow } from './reviews.index';
import type { Basis } from './scoring.types';

/**
 * Everything the rules need, resolved once per scoring: the edition's parameters from the
 * framework data, the counting evidence and the judged reviews and integrations.
 * Nothing in the rules asks which edition it is; they read these parameters.
 */
export interface ScoringContext {
  readonly framework: Framework;
  /** The facts as given; indicator evidence is indexed from them for the checks that read it. */
  readonly facts: Facts;
  readonly asOf: string;
  readonly edition: string;
  readonly rules: EditionRules;
  readonly kinds: Readonly<Record<KindSetName, ReadonlySet<string>>>;
  readonly kindLists: Readonly<Record<KindSetName, readonly string[]>>;
  readonly statuses: readonly string[];
  readonly coverageTarget: number;
  readonly window: ReviewWindow;
  readonly unitsInScope: readonly Unit[];
  readonly policies: readonly Policy[];
  readonly evidence: EvidenceIndex;
  readonly policyIndex: PolicyIndex;
  readonly integrations: IntegrationIndex;
  readonly splReviews: ReviewIndex;
  readonly policyReviews: ReviewIndex;
}

export function buildContext(facts: Facts, framework: Framework, basis: Basis): ScoringContext {
  const edition = facts.edition ?? framework.defaultEdition;
  const definition = framework.editions[edition];
  if (!definition) {
    throw new FactsError(
      '$.edition',
      `edition "${edition}" is not defined by framework ${framework.id} (${Object.keys(framework.editions).join(', ')})`,
    );
  }
  const statusList = framework.bases[basis];
  if (!statusList)
    throw new RangeError(`unknown basis "${basis}"; expected ${Object.keys(framework.bases).join(' or ')}`);
  const rules = definition.rules;
  const statuses = new Set<string>(statusList);
  const kinds = kindSets(framework);
  const window = reviewWindow(facts.asOf, facts.reviewWindowMonths ?? rules.reviewWindowMonths);
  const evidence = indexEvidence(facts, statuses, facts.asOf);
  const reviewKinds = { review: kinds.REVIEW, followUp: kinds.FOLLOW_UP, improvement: kinds.IMPROVEMENT };
  const integrationKinds = {
    other_spl: kinds.INTEGRATION,
    splp: union(kinds.INTEGRATION, kinds.INTEGRATION_SPLP),
  };
  const reviews = facts.reviews ?? [];
  const policies = facts.policies ?? [];
  const policyKinds = { enacted: kinds.POLICY_ENACTED, draft: kinds.POLICY_DRAFT };
  return {
    framework,
    facts,
    asOf: facts.asOf,
    edition,
    rules,
    kinds,
    kindLists: framework.kindSets,
    statuses: statusList,
    coverageTarget: rules.coverageTargetApplies ? (facts.coverageTarget ?? 1) : 1,
    window,
    unitsInScope: facts.units.filter((unit) => unit.inScope !== false),
    policies,
    evidence,
    policyIndex: indexPolicies(policies, facts.asOf, policyKinds, evidence),
    integrations: indexIntegrations(facts.integrations ?? [], integrationKinds, evidence),
    splReviews: indexReviews(reviews, 'spl', window, reviewKinds, evidence),
    policyReviews: indexReviews(reviews, 'policy', window, reviewKinds, evidence),
  };
}

/** In the window: on or before asOf and strictly after asOf minus the edition's calendar months. */
export function reviewWindow(asOf: string, months: number): ReviewWindow {
  return { months, after: addCalendarMonths(asOf, -months), onOrBefore: asOf };
}

function union(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  return new Set([...a, ...b]);
}

type KindSets = Readonly<Record<KindSetName, ReadonlySet<string>>>;

/** Kind sets as Sets, built once per framework object: scoring runs many times against one framework. */
const kindSetCache = new WeakMap<Framework, KindSets>();

function kindSets(framework: Framework): KindSets {
  let sets = kindSetCache.get(framework);
  if (!sets) {
    const entries = Object.entries(framework.kindSets).map(([name, kinds]) => [name, new Set(kinds)]);
    sets = Object.fromEntries(entries) as KindSets;
    kindSetCache.set(framework, sets);
  }
  return sets;
}
