import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { Evidence } from './evidence.entity';

/** One stored file revision of an evidence item; earlier revisions stay downloadable. */
@Entity('evidence_file')
@Index('evidence_file_sha_idx', ['agencyId', 'sha256'])
export class EvidenceFile {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'evidence_id', type: 'uuid' })
  evidenceId!: string;

  @ManyToOne(() => Evidence, (e) => e.files, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evidence_id' })
  evidence?: Relation<Evidence>;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  /** Files of one evidence item form slots (several files per item); revisions replace a slot. */
  @Column({ type: 'int', default: 1 })
  slot!: number;

  @Column({ type: 'int', default: 1 })
  revision!: number;

  @Column({ name: 'is_current', type: 'boolean', default: true })
  isCurrent!: boolean;

  @Index('evidence_file_key_uq', { unique: true })
  @Column({ name: 'storage_key', type: 'text' })
  storageKey!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bigint' })
  size!: string;

  @Column({ name: 'mime_type', type: 'text' })
  mimeType!: string;

  @Column({ name: 'original_name', type: 'text' })
  originalName!: string;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy!: string | null;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;
}
