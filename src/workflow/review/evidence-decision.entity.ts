import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { EVIDENCE_STATUSES, Evidence, EvidenceStatus } from '../../evidence/evidence.entity';

export const DECISION_SOURCES = ['evaluator', 'internal'] as const;
export type DecisionSource = (typeof DECISION_SOURCES)[number];

/** Every decision on an evidence item, kept: who, on which version, with which reason. */
@Entity('evidence_decision')
@Check('evidence_decision_source', "source IN ('evaluator', 'internal')")
@Index('evidence_decision_evidence_idx', ['evidenceId', 'decidedAt'])
@Index('evidence_decision_agency_period_idx', ['agencyId', 'periodId'])
export class EvidenceDecision {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'period_id', type: 'uuid' })
  periodId!: string;

  @Column({ name: 'evidence_id', type: 'uuid' })
  evidenceId!: string;

  @ManyToOne(() => Evidence, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evidence_id', foreignKeyConstraintName: 'evidence_decision_evidence_fk' })
  evidence?: Evidence;

  @Column({ type: 'enum', enum: EVIDENCE_STATUSES, enumName: 'evidence_status' })
  status!: EvidenceStatus;

  @Column({ type: 'text' })
  source!: DecisionSource;

  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** The item's version the decision was made on. */
  @Column({ name: 'evidence_version', type: 'int' })
  evidenceVersion!: number;

  @Column({ name: 'decided_by', type: 'uuid' })
  decidedBy!: string;

  @Column({ name: 'decided_by_name', type: 'text' })
  decidedByName!: string;

  @CreateDateColumn({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}
