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
}
