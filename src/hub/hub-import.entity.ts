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
import { Agency } from '../agencies/agency.entity';
import { User } from '../users/user.entity';
import type { ImportFormat, RowProblem } from './parsers';

export const HUB_IMPORT_CHANNELS = ['web', 'api', 'cli'] as const;
export type HubImportChannel = (typeof HUB_IMPORT_CHANNELS)[number];
export type HubImportStatus = 'imported' | 'rejected';

export interface HubImportCounts {
  rowsRead: number;
  accepted: number;
  rejected: number;
  records: number;
}

/**
 * The provenance of one hub file: what it was, who sent it, when, through which channel and what
 * it held. Successful imports are unique per agency and content hash (a partial unique index in
 * the migration), so the same file sent again is recognised and changes nothing.
 */
@Entity('hub_import')
@Index('hub_import_agency_idx', ['agencyId', 'importedAt'])
@Index('hub_import_sha_uq', { synchronize: false })
@Check('hub_import_channel', `channel IN ('web', 'api', 'cli')`)
@Check('hub_import_status', `status IN ('imported', 'rejected')`)
@Check('hub_import_format', `format IN ('F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8')`)
export class HubImport {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'hub_import_pkey' })
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'hub_import_agency_fk' })
  agency?: Agency;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'bigint' })
  bytes!: string;

  /** Unset for a file refused before its format was known (kept in the history with its reason). */
  @Column({ type: 'text', nullable: true })
  format!: ImportFormat | null;

  @Column({ type: 'text', nullable: true })
  variant!: string | null;

  @Column({ name: 'hub_id', type: 'text', nullable: true })
  hubId!: string | null;

  @Column({ name: 'skip_bad', type: 'boolean', default: false })
  skipBad!: boolean;

  @Column({ type: 'text' })
  channel!: HubImportChannel;

  @Column({ name: 'imported_by', type: 'uuid', nullable: true })
  importedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'imported_by', foreignKeyConstraintName: 'hub_import_user_fk' })
  importer?: User | null;

  @CreateDateColumn({ name: 'imported_at', type: 'timestamptz' })
  importedAt!: Date;

  @Column({ type: 'jsonb' })
  counts!: HubImportCounts;

  @Column({ type: 'jsonb' })
  problems!: RowProblem[];

  @Column({ name: 'problems_truncated', type: 'boolean', default: false })
  problemsTruncated!: boolean;

  @Column({ type: 'text' })
  status!: HubImportStatus;
}
