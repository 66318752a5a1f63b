import { Column, Entity, JoinColumn, JoinTable, ManyToMany, ManyToOne } from 'typeorm';
import { AgencyOwnedEntity } from '../common/agency-owned.entity';
import { Evidence } from '../evidence/evidence.entity';
import { Unit } from '../units/unit.entity';

export const POLICY_FORMS = ['peraturan', 'keputusan', 'surat_edaran', 'instruksi', 'other'] as const;
export type PolicyForm = (typeof POLICY_FORMS)[number];
export const POLICY_STATUSES = ['draft', 'enacted'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

/** An internal policy (Peraturan/Keputusan of the agency head) on using the SPL: Indicator 7. */
@Entity('policy')
export class Policy extends AgencyOwnedEntity {
  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  number!: string | null;

  @Column({
    name: 'legal_form',
    type: 'enum',
    enum: POLICY_FORMS,
    enumName: 'policy_form',
    default: 'peraturan',
  })
  legalForm!: PolicyForm;

  @Column({ type: 'enum', enum: POLICY_STATUSES, enumName: 'policy_status', default: 'draft' })
  status!: PolicyStatus;

  @Column({ type: 'date' })
  date!: string;

  @Column({ name: 'all_units', type: 'boolean', default: true })
  allUnits!: boolean;

  @ManyToMany(() => Unit)
  @JoinTable({
    name: 'policy_unit',
    joinColumn: { name: 'policy_id' },
    inverseJoinColumn: { name: 'unit_id' },
  })
  units?: Unit[];

  @Column({ name: 'regulates_spl_use', type: 'boolean', default: true })
  regulatesSplUse!: boolean;

  @Column({ name: 'regulates_splp_connection', type: 'boolean', default: false })
  regulatesSplpConnection!: boolean;

  @Column({ name: 'replaces_id', type: 'uuid', nullable: true })
  replacesId!: string | null;

  @ManyToOne(() => Policy, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'replaces_id' })
  replaces?: Policy | null;

  // Read only: EvidenceRepository.replaceEvidenceOf writes the links (the table's one writer).
  @ManyToMany(() => Evidence, { persistence: false })
  @JoinTable({
    name: 'policy_evidence',
    joinColumn: { name: 'policy_id' },
    inverseJoinColumn: { name: 'evidence_id' },
  })
  evidence?: Evidence[];
}
