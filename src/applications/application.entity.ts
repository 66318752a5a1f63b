import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { AgencyOwnedEntity } from '../common/agency-owned.entity';
import { Unit } from '../units/unit.entity';

export const EXCHANGE_MODES = ['spl', 'point_to_point', 'none'] as const;
export type ExchangeMode = (typeof EXCHANGE_MODES)[number];

/** An application of a unit, and how it exchanges data: through the SPL counts, host-to-host never does. */
@Entity('application')
@Index('application_unit_name_uq', ['unitId', 'name'], { unique: true })
export class Application extends AgencyOwnedEntity {
  @Index()
  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => Unit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'enum', enum: EXCHANGE_MODES, enumName: 'exchange_mode', default: 'none' })
  exchange!: ExchangeMode;
}
