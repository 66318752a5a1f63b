import { Column, Entity, JoinTable, ManyToMany } from 'typeorm';
import { AgencyOwnedEntity } from '../common/agency-owned.entity';
import { Evidence } from '../evidence/evidence.entity';

export const INTEGRATION_TARGETS = ['splp', 'other_spl'] as const;
export type IntegrationTarget = (typeof INTEGRATION_TARGETS)[number];

/** The agency's SPL connected to the national SPLP or to another agency's SPL. */
@Entity('integration')
export class Integration extends AgencyOwnedEntity {
  @Column({ name: 'with_target', type: 'enum', enum: INTEGRATION_TARGETS, enumName: 'integration_target' })
  withTarget!: IntegrationTarget;

  @Column({ name: 'peer_name', type: 'text' })
  peerName!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** Where the integration came from: entered by hand, or derived from imported hub data. */
  @Column({ type: 'text', default: 'manual' })
  source!: string;

  // Read only: EvidenceRepository.replaceEvidenceOf writes the links (the table's one writer).
  @ManyToMany(() => Evidence, { persistence: false })
  @JoinTable({
    name: 'integration_evidence',
    joinColumn: { name: 'integration_id' },
    inverseJoinColumn: { name: 'evidence_id' },
  })
  evidence?: Evidence[];
}
