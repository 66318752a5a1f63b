import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Agency } from './agency.entity';

export interface AgencySummary {
  id: string;
  code: string;
  name: string;
  kind: string;
  areaCode: string | null;
  parentId: string | null;
  units: number;
  i7: number | null;
  i18: number | null;
  coverage: number | null;
}

export interface DashboardHeader {
  agency: Pick<Agency, 'id' | 'code' | 'name' | 'kind' | 'areaCode'>;
  period: { id: string; year: number; edition: string; stage: string } | null;
  units: { id: string; name: string; code: string }[];
}

/** The agency table and the national list read from it with the stored levels. */
@Injectable()
export class AgenciesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string): Promise<Agency | null> {
    return this.dataSource.getRepository(Agency).findOne({ where: { id } });
  }

  /**
   * What the agency dashboard shows around the levels, in one statement: the agency, the period
   * (the year asked for, else the latest) and the unit names. Undefined when the agency is unknown.
   */
  async dashboardHeader(agencyId: string, year: number | null): Promise<DashboardHeader | undefined> {
    const rows: DashboardHeader[] = await this.dataSource.query(DASHBOARD_HEADER_SQL, [agencyId, year]);
    return rows[0];
  }

  /** Changes whenever the national list for the period would read differently. */
  async summariesFingerprint(periodId: string | null): Promise<string> {
    const [{ fingerprint }]: { fingerprint: string }[] = await this.dataSource.query(FINGERPRINT_SQL, [
      periodId,
    ]);
    return fingerprint;
  }

  /** Every agency in name order with its stored levels for the period (none without one). */
  async summaries(periodId: string | null): Promise<AgencySummary[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(SUMMARIES_SQL, [periodId]);
    return rows.map((r) => ({
      id: r.id as string,
      code: r.code as string,
      name: r.name as string,
      kind: r.kind as string,
      areaCode: r.area_code as string | null,
      parentId: r.parent_id as string | null,
      units: r.units as number,
      i7: (r.i7 as number | null) ?? null,
      i18: (r.i18 as number | null) ?? null,
      coverage: r.coverage === null || r.coverage === undefined ? null : Number(r.coverage),
    }));
  }
}

/** Changes whenever an agency is added, removed or edited, or a result of the period is stored. */
const FINGERPRINT_SQL = `
  SELECT (SELECT count(*) || ':' || coalesce(sum(extract(epoch FROM updated_at)), 0) FROM agency) || '|' ||
         (SELECT count(*) || ':' || coalesce(sum(extract(epoch FROM computed_at)), 0)
            FROM score_snapshot WHERE period_id = $1::uuid) AS fingerprint`;

/** One pass per table (grouped joins), not one subquery per agency. */
const SUMMARIES_SQL = `
  SELECT a.id, a.code, a.name, a.kind, a.area_code, a.parent_id, coalesce(u.units, 0)::int AS units,
         l.i7, l.i18, l.coverage
    FROM agency a
    LEFT JOIN (SELECT agency_id, count(*) AS units FROM unit GROUP BY agency_id) u ON u.agency_id = a.id
    LEFT JOIN (SELECT agency_id, max(level) FILTER (WHERE indicator = 7) AS i7,
                      max(level) FILTER (WHERE indicator = 18) AS i18,
                      max(coverage) FILTER (WHERE indicator = 18) AS coverage
                 FROM level_result
                WHERE period_id = $1::uuid AND basis = 'supported' AND unit_key = ''
                GROUP BY agency_id) l ON l.agency_id = a.id
   ORDER BY a.name, a.id`;

const DASHBOARD_HEADER_SQL = `
  SELECT json_build_object('id', a.id, 'code', a.code, 'name', a.name, 'kind', a.kind, 'areaCode', a.area_code) AS agency,
         (SELECT json_build_object('id', p.id, 'year', p.year, 'edition', p.edition, 'stage', p.stage)
            FROM period p WHERE $2::int IS NULL OR p.year = $2 ORDER BY p.year DESC LIMIT 1) AS period,
         (SELECT coalesce(json_agg(json_build_object('id', u.id, 'name', u.name, 'code', u.code) ORDER BY u.name), '[]')
            FROM unit u WHERE u.agency_id = a.id) AS units
    FROM agency a WHERE a.id = $1`;
