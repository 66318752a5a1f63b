import { counts, notCountingReason } from './evidence.index';
import type { Evidence, Facts } from './facts.types';
import type { NotCountingEvidence } from './gaps';

/** Whether counting Indicator-18 evidence of an L1 kind, and of a DOC kind, covers a unit. */
export interface UnitCoverage {
  readonly l1: boolean;
  readonly doc: boolean;
}

export interface SplUseEvidence {
  /** Counting Indicator-18 evidence of an L1 kind exists (agency-wide evidence included). */
  readonly agencyL1: boolean;
  coverage(unitId: string): UnitCoverage;
  /** Indicator-18 evidence of an L1 or DOC kind that does not count, to say why; built only when asked. */
  notCounting(unitId?: string): NotCountingEvidence[];
}

export interface SplUseKinds {
  readonly indicator: number;
  readonly l1: ReadonlySet<string>;
  readonly doc: ReadonlySet<string>;
}

interface Marks {
  l1: boolean;
  doc: boolean;
  readonly notCounting: Evidence[];
}

/**
 * One pass over the evidence: every Indicator-18 item of an L1 or DOC kind marks the units it
 * lists, and "all" marks a shared record, so a unit's coverage is one map lookup. Items that
 * do not count are kept by reference; their reasons are only worked out for shown gaps.
 */
export function indexSplUseEvidence(
  facts: Facts,
  kinds: SplUseKinds,
  statuses: ReadonlySet<string>,
  asOf: string,
): SplUseEvidence {
  const byUnit = new Map<string, Marks>();
  const all: Marks = { l1: false, doc: false, notCounting: [] };
  const agency: Evidence[] = [];
  let agencyL1 = false;
  for (const item of facts.evidence) {
    if (item.indicator !== kinds.indicator) continue;
    const isL1 = kinds.l1.has(item.kind);
    const isDoc = kinds.doc.has(item.kind);
    if (!isL1 && !isDoc) continue;
    const counting = counts(item, statuses, asOf);
    if (isL1 && counting) agencyL1 = true;
    if (isL1 && !counting) agency.push(item);
    const refs = item.units;
    if (refs === undefined) continue;
    if (refs === 'all') mark(all, item, counting, isL1, isDoc);
    else for (const unitId of refs) mark(marksFor(byUnit, unitId), item, counting, isL1, isDoc);
  }
  const reasons = (items: readonly Evidence[]) => items.map((item) => notCountingReason(item, statuses));
  return {
    agencyL1,
    coverage(unitId) {
      const own = byUnit.get(unitId);
      return own ? { l1: all.l1 || own.l1, doc: all.doc || own.doc } : all;
    },
    notCounting(unitId) {
      if (unitId === undefined) return reasons(agency);
      return reasons([...all.notCounting, ...(byUnit.get(unitId)?.notCounting ?? [])]);
    },
  };
}

function mark(target: Marks, item: Evidence, counting: boolean, isL1: boolean, isDoc: boolean): void {
  if (!counting) target.notCounting.push(item);
  else {
    target.l1 ||= isL1;
    target.doc ||= isDoc;
  }
}

function marksFor(byUnit: Map<string, Marks>, unitId: string): Marks {
  let entry = byUnit.get(unitId);
  if (!entry) byUnit.set(unitId, (entry = { l1: false, doc: false, notCounting: [] }));
  return entry;
}
