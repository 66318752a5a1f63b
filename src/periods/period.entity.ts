import { Check, Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../common/base.entity';

export const PERIOD_STAGES = ['self_assessment', 'document_review', 'interview', 'final'] as const;
export type PeriodStage = (typeof PERIOD_STAGES)[number];
export const EDITIONS = ['A', 'B', 'C'] as const;
export type Edition = (typeof EDITIONS)[number];

/** One yearly evaluation: which framework and criteria edition apply, and where it stands. */
@Entity('period')
@Check('period_coverage_target', 'coverage_target > 0 AND coverage_target <= 1')
@Check('period_review_window', 'review_window_months BETWEEN 1 AND 60')
export class Period extends VersionedEntity {
  @Index('period_year_uq', { unique: true })
  @Column({ type: 'int' })
  year!: number;

  @Column({ name: 'framework_version', type: 'text', default: 'spbe-2020' })
  frameworkVersion!: string;

  /** The version of that framework's package; null: the version shipped with the build. */
  @Column({ name: 'framework_package_version', type: 'text', nullable: true })
  frameworkPackageVersion!: string | null;

  @Column({ type: 'enum', enum: EDITIONS, enumName: 'criteria_edition', default: 'B' })
  edition!: Edition;

  /** Exact decimal (e.g. "0.800"); only edition C uses a value below 1. */
  @Column({ name: 'coverage_target', type: 'numeric', precision: 4, scale: 3, default: 1 })
  coverageTarget!: string;

  /**
   * Months a review stays in the window (a reading of "secara periodik"); null: the edition's
   * default (src/framework/review-window.ts).
   */
  @Column({ name: 'review_window_months', type: 'int', nullable: true })
  reviewWindowMonths!: number | null;

  @Column({ type: 'enum', enum: PERIOD_STAGES, enumName: 'period_stage', default: 'self_assessment' })
  stage!: PeriodStage;

  /** The assessment date: evidence dated after it does not count. */
  @Column({ name: 'as_of', type: 'date' })
  asOf!: string;

  @Column({ name: 'self_assessment_start', type: 'date', nullable: true })
  selfAssessmentStart!: string | null;

  @Column({ name: 'self_assessment_end', type: 'date', nullable: true })
  selfAssessmentEnd!: string | null;

  @Column({ name: 'document_review_end', type: 'date', nullable: true })
  documentReviewEnd!: string | null;

  @Column({ name: 'interview_end', type: 'date', nullable: true })
  interviewEnd!: string | null;

  @Column({ name: 'final_date', type: 'date', nullable: true })
  finalDate!: string | null;
}
