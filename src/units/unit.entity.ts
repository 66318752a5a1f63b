import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { VersionedEntity } from '../common/base.entity';

export const UNIT_KINDS = [
  'dinas',
  'badan',
  'sekretariat',
  'inspektorat',
  'kecamatan',
  'bagian',
  'direktorat',
  'biro',
  'pusat',
  'other',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** A unit kerja / perangkat daerah (OPD). Out of scope only with a written reason. */
@Entity('unit')
@Index('unit_agency_code_uq', ['agencyId', 'code'], { unique: true })
@Check('unit_out_of_scope_reason', `in_scope OR length(btrim(coalesce(out_of_scope_reason, ''))) > 0`)
export class Unit extends VersionedEntity {
  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agency_id' })
  agency?: Agency;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: UNIT_KINDS, enumName: 'unit_kind', default: 'other' })
  kind!: UnitKind;

  @Column({ name: 'in_scope', type: 'boolean', default: true })
  inScope!: boolean;

  @Column({ name: 'out_of_scope_reason', type: 'text', nullable: true })
  outOfScopeReason!: string | null;
}
