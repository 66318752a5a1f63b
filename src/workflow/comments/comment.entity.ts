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
import { Evidence } from '../../evidence/evidence.entity';

/** One message in a thread between the agency and its evaluators: per indicator or per evidence item. */
@Entity('workflow_comment')
@Check('workflow_comment_subject', '(indicator IS NULL) <> (evidence_id IS NULL)')
@Index('workflow_comment_indicator_idx', ['agencyId', 'periodId', 'indicator'])
@Index('workflow_comment_evidence_idx', ['evidenceId'])
export class Comment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'period_id', type: 'uuid' })
  periodId!: string;

  @Column({ type: 'smallint', nullable: true })
  indicator!: number | null;

  @Column({ name: 'evidence_id', type: 'uuid', nullable: true })
  evidenceId!: string | null;

  @ManyToOne(() => Evidence, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evidence_id', foreignKeyConstraintName: 'workflow_comment_evidence_fk' })
  evidence?: Evidence;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ name: 'author_name', type: 'text' })
  authorName!: string;

  @Column({ name: 'author_role', type: 'text' })
  authorRole!: string;

  @Column({ type: 'text' })
  body!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
