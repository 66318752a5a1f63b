import { PERIOD_STAGES, Period } from '../../periods/period.entity';

/** The four stages with their dates, as every page shows them; `current` marks where the period is. */
export function stageTimeline(period: Period) {
  const ends: Record<string, string | null> = {
    self_assessment: period.selfAssessmentEnd,
    document_review: period.documentReviewEnd,
    interview: period.interviewEnd,
    final: period.finalDate,
  };
  const current = PERIOD_STAGES.indexOf(period.stage);
  return PERIOD_STAGES.map((stage, i) => ({
    stage,
    current: i === current,
    done: i < current,
    from: i === 0 ? period.selfAssessmentStart : (ends[PERIOD_STAGES[i - 1]] ?? null),
    until: ends[stage] ?? null,
  }));
}
