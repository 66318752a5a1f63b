import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { EVIDENCE_STATUSES, Evidence, EvidenceStatus } from '../../evidence/evidence.entity';

/**
 * One interview round on one evidence item: the evaluator's question reopens the item, the
 * agency answers (a comment, new files on the item, or both), the evaluator's next decision
 * closes it. Rounds are never deleted: every round of an item is kept.
 */
@Entity('interview_round')
@Index('interview_round_evidence_uq', ['evidenceId', 'roundNo'], { unique: true })
@Index('interview_round_agency_period_idx', ['agencyId', 'periodId'])
export class InterviewRound {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'period_id', type: 'uuid' })
  periodId!: string;

  @Column({ name: 'evidence_id', type: 'uuid' })
  evidenceId!: string;

  @ManyToOne(() => Evidence, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evidence_id', foreignKeyConstraintName: 'interview_round_evidence_fk' })
  evidence?: Evidence;

  @Column({ name: 'round_no', type: 'int' })
  roundNo!: number;

  @Column({ type: 'text' })
  question!: string;

  @Column({ name: 'opened_by', type: 'uuid' })
  openedBy!: string;

  @Column({ name: 'opened_by_name', type: 'text' })
  openedByName!: string;

  @CreateDateColumn({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ type: 'text', nullable: true })
  answer!: string | null;

  @Column({ name: 'answered_by', type: 'uuid', nullable: true })
  answeredBy!: string | null;

  @Column({ name: 'answered_by_name', type: 'text', nullable: true })
  answeredByName!: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  /** The item's current files when the agency answered (id, name, sha256, revision). */
  @Column({ name: 'answer_files', type: 'jsonb', nullable: true })
  answerFiles!: Record<string, unknown>[] | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedBy!: string | null;

  /** The decision that closed the round. */
  @Column({ type: 'enum', enum: EVIDENCE_STATUSES, enumName: 'evidence_status', nullable: true })
  outcome!: EvidenceStatus | null;
}
