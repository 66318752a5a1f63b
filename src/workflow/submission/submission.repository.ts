import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface ItemRow {
  id: string;
  title: string;
  kind: string;
  status: string;
  statusReason: string | null;
  version: number;
}

export interface SubmissionRow {
  submittedAt: Date;
  submittedByName: string;
  warnings: Record<string, unknown>;
}

@Injectable()
export class SubmissionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(agencyId: string, periodId: string): Promise<SubmissionRow | null> {
    const rows: SubmissionRow[] = await this.dataSource.query(
      `SELECT submitted_at AS "submittedAt", submitted_by_name AS "submittedByName", warnings
       FROM agency_submission WHERE agency_id = $1 AND period_id = $2`,
      [agencyId, periodId],
    );
    return rows[0] ?? null;
  }

  itemsWithStatus(agencyId: string, periodId: string, statuses: string[]): Promise<ItemRow[]> {
    return this.dataSource.query(
      `SELECT id, title, kind, status, status_reason AS "statusReason", version FROM evidence
       WHERE agency_id = $1 AND period_id = $2 AND status::text = ANY($3::text[]) ORDER BY title, id`,
      [agencyId, periodId, statuses],
    );
  }

  /** Claimed level per indicator (claims above 0). */
  async claimedLevels(agencyId: string, periodId: string): Promise<Map<number, number>> {
    const rows: { indicator: number; level: number }[] = await this.dataSource.query(
      'SELECT indicator, claimed_level AS level FROM assessment WHERE agency_id = $1 AND period_id = $2 AND claimed_level > 0',
      [agencyId, periodId],
    );
    return new Map(rows.map((r) => [r.indicator, r.level]));
  }

  async claimedIndicators(agencyId: string, periodId: string, m?: EntityManager): Promise<number[]> {
    const rows: { indicator: number }[] = await (m ?? this.dataSource.manager).query(
      'SELECT indicator FROM assessment WHERE agency_id = $1 AND period_id = $2',
      [agencyId, periodId],
    );
    return rows.map((r) => r.indicator);
  }

  async insert(
    m: EntityManager,
    row: { agencyId: string; periodId: string; userId: string; userName: string; warnings: object },
  ): Promise<void> {
    await m.query(
      `INSERT INTO agency_submission (agency_id, period_id, submitted_by, submitted_by_name, warnings)
       VALUES ($1, $2, $3, $4, $5::jsonb)`,
      [row.agencyId, row.periodId, row.userId, row.userName, JSON.stringify(row.warnings)],
    );
  }

  /** Moves the claims to submitted; answers their ids for the history. */
  async submitClaims(agencyId: string, periodId: string, m: EntityManager): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await m.query(
      `UPDATE assessment SET status = 'submitted', version = version + 1, updated_at = now()
       WHERE agency_id = $1 AND period_id = $2 AND status = 'draft' RETURNING id`,
      [agencyId, periodId],
    );
    return rows.map((r) => r.id);
  }
}
