import { toJsonPath } from '../framework/json-path';
import { FactsError } from './facts.error';
import type { Facts, Policy, Review } from './facts.types';

type Path = readonly (string | number)[];
type Identified = { readonly id: string };

/**
 * Cross references the schema cannot express, checked in document order so that the first
 * problem of the file is the one reported: duplicate ids, unknown evidence ids in every
 * `evidence` list, and `replaces` naming another policy of the input.
 * Unknown unit ids are not errors: the engine reports them as warnings, so that a unit
 * dropped from the facts does not make older evidence unreadable.
 */
export function checkFactReferences(facts: Facts): void {
  eachUnique(facts.units, ['units'], (unit, path) => {
    eachUnique(unit.applications ?? [], [...path, 'applications'], () => undefined);
  });
  const evidenceIds = new Set(facts.evidence.map((item) => item.id));
  eachUnique(facts.evidence, ['evidence'], () => undefined);
  const policies = facts.policies ?? [];
  const policyIds = new Set(policies.map((policy) => policy.id));
  eachUnique(policies, ['policies'], (policy, path) => checkPolicy(policy, policyIds, evidenceIds, path));
  eachUnique(facts.integrations ?? [], ['integrations'], (integration, path) => {
    assertKnownEvidence(integration.evidence, evidenceIds, [...path, 'evidence']);
  });
  eachUnique(facts.reviews ?? [], ['reviews'], (review, path) => checkReview(review, evidenceIds, path));
}

function checkPolicy(
  policy: Policy,
  policyIds: ReadonlySet<string>,
  evidenceIds: ReadonlySet<string>,
  path: Path,
): void {
  const replaces = policy.replaces ?? null;
  if (replaces !== null && (replaces === policy.id || !policyIds.has(replaces))) {
    fail([...path, 'replaces'], `must name another policy of the input, found "${replaces}"`);
  }
  assertKnownEvidence(policy.evidence, evidenceIds, [...path, 'evidence']);
}

function checkReview(review: Review, evidenceIds: ReadonlySet<string>, path: Path): void {
  assertKnownEvidence(review.evidence, evidenceIds, [...path, 'evidence']);
  eachUnique(review.followUps ?? [], [...path, 'followUps'], (followUp, followUpPath) => {
    assertKnownEvidence(followUp.evidence, evidenceIds, [...followUpPath, 'evidence']);
  });
}

/** Visits items in order, failing at the first id that repeats an earlier one. */
function eachUnique<T extends Identified>(
  items: readonly T[],
  path: Path,
  visit: (item: T, path: Path) => void,
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) fail([...path, index, 'id'], `duplicate id "${item.id}"`);
    seen.add(item.id);
    visit(item, [...path, index]);
  });
}

function assertKnownEvidence(ids: readonly string[], known: ReadonlySet<string>, path: Path): void {
  ids.forEach((id, index) => {
    if (!known.has(id)) fail([...path, index], `unknown evidence id "${id}"`);
  });
}

function fail(path: Path, detail: string): never {
  throw new FactsError(toJsonPath(path), detail);
}
