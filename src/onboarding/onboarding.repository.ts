import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OnboardingItem } from './onboarding-item.entity';

/** What the hub data shows for a step (publish: an API on the bus; test: calls through the hub). */
export interface StepProof {
  applicationId: string;
  step: 'publish' | 'test';
  detail: string;
  fileName: string;
  importedAt: string;
}

export interface AppRef {
  id: string;
  name: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  usageType: string;
}

export interface OverdueRow {
  id: string;
  agencyId: string;
  agencyName: string;
  ownerId: string;
  item: string;
  applicationId: string | null;
  applicationName: string | null;
  dueOn: string;
}

/** An evidence item the forms offer to link. */
export interface EvidenceChoice {
  id: string;
  title: string;
  kind: string;
  status: string;
  documentDate: string;
}

export interface ProgressRow {
  month: string;
  applications: number;
  byUsage: Record<string, number>;
  byStep: Record<string, number>;
}

/** All SQL of the road to the SPLP: tracked items, the hub's proof of steps, owners, progress. */
@Injectable()
export class OnboardingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(m?: EntityManager) {
    return (m ?? this.dataSource.manager).getRepository(OnboardingItem);
  }

  /** Every stored item of the agency (steps and checklists) with the owner's name. */
  async findForAgency(agencyId: string): Promise<Array<OnboardingItem & { ownerName: string | null }>> {
    const items = await this.repo().find({ where: { agencyId }, relations: { owner: true } });
    return items.map((i) => Object.assign(i, { ownerName: i.owner?.displayName ?? null }));
  }

  /** The stored row of one item, locked for the rest of the transaction. */
  async lockOne(m: EntityManager, agencyId: string, applicationId: string | null, item: string) {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM onboarding_item
        WHERE agency_id = $1 AND application_id IS NOT DISTINCT FROM $2::uuid AND item = $3 FOR UPDATE`,
      [agencyId, applicationId, item],
    );
    return rows[0] ? this.repo(m).findOneBy({ id: rows[0].id }) : null;
  }

  create(fields: Partial<OnboardingItem>, m: EntityManager): OnboardingItem {
    return this.repo(m).create(fields);
  }

  save(item: OnboardingItem, m: EntityManager): Promise<OnboardingItem> {
    return this.repo(m).save(item);
  }

  /** The agency's applications with their units, in unit and name order. */
  async applications(agencyId: string, applicationId?: string): Promise<AppRef[]> {
    return this.dataSource.query(
      `SELECT a.id, a.name, a.unit_id AS "unitId", u.code AS "unitCode", u.name AS "unitName",
              a.usage_type::text AS "usageType"
         FROM application a JOIN unit u ON u.id = a.unit_id
        WHERE a.agency_id = $1 AND ($2::uuid IS NULL OR a.id = $2::uuid)
        ORDER BY u.code, a.name`,
      [agencyId, applicationId ?? null],
    );
  }

  /** Whether the agency imported any hub data (then a missing proof is the hub's word too). */
  async hasHubData(agencyId: string, m?: EntityManager): Promise<boolean> {
    const rows: unknown[] = await (m ?? this.dataSource.manager).query(
      'SELECT 1 FROM hub_import WHERE agency_id = $1 LIMIT 1',
      [agencyId],
    );
    return rows.length > 0;
  }

  /** The hub's proof of "published on the SPLP" and "tested through the SPLP", per application. */
  async stepProofs(
    agencyId: string,
    applicationIds: string[] | null,
    m?: EntityManager,
  ): Promise<StepProof[]> {
    const rows: Array<Omit<StepProof, 'importedAt'> & { importedAt: Date }> = await (
      m ?? this.dataSource.manager
    ).query(
      `SELECT DISTINCT ON (1, 2) * FROM (
         SELECT ha.application_id AS "applicationId", 'publish' AS step,
                ha.name || CASE WHEN ha.version = '' THEN '' ELSE ' ' || ha.version END AS detail,
                i.file_name AS "fileName", i.imported_at AS "importedAt"
           FROM hub_api ha JOIN hub_import i ON i.id = ha.import_id
          WHERE ha.agency_id = $1 AND ha.application_id IS NOT NULL AND ha.published_on_bus
         UNION ALL
         SELECT coalesce(hp.application_id, ha.application_id), 'test',
                coalesce(hu.api_name, hu.api_key) || ': ' || hu.total_calls || ' calls', i.file_name, i.imported_at
           FROM hub_usage hu JOIN hub_import i ON i.id = hu.import_id
           LEFT JOIN hub_application hp
             ON hp.agency_id = hu.agency_id AND hp.hub_id = hu.hub_id AND hp.app_key = hu.app_key
           LEFT JOIN hub_api ha ON ha.agency_id = hu.agency_id AND ha.hub_id = hu.hub_id AND ha.api_key = hu.api_key
          WHERE hu.agency_id = $1 AND hu.total_calls > 0
            AND coalesce(hu.success_calls, hu.total_calls) > 0
            AND coalesce(hp.application_id, ha.application_id) IS NOT NULL) p
        WHERE $2::uuid[] IS NULL OR "applicationId" = ANY($2::uuid[])
        ORDER BY 1, 2, "importedAt" DESC`,
      [agencyId, applicationIds],
    );
    return rows.map((r) => ({ ...r, importedAt: new Date(r.importedAt).toISOString() }));
  }

  /** Whether the user is an active member of the agency (owners must be). */
  async isAgencyUser(agencyId: string, userId: string, m: EntityManager): Promise<boolean> {
    const rows: unknown[] = await m.query(
      'SELECT 1 FROM app_user WHERE id = $1 AND agency_id = $2 AND active',
      [userId, agencyId],
    );
    return rows.length > 0;
  }

  /** The agency's evidence, newest document first, for the evidence picker of the forms. */
  evidenceChoices(agencyId: string): Promise<EvidenceChoice[]> {
    return this.dataSource.query(
      `SELECT id, title, kind::text AS kind, status::text AS status, document_date::text AS "documentDate"
         FROM evidence WHERE agency_id = $1 ORDER BY document_date DESC, title, id`,
      [agencyId],
    );
  }

  /** Active users of the agency who can own items, for the forms. */
  owners(agencyId: string): Promise<{ id: string; name: string }[]> {
    return this.dataSource.query(
      `SELECT id, display_name AS name FROM app_user WHERE agency_id = $1 AND active
          AND role::text IN ('coordinator', 'operator', 'admin') ORDER BY name`,
      [agencyId],
    );
  }

  /** Items past their due date, not done, whose owner has not been told about this due date. */
  overdue(today: string): Promise<OverdueRow[]> {
    return this.dataSource.query(
      `SELECT o.id, o.agency_id AS "agencyId", ag.name AS "agencyName", o.owner_id AS "ownerId", o.item,
              o.application_id AS "applicationId", a.name AS "applicationName", o.due_on::text AS "dueOn"
         FROM onboarding_item o JOIN agency ag ON ag.id = o.agency_id
         LEFT JOIN application a ON a.id = o.application_id
        WHERE o.status <> 'done' AND o.owner_id IS NOT NULL AND o.due_on < $1::date
          AND o.overdue_notified_on IS DISTINCT FROM o.due_on
        ORDER BY o.due_on, o.id`,
      [today],
    );
  }

  /** The item remembers which due date its owner was told about (in the notifying transaction). */
  async markOverdueNotified(m: EntityManager, id: string): Promise<void> {
    await m.query('UPDATE onboarding_item SET overdue_notified_on = due_on WHERE id = $1', [id]);
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Month by month (the last `months` months up to `until`): the applications that existed at
   * the month's end, how many had each usage type then (from the change log of applications;
   * an application never changed keeps its current type) and how many had each step done.
   */
  progress(agencyId: string, until: string, months: number): Promise<ProgressRow[]> {
    return this.dataSource.query(
      `WITH months AS (
         SELECT (date_trunc('month', $2::date) - make_interval(months => g))::date AS month
           FROM generate_series(0, $3::int - 1) g),
       apps AS (
         SELECT m.month, a.id,
                coalesce((SELECT c.after ->> 'usageType' FROM change_log c
                           WHERE c.entity_type = 'application' AND c.entity_id = a.id::text
                             AND c.after ? 'usageType'
                             AND c.at < m.month + interval '1 month'
                           ORDER BY c.at DESC, c.id DESC LIMIT 1), a.usage_type::text) AS usage
           FROM months m JOIN application a
             ON a.agency_id = $1 AND a.created_at < m.month + interval '1 month')
       SELECT to_char(m.month, 'YYYY-MM') AS month,
              (SELECT count(*)::int FROM apps WHERE apps.month = m.month) AS applications,
              coalesce((SELECT jsonb_object_agg(usage, n) FROM (
                 SELECT usage, count(*)::int AS n FROM apps WHERE apps.month = m.month GROUP BY usage) u), '{}')
                AS "byUsage",
              coalesce((SELECT jsonb_object_agg(item, n) FROM (
                 SELECT o.item, count(*)::int AS n FROM onboarding_item o
                  WHERE o.agency_id = $1 AND o.application_id IS NOT NULL AND o.status = 'done'
                    AND coalesce(o.done_on, o.updated_at::date) < m.month + interval '1 month'
                  GROUP BY o.item) s), '{}') AS "byStep"
         FROM months m ORDER BY m.month`,
      [agencyId, until, months],
    );
  }

  /** Integrations with the SPLP that counting evidence (submitted or accepted) supports. */
  evidencedSplpIntegrations(agencyId: string): Promise<{ peer: string; evidence: number }[]> {
    return this.dataSource.query(
      `SELECT i.peer_name AS peer, count(*)::int AS evidence
         FROM integration i
         JOIN integration_evidence ie ON ie.integration_id = i.id
         JOIN evidence e ON e.id = ie.evidence_id AND e.status IN ('submitted', 'accepted')
        WHERE i.agency_id = $1 AND i.with_target = 'splp'
        GROUP BY i.id, i.peer_name ORDER BY i.peer_name`,
      [agencyId],
    );
  }

  /** The hubs described by the imported hub data. */
  hubInstances(
    agencyId: string,
  ): Promise<{ name: string; level: string; platform: string; fileName: string | null }[]> {
    return this.dataSource.query(
      `SELECT h.name, h.level, h.platform, i.file_name AS "fileName"
         FROM hub_instance h LEFT JOIN hub_import i ON i.id = h.import_id
        WHERE h.agency_id = $1 ORDER BY h.name`,
      [agencyId],
    );
  }

  /** What the SPL records state by hand (any of them), or null without a record. */
  async statedSplpConnection(agencyId: string): Promise<boolean | null> {
    const rows: { stated: boolean | null }[] = await this.dataSource.query(
      'SELECT bool_or(connected_to_splp) AS stated FROM spl_instance WHERE agency_id = $1',
      [agencyId],
    );
    return rows[0]?.stated ?? null;
  }
}
