import { EntityManager } from 'typeorm';

/**
 * When hub data shows that one of our applications goes via the SPL (domain.md §4): it publishes
 * an API on the bus (a linked hub API in an active lifecycle state), or it consumes one (a linked
 * hub application with an active subscription, or calls in the period's year).
 *
 * The rule is written once, as the three conditions below; the facts query asks whether any of
 * them holds, the applications page and API show the rows that make them hold. Both name the
 * period, so a page never shows a proof the engine does not count.
 */

const YEAR_START = (period: string) =>
  `(SELECT make_timestamptz(p.year, 1, 1, 0, 0, 0, 'UTC') FROM period p WHERE p.id = ${period})`;
const YEAR_END = (period: string) =>
  `(SELECT make_timestamptz(p.year + 1, 1, 1, 0, 0, 0, 'UTC') FROM period p WHERE p.id = ${period})`;

/** A hub API (`ha`) the application publishes on the bus. */
const publishes = (ha: string) => `${ha}.published_on_bus`;

/** A subscription (`hs`) of the hub application `hp` that makes it a consumer. */
const subscribes = (hs: string, hp: string) =>
  `${hs}.agency_id = ${hp}.agency_id AND ${hs}.hub_id = ${hp}.hub_id AND ${hs}.app_key = ${hp}.app_key AND ${hs}.active`;

/** Usage (`hu`) of the hub application `hp` that makes it a consumer: calls in the period's year. */
const calls = (hu: string, hp: string, period: string) =>
  `${hu}.agency_id = ${hp}.agency_id AND ${hu}.hub_id = ${hp}.hub_id AND ${hu}.app_key = ${hp}.app_key
     AND ${hu}.total_calls > 0 AND ${hu}.period_start >= ${YEAR_START(period)}
     AND ${hu}.period_start < ${YEAR_END(period)}`;

/**
 * A boolean SQL expression for the facts query: `app` is the application id column, `period`
 * the parameter holding the period id, `agencies` the parameter holding the agencies' ids (hub
 * rows are linked to applications of their own agency only; naming the agencies lets the
 * database read just their hub rows).
 */
export function hubViaSplSql(app: string, period: string, agencies: string): string {
  return `(EXISTS (SELECT 1 FROM hub_api ha
                WHERE ha.agency_id = ANY(${agencies}) AND ha.application_id = ${app} AND ${publishes('ha')})
    OR EXISTS (SELECT 1 FROM hub_application hp
                WHERE hp.agency_id = ANY(${agencies}) AND hp.application_id = ${app} AND (
      EXISTS (SELECT 1 FROM hub_subscription hs WHERE ${subscribes('hs', 'hp')})
      OR EXISTS (SELECT 1 FROM hub_usage hu WHERE ${calls('hu', 'hp', period)}))))`;
}

/** Why hub data says an application goes via the SPL: which API or app, from which file. */
export interface HubViaSplProof {
  role: 'publishes' | 'consumes';
  hubId: string;
  name: string;
  fileName: string;
  importedAt: string;
}

/**
 * The proofs for several applications at once (one statement), for the applications page and
 * API, by the same rule the facts of the period `periodId` follow (none from usage without one).
 */
export async function hubViaSplProofs(
  m: EntityManager,
  agencyId: string,
  applicationIds: string[],
  periodId: string | null,
): Promise<Map<string, HubViaSplProof[]>> {
  const proofs = new Map<string, HubViaSplProof[]>();
  if (!applicationIds.length) return proofs;
  const rows: Array<HubViaSplProof & { applicationId: string; importedAt: Date }> = await m.query(
    `SELECT ha.application_id AS "applicationId", 'publishes' AS role, ha.hub_id AS "hubId",
            ha.name || CASE WHEN ha.version = '' THEN '' ELSE ' ' || ha.version END AS name,
            i.file_name AS "fileName", i.imported_at AS "importedAt"
       FROM hub_api ha JOIN hub_import i ON i.id = ha.import_id
      WHERE ha.agency_id = $1 AND ha.application_id = ANY($2::uuid[]) AND ${publishes('ha')}
     UNION ALL
     SELECT hp.application_id, 'consumes', hp.hub_id, hp.name, proof.file_name, proof.imported_at
       FROM hub_application hp
       JOIN LATERAL (
         SELECT i.file_name, i.imported_at FROM hub_subscription hs JOIN hub_import i ON i.id = hs.import_id
          WHERE ${subscribes('hs', 'hp')}
         UNION ALL
         SELECT i.file_name, i.imported_at FROM hub_usage hu JOIN hub_import i ON i.id = hu.import_id
          WHERE ${calls('hu', 'hp', '$3::uuid')}
         ORDER BY 2 DESC LIMIT 1) proof ON true
      WHERE hp.agency_id = $1 AND hp.application_id = ANY($2::uuid[])
      ORDER BY 1, 2 DESC, 4`,
    [agencyId, applicationIds, periodId],
  );
  for (const { applicationId, importedAt, ...proof } of rows) {
    const list = proofs.get(applicationId) ?? [];
    list.push({ ...proof, importedAt: importedAt.toISOString() });
    proofs.set(applicationId, list);
  }
  return proofs;
}
