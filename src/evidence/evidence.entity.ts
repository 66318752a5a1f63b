import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  OneToMany,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { AgencyOwnedEntity } from '../common/agency-owned.entity';
import { Period } from '../periods/period.entity';
import { Unit } from '../units/unit.entity';
import { EvidenceFile } from './evidence-file.entity';

export const EVIDENCE_KINDS = [
  'policy_draft',
  'policy_enacted',
  'meeting_minutes',
  'meeting_invitation',
  'activity_documentation',
  'operating_documentation',
  'integration_screenshot',
  'api_list',
  'architecture_diagram',
  'sop',
  'sla',
  'usage_report',
  'review_report',
  'follow_up_report',
  'before_after',
  'comparative_analysis',
  'splp_onboarding',
  'other',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EVIDENCE_STATUSES = ['draft', 'submitted', 'accepted', 'needs_revision', 'rejected'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

/**
 * A link item has its URL and the date it was captured, both or neither; only http(s) links of at
 * most 2,000 characters (the service checks the rest with the WHATWG parser).
 */
const LINK_CHECK = `(url IS NULL AND captured_at IS NULL) OR (url IS NOT NULL AND captured_at IS NOT NULL AND char_length(url) <= 2000 AND url ~ '^https?://')`;

/** Bukti dukung: a document (with file revisions) that proves a claimed level. */
@Entity('evidence')
@Index('evidence_agency_period_idx', ['agencyId', 'periodId', 'status'])
@Check('evidence_indicators', 'cardinality(indicators) > 0')
@Check('evidence_link', LINK_CHECK)
export class Evidence extends AgencyOwnedEntity {
  @Column({ name: 'period_id', type: 'uuid' })
  periodId!: string;

  @ManyToOne(() => Period, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'period_id' })
  period?: Period;

  @Column({ type: 'enum', enum: EVIDENCE_KINDS, enumName: 'evidence_kind' })
  kind!: EvidenceKind;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'document_number', type: 'text', nullable: true })
  documentNumber!: string | null;

  /** The date on the document, distinct from the upload time; it decides whether it counts. */
  @Column({ name: 'document_date', type: 'date' })
  documentDate!: string;

  /** SPBE indicators the evidence supports (7, 18). */
  @Column({ type: 'smallint', array: true })
  indicators!: number[];

  /** true: covers every unit; false with no units: agency-wide, covering no particular unit. */
  @Column({ name: 'all_units', type: 'boolean', default: false })
  allUnits!: boolean;

  @ManyToMany(() => Unit)
  @JoinTable({
    name: 'evidence_unit',
    joinColumn: { name: 'evidence_id' },
    inverseJoinColumn: { name: 'unit_id' },
  })
  units?: Unit[];

  @Column({ type: 'enum', enum: EVIDENCE_STATUSES, enumName: 'evidence_status', default: 'draft' })
  status!: EvidenceStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /**
   * A link item (tautan): the http(s) URL the evidence is at, instead of files. The server never
   * fetches it; its one file, if any, is a snapshot uploaded beside it.
   */
  @Column({ type: 'text', nullable: true })
  url!: string | null;

  /** When the link's content was seen (and its snapshot taken); set exactly when `url` is. */
  @Column({ name: 'captured_at', type: 'date', nullable: true })
  capturedAt!: string | null;

  /** Set when carried forward from last period's evidence; it must be re-confirmed. */
  @Column({ name: 'carried_from_id', type: 'uuid', nullable: true })
  carriedFromId!: string | null;

  @OneToMany(() => EvidenceFile, (f) => f.evidence)
  files?: Relation<EvidenceFile>[];
}
