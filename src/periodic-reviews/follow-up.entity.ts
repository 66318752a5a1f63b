import { Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne } from 'typeorm';
import type { Relation } from 'typeorm';
import { AgencyOwnedEntity } from '../common/agency-owned.entity';
import { Evidence } from '../evidence/evidence.entity';
import { Review } from './review.entity';

export const FOLLOW_UP_STATUSES = ['planned', 'in_progress', 'done'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** An improvement action (tindak lanjut) answering a finding of a review. */
@Entity('follow_up')
export class FollowUp extends AgencyOwnedEntity {
  @Index()
  @Column({ name: 'review_id', type: 'uuid' })
  reviewId!: string;

  @ManyToOne(() => Review, (r) => r.followUps, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'review_id' })
  review?: Relation<Review>;

  @Column({ type: 'text' })
  finding!: string;

  @Column({ type: 'enum', enum: FOLLOW_UP_STATUSES, enumName: 'follow_up_status', default: 'planned' })
  status!: FollowUpStatus;

  @Column({ type: 'date', nullable: true })
  date!: string | null;

  // Read only: EvidenceRepository.replaceEvidenceOf writes the links (the table's one writer).
  @ManyToMany(() => Evidence, { persistence: false })
  @JoinTable({
    name: 'follow_up_evidence',
    joinColumn: { name: 'follow_up_id' },
    inverseJoinColumn: { name: 'evidence_id' },
  })
  evidence?: Evidence[];
}
