import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { VersionedEntity } from '../common/base.entity';

export const AGENCY_KINDS = ['ministry', 'agency', 'province', 'regency', 'city'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** The evaluated instansi: a ministry or agency, or a province, regency or city government. */
@Entity('agency')
export class Agency extends VersionedEntity {
  @Index('agency_code_uq', { unique: true })
  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: AGENCY_KINDS, enumName: 'agency_kind' })
  kind!: AgencyKind;

  /** Kode wilayah (Kemendagri): 2 digits for a province, `dd.dd` for a regency or city. */
  @Column({ name: 'area_code', type: 'text', nullable: true })
  areaCode!: string | null;

  @Column({ type: 'text', nullable: true })
  domain!: string | null;

  @Index('agency_parent_idx')
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Agency, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Agency | null;
}
