import type { Framework } from '../framework/framework.schema';
import { reviewWindowOf } from '../framework/review-window';
import type { Evidence, Facts } from '../scoring/facts.types';
import type { Period } from '../periods/period.entity';
import type { EvidenceRow, FactRows } from './facts.decode';

/** The evidence item a facts item comes from (see {@link evidenceItems}). */
export const evidenceIdOf = (itemId: string): string => itemId.split('#')[0];

/** Evidence supporting several indicators becomes one facts item per indicator: `<id>#<n>`. */
function evidenceItems(row: EvidenceRow): Evidence[] {
  const indicators = [...new Set(row.indicators)].sort((a, b) => a - b);
  return indicators.map((indicator) => ({
    id: indicators.length > 1 ? `${row.id}#${indicator}` : row.id,
    indicator,
    kind: row.kind,
    status: row.status as Evidence['status'],
    date: row.document_date,
    ...(row.all_units ? { units: 'all' as const } : row.unit_ids.length ? { units: row.unit_ids } : {}),
  }));
}

/** Items grouped by key, each group in the items' order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * Turns an agency's rows for a period into the scoring contract's facts. Pure: the same rows give
 * the same facts (and so the same hash), in a stable order.
 */
export function buildFacts(
  rows: FactRows,
  period: Pick<Period, 'asOf' | 'edition' | 'coverageTarget' | 'reviewWindowMonths'>,
  framework: Framework,
): Facts {
  const evidence = rows.evidence.flatMap(evidenceItems);
  const itemsOf = groupBy(evidence, (item) => evidenceIdOf(item.id));
  // Grouped once: a national recompute builds facts for hundreds of agencies in a row.
  const applicationsOf = groupBy(rows.applications, (a) => a.unit_id);
  const followUpsOf = groupBy(rows.followUps, (f) => f.review_id);
  const refs = (list: string[]) => list.flatMap((id) => (itemsOf.get(id) ?? []).map((item) => item.id));
  const unitRefs = (all: boolean, list: string[]) => (all ? ('all' as const) : list);
  const reviewDates = new Map(rows.reviews.map((r) => [r.id, r.date]));
  return {
    asOf: period.asOf,
    edition: period.edition,
    coverageTarget: Number(period.coverageTarget),
    reviewWindowMonths: reviewWindowOf(period, framework).months,
    units: rows.units.map((u) => ({
      id: u.id,
      inScope: u.in_scope,
      applications: (applicationsOf.get(u.id) ?? []).map((a) => ({
        id: a.id,
        viaSpl: a.exchange === 'spl' || a.hub_via_spl === true,
      })),
    })),
    evidence,
    policies: rows.policies.map((p) => ({
      id: p.id,
      status: p.status,
      date: p.date,
      units: unitRefs(p.all_units, p.unit_ids),
      regulatesSplUse: p.regulates_spl_use,
      regulatesSplpConnection: p.regulates_splp_connection,
      replaces: p.replaces_id,
      evidence: refs(p.evidence_ids),
    })),
    integrations: rows.integrations.map((i) => ({
      id: i.id,
      with: i.with_target,
      evidence: refs(i.evidence_ids),
    })),
    reviews: rows.reviews.map((r) => ({
      id: r.id,
      subject: r.subject,
      date: r.date,
      units: unitRefs(r.all_units, r.unit_ids),
      evidence: refs(r.evidence_ids),
      followUps: (followUpsOf.get(r.id) ?? []).map((f) => ({
        id: f.id,
        done: f.status === 'done',
        // An open follow-up without a date never qualifies; the review's date keeps the facts valid.
        date: f.date ?? (reviewDates.get(r.id) as string),
        evidence: refs(f.evidence_ids),
      })),
    })),
  };
}
