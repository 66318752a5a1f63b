import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Period } from '../periods/period.entity';

/** The coordinator's submission of an agency's assessment for a period; it locks the agency's data. */
@Entity('agency_submission')
export class AgencySubmission {
  @PrimaryColumn({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @PrimaryColumn({ name: 'period_id', type: 'uuid' })
  periodId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'agency_submission_agency_fk' })
  agency?: Agency;

  @ManyToOne(() => Period, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'period_id', foreignKeyConstraintName: 'agency_submission_period_fk' })
  period?: Period;

  @Column({ name: 'submitted_at', type: 'timestamptz', default: () => 'now()' })
  submittedAt!: Date;

  @Column({ name: 'submitted_by', type: 'uuid' })
  submittedBy!: string;

  @Column({ name: 'submitted_by_name', type: 'text' })
  submittedByName!: string;

  /** What the pre-submission check listed (claims above the supported level, drafts), as acknowledged. */
  @Column({ type: 'jsonb' })
  warnings!: Record<string, unknown>;
}
