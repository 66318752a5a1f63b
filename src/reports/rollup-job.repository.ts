import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import type { Lang } from '../i18n/i18n';
import type { RollupQuery } from './reports.dto';

/** queued until an instance takes the job from the queue; failed only when no attempt is left. */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** What the job needs to run again on any instance: who asked (as they were), and for what. */
export interface RollupRequest {
  actor: Actor;
  query: RollupQuery;
  lang: Lang;
}

export interface RollupJobRow {
  id: string;
  userId: string;
  year: number;
  request: RollupRequest;
  status: JobStatus;
  done: number;
  total: number | null;
  attempts: number;
  fileKey: string;
  fileName: string;
  createdAt: Date;
  finishedAt: Date | null;
  /** What ended a failed job. */
  error: string | null;
}

const COLUMNS = `id, user_id AS "userId", year, request, status, done, total, attempts,
  file_key AS "fileKey", file_name AS "fileName", created_at AS "createdAt", finished_at AS "finishedAt", error`;

@Injectable()
export class RollupJobRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(job: Pick<RollupJobRow, 'id' | 'userId' | 'year' | 'request' | 'fileKey' | 'fileName'>) {
    await this.dataSource.query(
      `INSERT INTO rollup_job (id, user_id, year, request, file_key, file_name) VALUES ($1, $2, $3, $4, $5, $6)`,
      [job.id, job.userId, job.year, JSON.stringify(job.request), job.fileKey, job.fileName],
    );
  }

  async find(id: string): Promise<RollupJobRow | undefined> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM rollup_job WHERE id = $1`, [
      id,
    ])) as RollupJobRow[];
    return rows[0];
  }

  /** The user's job that is queued or running, if any. */
  async unfinishedFor(userId: string): Promise<RollupJobRow | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM rollup_job WHERE user_id = $1 AND status IN ('queued', 'running')
        ORDER BY created_at DESC LIMIT 1`,
      [userId],
    )) as RollupJobRow[];
    return rows[0];
  }

  /** A new attempt starts from zero; null when the job is gone or already finished. */
  async begin(id: string): Promise<RollupJobRow | undefined> {
    const [rows] = (await this.dataSource.query(
      `UPDATE rollup_job SET status = 'running', attempts = attempts + 1, done = 0, total = NULL
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING ${COLUMNS}`,
      [id],
    )) as [RollupJobRow[], number];
    return rows[0];
  }

  async progress(id: string, done: number, total: number | null): Promise<void> {
    await this.dataSource.query('UPDATE rollup_job SET done = $2, total = $3 WHERE id = $1', [
      id,
      done,
      total,
    ]);
  }

  /** Ends a job that has not ended yet; a failure keeps its error. */
  async finish(id: string, status: 'done' | 'failed', error: string | null = null): Promise<void> {
    await this.dataSource.query(
      `UPDATE rollup_job SET status = $2, error = $3, finished_at = now(),
              done = CASE WHEN $2 = 'done' THEN coalesce(total, done) ELSE done END
        WHERE id = $1 AND status IN ('queued', 'running')`,
      [id, status, error],
    );
  }

  /** Removes jobs finished longer ago than `keepMs`; returns their file keys for the caller to delete. */
  async removeFinishedBefore(keepMs: number): Promise<string[]> {
    const [rows] = (await this.dataSource.query(
      `DELETE FROM rollup_job WHERE finished_at < now() - $1 * interval '1 millisecond' RETURNING file_key AS "fileKey"`,
      [keepMs],
    )) as [Array<{ fileKey: string }>, number];
    return rows.map((r) => r.fileKey);
  }
}
