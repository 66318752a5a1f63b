import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { escapeLike } from '../common/sql';

export type RollupBasis = 'supported' | 'verified';

/** Which agencies a roll-up covers: all (null) or some ids, optionally narrowed by area and kind. */
export interface RollupScope {
  agencyIds: string[] | null;
  /** Kode wilayah prefix: "33" is the province and its regencies and cities. */
  area?: string;
  kind?: string;
}

export interface RollupRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  areaCode: string | null;
  levels: Record<'7' | '18', { supported: number | null; verified: number | null; validated: number | null }>;
  coverage: number | null;
}

export interface PackageFigures {
  /** The stored predicate as JSON text ({"id":"Baik","en":"Developing"}); null: no complete index. */
  predicates: { predicate: string | null; agencies: number }[];
  levels: { level: number | null; indicators: number }[];
}

export interface RollupCursor {
  name: string;
  id: string;
}

/** Roll-up reads: aggregates first (small), then the agencies in keyset pages (constant memory). */
@Injectable()
export class RollupRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async count(scope: RollupScope): Promise<number> {
    const where = scopeWhere(scope, []);
    const rows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM agency a WHERE ${where.sql}`,
      where.params,
    );
    return rows[0].n;
  }

  /** How many agencies have each pair of levels (null: not computed yet) on one basis. */
  async levelPairs(
    periodId: string,
    scope: RollupScope,
    basis: RollupBasis,
  ): Promise<{ i7: number | null; i18: number | null; agencies: number }[]> {
    const where = scopeWhere(scope, [periodId, basis]);
    const rows: { i7: number | null; i18: number | null; agencies: number }[] = await this.dataSource.query(
      `SELECT l7.level AS i7, l18.level AS i18, count(*)::int AS agencies
         FROM agency a
         LEFT JOIN level_result l7 ON l7.agency_id = a.id AND l7.period_id = $1 AND l7.basis = $2::level_basis
              AND l7.indicator = 7 AND l7.unit_key = ''
         LEFT JOIN level_result l18 ON l18.agency_id = a.id AND l18.period_id = $1 AND l18.basis = $2::level_basis
              AND l18.indicator = 18 AND l18.unit_key = ''
        WHERE ${where.sql}
        GROUP BY 1, 2`,
      where.params,
    );
    return rows;
  }

  /** The gap codes most agencies share, from the stored engine output of the basis. */
  async commonGaps(
    periodId: string,
    scope: RollupScope,
    basis: RollupBasis,
    limit: number,
  ): Promise<{ code: string; agencies: number }[]> {
    const where = scopeWhere(scope, [periodId, limit]);
    const column = basis === 'verified' ? 's.verified' : 's.supported';
    return this.dataSource.query(
      `SELECT g.value->>'code' AS code, count(DISTINCT s.agency_id)::int AS agencies
         FROM score_snapshot s
         JOIN agency a ON a.id = s.agency_id
         CROSS JOIN LATERAL json_each(${column}->'indicators') AS i(key, value)
         CROSS JOIN LATERAL json_array_elements(coalesce(i.value->'next'->'missing', '[]'::json)) AS g(value)
        WHERE s.period_id = $1 AND ${where.sql}
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $2`,
      where.params,
    );
  }

  /**
   * A period on a framework package (Pemdi 2026), from the stored indices: how many agencies
   * hold each stored predicate (null: none stored yet, or incomplete), and how many indicator
   * levels of those agencies fall on each whole level (3.25 counts as 3; null: no level yet).
   */
  async packageFigures(periodId: string, scope: RollupScope): Promise<PackageFigures> {
    const where = scopeWhere(scope, [periodId]);
    const [predicates, levels] = await Promise.all([
      this.dataSource.query(
        `SELECT f.predicate, count(*)::int AS agencies
           FROM agency a
           LEFT JOIN framework_index_result f ON f.agency_id = a.id AND f.period_id = $1 AND f.complete
          WHERE ${where.sql}
          GROUP BY 1`,
        where.params,
      ) as Promise<{ predicate: string | null; agencies: number }[]>,
      this.dataSource.query(
        `SELECT floor((l.value->>'hundredths')::numeric / 100)::int AS level, count(*)::int AS indicators
           FROM framework_index_result f
           JOIN agency a ON a.id = f.agency_id
          CROSS JOIN LATERAL jsonb_each(f.levels->'levels') AS l(key, value)
          WHERE f.period_id = $1 AND ${where.sql}
          GROUP BY 1`,
        where.params,
      ) as Promise<{ level: number | null; indicators: number }[]>,
    ]);
    return { predicates, levels };
  }

  /** The next agencies after `after` in name order, with their levels on every basis. */
  async page(
    periodId: string,
    scope: RollupScope,
    after: RollupCursor | null,
    size: number,
  ): Promise<RollupRow[]> {
    const where = scopeWhere(scope, [periodId, size]);
    let keyset = '';
    if (after) {
      where.params.push(after.name, after.id);
      keyset = `AND (a.name, a.id) > ($${where.params.length - 1}::text, $${where.params.length}::uuid)`;
    }
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT a.id, a.code, a.name, a.kind, a.area_code,
              max(lr.level) FILTER (WHERE lr.indicator = 7 AND lr.basis = 'supported') AS s7,
              max(lr.level) FILTER (WHERE lr.indicator = 7 AND lr.basis = 'verified') AS v7,
              max(lr.level) FILTER (WHERE lr.indicator = 18 AND lr.basis = 'supported') AS s18,
              max(lr.level) FILTER (WHERE lr.indicator = 18 AND lr.basis = 'verified') AS v18,
              max(lr.coverage) FILTER (WHERE lr.indicator = 18 AND lr.basis = 'supported') AS coverage,
              (SELECT validated_level FROM assessment x
                WHERE x.agency_id = a.id AND x.period_id = $1 AND x.indicator = 7) AS val7,
              (SELECT validated_level FROM assessment x
                WHERE x.agency_id = a.id AND x.period_id = $1 AND x.indicator = 18) AS val18
         FROM agency a
         LEFT JOIN level_result lr ON lr.agency_id = a.id AND lr.period_id = $1 AND lr.unit_key = ''
        WHERE ${where.sql} ${keyset}
        GROUP BY a.id
        ORDER BY a.name, a.id
        LIMIT $2`,
      where.params,
    );
    const level = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return rows.map((r) => ({
      id: r.id as string,
      code: r.code as string,
      name: r.name as string,
      kind: r.kind as string,
      areaCode: r.area_code as string | null,
      levels: {
        '7': { supported: level(r.s7), verified: level(r.v7), validated: level(r.val7) },
        '18': { supported: level(r.s18), verified: level(r.v18), validated: level(r.val18) },
      },
      coverage: r.coverage === null || r.coverage === undefined ? null : Number(r.coverage),
    }));
  }
}

/** The scope as SQL over `agency a`, appending its parameters after `params`. */
function scopeWhere(scope: RollupScope, params: unknown[]): { sql: string; params: unknown[] } {
  const all = [...params];
  const parts = ['TRUE'];
  if (scope.agencyIds) {
    all.push(scope.agencyIds);
    parts.push(`a.id = ANY($${all.length}::uuid[])`);
  }
  if (scope.area) {
    all.push(`${escapeLike(scope.area)}%`);
    parts.push(`a.area_code LIKE $${all.length}`);
  }
  if (scope.kind) {
    all.push(scope.kind);
    parts.push(`a.kind::text = $${all.length}`);
  }
  return { sql: parts.join(' AND '), params: all };
}
