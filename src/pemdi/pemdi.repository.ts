import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** An externally scored indicator's value, with where it comes from. */
export interface ExternalValueRow {
  id: string;
  indicator: number;
  /** Exact decimal as text, e.g. "3.25". */
  value: string;
  source: string;
  sourceUrl: string | null;
  sourceDate: string;
  version: number;
  updatedAt: Date;
}

export interface StoredIndexRow {
  agencyId: string;
  frameworkId: string;
  frameworkVersion: string;
  packageHash: string;
  /** Exact decimal as text, null while incomplete. */
  index: string | null;
  predicate: string | null;
  complete: boolean;
  levels: Record<string, unknown>;
  computedAt: Date;
}

/** An evidence item of the agency's period as the claim form lists it. */
export interface PeriodEvidenceRow {
  id: string;
  title: string;
  kind: string;
  /** "2026-03-01". */
  documentDate: string;
  status: string;
}

/** Every statement on the package levels of an agency: claims, external values, stored indices. */
@Injectable()
export class PemdiRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether the agency's results for the period are frozen (locks the row being read). */
  async isFrozen(m: EntityManager, agencyId: string, periodId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      'SELECT 1 FROM agency_freeze WHERE agency_id = $1 AND period_id = $2',
      [agencyId, periodId],
    );
    return rows.length > 0;
  }

  async externalValues(agencyId: string, periodId: string, m?: EntityManager): Promise<ExternalValueRow[]> {
    return (m ?? this.dataSource.manager).query(
      `SELECT id, indicator, value::text AS value, source, source_url AS "sourceUrl",
              to_char(source_date, 'YYYY-MM-DD') AS "sourceDate", version, updated_at AS "updatedAt"
         FROM external_indicator_value WHERE agency_id = $1 AND period_id = $2 ORDER BY indicator`,
      [agencyId, periodId],
    );
  }

  /** The row to change, locked; null when there is none yet. */
  async lockExternal(
    m: EntityManager,
    agencyId: string,
    periodId: string,
    indicator: number,
  ): Promise<ExternalValueRow | null> {
    const rows: ExternalValueRow[] = await m.query(
      `SELECT id, indicator, value::text AS value, source, source_url AS "sourceUrl",
              to_char(source_date, 'YYYY-MM-DD') AS "sourceDate", version, updated_at AS "updatedAt"
         FROM external_indicator_value WHERE agency_id = $1 AND period_id = $2 AND indicator = $3 FOR UPDATE`,
      [agencyId, periodId, indicator],
    );
    return rows[0] ?? null;
  }

  async saveExternal(
    m: EntityManager,
    key: { agencyId: string; periodId: string; indicator: number },
    value: { value: string; source: string; sourceUrl: string | null; sourceDate: string; enteredBy: string },
  ): Promise<ExternalValueRow> {
    const rows: ExternalValueRow[] = await m.query(
      `INSERT INTO external_indicator_value
         (agency_id, period_id, indicator, value, source, source_url, source_date, entered_by, version)
       VALUES ($1, $2, $3, $4::numeric, $5, $6, $7, $8, 1)
       ON CONFLICT (agency_id, period_id, indicator) DO UPDATE
         SET value = EXCLUDED.value, source = EXCLUDED.source, source_url = EXCLUDED.source_url,
             source_date = EXCLUDED.source_date, entered_by = EXCLUDED.entered_by,
             version = external_indicator_value.version + 1, updated_at = now()
       RETURNING id, indicator, value::text AS value, source, source_url AS "sourceUrl",
                 to_char(source_date, 'YYYY-MM-DD') AS "sourceDate", version, updated_at AS "updatedAt"`,
      [
        key.agencyId,
        key.periodId,
        key.indicator,
        value.value,
        value.source,
        value.sourceUrl,
        value.sourceDate,
        value.enteredBy,
      ],
    );
    return rows[0];
  }

  /** Evidence ids among `ids` that are the agency's in the period. */
  async evidenceOf(m: EntityManager, agencyId: string, periodId: string, ids: string[]): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      'SELECT id FROM evidence WHERE agency_id = $1 AND period_id = $2 AND id = ANY($3::uuid[])',
      [agencyId, periodId, ids],
    );
    return rows.map((r) => r.id);
  }

  /** The agency's evidence items of the period, by title: what a claim may rest on. */
  async periodEvidence(agencyId: string, periodId: string): Promise<PeriodEvidenceRow[]> {
    return this.dataSource.query(
      `SELECT id, title, kind, document_date::text AS "documentDate", status
         FROM evidence WHERE agency_id = $1 AND period_id = $2 ORDER BY title, id`,
      [agencyId, periodId],
    );
  }

  /** Titles and statuses of evidence items, for the pages and reports. */
  async evidenceTitles(ids: string[]): Promise<Map<string, { title: string; status: string }>> {
    if (!ids.length) return new Map();
    const rows: { id: string; title: string; status: string }[] = await this.dataSource.query(
      'SELECT id, title, status FROM evidence WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { title: r.title, status: r.status }]));
  }

  async storeIndex(
    m: EntityManager,
    periodId: string,
    row: Omit<StoredIndexRow, 'computedAt'>,
  ): Promise<void> {
    await m.query(
      `INSERT INTO framework_index_result
         (agency_id, period_id, framework_id, framework_version, package_hash, index, predicate, complete, levels)
       VALUES ($1, $2, $3, $4, $5, $6::numeric, $7, $8, $9::jsonb)
       ON CONFLICT (agency_id, period_id) DO UPDATE
         SET framework_id = EXCLUDED.framework_id, framework_version = EXCLUDED.framework_version,
             package_hash = EXCLUDED.package_hash, index = EXCLUDED.index, predicate = EXCLUDED.predicate,
             complete = EXCLUDED.complete, levels = EXCLUDED.levels, computed_at = now()`,
      [
        row.agencyId,
        periodId,
        row.frameworkId,
        row.frameworkVersion,
        row.packageHash,
        row.index,
        row.predicate,
        row.complete,
        JSON.stringify(row.levels),
      ],
    );
  }

  /** The stored indices of a period for the given agencies (all when null). */
  async storedIndices(periodId: string, agencyIds: string[] | null): Promise<Map<string, StoredIndexRow>> {
    const rows: StoredIndexRow[] = await this.dataSource.query(
      `SELECT agency_id AS "agencyId", framework_id AS "frameworkId", framework_version AS "frameworkVersion",
              package_hash AS "packageHash", index::text AS index, predicate, complete, levels,
              computed_at AS "computedAt"
         FROM framework_index_result
        WHERE period_id = $1 AND ($2::uuid[] IS NULL OR agency_id = ANY($2::uuid[]))`,
      [periodId, agencyIds],
    );
    return new Map(rows.map((r) => [r.agencyId, r]));
  }

  /** The frozen index of an agency, when its results were frozen on a package. */
  async frozenIndex(agencyId: string, periodId: string): Promise<Record<string, unknown> | null> {
    const rows: { packageIndex: Record<string, unknown> | null }[] = await this.dataSource.query(
      'SELECT package_index AS "packageIndex" FROM agency_freeze WHERE agency_id = $1 AND period_id = $2',
      [agencyId, periodId],
    );
    return rows[0]?.packageIndex ?? null;
  }
}
