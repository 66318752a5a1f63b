import type { Evidence, Facts, UnitRefs } from './facts.types';
import type { NotCountingEvidence } from './gaps';

/**
 * Evidence looked up by id, so that every `evidence` list is checked in time proportional to
 * its own length. "Counts" is the contract's definition: status in the basis and dated on or
 * before asOf. Linked evidence (of policies, reviews, follow-ups, integrations) is not
 * filtered by its `indicator`: the contract says only that one of the items counts and has the
 * right kind, and a review report filed under another indicator is still a review report.
 */
export interface EvidenceIndex {
  anyCounting(ids: readonly string[], kinds: ReadonlySet<string>): boolean;
}

/**
 * Only evidence that some list links to is indexed: those lists are short, while the evidence
 * of an agency runs to thousands of items that only Indicator 18's unit coverage reads.
 */
export function indexEvidence(facts: Facts, statuses: ReadonlySet<string>, asOf: string): EvidenceIndex {
  const linked = linkedEvidenceIds(facts);
  const counting = new Map<string, Evidence>();
  for (const item of facts.evidence) {
    if (linked.has(item.id) && counts(item, statuses, asOf)) counting.set(item.id, item);
  }
  return {
    anyCounting(ids, kinds) {
      for (const id of ids) {
        const item = counting.get(id);
        if (item && kinds.has(item.kind)) return true;
      }
      return false;
    },
  };
}

function linkedEvidenceIds(facts: Facts): Set<string> {
  const ids = new Set<string>();
  const add = (list: readonly string[]) => list.forEach((id) => ids.add(id));
  for (const policy of facts.policies ?? []) add(policy.evidence);
  for (const integration of facts.integrations ?? []) add(integration.evidence);
  for (const review of facts.reviews ?? []) {
    add(review.evidence);
    for (const followUp of review.followUps ?? []) add(followUp.evidence);
  }
  return ids;
}

export function counts(item: Evidence, statuses: ReadonlySet<string>, asOf: string): boolean {
  return statuses.has(item.status) && item.date <= asOf;
}

/** Why an item that does not count fails: its status, or else (status fine) its date after asOf. */
export function notCountingReason(item: Evidence, statuses: ReadonlySet<string>): NotCountingEvidence {
  const reason = statuses.has(item.status) ? 'after_as_of' : 'status';
  return { id: item.id, kind: item.kind, status: item.status, date: item.date, reason };
}

/** Whether a `units` value covers a unit: "all" covers every unit, omitted covers none. */
export function coversUnit(refs: UnitRefs | undefined, unitId: string): boolean {
  if (refs === undefined) return false;
  return refs === 'all' || refs.includes(unitId);
}
