import { MAX_EVIDENCE_GROUPS } from '../framework/criteria.schema';
import { counts, notCountingReason } from './evidence.index';
import type { Evidence, Facts } from './facts.types';
import type { NotCountingEvidence } from './gaps';

/**
 * One indicator's own evidence, indexed for the `evidence` checks of its criteria. Each check's
 * kinds form a group (a bit); one pass over the evidence marks, per unit and for "all", the
 * groups that counting items cover, so "does counting evidence of these kinds cover this unit"
 * is one map lookup and a bit test. Items that do not count are kept by reference; the reasons
 * are only worked out for gaps that are shown.
 */
export interface IndicatorEvidence {
  /** Counting evidence of the group's kinds exists, agency-wide evidence included. */
  exists(group: number): boolean;
  covers(unitId: string, group: number): boolean;
  /** Items of the group's kinds that do not count (those covering the unit, when given). */
  notCounting(group: number, unitId?: string): NotCountingEvidence[];
}

interface Marks {
  mask: number;
  readonly notCounting: Evidence[];
}

export function indexIndicatorEvidence(
  facts: Facts,
  indicator: number,
  groups: readonly ReadonlySet<string>[],
  statuses: ReadonlySet<string>,
  asOf: string,
): IndicatorEvidence {
  if (groups.length > MAX_EVIDENCE_GROUPS) throw new RangeError('too many evidence kind groups');
  const maskOf = kindMasks(groups);
  const byUnit = new Map<string, Marks>();
  const all: Marks = { mask: 0, notCounting: [] };
  const agency: Evidence[] = [];
  let agencyMask = 0;
  for (const item of facts.evidence) {
    if (item.indicator !== indicator) continue;
    const mask = maskOf.get(item.kind);
    if (mask === undefined) continue;
    const counting = counts(item, statuses, asOf);
    if (counting) agencyMask |= mask;
    else agency.push(item);
    const refs = item.units;
    if (refs === undefined) continue;
    if (refs === 'all') mark(all, item, counting, mask);
    else for (const unitId of refs) mark(marksFor(byUnit, unitId), item, counting, mask);
  }
  const reasons = (items: readonly Evidence[], group: number) =>
    items.filter((item) => groups[group].has(item.kind)).map((item) => notCountingReason(item, statuses));
  return {
    exists: (group) => (agencyMask & (1 << group)) !== 0,
    covers: (unitId, group) => ((all.mask | (byUnit.get(unitId)?.mask ?? 0)) & (1 << group)) !== 0,
    notCounting(group, unitId) {
      if (unitId === undefined) return reasons(agency, group);
      return reasons([...all.notCounting, ...(byUnit.get(unitId)?.notCounting ?? [])], group);
    },
  };
}

/** Kind → the bits of the groups that hold it. */
function kindMasks(groups: readonly ReadonlySet<string>[]): Map<string, number> {
  const masks = new Map<string, number>();
  groups.forEach((kinds, index) => {
    for (const kind of kinds) masks.set(kind, (masks.get(kind) ?? 0) | (1 << index));
  });
  return masks;
}

function mark(target: Marks, item: Evidence, counting: boolean, mask: number): void {
  if (counting) target.mask |= mask;
  else target.notCounting.push(item);
}

function marksFor(byUnit: Map<string, Marks>, unitId: string): Marks {
  let entry = byUnit.get(unitId);
  if (!entry) byUnit.set(unitId, (entry = { mask: 0, notCounting: [] }));
  return entry;
}
