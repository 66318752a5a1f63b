import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Period, PeriodStage } from '../../periods/period.entity';

/** A person who still has work in the closing stage, and what that work is. */
export interface DeadlineRecipient {
  userId: string;
  /** coordinator: the agency has not submitted; answer: interview questions are open; evaluator: undecided items. */
  role: 'coordinator' | 'answer' | 'evaluator';
  agencyId: string | null;
  agency: string | null;
  /** Undecided items (evaluators). */
  count: number;
}

/** Who has work left in a stage, per stage: the SQL of "still has work". */
const WORK_LEFT: Partial<Record<PeriodStage, string>> = {
  self_assessment: `
    SELECT u.id AS user_id, 'coordinator' AS role, u.agency_id, 0 AS count FROM app_user u
    WHERE u.active AND u.role = 'coordinator' AND u.agency_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM agency_submission s WHERE s.agency_id = u.agency_id AND s.period_id = $1)`,
  document_review: `
    SELECT ea.user_id, 'evaluator' AS role, NULL::uuid AS agency_id, count(*)::int AS count
    FROM evaluator_assignment ea
    JOIN evidence e ON e.agency_id = ea.agency_id AND e.period_id = ea.period_id AND e.status = 'submitted'
    JOIN agency_submission s ON s.agency_id = ea.agency_id AND s.period_id = ea.period_id
    JOIN app_user u ON u.id = ea.user_id AND u.active
    WHERE ea.period_id = $1 GROUP BY ea.user_id`,
  interview: `
    SELECT ea.user_id, 'evaluator' AS role, NULL::uuid AS agency_id, count(*)::int AS count
    FROM evaluator_assignment ea
    JOIN evidence e ON e.agency_id = ea.agency_id AND e.period_id = ea.period_id AND e.status = 'submitted'
    JOIN agency_submission s ON s.agency_id = ea.agency_id AND s.period_id = ea.period_id
    JOIN app_user u ON u.id = ea.user_id AND u.active
    WHERE ea.period_id = $1 GROUP BY ea.user_id
    UNION ALL
    SELECT DISTINCT ON (u.id) u.id, 'answer', u.agency_id, 0 FROM app_user u
    JOIN interview_round r ON r.agency_id = u.agency_id AND r.period_id = $1
      AND r.closed_at IS NULL AND r.answered_at IS NULL
    WHERE u.active AND u.role = 'coordinator'`,
};

@Injectable()
export class DeadlineRemindersRepository {
  /** The periods whose current stage has an end date (the scanner decides which are near). */
  async periodsWithDeadlines(m: EntityManager): Promise<Period[]> {
    const all = await m.getRepository(Period).find({ order: { year: 'ASC' } });
    return all.filter((p) => WORK_LEFT[p.stage] !== undefined);
  }

  /**
   * Records the reminder for everyone who still has work in the stage and was not reminded at
   * this threshold yet; answers those people. The primary key makes it once per person, even
   * with two instances scanning at the same moment.
   */
  async claim(m: EntityManager, period: Period, daysBefore: number): Promise<DeadlineRecipient[]> {
    const workLeft = WORK_LEFT[period.stage];
    if (!workLeft) return [];
    return m.query(
      `WITH work AS (${workLeft}),
       fresh AS (
         INSERT INTO deadline_reminder (period_id, stage, days_before, user_id)
         SELECT DISTINCT $1::uuid, $2::period_stage, $3::int, user_id FROM work
         ON CONFLICT DO NOTHING RETURNING user_id
       )
       SELECT DISTINCT ON (w.user_id) w.user_id AS "userId", w.role, w.agency_id AS "agencyId",
              a.name AS agency, w.count
       FROM work w JOIN fresh f ON f.user_id = w.user_id LEFT JOIN agency a ON a.id = w.agency_id
       ORDER BY w.user_id, w.role DESC`,
      [period.id, period.stage, daysBefore],
    );
  }
}
