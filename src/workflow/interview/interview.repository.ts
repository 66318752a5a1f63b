import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { InterviewRound } from './interview-round.entity';

export interface RoundView {
  id: string;
  evidenceId: string;
  evidenceTitle: string;
  roundNo: number;
  question: string;
  openedByName: string;
  openedAt: Date;
  answer: string | null;
  answeredByName: string | null;
  answeredAt: Date | null;
  answerFiles: Record<string, unknown>[] | null;
  closedAt: Date | null;
  outcome: string | null;
}

const ROUND_COLUMNS = `r.id, r.evidence_id AS "evidenceId", e.title AS "evidenceTitle", r.round_no AS "roundNo",
  r.question, r.opened_by_name AS "openedByName", r.opened_at AS "openedAt", r.answer,
  r.answered_by_name AS "answeredByName", r.answered_at AS "answeredAt", r.answer_files AS "answerFiles",
  r.closed_at AS "closedAt", r.outcome`;

@Injectable()
export class InterviewRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every round of the agency in the period, newest first, with the item's title. */
  rounds(agencyId: string, periodId: string): Promise<RoundView[]> {
    return this.dataSource.query(
      `SELECT ${ROUND_COLUMNS} FROM interview_round r JOIN evidence e ON e.id = r.evidence_id
       WHERE r.agency_id = $1 AND r.period_id = $2 ORDER BY r.opened_at DESC, r.round_no DESC`,
      [agencyId, periodId],
    );
  }

  /** The open round of each item, if any. */
  openRounds(evidenceIds: string[]): Promise<RoundView[]> {
    return this.dataSource.query(
      `SELECT ${ROUND_COLUMNS} FROM interview_round r JOIN evidence e ON e.id = r.evidence_id
       WHERE r.evidence_id = ANY($1::uuid[]) AND r.closed_at IS NULL`,
      [evidenceIds],
    );
  }

  async lock(roundId: string, agencyId: string, m: EntityManager): Promise<InterviewRound | null> {
    await m.query('SELECT 1 FROM interview_round WHERE id = $1 FOR UPDATE', [roundId]);
    return m.getRepository(InterviewRound).findOne({ where: { id: roundId, agencyId } });
  }

  async nextRoundNo(evidenceId: string, m: EntityManager): Promise<number> {
    const rows: { n: number }[] = await m.query(
      'SELECT coalesce(max(round_no), 0)::int + 1 AS n FROM interview_round WHERE evidence_id = $1',
      [evidenceId],
    );
    return rows[0].n;
  }

  async filesAddedSince(evidenceId: string, since: Date, m: EntityManager): Promise<number> {
    const rows: { n: number }[] = await m.query(
      'SELECT count(*)::int AS n FROM evidence_file WHERE evidence_id = $1 AND uploaded_at > $2',
      [evidenceId, since],
    );
    return rows[0].n;
  }

  currentFiles(evidenceId: string, m: EntityManager): Promise<Record<string, unknown>[]> {
    return m.query(
      `SELECT id, original_name AS name, sha256, slot, revision, uploaded_at AS "uploadedAt"
       FROM evidence_file WHERE evidence_id = $1 AND is_current ORDER BY slot`,
      [evidenceId],
    );
  }

  /** A new round on the item, opened by `by`; its id. */
  async insertRound(
    m: EntityManager,
    round: { agencyId: string; periodId: string; evidenceId: string; roundNo: number; question: string },
    by: { userId: string; username: string },
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO interview_round (agency_id, period_id, evidence_id, round_no, question, opened_by, opened_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        round.agencyId,
        round.periodId,
        round.evidenceId,
        round.roundNo,
        round.question,
        by.userId,
        by.username,
      ],
    );
    return rows[0].id;
  }

  /** The agency's answer, with the files current when it was given. */
  async answerRound(
    m: EntityManager,
    roundId: string,
    answer: { comment: string | null; files: Record<string, unknown>[] },
    by: { userId: string; username: string },
  ): Promise<void> {
    await m.query(
      `UPDATE interview_round SET answer = $2, answered_by = $3, answered_by_name = $4, answered_at = now(),
         answer_files = $5::jsonb WHERE id = $1`,
      [roundId, answer.comment, by.userId, by.username, JSON.stringify(answer.files)],
    );
  }

  /** Closes the item's open round with the decision taken on it. */
  async closeOpenRound(
    m: EntityManager,
    evidenceId: string,
    closedBy: string,
    outcome: string,
  ): Promise<void> {
    await m.query(
      `UPDATE interview_round SET closed_at = now(), closed_by = $2, outcome = $3
       WHERE evidence_id = $1 AND closed_at IS NULL`,
      [evidenceId, closedBy, outcome],
    );
  }
}
