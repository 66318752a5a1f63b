import { Column, Entity, JoinTable, ManyToMany, OneToMany } from 'typeorm';
import { AgencyOwnedEntity } from '../common/agency-owned.entity';
import { Evidence } from '../evidence/evidence.entity';
import { Unit } from '../units/unit.entity';
import { FollowUp } from './follow-up.entity';

export const REVIEW_SUBJECTS = ['spl', 'policy'] as const;
export type ReviewSubject = (typeof REVIEW_SUBJECTS)[number];

/** A periodic review and evaluation of the SPL (Indicator 18) or of the policy (Indicator 7). */
@Entity('review')
export class Review extends AgencyOwnedEntity {
  @Column({ type: 'enum', enum: REVIEW_SUBJECTS, enumName: 'review_subject' })
  subject!: ReviewSubject;

  @Column({ type: 'date' })
  date!: string;

  @Column({ name: 'all_units', type: 'boolean', default: true })
  allUnits!: boolean;

  @ManyToMany(() => Unit)
  @JoinTable({
    name: 'review_unit',
    joinColumn: { name: 'review_id' },
    inverseJoinColumn: { name: 'unit_id' },
  })
  units?: Unit[];

  @Column({ type: 'text', nullable: true })
  findings!: string | null;

  @OneToMany(() => FollowUp, (f) => f.review)
  followUps?: FollowUp[];

  // Read only: EvidenceRepository.replaceEvidenceOf writes the links (the table's one writer).
  @ManyToMany(() => Evidence, { persistence: false })
  @JoinTable({
    name: 'review_evidence',
    joinColumn: { name: 'review_id' },
    inverseJoinColumn: { name: 'evidence_id' },
  })
  evidence?: Evidence[];
}
