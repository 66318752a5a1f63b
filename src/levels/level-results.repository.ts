import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Period } from '../periods/period.entity';
import type { ScoreOutput } from '../scoring/scoring.types';
import { type Scored, resultKey } from './batch-scoring';
import { ScoreSnapshot } from './level-result.entity';

export type { Scored } from './batch-scoring';

export interface StoredLevels {
  facts_hash: string;
  computed_at: Date;
  supported: ScoreOutput;
  verified: ScoreOutput;
}

/** The stored engine results: snapshots (facts and both outputs) and the level rows pages read. */
@Injectable()
export class LevelResultsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Makes the recomputes of these agencies take turns until the caller's transaction ends (in
   * agency order, so two callers never wait on each other). The facts are read after it: a write
   * that waited here reads what the one before it committed, so the last stored results always
   * include every committed change.
   */
  async lockAgencies(m: EntityManager, agencyIds: string[]): Promise<void> {
    await m.query(
      `SELECT count(pg_advisory_xact_lock(hashtext('levels'), hashtext(a)))
         FROM (SELECT DISTINCT a FROM unnest($1::text[]) AS a ORDER BY a) s`,
      [agencyIds],
    );
  }

  /**
   * Periods that are not final where some agency has no results of this engine (a new engine or
   * framework version, or an agency never scored), with every agency's id to recompute.
   */
  async staleOpenPeriods(engine: string): Promise<{ periods: Period[]; agencyIds: string[] }> {
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT p.id FROM period p
        WHERE p.stage <> 'final'
          AND EXISTS (SELECT 1 FROM agency a WHERE NOT EXISTS (
                SELECT 1 FROM score_snapshot s
                 WHERE s.agency_id = a.id AND s.period_id = p.id AND s.engine_key = $1))
        ORDER BY p.year`,
      [engine],
    );
    if (!ids.length) return { periods: [], agencyIds: [] };
    const periods = await this.dataSource.getRepository(Period).findBy({ id: In(ids.map((r) => r.id)) });
    const agencies: { id: string }[] = await this.dataSource.query('SELECT id FROM agency ORDER BY id');
    return { periods, agencyIds: agencies.map((r) => r.id) };
  }

  /** What the stored results of each agency were computed from, as {@link resultKey} writes it. */
  async storedKeys(m: EntityManager, periodId: string, agencyIds: string[]): Promise<Map<string, string>> {
    const rows: { agency_id: string; facts_hash: string; engine_key: string }[] = await m.query(
      `SELECT agency_id, facts_hash, engine_key FROM score_snapshot WHERE period_id = $1 AND agency_id = ANY($2)`,
      [periodId, agencyIds],
    );
    return new Map(rows.map((r) => [r.agency_id, resultKey(r.facts_hash, r.engine_key)]));
  }

  /**
   * The stored levels of an agency for a year as the JSON text the API answers, in one statement:
   * the stored outputs travel as text and are never parsed on the way.
   */
  async levelsJsonOf(agencyId: string, year: number): Promise<string | undefined> {
    const rows: { facts_hash: string; computed_at: Date; supported: string; verified: string }[] =
      await this.dataSource.query(
        `SELECT s.facts_hash, s.computed_at, s.supported::text AS supported, s.verified::text AS verified
           FROM score_snapshot s JOIN period p ON p.id = s.period_id
          WHERE p.year = $1 AND s.agency_id = $2`,
        [year, agencyId],
      );
    const row = rows[0];
    if (!row) return undefined;
    const head = { agencyId, year, factsHash: row.facts_hash, computedAt: row.computed_at.toISOString() };
    return `${JSON.stringify(head).slice(0, -1)},"supported":${row.supported},"verified":${row.verified}}`;
  }

  /** The stored levels of an agency for a year, in one statement and without the facts (the larger half). */
  async levelsOf(agencyId: string, year: number): Promise<StoredLevels | undefined> {
    const rows: StoredLevels[] = await this.dataSource.query(
      `SELECT s.facts_hash, s.computed_at, s.supported, s.verified
         FROM score_snapshot s JOIN period p ON p.id = s.period_id
        WHERE p.year = $1 AND s.agency_id = $2`,
      [year, agencyId],
    );
    return rows[0];
  }

  /**
   * The stored snapshot, read in one statement; when it is still the `known` one (same row,
   * facts and time), that is returned without reading the JSON again.
   */
  async snapshot(
    agencyId: string,
    periodId: string,
    known?: ScoreSnapshot,
  ): Promise<ScoreSnapshot | undefined> {
    const rows: (Omit<StoredLevels, 'supported' | 'verified'> & {
      id: string;
      same: boolean;
      facts: Record<string, unknown> | null;
      supported: Record<string, unknown> | null;
      verified: Record<string, unknown> | null;
    })[] = await this.dataSource.query(
      `SELECT id, facts_hash, computed_at, s.same,
              CASE WHEN s.same THEN NULL ELSE facts END AS facts,
              CASE WHEN s.same THEN NULL ELSE supported END AS supported,
              CASE WHEN s.same THEN NULL ELSE verified END AS verified
         FROM score_snapshot
         CROSS JOIN LATERAL (SELECT id::text = $3 AND facts_hash = $4 AND date_trunc('milliseconds', computed_at) = $5::timestamptz AS same) s
        WHERE agency_id = $1 AND period_id = $2`,
      [agencyId, periodId, known?.id ?? null, known?.factsHash ?? null, known?.computedAt ?? null],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.same && known) return known;
    return this.dataSource.getRepository(ScoreSnapshot).create({
      id: String(row.id),
      agencyId,
      periodId,
      factsHash: row.facts_hash,
      computedAt: row.computed_at,
      facts: row.facts,
      supported: row.supported!,
      verified: row.verified!,
    });
  }

  /**
   * Stores a batch in one statement: the snapshots (each JSON text its own parameter, so the
   * database parses it once), and the level rows, of which only the changed ones are written
   * and those of units gone are removed.
   */
  async store(m: EntityManager, periodId: string, results: Scored[]): Promise<void> {
    const rows = results.flatMap((r) => r.levels);
    const levels = [
      rows.map((r) => r.agencyId),
      rows.map((r) => r.basis),
      rows.map((r) => r.indicator),
      rows.map((r) => r.unitKey),
      rows.map((r) => r.level),
      rows.map((r) => r.coverage),
      results.map((r) => r.agencyId),
    ];
    const snapshots = results.flatMap((r) => [
      r.agencyId,
      r.hash,
      r.engine,
      r.storedFacts,
      r.supported,
      r.verified,
    ]);
    await m.query(storeSql(results.length), [periodId, ...levels, ...snapshots]);
  }
}

/** `$1` the period, `$2`..`$7` the level rows' columns, `$8` the agencies, then 6 per snapshot. */
function storeSql(snapshots: number): string {
  const values = Array.from({ length: snapshots }, (_, i) => {
    const p = 9 + i * 6;
    return `($${p}::uuid, $${p + 1}, $${p + 2}, $${p + 3}::json, $${p + 4}::json, $${p + 5}::json)`;
  });
  return `
  WITH snap AS (
    INSERT INTO score_snapshot (agency_id, period_id, facts_hash, engine_key, facts, supported, verified, computed_at)
    SELECT t.a, $1, t.h, t.e, t.f, t.s, t.v, now() FROM (VALUES ${values.join(', ')}) AS t(a, h, e, f, s, v)
    ON CONFLICT (agency_id, period_id) DO UPDATE SET facts_hash = EXCLUDED.facts_hash,
      engine_key = EXCLUDED.engine_key, facts = EXCLUDED.facts, supported = EXCLUDED.supported,
      verified = EXCLUDED.verified, computed_at = now()
    RETURNING 1),
  lv AS (
    SELECT * FROM unnest($2::uuid[], $3::level_basis[], $4::smallint[], $5::text[], $6::smallint[], $7::numeric[])
      AS t(a, b, i, u, l, c)),
  gone AS (
    DELETE FROM level_result r WHERE r.period_id = $1 AND r.agency_id = ANY($8::uuid[])
       AND NOT EXISTS (SELECT 1 FROM lv WHERE lv.a = r.agency_id AND lv.b = r.basis AND lv.i = r.indicator
                                           AND lv.u = r.unit_key)
    RETURNING 1),
  changed AS (
    INSERT INTO level_result (agency_id, period_id, basis, indicator, unit_key, level, coverage)
    SELECT a, $1, b, i, u, l, c FROM lv
    ON CONFLICT (agency_id, period_id, basis, indicator, unit_key) DO UPDATE
      SET level = EXCLUDED.level, coverage = EXCLUDED.coverage
      WHERE (level_result.level, level_result.coverage) IS DISTINCT FROM (EXCLUDED.level, EXCLUDED.coverage)
    RETURNING 1)
  SELECT (SELECT count(*) FROM snap) AS snapshots, (SELECT count(*) FROM gone) AS removed,
         (SELECT count(*) FROM changed) AS changed`;
}
