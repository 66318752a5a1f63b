import { Check, Column, Entity, Index } from 'typeorm';
import { AgencyOwnedEntity } from '../common/agency-owned.entity';

export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'reviewed', 'final'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** The agency's claim (nilai mandiri) and the evaluator's validated level, per indicator and period. */
@Entity('assessment')
@Index('assessment_agency_period_indicator_uq', ['agencyId', 'periodId', 'indicator'], { unique: true })
@Check(
  'assessment_levels',
  'claimed_level BETWEEN 0 AND 5 AND (validated_level IS NULL OR validated_level BETWEEN 0 AND 5)',
)
export class Assessment extends AgencyOwnedEntity {
  @Column({ name: 'period_id', type: 'uuid' })
  periodId!: string;

  @Column({ type: 'smallint' })
  indicator!: number;

  @Column({ name: 'claimed_level', type: 'smallint', default: 0 })
  claimedLevel!: number;

  @Column({ type: 'text', default: '' })
  justification!: string;

  @Column({ type: 'enum', enum: ASSESSMENT_STATUSES, enumName: 'assessment_status', default: 'draft' })
  status!: AssessmentStatus;

  @Column({ name: 'validated_level', type: 'smallint', nullable: true })
  validatedLevel!: number | null;

  @Column({ name: 'validation_note', type: 'text', nullable: true })
  validationNote!: string | null;

  /** The evidence a claim rests on (a Pemdi indicator entered as a level); empty for SPBE 2020. */
  @Column({ name: 'evidence_ids', type: 'uuid', array: true, default: () => "'{}'" })
  evidenceIds!: string[];
}
